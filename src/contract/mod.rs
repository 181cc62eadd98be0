//! The JSON output contract: every object esprov prints under `--json` and every batch report
//! line, as Rust types. The JSON Schemas in `schema/` are generated from these types
//! ([`schemas`]) and checked current by `tests/json_schema.rs`; README.md ("JSON output") lists
//! the vocabulary.
//!
//! One word per idea everywhere: `device` (how the device was reached), `result` (`ok` or the
//! reason word), `reason`, `exit_code`, `message`, `help`, `sec_ver`, `sec_patch_ver`, and
//! timings as `*_ms` rounded to 0.1 ms ([`Millis`]). Every line carries `"schema": 1`
//! ([`SCHEMA_VERSION`]); a change that renames or removes a field raises it.

mod answer;
mod batch;
mod device;
mod factory;
mod failure;
mod line;
mod millis;
mod provision;
mod registry;
mod thread;
mod wifi;

pub use answer::Answer;
pub use batch::{BatchCheckLine, BatchLine, BatchSummaryLine, PlannedDevice, WriterOutput};
pub use device::{
    ApEntry, AppInfo, CtrlOutput, DiscoverOutput, DiscoveredEntry, InfoOutput, ScanOutput,
    Sec2CredsOutput, SendOutput, StatusOutput,
};
pub use factory::{FactoryDataDevice, FactoryDataOutput};
pub use failure::Failure;
pub use line::{print, to_line, Line, SchemaVersion, SCHEMA_VERSION};
pub use millis::Millis;
pub use provision::{Connected, ProvisionLine, ProvisionResult};
pub use registry::{schemas, SchemaFile};
pub use thread::{ThreadProvisioned, ThreadScanOutput, ThreadStatusOutput};
pub use wifi::WifiState;
