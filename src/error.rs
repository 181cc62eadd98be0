//! The one error type of the esprov library, and the exit codes the CLI maps it to.

use std::time::Duration;

use crate::reason::Reason;

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
    /// `esprov check`: the suite ran and at least one check failed.
    pub const CHECK_FAILED: i32 = 12;
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
    #[error("Wi-Fi access point {} not found", ssid_shown(ssid.as_deref()))]
    ApNotFound {
        /// The SSID the device looked for, when the caller knows it.
        ssid: Option<String>,
    },
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
    /// One request got no answer within its own bound (`--request-timeout`).
    #[error("timed out after {after:?} waiting for {what}")]
    RequestTimeout {
        /// The request and the peer, e.g. "127.0.0.1:80 to answer prov-config".
        what: String,
        /// The per-request bound that elapsed.
        after: Duration,
    },
    /// The link dropped after ApplyConfig, which SoftAP devices do when they join (channel change).
    #[error("connection to {peer} lost after ApplyConfig: {reason}; the device may still join the network")]
    LostAfterApply {
        /// Address or name of the device.
        peer: String,
        /// What happened.
        reason: String,
    },
    /// The device refused because it is already connected; CtrlReprov makes it take new credentials.
    #[error(
        "the device at {peer} is already connected to {} and refuses new credentials",
        ssid_shown(Some(ssid))
    )]
    AlreadyConnected {
        /// Address or name of the device.
        peer: String,
        /// The network it is connected to.
        ssid: String,
    },
    /// `--sec` asked for another scheme than the one the device's proto-ver names.
    #[error(
        "the device wants security {wanted} (its proto-ver says so), but --sec {given} was given"
    )]
    SecurityMismatch {
        /// The scheme the device named (`sec_ver`).
        wanted: u8,
        /// The scheme the user forced.
        given: u8,
    },
    /// A serial port could not be opened (name, permissions, or another program holds it).
    #[error("cannot open serial port {port}: {reason}")]
    SerialPort {
        /// The port, e.g. /dev/ttyUSB0 or COM3.
        port: String,
        /// Why opening it failed.
        reason: String,
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
    #[error("Bluetooth unavailable: {missing}")]
    NoBluetooth {
        /// The missing or broken part, e.g. "BlueZ (org.bluez) is not on the D-Bus system bus".
        missing: String,
        /// What the user can do about it, shown as help.
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
    #[error("{}", request_too_large(endpoint, *len, *limit))]
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
            Error::Unreachable { .. }
            | Error::TransportLost { .. }
            | Error::LostAfterApply { .. }
            | Error::SerialPort { .. } => exit::UNREACHABLE,
            Error::Security(_) | Error::SecurityMismatch { .. } | Error::Downgrade { .. } => {
                exit::SECURITY
            }
            Error::Rejected { .. }
            | Error::AlreadyConnected { .. }
            | Error::Protocol(_)
            | Error::AnswerTooLarge { .. } => exit::REJECTED,
            Error::WifiAuth | Error::ThreadDatasetInvalid => exit::WIFI_AUTH,
            Error::ApNotFound { .. } | Error::ThreadNetworkNotFound => exit::AP_NOT_FOUND,
            Error::Timeout { .. } | Error::RequestTimeout { .. } => exit::TIMEOUT,
            Error::Unsupported(_) => exit::UNSUPPORTED,
            Error::Io { .. } => exit::FAILURE,
            Error::NoBluetooth { .. } => exit::UNREACHABLE,
            Error::RequestTooLarge { .. } => exit::UNSUPPORTED,
        }
    }

    /// The short machine-readable reason used in `--json` output and batch reports.
    pub fn reason(&self) -> &'static str {
        self.kind().word()
    }

    /// Why this error happened, as one of the contract's [`Reason`]s.
    pub fn kind(&self) -> Reason {
        match self {
            Error::Usage(_) => Reason::Usage,
            Error::Unreachable { .. } | Error::SerialPort { .. } => Reason::Unreachable,
            Error::TransportLost { .. } | Error::LostAfterApply { .. } => Reason::TransportLost,
            Error::Security(_) | Error::SecurityMismatch { .. } => Reason::Security,
            Error::Downgrade { .. } => Reason::SecurityDowngrade,
            Error::Rejected { .. } | Error::AlreadyConnected { .. } | Error::Protocol(_) => {
                Reason::Rejected
            }
            Error::AnswerTooLarge { .. } => Reason::AnswerTooLarge,
            Error::WifiAuth => Reason::WifiAuthError,
            Error::ApNotFound { .. } => Reason::ApNotFound,
            Error::ThreadDatasetInvalid => Reason::ThreadDatasetInvalid,
            Error::ThreadNetworkNotFound => Reason::ThreadNetworkNotFound,
            Error::Timeout { .. } | Error::RequestTimeout { .. } => Reason::Timeout,
            Error::Unsupported(_) => Reason::Unsupported,
            Error::Io { .. } => Reason::Io,
            Error::NoBluetooth { .. } => Reason::NoBluetooth,
            Error::RequestTooLarge { .. } => Reason::RequestTooLarge,
        }
    }

    /// What the user can try next, shown under the error by the CLI: one hint, naming the step
    /// and the peer when the error knows it. Every error has one (README, "Exit codes").
    pub fn help(&self) -> String {
        match self {
            Error::Usage(_) => "nothing was sent to any device: correct what the message names \
                 (an argument, a manifest cell); `esprov help COMMAND` lists each flag with examples"
                .to_owned(),
            Error::Downgrade { fix, .. } => (*fix).to_owned(),
            Error::Security(_) => "check --pop (security 1) or --username/--password (security 2); \
                 `esprov info` shows which security the device wants"
                .to_owned(),
            Error::SecurityMismatch { wanted, .. } => format!(
                "drop --sec (esprov then follows the device's proto-ver), or pass --sec {wanted}"
            ),
            Error::Rejected { endpoint, .. } => format!(
                "the device refused {endpoint}: `esprov info` (same device flags) shows what its \
                 firmware offers, and `esprov check` runs each protocol step against it"
            ),
            Error::Protocol(_) => "the device's answer does not follow the provisioning protocol: \
                 `esprov info` (same device flags) shows its proto-ver, and `esprov check` names \
                 the step that breaks"
                .to_owned(),
            Error::AnswerTooLarge { endpoint, .. } => format!(
                "the device sent more to {endpoint} than protocomm allows; its firmware is faulty \
                 or this is not a provisioning endpoint: check --device, then `esprov check`"
            ),
            Error::AlreadyConnected { peer, .. } => format!(
                "run `esprov reprov` with the same device flags (it makes the connected device at \
                 {peer} take new credentials), then provision again"
            ),
            Error::WifiAuth => "check the passphrase, then run `esprov reset` with the same device \
                 flags so the device accepts new credentials, and provision again"
                .to_owned(),
            Error::ApNotFound { ssid } => format!(
                "ESP32 devices see only 2.4 GHz networks: check that {} is spelled exactly \
                 (case matters) and broadcasts on 2.4 GHz; then run `esprov reset` with the same \
                 device flags and provision again",
                ssid_shown(ssid.as_deref())
            ),
            Error::ThreadDatasetInvalid | Error::ThreadNetworkNotFound => {
                "check the dataset (`esprov scan --thread` lists what the device hears), \
                 run `esprov reset --thread` (same device flags) to let the device accept a new dataset, then provision again"
                    .to_owned()
            }
            Error::Unreachable { peer, .. } if is_softap_default(peer) => format!(
                "{peer} is the address a device has on its own SoftAP: join the device's Wi-Fi \
                 network (PROV_… by default) first, or pass --device HOST for a device on your LAN"
            ),
            Error::Unreachable { peer, .. } => format!(
                "check that the device at {peer} is powered and in provisioning mode, and that \
                 this computer is on its network"
            ),
            Error::SerialPort { port, .. } => format!(
                "check the port name {port} (Linux /dev/ttyUSB0 or /dev/ttyACM0, macOS \
                 /dev/cu.usbserial-*, Windows COM3), that no serial monitor holds it, and that \
                 you may open it (Linux: the dialout group)"
            ),
            Error::TransportLost { peer, .. } => {
                format!("start a new session with {peer}: run the command again")
            }
            Error::LostAfterApply { peer, .. } => format!(
                "normal on SoftAP, whose channel follows the network the device joins: check with \
                 `esprov status` (same device flags) once this computer can reach {peer} again"
            ),
            Error::Timeout { .. } => "raise --timeout, or check that the device is still in \
                 provisioning mode"
                .to_owned(),
            Error::RequestTimeout { .. } => "raise --request-timeout (the bound on each request), \
                 or check that the device is still in provisioning mode"
                .to_owned(),
            Error::Unsupported(_) => "`esprov info` (same device flags) lists what the device \
                 offers (its proto-ver capabilities and security); ask only for those"
                .to_owned(),
            Error::Io { .. } => "check the path, its permissions and the free disk space, then run \
                 the command again"
                .to_owned(),
            Error::NoBluetooth { fix, .. } => fix.clone(),
            Error::RequestTooLarge { .. } => "ESP-IDF stores at most 257 bytes per BLE value \
                 (Bluedroid), 481 (Bluedroid with security 2) or 512 (NimBLE): send a shorter payload"
                .to_owned(),
        }
    }
}

