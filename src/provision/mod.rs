//! The provisioning operations on an established [`Session`]: Wi-Fi config and status, scan,
//! control, custom endpoints, their Thread variants, and the one high-level [`provision`] flow
//! (Wi-Fi or Thread) the CLI and batch runs use.

pub(crate) mod config;
mod ctrl;
#[cfg(test)]
pub(crate) mod fake;
mod flow;
#[cfg(test)]
mod flow_thread_tests;
mod network;
mod refusal;
pub(crate) mod scan;
mod scan_thread;
mod status;
#[cfg(test)]
mod tests;
mod thread;
mod wait;

pub use config::{
    apply_config, get_status, set_config, WifiConfig, MAX_PASSPHRASE_LEN, MAX_SSID_LEN,
};
pub use ctrl::{reprov, reprov_thread, reset, reset_thread, send_custom};
pub use flow::{
    info_event, provision, provision_session, PhaseTimings, ProvisionEvent, ProvisionOutcome,
    ProvisionRequest,
};
pub use network::{choose_network, Joined, NetworkConfig};
pub use refusal::explain_refusal;
pub use scan::{scan, scan_pages, ScanEntry, ScanOptions, MAX_SCAN_RESULTS};
pub use scan_thread::{
    scan_thread, start_thread_scan, thread_scan_finished, thread_scan_page, thread_scan_status,
    ThreadScanEntry,
};
pub use status::{AuthMode, ConnectedInfo, FailReason, WifiStatus};
pub use thread::{
    apply_thread_config, check_dataset, dataset_from_hex, get_thread_status, set_thread_config,
    thread_failure, wait_attached, ThreadAttached, ThreadFailReason, ThreadStatus,
};
pub(crate) use thread::{get_thread_status_command, send_thread_dataset};
pub use wait::{wait_connected, PollPolicy};

use crate::session::Session;
use crate::transport::Transport;

use esprov_proto::messages::Status;

use crate::Error;

/// Fails with [`Error::Rejected`] unless a response's `status` is `Success`.
pub(crate) fn check_status(endpoint: &str, what: &str, raw: i32, hint: &str) -> Result<(), Error> {
    if raw == Status::Success as i32 {
        return Ok(());
    }
    let name = Status::try_from(raw)
        .map(|s| s.as_str_name().to_owned())
        .unwrap_or_else(|_| format!("status {raw}"));
    Err(Error::Rejected {
        endpoint: endpoint.to_owned(),
        reason: format!("{what} answered {name}{hint}"),
    })
}

/// The error for an answer of the wrong message type; the session is poisoned (the answer did
/// not parse as what was asked, so the two ciphers may be out of step).
pub(crate) fn unexpected<T: Transport>(session: &mut Session<T>, what: &str) -> Error {
    session.poison(format!("the device answered something other than {what}"));
    Error::Protocol(esprov_proto::Error::Unexpected(format!("expected {what}")))
}

/// Decodes a protobuf answer, naming the message on failure and poisoning the session then.
pub(crate) fn decode<M: prost::Message + Default, T: Transport>(
    session: &mut Session<T>,
    bytes: &[u8],
    what: &'static str,
) -> Result<M, Error> {
    M::decode(bytes).map_err(|_| {
        session.poison(format!("the answer ({what}) did not parse"));
        Error::Protocol(esprov_proto::Error::Malformed { what })
    })
}
