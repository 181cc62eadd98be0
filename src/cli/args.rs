//! The clap definitions of every `esprov` command.

use clap::{Parser, Subcommand};

/// Provision Wi-Fi credentials onto ESP32 devices over ESP-IDF unified provisioning.
#[derive(Debug, Parser)]
#[command(name = "esprov", version, about)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands `esprov` understands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run one or more virtual ESP32 devices (HTTP, mDNS, console) for tests and demos.
    Sim(esprov_sim::SimArgs),
}
