//! The one error type of the esprov library, and the exit codes the CLI maps it to.

use std::time::Duration;

/// Process exit codes, documented in README.md and `esprov --help`.
pub mod exit {
    /// Success.
    pub const OK: i32 = 0;
    /// Anything not covered below (I/O on local files, internal errors).
    pub const FAILURE: i32 = 1;
    /// Bad arguments or a missing secret with no TTY to ask on.
    pub const USAGE: i32 = 2;
    /// The device could not be reached, or the connection was lost.
    pub const UNREACHABLE: i32 = 3;
    /// Security failure: wrong PoP, username or password, or a device offering less security than
    /// the credentials demand (refused before any Wi-Fi secret is sent).
    pub const SECURITY: i32 = 4;
    /// The device rejected a request or answered with an error status (or sent more than a
    /// protocomm answer can be).
    pub const REJECTED: i32 = 5;
    /// The device could not join Wi-Fi: wrong passphrase (Thread: the device could not use the
    /// dataset). The credentials were refused.
    pub const WIFI_AUTH: i32 = 6;
    /// The device could not join Wi-Fi: the access point was not found (Thread: no network with
    /// the dataset answered).
    pub const AP_NOT_FOUND: i32 = 7;
    /// A step did not finish within its time bound.
    pub const TIMEOUT: i32 = 8;
    /// The device does not support what was asked (for example scan, or the security scheme).
    pub const UNSUPPORTED: i32 = 9;
    /// `esprov batch`: two failure reasons with different codes were equally common.
    pub const BATCH_TIE: i32 = 10;
    /// `esprov batch`: devices were left unfinished (interrupted); `--resume` continues.
    pub const BATCH_UNFINISHED: i32 = 11;
}

