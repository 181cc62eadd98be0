//! Reading a factory-data record from the start of a partition, trusting none of its bytes.

use alloc::string::String;

use zeroize::Zeroizing;

use super::field::ALL;
use super::{
    crc32, FactoryData, FactoryDataError, FactorySecurity, Field, CRC_LEN, HEADER_LEN, MAGIC,
    MAX_RECORD_LEN, VERSION,
};
use crate::uuid::Uuid128;

/// The raw values of one record's fields, indexed like [`ALL`].
type RawFields<'a> = [Option<&'a [u8]>; ALL.len()];

impl FactoryData {
    /// Reads the record at the start of `bytes` (a whole partition is fine: trailing bytes are
    /// ignored), checking magic, version, length, CRC and every field.
    pub fn decode(bytes: &[u8]) -> Result<Self, FactoryDataError> {
        let body = checked_body(bytes)?;
        let sec_ver = bytes.get(5).copied().unwrap_or_default();
        let raw = split_fields(body)?;
        let take = |field: Field| raw.get(index(field)).copied().flatten();
        let security = match sec_ver {
            1 => {
                reject_fields(&raw, &[Field::Username, Field::Salt, Field::Verifier], 1)?;
                FactorySecurity::Sec1 {
                    pop: Zeroizing::new(required(take, Field::Pop)?.to_vec()),
                }
            }
            2 => {
                reject_fields(&raw, &[Field::Pop], 2)?;
                FactorySecurity::Sec2 {
                    username: text(Field::Username, required(take, Field::Username)?)?,
                    salt: required(take, Field::Salt)?.to_vec(),
                    verifier: required(take, Field::Verifier)?.to_vec(),
                }
            }
            other => return Err(FactoryDataError::UnsupportedSecurity(other)),
        };
        Ok(FactoryData {
            service_name: text(Field::ServiceName, required(take, Field::ServiceName)?)?,
            service_key: optional_text(Field::ServiceKey, take(Field::ServiceKey))?
                .map(Zeroizing::new),
            security,
            ble_service_uuid: take(Field::BleServiceUuid).map(uuid),
            serial: optional_text(Field::Serial, take(Field::Serial))?,
        })
    }
}

/// Checks the header and CRC, and gives the body between them.
fn checked_body(bytes: &[u8]) -> Result<&[u8], FactoryDataError> {
    let head = bytes
        .get(..MAGIC.len().min(bytes.len()))
        .unwrap_or_default();
    if !head.is_empty() && head.iter().all(|&b| b == 0xff) {
        return Err(FactoryDataError::Blank);
    }
    if head != MAGIC.get(..head.len()).unwrap_or_default() {
        return Err(FactoryDataError::BadMagic);
    }
    let header = bytes.get(..HEADER_LEN).ok_or(FactoryDataError::Truncated {
        needed: HEADER_LEN,
        have: bytes.len(),
    })?;
    let version = header.get(4).copied().unwrap_or_default();
    if version != VERSION {
        return Err(FactoryDataError::UnsupportedVersion(version));
    }
    let body_len = usize::from(u16::from_le_bytes([
        header.get(6).copied().unwrap_or_default(),
        header.get(7).copied().unwrap_or_default(),
    ]));
    let record_len = HEADER_LEN + body_len + CRC_LEN;
    if record_len > MAX_RECORD_LEN {
        return Err(FactoryDataError::TooLarge {
            len: record_len,
            size: MAX_RECORD_LEN,
        });
    }
    let record = bytes.get(..record_len).ok_or(FactoryDataError::Truncated {
        needed: record_len,
        have: bytes.len(),
    })?;
    let (covered, stored) = record.split_at(record_len - CRC_LEN);
    let stored = u32::from_le_bytes(stored.try_into().unwrap_or_default());
    let computed = crc32(covered);
    if stored != computed {
        return Err(FactoryDataError::BadCrc { stored, computed });
    }
    Ok(covered.get(HEADER_LEN..).unwrap_or_default())
}

/// Splits the body into its tagged fields, refusing unknown, repeated, cut or out-of-range ones.
fn split_fields(mut body: &[u8]) -> Result<RawFields<'_>, FactoryDataError> {
    let mut raw: RawFields<'_> = [None; ALL.len()];
    while let Some((&tag, rest)) = body.split_first() {
        let field = Field::from_tag(tag)?;
        let (len, rest) = match rest {
            [lo, hi, rest @ ..] => (usize::from(u16::from_le_bytes([*lo, *hi])), rest),
            _ => return Err(cut(3, body.len())),
        };
        let value = rest.get(..len).ok_or(cut(len + 3, body.len()))?;
        field.check_len(len)?;
        let slot = raw
            .get_mut(index(field))
            .ok_or(FactoryDataError::UnknownField(tag))?;
        if slot.replace(value).is_some() {
            return Err(FactoryDataError::DuplicateField(field.name()));
        }
        body = rest.get(len..).unwrap_or_default();
    }
    Ok(raw)
}

/// A field cut short by the end of the body (whose CRC was fine: the writer was wrong).
fn cut(needed: usize, have: usize) -> FactoryDataError {
    FactoryDataError::Truncated { needed, have }
}

/// The position of `field` in [`ALL`].
fn index(field: Field) -> usize {
    ALL.iter().position(|&f| f == field).unwrap_or(ALL.len())
}

fn required<'a>(
    take: impl Fn(Field) -> Option<&'a [u8]>,
    field: Field,
) -> Result<&'a [u8], FactoryDataError> {
    take(field).ok_or(FactoryDataError::MissingField(field.name()))
}

/// Refuses fields of the other security scheme, so a record means one thing only.
fn reject_fields(
    raw: &RawFields<'_>,
    fields: &[Field],
    sec_ver: u8,
) -> Result<(), FactoryDataError> {
    match fields
        .iter()
        .find(|&&field| raw.get(index(field)).copied().flatten().is_some())
    {
        Some(field) => Err(FactoryDataError::MisplacedField {
            field: field.name(),
            sec_ver,
        }),
        None => Ok(()),
    }
}

fn text(field: Field, value: &[u8]) -> Result<String, FactoryDataError> {
    core::str::from_utf8(value)
        .map(String::from)
        .map_err(|_| FactoryDataError::NotUtf8(field.name()))
}

fn optional_text(field: Field, value: Option<&[u8]>) -> Result<Option<String>, FactoryDataError> {
    value.map(|value| text(field, value)).transpose()
}

/// A 16-byte value already checked by [`Field::check_len`].
fn uuid(value: &[u8]) -> Uuid128 {
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(value.get(..16).unwrap_or(&[0; 16]));
    Uuid128(bytes)
}
