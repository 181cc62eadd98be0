//! Provisioning events as human step lines (their JSON is `esprov::contract::ProvisionLine`).

use esprov::device_text;
use esprov::provision::ProvisionEvent;

/// What a run is joining, as its step lines name it.
#[derive(Debug, Clone)]
pub enum Joining {
    /// A Wi-Fi access point.
    Wifi {
        /// Its SSID (device-chosen text when picked from a scan: escaped here).
        ssid: String,
    },
    /// A Thread network.
    Thread {
        /// What the dataset names (never the key).
        summary: String,
    },
}

/// The human step line for an event.
pub fn human_line(event: &ProvisionEvent, joining: &Joining) -> String {
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
        ProvisionEvent::ConfigSent => match joining {
            Joining::Wifi { ssid } => format!(
                "Wi-Fi credentials for \"{}\" sent",
                device_text::escape(ssid)
            ),
            Joining::Thread { summary } => {
                format!("Thread dataset sent ({})", device_text::escape(summary))
            }
        },
        ProvisionEvent::Applied => match joining {
            Joining::Wifi { .. } => "Configuration applied; the device is joining".into(),
            Joining::Thread { .. } => "Thread dataset applied; the device is attaching".into(),
        },
        ProvisionEvent::Status { status } => format!("Wi-Fi: {status}"),
        ProvisionEvent::Thread { status } => format!("Thread: {status}"),
    }
}
