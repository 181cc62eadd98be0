//! The task that owns the Wi-Fi driver: executes one command at a time and watches the link.

use alloc::vec::Vec;

use embassy_futures::select::{select, Either};
use esp_println::println;
use esp_radio::wifi::ap::AccessPointConfig;
use esp_radio::wifi::scan::{ScanConfig, ScanTypeConfig};
use esp_radio::wifi::sta::StationConfig;
use esp_radio::wifi::{
    AuthenticationMethodConfig, Config, ConnectionError, Password, Ssid, WifiController,
};

use esprov_device::{ApRecord, ConnectedInfo, DisconnectReason, ScanParams};

use super::{reason_code, Command, Event, COMMANDS, EVENTS};

/// What the task remembers between commands: the configs it must re-apply together.
#[derive(Default)]
struct Modes {
    station: Option<StationConfig>,
    access_point: Option<AccessPointConfig>,
    connected: bool,
}

/// Runs forever: commands in, events out.
#[embassy_executor::task]
pub async fn run(controller: &'static mut WifiController<'static>) {
    let mut modes = Modes::default();
    loop {
        let link_lost = async {
            if modes.connected {
                controller.wait_for_disconnect_async().await.ok()
            } else {
                core::future::pending().await
            }
        };
        match select(COMMANDS.receive(), link_lost).await {
            Either::First(command) => execute(controller, &mut modes, command).await,
            Either::Second(info) => {
                modes.connected = false;
                let reason = info.map_or(1, |i| reason_code(i.reason));
                EVENTS
                    .send(Event::Disconnected(DisconnectReason(reason)))
                    .await;
            }
        }
    }
}

async fn execute(controller: &mut WifiController<'static>, modes: &mut Modes, command: Command) {
    match command {
        Command::Connect(credentials) => {
            modes.station = station_config(&credentials.ssid, &credentials.passphrase);
            connect(controller, modes).await;
        }
        Command::Disconnect => {
            modes.station = None;
            modes.connected = false;
            let _ = controller.disconnect_async().await;
        }
        Command::Scan(params) => scan(controller, &params).await,
        Command::StartAccessPoint { ssid, password } => {
            modes.access_point = ap_config(&ssid, &password);
            apply(controller, modes);
        }
        Command::StopAccessPoint => {
            modes.access_point = None;
            let rejoin = modes.connected;
            apply(controller, modes);
            // Leaving AP+STA restarts the driver, which drops the station: join again.
            if rejoin {
                modes.connected = false;
                embassy_time::Timer::after_millis(500).await;
                connect(controller, modes).await;
            }
        }
    }
}

fn station_config(ssid: &[u8], passphrase: &[u8]) -> Option<StationConfig> {
    // WPA as the threshold: WPA, WPA2 and WPA3 networks are all accepted, as ESP-IDF does.
    let auth = authentication(passphrase, AuthenticationMethodConfig::Wpa)?;
    let config = StationConfig::default().with_ssid(Ssid::try_from(ssid).ok()?);
    Some(config.with_authentication(auth))
}

fn ap_config(ssid: &str, password: &str) -> Option<AccessPointConfig> {
    let auth = authentication(
        password.as_bytes(),
        AuthenticationMethodConfig::WpaWpa2Personal,
    )?;
    let config = AccessPointConfig::default().with_ssid(Ssid::try_from(ssid).ok()?);
    // ESP-IDF's provisioning AP admits at most 5 stations.
    Some(config.with_authentication(auth).with_max_connections(5))
}

/// Open for an empty secret, else `secured` with it; `None` when the driver rejects it.
fn authentication(
    secret: &[u8],
    secured: fn(Password) -> AuthenticationMethodConfig,
) -> Option<AuthenticationMethodConfig> {
    if secret.is_empty() {
        return Some(AuthenticationMethodConfig::Open);
    }
    Password::try_from(secret).ok().map(secured)
}

/// Applies the current station/AP pair; the driver restarts only when the mode changes.
fn apply(controller: &mut WifiController<'static>, modes: &Modes) {
    let station = modes.station.clone().unwrap_or_default();
    let config = match modes.access_point.clone() {
        Some(ap) => Config::AccessPointStation(station, ap),
        None => Config::Station(station),
    };
    if let Err(e) = controller.set_config(&config) {
        println!("Wi-Fi configuration rejected: {e:?}");
    }
}

async fn connect(controller: &mut WifiController<'static>, modes: &mut Modes) {
    if modes.station.is_none() {
        EVENTS
            .send(Event::Disconnected(DisconnectReason::NO_AP_FOUND))
            .await;
        return;
    }
    apply(controller, modes);
    let event = match controller.connect_async().await {
        Ok(info) => {
            modes.connected = true;
            Event::Associated(ConnectedInfo {
                ip4: [0; 4],
                bssid: info.bssid,
                ssid: info.ssid.as_str().as_bytes().to_vec(),
                channel: info.channel,
                auth: auth_code(info.authmode),
            })
        }
        Err(ConnectionError::Failed(info)) => {
            Event::Disconnected(DisconnectReason(reason_code(info.reason)))
        }
        Err(e) => {
            println!("Wi-Fi connect error: {e:?}");
            Event::Disconnected(DisconnectReason::UNSPECIFIED)
        }
    };
    EVENTS.send(event).await;
}

async fn scan(controller: &mut WifiController<'static>, params: &ScanParams) {
    let mut config = ScanConfig::default();
    if params.period_ms != 0 {
        let dwell = esp_hal::time::Duration::from_millis(u64::from(params.period_ms));
        config = config.with_scan_type(if params.passive {
            ScanTypeConfig::Passive(dwell)
        } else {
            ScanTypeConfig::Active {
                min: dwell,
                max: dwell,
            }
        });
    }
    let found = match controller.scan_async(&config).await {
        Ok(list) => list,
        Err(e) => {
            println!("Wi-Fi scan failed: {e:?}");
            Vec::new()
        }
    };
    let records = found
        .into_iter()
        .map(|ap| ApRecord {
            ssid: ap.ssid.as_str().as_bytes().to_vec(),
            bssid: ap.bssid,
            rssi: ap.signal_strength,
            channel: ap.channel,
            auth: ap.auth_method.map_or(0, auth_code),
        })
        .collect();
    EVENTS.send(Event::ScanDone(records)).await;
}

/// ESP-IDF's `wifi_auth_mode_t` number for the driver's auth method.
fn auth_code(method: esp_radio::wifi::AuthenticationMethod) -> i32 {
    use esp_radio::wifi::AuthenticationMethod as A;
    match method {
        A::None => 0,
        A::Wep => 1,
        A::Wpa => 2,
        A::Wpa2Personal => 3,
        A::WpaWpa2Personal => 4,
        A::Wpa2Enterprise => 5,
        A::Wpa3Personal => 6,
        A::Wpa2Wpa3Personal => 7,
        A::WapiPersonal => 8,
        A::Owe => 9,
        _ => 0,
    }
}
