//! Finding a data partition by label in the partition table the bootloader used.

use alloc::vec;

use esp_bootloader_esp_idf::partitions::{read_partition_table, PARTITION_TABLE_MAX_LEN};
use esp_storage::FlashStorage;

use crate::Error;

/// Offset and size of the partition labelled `label`.
pub fn find(flash: &mut FlashStorage<'_>, label: &'static str) -> Result<(u32, u32), Error> {
    let mut buffer = vec![0u8; PARTITION_TABLE_MAX_LEN];
    let table =
        read_partition_table(flash, &mut buffer).map_err(|_| Error::PartitionMissing(label))?;
    let found = table
        .iter()
        .find(|entry| entry.label_as_str() == label)
        .map(|entry| (entry.offset(), entry.len()));
    found.ok_or(Error::PartitionMissing(label))
}
