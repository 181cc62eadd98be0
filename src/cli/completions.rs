//! `esprov completions SHELL`: completion scripts, also checked in under completions/.

use clap::CommandFactory;
use clap_complete::Shell;

use super::args::Cli;

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "esprov", &mut out);
    out
}
