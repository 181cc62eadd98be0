//! Thread Active Operational Datasets as TLVs: what a dataset names, checked before it is sent,
//! and the minimal dataset esp_prov builds from a Thread scan pick.
//!
//! A dataset holds the network key, so nothing here prints it: [`DatasetSummary`] only says
//! whether one is present.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use zeroize::Zeroizing;

/// The largest dataset OpenThread accepts (`OT_OPERATIONAL_DATASET_MAX_LENGTH`).
pub const MAX_DATASET_LEN: usize = 254;

/// MeshCoP TLV types that an Active Operational Dataset uses (Thread 1.3, §8.10).
pub mod tlv {
    /// Channel page (1 byte) and channel (2 bytes, big-endian).
    pub const CHANNEL: u8 = 0;
    /// PAN ID, 2 bytes big-endian.
    pub const PAN_ID: u8 = 1;
    /// Extended PAN ID, 8 bytes.
    pub const EXT_PAN_ID: u8 = 2;
    /// Network name, 1–16 bytes of UTF-8.
    pub const NETWORK_NAME: u8 = 3;
    /// PSKc, 16 bytes (a secret).
    pub const PSKC: u8 = 4;
    /// Network key, 16 bytes (a secret).
    pub const NETWORK_KEY: u8 = 5;
    /// Mesh-local prefix, 8 bytes.
    pub const MESH_LOCAL_PREFIX: u8 = 7;
    /// Security policy, 3 or 4 bytes.
    pub const SECURITY_POLICY: u8 = 12;
    /// Active timestamp, 8 bytes.
    pub const ACTIVE_TIMESTAMP: u8 = 14;
    /// Pending timestamp, 8 bytes.
    pub const PENDING_TIMESTAMP: u8 = 51;
    /// Delay timer, 4 bytes.
    pub const DELAY_TIMER: u8 = 52;
    /// Channel mask, variable.
    pub const CHANNEL_MASK: u8 = 53;
}

/// Why a dataset's bytes are not a well-formed TLV list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DatasetError {
    /// More bytes than OpenThread accepts.
    #[error("dataset is {len} bytes; Thread allows at most {MAX_DATASET_LEN}")]
    TooLong {
        /// The dataset's length.
        len: usize,
    },
    /// The dataset has no TLV at all.
    #[error("dataset is empty")]
    Empty,
    /// A TLV header or value runs past the end.
    #[error("TLV at byte {offset} is cut short")]
    Truncated {
        /// Where the TLV starts.
        offset: usize,
    },
    /// A TLV's length does not fit its type.
    #[error("TLV type {tlv_type} at byte {offset} has length {len}, expected {expected}")]
    BadLength {
        /// Where the TLV starts.
        offset: usize,
        /// Its type.
        tlv_type: u8,
        /// Its length byte.
        len: usize,
        /// What the type needs.
        expected: &'static str,
    },
    /// A TLV type appears twice.
    #[error("TLV type {tlv_type} at byte {offset} appears a second time")]
    Duplicate {
        /// Where the second one starts.
        offset: usize,
        /// Its type.
        tlv_type: u8,
    },
    /// The network name is not UTF-8.
    #[error("network name at byte {offset} is not UTF-8")]
    NameNotUtf8 {
        /// Where the TLV starts.
        offset: usize,
    },
}

impl DatasetError {
    /// The byte offset the problem was found at, if it is about one TLV.
    pub fn offset(&self) -> Option<usize> {
        match *self {
            DatasetError::Truncated { offset }
            | DatasetError::BadLength { offset, .. }
            | DatasetError::Duplicate { offset, .. }
            | DatasetError::NameNotUtf8 { offset } => Some(offset),
            DatasetError::TooLong { .. } | DatasetError::Empty => None,
        }
    }
}

