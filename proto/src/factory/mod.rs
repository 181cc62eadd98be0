//! Factory data: one device's own identity and security material, written to its own flash
//! partition at the factory and read by the firmware at boot (layout in `proto/FACTORY_DATA.md`).
//!
//! The host writes it with [`FactoryData::to_partition_image`]; the device reads the partition
//! with [`FactoryData::decode`], which ignores whatever follows the record (erased flash).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::security::ResponderConfig;
use crate::uuid::Uuid128;

mod crc;
mod decode;
mod encode;
mod error;
mod field;

pub use crc::crc32;
pub use error::FactoryDataError;
pub use field::Field;
pub use zeroize::Zeroizing;

/// The first four bytes of every record: "EPFD" (esprov factory data).
pub const MAGIC: [u8; 4] = *b"EPFD";
/// The layout version this crate writes and the only one it reads.
pub const VERSION: u8 = 1;
/// Magic, version, security and body length.
pub const HEADER_LEN: usize = 8;
/// The CRC-32 that closes the record.
pub const CRC_LEN: usize = 4;
/// The size of the flash partition the firmware reads: one 4 KiB erase sector.
pub const PARTITION_SIZE: usize = 0x1000;
/// The largest record the limits of [`Field`] allow; always fits in [`PARTITION_SIZE`].
pub const MAX_RECORD_LEN: usize = HEADER_LEN + field::MAX_BODY_LEN + CRC_LEN;

/// One device's identity and provisioning secret, as stored in its factory-data partition.
#[derive(Clone, PartialEq, Eq)]
pub struct FactoryData {
    /// The service name: the BLE device name or SoftAP SSID the device advertises.
    pub service_name: String,
    /// The SoftAP passphrase (WPA2, 8..=63 bytes); `None` for an open SoftAP or BLE.
    pub service_key: Option<Zeroizing<String>>,
    /// The security scheme and its per-device material.
    pub security: FactorySecurity,
    /// The BLE service UUID, when the device should not use the scheme's default.
    pub ble_service_uuid: Option<Uuid128>,
    /// The serial number printed on the label, so a device can say which one it is.
    pub serial: Option<String>,
}

/// The per-device security material; security 0 has none and so has no factory data.
#[derive(Clone, PartialEq, Eq)]
pub enum FactorySecurity {
    /// Security 1: the proof of possession (never empty).
    Sec1 {
        /// The PoP bytes.
        pop: Zeroizing<Vec<u8>>,
    },
    /// Security 2: the SRP username, salt and verifier; the password itself stays off the device.
    Sec2 {
        /// The SRP username (I).
        username: String,
        /// The salt as the verifier was generated with.
        salt: Vec<u8>,
        /// The verifier v = g^x mod N, big-endian.
        verifier: Vec<u8>,
    },
}

impl FactorySecurity {
    /// The `sec_ver` number protocomm uses for this scheme.
    pub fn sec_ver(&self) -> u8 {
        match self {
            FactorySecurity::Sec1 { .. } => 1,
            FactorySecurity::Sec2 { .. } => 2,
        }
    }
}

impl FactoryData {
    /// The device role's configuration for this record (`patch` is the sec2 `sec_patch_ver`).
    pub fn responder_config(&self, patch: u8) -> ResponderConfig {
        match &self.security {
            FactorySecurity::Sec1 { pop } => ResponderConfig::Sec1 { pop: pop.to_vec() },
            FactorySecurity::Sec2 { salt, verifier, .. } => ResponderConfig::Sec2 {
                salt: salt.clone(),
                verifier: verifier.clone(),
                patch,
            },
        }
    }
}

/// Secrets are redacted, length included, so a record can be logged safely.
impl fmt::Debug for FactoryData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FactoryData")
            .field("service_name", &self.service_name)
            .field(
                "service_key",
                &self.service_key.as_ref().map(|_| "<redacted>"),
            )
            .field("security", &self.security)
            .field("ble_service_uuid", &self.ble_service_uuid)
            .field("serial", &self.serial)
            .finish()
    }
}

/// The PoP is redacted; the salt and verifier are summarised by length only.
impl fmt::Debug for FactorySecurity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactorySecurity::Sec1 { .. } => f.write_str("Sec1 { pop: <redacted> }"),
            FactorySecurity::Sec2 {
                username,
                salt,
                verifier,
            } => write!(
                f,
                "Sec2 {{ username: {username:?}, salt: {} bytes, verifier: {} bytes }}",
                salt.len(),
                verifier.len()
            ),
        }
    }
}
