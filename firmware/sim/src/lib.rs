//! The esprov device on a PC, for tests and demos.

mod args;
pub mod console;
pub mod device;
pub mod factory;
pub mod gatt;
pub mod http;
pub mod idf_log;
pub mod mdns;
pub mod protocomm;
pub mod ready;
mod run;
pub mod store;
pub mod thread;
pub mod wifi;

pub use args::{SimArgs, SimFault, SimNetwork, SimOutcome, SimTransport};
pub use ready::ReadyLine;

/// Why the virtual device could not run.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The arguments do not describe a device that can run.
    #[error("{0}")]
    Config(String),
    /// A socket, PTY or state file failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Runs the virtual devices described by `args` until interrupted.
pub async fn run(args: SimArgs) -> Result<(), SimError> {
    run::run(args).await
}

/// Ends the process as a crashing device would (the `crash-on-oversize` test fault).
pub fn crash(what: &str) -> ! {
    eprintln!("simulated crash (fault crash-on-oversize): {what}");
    std::process::exit(134)
}
