//! `esprov batch --json`: the event stream and the summary line (the report's lines are
//! [`crate::batch::Record`]s).

use schemars::JsonSchema;
use serde::Serialize;

use super::{Failure, Millis};
use crate::batch::{BatchEvent, Summary, WriterStats};

/// The last line of `esprov batch --json`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BatchSummaryLine {
    /// Always `summary`.
    #[schemars(extend("const" = "summary"))]
    pub event: String,
    /// The report file.
    pub report: String,
    /// The command that continues an unfinished run, or `null` when nothing is left.
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub resume: Option<String>,
    /// How the report was written.
    pub writer: WriterOutput,
    /// Counts, rate and times.
    #[serde(flatten)]
    pub summary: Summary,
}

/// Report writing statistics.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct WriterOutput {
    /// Records written.
    pub records: u64,
    /// Write + fsync rounds.
    pub commits: u64,
    /// Time in write.
    pub write_ms: Millis,
    /// Time in fsync.
    pub sync_ms: Millis,
    /// The largest group of records committed at once.
    pub max_group: usize,
}

impl From<&WriterStats> for WriterOutput {
    fn from(w: &WriterStats) -> Self {
        WriterOutput {
            records: w.records,
            commits: w.commits,
            write_ms: w.write_time.into(),
            sync_ms: w.sync_time.into(),
            max_group: w.max_group,
        }
    }
}

/// `esprov batch --check --json`: the manifest is valid and this is what a run would do.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct BatchCheckLine {
    /// Always `check`.
    #[schemars(extend("const" = "check"))]
    pub event: String,
    /// The manifest file.
    pub manifest: String,
    /// The report file.
    pub report: String,
    /// Devices in the manifest.
    pub total: usize,
    /// Devices already ok in the report (`--resume`), which a run skips.
    pub skipped: usize,
    /// The devices a run would provision, in manifest order.
    pub devices: Vec<PlannedDevice>,
}

/// One device of a checked plan.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlannedDevice {
    /// The manifest line.
    pub line: u64,
    /// The device as the report will name it.
    pub device: String,
    /// The row's label, or `null`.
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub label: Option<String>,
    /// The security scheme the row demands, or `null` for `--sec` (auto by default).
    #[schemars(required, extend("type" = ["integer", "null"]))]
    pub sec_ver: Option<u8>,
    /// The network the row provisions: `wifi` (an `ssid` row) or `thread` (a `dataset` row).
    #[schemars(extend("enum" = ["wifi", "thread"]))]
    pub network: String,
    /// The bound on one attempt.
    pub timeout_ms: Millis,
    /// Attempts recorded by earlier runs.
    pub prior_attempts: u32,
    /// `fresh`, or `resumed` (the device's status is read first).
    pub start: String,
}

impl PlannedDevice {
    /// The entry for one planned device; `timeout` is `--timeout` for rows without their own.
    pub fn new(planned: &crate::batch::Planned, timeout: std::time::Duration) -> Self {
        use crate::session::SecurityChoice;
        let job = &planned.job;
        PlannedDevice {
            line: job.line,
            device: job.device.clone(),
            label: job.label.clone(),
            sec_ver: match job.security {
                Some(SecurityChoice::Sec0) => Some(0),
                Some(SecurityChoice::Sec1) => Some(1),
                Some(SecurityChoice::Sec2) => Some(2),
                Some(SecurityChoice::Auto) | None => None,
            },
            network: match job.network {
                crate::provision::NetworkConfig::Wifi(_) => "wifi",
                crate::provision::NetworkConfig::Thread(_) => "thread",
            }
            .into(),
            timeout_ms: job.timeout.unwrap_or(timeout).into(),
            prior_attempts: planned.prior_attempts,
            start: match planned.start {
                crate::batch::Start::Resumed => "resumed",
                _ => "fresh",
            }
            .into(),
        }
    }
}

/// Any line of `esprov batch --json` (schemas only): an event, the summary, or a failure
/// that stopped the run before it began.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum BatchLine<'a> {
    /// A progress event.
    Event(BatchEvent<'a>),
    /// The summary.
    Summary(BatchSummaryLine),
    /// The plan of `--check`.
    Check(BatchCheckLine),
    /// The manifest or the arguments were wrong, or the report could not be opened.
    Failed(Failure),
}
