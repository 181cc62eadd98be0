//! Human and `--json` output: ticked steps for people, one JSON object (or NDJSON events) for
//! programs. Standard output carries results only; steps, spinners and diagnostics go to
//! standard error.

use std::io::Write;
use std::sync::Mutex;

use serde::Serialize;

use super::progress::Spinner;
use super::term;

/// The tick in front of every finished step.
pub const TICK: &str = "✔";

/// Where a command's results go, in the format the user chose.
pub struct Output {
    json: bool,
    spinner: Spinner,
    device: Mutex<Option<String>>,
}

impl Output {
    /// Output for a command; the spinner shows only for people on a terminal.
    pub fn new(json: bool) -> Self {
        Output {
            json,
            spinner: Spinner::new(!json),
            device: Mutex::new(None),
        }
    }

    /// Records the device once it answered, for the `device` field of later lines.
    pub fn set_device(&self, peer: &str) {
        if let Ok(mut slot) = self.device.lock() {
            *slot = Some(peer.to_owned());
        }
    }

    /// The device once known.
    pub fn known_device(&self) -> Option<String> {
        self.device.lock().ok().and_then(|slot| slot.clone())
    }

    /// The device for an event line (set before the first event of a run).
    pub fn device(&self) -> String {
        self.known_device().unwrap_or_default()
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

    /// One JSON line of the output contract (JSON mode only): a command's answer or an event.
    pub fn json<T: Serialize>(&self, body: &T) {
        if self.json {
            esprov::contract::print(body);
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
