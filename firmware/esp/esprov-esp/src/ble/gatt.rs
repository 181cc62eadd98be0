//! The attribute table: GAP, then the provisioning service with one characteristic per endpoint
//! (UUIDs from esprov-proto's derivation rule) and its 0x2901 name descriptor.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use embassy_sync::blocking_mutex::raw::NoopRawMutex;
use esprov_device::esprov_proto::uuid::Uuid128;
use trouble_host::prelude::*;

/// Longest endpoint value: requests and responses up to 512 bytes (NimBLE's cap).
pub const VALUE_MAX: usize = 512;
/// Attributes: GAP (5) + GATT (1) + service (1) + 3 per endpoint, for up to 10 endpoints.
const ATTRIBUTES: usize = 40;
/// GAP appearance "unknown".
const APPEARANCE: [u8; 2] = [0, 0];

/// The memory the table points into; dropped (freed) when BLE stops.
pub struct Storage {
    name: String,
    service: [u8; 16],
    endpoints: Vec<(String, [u8; 16])>,
    values: Vec<Vec<u8>>,
}

impl Storage {
    /// Value buffers and UUIDs for `endpoints` (name, 16-bit BLE id) under `service_uuid`.
    pub fn new(name: &str, service_uuid: [u8; 16], endpoints: &[(String, u16)]) -> Self {
        let service = Uuid128(service_uuid);
        let endpoints: Vec<(String, [u8; 16])> = endpoints
            .iter()
            .map(|(name, id)| (name.clone(), service.with_endpoint_id(*id).to_le_bytes()))
            .collect();
        let values = endpoints.iter().map(|_| vec![0u8; VALUE_MAX]).collect();
        Storage {
            name: String::from(name),
            service: service_uuid,
            endpoints,
            values,
        }
    }
}

/// One endpoint as the connection loop sees it.
pub struct EndpointChar {
    /// Wire name of the endpoint.
    pub name: String,
    /// The characteristic's value, to store each response in.
    pub characteristic: Characteristic<[u8]>,
}

/// The built server and its endpoint characteristics.
pub struct Table<'d> {
    /// trouble's attribute server over the table.
    pub server: AttributeServer<'d, NoopRawMutex, DefaultPacketPool, ATTRIBUTES, 1>,
    /// Endpoint characteristics in GATT order.
    pub endpoints: Vec<EndpointChar>,
}

impl<'d> Table<'d> {
    /// Builds the table over `storage`.
    pub fn build(storage: &'d mut Storage) -> Self {
        let mut table: AttributeTable<'d, NoopRawMutex, ATTRIBUTES> = AttributeTable::new();
        let mut gap = table.add_service(Service::new(Uuid::new_short(0x1800)));
        gap.add_characteristic_ro(Uuid::new_short(0x2A00), storage.name.as_bytes());
        gap.add_characteristic_ro(Uuid::new_short(0x2A01), &APPEARANCE);
        gap.build();
        table
            .add_service(Service::new(Uuid::new_short(0x1801)))
            .build();
        let service_le = Uuid128(storage.service).to_le_bytes();
        let mut service = table.add_service(Service::new(Uuid::new_long(service_le)));
        let mut endpoints = Vec::new();
        for ((name, uuid), value) in storage.endpoints.iter().zip(storage.values.iter_mut()) {
            let props = [CharacteristicProp::Read, CharacteristicProp::Write];
            let empty: &[u8] = &[];
            let mut builder = service.add_characteristic(
                Uuid::new_long(*uuid),
                props,
                empty,
                value.as_mut_slice(),
            );
            builder.add_descriptor_ro(
                Uuid::new_short(0x2901),
                PermissionLevel::Allowed,
                name.as_bytes(),
            );
            let characteristic = builder.build().to_raw();
            endpoints.push(EndpointChar {
                name: name.clone(),
                characteristic,
            });
        }
        service.build();
        Table {
            server: AttributeServer::new(table),
            endpoints,
        }
    }

    /// Clears every stored response: a new connection reads nothing stale.
    pub fn clear(&self) {
        for endpoint in &self.endpoints {
            let _ = self.server.table().set(&endpoint.characteristic, &[][..]);
        }
    }
}
