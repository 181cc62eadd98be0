//! The spinner that shows what esprov is waiting for, on a terminal only. There is at most one
//! on screen; [`hide`] takes it down before anything waits for the user (a prompt, a paste).

use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The spinner on screen, if any: one per process, shared by every [`Spinner`] handle.
static SHOWN: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// A spinner on standard error, or nothing when it would only clutter a pipe or a log.
pub struct Spinner {
    enabled: bool,
}

impl Spinner {
    /// A spinner when `wanted`, standard error is a terminal and `-q` was not given.
    pub fn new(wanted: bool) -> Self {
        Spinner {
            enabled: wanted && super::term::spinners(),
        }
    }

    /// Shows `state` and keeps the spinner turning (a new spinner after a [`Spinner::clear`]).
    pub fn set(&self, state: String) {
        if !self.enabled {
            return;
        }
        let Ok(mut slot) = SHOWN.lock() else {
            return;
        };
        let bar = slot.get_or_insert_with(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        bar.set_message(state);
    }

    /// Removes the spinner from the screen.
    pub fn clear(&self) {
        hide();
    }

    /// Runs `f` with the spinner hidden, so printed lines do not mix with it.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        let bar = SHOWN.lock().ok().and_then(|slot| slot.clone());
        match bar {
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

/// Takes the spinner off the screen (its line cleared) until the next [`Spinner::set`]: called
/// before a prompt, so nothing redraws over the question while the user answers.
pub fn hide() {
    if let Ok(mut slot) = SHOWN.lock() {
        if let Some(bar) = slot.take() {
            bar.finish_and_clear();
        }
    }
}
