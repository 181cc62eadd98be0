//! The failure object: what every command prints under `--json` when it fails.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Error;

/// A failure in the contract's words; the same fields in every command and batch record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Failure {
    /// The device, when the failure happened after it was reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    /// The reason word again (`result` is `ok` or the reason everywhere).
    pub result: String,
    /// The reason word (README, "Exit codes").
    pub reason: String,
    /// The process exit code.
    pub exit_code: i32,
    /// What went wrong, in one sentence.
    pub message: String,
    /// What to try next, naming the step (and the device when known); never empty.
    #[schemars(length(min = 1))]
    pub help: String,
}

impl Failure {
    /// The failure for `error`, with the device when known (else the peer the error names).
    pub fn new(error: &Error, device: Option<String>) -> Self {
        Failure {
            device: device.or_else(|| peer_of(error)),
            result: error.reason().to_owned(),
            reason: error.reason().to_owned(),
            exit_code: error.exit_code(),
            message: error.to_string(),
            help: error.help(),
        }
    }
}

impl From<&Error> for Failure {
    fn from(error: &Error) -> Self {
        Failure::new(error, None)
    }
}

/// The peer an error names, for failures the caller could not attribute itself.
fn peer_of(error: &Error) -> Option<String> {
    match error {
        Error::Unreachable { peer, .. }
        | Error::TransportLost { peer, .. }
        | Error::LostAfterApply { peer, .. }
        | Error::AlreadyConnected { peer, .. } => Some(peer.clone()),
        Error::SerialPort { port, .. } => Some(port.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_names_the_device_its_error_names() {
        let error = Error::Unreachable {
            peer: "127.0.0.1:1".into(),
            reason: "refused".into(),
        };
        let failure = Failure::from(&error);
        assert_eq!(failure.device.as_deref(), Some("127.0.0.1:1"));
        assert_eq!(
            (failure.result.as_str(), failure.exit_code),
            ("unreachable", 3)
        );
        let given = Failure::new(&error, Some("ble:PROV_1".into()));
        assert_eq!(given.device.as_deref(), Some("ble:PROV_1"));
        assert_eq!(Failure::from(&Error::Usage("x".into())).device, None);
    }
}
