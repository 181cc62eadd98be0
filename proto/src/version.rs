//! The `proto-ver` endpoint's answer: version, security and capabilities, in every form devices send.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write;

use serde_json::Value;

use crate::Error;

/// The request body clients send to `proto-ver` (the device ignores it; HTTP needs a non-empty body).
pub const REQUEST: &[u8] = b"ESP";

/// The manager version string of wifi_provisioning v3.3–v5.5.
pub const WIFI_PROV_VER: &str = "v1.1";

/// Capability: the device uses security 0.
pub const CAP_NO_SEC: &str = "no_sec";
/// Capability: the device uses security 1 without a proof of possession.
pub const CAP_NO_POP: &str = "no_pop";
/// Capability: the device can scan for access points (`prov-scan`).
pub const CAP_WIFI_SCAN: &str = "wifi_scan";
/// Capability: network_provisioning device that provisions Wi-Fi.
pub const CAP_WIFI_PROV: &str = "wifi_prov";
/// Capability: network_provisioning device that provisions Thread.
pub const CAP_THREAD_PROV: &str = "thread_prov";
/// Capability: network_provisioning device that can scan for Thread networks (`prov-scan`).
pub const CAP_THREAD_SCAN: &str = "thread_scan";
/// The manager version string of network_provisioning 1.2 (ESP-IDF 6's successor component).
pub const NETPROV_VER: &str = "netprov-v1.2";

/// The kinds of network a provisioning manager can hand credentials to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NetworkType {
    /// A Wi-Fi station (SSID and passphrase).
    Wifi,
    /// A Thread node (an Active Operational Dataset).
    Thread,
}

/// The `prov` object: the provisioning manager's own version and capabilities.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProvInfo {
    /// `ver`: `v1.1` (wifi_provisioning) or `netprov-v1.2` (network_provisioning).
    pub ver: String,
    /// `sec_ver`: the security scheme, sent by ESP-IDF v5.0 and later.
    pub sec_ver: Option<u8>,
    /// `sec_patch_ver`: the security 2 IV scheme, sent by firmware with the GCM IV fix.
    pub sec_patch_ver: Option<u8>,
    /// `cap`: capability strings, in the device's order.
    pub cap: Vec<String>,
}

/// An application label set with `wifi_prov_mgr_set_app_info`, listed before `prov`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AppInfo {
    /// The JSON key.
    pub label: String,
    /// Its `ver` string.
    pub ver: String,
    /// Its `cap` strings.
    pub cap: Vec<String>,
}

/// A parsed `proto-ver` answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProtoVer {
    /// The manager's object, absent in legacy answers.
    pub prov: Option<ProvInfo>,
    /// Application labels.
    pub apps: Vec<AppInfo>,
    /// A non-JSON answer (`V0.1`, `SUCCESS`, or empty) from pre-manager firmware.
    pub legacy: Option<String>,
}

impl ProtoVer {
    /// Parses any form a device sends; non-JSON text is kept as a legacy version string.
    pub fn parse(bytes: &[u8]) -> Result<Self, Error> {
        let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(bytes) else {
            return Ok(ProtoVer {
                legacy: Some(String::from_utf8_lossy(bytes).trim().to_string()),
                ..ProtoVer::default()
            });
        };
        let mut parsed = ProtoVer::default();
        for (label, value) in &map {
            if label == "prov" {
                parsed.prov = Some(parse_prov(value)?);
            } else if let Value::Object(app) = value {
                parsed.apps.push(AppInfo {
                    label: label.clone(),
                    ver: app.get("ver").and_then(Value::as_str).unwrap_or("").into(),
                    cap: string_list(app.get("cap")),
                });
            }
        }
        Ok(parsed)
    }

    /// Whether `prov.cap` lists `cap`.
    pub fn has_cap(&self, cap: &str) -> bool {
        self.prov
            .as_ref()
            .is_some_and(|prov| prov.cap.iter().any(|c| c == cap))
    }

    /// Whether the manager is network_provisioning (its `ver` starts with `netprov-`).
    pub fn is_network_provisioning(&self) -> bool {
        self.prov
            .as_ref()
            .is_some_and(|prov| prov.ver.starts_with("netprov-"))
    }

    /// Whether the device provisions `network`: network_provisioning says so with `wifi_prov` and
    /// `thread_prov`; every other manager provisions Wi-Fi only.
    pub fn provisions(&self, network: NetworkType) -> bool {
        match (self.is_network_provisioning(), network) {
            (true, NetworkType::Wifi) => self.has_cap(CAP_WIFI_PROV),
            (true, NetworkType::Thread) => self.has_cap(CAP_THREAD_PROV),
            (false, NetworkType::Wifi) => true,
            (false, NetworkType::Thread) => false,
        }
    }

