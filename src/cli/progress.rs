//! The spinner that shows what esprov is waiting for, on a terminal only.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A spinner on standard error, or nothing when it would only clutter a pipe or a log.
pub struct Spinner {
    bar: Option<ProgressBar>,
}

impl Spinner {
    /// A spinner when `wanted` and standard error is a terminal.
    pub fn new(wanted: bool) -> Self {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
            bar.set_style(style);
            bar
        });
        Spinner { bar }
    }

    /// Shows `state` and keeps the spinner turning.
    pub fn set(&self, state: String) {
        if let Some(bar) = &self.bar {
            bar.set_message(state);
            bar.enable_steady_tick(Duration::from_millis(100));
        }
    }

    /// Hides the spinner until the next [`Spinner::set`].
    pub fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.disable_steady_tick();
            bar.finish_and_clear();
            bar.reset();
        }
    }

    /// Runs `f` with the spinner hidden, so printed lines do not mix with it.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.clear();
    }
}
