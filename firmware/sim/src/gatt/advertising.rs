//! What the device advertises while in BLE provisioning mode.

use esprov_proto::uuid::Uuid128;

use super::GattConfig;

/// ESP-IDF's `MAX_BLE_DEVNAME_LEN`.
const MAX_NAME_LEN: usize = 29;
/// ESP-IDF's `MAX_BLE_MANUFACTURER_DATA_LEN`.
const MAX_MANUFACTURER_LEN: usize = 29;
/// Bytes in one legacy advertising or scan-response payload.
const PAYLOAD_LEN: usize = 31;

/// Advertising data plus scan response, as a scanner merges them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advertisement {
    /// AD flags: LE General Discoverable, BR/EDR not supported.
    pub flags: u8,
    /// Complete local name (the service name), at most 29 bytes.
    pub local_name: String,
    /// Complete list of 128-bit service UUIDs: the provisioning service.
    pub service_uuids: Vec<Uuid128>,
    /// Manufacturer-specific data (company id, bytes), truncated to fit the scan response.
    pub manufacturer_data: Option<(u16, Vec<u8>)>,
    /// Whether the device accepts connections (always, in provisioning mode).
    pub connectable: bool,
}

impl Advertisement {
    pub(super) fn of(config: &GattConfig) -> Self {
        let local_name = truncate_name(&config.name);
        let manufacturer_data = config.manufacturer_data.as_ref().map(|(company, data)| {
            // Scan response: name AD (2 + name) and manufacturer AD (2 + company id 2 + data).
            let room = PAYLOAD_LEN.saturating_sub(2 + local_name.len() + 2);
            let room = room.min(MAX_MANUFACTURER_LEN).saturating_sub(2);
            (*company, data[..data.len().min(room)].to_vec())
        });
        Advertisement {
            flags: 0x06,
            local_name,
            service_uuids: vec![config.service],
            manufacturer_data,
            connectable: true,
        }
    }
}

fn truncate_name(name: &str) -> String {
    let mut end = name.len().min(MAX_NAME_LEN);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    name[..end].to_string()
}
