//! The device's own identity and secret from its factory-data partition (format: esprov-proto's
//! `factory` module, written by `esprov factory-data`).

use alloc::vec;

use esp_storage::FlashStorage;
use esprov_device::esprov_proto::factory::{FactoryData, PARTITION_SIZE};

use crate::{partition, Error};

/// The label of the factory-data partition in `partitions.csv`.
pub const PARTITION: &str = "esprov_fctry";

/// Reads and checks (magic, version, CRC, fields) the record at the start of the partition.
pub fn read(flash: &mut FlashStorage<'_>) -> Result<FactoryData, Error> {
    let (offset, size) = partition::find(flash, PARTITION)?;
    let len = (size as usize).min(PARTITION_SIZE);
    let mut bytes = vec![0u8; len];
    flash
        .read(offset, &mut bytes)
        .map_err(|_| Error::Flash(offset))?;
    FactoryData::decode(&bytes).map_err(Error::FactoryData)
}
