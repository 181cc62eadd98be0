//! The clap definitions of every `esprov` command.

use std::path::PathBuf;

use clap::{ArgAction, Parser, Subcommand};

use super::compat::EspProvArgs;
use super::help;
use super::target::{ConnArgs, OutputArgs, TargetArgs, TimingArgs};

/// Provision Wi-Fi and Thread credentials onto ESP32 devices over ESP-IDF unified provisioning.
#[derive(Debug, Parser)]
#[command(
    name = "esprov",
    version = super::version::SHORT,
    long_version = super::version::LONG,
    about,
    after_help = format!("{}\n\n{}", help::TOP, help::EXIT_CODES),
)]
pub struct Cli {
    /// More logging on stderr: -v protocol steps and sizes, -vv plaintext hexdumps (secrets redacted).
    #[arg(short, long, action = ArgAction::Count, global = true, help_heading = help::OUTPUT)]
    pub verbose: u8,
    /// No progress lines or spinners on stderr; results and errors still print.
    #[arg(short, long, global = true, help_heading = help::OUTPUT)]
    pub quiet: bool,
    /// Colour stderr: `auto` on a terminal unless NO_COLOR is set, `always`, or `never`.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = super::term::ColorChoice::Auto, global = true, help_heading = help::OUTPUT)]
    pub color: super::term::ColorChoice,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands `esprov` understands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Send Wi-Fi credentials to a device, apply them and wait until it joins the network.
    #[command(after_help = help::PROVISION)]
    Provision(ProvisionArgs),
    /// Show the device's protocol version, capabilities and the security it wants.
    #[command(after_help = help::INFO)]
    Info(InfoArgs),
    /// Open a session and show the device's Wi-Fi (or Thread) connection state.
    #[command(after_help = help::STATUS)]
    Status(NetArgs),
    /// Ask the device to scan for access points (or Thread networks) and list them.
    #[command(after_help = help::SCAN)]
    Scan(NetArgs),
    /// After a failed attempt, make the device accept new credentials (prov-ctrl reset).
    #[command(after_help = help::RESET)]
    Reset(NetArgs),
    /// After a success, make the device take new credentials (prov-ctrl reprov).
    #[command(after_help = help::REPROV)]
    Reprov(NetArgs),
    /// Send bytes to a custom endpoint, encrypted like any other, and print the answer.
    #[command(after_help = help::SEND)]
    Send(SendArgs),
    /// Run the conformance suite against a device: pass, fail or skip per check (JUnit with --junit).
    #[command(after_help = help::CHECK)]
    Check(Box<super::check::CheckArgs>),
    /// Find provisioning devices on the local network (mDNS) and over BLE.
    #[command(after_help = help::DISCOVER)]
    Discover(DiscoverArgs),
    /// Generate a security 2 salt and verifier for firmware.
    #[command(name = "sec2-creds", after_help = help::SEC2_CREDS)]
    Sec2Creds(Sec2CredsArgs),
    /// Print a device's QR payload as a terminal QR code and as JSON.
    #[command(after_help = help::QR)]
    Qr(QrArgs),
    /// Provision every device of a manifest (CSV or JSON Lines), with a durable report.
    Batch(super::batch::BatchArgs),
    /// Generate per-device credentials: partition images, label QR payloads and a batch manifest.
    #[command(name = "factory-data")]
    FactoryData(super::factory::FactoryDataArgs),
    /// Run one or more virtual ESP32 devices (HTTP, mDNS, console) for tests and demos.
    #[command(after_help = help::SIM)]
    Sim(esprov_sim::SimArgs),
    /// Print a shell completion script.
    #[command(after_help = help::COMPLETIONS)]
    Completions(CompletionsArgs),
    /// Run with esp_prov.py's options, so existing scripts work unchanged (our exit codes).
    #[command(name = "esp-prov", after_help = help::ESP_PROV)]
    EspProv(EspProvArgs),
    /// Write a man page for esprov and each of its commands.
    #[command(hide = true, after_help = help::MAN)]
    Man(ManArgs),
}

