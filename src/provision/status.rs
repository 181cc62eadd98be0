//! The Wi-Fi station state a device reports on GetStatus, as a Rust model (PROTOCOL.md §5.2).

use std::fmt;

use esprov_proto::messages::{
    resp_get_status::State, RespGetStatus, WifiAuthMode, WifiConnectFailedReason, WifiStationState,
};
use serde::Serialize;

use crate::device_text;
use crate::Error;
use esprov_proto::endpoint::Endpoint;

/// Where the device's station is in joining the access point.
///
/// Serializes as `{"state": "connecting"|"connected"|"failed"|"disconnected", …}` with the
/// variant's fields beside `state` (`reason` for failures).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WifiStatus {
    /// Still trying; ESP-IDF v5.5+ says how many attempts are left after a failed one.
    Connecting {
        /// Attempts left after a failed attempt (`attempt_failed`), when the device says.
        attempts_remaining: Option<u32>,
    },
    /// Joined, with the address the access point gave.
    Connected(ConnectedInfo),
    /// Gave up, with the reason.
    Failed(FailReason),
    /// Not connected and not trying (ESP-IDF never sends it, but the enum has it).
    Disconnected,
}

/// What a connected device reports about its link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConnectedInfo {
    /// The station's IPv4 address, dotted.
    pub ip4: String,
    /// The access point's SSID (lossy UTF-8; SSIDs are bytes).
    pub ssid: String,
    /// The access point's BSSID, `aa:bb:cc:dd:ee:ff`.
    pub bssid: String,
    /// Primary channel.
    pub channel: i32,
    /// The access point's auth mode.
    pub auth: AuthMode,
}

/// Why the device gave up joining (serialized in the exit codes' words: `wifi_auth_error`,
/// `ap_not_found`, or `reason_N`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailReason {
    /// The access point refused the passphrase.
    AuthError,
    /// No access point with that SSID answered.
    NetworkNotFound,
    /// A reason number this client does not know.
    Other(i32),
}

/// A Wi-Fi auth mode as the device's driver numbers it; values beyond the proto enum are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AuthMode(pub i32);

impl AuthMode {
    /// The proto enum name (`WPA2_PSK`…) or `unknown(N)` for newer driver values.
    pub fn name(&self) -> String {
        match WifiAuthMode::try_from(self.0) {
            Ok(mode) => mode.as_str_name().to_owned(),
            Err(_) => format!("unknown({})", self.0),
        }
    }
}

impl fmt::Display for AuthMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

impl Serialize for AuthMode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name())
    }
}

impl FailReason {
    /// The machine-readable name used in JSON.
    pub fn name(&self) -> String {
        match self {
            FailReason::AuthError => "wifi_auth_error".into(),
            FailReason::NetworkNotFound => "ap_not_found".into(),
            FailReason::Other(n) => format!("reason_{n}"),
        }
    }
}

impl Serialize for FailReason {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name())
    }
}

impl Serialize for WifiStatus {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        crate::contract::WifiState::from(self).serialize(serializer)
    }
}

/// Formats a BSSID as colon-separated hex.
pub(crate) fn format_bssid(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(":")
}

impl WifiStatus {
    /// The state as one word, as JSON's `state` names it.
    pub fn state(&self) -> &'static str {
        match self {
            WifiStatus::Connecting { .. } => "connecting",
            WifiStatus::Connected(_) => "connected",
            WifiStatus::Failed(_) => "failed",
            WifiStatus::Disconnected => "disconnected",
        }
    }

    /// Reads the model from a GetStatus answer (its `status` already checked).
    pub(crate) fn from_response(resp: &RespGetStatus) -> Result<Self, Error> {
        let state = WifiStationState::try_from(resp.sta_state).ok();
        Ok(match (state, &resp.state) {
            (Some(WifiStationState::Connected), Some(State::Connected(c))) => {
                WifiStatus::Connected(ConnectedInfo {
                    ip4: device_text::truncate(&c.ip4_addr).into_owned(),
                    ssid: device_text::truncate(&String::from_utf8_lossy(&c.ssid)).into_owned(),
                    bssid: format_bssid(&c.bssid),
                    channel: c.channel,
                    auth: AuthMode(c.auth_mode),
                })
            }
            (Some(WifiStationState::Connected), _) => {
                return Err(Error::Rejected {
                    endpoint: Endpoint::ProvConfig.name().into(),
                    reason: "GetStatus said Connected without the connection details".into(),
                })
            }
            (Some(WifiStationState::Connecting), Some(State::AttemptFailed(a))) => {
                WifiStatus::Connecting {
                    attempts_remaining: Some(a.attempts_remaining),
                }
            }
            (Some(WifiStationState::Connecting), _) => WifiStatus::Connecting {
                attempts_remaining: None,
            },
            (Some(WifiStationState::ConnectionFailed), Some(State::FailReason(r))) => {
                WifiStatus::Failed(fail_reason(*r))
            }
            // A failure without a reason: the oneof member 0 (AuthError) was dropped by an encoder.
            (Some(WifiStationState::ConnectionFailed), _) => {
                WifiStatus::Failed(FailReason::AuthError)
            }
            (Some(WifiStationState::Disconnected), _) => WifiStatus::Disconnected,
            (None, _) => {
                return Err(Error::Rejected {
                    endpoint: Endpoint::ProvConfig.name().into(),
                    reason: format!(
                        "GetStatus reported an unknown station state {}",
                        resp.sta_state
                    ),
                })
            }
        })
    }
}

fn fail_reason(raw: i32) -> FailReason {
    match WifiConnectFailedReason::try_from(raw) {
        Ok(WifiConnectFailedReason::AuthError) => FailReason::AuthError,
        Ok(WifiConnectFailedReason::NetworkNotFound) => FailReason::NetworkNotFound,
        Err(_) => FailReason::Other(raw),
    }
}

impl fmt::Display for WifiStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WifiStatus::Connecting {
                attempts_remaining: None,
            } => f.write_str("connecting"),
            WifiStatus::Connecting {
                attempts_remaining: Some(n),
            } => {
                write!(f, "connecting (attempt failed, {n} left)")
            }
            WifiStatus::Connected(c) => write!(
                f,
                "connected to \"{}\" as {}",
                device_text::escape(&c.ssid),
                device_text::escape(&c.ip4)
            ),
            WifiStatus::Failed(FailReason::AuthError) => f.write_str("failed: wrong passphrase"),
            WifiStatus::Failed(FailReason::NetworkNotFound) => {
                f.write_str("failed: access point not found")
            }
            WifiStatus::Failed(FailReason::Other(n)) => write!(f, "failed (reason {n})"),
            WifiStatus::Disconnected => f.write_str("disconnected"),
        }
    }
}
