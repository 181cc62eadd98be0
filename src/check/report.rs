//! The results: one per check, and the report that names the firmware the suite saw.

use std::time::Duration;

use schemars::JsonSchema;
use serde::Serialize;

use super::registry::Group;
use crate::contract::Millis;
use crate::session::{DeviceInfo, SecurityPlan};

/// How a check ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The device behaved as the protocol says.
    Pass,
    /// The device did not; `detail` says how.
    Fail,
    /// The check could not apply (no capability, no network given, not selected by the scheme…).
    Skip,
}

impl Outcome {
    /// The word reports print.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::Skip => "skip",
        }
    }
}

/// One check's result.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct CheckResult {
    /// The check's stable id.
    pub id: &'static str,
    /// Its group.
    pub group: Group,
    /// Pass, fail or skip.
    pub result: Outcome,
    /// What happened, or why it was skipped (device text already escaped).
    pub detail: String,
    /// How long the check took.
    #[serde(rename = "time_ms", serialize_with = "millis")]
    #[schemars(with = "Millis")]
    pub elapsed: Duration,
    /// The figure a timing check measured (milliseconds, 0.1 ms steps).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figure_ms: Option<Millis>,
    /// The device's own log around a failure (serial console), escaped.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log: Vec<String>,
}

fn millis<S: serde::Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    Millis::from(*duration).serialize(serializer)
}

/// The firmware the suite saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DeviceSummary {
    /// The manager version (`v1.1`…) or the legacy text.
    pub ver: String,
    /// Whether proto-ver was the legacy text form.
    pub legacy: bool,
    /// Capabilities listed.
    pub cap: Vec<String>,
    /// The security scheme used.
    pub sec_ver: u8,
    /// The security 2 patch level used.
    pub sec_patch_ver: u8,
}

impl DeviceSummary {
    /// The summary of a device's proto-ver answer and the chosen scheme.
    pub fn new(info: &DeviceInfo, plan: &SecurityPlan) -> Self {
        let pv = &info.proto_ver;
        let text = |s: &str| crate::device_text::truncate(s).into_owned();
        DeviceSummary {
            ver: text(
                &pv.prov
                    .as_ref()
                    .map(|p| p.ver.clone())
                    .or_else(|| pv.legacy.clone())
                    .unwrap_or_default(),
            ),
            legacy: pv.prov.is_none(),
            cap: pv
                .prov
                .as_ref()
                .map(|p| p.cap.iter().map(|c| text(c)).collect())
                .unwrap_or_default(),
            sec_ver: plan.sec_ver,
            sec_patch_ver: plan.sec_patch_ver,
        }
    }
}

/// Counts of each outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
pub struct Summary {
    /// Checks that passed.
    pub pass: usize,
    /// Checks that failed.
    pub fail: usize,
    /// Checks skipped.
    pub skip: usize,
}

/// A whole run, as `esprov check --json` prints it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Report {
    /// The device (how it was reached).
    pub device: String,
    /// The firmware seen.
    pub firmware: DeviceSummary,
    /// Counts.
    pub summary: Summary,
    /// Every selected check, in run order.
    pub checks: Vec<CheckResult>,
    /// What to do before running again (reset, reflash), when the run changed the device.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recovery: Option<String>,
    /// Each board reset `--reset-board` made, with why (before the suite, after a group…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub board_resets: Vec<String>,
    /// Wall time of the run.
    #[serde(rename = "total_ms", serialize_with = "millis")]
    #[schemars(with = "Millis")]
    pub elapsed: Duration,
}

impl Report {
    /// Assembles a report and counts the outcomes.
    pub fn new(
        device: String,
        firmware: DeviceSummary,
        checks: Vec<CheckResult>,
        recovery: Option<String>,
        elapsed: Duration,
    ) -> Self {
        let count = |o: Outcome| checks.iter().filter(|c| c.result == o).count();
        let summary = Summary {
            pass: count(Outcome::Pass),
            fail: count(Outcome::Fail),
            skip: count(Outcome::Skip),
        };
        Report {
            device,
            firmware,
            summary,
            checks,
            recovery,
            board_resets: Vec::new(),
            elapsed,
        }
    }

    /// Whether no check failed.
    pub fn passed(&self) -> bool {
        self.summary.fail == 0
    }

    /// The report as JUnit XML, for CI systems.
    pub fn to_junit(&self) -> String {
        super::junit::render(self)
    }
}
