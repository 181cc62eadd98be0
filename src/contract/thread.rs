//! The Thread outputs of network_provisioning devices: `status --thread`, `scan --thread` and a
//! Thread `provision` result. Same vocabulary as the Wi-Fi ones, plus `"network": "thread"`.

use schemars::JsonSchema;
use serde::Serialize;

use super::Millis;
use crate::provision::{ThreadAttached, ThreadScanEntry, ThreadStatus};

/// `esprov status --json` on Thread: the node's state, the network once attached, the reason
/// word once failed.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ThreadStatusOutput {
    /// The device.
    pub device: String,
    /// Always `thread`.
    pub network: &'static str,
    /// `attaching`, `attached`, `failed` or `detached`.
    pub state: &'static str,
    /// For `failed`: `thread_dataset_invalid`, `thread_network_not_found` or `reason_N`.
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub reason: Option<String>,
    /// For `attached`: the network.
    #[schemars(required, extend("type" = ["object", "null"]))]
    pub attached: Option<ThreadAttached>,
}

impl ThreadStatusOutput {
    /// The output for `status` of `device`.
    pub fn new(device: String, status: &ThreadStatus) -> Self {
        ThreadStatusOutput {
            device,
            network: "thread",
            state: status.word(),
            reason: status.reason(),
            attached: match status {
                ThreadStatus::Attached(info) => Some(info.clone()),
                _ => None,
            },
        }
    }
}

/// `esprov scan --thread --json`: the Thread networks the device hears, strongest first.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ThreadScanOutput {
    /// The device.
    pub device: String,
    /// Always `thread`.
    pub network: &'static str,
    /// The networks.
    pub networks: Vec<ThreadScanEntry>,
}

/// `esprov provision --json` on Thread: the last line of a successful run.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ThreadProvisioned {
    /// Always `ok`.
    pub result: &'static str,
    /// The device.
    pub device: String,
    /// Always `thread`.
    pub network: &'static str,
    /// The network the device attached to.
    pub attached: ThreadAttached,
    /// The security scheme used.
    pub sec_ver: u8,
    /// The whole run, session to attached.
    pub total_ms: Millis,
}
