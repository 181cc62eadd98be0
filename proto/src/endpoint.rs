//! Endpoint names and their BLE characteristic ids, as the provisioning manager registers them.

use alloc::string::String;

use crate::uuid::Uuid128;

/// A protocomm endpoint, named as on the wire (the HTTP path, the console command, the 0x2901 text).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Endpoint {
    /// `proto-ver`: plaintext version and capabilities JSON.
    ProtoVer,
    /// `prov-session`: the security handshake.
    ProvSession,
    /// `prov-config`: get_status / set_config / apply_config.
    ProvConfig,
    /// `prov-scan`: Wi-Fi scan.
    ProvScan,
    /// `prov-ctrl`: reset and reprov (ESP-IDF v5.1+).
    ProvCtrl,
    /// An application endpoint such as `custom-data`.
    Custom(String),
}

/// The manager's endpoints in GATT-table order, with their 16-bit BLE ids.
pub const STANDARD: [(Endpoint, u16); 5] = [
    (Endpoint::ProvCtrl, 0xFF4F),
    (Endpoint::ProvScan, 0xFF50),
    (Endpoint::ProvSession, 0xFF51),
    (Endpoint::ProvConfig, 0xFF52),
    (Endpoint::ProtoVer, 0xFF53),
];

/// The BLE id of the first custom endpoint; later ones count up in creation order.
pub const FIRST_CUSTOM_BLE_ID: u16 = 0xFF54;

/// The ids of the legacy (non-manager) examples of ESP-IDF v3.3–v4.4.
pub const LEGACY: [(Endpoint, u16); 3] = [
    (Endpoint::ProvSession, 0x0001),
    (Endpoint::ProvConfig, 0x0002),
    (Endpoint::ProtoVer, 0x0003),
];

impl Endpoint {
    /// The name on the wire.
    pub fn name(&self) -> &str {
        match self {
            Endpoint::ProtoVer => "proto-ver",
            Endpoint::ProvSession => "prov-session",
            Endpoint::ProvConfig => "prov-config",
            Endpoint::ProvScan => "prov-scan",
            Endpoint::ProvCtrl => "prov-ctrl",
            Endpoint::Custom(name) => name,
        }
    }

    /// The endpoint a wire name refers to.
    pub fn from_name(name: &str) -> Self {
        STANDARD
            .iter()
            .map(|(endpoint, _)| endpoint)
            .find(|endpoint| endpoint.name() == name)
            .cloned()
            .unwrap_or_else(|| Endpoint::Custom(String::from(name)))
    }

    /// Whether payloads are encrypted with the session cipher (protocomm's REQ_EP kind).
    pub fn is_encrypted(&self) -> bool {
        !matches!(self, Endpoint::ProtoVer | Endpoint::ProvSession)
    }

    /// Whether a request to this endpoint may carry a secret (SetConfig's passphrase, a Thread
    /// dataset), so that logs must hide its content and its length.
    pub fn carries_secrets(&self) -> bool {
        matches!(self, Endpoint::ProvConfig)
    }

    /// The manager's 16-bit BLE id for a standard endpoint.
    pub fn standard_ble_id(&self) -> Option<u16> {
        STANDARD
            .iter()
            .find(|(endpoint, _)| endpoint == self)
            .map(|(_, id)| *id)
    }

    /// The characteristic UUID under `service` for the manager's standard id.
    pub fn standard_characteristic(&self, service: Uuid128) -> Option<Uuid128> {
        self.standard_ble_id()
            .map(|id| service.with_endpoint_id(id))
    }
}

impl core::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.name())
    }
}
