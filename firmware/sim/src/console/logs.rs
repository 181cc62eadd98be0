//! ESP-IDF style log lines the console interleaves with answers, so clients learn to skip them.

use std::time::Instant;

const MESSAGES: [(char, &str, &str); 6] = [
    ('I', "wifi_prov_mgr", "Provisioning started"),
    ('I', "protocomm_console", "Request received"),
    ('W', "wifi", "sta is connecting, return error"),
    ('I', "wifi_prov_mgr", "Waiting for client"),
    ('D', "protocomm", "session state updated"),
    ('I', "wifi", "mode : sta (ec:da:3b:00:11:22)"),
];

/// Produces occasional log lines stamped with milliseconds since boot.
pub struct DeviceLog {
    boot: Instant,
    count: usize,
    enabled: bool,
}

impl DeviceLog {
    /// A log that is silent unless `enabled`.
    pub fn new(enabled: bool) -> Self {
        Self {
            boot: Instant::now(),
            count: 0,
            enabled,
        }
    }

    /// An error line, always printed: the console's only way to say a request failed.
    pub fn error(&self, tag: &str, message: &str) -> String {
        self.line('E', tag, message)
    }

    /// Every third call yields a chatter line (when enabled).
    pub fn chatter(&mut self) -> Option<String> {
        if !self.enabled {
            return None;
        }
        self.count += 1;
        if self.count % 3 != 1 {
            return None;
        }
        let (level, tag, message) = MESSAGES[(self.count / 3) % MESSAGES.len()];
        Some(self.line(level, tag, message))
    }

    /// The manager's own lines (its state changes), each ended as the UART ends it (when enabled).
    pub fn manager(&self, lines: Vec<String>) -> String {
        if !self.enabled {
            return String::new();
        }
        lines.into_iter().map(|line| line + "\r\n").collect()
    }

    fn line(&self, level: char, tag: &str, message: &str) -> String {
        let ms = self.boot.elapsed().as_millis();
        format!("{level} ({ms}) {tag}: {message}\r\n")
    }
}
