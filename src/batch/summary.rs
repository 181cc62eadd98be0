//! The end-of-run summary: counts by result, rate, per-device time percentiles, and the exit code.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

use super::record::{ms, OK};
use super::scheduler::DeviceResult;

/// What a batch run achieved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Devices in the manifest.
    pub total: usize,
    /// Devices `--resume` skipped because they were already ok.
    pub skipped: usize,
    /// Devices provisioned in this run.
    pub ok: usize,
    /// Failed devices by reason (`wifi_auth_error`, `timeout`…).
    pub failed: BTreeMap<String, usize>,
    /// Wall time of the run, in seconds.
    pub elapsed_s: f64,
    /// Devices finished per second.
    pub devices_per_s: f64,
    /// Median time per device, first attempt to final record, in ms.
    pub p50_ms: f64,
    /// 95th percentile time per device, in ms.
    pub p95_ms: f64,
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
            codes.insert(r.record.result.clone(), r.record.code);
        }
        let mut times: Vec<Duration> = results.iter().map(|r| r.elapsed).collect();
        times.sort_unstable();
        let secs = elapsed.as_secs_f64();
        let unfinished = total.saturating_sub(skipped + results.len());
        Summary {
            total,
            skipped,
            ok,
            exit_code: exit_code(&failed, &codes, unfinished),
            failed,
            elapsed_s: (secs * 1e3).round() / 1e3,
            devices_per_s: if secs > 0.0 {
                ((results.len() as f64 / secs) * 100.0).round() / 100.0
            } else {
                0.0
            },
            p50_ms: percentile(&times, 50).map_or(0.0, ms),
            p95_ms: percentile(&times, 95).map_or(0.0, ms),
        }
    }
}

/// 0 when every device is ok; otherwise the exit code of the most common failure reason;
/// 1 when two reasons with different codes are equally common, or devices were left unfinished.
pub fn exit_code(
    failed: &BTreeMap<String, usize>,
    codes: &BTreeMap<String, i32>,
    unfinished: usize,
) -> i32 {
    if unfinished > 0 {
        return crate::exit::FAILURE;
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
        _ => crate::exit::FAILURE,
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
        assert_eq!(exit_code(&tied, &codes, 0), 1);
        assert_eq!(exit_code(&BTreeMap::new(), &codes, 0), 0);
        assert_eq!(exit_code(&BTreeMap::new(), &codes, 2), 1);
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let times: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&times, 50), Some(Duration::from_millis(50)));
        assert_eq!(percentile(&times, 95), Some(Duration::from_millis(95)));
        assert_eq!(percentile(&times[..1], 95), Some(Duration::from_millis(1)));
    }
}
