//! The one provisioning manager (esprov-device) and the narrow door every transport uses:
//! open/close a session, hand a request over, get the response bytes or a refusal.

mod run;
mod security;

use alloc::string::String;
use alloc::vec::Vec;

use embassy_sync::blocking_mutex::raw::CriticalSectionRawMutex;
use embassy_sync::mutex::Mutex;
use embassy_sync::signal::Signal;
use embassy_sync::watch::Watch;
use esp_hal::rng::Trng;
use esp_println::println;
use esprov_device::{Config, EndpointInfo, Instant, Manager};

use crate::config;
use crate::store::FlashStore;
use crate::wifi::Station;

pub use run::{connect_stored, run};

/// The manager over the ESP32-C3 platform pieces.
pub type Device = Manager<Station, FlashStore, Trng>;

/// The manager; an async mutex, so a long handshake never masks interrupts.
static DEVICE: Mutex<CriticalSectionRawMutex, Option<Device>> = Mutex::new(None);
/// Wakes the service loop after a request may have armed a new deadline.
static WAKE: Signal<CriticalSectionRawMutex, ()> = Signal::new();
/// Becomes true when provisioning ended: transports shut down and free their memory.
static ENDED: Watch<CriticalSectionRawMutex, bool, 6> = Watch::new_with(false);

/// The manager's clock: milliseconds since boot.
pub fn now() -> Instant {
    Instant(embassy_time::Instant::now().as_millis())
}

/// Builds the manager from `config.toml`; the TRNG must be live (the radio keeps it so).
pub async fn init(name: &str, store: FlashStore) {
    let rng = match Trng::try_new() {
        Ok(rng) => rng,
        Err(e) => panic!("TRNG unavailable: {e:?}"),
    };
    let mut config = Config::new(name, security::from_config());
    config.sec_patch_ver = config::SEC2_PATCH;
    config.autostop_timeout_ms = u64::from(config::AUTOSTOP_SECONDS) * 1000;
    config.wifi_scan = config::WIFI_SCAN;
    let mut manager = Manager::new(config, Station, store, rng);
    if !config::APP_LABEL.is_empty() {
        if let Err(e) =
            manager.set_app_info(config::APP_LABEL, config::APP_VERSION, config::CAPABILITIES)
        {
            println!("app info rejected: {e}");
        }
    }
    *DEVICE.lock().await = Some(manager);
}

/// Starts provisioning: endpoints answer from now on.
pub async fn start() {
    with(|device| {
        if let Err(e) = device.start(now()) {
            println!("provisioning did not start: {e}");
        }
    })
    .await;
}

/// Runs `f` on the manager (a no-op before `init`).
async fn with<T: Default>(f: impl FnOnce(&mut Device) -> T) -> T {
    DEVICE.lock().await.as_mut().map(f).unwrap_or_default()
}

/// Like [`with`], for transports: the loop then rechecks deadlines the call may have armed.
async fn with_wake<T: Default>(f: impl FnOnce(&mut Device) -> T) -> T {
    let result = with(f).await;
    WAKE.signal(());
    result
}

/// A transport session began (BLE connection, new HTTP cookie).
pub async fn open(session: u32) {
    with_wake(|device| device.session_open(session)).await;
}

/// A transport session ended; its keys are dropped.
pub async fn close(session: u32) {
    with_wake(|device| device.session_close(session)).await;
}

/// Whether the endpoint exists now (HTTP answers 404 otherwise).
pub async fn has_endpoint(endpoint: &str) -> bool {
    with(|device| device.has_endpoint(endpoint)).await
}

/// One request; `None` means the transport must fail it the ESP-IDF way.
pub async fn handle(endpoint: &str, session: u32, request: &[u8]) -> Option<Vec<u8>> {
    with_wake(
        |device| match device.handle(now(), endpoint, session, request) {
            Ok(response) => Some(response),
            Err(e) => {
                println!("{endpoint}: request refused: {e}");
                None
            }
        },
    )
    .await
}

/// The endpoint table for the GATT server, names with their 16-bit BLE ids.
pub async fn endpoints() -> Vec<(String, u16)> {
    with(|device| {
        device
            .endpoints()
            .map(|e: &EndpointInfo| (String::from(e.endpoint.name()), e.ble_id))
            .collect()
    })
    .await
}

/// Runs a transport until provisioning ends; then the future (and its buffers) is dropped.
pub async fn until_ended(transport: impl core::future::Future<Output = ()>) {
    let Some(mut ended) = ENDED.receiver() else {
        return println!("no end-of-provisioning receiver left; transport not started");
    };
    let _ = embassy_futures::select::select(ended.changed_and(|done| *done), transport).await;
}

/// Forgets the stored network (BOOT long press); the next boot provisions again.
pub async fn erase_credentials() {
    with(|device| device.store_mut().wipe()).await;
}
