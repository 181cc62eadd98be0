//! The envelope of every printed line: `"schema": 1` beside the body's own fields.

use std::borrow::Cow;
use std::io::Write;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The contract's version; raised when a field is renamed or removed (additions keep it).
pub const SCHEMA_VERSION: u32 = 1;

/// The `schema` field: always [`SCHEMA_VERSION`] when written, any number when read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SchemaVersion;

impl Serialize for SchemaVersion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(SCHEMA_VERSION)
    }
}

impl<'de> Deserialize<'de> for SchemaVersion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        u32::deserialize(deserializer).map(|_| SchemaVersion)
    }
}

impl JsonSchema for SchemaVersion {
    fn schema_name() -> Cow<'static, str> {
        "SchemaVersion".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "The output contract's version; raised when a field is renamed or removed.",
            "type": "integer",
            "const": SCHEMA_VERSION,
        })
    }
}

/// One printed JSON line: the contract version, then the body's fields.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct Line<T> {
    /// The output contract's version.
    pub schema: SchemaVersion,
    /// The command's own fields.
    #[serde(flatten)]
    pub body: T,
}

impl<T> Line<T> {
    /// Wraps a body with the current version.
    pub fn new(body: T) -> Self {
        Line {
            schema: SchemaVersion,
            body,
        }
    }
}

/// `body` as one compact JSON line with `"schema"`, without the newline.
pub fn to_line<T: Serialize>(body: &T) -> String {
    serde_json::to_string(&Line::new(body)).unwrap_or_else(|e| {
        // Only a map with non-string keys could fail; say so in the contract's own words.
        format!(
            "{{\"schema\":{SCHEMA_VERSION},\"result\":\"io\",\"reason\":\"io\",\"exit_code\":1,\"message\":{:?},\"help\":\"run the command again\"}}",
            e.to_string()
        )
    })
}

/// Prints `body` as one JSON line on stdout and flushes, so readers see it at once.
pub fn print<T: Serialize>(body: &T) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{}", to_line(body));
    let _ = out.flush();
}
