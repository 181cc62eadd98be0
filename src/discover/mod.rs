//! Finding provisioning devices nearby: mDNS now, BLE later, in one table model.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Serialize, Serializer};

pub mod ble;
pub mod mdns;
#[cfg(test)]
mod tests;

/// How a discovered device is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiscoveryTransport {
    /// Found by mDNS, reached over HTTP.
    Mdns,
    /// Found by a BLE advertisement, reached over GATT.
    Ble,
}

impl DiscoveryTransport {
    /// The name used in tables and JSON (`mdns`, `ble`).
    pub fn as_str(&self) -> &'static str {
        match self {
            DiscoveryTransport::Mdns => "mdns",
            DiscoveryTransport::Ble => "ble",
        }
    }
}

/// One device found by any discovery method; fields a method cannot know stay empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiscoveredDevice {
    /// mDNS instance name or BLE local name.
    pub name: String,
    /// How it was found.
    pub transport: DiscoveryTransport,
    /// IP address (mDNS) or BLE address.
    pub address: Option<String>,
    /// TCP port (mDNS).
    pub port: Option<u16>,
    /// mDNS host name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// mDNS TXT records (`version_endpoint=/proto-ver`…).
    pub txt: BTreeMap<String, String>,
    /// BLE signal strength in dBm.
    pub rssi: Option<i16>,
    /// Advertised BLE service UUIDs.
    pub service_uuids: Vec<String>,
    /// BLE manufacturer data by company id, shown as hex.
    #[serde(serialize_with = "hex_map")]
    pub manufacturer_data: BTreeMap<u16, Vec<u8>>,
}

impl DiscoveredDevice {
    /// The `HOST:PORT` to pass to the HTTP transport, for mDNS devices with an address.
    pub fn http_address(&self) -> Option<String> {
        if self.transport != DiscoveryTransport::Mdns {
            return None;
        }
        let address = self.address.as_ref()?;
        let port = self.port.unwrap_or(crate::transport::http::DEFAULT_PORT);
        Some(if address.contains(':') {
            format!("[{address}]:{port}")
        } else {
            format!("{address}:{port}")
        })
    }
}

fn hex_map<S: Serializer>(map: &BTreeMap<u16, Vec<u8>>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(
        map.iter()
            .map(|(id, data)| (id.to_string(), hex::encode(data))),
    )
}

/// Bounds and scope of a discovery run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoverOptions {
    /// How long to listen.
    pub timeout: Duration,
    /// Restrict mDNS to one interface: a name (`eth0`, `lo`) or an IP address; all when `None`.
    pub interface: Option<String>,
}

impl Default for DiscoverOptions {
    fn default() -> Self {
        DiscoverOptions {
            timeout: Duration::from_secs(3),
            interface: None,
        }
    }
}
