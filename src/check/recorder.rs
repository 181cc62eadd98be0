//! Runs one check at a time: selection, time bound, timing, and what happens after a failure
//! (is the device still there? reset the board, or skip the rest).

use std::future::Future;
use std::time::{Duration, Instant};

use super::context::Connect;
use super::options::CheckOptions;
use super::registry::find;
use super::report::{CheckResult, Outcome};
use crate::session::fetch_info;

/// Bound on the "is the device still there" probe after a failure.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);

/// How one check ended, before timing and bookkeeping.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Verdict {
    pub outcome: Outcome,
    pub detail: String,
    pub figure_ms: Option<f64>,
}

/// Device text for a detail: cut to a bounded length (each output escapes it for its medium).
pub(crate) fn shown(text: &str) -> String {
    crate::device_text::truncate(text).into_owned()
}

/// A passed check.
pub(crate) fn pass(detail: impl Into<String>) -> Verdict {
    verdict(Outcome::Pass, detail)
}

/// A failed check.
pub(crate) fn fail(detail: impl Into<String>) -> Verdict {
    verdict(Outcome::Fail, detail)
}

/// A check that does not apply, with the reason.
pub(crate) fn skip(reason: impl Into<String>) -> Verdict {
    verdict(Outcome::Skip, reason)
}

fn verdict(outcome: Outcome, detail: impl Into<String>) -> Verdict {
    Verdict {
        outcome,
        detail: crate::device_text::controls(&detail.into()).into_owned(),
        figure_ms: None,
    }
}

impl Verdict {
    /// The same verdict carrying a measured figure.
    pub fn with_figure(mut self, ms: f64) -> Self {
        self.figure_ms = Some(ms);
        self
    }
}

fn lost_reason(after: &str) -> String {
    format!("the device stopped answering after {after}: power-cycle or reset it, then run again")
}

/// Collects results and decides what runs.
pub(crate) struct Recorder<'a> {
    connector: &'a dyn Connect,
    options: &'a CheckOptions,
    on_result: &'a mut (dyn FnMut(&CheckResult) + Send),
    results: Vec<CheckResult>,
    /// The check after which the device stopped answering, and could not be reset.
    lost_after: Option<&'static str>,
    /// Why the board was reset, each time it was.
    resets: Vec<String>,
}

impl<'a> Recorder<'a> {
    pub fn new(
        connector: &'a dyn Connect,
        options: &'a CheckOptions,
        on_result: &'a mut (dyn FnMut(&CheckResult) + Send),
    ) -> Self {
        Recorder {
            connector,
            options,
            on_result,
            results: Vec::new(),
            lost_after: None,
            resets: Vec::new(),
        }
    }

    /// Whether the check `id` is selected.
    pub fn wants(&self, id: &str) -> bool {
        self.options.selection.wants(id)
    }

    /// Whether the device stopped answering earlier in the run.
    pub fn device_lost(&self) -> bool {
        self.lost_after.is_some()
    }

    /// Runs the check `id` when it is selected, bounded by the per-check timeout.
    pub async fn run(&mut self, id: &'static str, check: impl Future<Output = Verdict>) {
        if !self.wants(id) {
            return;
        }
        if let Some(after) = self.lost_after {
            self.record(id, skip(lost_reason(after)), Duration::ZERO, Vec::new());
            return;
        }
        let _ = self.connector.take_log();
        let started = Instant::now();
        let bound = self.options.check_timeout;
        let verdict = tokio::time::timeout(bound, check)
            .await
            .unwrap_or_else(|_| fail(format!("did not finish within {bound:?}")));
        let elapsed = started.elapsed();
        let mut log = Vec::new();
        if verdict.outcome == Outcome::Fail {
            log = self.connector.take_log();
            self.after_failure(id).await;
        }
        self.record(id, verdict, elapsed, log);
    }

    /// Runs a step the next checks depend on: recorded as `id` when selected, run unrecorded
    /// otherwise. Its outcome, or `None` when the device was already lost.
    pub async fn step(
        &mut self,
        id: &'static str,
        check: impl Future<Output = Verdict>,
    ) -> Option<Outcome> {
        if self.lost_after.is_some() {
            self.note(id, skip(String::new()));
            return None;
        }
        if self.wants(id) {
            self.run(id, check).await;
            return self.results.last().filter(|r| r.id == id).map(|r| r.result);
        }
        let bound = self.options.check_timeout;
        let verdict = tokio::time::timeout(bound, check)
            .await
            .unwrap_or_else(|_| fail(format!("did not finish within {bound:?}")));
        Some(verdict.outcome)
    }

    /// Records a result decided without running anything (a prerequisite failed); a lost
    /// device is the better reason when there is one.
    pub fn note(&mut self, id: &'static str, verdict: Verdict) {
        if self.wants(id) {
            let verdict = match self.lost_after {
                Some(after) => skip(lost_reason(after)),
                None => verdict,
            };
            self.record(id, verdict, Duration::ZERO, Vec::new());
        }
    }

    /// After a failure: is the device still there? If not, reset the board when possible.
    async fn after_failure(&mut self, id: &'static str) {
        if self.answers().await {
            return;
        }
        let why = format!("{id} left the device not answering");
        match self.connector.reset_board().await {
            Ok(true) if self.answers().await => {
                tracing::info!(after = id, "the board was reset and answers again");
                self.resets.push(why);
            }
            _ => self.lost_after = Some(id),
        }
    }

    /// With `--reset-board`, resets the board so the next checks start from a fresh boot;
    /// a board that does not answer after it counts as lost.
    pub async fn fresh_boot(&mut self, after: &'static str) {
        if !self.options.reset_board || self.lost_after.is_some() {
            return;
        }
        let _ = self.connector.take_log();
        match self.connector.reset_board().await {
            Ok(true) if self.answers().await => self.resets.push(format!("after {after}")),
            Ok(_) => self.lost_after = Some(after),
            Err(error) => {
                tracing::warn!(%error, "the board could not be reset");
                self.lost_after = Some(after);
            }
        }
    }

    /// Notes a reset done outside the checks (before the suite).
    pub fn reset_done(&mut self, why: &str) {
        self.resets.push(why.to_owned());
    }

    /// Why the board was reset, each time it was.
    pub fn resets(&self) -> Vec<String> {
        self.resets.clone()
    }

    async fn answers(&self) -> bool {
        let probe = async {
            let mut transport = self.connector.connect().await?;
            let info = fetch_info(&mut transport).await;
            transport.close().await;
            info
        };
        matches!(tokio::time::timeout(PROBE_TIMEOUT, probe).await, Ok(Ok(_)))
    }

    fn record(&mut self, id: &'static str, verdict: Verdict, elapsed: Duration, log: Vec<String>) {
        let Some(info) = find(id) else {
            return;
        };
        let result = CheckResult {
            id,
            group: info.group,
            result: verdict.outcome,
            detail: verdict.detail,
            elapsed,
            figure_ms: verdict.figure_ms.map(crate::contract::Millis),
            log: log
                .iter()
                .map(|line| crate::device_text::escape(line))
                .collect(),
        };
        (self.on_result)(&result);
        self.results.push(result);
    }

    /// The recovery note: a lost device first, else what the checks left behind.
    pub fn recovery(&self, from_checks: Option<String>) -> Option<String> {
        match self.lost_after {
            Some(after) => Some(format!(
                "the device stopped answering after {after}: power-cycle or reset it (--reset-board on a serial board)"
            )),
            None => from_checks,
        }
    }

    pub fn into_results(self) -> Vec<CheckResult> {
        self.results
    }
}
