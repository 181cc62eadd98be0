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

/// Any line of `esprov batch --json` (schemas only): an event, the summary, or a failure
/// that stopped the run before it began.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum BatchLine<'a> {
    /// A progress event.
    Event(BatchEvent<'a>),
    /// The summary.
    Summary(BatchSummaryLine),
    /// The manifest or the arguments were wrong, or the report could not be opened.
    Failed(Failure),
}
