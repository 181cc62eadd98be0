//! The application's handle on provisioning: ESP-IDF's `wifi_prov_mgr_*` life cycle.

use embassy_executor::Spawner;
use embassy_net::Stack;
use embassy_sync::blocking_mutex::raw::CriticalSectionRawMutex;
use embassy_sync::pubsub::Subscriber;
use esp_hal::rng::{Trng, TrngSource};
use esp_println::println;
use esp_storage::FlashStorage;
use esprov_device::{Config as ManagerConfig, CustomHandler, Event, Manager};
use static_cell::StaticCell;

use crate::config::{Config, Scheme};
use crate::identity::Identity;
use crate::net::Stacks;
use crate::service::{self, Device, EVENTS, EVENT_DEPTH, EVENT_SUBSCRIBERS};
use crate::store::FlashStore;
use crate::{button, factory, net, qr, wifi, Error, Parts};

/// A stream of provisioning events (`embassy_sync` subscriber; see [`Provisioning::events`]).
pub type EventReceiver =
    Subscriber<'static, CriticalSectionRawMutex, Event, EVENT_DEPTH, EVENT_SUBSCRIBERS, 1>;

/// Subscribes to the events (init, start, credentials received, failed with the reason,
/// success, end, deinit); call it before [`init`] to see `Init`. `None` when all
/// subscriber slots are taken.
pub fn events() -> Option<EventReceiver> {
    EVENTS.subscriber().ok()
}

/// Provisioning, initialised: the handle the application drives it with.
pub struct Provisioning {
    scheme: Scheme,
    identity: Identity,
    stacks: Stacks,
    spawner: Spawner,
    transports: Option<Transports>,
}

/// Peripherals the transports take when provisioning starts.
struct Transports {
    bt: Option<esp_hal::peripherals::BT<'static>>,
    console: Option<crate::ConsolePort>,
}

/// Initialises provisioning (`wifi_prov_mgr_init`): TRNG, flash, factory data, Wi-Fi station,
/// IP stack and the manager; the BOOT button erases the stored network if held. Call once.
pub async fn init(spawner: Spawner, parts: Parts, config: Config) -> Result<Provisioning, Error> {
    static TRNG_SOURCE: StaticCell<TrngSource<'static>> = StaticCell::new();
    if TRNG_SOURCE
        .try_init(TrngSource::new(parts.rng, parts.adc1))
        .is_none()
    {
        return Err(Error::AlreadyInitialised);
    }
    let rng = Trng::try_new().map_err(|_| Error::Config("TRNG unavailable"))?;
    let mut flash = FlashStorage::new(parts.flash);
    let identity = Identity::resolve(&config, factory::read(&mut flash))?;
    let mut store = FlashStore::open(flash)?;
    if let Some(pin) = parts.boot_button {
        button::start(&spawner, pin, &mut store);
    }
    if let Some(serial) = &identity.serial {
        println!("factory data: device {serial}, service {}", identity.name);
    }
    let radio = wifi::start(parts.wifi, &spawner)?;
    let stacks = net::start(&spawner, radio.station, radio.access_point)?;
    let manager = Manager::new(
        manager_config(&config, &identity),
        wifi::Station,
        store,
        rng,
    );
    if !service::install(manager).await {
        return Err(Error::AlreadyInitialised);
    }
    let provisioning = Provisioning {
        scheme: config.scheme,
        identity,
        stacks,
        spawner,
        transports: Some(Transports {
            bt: parts.bt,
            console: parts.console,
        }),
    };
    provisioning.configure(&config).await?;
    crate::spawn(
        &spawner,
        service::run(provisioning.stacks.station),
        "service",
    )?;
    Ok(provisioning)
}

/// esprov-device's configuration from ours.
fn manager_config(config: &Config, identity: &Identity) -> ManagerConfig {
    let mut manager = ManagerConfig::new(identity.name.clone(), identity.security.clone());
    manager.sec_patch_ver = config.sec_patch_ver;
    manager.autostop_timeout_ms = u64::from(config.autostop_seconds) * 1000;
    manager.wifi_scan = config.wifi_scan;
    manager
}

impl Provisioning {
    /// App labels and custom endpoints, which the manager accepts before `start` only.
    async fn configure(&self, config: &Config) -> Result<(), Error> {
        self.manage(|device| {
            for app in &config.app_info {
                let caps: alloc::vec::Vec<&str> =
                    app.capabilities.iter().map(|c| c.as_str()).collect();
                device.set_app_info(&app.label, &app.version, &caps)?;
            }
            for name in &config.custom_endpoints {
                device.create_endpoint(name)?;
            }
            Ok(())
        })
        .await
    }

