//! Runs many devices at once: up to N in flight (BLE rows also limited per adapter), each device's
//! attempts in order, every attempt's record on disk before the next step.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::Instant;

use super::attempt::{record_for, Clock};
use super::events::{BatchEvent, Observer};
use super::provisioner::{Mark, Provisioner, Start};
use super::record::Record;
use super::report::ReportWriter;
use super::retry::{Next, RetryPolicy, Spent};
use super::row::Job;
use crate::Error;

/// Extra time an attempt gets beyond its own bound before the scheduler stops waiting for it.
const ATTEMPT_GRACE: Duration = Duration::from_secs(5);
/// The first wave of devices starts spread out, at most this far apart...
const RAMP_STEP: Duration = Duration::from_millis(10);
/// ...and over at most this long: handshakes that all start at once queue for the CPU together,
/// then the devices wait for Wi-Fi together and free their slots together, wave after wave.
const RAMP_TOTAL: Duration = Duration::from_secs(1);

/// How the scheduler runs devices.
#[derive(Debug, Clone, Copy)]
pub struct SchedulerOptions {
    /// Devices in flight at once.
    pub concurrency: usize,
    /// BLE devices in flight at once per adapter.
    pub ble_per_adapter: usize,
    /// Retry rules.
    pub retry: RetryPolicy,
    /// Bound on one attempt when the row has no `timeout`.
    pub timeout: Duration,
}

impl Default for SchedulerOptions {
    fn default() -> Self {
        SchedulerOptions {
            concurrency: 8,
            ble_per_adapter: 1,
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(60),
        }
    }
}

/// One device's place in the run: the job, attempts already recorded, and how to begin.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The device.
    pub job: Job,
    /// Attempts recorded by earlier runs.
    pub prior_attempts: u32,
    /// How the first attempt of this run begins.
    pub start: Start,
}

/// How one device ended.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceResult {
    /// The final record.
    pub record: Record,
    /// From the first attempt's start to the final record.
    pub elapsed: Duration,
}

struct Ctx {
    provisioner: Arc<dyn Provisioner>,
    report: Arc<ReportWriter>,
    observer: Arc<dyn Observer>,
    options: SchedulerOptions,
    slots: Semaphore,
    ble: Semaphore,
    stop: Arc<AtomicBool>,
    launched: AtomicUsize,
    ramp_step: Duration,
}

/// Runs every planned device; stops early, with the report error, if the report cannot be written,
/// and starts no further device once `stop` is set.
pub async fn run(
    plan: Vec<Planned>,
    provisioner: Arc<dyn Provisioner>,
    report: Arc<ReportWriter>,
    observer: Arc<dyn Observer>,
    options: SchedulerOptions,
    stop: Arc<AtomicBool>,
) -> Result<Vec<DeviceResult>, Error> {
    let ctx = Arc::new(Ctx {
        provisioner,
        report,
        observer,
        options,
        slots: Semaphore::new(options.concurrency.max(1)),
        ble: Semaphore::new(options.ble_per_adapter.max(1)),
        stop,
        launched: AtomicUsize::new(0),
        ramp_step: RAMP_STEP
            .min(RAMP_TOTAL / u32::try_from(options.concurrency.max(1)).unwrap_or(u32::MAX)),
    });
    let mut tasks = JoinSet::new();
    for planned in plan {
        tasks.spawn(run_device(ctx.clone(), planned));
    }
    let mut results = Vec::new();
    let mut first_error = None;
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(Ok(Some(result))) => results.push(result),
            Ok(Ok(None)) => {}
            Ok(Err(e)) => {
                ctx.stop.store(true, Ordering::SeqCst);
                first_error.get_or_insert(e);
            }
            Err(e) => {
                ctx.stop.store(true, Ordering::SeqCst);
                first_error.get_or_insert(Error::Io {
                    context: "a device task failed".into(),
                    source: std::io::Error::other(e.to_string()),
                });
            }
        }
    }
    match first_error {
        Some(e) => Err(e),
        None => Ok(results),
    }
}

/// One device from first attempt to final record; `None` when the run stopped before it began.
async fn run_device(ctx: Arc<Ctx>, planned: Planned) -> Result<Option<DeviceResult>, Error> {
    let _ble = match planned.job.target.is_ble() {
        true => Some(ctx.ble.acquire().await.map_err(closed)?),
        false => None,
    };
    let _slot = ctx.slots.acquire().await.map_err(closed)?;
    ramp_up(&ctx).await;
    if ctx.stop.load(Ordering::SeqCst) {
        return Ok(None);
    }
    let job = &planned.job;
    let timeout = job.timeout.unwrap_or(ctx.options.timeout);
    let started = Instant::now();
    let mut start = planned.start;
    let mut attempt = planned.prior_attempts;
    let mut spent = Spent::default();
    loop {
        attempt += 1;
        ctx.observer.event(&BatchEvent::Started {
            device: &job.device,
            label: job.label.as_deref(),
            attempt,
        });
        let (outcome, clock) = attempt_once(&ctx, job, start, timeout).await;
        let next = match &outcome.result {
            Ok(_) => Next::GiveUp,
            Err(e) => ctx.options.retry.next(e, &mut spent),
        };
        let is_final = next == Next::GiveUp || ctx.stop.load(Ordering::SeqCst);
        let record = record_for(job, attempt, &outcome, &clock, is_final);
        ctx.report.write(&record).await?;
        ctx.observer
            .event(&BatchEvent::Recorded { record: &record });
        if is_final {
            return Ok(Some(DeviceResult {
                record,
                elapsed: started.elapsed(),
            }));
        }
        start = match next {
            Next::RetryAfter(pause) => {
                tokio::time::sleep(pause).await;
                Start::Fresh
            }
            _ => Start::AfterWifiFailure,
        };
    }
}

/// Spreads the first `concurrency` launches over the ramp; later ones follow the slots they free.
async fn ramp_up(ctx: &Ctx) {
    let n = ctx.launched.fetch_add(1, Ordering::SeqCst);
    if n < ctx.options.concurrency {
        let wait = ctx
            .ramp_step
            .saturating_mul(u32::try_from(n).unwrap_or(u32::MAX));
        tokio::time::sleep(wait).await;
    }
}

/// One bounded attempt, with the clock that timed its phases.
async fn attempt_once(
    ctx: &Ctx,
    job: &Job,
    start: Start,
    timeout: Duration,
) -> (super::provisioner::Attempt, Clock) {
    let mut clock = Clock::start();
    let observer = ctx.observer.clone();
    let mut mark = |m: Mark| {
        clock.mark(&m);
        let step = match &m {
            Mark::SessionReady => "session",
            Mark::ConfigApplied => "applied",
            Mark::Wifi(state) | Mark::Thread(state) => state,
        };
        observer.event(&BatchEvent::Progress {
            device: &job.device,
            step,
        });
    };
    let bounded = tokio::time::timeout(
        timeout + ATTEMPT_GRACE,
        ctx.provisioner.attempt(job, start, timeout, &mut mark),
    )
    .await;
    let outcome = bounded.unwrap_or_else(|_| {
        super::provisioner::Attempt::plain(Err(Error::Timeout {
            what: format!("device {}", job.device),
            after: timeout,
        }))
    });
    (outcome, clock)
}

fn closed(_: tokio::sync::AcquireError) -> Error {
    Error::Io {
        context: "scheduling devices".into(),
        source: std::io::Error::other("the scheduler was shut down"),
    }
}
