//! What the manager asks of the platform: a Wi-Fi station and a credential store.
//!
//! Calls go out synchronously; results come back later through `Manager::on_wifi_event`.

use alloc::vec::Vec;
use core::fmt;

/// SSID and passphrase, as received in SetConfig and kept in the credential store.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct WifiCredentials {
    /// SSID bytes (≤ 32).
    pub ssid: Vec<u8>,
    /// Passphrase bytes (≤ 63); empty for an open network.
    pub passphrase: Vec<u8>,
}

/// The passphrase never reaches a log.
impl fmt::Debug for WifiCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WifiCredentials")
            .field("ssid", &alloc::string::String::from_utf8_lossy(&self.ssid))
            .field("passphrase", &"<redacted>")
            .finish()
    }
}

/// Scan parameters from CmdScanStart, handed to the platform unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScanParams {
    /// The client waits for the scan to finish before the response.
    pub blocking: bool,
    /// Passive instead of active scan.
    pub passive: bool,
    /// 0 = all channels at once; N = pause after every N channels.
    pub group_channels: u32,
    /// Per-channel dwell time in ms (0 = driver default).
    pub period_ms: u32,
}

/// One access point found by a scan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApRecord {
    /// SSID bytes (≤ 32).
    pub ssid: Vec<u8>,
    /// The AP's MAC address.
    pub bssid: [u8; 6],
    /// Signal strength in dBm.
    pub rssi: i8,
    /// Primary channel.
    pub channel: u8,
    /// Driver auth mode number (`messages::WifiAuthMode` names 0..=7; larger values occur).
    pub auth: i32,
}

/// What the station reports when it got an IP address.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConnectedInfo {
    /// The station's IPv4 address.
    pub ip4: [u8; 4],
    /// The AP's MAC address.
    pub bssid: [u8; 6],
    /// The AP's SSID.
    pub ssid: Vec<u8>,
    /// Primary channel.
    pub channel: u8,
    /// Driver auth mode number.
    pub auth: i32,
}

/// A station disconnect reason, numbered as ESP-IDF's `wifi_err_reason_t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DisconnectReason(pub u16);

impl DisconnectReason {
    /// Unspecified reason.
    pub const UNSPECIFIED: Self = Self(1);
    /// Message integrity check failure.
    pub const MIC_FAILURE: Self = Self(14);
    /// The 4-way handshake timed out (usually a wrong passphrase).
    pub const FOUR_WAY_HANDSHAKE_TIMEOUT: Self = Self(15);
    /// Beacons lost.
    pub const BEACON_TIMEOUT: Self = Self(200);
    /// No AP with the SSID was found.
    pub const NO_AP_FOUND: Self = Self(201);
    /// Authentication failed.
    pub const AUTH_FAIL: Self = Self(202);
    /// Association failed.
    pub const ASSOC_FAIL: Self = Self(203);
    /// The handshake timed out.
    pub const HANDSHAKE_TIMEOUT: Self = Self(204);

    /// The failure reason ESP-IDF v5.2–v5.5 reports for this disconnect, if it classifies it.
    pub fn fail_reason(self) -> Option<crate::FailReason> {
        match self {
            Self::FOUR_WAY_HANDSHAKE_TIMEOUT
            | Self::AUTH_FAIL
            | Self::HANDSHAKE_TIMEOUT
            | Self::MIC_FAILURE => Some(crate::FailReason::AuthError),
            Self::NO_AP_FOUND => Some(crate::FailReason::NetworkNotFound),
            _ => None,
        }
    }
}

/// Results of the platform's Wi-Fi station, fed back with `Manager::on_wifi_event`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WifiEvent {
    /// The station associated and got an IP address.
    Connected(ConnectedInfo),
    /// The station lost or failed its connection.
    Disconnected {
        /// Why, as the driver says.
        reason: DisconnectReason,
    },
    /// A scan finished with these APs (any order; the manager sorts them).
    ScanDone(Vec<ApRecord>),
}

/// How the platform started a scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanStarted {
    /// The scan runs; `WifiEvent::ScanDone` follows.
    Running,
    /// The scan already finished (platforms that scan synchronously, e.g. for blocking requests).
    Finished(Vec<ApRecord>),
}

/// The platform refused an operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("platform error: {0}")]
pub struct PlatformError(pub &'static str);

/// The Wi-Fi station the manager drives.
pub trait WifiStation {
    /// Starts connecting with these credentials; the outcome arrives as a `WifiEvent`.
    fn connect(&mut self, credentials: &WifiCredentials);
    /// Drops the connection and forgets the RAM configuration.
    fn disconnect(&mut self);
    /// Starts a scan with the client's parameters.
    fn start_scan(&mut self, params: &ScanParams) -> Result<ScanStarted, PlatformError>;
}

/// Where credentials persist across restarts (ESP-IDF keeps them in NVS).
pub trait CredentialStore {
    /// The stored credentials, if any.
    fn load(&mut self) -> Result<Option<WifiCredentials>, PlatformError>;
    /// Replaces the stored credentials.
    fn save(&mut self, credentials: &WifiCredentials) -> Result<(), PlatformError>;
    /// Forgets the stored credentials.
    fn erase(&mut self) -> Result<(), PlatformError>;
}
