//! Durations as JSON numbers of milliseconds rounded to 0.1 ms (`137.1`, never `137.087000001`).

use std::borrow::Cow;
use std::time::Duration;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Milliseconds, rounded to 0.1 ms when written.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default)]
pub struct Millis(pub f64);

impl Millis {
    /// The value as JSON shows it: rounded to one decimal.
    pub fn rounded(self) -> f64 {
        (self.0 * 10.0).round() / 10.0
    }
}

impl From<Duration> for Millis {
    fn from(d: Duration) -> Self {
        Millis(d.as_secs_f64() * 1e3)
    }
}

impl Serialize for Millis {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.rounded())
    }
}

impl<'de> Deserialize<'de> for Millis {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        f64::deserialize(deserializer).map(Millis)
    }
}

impl JsonSchema for Millis {
    fn schema_name() -> Cow<'static, str> {
        "Millis".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Milliseconds, rounded to 0.1 ms.",
            "type": "number",
            "minimum": 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_to_a_tenth_of_a_millisecond() {
        let json = serde_json::to_string(&Millis::from(Duration::from_nanos(137_087_000)))
            .unwrap_or_default();
        assert_eq!(json, "137.1");
        assert_eq!(
            serde_json::to_string(&Millis(0.13708700000000001)).unwrap_or_default(),
            "0.1"
        );
    }
}
