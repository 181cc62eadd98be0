//! The manager's two state variables: `prov_state` and the Wi-Fi status reported by GetStatus.

use crate::event::FailReason;
use crate::platform::ConnectedInfo;
use crate::thread::{AttachedInfo, ThreadFailReason};

/// The provisioning state (`wifi_prov_mgr`'s `prov_state`), ordered as ESP-IDF orders it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProvState {
    /// Not running (before start, or after the end).
    Idle,
    /// Running, waiting for credentials.
    Started,
    /// Credentials applied, the station is connecting.
    CredRecv,
    /// The station failed for good; new credentials need a reset.
    Fail,
    /// The station connected.
    Success,
    /// Stop decided; cleanup follows after the cleanup delay.
    Stopping,
}

/// The station status as GetStatus reports it (`wifi_prov_sta_state_t` and its data).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum WifiStatus {
    /// Connecting (also before any ApplyConfig): `Connecting`, no oneof.
    #[default]
    Connecting,
    /// Connected: `Connected` with the connection details.
    Connected(ConnectedInfo),
    /// Final failure: `ConnectionFailed` with the reason.
    Disconnected(FailReason),
    /// An attempt failed and the station retries: `Connecting` with `attempt_failed`.
    AttemptFailed {
        /// Attempts left before the failure is final.
        remaining: u32,
    },
}

/// The Thread node's status as GetThreadStatus reports it (`network_prov_thread_state_t`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ThreadStatus {
    /// Attaching (also before any ApplyThreadConfig): `Attaching`, no oneof.
    #[default]
    Attaching,
    /// Attached: `Attached` with the network's details.
    Attached(AttachedInfo),
    /// Final failure: `AttachingFailed` with the reason (the device's "detached").
    Failed(ThreadFailReason),
}
