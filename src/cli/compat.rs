//! `esprov esp-prov`: esp_prov.py's option names and meanings (PROTOCOL.md §6), its step lines,
//! and esprov's exit codes.

use super::help;

/// How esp_prov reaches the device (`--transport`, case-insensitive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[value(rename_all = "lower")]
pub enum EspTransport {
    /// HTTP to the device's SoftAP.
    Softap,
    /// HTTP on any IP interface (an alias of softap).
    Httpd,
    /// BLE GATT.
    Ble,
    /// Serial console.
    Console,
}

/// esp_prov.py's command line, option for option.
#[derive(Debug, Clone, clap::Args)]
#[allow(clippy::struct_excessive_bools)]
pub struct EspProvArgs {
    /// softap, httpd, ble or console.
    #[arg(long, value_enum, ignore_case = true, help_heading = help::DEVICE)]
    pub transport: EspTransport,
    /// softap/httpd: HOST[:PORT] (default 192.168.4.1:80); ble: the device name.
    #[arg(long = "service_name", value_name = "NAME", help_heading = help::DEVICE)]
    pub service_name: Option<String>,
    /// Require this protocol version (the raw proto-ver answer or its prov.ver).
    #[arg(long = "proto_ver", default_value = "", hide_default_value = true, help_heading = help::DEVICE)]
    pub proto_ver: String,
    /// Security scheme 0, 1 or 2; auto-detected when absent.
    #[arg(long = "sec_ver", value_parser = clap::value_parser!(u8).range(0..=2), help_heading = help::SECURITY)]
    pub sec_ver: Option<u8>,
    /// Proof of possession for security 1 (or ESPROV_POP).
    #[arg(long, default_value = "", hide_default_value = true, help_heading = help::SECURITY)]
    pub pop: String,
    /// SRP username for security 2.
    #[arg(long = "sec2_username", default_value = "", hide_default_value = true, help_heading = help::SECURITY)]
    pub sec2_username: String,
    /// SRP password for security 2 (or ESPROV_PASSWORD).
    #[arg(long = "sec2_pwd", default_value = "", hide_default_value = true, help_heading = help::SECURITY)]
    pub sec2_pwd: String,
    /// With --sec_ver 2: print a salt and verifier as C arrays and exit.
    #[arg(long = "sec2_gen_cred", help_heading = help::SECURITY)]
    pub sec2_gen_cred: bool,
    /// Salt length for --sec2_gen_cred.
    #[arg(long = "sec2_salt_len", default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=1024), help_heading = help::SECURITY)]
    pub sec2_salt_len: u16,
    /// SSID of the access point; empty: scan on the device and choose.
    #[arg(long, default_value = "", hide_default_value = true, help_heading = help::WIFI)]
    pub ssid: String,
    /// Passphrase of the access point; asked for when absent (or ESPROV_PASSPHRASE).
    #[arg(long, help_heading = help::WIFI)]
    pub passphrase: Option<String>,
    /// network_provisioning's `wifi` or `thread` (default: Thread on a Thread-only device).
    #[arg(long = "network_proto", value_name = "wifi|thread", help_heading = help::THREAD)]
    pub network_proto: Option<String>,
    /// Thread dataset TLVs as hex (network_provisioning); ESPROV_DATASET works too.
    #[arg(long = "dataset_tlvs", value_name = "HEX", help_heading = help::THREAD)]
    pub dataset_tlvs: Option<String>,
    /// Send this text to the `custom-data` endpoint after the session.
    #[arg(long = "custom_data", default_value = "", hide_default_value = true, help_heading = help::ACTIONS)]
    pub custom_data: String,
    /// Send CtrlReset (after a failed attempt) and exit.
    #[arg(long, help_heading = help::ACTIONS)]
    pub reset: bool,
    /// Send CtrlReprov (after a success) and exit.
    #[arg(long, help_heading = help::ACTIONS)]
    pub reprov: bool,
    /// esprov's bound on the whole run, in seconds (esp_prov has none).
    #[arg(long, value_name = "SECS", default_value_t = super::target::DEFAULT_TIMEOUT_SECS, value_parser = super::target::parse_secs, help_heading = help::TIMING)]
    pub timeout: f64,
}
