//! Events the manager emits for the application (ESP-IDF's `WIFI_PROV_EVENT`), local only.

use crate::platform::WifiCredentials;
use crate::thread::ThreadFailReason;

/// Why the credentials failed (`wifi_prov_sta_fail_reason_t`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FailReason {
    /// Wrong passphrase or another authentication failure.
    AuthError,
    /// No AP with the SSID was found.
    NetworkNotFound,
}

impl FailReason {
    /// The wire value of `WifiConnectFailedReason`.
    pub fn wire(self) -> i32 {
        match self {
            FailReason::AuthError => {
                esprov_proto::messages::WifiConnectFailedReason::AuthError as i32
            }
            FailReason::NetworkNotFound => {
                esprov_proto::messages::WifiConnectFailedReason::NetworkNotFound as i32
            }
        }
    }
}

/// A provisioning event, in ESP-IDF's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The manager was initialised.
    Init,
    /// Provisioning started (also after a reprov).
    Start,
    /// ApplyConfig accepted these credentials.
    CredRecv(WifiCredentials),
    /// The station failed for good with the credentials.
    CredFail(FailReason),
    /// The station connected and got an IP address.
    CredSuccess,
    /// ApplyThreadConfig accepted a dataset (`NETWORK_PROV_THREAD_DATASET_RECV`; the dataset is
    /// secret and not carried).
    ThreadDatasetRecv,
    /// The node failed for good with the dataset.
    ThreadDatasetFail(ThreadFailReason),
    /// The node attached.
    ThreadDatasetSuccess,
    /// Provisioning ended: endpoints removed, transports may stop.
    End,
    /// The manager was deinitialised.
    Deinit,
}
