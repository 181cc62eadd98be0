//! Listening for advertisements: provisioning devices by name prefix or service UUID.

use std::collections::BTreeMap;
use std::time::Duration;

use btleplug::api::{BDAddr, Central, Peripheral as _, ScanFilter};
use btleplug::platform::{Adapter, Peripheral};
use uuid::Uuid;

use super::bounded::bounded;
use super::native::{dbus_error, from_bluez};
use super::options::BleOptions;
use crate::Error;

/// How often the scan looks at what the stack has seen.
const POLL: Duration = Duration::from_millis(200);

/// One advertising device, as a scan saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BleAdvert {
    /// Complete local name (the provisioning service name), when advertised.
    pub name: Option<String>,
    /// MAC address (Linux, Windows) or the system's device UUID (macOS).
    pub address: String,
    /// Signal strength in dBm.
    pub rssi: Option<i16>,
    /// Advertised service UUIDs.
    pub service_uuids: Vec<Uuid>,
    /// Manufacturer-specific data by company id.
    pub manufacturer_data: BTreeMap<u16, Vec<u8>>,
}

impl BleAdvert {
    /// Whether this looks like a provisioning device: its name starts with the prefix, or it
    /// advertises the requested service UUID.
    pub fn matches(&self, options: &BleOptions) -> bool {
        let by_name = self
            .name
            .as_deref()
            .is_some_and(|name| name.starts_with(&options.prefix));
        let by_service = options
            .service_uuid
            .is_some_and(|uuid| self.service_uuids.contains(&uuid));
        by_name || by_service
    }

    /// Whether `wanted` is this device's name or address.
    pub fn is(&self, wanted: &str) -> bool {
        self.name.as_deref() == Some(wanted) || self.address.eq_ignore_ascii_case(wanted)
    }

    /// Name and address, for messages.
    pub fn label(&self) -> String {
        match &self.name {
            Some(name) => format!("{name} ({})", self.address),
            None => self.address.clone(),
        }
    }
}

/// Scans for up to `options.scan_timeout`, stopping early once `done` holds for a device seen.
pub async fn scan(
    adapter: &Adapter,
    options: &BleOptions,
    done: impl Fn(&BleAdvert) -> bool,
) -> Result<Vec<(BleAdvert, Peripheral)>, Error> {
    bounded(
        options.op_timeout,
        "starting the BLE scan",
        adapter.start_scan(ScanFilter::default()),
    )
    .await?
    .map_err(scan_error)?;
    let deadline = tokio::time::Instant::now() + options.scan_timeout;
    loop {
        tokio::time::sleep(POLL.min(options.scan_timeout)).await;
        let peripherals = bounded(
            options.op_timeout,
            "the BLE scan results",
            adapter.peripherals(),
        )
        .await?
        .map_err(scan_error)?;
        let seen = adverts(peripherals, options).await;
        if seen.iter().any(|(advert, _)| done(advert)) || tokio::time::Instant::now() >= deadline {
            let _ = bounded(
                options.op_timeout,
                "stopping the BLE scan",
                adapter.stop_scan(),
            )
            .await;
            return Ok(seen);
        }
    }
}

async fn adverts(
    peripherals: Vec<Peripheral>,
    options: &BleOptions,
) -> Vec<(BleAdvert, Peripheral)> {
    let mut found = Vec::new();
    for peripheral in peripherals {
        let Ok(Ok(Some(properties))) = bounded(
            options.op_timeout,
            "device properties",
            peripheral.properties(),
        )
        .await
        else {
            continue;
        };
        let address = if properties.address == BDAddr::default() {
            peripheral.id().to_string()
        } else {
            properties.address.to_string()
        };
        let advert = BleAdvert {
            name: properties.local_name.or(properties.advertisement_name),
            address,
            rssi: properties.rssi,
            service_uuids: properties.services,
            manufacturer_data: properties.manufacturer_data.into_iter().collect(),
        };
        found.push((advert, peripheral));
    }
    found
}

fn scan_error(error: btleplug::Error) -> Error {
    let reason = match dbus_error(&error) {
        Some((name, message)) => from_bluez(&name, &message).to_string(),
        None => error.to_string(),
    };
    Error::NoBluetooth {
        missing: format!("the BLE scan failed: {reason}"),
        fix:
            "check that the adapter is powered and not blocked: `bluetoothctl show`, `rfkill list`"
                .into(),
    }
}
