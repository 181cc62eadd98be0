//! The clap definitions of every `esprov` command.

use std::path::PathBuf;

use clap::{ArgAction, Parser, Subcommand};

use super::compat::EspProvArgs;
use super::target::{ConnArgs, OutputArgs};

/// The exit-code table shown under `esprov --help`; README.md repeats it.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  failure (local I/O, internal error)
  2  usage: bad arguments, or a missing secret with no terminal to ask on
  3  device unreachable, or the connection was lost
  4  security: wrong PoP, username or password
  5  the device rejected the request
  6  Wi-Fi authentication error (wrong passphrase)
  7  Wi-Fi access point not found
  8  timeout
  9  not supported by the device

Secrets (PoP, sec2 password, passphrase) may come from the flag, a --*-file (PATH or - for
stdin), or ESPROV_POP / ESPROV_PASSWORD / ESPROV_PASSPHRASE; otherwise esprov asks on the
terminal, and without one it fails with exit code 2.";

/// Provision Wi-Fi credentials onto ESP32 devices over ESP-IDF unified provisioning.
#[derive(Debug, Parser)]
#[command(name = "esprov", version, about, after_help = EXIT_CODES_HELP)]
pub struct Cli {
    /// More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted).
    #[arg(short, long, action = ArgAction::Count, global = true)]
    pub verbose: u8,
    /// No progress lines or spinners on stderr; results and errors still print.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = super::term::ColorChoice::Auto, global = true)]
    pub color: super::term::ColorChoice,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands `esprov` understands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Send Wi-Fi credentials to a device, apply them and wait until it joins the network.
    Provision(ProvisionArgs),
    /// Show the device's protocol version, capabilities and the security it wants.
    Info(InfoArgs),
    /// Open a session and show the device's Wi-Fi connection state.
    Status(ConnArgs),
    /// Ask the device to scan for access points and list them.
    Scan(ConnArgs),
    /// After a failed attempt, make the device accept new credentials (prov-ctrl reset).
    Reset(ConnArgs),
    /// After a success, make the device take new credentials (prov-ctrl reprov).
    Reprov(ConnArgs),
    /// Send bytes to a custom endpoint, encrypted like any other, and print the answer.
    Send(SendArgs),
    /// Find provisioning devices on the local network (mDNS).
    Discover(DiscoverArgs),
    /// Generate a security 2 salt and verifier for firmware.
    #[command(name = "sec2-creds")]
    Sec2Creds(Sec2CredsArgs),
    /// Print a device's QR payload as a terminal QR code and as JSON.
    Qr(QrArgs),
    /// Provision every device of a manifest (CSV or JSON Lines), with a durable report.
    Batch(super::batch::BatchArgs),
    /// Run one or more virtual ESP32 devices (HTTP, mDNS, console) for tests and demos.
    Sim(esprov_sim::SimArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Run with esp_prov.py's options, so existing scripts work unchanged (our exit codes).
    #[command(name = "esp-prov")]
    EspProv(EspProvArgs),
}

/// `esprov provision`.
#[derive(Debug, Clone, clap::Args)]
pub struct ProvisionArgs {
    /// How to reach the device and which security to use.
    #[command(flatten)]
    pub conn: ConnArgs,
    /// SSID of the access point the device should join.
    #[arg(long)]
    pub ssid: String,
    /// Passphrase of the access point (empty for an open network); or ESPROV_PASSPHRASE.
    #[arg(long, conflicts_with = "passphrase_file")]
    pub passphrase: Option<String>,
    /// Read the passphrase from a file, or from stdin with `-`.
    #[arg(long, value_name = "PATH|-")]
    pub passphrase_file: Option<PathBuf>,
    /// Start the built-in virtual device with this SSID and passphrase, then provision it.
    #[arg(long, conflicts_with_all = ["device", "mdns"])]
    pub sim: bool,
}

/// `esprov info`.
#[derive(Debug, clap::Args)]
pub struct InfoArgs {
    /// How to reach the device (security flags are accepted and ignored: info needs no session).
    #[command(flatten)]
    pub conn: ConnArgs,
}

/// `esprov send`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("payload").required(true).args(["data", "hex", "file"])))]
pub struct SendArgs {
    /// Endpoint name, for example `custom-data`.
    pub endpoint: String,
    /// Send this text.
    #[arg(long)]
    pub data: Option<String>,
    /// Send these bytes, written as hex.
    #[arg(long)]
    pub hex: Option<String>,
    /// Send the contents of a file.
    #[arg(long)]
    pub file: Option<PathBuf>,
    /// How to reach the device and which security to use.
    #[command(flatten)]
    pub conn: ConnArgs,
}

/// `esprov discover`.
#[derive(Debug, clap::Args)]
pub struct DiscoverArgs {
    /// How long to listen for answers, in seconds.
    #[arg(long, default_value_t = 3.0, value_name = "SECS", value_parser = super::target::parse_secs)]
    pub timeout: f64,
    /// Listen for mDNS on one interface only: a name (`eth0`, `lo`) or an IP address.
    #[arg(long, value_name = "IFACE")]
    pub interface: Option<String>,
    /// Scan BLE advertisements (with neither --ble nor --mdns: both).
    #[arg(long)]
    pub ble: bool,
    /// Browse mDNS (with neither --ble nor --mdns: both).
    #[arg(long)]
    pub mdns: bool,
    /// BLE scan flags.
    #[command(flatten)]
    pub ble_scan: super::ble::BleScanArgs,
    /// Output format.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `esprov sec2-creds`.
#[derive(Debug, clap::Args)]
pub struct Sec2CredsArgs {
    /// SRP username.
    #[arg(long)]
    pub username: String,
    /// SRP password; or ESPROV_PASSWORD, --password-file, or a prompt.
    #[arg(long, conflicts_with = "password_file")]
    pub password: Option<String>,
    /// Read the password from a file, or from stdin with `-`.
    #[arg(long, value_name = "PATH|-")]
    pub password_file: Option<PathBuf>,
    /// Salt length in bytes.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub salt_len: u16,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CredsFormat::C)]
    pub format: CredsFormat,
    /// x convention: `full` (ESP-IDF, Android) or `strip` (esp_prov's leading-zero stripping).
    #[arg(long, value_enum, default_value_t = super::target::SaltModeArg::Full)]
    pub sec2_salt_mode: super::target::SaltModeArg,
}

/// How `sec2-creds` prints the salt and verifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CredsFormat {
    /// C arrays exactly as esp_prov prints them.
    C,
    /// Rust constants.
    Rust,
    /// A JSON object with hex strings.
    Json,
    /// Two hex lines: salt, then verifier.
    Hex,
}

/// `esprov qr`.
#[derive(Debug, clap::Args)]
pub struct QrArgs {
    /// An existing payload to render (as printed by the firmware).
    #[arg(long, value_name = "JSON", conflicts_with_all = ["name", "username", "pop", "security"])]
    pub qr: Option<String>,
    /// Service name: the BLE device name or the SoftAP SSID.
    #[arg(long, required_unless_present = "qr")]
    pub name: Option<String>,
    /// Transport the phone app should use.
    #[arg(long, value_enum, default_value_t = QrTransportArg::Softap)]
    pub transport: QrTransportArg,
    /// Security 2 username.
    #[arg(long)]
    pub username: Option<String>,
    /// PoP (security 1) or SRP password (security 2), which the payload carries in `pop`.
    #[arg(long)]
    pub pop: Option<String>,
    /// Security scheme to state in the payload (the apps assume 2 when absent).
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=2))]
    pub security: Option<u8>,
    /// Print only the JSON, no terminal QR code.
    #[arg(long)]
    pub json: bool,
}

/// Transport named in a QR payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum QrTransportArg {
    /// The SoftAP scheme (HTTP).
    Softap,
    /// BLE.
    Ble,
}

/// `esprov completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to generate for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
