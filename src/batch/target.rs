//! The `device` cell of a manifest row: where a device is and how to reach it.

use esprov_proto::qr::{QrPayload, QrTransport};

use crate::transport::http::DeviceAddr;

/// How a manifest row reaches its device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// HTTP at `host:port` (the SoftAP scheme or any IP interface).
    Http(DeviceAddr),
    /// HTTP at the address an mDNS service instance name resolves to.
    Mdns(String),
    /// BLE GATT to the device advertising this name.
    Ble(String),
    /// The serial console on this port.
    Serial(String),
}

/// Secrets a QR payload carried, to fill the row's empty credential cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QrCredentials {
    /// SRP username (security 2).
    pub username: Option<String>,
    /// The payload's `pop`: the PoP for security 1, the SRP password for security 2.
    pub pop: Option<String>,
    /// The scheme the payload states, if any.
    pub security: Option<u8>,
}

impl Target {
    /// Parses a `device` cell: `host:port`, `mdns:NAME`, `ble:NAME`, `serial:PORT` or a QR payload.
    pub fn parse(cell: &str) -> Result<(Target, QrCredentials), String> {
        let cell = cell.trim();
        if cell.starts_with('{') {
            return parse_qr(cell);
        }
        let target = if let Some(name) = cell.strip_prefix("mdns:") {
            Target::Mdns(non_empty(name, "mdns:NAME")?)
        } else if let Some(name) = cell.strip_prefix("ble:") {
            Target::Ble(non_empty(name, "ble:NAME")?)
        } else if let Some(port) = cell.strip_prefix("serial:") {
            Target::Serial(non_empty(port, "serial:PORT")?)
        } else {
            Target::Http(
                DeviceAddr::parse(cell)
                    .map_err(|e| e.to_string())
                    .and_then(require_port(cell))?,
            )
        };
        Ok((target, QrCredentials::default()))
    }

    /// The device's name in reports: stable across runs and free of secrets.
    pub fn key(&self) -> String {
        match self {
            Target::Http(addr) => addr.to_string(),
            Target::Mdns(name) => format!("mdns:{name}"),
            Target::Ble(name) => format!("ble:{name}"),
            Target::Serial(port) => format!("serial:{port}"),
        }
    }

    /// Whether the row needs a BLE adapter slot.
    pub fn is_ble(&self) -> bool {
        matches!(self, Target::Ble(_))
    }
}

/// A row's address must name its port: a batch of devices all on port 80 of one host is a typo.
fn require_port(cell: &str) -> impl Fn(DeviceAddr) -> Result<DeviceAddr, String> + '_ {
    move |addr| {
        let has_port = cell
            .rsplit_once(':')
            .is_some_and(|(_, p)| p.trim_end_matches('/').parse::<u16>().is_ok());
        if has_port || addr.host.contains(':') {
            Ok(addr)
        } else {
            Err(format!(
                "{cell:?} has no port: write HOST:PORT, mdns:NAME, ble:NAME or serial:PORT"
            ))
        }
    }
}

fn non_empty(text: &str, form: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("expected {form} with a non-empty name"));
    }
    Ok(text.to_owned())
}

/// A QR payload names a BLE device or a SoftAP; the SoftAP is found by its mDNS instance name.
fn parse_qr(json: &str) -> Result<(Target, QrCredentials), String> {
    let payload = QrPayload::parse(json).map_err(|e| format!("not a QR payload: {e}"))?;
    let name = non_empty(&payload.name, "a QR payload")?;
    let target = match payload.transport {
        QrTransport::Ble => Target::Ble(name),
        QrTransport::Softap => Target::Mdns(name),
    };
    let creds = QrCredentials {
        username: payload.username,
        pop: payload.pop,
        security: payload.security,
    };
    Ok((target, creds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_parses_to_its_target_and_key() {
        let cases = [
            ("127.0.0.1:8080", "127.0.0.1:8080"),
            ("mdns:PROV_abc", "mdns:PROV_abc"),
            ("ble:PROV_abc", "ble:PROV_abc"),
            ("serial:/dev/ttyUSB0", "serial:/dev/ttyUSB0"),
            ("[::1]:80", "[::1]:80"),
        ];
        for (cell, key) in cases {
            let (target, _) = Target::parse(cell).unwrap_or_else(|e| panic!("{cell}: {e}"));
            assert_eq!(target.key(), key);
        }
    }

    #[test]
    fn qr_payload_gives_target_and_secrets_but_key_has_none() {
        let qr = r#"{"ver":"v1","name":"PROV_1","username":"wifiprov","pop":"abcd1234","transport":"ble"}"#;
        let (target, creds) = Target::parse(qr).expect("valid payload");
        assert_eq!(target, Target::Ble("PROV_1".into()));
        assert_eq!(creds.pop.as_deref(), Some("abcd1234"));
        assert!(!target.key().contains("abcd1234"));
    }

    #[test]
    fn bad_cells_say_why() {
        for cell in [
            "",
            "mdns:",
            "127.0.0.1",
            "host:99999",
            "{\"name\":1}",
            "a b:80",
        ] {
            assert!(Target::parse(cell).is_err(), "{cell:?} should be refused");
        }
    }
}
