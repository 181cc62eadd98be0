//! How a failed command tells the user: `error:` and `help:` lines for people, the contract's
//! failure object for programs.

use esprov::contract::Failure;
use esprov::Error;

/// Prints a failure the way the user asked for, and returns its exit code.
pub fn report(error: &Error, json: bool) -> i32 {
    if json {
        esprov::contract::print(&Failure::from(error));
    } else {
        print_human(error);
    }
    error.exit_code()
}

/// Prints `error: …` and, when there is one, `help: …` on standard error.
pub fn print_human(error: &Error) {
    eprintln!(
        "{} {}",
        super::term::red("error:"),
        esprov::device_text::controls(&error.to_string())
    );
    if let Some(help) = error.help() {
        eprintln!("  {} {help}", super::term::cyan("help:"));
    }
}
