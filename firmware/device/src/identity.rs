//! Who a device is while it provisions: what the application set wins, then the device's
//! factory record, then the defaults of ESP-IDF's example. The firmware and the virtual device
//! resolve it the same way.

use alloc::string::String;
use core::fmt::Write;

use esprov_proto::factory::{FactoryData, FactorySecurity};
use esprov_proto::uuid::EXAMPLE_SERVICE;

use crate::Security;

/// The WPA2 passphrase lengths a SoftAP accepts (an empty key means an open SoftAP).
pub const SERVICE_KEY_LEN: core::ops::RangeInclusive<usize> = 8..=63;

/// What the application chose; each `None` falls back to the factory record, then the default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityChoice {
    /// The service name (BLE name, SoftAP SSID, mDNS host).
    pub service_name: Option<String>,
    /// Prefix of the generated name: prefix + last three station MAC bytes in upper-case hex.
    pub name_prefix: String,
    /// The SoftAP's WPA2 passphrase; empty or absent everywhere means an open SoftAP.
    pub service_key: Option<String>,
    /// 128-bit GATT service UUID, big-endian as written.
    pub ble_service_uuid: Option<[u8; 16]>,
}

impl Default for IdentityChoice {
    /// ESP-IDF's example: `PROV_` names, the factory record's key and UUID, else none and the
    /// example service UUID.
    fn default() -> Self {
        IdentityChoice {
            service_name: None,
            name_prefix: String::from("PROV_"),
            service_key: None,
            ble_service_uuid: None,
        }
    }
}

/// The names a device answers to while provisioning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// BLE name, SoftAP SSID, mDNS host.
    pub name: String,
    /// SoftAP WPA2 passphrase; empty = open.
    pub service_key: String,
    /// GATT service UUID, big-endian.
    pub service_uuid: [u8; 16],
    /// The serial number from the factory record, for the boot log.
    pub serial: Option<String>,
}

/// A resolved identity a SoftAP could not use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    /// The SoftAP passphrase is neither empty nor 8..=63 bytes (neither its text nor its
    /// length is said: both are secret).
    #[error("the SoftAP key must be 8..=63 characters")]
    ServiceKeyLength,
}

impl Identity {
    /// Combines the application's choice, the factory record and the station MAC (read only
    /// for a generated name, but passed always so this stays free of hardware).
    pub fn resolve(
        choice: &IdentityChoice,
        factory: Option<&FactoryData>,
        station_mac: [u8; 6],
    ) -> Result<Self, IdentityError> {
        let name = choice
            .service_name
            .clone()
            .or_else(|| factory.map(|f| f.service_name.clone()))
            .unwrap_or_else(|| mac_name(&choice.name_prefix, station_mac));
        let service_key = choice
            .service_key
            .clone()
            .or_else(|| factory.and_then(|f| f.service_key.as_deref().cloned()))
            .unwrap_or_default();
        if !service_key.is_empty() && !SERVICE_KEY_LEN.contains(&service_key.len()) {
            return Err(IdentityError::ServiceKeyLength);
        }
        let service_uuid = choice
            .ble_service_uuid
            .or_else(|| factory.and_then(|f| f.ble_service_uuid.map(|u| u.0)))
            .unwrap_or(EXAMPLE_SERVICE.0);
        Ok(Identity {
            name,
            service_key,
            service_uuid,
            serial: factory.and_then(|f| f.serial.clone()),
        })
    }
}

/// Prefix + last three MAC bytes in upper-case hex, as ESP-IDF's example names its device.
pub fn mac_name(prefix: &str, mac: [u8; 6]) -> String {
    let mut name = String::from(prefix);
    for byte in &mac[3..] {
        let _ = write!(name, "{byte:02X}");
    }
    name
}

/// The security a factory record gives the manager (security 0 never has a record).
impl From<&FactorySecurity> for Security {
    fn from(record: &FactorySecurity) -> Self {
        match record {
            FactorySecurity::Sec1 { pop } => Security::Sec1 {
                pop: Some(pop.to_vec()),
            },
            FactorySecurity::Sec2 { salt, verifier, .. } => Security::Sec2 {
                salt: salt.clone(),
                verifier: verifier.clone(),
            },
        }
    }
}
