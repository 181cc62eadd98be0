//! The device's provisioning identity, resolved once at `init` from the application's
//! configuration and the factory data: name, SoftAP key, GATT UUID, security and QR secret.

use alloc::string::String;
use core::fmt::Write;

use esp_hal::efuse::{self, InterfaceMacAddress};
use esprov_device::esprov_proto::factory::{FactoryData, FactorySecurity};
use esprov_device::esprov_proto::qr::QrSecret;
use esprov_device::Security;

use crate::config::{Config, Credentials, DEFAULT_SERVICE_UUID};
use crate::Error;

/// Everything the transports and the manager need to know about who this device is.
pub struct Identity {
    /// BLE name, SoftAP SSID, mDNS host.
    pub name: String,
    /// SoftAP WPA2 passphrase; empty = open.
    pub service_key: String,
    /// GATT service UUID, big-endian.
    pub service_uuid: [u8; 16],
    /// The security the manager answers with.
    pub security: Security,
    /// What the console's QR payload shows, if anything.
    pub qr: Option<QrSecret>,
    /// The serial number from the factory data, for the boot log.
    pub serial: Option<String>,
    /// Why provisioning must not start (no usable factory data and no other secret).
    pub refusal: Option<Error>,
}

impl Identity {
    /// Combines the configuration with the factory data; explicit configuration wins.
    pub fn resolve(config: &Config, factory: Result<FactoryData, Error>) -> Result<Self, Error> {
        let (factory, refusal) = match (&config.credentials, factory) {
            (_, Ok(data)) => (Some(data), None),
            (Credentials::FactoryData, Err(why)) => (None, Some(why)),
            (_, Err(_)) => (None, None),
        };
        let (security, qr) = match &config.credentials {
            Credentials::FactoryData => factory_security(factory.as_ref()),
            Credentials::Given { security, qr } => (security.clone(), qr.clone()),
            #[cfg(feature = "demo")]
            Credentials::Demo { security } => crate::demo::security(*security)?,
        };
        let name = config
            .service_name
            .clone()
            .or_else(|| factory.as_ref().map(|f| f.service_name.clone()))
            .unwrap_or_else(|| mac_name(&config.name_prefix));
        let service_key = config
            .service_key
            .clone()
            .or_else(|| {
                factory
                    .as_ref()
                    .and_then(|f| f.service_key.as_deref().cloned())
            })
            .unwrap_or_default();
        if !service_key.is_empty() && !(8..=63).contains(&service_key.len()) {
            return Err(Error::Config("the SoftAP key must be 8..=63 characters"));
        }
        let service_uuid = config
            .ble_service_uuid
            .or_else(|| {
                factory
                    .as_ref()
                    .and_then(|f| f.ble_service_uuid.map(|u| u.0))
            })
            .unwrap_or(DEFAULT_SERVICE_UUID);
        Ok(Identity {
            name,
            service_key,
            service_uuid,
            security,
            qr,
            serial: factory.and_then(|f| f.serial),
            refusal,
        })
    }
}

/// The manager's security from the record (security 0 without one: `refusal` then keeps
/// provisioning from starting). The QR is on the label `esprov factory-data` made; the sec2
/// password is not even on the device.
fn factory_security(factory: Option<&FactoryData>) -> (Security, Option<QrSecret>) {
    match factory.map(|f| &f.security) {
        Some(FactorySecurity::Sec1 { pop }) => (
            Security::Sec1 {
                pop: Some(pop.to_vec()),
            },
            None,
        ),
        Some(FactorySecurity::Sec2 { salt, verifier, .. }) => (
            Security::Sec2 {
                salt: salt.clone(),
                verifier: verifier.clone(),
            },
            None,
        ),
        None => (Security::Sec0, None),
    }
}

/// Prefix + last three station MAC bytes in upper-case hex, as the ESP-IDF example names it.
fn mac_name(prefix: &str) -> String {
    let mac = efuse::interface_mac_address(InterfaceMacAddress::Station);
    let mut name = String::from(prefix);
    for byte in mac.as_bytes().iter().skip(3) {
        let _ = write!(name, "{byte:02X}");
    }
    name
}