    /// Runs `f` on the manager, or fails after `deinit`.
    async fn manage<T>(
        &self,
        f: impl FnOnce(&mut Device) -> Result<T, esprov_device::ManagerError>,
    ) -> Result<T, Error> {
        service::try_with(f)
            .await
            .ok_or(Error::NotInitialised)?
            .map_err(Error::from)
    }

    /// Whether a network is stored (`wifi_prov_mgr_is_provisioned`).
    pub async fn is_provisioned(&self) -> bool {
        service::with(|device| device.is_provisioned().unwrap_or(false)).await
    }

    /// The service name clients look for (BLE name, SoftAP SSID).
    pub fn service_name(&self) -> &str {
        &self.identity.name
    }

    /// The station's IP stack: the application's network once connected.
    pub fn station(&self) -> Stack<'static> {
        self.stacks.station
    }

    /// Subscribes to the events from now on; see [`events`].
    pub fn events(&self) -> Option<EventReceiver> {
        events()
    }

    /// Keeps provisioning up after success so a client can re-provision; the transports stop
    /// `cleanup_delay_ms` after `stop` (`wifi_prov_mgr_disable_auto_stop`). Before `start`.
    pub async fn disable_auto_stop(&self, cleanup_delay_ms: u64) -> Result<(), Error> {
        self.manage(|device| device.disable_auto_stop(cleanup_delay_ms))
            .await
    }

    /// Starts the scheme's transports and the endpoints (`wifi_prov_mgr_start_provisioning`).
    pub async fn start(&mut self) -> Result<(), Error> {
        if let Some(why) = &self.identity.refusal {
            println!("Provisioning refused: {why}");
            return Err(why.clone());
        }
        let transports = self
            .transports
            .take()
            .ok_or(Error::Config("provisioning was already started"))?;
        service::ENDED.sender().send(false);
        self.manage(|device| device.start(service::now())).await?;
        service::publish_events().await;
        qr::print(&self.identity, self.scheme);
        let spawner = self.spawner;
        #[cfg(feature = "ble")]
        if self.scheme.uses_ble() {
            let bt = transports
                .bt
                .ok_or(Error::Config("the BLE scheme needs Parts::bt"))?;
            crate::ble::start(&spawner, bt, &self.identity)?;
        }
        #[cfg(feature = "softap")]
        if self.scheme.uses_softap() {
            net::start_access_point(&spawner, &mut self.stacks)?;
            wifi::start_access_point(&self.identity.name, &self.identity.service_key);
            crate::http::start(&spawner, self.stacks.access_point)?;
            crate::dhcp::start(&spawner, self.stacks.access_point)?;
            crate::mdns::start(&spawner, self.stacks.access_point, &self.identity.name)?;
        }
        #[cfg(feature = "console")]
        if self.scheme.uses_console() {
            let port = transports
                .console
                .ok_or(Error::Config("the console scheme needs Parts::console"))?;
            crate::console::start(&spawner, port)?;
        }
        let _ = transports;
        Ok(())
    }

    /// Resolves when provisioning has ended (`wifi_prov_mgr_wait`).
    pub async fn wait(&self) {
        crate::service::until_ended(core::future::pending()).await;
    }

    /// Stops provisioning now (`wifi_prov_mgr_stop_provisioning`); `End` follows after the
    /// cleanup delay and the transports release the radio.
    pub async fn stop(&self) {
        service::with(|device| device.stop(service::now())).await;
        service::WAKE.signal(());
    }

    /// Joins the stored network (the boot path of a provisioned device).
    pub async fn connect_stored(&self) {
        service::connect_stored().await;
    }

    /// Installs the handler of a custom endpoint named in [`Config::custom_endpoints`]
    /// (`wifi_prov_mgr_endpoint_register`); after `start`.
    pub async fn register_endpoint(
        &self,
        name: &str,
        handler: impl CustomHandler + 'static,
    ) -> Result<(), Error> {
        self.manage(|device| device.register_endpoint(name, handler))
            .await
    }

    /// Removes a custom endpoint's handler; requests to it fail from now on
    /// (`wifi_prov_mgr_endpoint_unregister`).
    pub async fn unregister_endpoint(&self, name: &str) -> Result<(), Error> {
        self.manage(|device| device.unregister_endpoint(name)).await
    }

    /// Ends provisioning at once if it runs and drops the manager (`wifi_prov_mgr_deinit`);
    /// the station and its IP stack stay for the application.
    pub async fn deinit(self) -> Stack<'static> {
        service::uninstall().await;
        self.stacks.station
    }
}
