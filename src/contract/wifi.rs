//! The Wi-Fi station state in JSON: `state` and that state's details, in status answers,
//! provision events and `esprov status`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::provision::WifiStatus;

/// A device's Wi-Fi state, tagged by `state`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum WifiState {
    /// Still trying.
    Connecting {
        /// Attempts left after a failed one (ESP-IDF v5.5+), or `null`.
        #[schemars(required, extend("type" = ["integer", "null"]))]
        attempts_remaining: Option<u32>,
    },
    /// Joined the access point.
    Connected {
        /// The station's IPv4 address.
        ip: String,
        /// The access point's SSID (lossy UTF-8).
        ssid: String,
        /// The access point's BSSID, `aa:bb:cc:dd:ee:ff`.
        bssid: String,
        /// Primary channel.
        channel: i32,
        /// The access point's auth mode (`WPA2_PSK`…, or `unknown(N)`).
        auth: String,
    },
    /// Gave up.
    Failed {
        /// `wifi_auth_error`, `ap_not_found`, or `reason_N` for a reason number esprov does not know.
        reason: String,
    },
    /// Not connected and not trying.
    Disconnected,
}

impl From<&WifiStatus> for WifiState {
    fn from(status: &WifiStatus) -> Self {
        match status {
            WifiStatus::Connecting { attempts_remaining } => WifiState::Connecting {
                attempts_remaining: *attempts_remaining,
            },
            WifiStatus::Connected(info) => WifiState::Connected {
                ip: info.ip4.clone(),
                ssid: info.ssid.clone(),
                bssid: info.bssid.clone(),
                channel: info.channel,
                auth: info.auth.name(),
            },
            WifiStatus::Failed(reason) => WifiState::Failed {
                reason: reason.name(),
            },
            WifiStatus::Disconnected => WifiState::Disconnected,
        }
    }
}