/// What a dataset names, without its secrets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DatasetSummary {
    /// Channel page, when the channel TLV is present.
    pub channel_page: Option<u8>,
    /// Channel (11–26 on page 0).
    pub channel: Option<u16>,
    /// PAN ID.
    pub pan_id: Option<u16>,
    /// Extended PAN ID.
    pub ext_pan_id: Option<[u8; 8]>,
    /// Network name.
    pub network_name: Option<String>,
    /// Mesh-local prefix (the first 64 bits of an IPv6 prefix).
    pub mesh_local_prefix: Option<[u8; 8]>,
    /// Whether a network key is present (its value is never kept).
    pub has_network_key: bool,
    /// Whether a PSKc is present.
    pub has_pskc: bool,
    /// How many TLVs the dataset holds.
    pub tlv_count: usize,
}

/// One line a person can read: `name "X", channel 15, PAN ID 0x1234, …, network key present`.
impl fmt::Display for DatasetSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<String> = Vec::new();
        if let Some(name) = &self.network_name {
            parts.push(alloc::format!("name {name:?}"));
        }
        if let Some(channel) = self.channel {
            parts.push(alloc::format!("channel {channel}"));
        }
        if let Some(pan_id) = self.pan_id {
            parts.push(alloc::format!("PAN ID 0x{pan_id:04x}"));
        }
        if let Some(ext) = &self.ext_pan_id {
            parts.push(alloc::format!("ext PAN ID {}", hex(ext)));
        }
        if let Some(prefix) = &self.mesh_local_prefix {
            parts.push(alloc::format!("mesh prefix {}", mesh_prefix(prefix)));
        }
        parts.push(String::from(if self.has_network_key {
            "network key present"
        } else {
            "no network key"
        }));
        f.write_str(&parts.join(", "))
    }
}

/// Lower-case hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| alloc::format!("{b:02x}")).collect()
}

/// A mesh-local prefix as IPv6 text: `fd64:db12:25f4:7e0b::/64`.
pub fn mesh_prefix(prefix: &[u8; 8]) -> String {
    let groups: Vec<String> = prefix
        .chunks(2)
        .map(|pair| alloc::format!("{:x}", u16::from_be_bytes([pair[0], pair[1]])))
        .collect();
    alloc::format!("{}::/64", groups.join(":"))
}

/// Walks the TLVs of `dataset` and says what it names; malformed TLVs are refused with their
/// offset. Unknown TLV types are skipped, as OpenThread skips them.
pub fn parse(dataset: &[u8]) -> Result<DatasetSummary, DatasetError> {
    if dataset.len() > MAX_DATASET_LEN {
        return Err(DatasetError::TooLong { len: dataset.len() });
    }
    if dataset.is_empty() {
        return Err(DatasetError::Empty);
    }
    let mut summary = DatasetSummary::default();
    let mut seen = [false; 256];
    let mut offset = 0;
    while offset < dataset.len() {
        let header = dataset
            .get(offset..offset + 2)
            .ok_or(DatasetError::Truncated { offset })?;
        let (tlv_type, len) = (header[0], usize::from(header[1]));
        let value = dataset
            .get(offset + 2..offset + 2 + len)
            .ok_or(DatasetError::Truncated { offset })?;
        if core::mem::replace(&mut seen[usize::from(tlv_type)], true) {
            return Err(DatasetError::Duplicate { offset, tlv_type });
        }
        check_length(offset, tlv_type, len)?;
        record(&mut summary, offset, tlv_type, value)?;
        summary.tlv_count += 1;
        offset += 2 + len;
    }
    Ok(summary)
}

/// The fixed or bounded length each known type needs.
fn check_length(offset: usize, tlv_type: u8, len: usize) -> Result<(), DatasetError> {
    let expected = match tlv_type {
        tlv::CHANNEL => (len == 3, "3"),
        tlv::PAN_ID => (len == 2, "2"),
        tlv::EXT_PAN_ID | tlv::MESH_LOCAL_PREFIX => (len == 8, "8"),
        tlv::ACTIVE_TIMESTAMP | tlv::PENDING_TIMESTAMP => (len == 8, "8"),
        tlv::NETWORK_NAME => ((1..=16).contains(&len), "1 to 16"),
        tlv::PSKC | tlv::NETWORK_KEY => (len == 16, "16"),
        tlv::SECURITY_POLICY => (len >= 3, "at least 3"),
        tlv::DELAY_TIMER => (len == 4, "4"),
        _ => (true, ""),
    };
    match expected {
        (true, _) => Ok(()),
        (false, expected) => Err(DatasetError::BadLength {
            offset,
            tlv_type,
            len,
            expected,
        }),
    }
}

