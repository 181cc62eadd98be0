//! Writing a factory-data record and the partition image that holds it.

use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::{
    crc32, FactoryData, FactoryDataError, FactorySecurity, Field, CRC_LEN, HEADER_LEN, MAGIC,
    PARTITION_SIZE, VERSION,
};

/// The value erased NOR flash reads as, used to pad the partition image.
const ERASED: u8 = 0xff;

impl FactoryData {
    /// The record's bytes: header, fields, CRC. Zeroized on drop, since a sec1 record holds the PoP.
    pub fn encode(&self) -> Result<Zeroizing<Vec<u8>>, FactoryDataError> {
        let mut body = Zeroizing::new(Vec::new());
        for (field, value) in self.fields() {
            if let Some(value) = value {
                field.check_len(value.len())?;
                body.push(field.tag());
                body.extend_from_slice(&len_u16(value.len()).to_le_bytes());
                body.extend_from_slice(value);
            }
        }
        let mut record = Zeroizing::new(Vec::with_capacity(HEADER_LEN + body.len() + CRC_LEN));
        record.extend_from_slice(&MAGIC);
        record.push(VERSION);
        record.push(self.security.sec_ver());
        record.extend_from_slice(&len_u16(body.len()).to_le_bytes());
        record.extend_from_slice(&body);
        let crc = crc32(&record);
        record.extend_from_slice(&crc.to_le_bytes());
        Ok(record)
    }

    /// The whole partition to flash: the record, then erased bytes up to [`PARTITION_SIZE`].
    pub fn to_partition_image(&self) -> Result<Zeroizing<Vec<u8>>, FactoryDataError> {
        let mut image = self.encode()?;
        if image.len() > PARTITION_SIZE {
            return Err(FactoryDataError::TooLarge {
                len: image.len(),
                size: PARTITION_SIZE,
            });
        }
        image.resize(PARTITION_SIZE, ERASED);
        Ok(image)
    }

    /// Each field with its value, `None` where the record leaves it out.
    fn fields(&self) -> [(Field, Option<&[u8]>); 8] {
        let (pop, username, salt, verifier) = match &self.security {
            FactorySecurity::Sec1 { pop } => (Some(pop.as_slice()), None, None, None),
            FactorySecurity::Sec2 {
                username,
                salt,
                verifier,
            } => (
                None,
                Some(username.as_bytes()),
                Some(salt.as_slice()),
                Some(verifier.as_slice()),
            ),
        };
        [
            (Field::ServiceName, Some(self.service_name.as_bytes())),
            (
                Field::ServiceKey,
                self.service_key.as_ref().map(|key| key.as_bytes()),
            ),
            (Field::Pop, pop),
            (Field::Username, username),
            (Field::Salt, salt),
            (Field::Verifier, verifier),
            (
                Field::BleServiceUuid,
                self.ble_service_uuid.as_ref().map(|uuid| uuid.0.as_slice()),
            ),
            (Field::Serial, self.serial.as_ref().map(|s| s.as_bytes())),
        ]
    }
}

/// A length already checked against a field limit (all below 64 KiB) as the u16 stored on flash.
fn len_u16(len: usize) -> u16 {
    u16::try_from(len).unwrap_or(u16::MAX)
}
