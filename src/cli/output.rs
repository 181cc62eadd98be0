//! Human and `--json` output: ticked steps for people, one JSON object (or NDJSON events) for
//! programs. Standard output carries results only; steps, spinners and diagnostics go to
//! standard error.

use std::io::Write;

use serde_json::{json, Value};

use super::progress::Spinner;
use super::term;

/// The tick in front of every finished step.
pub const TICK: &str = "✔";

/// Where a command's results go, in the format the user chose.
pub struct Output {
    json: bool,
    spinner: Spinner,
}

impl Output {
    /// Output for a command; the spinner shows only for people on a terminal.
    pub fn new(json: bool) -> Self {
        Output {
            json,
            spinner: Spinner::new(!json),
        }
    }

    /// Whether the user asked for JSON.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// A finished step, `✔ text` on standard error (human output only; none under `-q`).
    pub fn step(&self, text: impl AsRef<str>) {
        if !self.json && !term::quiet() {
            let text = esprov::device_text::controls(text.as_ref());
            let line = format!("{} {text}", term::green(TICK));
            self.spinner.suspend(|| {
                let mut err = std::io::stderr().lock();
                let _ = writeln!(err, "{line}");
                let _ = err.flush();
            });
        }
    }

    /// A line of human data on standard output (nothing in JSON mode).
    pub fn human(&self, text: impl AsRef<str>) {
        if !self.json {
            self.line(text.as_ref());
        }
    }

    /// One NDJSON event `{"event": name, …fields}` (JSON mode only).
    pub fn event(&self, name: &str, fields: Value) {
        if self.json {
            let mut object = json!({ "event": name });
            merge(&mut object, fields);
            print_json_line(&object);
        }
    }

    /// A complete NDJSON event (JSON mode only).
    pub fn event_value(&self, event: Value) {
        if self.json {
            print_json_line(&event);
        }
    }

    /// The one JSON object a command prints (JSON mode only).
    pub fn object(&self, value: &Value) {
        if self.json {
            print_json_line(value);
        }
    }

    /// Shows what is being waited for (spinner; nothing in JSON mode or without a terminal).
    pub fn waiting(&self, state: impl Into<String>) {
        self.spinner.set(state.into());
    }

    /// Removes the spinner.
    pub fn done_waiting(&self) {
        self.spinner.clear();
    }

    /// Prints a human line; control characters that slipped past the callers' escaping stay inert.
    fn line(&self, text: &str) {
        self.spinner.suspend(|| {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", esprov::device_text::controls(text));
            let _ = out.flush();
        });
    }
}

/// Copies `fields`' keys into `object` (both JSON objects).
fn merge(object: &mut Value, fields: Value) {
    if let (Value::Object(target), Value::Object(source)) = (object, fields) {
        target.extend(source);
    }
}

/// Prints one compact JSON value on its own line and flushes, so readers see it at once.
pub fn print_json_line(value: &Value) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{value}");
    let _ = out.flush();
}
