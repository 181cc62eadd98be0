//! The log lines ESP-IDF's provisioning manager prints on its state changes (tag `wifi_prov_mgr`,
//! or `network_prov_mgr` for network_provisioning builds; messages as in both components'
//! `src/manager.c`), so a console client sees what a real UART carries between answers. Secrets
//! are never printed (the managers mask their debug password lines; Thread failures log nothing).

use std::collections::VecDeque;

use esprov_device::{Event, FailReason};

/// wifi_provisioning's log tag.
const WIFI_PROV_TAG: &str = "wifi_prov_mgr";
/// network_provisioning's log tag.
const NETWORK_PROV_TAG: &str = "network_prov_mgr";

/// Lines kept until a transport prints them; older lines are dropped first.
const KEPT: usize = 64;

/// `WIFI_REASON_4WAY_HANDSHAKE_TIMEOUT`: what a wrong WPA2 passphrase ends in.
const REASON_HANDSHAKE_TIMEOUT: u16 = 15;
/// `WIFI_REASON_NO_AP_FOUND`.
const REASON_NO_AP_FOUND: u16 = 201;

/// Log lines waiting to be printed, stamped with milliseconds since boot.
#[derive(Debug)]
pub struct IdfLog {
    tag: &'static str,
    pending: VecDeque<String>,
}

impl IdfLog {
    /// A log for a wifi_provisioning build, or a network_provisioning one.
    pub fn new(network_provisioning: bool) -> Self {
        let tag = if network_provisioning {
            NETWORK_PROV_TAG
        } else {
            WIFI_PROV_TAG
        };
        IdfLog {
            tag,
            pending: VecDeque::new(),
        }
    }

    /// Records the lines the manager prints for `event` at `ms` since boot.
    pub fn on_event(&mut self, ms: u64, event: &Event) {
        for (level, message) in messages(event) {
            if self.pending.len() == KEPT {
                self.pending.pop_front();
            }
            self.pending
                .push_back(format!("{level} ({ms}) {}: {message}", self.tag));
        }
    }

    /// The lines not printed yet, oldest first.
    pub fn take(&mut self) -> Vec<String> {
        self.pending.drain(..).collect()
    }
}

fn messages(event: &Event) -> Vec<(char, String)> {
    match event {
        Event::Start => vec![('I', "Provisioning started".to_owned())],
        Event::CredRecv(credentials) => vec![(
            'D',
            format!("Received Wi-Fi SSID     : {}", printable(&credentials.ssid)),
        )],
        Event::CredSuccess => vec![('I', "STA Got IP".to_owned())],
        Event::CredFail(reason) => {
            let (code, why) = match reason {
                FailReason::AuthError => (REASON_HANDSHAKE_TIMEOUT, "STA Auth Error"),
                FailReason::NetworkNotFound => (REASON_NO_AP_FOUND, "STA AP Not found"),
            };
            vec![
                ('E', "STA Disconnected".to_owned()),
                ('E', format!("Disconnect reason : {code}")),
                ('E', why.to_owned()),
            ]
        }
        Event::ThreadDatasetSuccess => vec![('I', "Thread attached".to_owned())],
        _ => Vec::new(),
    }
}

/// An SSID as one log line can carry it: control bytes (a line break would end the line) as `?`.
fn printable(ssid: &[u8]) -> String {
    String::from_utf8_lossy(ssid)
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_prints_the_managers_three_lines_and_the_ring_is_bounded() {
        let mut log = IdfLog::new(false);
        log.on_event(1234, &Event::CredFail(FailReason::AuthError));
        assert_eq!(
            log.take(),
            [
                "E (1234) wifi_prov_mgr: STA Disconnected",
                "E (1234) wifi_prov_mgr: Disconnect reason : 15",
                "E (1234) wifi_prov_mgr: STA Auth Error",
            ]
        );
        assert!(log.take().is_empty());
        for ms in 0..100 {
            log.on_event(ms, &Event::CredSuccess);
        }
        let kept = log.take();
        assert_eq!(kept.len(), KEPT);
        assert_eq!(kept[KEPT - 1], "I (99) wifi_prov_mgr: STA Got IP");
    }

    #[test]
    fn a_network_provisioning_build_logs_under_its_own_tag_and_names_a_thread_attach() {
        let mut log = IdfLog::new(true);
        log.on_event(7, &Event::ThreadDatasetSuccess);
        log.on_event(8, &Event::CredSuccess);
        assert_eq!(
            log.take(),
            [
                "I (7) network_prov_mgr: Thread attached",
                "I (8) network_prov_mgr: STA Got IP",
            ]
        );
    }
}
