//! The device's own log (ESP-IDF log lines, boot banners) as the console reads it between
//! answers, kept in a bounded ring so a failure report can show what the firmware said.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

/// Lines kept; older lines are dropped first.
pub const KEPT_LINES: usize = 200;

/// A shared, bounded ring of the device's log lines (each cut to device text's length).
#[derive(Debug, Clone, Default)]
pub struct DeviceLog(Arc<Mutex<VecDeque<String>>>);

impl DeviceLog {
    /// Keeps one line of console output unless it is the echo of a request (which over
    /// security 0 carries the passphrase in hex).
    pub fn push(&self, line: &str) {
        if line.is_empty() || is_request_echo(line) {
            return;
        }
        let mut ring = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if ring.len() == KEPT_LINES {
            ring.pop_front();
        }
        ring.push_back(crate::device_text::truncate(line).into_owned());
    }

    /// The lines kept since the last call, oldest first (raw: escape them before showing).
    pub fn take(&self) -> Vec<String> {
        let mut ring = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        ring.drain(..).collect()
    }
}

/// Whether a line reads `<endpoint> <session-id> [<hex>]`, the console echoing a request.
pub fn is_request_echo(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let endpoint = words.next().unwrap_or_default();
    let session = words.next().unwrap_or_default();
    let payload = words.next().unwrap_or_default();
    words.next().is_none()
        && !endpoint.is_empty()
        && endpoint
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !session.is_empty()
        && session.bytes().all(|b| b.is_ascii_digit())
        && payload.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_logs_drops_echo_and_stays_bounded() {
        let log = DeviceLog::default();
        log.push("prov-config 12 0a0b0c");
        log.push("prov-session 7");
        log.push("I (812) wifi_prov_mgr: Provisioning started");
        assert_eq!(log.take(), ["I (812) wifi_prov_mgr: Provisioning started"]);
        assert!(log.take().is_empty());
        for n in 0..KEPT_LINES + 5 {
            log.push(&format!("I ({n}) app: tick"));
        }
        let kept = log.take();
        assert_eq!(kept.len(), KEPT_LINES);
        assert_eq!(kept[0], "I (5) app: tick");
    }

    #[test]
    fn a_log_line_is_not_an_echo() {
        assert!(!is_request_echo("E (99) wifi_prov_mgr: STA Auth Error"));
        assert!(!is_request_echo(
            "W (5) wifi: sta is connecting, return error"
        ));
        assert!(is_request_echo("proto-ver 2147483647 7631"));
    }
}
