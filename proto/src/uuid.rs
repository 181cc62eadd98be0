//! 128-bit BLE UUIDs as ESP-IDF uses them, and the characteristic-UUID derivation rule.

use alloc::string::String;
use core::fmt;
use core::str::FromStr;

use crate::Error;

/// A 128-bit UUID, stored in textual (big-endian) byte order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Uuid128(pub [u8; 16]);

/// The service UUID of the wifi_prov_mgr example and esp_prov's fallback.
pub const EXAMPLE_SERVICE: Uuid128 = Uuid128([
    0x02, 0x1a, 0x90, 0x04, 0x03, 0x82, 0x4a, 0xea, 0xbf, 0xf4, 0x6b, 0x3f, 0x1c, 0x5a, 0xdf, 0xb4,
]);

/// The BLE scheme's default service UUID since ESP-IDF v4.2.
pub const DEFAULT_SERVICE: Uuid128 = Uuid128([
    0x17, 0x75, 0x24, 0x4d, 0x6b, 0x43, 0x43, 0x9b, 0x87, 0x7c, 0x06, 0x0f, 0x2d, 0x9b, 0xed, 0x07,
]);

/// The BLE scheme's default service UUID in ESP-IDF v3.3–v4.1.
pub const LEGACY_DEFAULT_SERVICE: Uuid128 = Uuid128([
    0x00, 0x00, 0xff, 0xff, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0x80, 0x5f, 0x9b, 0x34, 0xfb,
]);

/// The Characteristic User Description descriptor (0x2901) that names each endpoint.
pub const USER_DESCRIPTION: Uuid128 = Uuid128::from_u16(0x2901);

impl Uuid128 {
    /// Expands a 16-bit Bluetooth SIG UUID onto the base UUID.
    pub const fn from_u16(short: u16) -> Self {
        let [hi, lo] = short.to_be_bytes();
        Uuid128([
            0x00, 0x00, hi, lo, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0x80, 0x5f, 0x9b, 0x34,
            0xfb,
        ])
    }

    /// The characteristic UUID of an endpoint: the service UUID with its 16-bit id in place of
    /// bytes 12 and 13 of ESP-IDF's LSB-first array (characters 4..8 of the text form).
    pub const fn with_endpoint_id(self, id: u16) -> Self {
        let mut bytes = self.0;
        let [hi, lo] = id.to_be_bytes();
        bytes[2] = hi;
        bytes[3] = lo;
        Uuid128(bytes)
    }

    /// The 16-bit id found where [`Uuid128::with_endpoint_id`] puts it.
    pub const fn endpoint_id(self) -> u16 {
        u16::from_be_bytes([self.0[2], self.0[3]])
    }

    /// The LSB-first byte array ESP-IDF firmware and BLE stacks use.
    pub fn to_le_bytes(self) -> [u8; 16] {
        let mut bytes = self.0;
        bytes.reverse();
        bytes
    }

    /// Reads ESP-IDF's LSB-first byte array.
    pub fn from_le_bytes(mut bytes: [u8; 16]) -> Self {
        bytes.reverse();
        Uuid128(bytes)
    }
}

impl fmt::Display for Uuid128 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, byte) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                f.write_str("-")?;
            }
            write!(f, "{byte:02x}")?;
        }
        Ok(())
    }
}

impl FromStr for Uuid128 {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self, Error> {
        let invalid = || Error::InvalidJson {
            what: "UUID",
            detail: String::from(text),
        };
        let groups: alloc::vec::Vec<&str> = text.split('-').collect();
        let lengths = groups.iter().map(|g| g.len());
        if groups.len() != 5 || !lengths.eq([8, 4, 4, 4, 12]) {
            return Err(invalid());
        }
        let digits = groups.concat();
        let mut bytes = [0u8; 16];
        for (i, byte) in bytes.iter_mut().enumerate() {
            let pair = digits.get(2 * i..2 * i + 2).ok_or_else(invalid)?;
            *byte = u8::from_str_radix(pair, 16).map_err(|_| invalid())?;
        }
        Ok(Uuid128(bytes))
    }
}
