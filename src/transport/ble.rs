//! BLE GATT transport (ESP-IDF's protocomm_ble / protocomm_nimble), over btleplug or a fake.
//!
//! The transport logic talks to a small [`GattClient`] trait; [`NativePeripheral`] implements
//! it with btleplug, [`SimPeripheral`] with esprov-sim's GATT model for tests.

mod bounded;
mod client;
mod endpoints;
mod link;
mod native;
mod options;
#[cfg(target_os = "linux")]
mod probe;
mod scan;
mod sim_peripheral;
mod stack;
#[cfg(test)]
mod tests;

pub use client::{GattCharacteristic, GattClient, GattFailure, GattService};
pub use endpoints::{EndpointMap, MapSource, KNOWN_SERVICES, REQUIRED};
pub use link::{BleTransport, STALE_CACHE_HELP};
pub use native::NativePeripheral;
pub use options::{BleOptions, ATT_MAX_VALUE, DEFAULT_PREFIX};
pub use scan::BleAdvert;
pub use sim_peripheral::{LinkSwitch, SimPeripheral};

use crate::Error;

/// Scans with the system's Bluetooth stack and lists the provisioning devices seen.
pub async fn discover(options: &BleOptions) -> Result<Vec<BleAdvert>, Error> {
    let adapter = stack::open_adapter(options).await?;
    let seen = scan::scan(&adapter, options, |_| false).await?;
    Ok(seen
        .into_iter()
        .map(|(advert, _)| advert)
        .filter(|advert| advert.matches(options))
        .collect())
}

/// Finds the device named `options.name` (name or address), connects and maps its endpoints.
pub async fn connect(options: &BleOptions) -> Result<BleTransport, Error> {
    let wanted = options
        .name
        .clone()
        .ok_or_else(|| Error::Usage("--ble needs a device name or address".into()))?;
    let adapter = stack::open_adapter(options).await?;
    let seen = scan::scan(&adapter, options, |advert| advert.is(&wanted)).await?;
    let names: Vec<String> = seen
        .iter()
        .filter(|(advert, _)| advert.matches(options))
        .map(|(a, _)| a.label())
        .collect();
    let Some((advert, peripheral)) = seen.into_iter().find(|(advert, _)| advert.is(&wanted)) else {
        let listed = if names.is_empty() {
            "none".to_string()
        } else {
            names.join(", ")
        };
        return Err(Error::Unreachable {
            peer: wanted,
            reason: format!("no BLE device with that name or address advertised within {:?} (provisioning devices seen: {listed})", options.scan_timeout),
        });
    };
    let client = NativePeripheral::new(peripheral, advert.label());
    BleTransport::open(Box::new(client), options.clone(), &advert.service_uuids).await
}
