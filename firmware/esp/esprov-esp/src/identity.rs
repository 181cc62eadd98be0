//! The device's provisioning identity, resolved once at `init` from the application's
//! configuration and the factory data: name, SoftAP key, GATT UUID (esprov-device's rules),
//! plus the security, the QR secret and whether provisioning may start at all.

use alloc::string::String;

use esp_hal::efuse::{self, InterfaceMacAddress};
use esprov_device::esprov_proto::factory::FactoryData;
use esprov_device::esprov_proto::qr::QrSecret;
use esprov_device::{IdentityChoice, Security};

use crate::config::{Config, Credentials};
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
            // Security 0 without a record: `refusal` then keeps provisioning from starting.
            // The QR is on the label `esprov factory-data` made; a sec2 password is not even here.
            Credentials::FactoryData => (
                factory
                    .as_ref()
                    .map_or(Security::Sec0, |f| Security::from(&f.security)),
                None,
            ),
            Credentials::Given { security, qr } => (security.clone(), qr.clone()),
            #[cfg(feature = "demo")]
            Credentials::Demo { security } => crate::demo::security(*security)?,
        };
        let choice = IdentityChoice {
            service_name: config.service_name.clone(),
            name_prefix: config.name_prefix.clone(),
            service_key: config.service_key.clone(),
            ble_service_uuid: config.ble_service_uuid,
        };
        let mac = efuse::interface_mac_address(InterfaceMacAddress::Station);
        let mut station_mac = [0u8; 6];
        station_mac.copy_from_slice(&mac.as_bytes()[..6]);
        let names = esprov_device::Identity::resolve(&choice, factory.as_ref(), station_mac)
            .map_err(|_| Error::Config("the SoftAP key must be 8..=63 characters"))?;
        Ok(Identity {
            name: names.name,
            service_key: names.service_key,
            service_uuid: names.service_uuid,
            security,
            qr,
            serial: names.serial,
            refusal,
        })
    }
}
