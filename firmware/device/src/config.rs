//! What the application configures before `start`: security, names, labels and limits.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use esprov_proto::security::ResponderConfig;
use esprov_proto::version::{
    AppInfo, NetworkType, CAP_NO_POP, CAP_NO_SEC, CAP_THREAD_PROV, CAP_THREAD_SCAN, CAP_WIFI_PROV,
    CAP_WIFI_SCAN,
};

use crate::time::{
    CONNECT_DELAY_MS, DEFAULT_AUTOSTOP_TIMEOUT_MS, DEFAULT_THREAD_ATTACH_TIMEOUT_MS,
};

/// The security scheme the device answers `prov-session` with.
#[derive(Clone, PartialEq, Eq)]
pub enum Security {
    /// Security 0: plaintext, capability `no_sec`.
    Sec0,
    /// Security 1: X25519 + AES-CTR, with an optional proof of possession (`no_pop` when absent).
    Sec1 {
        /// The PoP bytes; `None` (or empty) means none.
        pop: Option<Vec<u8>>,
    },
    /// Security 2: SRP6a from a stored salt and verifier.
    Sec2 {
        /// The salt as stored on the device.
        salt: Vec<u8>,
        /// The verifier v = g^x mod N, big-endian.
        verifier: Vec<u8>,
    },
}

impl Security {
    /// The scheme number sent as `sec_ver`.
    pub fn version(&self) -> u8 {
        match self {
            Security::Sec0 => 0,
            Security::Sec1 { .. } => 1,
            Security::Sec2 { .. } => 2,
        }
    }

    /// Whether security 1 runs without a proof of possession.
    pub fn without_pop(&self) -> bool {
        matches!(self, Security::Sec1 { pop } if pop.as_ref().is_none_or(|p| p.is_empty()))
    }

    /// The responder configuration for one session.
    pub(crate) fn responder_config(&self, sec_patch_ver: u8) -> ResponderConfig {
        match self {
            Security::Sec0 => ResponderConfig::Sec0,
            Security::Sec1 { pop } => ResponderConfig::Sec1 {
                pop: pop.clone().unwrap_or_default(),
            },
            Security::Sec2 { salt, verifier } => ResponderConfig::Sec2 {
                salt: salt.clone(),
                verifier: verifier.clone(),
                patch: sec_patch_ver,
            },
        }
    }
}

/// Secrets are never printed, not even in debug logs.
impl fmt::Debug for Security {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Security::Sec0 => f.write_str("Sec0"),
            Security::Sec1 { pop } => f
                .debug_struct("Sec1")
                .field("pop", &pop.as_ref().map(|_| "<redacted>"))
                .finish(),
            Security::Sec2 { salt, .. } => f
                .debug_struct("Sec2")
                .field("salt_len", &salt.len())
                .finish_non_exhaustive(),
        }
    }
}

/// The network types a network_provisioning build provisions (`CONFIG_NETWORK_PROV_NETWORK_TYPE_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Networks {
    /// Wi-Fi (capability `wifi_prov`).
    pub wifi: bool,
    /// Thread (capability `thread_prov`); the manager then needs a `ThreadNode`.
    pub thread: bool,
}

/// How the manager meets a request for one network type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Serves {
    /// The build provisions it.
    Yes,
    /// network_provisioning without that type: the response says InvalidArgument.
    InvalidArgument,
    /// wifi_provisioning has no such message: the request fails.
    Unknown,
}

