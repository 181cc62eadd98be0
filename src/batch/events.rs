//! What a batch run tells its observer as it goes (progress bars, plain lines, NDJSON).

use schemars::JsonSchema;
use serde::Serialize;

use super::record::Record;

/// One thing that happened in a batch run.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum BatchEvent<'a> {
    /// The manifest is valid; `skipped` devices were already ok in the report.
    Planned {
        /// Devices in the manifest.
        total: usize,
        /// Devices `--resume` skips.
        skipped: usize,
    },
    /// An attempt on a device begins.
    Started {
        /// The device.
        device: &'a str,
        /// Its label.
        #[serde(skip_serializing_if = "Option::is_none")]
        label: Option<&'a str>,
        /// Attempt number.
        attempt: u32,
    },
    /// Progress inside an attempt.
    Progress {
        /// The device.
        device: &'a str,
        /// What happened, one word: `session`, `applied`, `connecting`, `connected`, `failed`,
        /// `disconnected`, `retrying`.
        step: &'a str,
    },
    /// An attempt ended and its record is on disk; a final record finishes the device.
    Recorded {
        /// The record as written.
        record: &'a Record,
    },
}

/// Receives a batch run's events; called from many tasks at once.
pub trait Observer: Send + Sync {
    /// Handles one event; must not block for long.
    fn event(&self, event: &BatchEvent<'_>);
}

/// An observer that ignores everything (library use, benchmarks).
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Observer for Silent {
    fn event(&self, _: &BatchEvent<'_>) {}
}
