//! The `esprov sim` command line.

use std::path::PathBuf;

/// Where the device is and how it is reached.
const DEVICE: &str = "Device";
/// The security scheme and the secrets the device checks.
const SECURITY: &str = "Security";
/// The Wi-Fi access points and Thread networks the device can join, and what joining does.
const NETWORKS: &str = "Networks";
/// How long the device takes, and when it stops.
const TIMING: &str = "Timing";
/// What the sim prints.
const OUTPUT: &str = "Output";
/// Deliberate misbehaviour for conformance tests.
const FAULTS: &str = "Faults";

/// Which transport the virtual device serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SimTransport {
    /// HTTP on a TCP port, as the SoftAP scheme does.
    Http,
    /// ESP-IDF's console line format on stdin/stdout or a PTY.
    Console,
}

/// What the simulated Wi-Fi or Thread does with the credentials it receives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SimOutcome {
    /// Connect (attach) after the delay, if the credentials match a simulated AP (Thread network).
    Ok,
    /// Always fail with an authentication error (Thread: network not found).
    AuthError,
    /// Always fail with AP not found (Thread: network not found).
    NoAp,
    /// Thread: always fail with "dataset invalid" (Wi-Fi connects as with `ok`).
    DatasetInvalid,
    /// Stay in Connecting (Attaching) forever; a Thread manager then times out: network not found.
    Never,
}

/// Which provisioning manager the device runs and what it provisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SimNetwork {
    /// wifi_provisioning (proto-ver v1.1), Wi-Fi only: the ESP-IDF ≤ 5.5 device.
    Wifi,
    /// network_provisioning (netprov-v1.2) built for Thread only.
    Thread,
    /// network_provisioning built for Wi-Fi and Thread.
    Both,
}

/// A deliberate misbehaviour, so tests can show that `esprov check` catches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum SimFault {
    /// Answer a handshake with a wrong PoP or password as if it had verified.
    AcceptAnyPop,
    /// Take new credentials after a failed attempt without a prov-ctrl reset.
    NoRejectAfterFailure,
    /// Let a new transport session inherit the previous session's keys.
    KeepOldSession,
    /// Answer prov-config in plaintext before any handshake.
    NoSessionRequired,
    /// Leave wifi_scan out of proto-ver while prov-scan still answers.
    HideScanCap,
    /// List a capability that contradicts the security scheme.
    BadCaps,
    /// Refuse GetStatus while the station is connecting.
    SilentWhileConnecting,
    /// Report the strongest access point twice in scan results.
    ScanDuplicates,
    /// Join any access point whatever the passphrase.
    AcceptAnyPassphrase,
    /// Exit at once (a crash) on a request body or console line over the limit.
    CrashOnOversize,
}

impl SimFault {
    /// The manager-level fault this switch sets, if it is the manager's behaviour.
    pub fn device_fault(self) -> Option<esprov_device::Fault> {
        use esprov_device::Fault;
        Some(match self {
            SimFault::AcceptAnyPop => Fault::AcceptAnyPop,
            SimFault::NoRejectAfterFailure => Fault::NoRejectAfterFailure,
            SimFault::KeepOldSession => Fault::KeepOldSession,
            SimFault::NoSessionRequired => Fault::NoSessionRequired,
            SimFault::HideScanCap => Fault::HideScanCap,
            SimFault::BadCaps => Fault::BadCaps,
            SimFault::SilentWhileConnecting => Fault::SilentWhileConnecting,
            SimFault::ScanDuplicates
            | SimFault::AcceptAnyPassphrase
            | SimFault::CrashOnOversize => return None,
        })
    }
}

