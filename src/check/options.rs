//! What a run of the suite needs: credentials, the test network, which checks, and bounds.

use std::time::Duration;

use super::registry::{find, CHECKS};
use crate::provision::WifiConfig;
use crate::session::{Credentials, Secret, SecurityChoice};
use crate::Error;

/// Everything [`run`](super::run) needs besides the device.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// `--sec`: auto or a fixed scheme.
    pub security: SecurityChoice,
    /// The right PoP or SRP credentials (the suite derives the wrong ones).
    pub credentials: Credentials,
    /// The access point for the Wi-Fi checks; without it they are skipped.
    pub wifi: Option<WifiConfig>,
    /// The Thread dataset (TLVs) for the Thread checks; without it they are skipped.
    pub thread: Option<Secret>,
    /// A passphrase the access point refuses; a generated one when absent.
    pub bad_passphrase: Option<Secret>,
    /// Run the robustness group (malformed and oversized requests).
    pub destructive: bool,
    /// The custom endpoint to call and what it must answer.
    pub custom: Option<CustomExpectation>,
    /// Bound for `timing.handshake`.
    pub max_handshake: Option<Duration>,
    /// Bound for `timing.connect`.
    pub max_connect: Option<Duration>,
    /// Bound on each check (and on each Wi-Fi attempt inside one).
    pub check_timeout: Duration,
    /// `--only` and `--skip`.
    pub selection: Selection,
    /// `--reset-board`: reset the board before the suite and wherever a check needs a fresh
    /// boot (after the robustness group, after the device stopped answering).
    pub reset_board: bool,
}

impl CheckOptions {
    /// Options for a device with these credentials, every non-destructive check, 60 s per check.
    pub fn new(credentials: Credentials) -> Self {
        CheckOptions {
            security: SecurityChoice::Auto,
            credentials,
            wifi: None,
            thread: None,
            bad_passphrase: None,
            destructive: false,
            custom: None,
            max_handshake: None,
            max_connect: None,
            check_timeout: Duration::from_secs(60),
            selection: Selection::default(),
            reset_board: false,
        }
    }
}

/// `--custom-endpoint NAME` with the bytes to send and the answer expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomExpectation {
    /// The endpoint name.
    pub endpoint: String,
    /// What to send.
    pub send: Vec<u8>,
    /// The exact answer expected (one trailing NUL in the answer is tolerated).
    pub expect: Vec<u8>,
}

/// Which checks run: `--only GROUP|ID` (all when empty) minus `--skip ID`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Groups or ids to run; empty means all.
    pub only: Vec<String>,
    /// Ids (or groups) to leave out.
    pub skip: Vec<String>,
}

impl Selection {
    /// Whether the check `id` is selected.
    pub fn wants(&self, id: &str) -> bool {
        let named = |names: &[String]| names.iter().any(|n| n == id || is_group_of(n, id));
        (self.only.is_empty() || named(&self.only)) && !named(&self.skip)
    }

    /// Refuses names that are neither a group nor a check id, so a typo never passes silently.
    pub fn validate(&self) -> Result<(), Error> {
        for name in self.only.iter().chain(&self.skip) {
            let group = CHECKS.iter().any(|c| c.group.name() == name);
            if !group && find(name).is_none() {
                return Err(Error::Usage(format!(
                    "no check or group named {name:?}: `esprov check --list` shows them"
                )));
            }
        }
        Ok(())
    }
}

fn is_group_of(group: &str, id: &str) -> bool {
    id.split_once('.').is_some_and(|(g, _)| g == group)
}