    /// Whether the device scans for `network` on `prov-scan`.
    pub fn scans(&self, network: NetworkType) -> bool {
        match network {
            NetworkType::Wifi => self.has_cap(CAP_WIFI_SCAN),
            NetworkType::Thread => self.has_cap(CAP_THREAD_SCAN),
        }
    }

    /// The security scheme to use: `sec_ver` when sent, else `no_sec` ⇒ 0, else 1; unknown for
    /// legacy answers, where the user must choose.
    pub fn auto_sec_ver(&self) -> Option<u8> {
        let prov = self.prov.as_ref()?;
        Some(match prov.sec_ver {
            Some(sec_ver) => sec_ver,
            None if self.has_cap(CAP_NO_SEC) => 0,
            None => 1,
        })
    }

    /// The security 2 patch level; absent means 0.
    pub fn sec_patch_ver(&self) -> u8 {
        self.prov
            .as_ref()
            .and_then(|p| p.sec_patch_ver)
            .unwrap_or(0)
    }

    /// Whether the device needs a proof of possession for security 1.
    pub fn needs_pop(&self) -> bool {
        !self.has_cap(CAP_NO_POP) && !self.has_cap(CAP_NO_SEC)
    }

    /// Renders the answer byte for byte as ESP-IDF's `cJSON_Print` does (tabs and newlines).
    pub fn render(&self) -> String {
        if let Some(legacy) = &self.legacy {
            return legacy.clone();
        }
        let mut out = String::from("{\n");
        let mut entries: Vec<(&str, Vec<(&str, Field)>)> = Vec::new();
        for app in &self.apps {
            entries.push((
                &app.label,
                alloc::vec![
                    ("ver", Field::Str(&app.ver)),
                    ("cap", Field::List(&app.cap)),
                ],
            ));
        }
        if let Some(prov) = &self.prov {
            entries.push(("prov", prov_fields(prov)));
        }
        for (i, (label, fields)) in entries.iter().enumerate() {
            render_object(&mut out, label, fields, i + 1 == entries.len());
        }
        out.push('}');
        out
    }
}

enum Field<'a> {
    Str(&'a str),
    Int(u8),
    List(&'a [String]),
}

fn prov_fields(prov: &ProvInfo) -> Vec<(&str, Field<'_>)> {
    let mut fields = alloc::vec![("ver", Field::Str(&prov.ver))];
    if let Some(sec_ver) = prov.sec_ver {
        fields.push(("sec_ver", Field::Int(sec_ver)));
    }
    if let Some(patch) = prov.sec_patch_ver {
        fields.push(("sec_patch_ver", Field::Int(patch)));
    }
    fields.push(("cap", Field::List(&prov.cap)));
    fields
}

fn render_object(out: &mut String, label: &str, fields: &[(&str, Field)], last: bool) {
    let _ = writeln!(out, "\t{}:\t{{", quoted(label));
    for (i, (key, field)) in fields.iter().enumerate() {
        let _ = write!(out, "\t\t{}:\t", quoted(key));
        match field {
            Field::Str(text) => out.push_str(&quoted(text)),
            Field::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Field::List(items) => {
                let items: Vec<String> = items.iter().map(|s| quoted(s)).collect();
                let _ = write!(out, "[{}]", items.join(", "));
            }
        }
        out.push_str(if i + 1 == fields.len() { "\n" } else { ",\n" });
    }
    out.push_str(if last { "\t}\n" } else { "\t},\n" });
}

/// A JSON string literal with cJSON's escapes.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn parse_prov(value: &Value) -> Result<ProvInfo, Error> {
    let invalid = |detail: &str| Error::InvalidJson {
        what: "proto-ver",
        detail: detail.into(),
    };
    let Value::Object(prov) = value else {
        return Err(invalid("\"prov\" is not an object"));
    };
    let small_int = |key: &str| -> Result<Option<u8>, Error> {
        match prov.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => v
                .as_u64()
                .and_then(|n| u8::try_from(n).ok())
                .map(Some)
                .ok_or_else(|| invalid("sec_ver/sec_patch_ver is not a small integer")),
        }
    };
    Ok(ProvInfo {
        ver: prov.get("ver").and_then(Value::as_str).unwrap_or("").into(),
        sec_ver: small_int("sec_ver")?,
        sec_patch_ver: small_int("sec_patch_ver")?,
        cap: string_list(prov.get("cap")),
    })
}

fn string_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}
