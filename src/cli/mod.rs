//! Everything the command line owns: arguments, prompts and output.

mod args;

use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, Command};

/// Parses the command line, runs the chosen command and turns its outcome into an exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Sim(args) => run_sim(args),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// Runs the virtual device until it stops or is interrupted.
fn run_sim(args: esprov_sim::SimArgs) -> i32 {
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return esprov::exit::FAILURE;
        }
    };
    match runtime.block_on(esprov_sim::run(args)) {
        Ok(()) => esprov::exit::OK,
        Err(e) => {
            eprintln!("error: {e}");
            esprov::exit::FAILURE
        }
    }
}
