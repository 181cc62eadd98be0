//! The tagged fields of a factory-data record: tag numbers, names and length limits.

use super::FactoryDataError;

/// One field of a factory-data record, stored as tag (u8), length (u16 LE), value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// BLE device name or SoftAP SSID (UTF-8).
    ServiceName,
    /// SoftAP passphrase (UTF-8).
    ServiceKey,
    /// Security 1 proof of possession.
    Pop,
    /// Security 2 SRP username (UTF-8).
    Username,
    /// Security 2 salt.
    Salt,
    /// Security 2 verifier.
    Verifier,
    /// BLE service UUID, 16 bytes in textual (big-endian) order.
    BleServiceUuid,
    /// Serial number (UTF-8).
    Serial,
}

/// Every field, in the order the encoder writes them.
pub const ALL: [Field; 8] = [
    Field::ServiceName,
    Field::ServiceKey,
    Field::Pop,
    Field::Username,
    Field::Salt,
    Field::Verifier,
    Field::BleServiceUuid,
    Field::Serial,
];

/// Tag and length prefix of each field.
pub const FIELD_HEADER_LEN: usize = 3;

/// The longest body the limits allow: every field at its maximum (sec1 and sec2 fields together
/// over-estimate, which keeps the bound simple).
pub const MAX_BODY_LEN: usize = {
    let mut total = 0;
    let mut i = 0;
    while i < ALL.len() {
        total += FIELD_HEADER_LEN + ALL[i].limits().1;
        i += 1;
    }
    total
};

impl Field {
    /// The tag byte on flash.
    pub const fn tag(self) -> u8 {
        match self {
            Field::ServiceName => 1,
            Field::ServiceKey => 2,
            Field::Pop => 3,
            Field::Username => 4,
            Field::Salt => 5,
            Field::Verifier => 6,
            Field::BleServiceUuid => 7,
            Field::Serial => 8,
        }
    }

    /// The field a tag byte names.
    pub fn from_tag(tag: u8) -> Result<Self, FactoryDataError> {
        ALL.into_iter()
            .find(|field| field.tag() == tag)
            .ok_or(FactoryDataError::UnknownField(tag))
    }

    /// The name used in errors and in FACTORY_DATA.md.
    pub const fn name(self) -> &'static str {
        match self {
            Field::ServiceName => "service_name",
            Field::ServiceKey => "service_key",
            Field::Pop => "pop",
            Field::Username => "username",
            Field::Salt => "salt",
            Field::Verifier => "verifier",
            Field::BleServiceUuid => "ble_service_uuid",
            Field::Serial => "serial",
        }
    }

    /// Shortest and longest allowed value, in bytes.
    pub const fn limits(self) -> (usize, usize) {
        match self {
            // An SSID holds 32 bytes; a BLE advertisement has less room, which the firmware checks.
            Field::ServiceName => (1, 32),
            // WPA2 passphrase rules.
            Field::ServiceKey => (8, 63),
            Field::Pop | Field::Username | Field::Salt | Field::Serial => (1, 64),
            Field::Verifier => (1, crate::security::srp::GROUP_BYTES),
            Field::BleServiceUuid => (16, 16),
        }
    }

    /// Checks a value's length against [`Field::limits`].
    pub fn check_len(self, len: usize) -> Result<(), FactoryDataError> {
        let (min, max) = self.limits();
        if (min..=max).contains(&len) {
            Ok(())
        } else {
            Err(FactoryDataError::FieldLength {
                field: self.name(),
                len,
                min,
                max,
            })
        }
    }
}
