//! Factory provisioning: many devices from one manifest, a bounded number at a time, each through
//! the library's `provision` flow, with a durable JSON Lines report that `--resume` continues.
//!
//! ```no_run
//! use std::sync::Arc;
//! use esprov::batch::{run_batch, BatchOptions, LiveProvisioner, SchedulerOptions, Silent};
//!
//! # async fn go() -> Result<(), esprov::Error> {
//! let options = BatchOptions {
//!     manifest: "devices.csv".into(),
//!     report: "esprov-report.jsonl".into(),
//!     resume: false,
//!     scheduler: SchedulerOptions::default(),
//!     group_commit: true,
//!     stop: Default::default(),
//! };
//! let outcome = run_batch(&options, Arc::new(LiveProvisioner::default()), Arc::new(Silent)).await?;
//! println!("{} ok, exit {}", outcome.summary.ok, outcome.summary.exit_code);
//! # Ok(())
//! # }
//! ```

mod attempt;
mod cell;
mod events;
mod history;
mod live;
mod manifest;
mod manifest_csv;
mod manifest_jsonl;
pub mod progress;
mod provisioner;
mod record;
mod report;
mod retry;
mod row;
mod run;
mod scheduler;
mod suggest;
mod summary;
mod target;

pub use events::{BatchEvent, Observer, Silent};
pub use history::History;
pub use live::{LiveProvisioner, BATCH_POLL};
pub use manifest::{detect, load as load_manifest, Format, ManifestError, ManifestErrors};
pub use provisioner::{Attempt, Mark, Provisioner, Start, Success};
pub use record::{Record, OK};
pub use report::{ReportWriter, WriterStats};
pub use retry::{classify, Class, Next, RetryPolicy};
pub use row::{Job, COLUMNS};
pub use run::{plan_batch, run_batch, BatchOptions, BatchOutcome, BatchPlan};
pub use scheduler::{DeviceResult, Planned, SchedulerOptions};
pub use summary::Summary;
pub use target::Target;

#[cfg(test)]
mod tests;
