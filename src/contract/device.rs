//! The one-answer commands: `info`, `status`, `scan`, `reset`/`reprov`, `send`, `discover`,
//! `sec2-creds --format json`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::WifiState;
use crate::discover::DiscoveredDevice;

/// `esprov info --json`: the device's proto-ver answer and the security esprov would use.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct InfoOutput {
    /// The device.
    pub device: String,
    /// The manager version (`v1.1`…), or `null` for a legacy answer.
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub ver: Option<String>,
    /// A legacy (non-JSON) proto-ver answer, or `null`.
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub legacy: Option<String>,
    /// Capabilities the device listed.
    pub cap: Vec<String>,
    /// Applications beside `prov` in the answer.
    pub apps: Vec<AppInfo>,
    /// The security scheme a session would use (`--sec`, else the device's), or `null`.
    #[schemars(required, extend("type" = ["integer", "null"]))]
    pub sec_ver: Option<u8>,
    /// The security 2 patch level a session would use, or `null`.
    #[schemars(required, extend("type" = ["integer", "null"]))]
    pub sec_patch_ver: Option<u8>,
    /// Whether `sec_ver` was chosen from the device's answer (not `--sec`), or `null`.
    #[schemars(required, extend("type" = ["boolean", "null"]))]
    pub auto: Option<bool>,
    /// Whether security 1 needs a proof of possession, or `null`.
    #[schemars(required, extend("type" = ["boolean", "null"]))]
    pub needs_pop: Option<bool>,
    /// The answer as the device sent it (lossy UTF-8).
    pub raw: String,
}

/// An application's entry in a proto-ver answer.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct AppInfo {
    /// The application's key in the answer.
    pub label: String,
    /// Its version.
    pub ver: String,
    /// Its capabilities.
    pub cap: Vec<String>,
}

/// `esprov status --json`: the device and its Wi-Fi state.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct StatusOutput {
    /// The device.
    pub device: String,
    /// The Wi-Fi state.
    #[serde(flatten)]
    pub state: WifiState,
}

/// `esprov scan --json`: the access points the device sees.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ScanOutput {
    /// The device.
    pub device: String,
    /// One entry per access point, in the device's order.
    pub aps: Vec<ApEntry>,
}

/// One access point of a scan.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ApEntry {
    /// SSID (lossy UTF-8).
    pub ssid: String,
    /// BSSID, `aa:bb:cc:dd:ee:ff`.
    pub bssid: String,
    /// Primary channel.
    pub channel: u32,
    /// Signal strength in dBm.
    pub rssi: i32,
    /// Auth mode (`WPA2_PSK`…, or `unknown(N)`).
    pub auth: String,
}

/// `esprov reset --json` and `esprov reprov --json`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CtrlOutput {
    /// The device.
    pub device: String,
    /// Always `ok`.
    #[schemars(extend("const" = "ok"))]
    pub result: String,
    /// `reset` or `reprov`.
    pub command: String,
}

/// `esprov send --json`: what a custom endpoint answered.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SendOutput {
    /// The device.
    pub device: String,
    /// The endpoint name.
    pub endpoint: String,
    /// Bytes sent.
    pub sent: usize,
    /// The answer, as hex.
    pub response_hex: String,
    /// The answer as text when it is UTF-8 without control characters, else `null`.
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub response_text: Option<String>,
}

/// `esprov discover --json`: every device found.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DiscoverOutput {
    /// The devices, mDNS and BLE.
    pub devices: Vec<DiscoveredEntry>,
}

/// One device found by discovery.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct DiscoveredEntry {
    /// How to reach it, as `--device` or a batch manifest's `device` column takes it
    /// (`HOST:PORT`, `ble:NAME`), or `null` when mDNS gave no address.
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub device: Option<String>,
    /// mDNS instance name or BLE local name.
    pub name: String,
    /// `mdns` or `ble`.
    pub transport: String,
    /// IP address (mDNS) or BLE address, or `null`.
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub address: Option<String>,
    /// TCP port (mDNS), or `null`.
    #[schemars(required, extend("type" = ["integer", "null"]))]
    pub port: Option<u16>,
    /// mDNS host name, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// mDNS TXT records.
    pub txt: BTreeMap<String, String>,
    /// BLE signal strength in dBm, or `null`.
    #[schemars(required, extend("type" = ["integer", "null"]))]
    pub rssi: Option<i16>,
    /// Advertised BLE service UUIDs.
    pub service_uuids: Vec<String>,
    /// BLE manufacturer data by company id, as hex.
    pub manufacturer_data: BTreeMap<String, String>,
}

impl From<&crate::provision::ScanEntry> for ApEntry {
    fn from(e: &crate::provision::ScanEntry) -> Self {
        ApEntry {
            ssid: e.ssid.clone(),
            bssid: e.bssid.clone(),
            channel: e.channel,
            rssi: e.rssi,
            auth: e.auth.name(),
        }
    }
}

impl From<&DiscoveredDevice> for DiscoveredEntry {
    fn from(d: &DiscoveredDevice) -> Self {
        let device = match d.transport {
            crate::discover::DiscoveryTransport::Mdns => d.http_address(),
            crate::discover::DiscoveryTransport::Ble => Some(format!("ble:{}", d.name)),
        };
        DiscoveredEntry {
            device,
            name: d.name.clone(),
            transport: d.transport.as_str().to_owned(),
            address: d.address.clone(),
            port: d.port,
            host: d.host.clone(),
            txt: d.txt.clone(),
            rssi: d.rssi,
            service_uuids: d.service_uuids.clone(),
            manufacturer_data: d
                .manufacturer_data
                .iter()
                .map(|(id, data)| (id.to_string(), hex::encode(data)))
                .collect(),
        }
    }
}

/// `esprov sec2-creds --format json`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Sec2CredsOutput {
    /// The salt, as hex.
    pub salt: String,
    /// The SRP verifier, as hex.
    pub verifier: String,
}