/// A session command that may speak Wi-Fi or Thread (network_provisioning devices).
#[derive(Debug, Clone, clap::Args)]
pub struct NetArgs {
    /// Device, security and output flags.
    #[command(flatten)]
    pub conn: ConnArgs,
    /// Thread instead of Wi-Fi (the default on a device that provisions Thread only).
    #[arg(long, help_heading = help::THREAD)]
    pub thread: bool,
}

/// A Thread network's Active Operational Dataset, for network_provisioning devices.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ThreadArgs {
    /// The dataset as hex TLVs (`ot-ctl dataset active -x`); it holds the network key, so
    /// prefer --dataset-file or ESPROV_DATASET.
    #[arg(long, value_name = "HEX", conflicts_with_all = ["dataset_file", "ssid"], help_heading = help::THREAD)]
    pub dataset_tlvs: Option<String>,
    /// Read the dataset hex from a file, or from stdin with `-`.
    #[arg(long, value_name = "PATH|-", conflicts_with = "ssid", help_heading = help::THREAD)]
    pub dataset_file: Option<PathBuf>,
}

/// `esprov provision`.
#[derive(Debug, Clone, clap::Args)]
#[command(mut_arg("json", |arg| arg.help("Machine-readable output on stdout: one JSON event per line (NDJSON)")))]
pub struct ProvisionArgs {
    /// The network to join (first: it is what the command is about).
    #[command(flatten)]
    pub wifi: WifiArgs,
    /// Or the Thread network to attach to.
    #[command(flatten)]
    pub thread: ThreadArgs,
    /// How to reach the device and which security to use.
    #[command(flatten)]
    pub conn: ConnArgs,
    /// Attach to Thread even on a device that also offers Wi-Fi (without a dataset: pick from
    /// the device's Thread scan and type the network key).
    #[arg(long = "thread", conflicts_with = "ssid", help_heading = help::THREAD)]
    pub thread_network: bool,
    /// Start the built-in virtual device with this SSID and passphrase, then provision it.
    #[arg(long, conflicts_with_all = ["device", "mdns", "ble", "serial", "console_manual"], help_heading = help::DEVICE)]
    pub sim: bool,
}

/// The network a device should join.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = help::WIFI)]
pub struct WifiArgs {
    /// SSID of the access point the device should join; on a terminal, omit it to pick from a scan.
    #[arg(long)]
    pub ssid: Option<String>,
    /// Passphrase of the access point (empty for an open network); or ESPROV_PASSPHRASE.
    #[arg(long, conflicts_with = "passphrase_file")]
    pub passphrase: Option<String>,
    /// Read the passphrase from a file, or from stdin with `-`.
    #[arg(long, value_name = "PATH|-")]
    pub passphrase_file: Option<PathBuf>,
    /// Send this access point BSSID (aa:bb:cc:dd:ee:ff) in SetConfig; ESP-IDF's managers ignore it.
    #[arg(long, value_name = "MAC", value_parser = parse_bssid)]
    pub bssid: Option<[u8; 6]>,
    /// Send this channel hint in SetConfig; ESP-IDF's managers ignore it.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=196))]
    pub channel: Option<u8>,
}

/// Parses `aa:bb:cc:dd:ee:ff` (or `-` separated, or 12 hex digits).
fn parse_bssid(text: &str) -> Result<[u8; 6], String> {
    let digits: String = text.chars().filter(|c| !matches!(c, ':' | '-')).collect();
    let bytes = hex::decode(&digits).ok().filter(|b| b.len() == 6);
    bytes
        .and_then(|b| <[u8; 6]>::try_from(b).ok())
        .ok_or_else(|| format!("{text:?} is not a BSSID like aa:bb:cc:dd:ee:ff"))
}