/// Everything that can make a provisioning operation fail, by cause.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The arguments or inputs are wrong; nothing was sent.
    #[error("{0}")]
    Usage(String),
    /// The device could not be reached at all.
    #[error("cannot reach {peer}: {reason}")]
    Unreachable {
        /// Address or name of the device.
        peer: String,
        /// Why the connection failed.
        reason: String,
    },
    /// The connection dropped in the middle of the run; the device needs a new session.
    #[error("connection to {peer} lost: {reason}")]
    TransportLost {
        /// Address or name of the device.
        peer: String,
        /// What happened.
        reason: String,
    },
    /// The handshake failed: wrong PoP, username or password, or a device that refused the scheme.
    #[error("security handshake failed: {0}")]
    Security(String),
    /// The device (or `--sec`) offers less security than the user's credentials demand, or
    /// security 0 that the user did not choose; nothing secret was sent.
    #[error("refused to downgrade: {offered}, but {asked}")]
    Downgrade {
        /// What the device's answer (or `--sec`) offers.
        offered: String,
        /// What the user's credentials or choice require.
        asked: String,
        /// The way out, shown as help.
        fix: &'static str,
    },
    /// The device refused a request (it closed the connection or answered with an error status).
    #[error("device rejected {endpoint}: {reason}")]
    Rejected {
        /// The endpoint that was refused.
        endpoint: String,
        /// What the device said, or how it refused.
        reason: String,
    },
    /// The device tried the credentials and the access point refused the passphrase.
    #[error("Wi-Fi authentication failed: wrong passphrase for the access point")]
    WifiAuth,
    /// The device tried the credentials and found no access point with that SSID.
    #[error("Wi-Fi access point not found")]
    ApNotFound,
    /// The device could not use the Thread dataset (network_provisioning's DatasetInvalid).
    #[error("Thread attach failed: the device could not use the dataset")]
    ThreadDatasetInvalid,
    /// No Thread network with the dataset answered in time (ThreadNetworkNotFound).
    #[error("Thread attach failed: network not found")]
    ThreadNetworkNotFound,
    /// A step did not finish in time.
    #[error("timed out after {after:?} waiting for {what}")]
    Timeout {
        /// The step that timed out.
        what: String,
        /// The bound that elapsed.
        after: Duration,
    },
    /// The device does not support the requested operation.
    #[error("not supported by the device: {0}")]
    Unsupported(String),
    /// The device's answer did not follow the protocol.
    #[error("protocol error: {0}")]
    Protocol(#[from] esprov_proto::Error),
    /// A local file or stream failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// No usable Bluetooth stack: no D-Bus, no BlueZ, no adapter, or the adapter is off.
    #[error("Bluetooth unavailable: {missing}. Fix: {fix}")]
    NoBluetooth {
        /// The missing or broken part, e.g. "BlueZ (org.bluez) is not on the D-Bus system bus".
        missing: String,
        /// What the user can do about it.
        fix: String,
    },
    /// The device sent more than any protocomm answer can be; the rest was not read.
    #[error(
        "the answer to {endpoint} is {size}, more than the {limit} bytes a protocomm answer can be"
    )]
    AnswerTooLarge {
        /// The endpoint that answered.
        endpoint: String,
        /// How large the answer is, or was found to be at least.
        size: String,
        /// The cap.
        limit: usize,
    },
    /// A request does not fit the device's BLE characteristic value; nothing was sent.
    #[error("request to {endpoint} is {len} bytes, more than the device's BLE value limit of {limit} bytes")]
    RequestTooLarge {
        /// The endpoint the request was for.
        endpoint: String,
        /// The request length.
        len: usize,
        /// The limit (ESP-IDF: 257 Bluedroid, 481 Bluedroid with security 2, 512 NimBLE).
        limit: usize,
    },
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => exit::USAGE,
            Error::Unreachable { .. } | Error::TransportLost { .. } => exit::UNREACHABLE,
            Error::Security(_) | Error::Downgrade { .. } => exit::SECURITY,
            Error::Rejected { .. } | Error::Protocol(_) | Error::AnswerTooLarge { .. } => {
                exit::REJECTED
            }
            Error::WifiAuth | Error::ThreadDatasetInvalid => exit::WIFI_AUTH,
            Error::ApNotFound | Error::ThreadNetworkNotFound => exit::AP_NOT_FOUND,
            Error::Timeout { .. } => exit::TIMEOUT,
            Error::Unsupported(_) => exit::UNSUPPORTED,
            Error::Io { .. } => exit::FAILURE,
            Error::NoBluetooth { .. } => exit::UNREACHABLE,
            Error::RequestTooLarge { .. } => exit::UNSUPPORTED,
        }
    }

    /// The short machine-readable reason used in `--json` output and batch reports.
    pub fn reason(&self) -> &'static str {
        match self {
            Error::Usage(_) => "usage",
            Error::Unreachable { .. } => "unreachable",
            Error::TransportLost { .. } => "transport_lost",
            Error::Security(_) => "security",
            Error::Downgrade { .. } => "security_downgrade",
            Error::Rejected { .. } | Error::Protocol(_) => "rejected",
            Error::AnswerTooLarge { .. } => "answer_too_large",
            Error::WifiAuth => "wifi_auth_error",
            Error::ApNotFound => "ap_not_found",
            Error::ThreadDatasetInvalid => "thread_dataset_invalid",
            Error::ThreadNetworkNotFound => "thread_network_not_found",
            Error::Timeout { .. } => "timeout",
            Error::Unsupported(_) => "unsupported",
            Error::Io { .. } => "io",
            Error::NoBluetooth { .. } => "no_bluetooth",
            Error::RequestTooLarge { .. } => "request_too_large",
        }
    }

    /// What the user can try next, shown under the error by the CLI.
    pub fn help(&self) -> Option<&'static str> {
        match self {
            Error::Downgrade { fix, .. } => Some(fix),
            Error::Security(_) => Some(
                "check --pop (security 1) or --username/--password (security 2); \
                 `esprov info` shows which security the device wants",
            ),
            Error::WifiAuth | Error::ApNotFound => Some(
                "run `esprov reset` to let the device accept new credentials, then provision again",
            ),
            Error::ThreadDatasetInvalid | Error::ThreadNetworkNotFound => Some(
                "check the dataset (`esprov scan --thread` lists what the device hears), \
                 run `esprov reset` to let the device accept a new dataset, then provision again",
            ),
            Error::Unreachable { .. } => Some(
                "check that the device is powered and in provisioning mode, and that you are on its network",
            ),
            Error::TransportLost { .. } => Some("start a new session: run the command again"),
            Error::Timeout { .. } => Some("raise --timeout, or check that the device is still in provisioning mode"),
            Error::RequestTooLarge { .. } => Some(
                "ESP-IDF stores at most 257 bytes per BLE value (Bluedroid), 481 (Bluedroid with security 2) \
                 or 512 (NimBLE): send a shorter payload",
            ),
            _ => None,
        }
    }
}
