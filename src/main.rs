//! The `esprov` command line: parse arguments, call the library, print.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::run()
}
