//! The device's BLE GATT server as ESP-IDF's protocomm BLE transport builds it, in process.
//!
//! No radio: a test or a fake BlueZ drives [`GattConnection`] the way a BLE stack would (ATT
//! reads, read blobs, write requests, prepared writes), and the model answers with the same
//! UUIDs, descriptors, MTU, value limits and error behaviour as a Bluedroid or NimBLE build.

mod advertising;
mod connection;
mod table;
#[cfg(test)]
mod tests;

pub use advertising::Advertisement;
pub use connection::{GattConnection, GattError};
pub use table::{Characteristic, DescriptorMode, GattTable};

use esprov_proto::uuid::Uuid128;

use crate::protocomm::SharedProtocomm;

/// ATT error codes the model answers with (Bluetooth Core Vol 3 Part F 3.4.1.1).
pub mod att {
    /// The handle does not name an attribute.
    pub const INVALID_HANDLE: u8 = 0x01;
    /// The attribute cannot be read (used for unreadable 0x2901 descriptors).
    pub const READ_NOT_PERMITTED: u8 = 0x02;
    /// NimBLE's answer when the protocomm handler fails (`BLE_ATT_ERR_INVALID_PDU`).
    pub const INVALID_PDU: u8 = 0x04;
    /// A read blob or prepared write starts past the end of the value.
    pub const INVALID_OFFSET: u8 = 0x07;
    /// The value would exceed the attribute's maximum length.
    pub const INVALID_ATTRIBUTE_VALUE_LENGTH: u8 = 0x0D;
}

/// The smallest ATT MTU every LE link supports.
pub const DEFAULT_MTU: u16 = 23;

/// Which BLE host stack the firmware was built with; it decides limits and error behaviour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BleStack {
    /// Bluedroid: a failed handler tears the link down; values are capped at `CHAR_VAL_LEN_MAX`.
    Bluedroid {
        /// Security 2 compiled in: `CHAR_VAL_LEN_MAX` is 481 instead of 257.
        sec2: bool,
    },
    /// NimBLE: a failed handler answers ATT error 0x04 and the link stays; values up to 512.
    NimBle,
}

impl BleStack {
    /// The largest characteristic value the firmware stores or accepts.
    pub fn value_limit(self) -> usize {
        match self {
            BleStack::Bluedroid { sec2: false } => 257,
            BleStack::Bluedroid { sec2: true } => 481,
            BleStack::NimBle => 512,
        }
    }
}

/// How one virtual device presents itself over BLE.
#[derive(Debug, Clone)]
pub struct GattConfig {
    /// Advertised device name (the service name, e.g. `PROV_261FCC`).
    pub name: String,
    /// The primary service UUID.
    pub service: Uuid128,
    /// Endpoint names with their 16-bit ids, in GATT-table order.
    pub endpoints: Vec<(String, u16)>,
    /// Host stack behaviour.
    pub stack: BleStack,
    /// Whether the 0x2901 descriptors exist and can be read.
    pub descriptors: DescriptorMode,
    /// The device's local MTU (ESP-IDF sets 500).
    pub local_mtu: u16,
    /// Manufacturer-specific data in the scan response: company id and bytes.
    pub manufacturer_data: Option<(u16, Vec<u8>)>,
}

impl GattConfig {
    /// A wifi_prov_mgr device: the standard endpoints in manager order, then `custom` ones.
    pub fn manager(name: &str, service: Uuid128, custom: &[&str]) -> Self {
        let standard = esprov_proto::endpoint::STANDARD
            .iter()
            .map(|(endpoint, id)| (endpoint.name().to_string(), *id));
        let first = esprov_proto::endpoint::FIRST_CUSTOM_BLE_ID;
        let custom = (first..)
            .zip(custom)
            .map(|(id, name)| (name.to_string(), id));
        Self::with_endpoints(name, service, standard.chain(custom).collect())
    }

    /// A legacy (pre-manager) example device with ids 0x0001–0x0003.
    pub fn legacy(name: &str, service: Uuid128) -> Self {
        let endpoints = esprov_proto::endpoint::LEGACY
            .iter()
            .map(|(endpoint, id)| (endpoint.name().to_string(), *id))
            .collect();
        Self::with_endpoints(name, service, endpoints)
    }

    fn with_endpoints(name: &str, service: Uuid128, endpoints: Vec<(String, u16)>) -> Self {
        GattConfig {
            name: name.to_string(),
            service,
            endpoints,
            stack: BleStack::Bluedroid { sec2: true },
            descriptors: DescriptorMode::Readable,
            local_mtu: 500,
            manufacturer_data: None,
        }
    }
}

/// A BLE peripheral in provisioning mode: advertises and accepts connections.
pub struct GattServer {
    config: GattConfig,
    table: GattTable,
    device: SharedProtocomm,
    next_connection: u32,
}

impl GattServer {
    /// Builds the GATT table for `config` in front of `device`.
    pub fn new(device: SharedProtocomm, config: GattConfig) -> Self {
        let table = GattTable::build(&config);
        GattServer {
            config,
            table,
            device,
            next_connection: 0,
        }
    }

    /// What a scanner receives (advertising data plus scan response).
    pub fn advertisement(&self) -> Advertisement {
        Advertisement::of(&self.config)
    }

    /// The attribute table every connection sees.
    pub fn table(&self) -> &GattTable {
        &self.table
    }

    /// The configuration this server was built from.
    pub fn config(&self) -> &GattConfig {
        &self.config
    }

    /// Accepts a connection whose client asks for `client_mtu`; opens a new protocomm session.
    pub fn connect(&mut self, client_mtu: u16) -> GattConnection {
        let id = self.next_connection;
        self.next_connection = self.next_connection.wrapping_add(1);
        let mtu = client_mtu.min(self.config.local_mtu).max(DEFAULT_MTU);
        GattConnection::open(
            self.device.clone(),
            self.table.clone(),
            self.config.stack,
            id,
            mtu,
        )
    }
}
