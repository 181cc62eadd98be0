//! The service loop: feeds Wi-Fi and IP results to the manager, runs its deadlines, and acts on
//! its events (auto-stop turns the transports off).

use embassy_futures::select::{select4, Either4};
use embassy_net::Stack;
use embassy_time::{Duration, Timer};
use esp_println::println;
use esprov_device::{ConnectedInfo, Event, WifiEvent};

use super::{now, publish_events, with, DEVICE, ENDED, WAKE};
use crate::wifi::{self, Command, COMMANDS, EVENTS};

/// Delay before a provisioned device retries a lost network (outside provisioning).
const RECONNECT_DELAY: Duration = Duration::from_secs(5);

/// What the loop knows about the station between wake-ups.
#[derive(Default)]
struct Link {
    /// Associated, waiting for DHCP: the manager hears "connected" only with an IP.
    associated: Option<ConnectedInfo>,
    /// Reported connected to the manager.
    up: bool,
}

/// Drives the manager forever: deadlines, Wi-Fi results, events.
#[embassy_executor::task]
pub async fn run(station: Stack<'static>) {
    let mut link = Link::default();
    loop {
        let deadline = DEVICE.lock().await.as_ref().and_then(|d| d.next_deadline());
        let timer = async {
            match deadline {
                Some(at) => Timer::at(embassy_time::Instant::from_millis(at.as_millis())).await,
                None => core::future::pending().await,
            }
        };
        let ip = async {
            if link.associated.is_some() && !link.up {
                station.wait_config_up().await
            } else {
                core::future::pending().await
            }
        };
        match select4(EVENTS.receive(), ip, WAKE.wait(), timer).await {
            Either4::First(event) => on_radio(&mut link, event).await,
            Either4::Second(()) => on_ip(&mut link, station).await,
            Either4::Third(()) | Either4::Fourth(()) => {}
        }
        with(|device| device.poll(now())).await;
        publish_events().await;
    }
}

async fn on_radio(link: &mut Link, event: wifi::Event) {
    match event {
        wifi::Event::Associated(info) => link.associated = Some(info),
        wifi::Event::Disconnected(reason) => {
            println!("Wi-Fi disconnected (reason {})", reason.0);
            *link = Link::default();
            let running = with(|device| {
                device.on_wifi_event(now(), WifiEvent::Disconnected { reason });
                device.is_running()
            })
            .await;
            if !running {
                reconnect_later().await;
            }
        }
        wifi::Event::ScanDone(records) => {
            with(|device| device.on_wifi_event(now(), WifiEvent::ScanDone(records))).await;
        }
    }
}

async fn on_ip(link: &mut Link, station: Stack<'static>) {
    let (Some(config), Some(mut info)) = (station.config_v4(), link.associated.clone()) else {
        return;
    };
    info.ip4 = config.address.address().octets();
    println!("Wi-Fi connected, IP {}", config.address.address());
    link.up = true;
    with(|device| device.on_wifi_event(now(), WifiEvent::Connected(info))).await;
}

/// Outside provisioning the application keeps the station on its stored network.
async fn reconnect_later() {
    Timer::after(RECONNECT_DELAY).await;
    connect_stored().await;
}

/// Connects with the stored credentials (boot path of a provisioned device).
pub async fn connect_stored() {
    let credentials = with(|device| device.store_mut().credentials()).await;
    match credentials {
        Some(credentials) => {
            if COMMANDS.try_send(Command::Connect(credentials)).is_err() {
                println!("Wi-Fi command queue full: reconnect dropped");
            }
        }
        None => println!("no stored network to connect to"),
    }
}

/// The boot log line for each event; credentials print with the passphrase redacted.
pub fn log_event(event: &Event) {
    match event {
        Event::Init => println!("Provisioning initialised"),
        Event::Start => println!("Provisioning started"),
        Event::CredRecv(credentials) => println!("Received Wi-Fi credentials {credentials:?}"),
        Event::CredFail(reason) => {
            println!("Provisioning failed: {reason:?}; reset the board to retry")
        }
        Event::CredSuccess => println!("Provisioning successful"),
        // This firmware has no 802.15.4 radio driver: no Thread node, so no dataset applies.
        Event::ThreadDatasetRecv | Event::ThreadDatasetFail(_) | Event::ThreadDatasetSuccess => {
            println!("Thread event {event:?} ignored: this firmware provisions Wi-Fi only")
        }
        Event::End => println!("Provisioning ended: stopping BLE/SoftAP/console"),
        Event::Deinit => println!("Provisioning deinitialised"),
    }
}

/// Auto-stop: transports see `ENDED` and shut down; the AP goes away.
pub fn end_provisioning() {
    ENDED.sender().send(true);
    if COMMANDS.try_send(Command::StopAccessPoint).is_err() {
        println!("Wi-Fi command queue full: SoftAP left on");
    }
}
