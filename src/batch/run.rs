//! A whole batch run: validate the manifest, read the report for `--resume`, schedule, summarise.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::time::Instant;

use super::events::{BatchEvent, Observer};
use super::history::History;
use super::manifest;
use super::provisioner::{Provisioner, Start};
use super::report::{ReportWriter, WriterStats};
use super::scheduler::{self, DeviceResult, Planned, SchedulerOptions};
use super::summary::Summary;
use crate::Error;

/// Everything a batch run needs besides the provisioner and the observer.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// The manifest file.
    pub manifest: PathBuf,
    /// The JSON Lines report.
    pub report: PathBuf,
    /// Continue an existing report: skip devices already ok, append the rest.
    pub resume: bool,
    /// Scheduler settings.
    pub scheduler: SchedulerOptions,
    /// Share one write + fsync among records that arrive together.
    pub group_commit: bool,
}

/// What a run produced.
#[derive(Debug, Clone)]
pub struct BatchOutcome {
    /// Counts, rate, percentiles and the exit code.
    pub summary: Summary,
    /// Every device that ran, with its final record.
    pub results: Vec<DeviceResult>,
    /// The report writer's counters.
    pub writer: WriterStats,
    /// Bytes of a partial last line cut from the report before resuming.
    pub repaired_bytes: usize,
}

/// Runs a batch; a bad manifest or report fails before any device is contacted.
pub async fn run_batch(
    options: &BatchOptions,
    provisioner: Arc<dyn Provisioner>,
    observer: Arc<dyn Observer>,
) -> Result<BatchOutcome, Error> {
    let jobs = manifest::load(&options.manifest)?;
    let history = prior_history(options)?;
    let done = history.done();
    let attempts = history.attempts();
    let total = jobs.len();
    let plan: Vec<Planned> = jobs
        .into_iter()
        .filter(|job| !done.contains(&job.device))
        .map(|job| Planned {
            prior_attempts: attempts.get(&job.device).copied().unwrap_or(0),
            start: if options.resume {
                Start::Resumed
            } else {
                Start::Fresh
            },
            job,
        })
        .collect();
    let skipped = total - plan.len();
    let writer = Arc::new(ReportWriter::open(&options.report, options.group_commit)?);
    observer.event(&BatchEvent::Planned { total, skipped });
    let started = Instant::now();
    let results = scheduler::run(
        plan,
        provisioner,
        writer.clone(),
        observer,
        options.scheduler,
    )
    .await;
    let elapsed = started.elapsed();
    let writer = match Arc::into_inner(writer) {
        Some(writer) => writer.finish().await,
        None => WriterStats::default(),
    };
    let results = results?;
    Ok(BatchOutcome {
        summary: Summary::new(&results, total, skipped, elapsed),
        results,
        writer,
        repaired_bytes: history.truncated,
    })
}

/// The existing report for `--resume`; without it, an existing non-empty report is refused.
fn prior_history(options: &BatchOptions) -> Result<History, Error> {
    if options.resume {
        return History::load(&options.report);
    }
    let existing = std::fs::metadata(&options.report)
        .map(|m| m.len())
        .unwrap_or(0);
    if existing > 0 {
        return Err(Error::Usage(format!(
            "the report {} already exists: pass --resume to continue it, or choose another --report",
            options.report.display()
        )));
    }
    Ok(History::default())
}
