//! Provisioning events as human step lines (their JSON is `esprov::contract::ProvisionLine`).

use esprov::device_text;
use esprov::provision::ProvisionEvent;

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