/// Runs one or more virtual ESP32 devices.
#[derive(Debug, Clone, clap::Args)]
pub struct SimArgs {
    /// Transport to serve.
    #[arg(long, value_enum, default_value_t = SimTransport::Http, help_heading = DEVICE)]
    pub transport: SimTransport,
    /// Address to bind HTTP to (loopback only by default).
    #[arg(long, default_value = "127.0.0.1", help_heading = DEVICE)]
    pub bind: String,
    /// First TCP port; 0 picks free ports.
    #[arg(long, default_value_t = 0, help_heading = DEVICE)]
    pub port: u16,
    /// Number of devices, on consecutive ports with distinct names.
    #[arg(long, default_value_t = 1, help_heading = DEVICE)]
    pub count: u16,
    /// PTY or serial path for the console transport (stdin/stdout when absent).
    #[arg(long, help_heading = DEVICE)]
    pub tty: Option<PathBuf>,
    /// Behave as stock ESP-IDF's console: 254 characters + CR per line, longer lines in 255-byte
    /// pieces, only CR ends a line, byte-wise echo, stdout-framed answers, prompt 10 ms later.
    #[arg(long, help_heading = DEVICE)]
    pub stock_line_limit: bool,
    /// A factory-data image (from `esprov factory-data`) giving a device its name and security,
    /// which override --name, --sec, --pop, --username and --password; repeat for one device each.
    #[arg(long, value_name = "FILE", help_heading = SECURITY)]
    pub factory_data: Vec<PathBuf>,
    /// Security scheme.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=2), help_heading = SECURITY)]
    pub sec: u8,
    /// Proof of possession for security 1 (none when absent).
    #[arg(long, env = "ESPROV_SIM_POP", hide_env_values = true, help_heading = SECURITY)]
    pub pop: Option<String>,
    /// SRP username for security 2.
    #[arg(long, default_value = "wifiprov", help_heading = SECURITY)]
    pub username: String,
    /// SRP password for security 2.
    #[arg(
        long,
        default_value = "abcd1234",
        env = "ESPROV_SIM_PASSWORD",
        hide_env_values = true,
        help_heading = SECURITY,
    )]
    pub password: String,
    /// Security 2 patch level (sec_patch_ver).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(0..=1), help_heading = SECURITY)]
    pub sec_patch: u8,
    /// A simulated access point, SSID:PASSPHRASE (repeatable; or one in ESPROV_SIM_AP).
    #[arg(
        long = "ap",
        value_name = "SSID:PASSPHRASE",
        env = "ESPROV_SIM_AP",
        hide_env_values = true,
        help_heading = NETWORKS,
    )]
    pub aps: Vec<String>,
    /// Which manager the device runs: wifi (wifi_provisioning v1.1), thread or both
    /// (network_provisioning netprov-v1.2).
    #[arg(long, value_enum, default_value_t = SimNetwork::Wifi, help_heading = NETWORKS)]
    pub network: SimNetwork,
    /// A simulated Thread network, NAME:PANID:CHANNEL:KEYHEX (repeatable; PANID decimal or 0x hex).
    #[arg(
        long = "thread-network",
        value_name = "NAME:PANID:CHANNEL:KEYHEX",
        env = "ESPROV_SIM_THREAD_NETWORK",
        hide_env_values = true,
        help_heading = NETWORKS,
    )]
    pub thread_networks: Vec<String>,
    /// Milliseconds a Thread attach may take before the manager reports network not found.
    #[arg(long, default_value_t = esprov_device::DEFAULT_THREAD_ATTACH_TIMEOUT_MS, help_heading = TIMING)]
    pub thread_attach_timeout_ms: u64,
    /// Milliseconds from apply_config to the simulated connection result.
    #[arg(long, default_value_t = 1000, help_heading = TIMING)]
    pub connect_delay_ms: u64,
    /// Milliseconds from apply_config to the Wi-Fi connect (ESP-IDF waits 1 s so the answer leaves first).
    #[arg(long, default_value_t = 1000, help_heading = TIMING)]
    pub apply_delay_ms: u64,
    /// What the simulated Wi-Fi does with the credentials.
    #[arg(long, value_enum, default_value_t = SimOutcome::Ok, help_heading = NETWORKS)]
    pub outcome: SimOutcome,
    /// Service-name prefix; the name is PREFIX + 6 hex digits.
    #[arg(long = "name", default_value = "PROV_", help_heading = DEVICE)]
    pub name_prefix: String,
    /// Directory for stored credentials (NVS stand-in); a temporary one when absent.
    #[arg(long, help_heading = DEVICE)]
    pub state_dir: Option<PathBuf>,
    /// Connection attempts before a failure is final (wifi_conn_attempts; 0 = ESP-IDF's legacy
    /// behaviour: fail at once on auth/no-AP reasons).
    #[arg(long, default_value_t = 0, help_heading = NETWORKS)]
    pub conn_attempts: u32,
    /// Auto-stop this many ms after success when no GetStatus arrives (ESP-IDF: 30 s).
    #[arg(long, default_value_t = 30_000, help_heading = TIMING)]
    pub autostop_timeout_ms: u64,
    /// Keep provisioning running after success (disable_auto_stop), so reprov works.
    #[arg(long, help_heading = TIMING)]
    pub no_auto_stop: bool,
    /// Serve the console on a new PTY and print its path, for `esprov --serial PATH`.
    #[arg(long, conflicts_with = "tty", help_heading = DEVICE)]
    pub pty: bool,
    /// Advertise over mDNS. Off by default: mdns-sd joins multicast groups on every interface.
    #[arg(long, help_heading = DEVICE)]
    pub mdns: bool,
    /// Accepted for older scripts; mDNS is off unless --mdns.
    #[arg(long, hide = true, help_heading = DEVICE)]
    pub no_mdns: bool,
    /// Print the ready line and events as JSON.
    #[arg(long, help_heading = OUTPUT)]
    pub json: bool,
    /// Misbehave on purpose, to test a conformance suite (repeatable).
    #[arg(long = "fault", value_name = "NAME", value_enum, help_heading = FAULTS)]
    pub faults: Vec<SimFault>,
}

impl SimArgs {
    /// Whether `fault` was asked for.
    pub fn has_fault(&self, fault: SimFault) -> bool {
        self.faults.contains(&fault)
    }
}
