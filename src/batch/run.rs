//! A whole batch run: validate the manifest, read the report for `--resume`, schedule, summarise.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
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
    /// Set it (from a Ctrl-C handler) to start no further device; in-flight attempts finish.
    pub stop: Arc<AtomicBool>,
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

/// What a run would do: the devices to provision and those `--resume` skips.
#[derive(Debug, Clone)]
pub struct BatchPlan {
    /// Devices in the manifest.
    pub total: usize,
    /// Devices already ok in the report (`--resume`).
    pub skipped: usize,
    /// The devices to provision, in manifest order.
    pub planned: Vec<Planned>,
    /// Bytes of a partial last line in the report (cut before a resumed run appends).
    pub partial_bytes: usize,
}

/// Validates the manifest and reads the report, changing nothing and contacting no device
/// (`esprov batch --check`, and the first step of every run).
pub fn plan_batch(options: &BatchOptions) -> Result<BatchPlan, Error> {
    let jobs = manifest::load(&options.manifest)?;
    let history = prior_history(options, History::peek)?;
    Ok(plan_from(options, jobs, &history))
}

fn plan_from(options: &BatchOptions, jobs: Vec<super::row::Job>, history: &History) -> BatchPlan {
    let done = history.done();
    let attempts = history.attempts();
    let total = jobs.len();
    let planned: Vec<Planned> = jobs
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
    BatchPlan {
        total,
        skipped: total - planned.len(),
        planned,
        partial_bytes: history.truncated,
    }
}

/// Runs a batch; a bad manifest or report fails before any device is contacted. Setting `stop`
/// (Ctrl-C) starts no further device: attempts in flight finish and are recorded.
pub async fn run_batch(
    options: &BatchOptions,
    provisioner: Arc<dyn Provisioner>,
    observer: Arc<dyn Observer>,
) -> Result<BatchOutcome, Error> {
    let jobs = manifest::load(&options.manifest)?;
    let history = prior_history(options, History::load)?;
    let BatchPlan {
        total,
        skipped,
        planned,
        partial_bytes,
    } = plan_from(options, jobs, &history);
    let writer = Arc::new(ReportWriter::open(&options.report, options.group_commit)?);
    observer.event(&BatchEvent::Planned { total, skipped });
    let started = Instant::now();
    let results = scheduler::run(
        planned,
        provisioner,
        writer.clone(),
        observer,
        options.scheduler,
        options.stop.clone(),
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
        repaired_bytes: partial_bytes,
    })
}

/// The existing report for `--resume`; without it, an existing report (even empty) is refused.
fn prior_history(
    options: &BatchOptions,
    read: fn(&std::path::Path) -> Result<History, Error>,
) -> Result<History, Error> {
    if options.resume {
        return read(&options.report);
    }
    if options.report.exists() {
        return Err(Error::Usage(format!(
            "the report {} already exists: pass --resume to continue it, or choose another --report",
            options.report.display()
        )));
    }
    Ok(History::default())
}
