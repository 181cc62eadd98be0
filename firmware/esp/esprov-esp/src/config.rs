//! What the application chooses at `init` (ESP-IDF's `wifi_prov_mgr_config_t` plus the
//! arguments of `wifi_prov_mgr_start_provisioning`).

use alloc::string::String;
use alloc::vec::Vec;

use esprov_device::esprov_proto::qr::QrSecret;
use esprov_device::Security;

/// The transports provisioning runs on (ESP-IDF's `wifi_prov_scheme_*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// GATT server, one characteristic per endpoint (`wifi_prov_scheme_ble`).
    #[cfg(feature = "ble")]
    Ble,
    /// Access point + HTTP on 192.168.4.1:80 + mDNS (`wifi_prov_scheme_softap`).
    #[cfg(feature = "softap")]
    SoftAp,
    /// Both at once, sharing one manager and so one session at a time.
    #[cfg(all(feature = "ble", feature = "softap"))]
    BleAndSoftAp,
    /// `<endpoint> <session-id> <hex>` lines on the serial port (`wifi_prov_scheme_console`).
    #[cfg(feature = "console")]
    Console,
}

impl Scheme {
    /// Whether the scheme runs the GATT server.
    pub fn uses_ble(self) -> bool {
        #[cfg(feature = "ble")]
        if matches!(self, Scheme::Ble) {
            return true;
        }
        #[cfg(all(feature = "ble", feature = "softap"))]
        if matches!(self, Scheme::BleAndSoftAp) {
            return true;
        }
        false
    }

    /// Whether the scheme runs the access point and its HTTP server.
    pub fn uses_softap(self) -> bool {
        #[cfg(feature = "softap")]
        if matches!(self, Scheme::SoftAp) {
            return true;
        }
        #[cfg(all(feature = "ble", feature = "softap"))]
        if matches!(self, Scheme::BleAndSoftAp) {
            return true;
        }
        false
    }

    /// Whether the scheme reads request lines from the console port.
    pub fn uses_console(self) -> bool {
        #[cfg(feature = "console")]
        if matches!(self, Scheme::Console) {
            return true;
        }
        false
    }

    /// The first scheme this build offers, in ESP-IDF's order of preference.
    #[allow(unreachable_code)]
    fn first_enabled() -> Self {
        #[cfg(feature = "ble")]
        return Scheme::Ble;
        #[cfg(feature = "softap")]
        return Scheme::SoftAp;
        #[cfg(feature = "console")]
        return Scheme::Console;
        #[cfg(not(any(feature = "ble", feature = "softap", feature = "console")))]
        compile_error!("esprov-esp: enable at least one scheme feature: ble, softap or console");
    }
}

/// Where the device's provisioning secret comes from.
#[derive(Debug, Clone)]
pub enum Credentials {
    /// The factory-data partition (`esprov_fctry`), written per device by `esprov factory-data`;
    /// without a valid record, `start` refuses and logs why. The default (without the `demo`
    /// feature), and the only safe choice for devices that leave the bench.
    FactoryData,
    /// Supplied by the application (for example from its own secure storage).
    Given {
        /// The security scheme and its secret.
        security: Security,
        /// What the console's QR payload shows; `None` prints no QR code.
        qr: Option<QrSecret>,
    },
    /// The ESP-IDF examples' shared secrets (PoP `abcd1234`; security 2 user `wifiprov`,
    /// password `abcd1234`): anyone can provision such a device. Only with the `demo` feature.
    #[cfg(feature = "demo")]
    Demo {
        /// 1 or 2.
        security: u8,
    },
}

impl Default for Credentials {
    /// The factory data; with the `demo` feature, the examples' security 2 secrets instead (a
    /// bench board without factory data then provisions with `wifiprov`/`abcd1234`).
    fn default() -> Self {
        #[cfg(feature = "demo")]
        return Credentials::Demo { security: 2 };
        #[cfg(not(feature = "demo"))]
        return Credentials::FactoryData;
    }
}

/// An application label in proto-ver (`wifi_prov_mgr_set_app_info`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppInfo {
    /// The JSON key, e.g. the application's name.
    pub label: String,
    /// Its version string.
    pub version: String,
    /// Capability strings a client may look for.
    pub capabilities: Vec<String>,
}

/// The provisioning configuration; `Config::default()` holds ESP-IDF's defaults, and the
/// credentials of [`Credentials::default`].
#[derive(Debug, Clone)]
pub struct Config {
    /// Transports to offer.
    pub scheme: Scheme,
    /// Where the secret comes from.
    pub credentials: Credentials,
    /// The service name (BLE name, SoftAP SSID); `None`: the factory data's, else `name_prefix`
    /// plus the last three station MAC bytes in upper-case hex, as the ESP-IDF example builds it.
    pub service_name: Option<String>,
    /// Prefix of the generated service name.
    pub name_prefix: String,
    /// WPA2 passphrase of the SoftAP (8..=63 characters); `None`: the factory data's, else open.
    pub service_key: Option<String>,
    /// 128-bit GATT service UUID, big-endian as written; `None`: the factory data's, else
    /// [`DEFAULT_SERVICE_UUID`].
    pub ble_service_uuid: Option<[u8; 16]>,
    /// `sec_patch_ver` for security 2 (1 = current ESP-IDF's 12-byte IV with a counter).
    pub sec_patch_ver: u8,
    /// Offer `prov-scan` (capability `wifi_scan`).
    pub wifi_scan: bool,
    /// Seconds the service stays up after success when no client reads the status.
    pub autostop_seconds: u32,
    /// Application labels in proto-ver.
    pub app_info: Vec<AppInfo>,
    /// Custom endpoint names, created at `init`; handlers are registered after `start`.
    pub custom_endpoints: Vec<String>,
}

/// ESP-IDF's example service UUID `021a9004-0382-4aea-bff4-6b3f1c5adfb4`, big-endian.
pub const DEFAULT_SERVICE_UUID: [u8; 16] = esprov_device::esprov_proto::uuid::EXAMPLE_SERVICE.0;

impl Config {
    /// ESP-IDF's defaults with the transports of `scheme`.
    pub fn new(scheme: Scheme) -> Self {
        Config {
            scheme,
            ..Config::default()
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            scheme: Scheme::first_enabled(),
            credentials: Credentials::default(),
            service_name: None,
            name_prefix: esprov_device::IdentityChoice::default().name_prefix,
            service_key: None,
            ble_service_uuid: None,
            sec_patch_ver: 1,
            wifi_scan: true,
            autostop_seconds: 30,
            app_info: Vec::new(),
            custom_endpoints: Vec::new(),
        }
    }
}
