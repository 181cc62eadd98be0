//! BLE discovery: advertising provisioning devices, in the same model as mDNS devices.

use std::collections::BTreeMap;

use super::{DiscoveredDevice, DiscoveryTransport};
use crate::transport::ble::{self, BleAdvert, BleOptions};
use crate::Error;

/// Scans for `options.scan_timeout` and lists devices whose name starts with `options.prefix`
/// or that advertise `options.service_uuid`, strongest signal first.
pub async fn discover(options: &BleOptions) -> Result<Vec<DiscoveredDevice>, Error> {
    let mut devices: Vec<DiscoveredDevice> = ble::discover(options)
        .await?
        .into_iter()
        .map(device)
        .collect();
    devices.sort_by_key(|device| std::cmp::Reverse(device.rssi.unwrap_or(i16::MIN)));
    Ok(devices)
}

/// One advertisement as a discovered device.
pub fn device(advert: BleAdvert) -> DiscoveredDevice {
    DiscoveredDevice {
        name: advert.name.unwrap_or_default(),
        transport: DiscoveryTransport::Ble,
        address: Some(advert.address),
        port: None,
        host: None,
        txt: BTreeMap::new(),
        rssi: advert.rssi,
        service_uuids: advert
            .service_uuids
            .iter()
            .map(ToString::to_string)
            .collect(),
        manufacturer_data: advert.manufacturer_data,
    }
}
