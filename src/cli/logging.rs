//! Diagnostics on standard error through `tracing`: -v protocol steps, -vv plaintext hexdumps.

use tracing_subscriber::EnvFilter;

/// Installs the subscriber for the chosen verbosity; `RUST_LOG` overrides it.
pub fn init(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "warn,esprov=debug,esprov_proto=debug,esprov_sim=debug,esprov_device=debug",
        _ => "info,esprov=trace,esprov_proto=trace,esprov_sim=trace,esprov_device=trace",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(super::term::stderr_color())
        .with_target(verbose > 1)
        .try_init();
}
