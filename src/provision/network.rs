//! Which network one run provisions, Wi-Fi or Thread: the request's credentials against the
//! device's capabilities, so the CLI and batch runs decide it the same way.

use esprov_proto::version::NetworkType;
use serde::Serialize;

use super::{ConnectedInfo, ThreadAttached, WifiConfig};
use crate::session::{DeviceInfo, Secret};
use crate::Error;

/// The credentials of one run: an access point, or a Thread network's dataset.
#[derive(Debug, Clone)]
pub enum NetworkConfig {
    /// Join this Wi-Fi access point (SetConfig).
    Wifi(WifiConfig),
    /// Attach with these Active Operational Dataset TLVs (SetThreadConfig); they hold the
    /// network key, so they are a secret.
    Thread(Secret),
}

impl NetworkConfig {
    /// The kind of network these credentials are for.
    pub fn network_type(&self) -> NetworkType {
        match self {
            NetworkConfig::Wifi(_) => NetworkType::Wifi,
            NetworkConfig::Thread(_) => NetworkType::Thread,
        }
    }
}

impl From<WifiConfig> for NetworkConfig {
    fn from(wifi: WifiConfig) -> Self {
        NetworkConfig::Wifi(wifi)
    }
}

/// The network a device joined at the end of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "network", rename_all = "snake_case")]
pub enum Joined {
    /// Connected to an access point, with an address.
    Wifi(ConnectedInfo),
    /// Attached to a Thread network.
    Thread(ThreadAttached),
}

impl Joined {
    /// The device's new IPv4 address (Wi-Fi only: a Thread node's address is not reported).
    pub fn ip4(&self) -> Option<&str> {
        match self {
            Joined::Wifi(info) => Some(&info.ip4),
            Joined::Thread(_) => None,
        }
    }
}

/// The network to provision: `wanted` (what the user's credentials or flags say) when the device
/// provisions it, else what the device provisions (Thread when it lists `thread_prov` without
/// `wifi_prov`). A mismatch is a usage error naming the device's capabilities.
pub fn choose_network(
    info: &DeviceInfo,
    wanted: Option<NetworkType>,
) -> Result<NetworkType, Error> {
    let pv = &info.proto_ver;
    let thread_only = pv.provisions(NetworkType::Thread) && !pv.provisions(NetworkType::Wifi);
    let network = wanted.unwrap_or(if thread_only {
        NetworkType::Thread
    } else {
        NetworkType::Wifi
    });
    if pv.provisions(network) {
        return Ok(network);
    }
    let caps = pv
        .prov
        .as_ref()
        .map(|p| p.cap.join(", "))
        .unwrap_or_default();
    Err(Error::Usage(match network {
        NetworkType::Thread => format!(
            "the device does not provision Thread (its capabilities: [{caps}]): give Wi-Fi credentials (--ssid) instead of --thread or a dataset"
        ),
        NetworkType::Wifi => format!(
            "the device provisions Thread, not Wi-Fi (its capabilities: [{caps}]): give a dataset (--dataset-tlvs, --dataset-file or ESPROV_DATASET; a batch row's `dataset` cell) instead of an SSID"
        ),
    }))
}
