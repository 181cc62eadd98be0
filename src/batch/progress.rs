//! Ready-made observers: live bars on a terminal, one plain line per finished device otherwise,
//! or every event as an NDJSON line.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::events::{BatchEvent, Observer};
use super::record::{Record, OK};
use crate::device_text;

/// One line per finished device: `ok DEVICE (label) ip … in … ms`, or the failure and its reason.
pub fn finished_line(record: &Record) -> String {
    let label = record
        .label
        .as_deref()
        .map(|l| format!(" ({l})"))
        .unwrap_or_default();
    // The device's IP and any error text quoting the device reach a terminal from here.
    let line = if record.result == OK {
        let joined = match &record.thread {
            Some(thread) => format!("Thread \"{}\"", device_text::escape(&thread.name)),
            None => format!(
                "ip {}",
                device_text::escape(record.ip.as_deref().unwrap_or("?"))
            ),
        };
        format!(
            "ok      {}{label}: {joined} in {:.0} ms (attempt {})",
            record.device, record.total_ms.0, record.attempt
        )
    } else {
        let error = record.message.as_deref().unwrap_or("");
        format!(
            "FAILED  {}{label}: {} (attempt {}): {error}",
            record.device, record.result, record.attempt
        )
    };
    device_text::controls(&line).into_owned()
}

/// Prints one plain line per finished device on stdout (for logs and pipes).
#[derive(Debug, Default)]
pub struct PlainLines;

impl Observer for PlainLines {
    fn event(&self, event: &BatchEvent<'_>) {
        if let BatchEvent::Recorded { record } = event {
            if record.is_final {
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{}", finished_line(record));
            }
        }
    }
}

/// Streams every event as one JSON object per line on stdout.
#[derive(Debug, Default)]
pub struct JsonEvents;

impl Observer for JsonEvents {
    fn event(&self, event: &BatchEvent<'_>) {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{}", crate::contract::to_line(event));
    }
}

/// indicatif bars on stderr: one line per active device under an overall bar with rate and ETA;
/// each finished device leaves one line above the bars.
pub struct TtyProgress {
    multi: MultiProgress,
    overall: ProgressBar,
    active: Mutex<HashMap<String, ProgressBar>>,
}

impl TtyProgress {
    /// Bars drawn on stderr.
    pub fn new() -> Self {
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template(
            "{bar:30} {pos}/{len} devices  {per_sec}  ETA {eta}  {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        let overall = multi.add(ProgressBar::new(0).with_style(style));
        TtyProgress {
            multi,
            overall,
            active: Mutex::new(HashMap::new()),
        }
    }

    fn device_bar(&self, device: &str, label: Option<&str>, attempt: u32) {
        let style = ProgressStyle::with_template("  {spinner} {prefix}: {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let bar = self
            .multi
            .insert_before(&self.overall, ProgressBar::new_spinner().with_style(style));
        let label = label.map(|l| format!(" ({l})")).unwrap_or_default();
        bar.set_prefix(format!("{device}{label}"));
        bar.set_message(format!("attempt {attempt}: connecting"));
        bar.enable_steady_tick(Duration::from_millis(120));
        if let Ok(mut active) = self.active.lock() {
            if let Some(old) = active.insert(device.to_owned(), bar) {
                old.finish_and_clear();
            }
        }
    }
}

impl Default for TtyProgress {
    fn default() -> Self {
        Self::new()
    }
}

impl Observer for TtyProgress {
    fn event(&self, event: &BatchEvent<'_>) {
        match event {
            BatchEvent::Planned { total, skipped } => {
                self.overall.set_length((total - skipped) as u64);
                self.overall.reset_eta();
            }
            BatchEvent::Started {
                device,
                label,
                attempt,
            } => self.device_bar(device, *label, *attempt),
            BatchEvent::Progress { device, step } => {
                if let Some(bar) = self
                    .active
                    .lock()
                    .ok()
                    .and_then(|a| a.get(*device).cloned())
                {
                    bar.set_message(step.to_string());
                }
            }
            BatchEvent::Recorded { record } => {
                if let Some(bar) = self
                    .active
                    .lock()
                    .ok()
                    .and_then(|mut a| a.remove(&record.device))
                {
                    bar.finish_and_clear();
                }
                if record.is_final {
                    self.overall.inc(1);
                    // Every finished device, ok ones with their IP, stays in the scrollback.
                    let _ = self.multi.println(finished_line(record));
                }
            }
        }
    }
}

impl Drop for TtyProgress {
    fn drop(&mut self) {
        self.overall.finish_and_clear();
    }
}
