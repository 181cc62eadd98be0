//! Which streams get colours and spinners: `--color`, `NO_COLOR`, `-q`, and whether each stream
//! is a terminal. Decided once at start, read everywhere output is written.

use std::io::IsTerminal;
use std::sync::OnceLock;

/// When to colour output (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour a stream only when it is a terminal and `NO_COLOR` is unset or empty.
    #[default]
    Auto,
    /// Always colour, even into a pipe or a file.
    Always,
    /// Never colour.
    Never,
}

/// The output policy for this run.
#[derive(Debug, Clone, Copy)]
struct Policy {
    color: ColorChoice,
    quiet: bool,
}

static POLICY: OnceLock<Policy> = OnceLock::new();

/// Records the user's choices; the first call wins (the CLI calls it once, after parsing).
pub fn init(color: ColorChoice, quiet: bool) {
    let _ = POLICY.set(Policy { color, quiet });
}

fn policy() -> Policy {
    POLICY.get().copied().unwrap_or(Policy {
        color: ColorChoice::Auto,
        quiet: false,
    })
}

/// Whether `-q` asked for no progress lines (results and errors still print).
pub fn quiet() -> bool {
    policy().quiet
}

/// Whether standard error gets ANSI colours.
pub fn stderr_color() -> bool {
    decide(
        policy().color,
        no_color_env(),
        std::io::stderr().is_terminal(),
    )
}

/// Whether spinners may draw: only on a terminal, and not under `-q`.
pub fn spinners() -> bool {
    !quiet() && std::io::stderr().is_terminal()
}

/// `NO_COLOR` set to anything but the empty string (no-color.org).
fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The colour rule: `always`/`never` win; `auto` needs a terminal and no `NO_COLOR`.
fn decide(choice: ColorChoice, no_color: bool, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && !no_color,
    }
}

/// `text` in bold green when standard error is coloured (ticks of finished steps).
pub fn green(text: &str) -> String {
    paint("1;32", text)
}

/// `text` in bold red when standard error is coloured (`error:`).
pub fn red(text: &str) -> String {
    paint("1;31", text)
}

/// `text` in bold yellow when standard error is coloured (`warning:`).
pub fn yellow(text: &str) -> String {
    paint("1;33", text)
}

/// `text` in bold cyan when standard error is coloured (`help:`).
pub fn cyan(text: &str) -> String {
    paint("1;36", text)
}

fn paint(sgr: &str, text: &str) -> String {
    if stderr_color() {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_colours_only_a_terminal_without_no_color() {
        assert!(decide(ColorChoice::Auto, false, true));
        assert!(!decide(ColorChoice::Auto, false, false));
        assert!(!decide(ColorChoice::Auto, true, true));
    }

    #[test]
    fn always_and_never_override_the_terminal_and_no_color() {
        assert!(decide(ColorChoice::Always, true, false));
        assert!(!decide(ColorChoice::Never, false, true));
    }
}
