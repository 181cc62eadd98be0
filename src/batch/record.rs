//! One line of the batch report: the outcome of one attempt on one device.

use std::time::{SystemTime, UNIX_EPOCH};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::contract::Millis;
use crate::provision::ThreadAttached;

/// The `result` word of a successful attempt; failures use [`crate::Error::reason`].
pub const OK: &str = "ok";

/// One attempt on one device, as one JSON line; the device's last record has `final: true`.
/// A failed attempt carries the failure fields of [`crate::contract::Failure`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Record {
    /// The device as the report names it (`host:port`, `mdns:NAME`, `ble:NAME`, `serial:PORT`).
    pub device: String,
    /// The manifest row's label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// 1 for the first attempt, counting on across `--resume` runs.
    pub attempt: u32,
    /// `ok`, or the failure reason in the words of the exit codes (`wifi_auth_error`, `timeout`…).
    pub result: String,
    /// The failure reason (the same word as `result`), when not ok.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The process exit code this result maps to (0 for ok).
    #[serde(alias = "code")]
    pub exit_code: i32,
    /// The device's new IPv4 address, when ok on Wi-Fi.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ip: Option<String>,
    /// The Thread network the device attached to, when ok on Thread (a `dataset` row).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<ThreadAttached>,
    /// proto-ver and the security handshake, in ms (absent when the phase did not finish).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_ms: Option<Millis>,
    /// SetConfig and ApplyConfig, in ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub config_ms: Option<Millis>,
    /// ApplyConfig's answer to Connected, in ms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connect_ms: Option<Millis>,
    /// The whole attempt, in ms.
    pub total_ms: Millis,
    /// What went wrong, when not ok.
    #[serde(default, alias = "error", skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// What to try next, when not ok and esprov has advice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// What else the attempt did (a prov-ctrl reset, credentials found already applied).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Whether this is the device's last record of the run.
    #[serde(rename = "final")]
    pub is_final: bool,
    /// When the attempt ended, in ms since the Unix epoch.
    pub ts_ms: u64,
}

impl Record {
    /// Whether this record ends the device's run with success.
    pub fn is_final_ok(&self) -> bool {
        self.is_final && self.result == OK
    }

    /// The record as one complete line with the contract version, newline included.
    pub fn to_line(&self) -> String {
        let mut line = crate::contract::to_line(self);
        line.push('\n');
        line
    }
}

/// Now, in ms since the Unix epoch.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_one_line_and_round_trips() {
        let record = Record {
            device: "127.0.0.1:1".into(),
            label: Some("A \"1\"\nnext".into()),
            attempt: 1,
            result: OK.into(),
            reason: None,
            exit_code: 0,
            ip: Some("10.0.0.2".into()),
            thread: None,
            session_ms: Some(Millis(1.5)),
            config_ms: Some(Millis(0.2)),
            connect_ms: Some(Millis(3.0)),
            total_ms: Millis(4.7),
            message: None,
            help: None,
            note: None,
            is_final: true,
            ts_ms: 1,
        };
        let line = record.to_line();
        assert_eq!(line.matches('\n').count(), 1);
        assert!(line.contains("\"final\":true"));
        assert!(line.starts_with("{\"schema\":1,"), "{line}");
        let back: Record = serde_json::from_str(line.trim_end()).expect("parses");
        assert_eq!(back, record);
    }
}
