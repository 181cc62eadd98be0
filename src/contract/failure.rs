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
    /// What to try next; `null` when esprov has no advice.
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub help: Option<String>,
}

impl Failure {
    /// The failure for `error`, with the device when known.
    pub fn new(error: &Error, device: Option<String>) -> Self {
        Failure {
            device,
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
