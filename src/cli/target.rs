//! The flags every device command shares: where the device is, which security, how long to wait.
//!
//! Every transport's addressing (`--device`, `--mdns`, `--ble NAME`, `--serial PORT`) lives in
//! [`TargetArgs`], and so reaches every command.

use std::path::PathBuf;
use std::time::Duration;

use esprov::proto::security::SaltMode;
use esprov::session::{SaltModeChoice, SecurityChoice};

use super::help;

/// The default bound on a whole command run, in seconds.
pub const DEFAULT_TIMEOUT_SECS: f64 = 60.0;

/// The default bound on one request and its answer, in seconds.
pub const DEFAULT_REQUEST_TIMEOUT_SECS: f64 = 10.0;

/// Addressing, security and time bounds: what every session command takes.
#[derive(Debug, Clone, clap::Args)]
pub struct ConnArgs {
    /// Where the device is.
    #[command(flatten)]
    pub target: TargetArgs,
    /// Which security scheme and secrets.
    #[command(flatten)]
    pub security: SecurityArgs,
    /// How long to wait.
    #[command(flatten)]
    pub timing: TimingArgs,
    /// Output format.
    #[command(flatten)]
    pub output: OutputArgs,
}

impl ConnArgs {
    /// The whole-run bound as a duration.
    pub fn timeout(&self) -> Duration {
        self.timing.timeout()
    }
}

/// Where the device is. Without any of these: 192.168.4.1:80, the SoftAP default.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = help::DEVICE)]
pub struct TargetArgs {
    /// HTTP address of the device (default 192.168.4.1, port 80: join its SoftAP first).
    #[arg(long, value_name = "HOST[:PORT]", conflicts_with = "mdns")]
    pub device: Option<String>,
    /// Find the device by its mDNS service instance name.
    #[arg(long, value_name = "NAME")]
    pub mdns: Option<String>,
    /// Resolve `--mdns` on one interface only: a name (`eth0`, `lo`) or an IP address.
    #[arg(long, value_name = "IFACE")]
    pub mdns_interface: Option<String>,
    /// A device's QR payload: fills name, PoP, username and transport.
    #[arg(long, value_name = "JSON")]
    pub qr: Option<String>,
    /// Over BLE: `--ble NAME` and its scan flags.
    #[command(flatten)]
    pub ble: super::ble::BleArgs,
    /// Over a serial console: `--serial PORT` or `--console-manual`.
    #[command(flatten)]
    pub serial: super::serial::SerialArgs,
}

/// The security scheme and where its secrets come from.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = help::SECURITY)]
pub struct SecurityArgs {
    /// Security scheme. `auto` follows the device's proto-ver but never goes below what your
    /// credentials ask for (--pop: 1 with PoP or 2; --username/--password: 2), and sends Wi-Fi
    /// credentials over security 0 only when you pass `--sec 0` yourself.
    #[arg(long, value_enum, default_value_t = SecArg::Auto)]
    pub sec: SecArg,
    /// Security 1 proof of possession; or ESPROV_POP, --pop-file, or a prompt.
    #[arg(long, conflicts_with = "pop_file")]
    pub pop: Option<String>,
    /// Read the PoP from a file, or from stdin with `-`.
    #[arg(long, value_name = "PATH|-")]
    pub pop_file: Option<PathBuf>,
    /// Security 2 SRP username.
    #[arg(long)]
    pub username: Option<String>,
    /// Security 2 SRP password; or ESPROV_PASSWORD, --password-file, or a prompt.
    #[arg(long, conflicts_with = "password_file")]
    pub password: Option<String>,
    /// Read the SRP password from a file, or from stdin with `-`.
    #[arg(long, value_name = "PATH|-")]
    pub password_file: Option<PathBuf>,
    /// Security 2 x convention for verifiers made by esp_prov (leading zeros stripped) or not.
    #[arg(long, value_enum, value_name = "MODE", default_value_t = SaltModeArg::Auto)]
    pub sec2_salt_mode: SaltModeArg,
}

/// The two time bounds: the whole run, and each request within it.
#[derive(Debug, Clone, Copy, clap::Args)]
#[command(next_help_heading = help::TIMING)]
pub struct TimingArgs {
    /// Bound on the whole run, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_TIMEOUT_SECS, value_parser = parse_secs)]
    pub timeout: f64,
    /// Bound on each request and its answer, in seconds (HTTP, BLE and console alike).
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_REQUEST_TIMEOUT_SECS, value_parser = parse_secs)]
    pub request_timeout: f64,
}

impl Default for TimingArgs {
    fn default() -> Self {
        TimingArgs {
            timeout: DEFAULT_TIMEOUT_SECS,
            request_timeout: DEFAULT_REQUEST_TIMEOUT_SECS,
        }
    }
}

impl TimingArgs {
    /// The whole-run bound.
    pub fn timeout(&self) -> Duration {
        Duration::from_secs_f64(self.timeout)
    }

    /// The per-request bound, never longer than the whole run.
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs_f64(self.request_timeout).min(self.timeout())
    }
}

/// Output format flags.
#[derive(Debug, Clone, Copy, Default, clap::Args)]
#[command(next_help_heading = help::OUTPUT)]
pub struct OutputArgs {
    /// Machine-readable output on stdout: one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// `--sec`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SecArg {
    /// Decide from the device's proto-ver.
    Auto,
    /// No security: everything, the Wi-Fi passphrase included, travels in clear.
    #[value(name = "0")]
    Sec0,
    /// X25519 + PoP + AES-CTR.
    #[value(name = "1")]
    Sec1,
    /// SRP6a + AES-GCM.
    #[value(name = "2")]
    Sec2,
}

impl From<SecArg> for SecurityChoice {
    fn from(arg: SecArg) -> Self {
        match arg {
            SecArg::Auto => SecurityChoice::Auto,
            SecArg::Sec0 => SecurityChoice::Sec0,
            SecArg::Sec1 => SecurityChoice::Sec1,
            SecArg::Sec2 => SecurityChoice::Sec2,
        }
    }
}

/// `--sec2-salt-mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SaltModeArg {
    /// Hash the full digest (ESP-IDF's generator, Android).
    Full,
    /// Strip leading zero bytes (verifiers printed by esp_prov --sec2_gen_cred).
    Strip,
    /// Full, then one retry with strip if the device refuses the proof.
    Auto,
}

impl From<SaltModeArg> for SaltModeChoice {
    fn from(arg: SaltModeArg) -> Self {
        match arg {
            SaltModeArg::Full => SaltModeChoice::Fixed(SaltMode::Full),
            SaltModeArg::Strip => SaltModeChoice::Fixed(SaltMode::StripLeadingZeros),
            SaltModeArg::Auto => SaltModeChoice::Auto,
        }
    }
}

/// Parses a positive number of seconds (fractions allowed).
pub fn parse_secs(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs > 0.0 && secs <= 86_400.0 => Ok(secs),
        _ => Err(format!(
            "{text:?} is not a number of seconds between 0 and 86400"
        )),
    }
}
