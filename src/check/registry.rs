//! The checks by stable id, in the order they run, with their one-line descriptions.

use schemars::JsonSchema;
use serde::Serialize;

/// The family a check belongs to; `--only GROUP` selects a whole family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// What `proto-ver` says and whether it matches the device's behaviour.
    Version,
    /// The security handshake and the session rules.
    Session,
    /// `prov-scan` paging.
    Scan,
    /// A named custom endpoint.
    Custom,
    /// Malformed and oversized requests (`--destructive` only).
    Robustness,
    /// Joining the access point, its failure and recovery paths.
    Wifi,
    /// Attaching to the Thread network, its failure and recovery paths.
    Thread,
    /// Measured times with optional bounds.
    Timing,
}

impl Group {
    /// The group's name as `--only` takes it and reports print it.
    pub fn name(self) -> &'static str {
        match self {
            Group::Version => "version",
            Group::Session => "session",
            Group::Scan => "scan",
            Group::Custom => "custom",
            Group::Robustness => "robustness",
            Group::Wifi => "wifi",
            Group::Thread => "thread",
            Group::Timing => "timing",
        }
    }
}

/// One check as `--list` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CheckInfo {
    /// Stable id, `group.name`.
    pub id: &'static str,
    /// The family.
    pub group: Group,
    /// What the check asserts, in one line.
    pub description: &'static str,
}

const fn check(id: &'static str, group: Group, description: &'static str) -> CheckInfo {
    CheckInfo {
        id,
        group,
        description,
    }
}

/// Every check, in run order: read-only first, destructive next, state-changing Wi-Fi and
/// Thread last.
pub const CHECKS: &[CheckInfo] = &[
    check("version.proto-ver", Group::Version,
        "proto-ver is JSON with prov.ver, sec_ver and a cap list consistent with the scheme (legacy text is reported as such)"),
    check("version.scan-cap", Group::Version,
        "the wifi_scan capability is listed exactly when prov-scan answers"),
    check("version.thread-scan-cap", Group::Version,
        "the thread_scan capability is listed exactly when prov-scan answers the Thread scan"),
    check("session.handshake", Group::Session,
        "the handshake for the device's scheme succeeds and the first encrypted request is answered"),
    check("session.wrong-pop-refused", Group::Session,
        "the device itself refuses a handshake with a wrong PoP (security 1) or password (security 2)"),
    check("session.serves-after-refusal", Group::Session,
        "after a refused handshake the device still serves a correct session"),
    check("session.config-before-handshake-refused", Group::Session,
        "a prov-config request before any handshake is refused"),
    check("session.new-replaces-old", Group::Session,
        "a new transport session does not inherit the old session's keys"),
    check("session.sec2-patch", Group::Session,
        "the security 2 cipher is the one sec_patch_ver announces: a session at the other patch level is refused"),
    check("scan.paging", Group::Scan,
        "scan results page correctly: start index and count honoured, no duplicate BSSID, total equals ScanStatus's count, a page past the end refused"),
    check("scan.thread-paging", Group::Scan,
        "Thread scan results page correctly: one per page, no duplicate network, total equals ScanThreadStatus's count, a page past the end refused"),
    check("custom.endpoint", Group::Custom,
        "--custom-endpoint answers what --expect says"),
    check("robustness.truncated-protobuf", Group::Robustness,
        "a truncated SetConfig is refused and the device still serves a correct session"),
    check("robustness.unknown-message", Group::Robustness,
        "a prov-config message of unknown type is refused and the device still serves a correct session"),
    check("robustness.random-bytes", Group::Robustness,
        "random bytes on every protocomm endpoint are refused and the device still serves a correct session"),
    check("robustness.oversized-body", Group::Robustness,
        "a request over the transport's size limit is refused and the device still serves a correct session"),
    check("wifi.wrong-passphrase-fails", Group::Wifi,
        "a wrong passphrase ends in failed with reason auth error within the bound"),
    check("wifi.status-while-connecting", Group::Wifi,
        "GetStatus answers while the station is connecting"),
    check("wifi.refused-after-failure", Group::Wifi,
        "new credentials are refused after a failed attempt until prov-ctrl reset"),
    check("wifi.accepted-after-reset", Group::Wifi,
        "after prov-ctrl reset the device accepts new credentials"),
    check("wifi.connects", Group::Wifi,
        "SetConfig and ApplyConfig with the given access point reach connected within the bound"),
    check("wifi.reprov", Group::Wifi,
        "after success, prov-ctrl reprov lets the device take credentials again (when the firmware allows it)"),
    check("thread.dataset-invalid-fails", Group::Thread,
        "a dataset whose TLVs do not parse ends in failed with reason dataset invalid"),
    check("thread.refused-after-failure", Group::Thread,
        "a new dataset is refused after a failed attach until prov-ctrl reset"),
    check("thread.accepted-after-reset", Group::Thread,
        "after prov-ctrl Thread reset the device accepts the dataset"),
    check("thread.attaches", Group::Thread,
        "SetThreadConfig and ApplyThreadConfig with the given dataset reach attached within the bound"),
    check("thread.status-while-attaching", Group::Thread,
        "GetThreadStatus answers while the node is attaching"),
    check("thread.reprov", Group::Thread,
        "after success, prov-ctrl Thread reprov lets the device take a dataset again (when the firmware allows it)"),
    check("timing.handshake", Group::Timing,
        "handshake time, bounded by --max-handshake-ms when given"),
    check("timing.connect", Group::Timing,
        "time from ApplyConfig to connected, bounded by --max-connect-ms when given"),
];

/// `esprov check --list --json`: every check, in run order.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct CheckList {
    /// The checks.
    pub checks: &'static [CheckInfo],
}

/// The check with this id.
pub fn find(id: &str) -> Option<&'static CheckInfo> {
    CHECKS.iter().find(|check| check.id == id)
}
