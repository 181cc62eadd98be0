//! The attribute table: one primary service, then per endpoint a characteristic and its 0x2901.

use esprov_proto::uuid::Uuid128;

use super::GattConfig;

/// Whether the endpoint names can be learned from 0x2901 descriptors (clients must cope without).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DescriptorMode {
    /// Every characteristic has a readable user-description descriptor, as ESP-IDF builds it.
    Readable,
    /// The descriptors exist but reads fail (as with a stack or cache that hides them).
    Unreadable,
    /// No descriptors at all.
    Absent,
}

/// One endpoint's characteristic as a client discovers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Characteristic {
    /// The endpoint name, also the 0x2901 descriptor value.
    pub name: String,
    /// The 16-bit id the UUID was derived from.
    pub id: u16,
    /// The characteristic UUID (service UUID with `id` in place).
    pub uuid: Uuid128,
    /// ATT handle of the characteristic declaration.
    pub declaration_handle: u16,
    /// ATT handle of the value, the one reads and writes address.
    pub value_handle: u16,
    /// ATT handle of the 0x2901 descriptor, when it exists.
    pub description_handle: Option<u16>,
}

/// The whole table, in the order ESP-IDF registers it.
#[derive(Debug, Clone)]
pub struct GattTable {
    /// The primary service UUID.
    pub service: Uuid128,
    /// ATT handle of the service declaration.
    pub service_handle: u16,
    /// The endpoint characteristics in registration order.
    pub characteristics: Vec<Characteristic>,
    /// Whether descriptor reads succeed.
    pub descriptors: DescriptorMode,
}

/// The first handle after the GAP and GATT services that every stack registers first.
const FIRST_HANDLE: u16 = 0x0028;

impl GattTable {
    /// Lays out `config`'s endpoints from [`FIRST_HANDLE`] on.
    pub fn build(config: &GattConfig) -> Self {
        let with_descriptor = config.descriptors != DescriptorMode::Absent;
        let per_char = if with_descriptor { 3 } else { 2 };
        let characteristics = config
            .endpoints
            .iter()
            .zip((FIRST_HANDLE + 1..).step_by(per_char))
            .map(|((name, id), handle)| Characteristic {
                name: name.clone(),
                id: *id,
                uuid: config.service.with_endpoint_id(*id),
                declaration_handle: handle,
                value_handle: handle + 1,
                description_handle: with_descriptor.then_some(handle + 2),
            })
            .collect();
        GattTable {
            service: config.service,
            service_handle: FIRST_HANDLE,
            characteristics,
            descriptors: config.descriptors,
        }
    }

    /// The characteristic whose value lives at `handle`.
    pub fn by_value_handle(&self, handle: u16) -> Option<&Characteristic> {
        self.characteristics
            .iter()
            .find(|c| c.value_handle == handle)
    }

    /// The characteristic whose 0x2901 descriptor lives at `handle`.
    pub fn by_description_handle(&self, handle: u16) -> Option<&Characteristic> {
        self.characteristics
            .iter()
            .find(|c| c.description_handle == Some(handle))
    }

    /// The characteristic carrying `uuid`.
    pub fn by_uuid(&self, uuid: Uuid128) -> Option<&Characteristic> {
        self.characteristics.iter().find(|c| c.uuid == uuid)
    }
}
