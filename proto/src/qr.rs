//! The QR code payload that firmware prints and the phone apps scan.

use alloc::string::String;
use alloc::vec::Vec;

use serde::{Deserialize, Serialize};

use crate::Error;

/// The `ver` the firmware writes.
pub const QR_VERSION: &str = "v1";

/// The transport named in a QR payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum QrTransport {
    /// BLE: `name` is the advertised device name.
    Ble,
    /// SoftAP: `name` is the access point's SSID.
    Softap,
}

/// A device's QR payload: `{"ver":"v1","name":…,"username":…,"pop":…,"transport":…}`.
///
/// For security 2 the SRP password travels in `pop`, as the firmware writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct QrPayload {
    /// Payload version (`v1`); the apps ignore it.
    #[serde(default = "default_version")]
    pub ver: String,
    /// Service name: BLE device name or SoftAP SSID.
    pub name: String,
    /// SRP username (security 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// PoP (security 1) or SRP password (security 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pop: Option<String>,
    /// How to reach the device.
    pub transport: QrTransport,
    /// Security scheme, as the apps read it (absent means 2 to them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<u8>,
    /// SoftAP passphrase, as the apps read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

fn default_version() -> String {
    String::from(QR_VERSION)
}

/// The secret a device shows in its QR payload, by security scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrSecret {
    /// Security 0, or security 1 without a PoP: nothing to show.
    None,
    /// Security 1 with a proof of possession.
    Pop(String),
    /// Security 2: the SRP username and password (the password goes in `pop`).
    Srp {
        /// SRP username.
        username: String,
        /// SRP password.
        password: String,
    },
}

impl QrPayload {
    /// The payload a device prints, with the fields the firmware fills for its security scheme.
    pub fn for_device(name: &str, transport: QrTransport, secret: QrSecret) -> Self {
        let (username, pop) = match secret {
            QrSecret::None => (None, None),
            QrSecret::Pop(pop) if pop.is_empty() => (None, None),
            QrSecret::Pop(pop) => (None, Some(pop)),
            QrSecret::Srp { username, password } => (Some(username), Some(password)),
        };
        QrPayload {
            ver: String::from(QR_VERSION),
            name: String::from(name),
            username,
            pop,
            transport,
            security: None,
            password: None,
        }
    }

    /// Parses a payload; keys are matched as the apps do, with the transport case-insensitive.
    pub fn parse(json: &str) -> Result<Self, Error> {
        let mut value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| invalid(alloc::format!("{e}")))?;
        if let Some(transport) = value.get_mut("transport") {
            if let Some(text) = transport.as_str() {
                *transport = serde_json::Value::String(text.to_ascii_lowercase());
            }
        }
        serde_json::from_value(value).map_err(|e| invalid(alloc::format!("{e}")))
    }

    /// The compact JSON the firmware prints, keys in the firmware's order.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The bytes to encode in the QR symbol.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_json().into_bytes()
    }
}

fn invalid(detail: String) -> Error {
    Error::InvalidJson {
        what: "QR payload",
        detail,
    }
}
