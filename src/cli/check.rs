//! `esprov check` flags: the suite's selection, the test network, expectations and reports.

use std::path::PathBuf;

use super::help;
use super::target::ConnArgs;

/// `esprov check`.
#[derive(Debug, Clone, clap::Args)]
#[command(group(clap::ArgGroup::new("expected").args(["expect", "expect_hex"])))]
pub struct CheckArgs {
    /// How to reach the device and which security to use.
    #[command(flatten)]
    pub conn: ConnArgs,
    /// List the checks (id, group, description) and exit; no device needed.
    #[arg(long, help_heading = help::CHECK_SUITE)]
    pub list: bool,
    /// Run only these groups or check ids (repeatable, or comma-separated).
    #[arg(long, value_name = "GROUP|ID", value_delimiter = ',', help_heading = help::CHECK_SUITE)]
    pub only: Vec<String>,
    /// Leave out these check ids or groups (repeatable, or comma-separated).
    #[arg(long, value_name = "ID", value_delimiter = ',', help_heading = help::CHECK_SUITE)]
    pub skip: Vec<String>,
    /// Also run the robustness group: malformed, random and oversized requests.
    #[arg(long, help_heading = help::CHECK_SUITE)]
    pub destructive: bool,
    /// SSID of the access point for the Wi-Fi checks (without it they are skipped).
    #[arg(long, help_heading = help::WIFI)]
    pub ssid: Option<String>,
    /// Passphrase of that access point; or ESPROV_PASSPHRASE, --passphrase-file, or a prompt.
    #[arg(long, requires = "ssid", conflicts_with = "passphrase_file", help_heading = help::WIFI)]
    pub passphrase: Option<String>,
    /// Read the passphrase from a file, or from stdin with `-`.
    #[arg(long, value_name = "PATH|-", requires = "ssid", help_heading = help::WIFI)]
    pub passphrase_file: Option<PathBuf>,
    /// A passphrase the access point refuses (default: a generated one).
    #[arg(long, requires = "ssid", help_heading = help::WIFI)]
    pub bad_passphrase: Option<String>,
    /// The Thread dataset for the Thread checks, as hex TLVs (`ot-ctl dataset active -x`); it
    /// holds the network key, so prefer --dataset-file or ESPROV_DATASET.
    #[arg(long, value_name = "HEX", conflicts_with = "dataset_file", help_heading = help::THREAD)]
    pub dataset_tlvs: Option<String>,
    /// Read the Thread dataset hex from a file, or from stdin with `-`.
    #[arg(long, value_name = "PATH|-", help_heading = help::THREAD)]
    pub dataset_file: Option<PathBuf>,
    /// A custom endpoint to call (`custom.endpoint`).
    #[arg(long, value_name = "NAME", requires = "expected", help_heading = help::PAYLOAD)]
    pub custom_endpoint: Option<String>,
    /// The text to send to --custom-endpoint.
    #[arg(
        long,
        value_name = "TEXT",
        default_value = "esprov-check",
        requires = "custom_endpoint"
    )]
    pub custom_data: String,
    /// The text --custom-endpoint must answer (one trailing NUL tolerated).
    #[arg(long, value_name = "TEXT", requires = "custom_endpoint", help_heading = help::PAYLOAD)]
    pub expect: Option<String>,
    /// The bytes --custom-endpoint must answer, written as hex.
    #[arg(long, value_name = "HEX", requires = "custom_endpoint", help_heading = help::PAYLOAD)]
    pub expect_hex: Option<String>,
    /// Fail timing.handshake above this many milliseconds.
    #[arg(long, value_name = "MS", help_heading = help::TIMING)]
    pub max_handshake_ms: Option<u64>,
    /// Fail timing.connect above this many milliseconds.
    #[arg(long, value_name = "MS", help_heading = help::TIMING)]
    pub max_connect_ms: Option<u64>,
    /// Also write the report as JUnit XML to this file.
    #[arg(long, value_name = "PATH", help_heading = help::OUTPUT)]
    pub junit: Option<PathBuf>,
}
