//! How a failed command tells the user: `error:` and `help:` lines for people, a JSON object
//! with the reason and exit code for programs.

use serde_json::{json, Value};

use esprov::Error;

use super::output::print_json_line;

/// The JSON fields describing a failure: reason, message and exit code.
pub fn error_fields(error: &Error) -> Value {
    let mut fields = json!({
        "result": "error",
        "reason": error.reason(),
        "message": error.to_string(),
        "exit_code": error.exit_code(),
    });
    if let (Some(help), Value::Object(map)) = (error.help(), &mut fields) {
        map.insert("help".into(), Value::String(help.into()));
    }
    fields
}

/// Prints a failure the way the user asked for, and returns its exit code.
pub fn report(error: &Error, json: bool) -> i32 {
    if json {
        print_json_line(&error_fields(error));
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
