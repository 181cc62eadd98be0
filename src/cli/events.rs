//! Provisioning events as NDJSON objects and as human step lines.

use esprov::device_text;
use esprov::provision::{ProvisionEvent, WifiStatus};
use serde_json::{json, Value};

/// One event as the NDJSON object `provision --json` prints.
pub fn event_json(event: &ProvisionEvent) -> Value {
    match event {
        ProvisionEvent::Status { status } => {
            let mut value = status_json(status);
            if let Value::Object(map) = &mut value {
                map.insert("event".into(), "status".into());
            }
            value
        }
        other => serde_json::to_value(other).unwrap_or_else(|_| json!({ "event": "unknown" })),
    }
}

/// A Wi-Fi state as JSON: `{"state": …}` plus the details of that state.
pub fn status_json(status: &WifiStatus) -> Value {
    serde_json::to_value(status).unwrap_or_else(|_| json!({ "state": "unknown" }))
}

/// The human step line for an event.
pub fn human_line(event: &ProvisionEvent, ssid: &str) -> String {
    match event {
        ProvisionEvent::Info {
            ver,
            cap,
            sec_ver,
            sec_patch_ver,
            auto,
        } => {
            let patch = if *sec_ver == 2 {
                format!(" patch {sec_patch_ver}")
            } else {
                String::new()
            };
            let how = if *auto {
                "chosen from the device"
            } else {
                "from --sec"
            };
            let caps = if cap.is_empty() {
                "none".into()
            } else {
                device_text::escape(&cap.join(", "))
            };
            let ver = device_text::escape(ver);
            format!("Device answered: protocol \"{ver}\", capabilities {caps}; security {sec_ver}{patch} ({how})")
        }
        ProvisionEvent::Session {
            sec_ver,
            elapsed_ms,
        } => {
            format!("Security {sec_ver} session established ({elapsed_ms:.0} ms)")
        }
        ProvisionEvent::ConfigSent => {
            format!(
                "Wi-Fi credentials for \"{}\" sent",
                device_text::escape(ssid)
            )
        }
        ProvisionEvent::Applied => "Configuration applied; the device is joining".into(),
        ProvisionEvent::Status { status } => format!("Wi-Fi: {status}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use esprov::provision::FailReason;

    #[test]
    fn failed_status_serializes_with_its_reason() {
        let value = event_json(&ProvisionEvent::Status {
            status: WifiStatus::Failed(FailReason::AuthError),
        });
        assert_eq!(value["event"], "status");
        assert_eq!(value["state"], "failed");
        assert_eq!(value["reason"], "wifi_auth_error");
    }

    #[test]
    fn library_events_keep_their_tag() {
        let value = event_json(&ProvisionEvent::ConfigSent);
        assert_eq!(value, json!({ "event": "config_sent" }));
    }
}
