//! What the manager asks of a Thread node (OpenThread on an 802.15.4 radio) and what it reports.
//!
//! As with Wi-Fi, calls go out synchronously and results come back through
//! `Manager::on_thread_event`.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use zeroize::Zeroizing;

use crate::platform::PlatformError;

/// An Active Operational Dataset as TLVs; it holds the network key, so it is wiped on drop and
/// never printed.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct ThreadDataset(pub Zeroizing<Vec<u8>>);

impl ThreadDataset {
    /// The TLV bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// Only the length is shown; the TLVs hold the network key.
impl fmt::Debug for ThreadDataset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ThreadDataset(<redacted>)")
    }
}

/// Why a Thread attach failed (`network_prov_thread_fail_reason_t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ThreadFailReason {
    /// OpenThread could not parse the dataset.
    DatasetInvalid,
    /// The node did not attach in time: no network with this dataset answered.
    NetworkNotFound,
}

impl ThreadFailReason {
    /// The wire value of `ThreadAttachFailedReason`.
    pub fn wire(self) -> i32 {
        use esprov_proto::messages::ThreadAttachFailedReason as Wire;
        match self {
            ThreadFailReason::DatasetInvalid => Wire::DatasetInvalid as i32,
            ThreadFailReason::NetworkNotFound => Wire::ThreadNetworkNotFound as i32,
        }
    }
}

/// What the node reports once attached (`network_prov_thread_conn_info_t`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AttachedInfo {
    /// PAN ID.
    pub pan_id: u16,
    /// Extended PAN ID.
    pub ext_pan_id: [u8; 8],
    /// Channel.
    pub channel: u16,
    /// Network name (≤ 16 bytes).
    pub name: String,
}

/// Thread scan parameters from CmdScanThreadStart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ThreadScanParams {
    /// The client waits for the scan to finish before the response.
    pub blocking: bool,
    /// Bit n = channel n; 0 = every channel.
    pub channel_mask: u32,
}

/// One Thread network found by a discovery scan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ThreadNetworkRecord {
    /// PAN ID.
    pub pan_id: u16,
    /// Channel.
    pub channel: u16,
    /// Signal strength in dBm.
    pub rssi: i8,
    /// Link quality indicator.
    pub lqi: u8,
    /// The answering router's extended (MAC) address.
    pub ext_addr: [u8; 8],
    /// Network name.
    pub network_name: String,
    /// Extended PAN ID.
    pub ext_pan_id: [u8; 8],
}

/// Results of the platform's Thread node, fed back with `Manager::on_thread_event`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThreadEvent {
    /// The node attached to the network.
    Attached(AttachedInfo),
    /// The node gave up attaching.
    AttachFailed(ThreadFailReason),
    /// A discovery scan finished with these networks (any order; the manager sorts them).
    ScanDone(Vec<ThreadNetworkRecord>),
}

/// How the node started a scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThreadScanStarted {
    /// The scan runs; `ThreadEvent::ScanDone` follows.
    Running,
    /// The scan already finished.
    Finished(Vec<ThreadNetworkRecord>),
}

/// The Thread node the manager drives, beside the Wi-Fi station.
pub trait ThreadNode: Send {
    /// Stores the dataset and starts attaching; the outcome arrives as a `ThreadEvent`.
    fn attach(&mut self, dataset: &ThreadDataset);
    /// Leaves the network and forgets the dataset.
    fn detach(&mut self);
    /// Starts a discovery scan.
    fn start_scan(&mut self, params: &ThreadScanParams)
        -> Result<ThreadScanStarted, PlatformError>;
}
