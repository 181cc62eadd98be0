//! The Wi-Fi station (and SoftAP) adapter: one task owns the driver and executes commands that
//! the manager issues; what the driver reports goes back to the manager as events.

mod reason;
mod station;
mod task;

use alloc::string::String;
use alloc::vec::Vec;

use esprov_device::{ApRecord, ConnectedInfo, DisconnectReason, ScanParams, WifiCredentials};

use embassy_executor::Spawner;
use embassy_sync::blocking_mutex::raw::CriticalSectionRawMutex;
use embassy_sync::channel::Channel;
use esp_hal::peripherals::WIFI;
use esp_radio::wifi::{ControllerConfig, Interface, WifiController};
use static_cell::StaticCell;

pub use reason::reason_code;
pub use station::Station;

/// What the manager (or boot logic) asks the radio to do.
pub enum Command {
    /// Join a network; an empty passphrase means an open network.
    Connect(WifiCredentials),
    /// Leave the network and stop retrying.
    Disconnect,
    /// Scan with the client's parameters and report the access points.
    Scan(ScanParams),
    /// Run the provisioning access point next to the station (AP+STA mode).
    StartAccessPoint {
        /// SSID = service name.
        ssid: String,
        /// WPA2 key or empty for an open AP.
        password: String,
    },
    /// Back to station-only mode: provisioning ended.
    StopAccessPoint,
}

/// What the radio reports back; the service merges it with the IP stack's view.
pub enum Event {
    /// Associated with an access point (the IP address comes later, from DHCP).
    Associated(ConnectedInfo),
    /// Association failed or was lost.
    Disconnected(DisconnectReason),
    /// A scan finished.
    ScanDone(Vec<ApRecord>),
}

/// Commands for the radio task; the manager's Wi-Fi trait pushes here without blocking.
pub static COMMANDS: Channel<CriticalSectionRawMutex, Command, 4> = Channel::new();
/// Driver reports for the service task.
pub static EVENTS: Channel<CriticalSectionRawMutex, Event, 8> = Channel::new();

/// The network interfaces the radio gives to the IP stacks.
pub struct Radio {
    /// Station interface (DHCP client).
    pub station: Interface,
    /// SoftAP interface (192.168.4.1).
    pub access_point: Interface,
}

/// Brings the Wi-Fi driver up in station mode and starts the task that owns it.
pub fn start(wifi: WIFI<'static>, spawner: &Spawner) -> Result<Radio, crate::Error> {
    static CONTROLLER: StaticCell<WifiController<'static>> = StaticCell::new();
    let controller = WifiController::new(wifi, ControllerConfig::default())
        .map_err(|_| crate::Error::Config("the Wi-Fi driver failed to start"))?;
    let controller = CONTROLLER.init(controller);
    crate::spawn(spawner, task::run(controller), "wifi")?;
    Ok(Radio {
        station: Interface::station(),
        access_point: Interface::access_point(),
    })
}

/// Asks the radio task to open the provisioning access point (`key` empty: open network).
#[cfg(feature = "softap")]
pub fn start_access_point(ssid: &str, key: &str) {
    let command = Command::StartAccessPoint {
        ssid: String::from(ssid),
        password: String::from(key),
    };
    if COMMANDS.try_send(command).is_err() {
        esp_println::println!("Wi-Fi command queue full: SoftAP not started");
    }
}
