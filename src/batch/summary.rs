//! The end-of-run summary: counts by result, rate, per-device time percentiles, and the exit code.

use std::collections::BTreeMap;
use std::time::Duration;

use schemars::JsonSchema;
use serde::Serialize;

use crate::contract::Millis;

use super::record::OK;
use super::scheduler::DeviceResult;

/// What a batch run achieved.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Summary {
    /// Devices in the manifest.
    pub total: usize,
    /// Devices `--resume` skipped because they were already ok.
    pub skipped: usize,
    /// Devices provisioned in this run.
    pub ok: usize,
    /// Devices never started because the run was interrupted (Ctrl-C) or stopped.
    pub unfinished: usize,
    /// Failed devices by reason (`wifi_auth_error`, `timeout`…).
    pub failed: BTreeMap<String, usize>,
    /// Wall time of the run.
    pub elapsed_ms: Millis,
    /// Devices finished per second.
    pub devices_per_s: f64,
    /// Median time per device, first attempt to final record.
    pub p50_ms: Millis,
    /// 95th percentile time per device.
    pub p95_ms: Millis,
    /// The process exit code (see [`exit_code`]).
    pub exit_code: i32,
}

impl Summary {
    /// Summarises the devices that ran, plus those skipped.
    pub fn new(results: &[DeviceResult], total: usize, skipped: usize, elapsed: Duration) -> Self {
        let ok = results.iter().filter(|r| r.record.result == OK).count();
        let mut failed = BTreeMap::new();
        let mut codes = BTreeMap::new();
        for r in results.iter().filter(|r| r.record.result != OK) {
            *failed.entry(r.record.result.clone()).or_insert(0) += 1;
            codes.insert(r.record.result.clone(), r.record.exit_code);
        }
        let mut times: Vec<Duration> = results.iter().map(|r| r.elapsed).collect();
        times.sort_unstable();
        let secs = elapsed.as_secs_f64();
        let unfinished = total.saturating_sub(skipped + results.len());
        Summary {
            total,
            skipped,
            ok,
            unfinished,
            exit_code: exit_code(&failed, &codes, unfinished),
            failed,
            elapsed_ms: elapsed.into(),
            devices_per_s: if secs > 0.0 {
                ((results.len() as f64 / secs) * 100.0).round() / 100.0
            } else {
                0.0
            },
            p50_ms: percentile(&times, 50).map_or(Millis(0.0), Millis::from),
            p95_ms: percentile(&times, 95).map_or(Millis(0.0), Millis::from),
        }
    }
}

/// 0 when every device is ok; otherwise the exit code of the most common failure reason;
/// [`crate::exit::BATCH_TIE`] when two reasons with different codes are equally common, and
/// [`crate::exit::BATCH_UNFINISHED`] when devices were left unfinished (interrupted).
pub fn exit_code(
    failed: &BTreeMap<String, usize>,
    codes: &BTreeMap<String, i32>,
    unfinished: usize,
) -> i32 {
    if unfinished > 0 {
        return crate::exit::BATCH_UNFINISHED;
    }
    let Some(most) = failed.values().copied().max() else {
        return crate::exit::OK;
    };
    let mut top: Vec<i32> = failed
        .iter()
        .filter(|(_, n)| **n == most)
        .map(|(reason, _)| codes.get(reason).copied().unwrap_or(crate::exit::FAILURE))
        .collect();
    top.dedup();
    match top.as_slice() {
        [code] => *code,
        _ => crate::exit::BATCH_TIE,
    }
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[Duration], pct: usize) -> Option<Duration> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (pct * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_code_follows_the_most_common_failure() {
        let failed = BTreeMap::from([("wifi_auth_error".to_owned(), 3), ("timeout".to_owned(), 1)]);
        let codes = BTreeMap::from([("wifi_auth_error".to_owned(), 6), ("timeout".to_owned(), 8)]);
        assert_eq!(exit_code(&failed, &codes, 0), 6);
        let tied = BTreeMap::from([("wifi_auth_error".to_owned(), 1), ("timeout".to_owned(), 1)]);
        assert_eq!(exit_code(&tied, &codes, 0), crate::exit::BATCH_TIE);
        assert_eq!(exit_code(&BTreeMap::new(), &codes, 0), 0);
        assert_eq!(
            exit_code(&BTreeMap::new(), &codes, 2),
            crate::exit::BATCH_UNFINISHED
        );
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let times: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&times, 50), Some(Duration::from_millis(50)));
        assert_eq!(percentile(&times, 95), Some(Duration::from_millis(95)));
        assert_eq!(percentile(&times[..1], 95), Some(Duration::from_millis(1)));
    }
}