fn record(
    summary: &mut DatasetSummary,
    offset: usize,
    tlv_type: u8,
    value: &[u8],
) -> Result<(), DatasetError> {
    match tlv_type {
        tlv::CHANNEL => {
            summary.channel_page = Some(value[0]);
            summary.channel = Some(u16::from_be_bytes([value[1], value[2]]));
        }
        tlv::PAN_ID => summary.pan_id = Some(u16::from_be_bytes([value[0], value[1]])),
        tlv::EXT_PAN_ID => summary.ext_pan_id = Some(eight(value)),
        tlv::MESH_LOCAL_PREFIX => summary.mesh_local_prefix = Some(eight(value)),
        tlv::NETWORK_NAME => {
            let name =
                core::str::from_utf8(value).map_err(|_| DatasetError::NameNotUtf8 { offset })?;
            summary.network_name = Some(String::from(name));
        }
        tlv::NETWORK_KEY => summary.has_network_key = true,
        tlv::PSKC => summary.has_pskc = true,
        _ => {}
    }
    Ok(())
}

fn eight(value: &[u8]) -> [u8; 8] {
    let mut out = [0; 8];
    out.copy_from_slice(&value[..8]);
    out
}

/// The dataset esp_prov sends after a Thread scan pick: channel (page 0), extended PAN ID,
/// network key, PAN ID, in that order. Wiped from memory when dropped.
pub fn from_scan_pick(
    channel: u16,
    pan_id: u16,
    ext_pan_id: &[u8; 8],
    network_key: &[u8; 16],
) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(39));
    out.extend_from_slice(&[tlv::CHANNEL, 3, 0]);
    out.extend_from_slice(&channel.to_be_bytes());
    out.extend_from_slice(&[tlv::EXT_PAN_ID, 8]);
    out.extend_from_slice(ext_pan_id);
    out.extend_from_slice(&[tlv::NETWORK_KEY, 16]);
    out.extend_from_slice(network_key);
    out.extend_from_slice(&[tlv::PAN_ID, 2]);
    out.extend_from_slice(&pan_id.to_be_bytes());
    out
}

/// The network key of a dataset, for a device or simulator that must compare it.
pub fn network_key(dataset: &[u8]) -> Option<Zeroizing<[u8; 16]>> {
    let mut offset = 0;
    while let Some(header) = dataset.get(offset..offset + 2) {
        let len = usize::from(header[1]);
        let value = dataset.get(offset + 2..offset + 2 + len)?;
        if header[0] == tlv::NETWORK_KEY && len == 16 {
            let mut key = Zeroizing::new([0; 16]);
            key.copy_from_slice(value);
            return Some(key);
        }
        offset += 2 + len;
    }
    None
}

/// The same dataset with another network key (`None` when it holds none): a dataset that
/// parses but cannot attach, for checking how a device fails.
pub fn with_network_key(dataset: &[u8], key: &[u8; 16]) -> Option<Zeroizing<Vec<u8>>> {
    let mut out = Zeroizing::new(dataset.to_vec());
    let mut offset = 0;
    while let Some(header) = dataset.get(offset..offset + 2) {
        let len = usize::from(header[1]);
        dataset.get(offset + 2..offset + 2 + len)?;
        if header[0] == tlv::NETWORK_KEY && len == 16 {
            out[offset + 2..offset + 18].copy_from_slice(key);
            return Some(out);
        }
        offset += 2 + len;
    }
    None
}