/// The RequestTooLarge message; a prov-config request's length is not shown (it would tell the
/// passphrase's or the dataset's).
fn request_too_large(endpoint: &str, len: usize, limit: usize) -> String {
    let size = if esprov_proto::endpoint::Endpoint::from_name(endpoint).carries_secrets() {
        "longer".to_owned()
    } else {
        format!("{len} bytes, more")
    };
    format!("request to {endpoint} is {size} than the device's BLE value limit of {limit} bytes")
}

/// An SSID as messages show it: quoted and escaped, or "the network" when unknown.
fn ssid_shown(ssid: Option<&str>) -> String {
    match ssid {
        Some(ssid) => format!("{:?}", crate::device_text::truncate(ssid)),
        None => "the network".to_owned(),
    }
}

/// Whether `peer` is the SoftAP default address, which only a device's own network reaches.
fn is_softap_default(peer: &str) -> bool {
    peer.split(':').next() == crate::transport::http::DEFAULT_DEVICE.split(':').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_too_large_prov_config_request_hides_its_length() {
        let secret = Error::RequestTooLarge {
            endpoint: "prov-config".into(),
            len: 517,
            limit: 512,
        };
        let text = secret.to_string();
        assert!(!text.contains("517"), "{text}");
        assert!(text.contains("512"), "{text}");
        let custom = Error::RequestTooLarge {
            endpoint: "custom-data".into(),
            len: 517,
            limit: 512,
        };
        assert!(custom.to_string().contains("517 bytes"));
    }
}
