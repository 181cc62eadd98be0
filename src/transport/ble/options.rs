//! How to find, reach and talk to a BLE device; every wait has a bound here.

use std::time::Duration;

use uuid::Uuid;

/// The largest value an ATT attribute can hold, and so the largest request any device accepts.
pub const ATT_MAX_VALUE: usize = 512;

/// The name prefix of ESP-IDF's example devices (`PROV_` + the last three MAC bytes).
pub const DEFAULT_PREFIX: &str = "PROV_";

/// BLE addressing and timing, as the CLI's `--ble*` flags set them.
#[derive(Debug, Clone)]
pub struct BleOptions {
    /// The advertised name (or address) of the device to connect to.
    pub name: Option<String>,
    /// Name prefix that marks provisioning devices in scans.
    pub prefix: String,
    /// The provisioning service UUID, when the device does not use a known one.
    pub service_uuid: Option<Uuid>,
    /// The adapter to use (`hci0`), or the first powered one.
    pub adapter: Option<String>,
    /// How many times to retry a failed connect or service discovery.
    pub retries: u32,
    /// How long a scan listens for advertisements.
    pub scan_timeout: Duration,
    /// Bound on connecting, including the stack's service resolution.
    pub connect_timeout: Duration,
    /// Bound on every other GATT operation.
    pub op_timeout: Duration,
    /// Bound on reaching the Bluetooth stack (D-Bus, BlueZ, adapter): a missing stack fails fast.
    pub stack_timeout: Duration,
    /// Requests longer than this are refused before sending.
    pub value_limit: usize,
}

impl Default for BleOptions {
    fn default() -> Self {
        BleOptions {
            name: None,
            prefix: DEFAULT_PREFIX.to_string(),
            service_uuid: None,
            adapter: None,
            retries: 0,
            scan_timeout: Duration::from_secs(5),
            connect_timeout: Duration::from_secs(15),
            op_timeout: Duration::from_secs(10),
            stack_timeout: Duration::from_millis(900),
            value_limit: ATT_MAX_VALUE,
        }
    }
}

/// The value limit of the firmware build that must have refused a `len`-byte value: the
/// largest of ESP-IDF's limits (Bluedroid 257, Bluedroid with security 2 481, NimBLE 512) below it.
pub fn refused_limit(len: usize) -> usize {
    [512, 481, 257]
        .into_iter()
        .find(|limit| *limit < len)
        .unwrap_or(257)
}
