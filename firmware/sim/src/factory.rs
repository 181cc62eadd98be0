//! `esprov sim --factory-data FILE`: a virtual device that takes its name and security from a
//! factory-data partition image, as the firmware does at boot.

use std::path::Path;

use esprov_device::esprov_proto::factory::{FactoryData, FactorySecurity};
use esprov_device::esprov_proto::qr::QrSecret;

use crate::SimError;

/// Reads and checks one factory-data image (a whole partition or just the record).
pub fn load(path: &Path) -> Result<FactoryData, SimError> {
    let bytes = std::fs::read(path).map_err(|source| SimError::Io {
        context: format!("reading factory data {}", path.display()),
        source,
    })?;
    FactoryData::decode(&bytes)
        .map_err(|e| SimError::Config(format!("factory data {}: {e}", path.display())))
}

/// What the device can show in its QR payload: a security 2 record holds no password, so none.
pub fn qr_secret(data: &FactoryData) -> Option<QrSecret> {
    match &data.security {
        FactorySecurity::Sec1 { pop } => Some(QrSecret::Pop(
            String::from_utf8_lossy(pop.as_slice()).into_owned(),
        )),
        FactorySecurity::Sec2 { .. } => None,
    }
}