/// `esprov info`: no session, so no security flags.
#[derive(Debug, clap::Args)]
pub struct InfoArgs {
    /// Where the device is.
    #[command(flatten)]
    pub target: TargetArgs,
    /// How long to wait.
    #[command(flatten)]
    pub timing: TimingArgs,
    /// Output format.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `esprov send`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("payload").required(true).args(["data", "hex", "file"])))]
pub struct SendArgs {
    /// Endpoint name, for example `custom-data`.
    pub endpoint: String,
    /// Send this text.
    #[arg(long, help_heading = help::PAYLOAD)]
    pub data: Option<String>,
    /// Send these bytes, written as hex.
    #[arg(long, help_heading = help::PAYLOAD)]
    pub hex: Option<String>,
    /// Send the contents of a file, or of stdin with `-`.
    #[arg(long, value_name = "PATH|-", help_heading = help::PAYLOAD)]
    pub file: Option<PathBuf>,
    /// How to reach the device and which security to use.
    #[command(flatten)]
    pub conn: ConnArgs,
}

/// `esprov discover`.
#[derive(Debug, clap::Args)]
pub struct DiscoverArgs {
    /// Listen for mDNS on one interface only: a name (`eth0`, `lo`) or an IP address.
    #[arg(long, value_name = "IFACE", alias = "interface", help_heading = help::DEVICE)]
    pub mdns_interface: Option<String>,
    /// Scan BLE advertisements (with neither --ble nor --mdns: both).
    #[arg(long, help_heading = help::DEVICE)]
    pub ble: bool,
    /// Browse mDNS (with neither --ble nor --mdns: both).
    #[arg(long, help_heading = help::DEVICE)]
    pub mdns: bool,
    /// BLE scan flags.
    #[command(flatten)]
    pub ble_scan: super::ble::BleScanArgs,
    /// How long to listen for answers, in seconds.
    #[arg(long, default_value_t = 3.0, value_name = "SECS", value_parser = super::target::parse_secs, help_heading = help::TIMING)]
    pub timeout: f64,
    /// Output format.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `esprov sec2-creds`.
#[derive(Debug, clap::Args)]
pub struct Sec2CredsArgs {
    /// SRP username.
    #[arg(long, help_heading = help::SECURITY)]
    pub username: String,
    /// SRP password; or ESPROV_PASSWORD, --password-file, or a prompt.
    #[arg(long, conflicts_with = "password_file", help_heading = help::SECURITY)]
    pub password: Option<String>,
    /// Read the password from a file, or from stdin with `-`.
    #[arg(long, value_name = "PATH|-", help_heading = help::SECURITY)]
    pub password_file: Option<PathBuf>,
    /// Salt length in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=1024), help_heading = help::SECURITY)]
    pub salt_len: u16,
    /// x convention: `full` (ESP-IDF, Android) or `strip` (esp_prov's leading-zero stripping).
    #[arg(long, value_enum, value_name = "MODE", default_value_t = super::target::SaltModeArg::Full, help_heading = help::SECURITY)]
    pub sec2_salt_mode: super::target::SaltModeArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CredsFormat::C, help_heading = help::OUTPUT)]
    pub format: CredsFormat,
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
    #[arg(long, value_name = "JSON", conflicts_with_all = ["name", "username", "pop", "sec", "password"], help_heading = help::DEVICE)]
    pub qr: Option<String>,
    /// Service name: the BLE device name or the SoftAP SSID.
    #[arg(long, required_unless_present = "qr", help_heading = help::DEVICE)]
    pub name: Option<String>,
    /// Transport the phone app should use.
    #[arg(long, value_enum, default_value_t = QrTransportArg::Softap, help_heading = help::DEVICE)]
    pub transport: QrTransportArg,
    /// Security scheme to state in the payload (the apps assume 2 when absent).
    #[arg(long, value_name = "SEC", alias = "security", value_parser = clap::value_parser!(u8).range(0..=2), help_heading = help::SECURITY)]
    pub sec: Option<u8>,
    /// Security 2 username.
    #[arg(long, help_heading = help::SECURITY)]
    pub username: Option<String>,
    /// PoP (security 1) or SRP password (security 2), which the payload carries in `pop`.
    #[arg(long, help_heading = help::SECURITY)]
    pub pop: Option<String>,
    /// The device's SoftAP passphrase, which the phone apps use to join it (`password`).
    #[arg(long, requires = "name", help_heading = help::WIFI)]
    pub password: Option<String>,
    /// Print only the JSON, no terminal QR code.
    #[arg(long, help_heading = help::OUTPUT)]
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

/// `esprov man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Where to write esprov.1 and esprov-COMMAND.1.
    #[arg(long, value_name = "DIR", default_value = "man")]
    pub out_dir: PathBuf,
}
