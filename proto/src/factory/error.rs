//! Why a factory-data record was refused, precise enough for a boot log line.

/// What was wrong with a factory-data record, on encoding or decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FactoryDataError {
    /// The partition is erased (starts with 0xFF): no factory data was written.
    #[error("no factory data: the partition is erased")]
    Blank,
    /// The record does not start with the `EPFD` magic.
    #[error("not factory data: bad magic")]
    BadMagic,
    /// The record was written with a layout version this build does not read.
    #[error("unsupported factory-data version {0}")]
    UnsupportedVersion(u8),
    /// The header names a security scheme factory data cannot carry.
    #[error("unsupported security scheme {0} in factory data")]
    UnsupportedSecurity(u8),
    /// Fewer bytes than the header or a field declares.
    #[error("factory data truncated: need {needed} bytes, have {have}")]
    Truncated {
        /// Bytes the record declares.
        needed: usize,
        /// Bytes available.
        have: usize,
    },
    /// The stored CRC does not match the record: corrupt or half-written flash.
    #[error("factory data CRC mismatch: stored {stored:#010x}, computed {computed:#010x}")]
    BadCrc {
        /// The CRC in the record.
        stored: u32,
        /// The CRC of the bytes read.
        computed: u32,
    },
    /// A field tag this version does not define.
    #[error("unknown factory-data field tag {0}")]
    UnknownField(u8),
    /// A field appears twice.
    #[error("factory-data field {0} appears twice")]
    DuplicateField(&'static str),
    /// A field the security scheme needs is absent.
    #[error("factory-data field {0} is missing")]
    MissingField(&'static str),
    /// A field that does not belong to the record's security scheme.
    #[error("factory-data field {field} does not belong to security {sec_ver}")]
    MisplacedField {
        /// The field's name.
        field: &'static str,
        /// The record's security scheme.
        sec_ver: u8,
    },
    /// A field is shorter or longer than its limits.
    #[error("factory-data field {field} is {len} bytes, allowed {min}..={max}")]
    FieldLength {
        /// The field's name.
        field: &'static str,
        /// Its length.
        len: usize,
        /// Its shortest allowed length.
        min: usize,
        /// Its longest allowed length.
        max: usize,
    },
    /// A text field is not UTF-8.
    #[error("factory-data field {0} is not UTF-8")]
    NotUtf8(&'static str),
    /// The record does not fit the partition it is meant for.
    #[error("factory data of {len} bytes does not fit a {size}-byte partition")]
    TooLarge {
        /// The record's length.
        len: usize,
        /// The partition's size.
        size: usize,
    },
}
