//! `esprov provision --json`: one line per step, then one `result` line.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Failure, Millis, WifiState};
use crate::provision::{
    ConnectedInfo, PhaseTimings, ProvisionEvent, ProvisionOutcome, ThreadAttached, ThreadStatus,
};

/// One NDJSON line of `esprov provision --json`, tagged by `event`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ProvisionLine {
    /// proto-ver answered and the scheme was chosen.
    Info {
        /// The device.
        device: String,
        /// The manager version (`v1.1`…), or the legacy answer.
        ver: String,
        /// Capabilities the device listed.
        cap: Vec<String>,
        /// The security scheme that will be used.
        sec_ver: u8,
        /// The security 2 patch level that will be used.
        sec_patch_ver: u8,
        /// Whether the scheme was chosen from the device's answer (not `--sec`).
        auto: bool,
    },
    /// The security handshake finished.
    Session {
        /// The device.
        device: String,
        /// The scheme in use.
        sec_ver: u8,
        /// proto-ver and the handshake.
        session_ms: Millis,
    },
    /// The device accepted the credentials (SetConfig).
    ConfigSent {
        /// The device.
        device: String,
    },
    /// The device started joining (ApplyConfig).
    Applied {
        /// The device.
        device: String,
    },
    /// The Wi-Fi state changed.
    Status {
        /// The device.
        device: String,
        /// The new state.
        #[serde(flatten)]
        state: WifiState,
    },
    /// The Thread state changed.
    Thread {
        /// The device.
        device: String,
        /// `attaching`, `attached`, `failed` or `detached`.
        state: String,
        /// Why the attach failed (`thread_dataset_invalid`, `thread_network_not_found`…).
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
        /// The network, once attached.
        #[serde(skip_serializing_if = "Option::is_none")]
        attached: Option<ThreadAttached>,
    },
    /// The run ended; always the last line.
    Result(ProvisionResult),
}

/// How a provisioning run ended.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ProvisionResult {
    /// The device joined.
    Ok(Connected),
    /// The run failed.
    Failed(Failure),
}

/// A device that joined: its link and the time of each phase.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Connected {
    /// The device.
    pub device: String,
    /// Always `ok`.
    #[schemars(extend("const" = "ok"))]
    pub result: String,
    /// The device's new IPv4 address.
    pub ip: String,
    /// The access point's SSID.
    pub ssid: String,
    /// The access point's BSSID.
    pub bssid: String,
    /// Primary channel.
    pub channel: i32,
    /// The security scheme used.
    pub sec_ver: u8,
    /// proto-ver and the handshake.
    pub session_ms: Millis,
    /// SetConfig and ApplyConfig.
    pub config_ms: Millis,
    /// ApplyConfig's answer to Connected.
    pub connect_ms: Millis,
    /// The whole run.
    pub total_ms: Millis,
}

impl Connected {
    /// The result line of a successful Wi-Fi run that ended on the link `info`.
    pub fn new(device: String, info: &ConnectedInfo, outcome: &ProvisionOutcome) -> Self {
        let PhaseTimings {
            session,
            config,
            connect,
            total,
        } = outcome.timings;
        Connected {
            device,
            result: crate::batch::OK.to_owned(),
            ip: info.ip4.clone(),
            ssid: info.ssid.clone(),
            bssid: info.bssid.clone(),
            channel: info.channel,
            sec_ver: outcome.sec_ver,
            session_ms: session.into(),
            config_ms: config.into(),
            connect_ms: connect.into(),
            total_ms: total.into(),
        }
    }
}

impl ProvisionLine {
    /// The line for a library event on `device`.
    pub fn event(device: &str, event: &ProvisionEvent) -> Self {
        let device = device.to_owned();
        match event {
            ProvisionEvent::Info {
                ver,
                cap,
                sec_ver,
                sec_patch_ver,
                auto,
            } => ProvisionLine::Info {
                device,
                ver: ver.clone(),
                cap: cap.clone(),
                sec_ver: *sec_ver,
                sec_patch_ver: *sec_patch_ver,
                auto: *auto,
            },
            ProvisionEvent::Session {
                sec_ver,
                elapsed_ms,
            } => ProvisionLine::Session {
                device,
                sec_ver: *sec_ver,
                session_ms: Millis(*elapsed_ms),
            },
            ProvisionEvent::ConfigSent => ProvisionLine::ConfigSent { device },
            ProvisionEvent::Applied => ProvisionLine::Applied { device },
            ProvisionEvent::Status { status } => ProvisionLine::Status {
                device,
                state: status.into(),
            },
            ProvisionEvent::Thread { status } => ProvisionLine::Thread {
                device,
                state: status.word().to_owned(),
                reason: status.reason(),
                attached: match status {
                    ThreadStatus::Attached(attached) => Some(attached.clone()),
                    _ => None,
                },
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provision::{FailReason, WifiStatus};

    #[test]
    fn a_failed_status_line_names_the_device_and_the_reason() {
        let line = ProvisionLine::event(
            "127.0.0.1:1",
            &ProvisionEvent::Status {
                status: WifiStatus::Failed(FailReason::AuthError),
            },
        );
        let value: serde_json::Value =
            serde_json::from_str(&super::super::to_line(&line)).unwrap_or_default();
        assert_eq!(value["schema"], 1);
        assert_eq!(value["event"], "status");
        assert_eq!(value["device"], "127.0.0.1:1");
        assert_eq!(value["state"], "failed");
        assert_eq!(value["reason"], "wifi_auth_error");
    }

    #[test]
    fn session_time_is_rounded_to_a_tenth_of_a_millisecond() {
        let line = ProvisionLine::event(
            "d",
            &ProvisionEvent::Session {
                sec_ver: 2,
                elapsed_ms: 40.123_456,
            },
        );
        let text = super::super::to_line(&line);
        assert!(text.contains("\"session_ms\":40.1"), "{text}");
    }
}