/// The manager's configuration (ESP-IDF's `wifi_prov_mgr_config_t` plus start arguments).
#[derive(Debug, Clone)]
pub struct Config {
    /// The service name: BLE device name, SoftAP SSID, mDNS instance.
    pub service_name: String,
    /// The security scheme and its secret.
    pub security: Security,
    /// `sec_patch_ver` for security 2: 0 = 16-byte static IV, 1 = 12-byte IV with counter.
    pub sec_patch_ver: u8,
    /// Whether the device offers `prov-scan` (capability `wifi_scan`).
    pub wifi_scan: bool,
    /// `None`: answer as wifi_provisioning (`v1.1`, Wi-Fi only). `Some`: answer as
    /// network_provisioning (`netprov-v1.2`) with these network types.
    pub network_provisioning: Option<Networks>,
    /// Whether a Thread build offers the Thread scan (capability `thread_scan`).
    pub thread_scan: bool,
    /// How long a Thread attach may take before it fails with ThreadNetworkNotFound.
    pub thread_attach_timeout_ms: u64,
    /// Application labels listed before `prov` in proto-ver.
    pub app_info: Vec<AppInfo>,
    /// Connection attempts before a failure is final; 0 = legacy behaviour (§5.4).
    pub wifi_conn_attempts: u32,
    /// Auto-stop after success without a GetStatus, in ms (CONFIG_WIFI_PROV_AUTOSTOP_TIMEOUT).
    pub autostop_timeout_ms: u64,
    /// Most scan results kept, strongest first (CONFIG_WIFI_PROV_SCAN_MAX_ENTRIES).
    pub scan_max_entries: usize,
    /// Delay from ApplyConfig to the Wi-Fi connect, so the response leaves before a channel change.
    pub apply_delay_ms: u64,
    /// Deliberate misbehaviour for conformance tests (test-faults feature only).
    #[cfg(feature = "test-faults")]
    pub faults: crate::faults::Faults,
}

impl Config {
    /// A configuration with ESP-IDF's defaults for everything but the name and security.
    pub fn new(service_name: impl Into<String>, security: Security) -> Self {
        Config {
            service_name: service_name.into(),
            security,
            sec_patch_ver: 1,
            wifi_scan: true,
            network_provisioning: None,
            thread_scan: true,
            thread_attach_timeout_ms: DEFAULT_THREAD_ATTACH_TIMEOUT_MS,
            app_info: Vec::new(),
            wifi_conn_attempts: 0,
            autostop_timeout_ms: DEFAULT_AUTOSTOP_TIMEOUT_MS,
            scan_max_entries: 16,
            apply_delay_ms: CONNECT_DELAY_MS,
            #[cfg(feature = "test-faults")]
            faults: crate::faults::Faults::default(),
        }
    }

    /// The capability strings in ESP-IDF's order: `no_sec`/`no_pop` first, then `wifi_scan`;
    /// network_provisioning lists `wifi_prov`, `wifi_scan`, `thread_prov`, `thread_scan`.
    pub fn capabilities(&self) -> Vec<&'static str> {
        let mut caps = Vec::new();
        if self.security == Security::Sec0 {
            caps.push(CAP_NO_SEC);
        } else if self.security.without_pop() {
            caps.push(CAP_NO_POP);
        }
        let networks = self.networks();
        if self.network_provisioning.is_some() && networks.wifi {
            caps.push(CAP_WIFI_PROV);
        }
        if networks.wifi && self.wifi_scan {
            caps.push(CAP_WIFI_SCAN);
        }
        if networks.thread {
            caps.push(CAP_THREAD_PROV);
            if self.thread_scan {
                caps.push(CAP_THREAD_SCAN);
            }
        }
        caps
    }

    /// The network types this build provisions; wifi_provisioning provisions Wi-Fi only.
    pub fn networks(&self) -> Networks {
        self.network_provisioning.unwrap_or(Networks {
            wifi: true,
            thread: false,
        })
    }

    /// How a request for `network` is met: served, refused with InvalidArgument (a
    /// network_provisioning build without that type), or unknown (wifi_provisioning and Thread).
    pub(crate) fn serves(&self, network: NetworkType) -> Serves {
        let networks = self.networks();
        let built = match network {
            NetworkType::Wifi => networks.wifi,
            NetworkType::Thread => networks.thread,
        };
        match (built, self.network_provisioning.is_some()) {
            (true, _) => Serves::Yes,
            (false, true) => Serves::InvalidArgument,
            (false, false) => Serves::Unknown,
        }
    }

    /// Whether `prov-scan` exists: some provisioned network type offers its scan.
    pub fn offers_scan(&self) -> bool {
        let networks = self.networks();
        (networks.wifi && self.wifi_scan) || (networks.thread && self.thread_scan)
    }

    /// The `sec_patch_ver` proto-ver reports: the configured one for security 2, else 0.
    pub fn effective_patch_ver(&self) -> u8 {
        match self.security {
            Security::Sec2 { .. } => self.sec_patch_ver,
            _ => 0,
        }
    }
}
