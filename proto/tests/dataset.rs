//! Thread dataset TLVs: what the parser names, what it refuses (with the offset), and the
//! esp_prov-style dataset built from a scan pick.

use esprov_proto::dataset::{self, DatasetError, MAX_DATASET_LEN};
use proptest::prelude::*;

/// A dataset from OpenThread's `dataset init new` (published as a test vector by AOSP's Thread
/// network tests): channel 19, PAN ID 0xD9A0, name OpenThread-d9a0.
const OT_DATASET: &str = "0E080000000000010000000300001335060004001FFFE00208ACC214689BC40BDF0708FD64DB1225F47E0B0510F26B3153760F519A63BAFDDFFC80D2AF030F4F70656E5468726561642D643961300102D9A00410A245479C836D551B9CA557F7B9D351B40C0402A0FFF8";

#[test]
fn names_everything_an_openthread_dataset_holds() {
    let bytes = hex::decode(OT_DATASET).unwrap();
    let summary = dataset::parse(&bytes).unwrap();
    assert_eq!(summary.channel, Some(19));
    assert_eq!(summary.channel_page, Some(0));
    assert_eq!(summary.pan_id, Some(0xd9a0));
    assert_eq!(summary.ext_pan_id, Some(hex_8("acc214689bc40bdf")));
    assert_eq!(summary.network_name.as_deref(), Some("OpenThread-d9a0"));
    assert_eq!(summary.mesh_local_prefix, Some(hex_8("fd64db1225f47e0b")));
    assert!(summary.has_network_key);
    assert!(summary.has_pskc);
    assert_eq!(summary.tlv_count, 10);
    let line = summary.to_string();
    assert_eq!(
        line,
        "name \"OpenThread-d9a0\", channel 19, PAN ID 0xd9a0, ext PAN ID acc214689bc40bdf, \
         mesh prefix fd64:db12:25f4:7e0b::/64, network key present"
    );
    assert!(!line.to_lowercase().contains("f26b3153"), "{line}");
    assert!(!format!("{summary:?}").to_lowercase().contains("f26b3153"));
}

#[test]
fn refuses_a_cut_value_with_its_offset() {
    let mut bytes = hex::decode(OT_DATASET).unwrap();
    bytes.truncate(bytes.len() - 1);
    // The last TLV (security policy, 0C 04) starts 6 bytes before the original end.
    let err = dataset::parse(&bytes).unwrap_err();
    assert_eq!(
        err,
        DatasetError::Truncated {
            offset: bytes.len() - 5
        }
    );
    assert_eq!(err.offset(), Some(bytes.len() - 5));
}

#[test]
fn refuses_a_lone_type_byte() {
    let err = dataset::parse(&[0x01, 0x02, 0xd9, 0xa0, 0x05]).unwrap_err();
    assert_eq!(err, DatasetError::Truncated { offset: 4 });
}

#[test]
fn refuses_wrong_lengths_duplicates_and_bad_names() {
    assert_eq!(
        dataset::parse(&[0x05, 0x02, 0xaa, 0xbb]).unwrap_err(),
        DatasetError::BadLength {
            offset: 0,
            tlv_type: 5,
            len: 2,
            expected: "16"
        }
    );
    assert_eq!(
        dataset::parse(&[0x01, 0x02, 0, 1, 0x01, 0x02, 0, 2]).unwrap_err(),
        DatasetError::Duplicate {
            offset: 4,
            tlv_type: 1
        }
    );
    assert_eq!(
        dataset::parse(&[0x01, 0x02, 0, 1, 0x03, 0x02, 0xff, 0xfe]).unwrap_err(),
        DatasetError::NameNotUtf8 { offset: 4 }
    );
    assert_eq!(dataset::parse(&[]).unwrap_err(), DatasetError::Empty);
    let long = vec![0x7f; MAX_DATASET_LEN + 1];
    assert_eq!(
        dataset::parse(&long).unwrap_err(),
        DatasetError::TooLong {
            len: MAX_DATASET_LEN + 1
        }
    );
}

#[test]
fn skips_unknown_types() {
    let summary = dataset::parse(&[0x99, 0x01, 0x00, 0x01, 0x02, 0x12, 0x34]).unwrap();
    assert_eq!(summary.pan_id, Some(0x1234));
    assert_eq!(summary.tlv_count, 2);
    assert!(!summary.has_network_key);
    assert!(summary.to_string().ends_with("no network key"));
}

#[test]
fn builds_the_esp_prov_layout_from_a_scan_pick() {
    let key = [0x11; 16];
    let built = dataset::from_scan_pick(15, 0x1234, &hex_8("dead00beef00cafe"), &key);
    // esp_prov: '00030000' + channel, '0208' + ext PAN ID, '0510' + key, '0102' + PAN ID.
    let expected = format!(
        "000300000f0208dead00beef00cafe0510{}01021234",
        "11".repeat(16)
    );
    assert_eq!(hex::encode(&*built), expected);
    let summary = dataset::parse(&built).unwrap();
    assert_eq!(summary.channel, Some(15));
    assert_eq!(summary.pan_id, Some(0x1234));
    assert!(summary.has_network_key);
    assert_eq!(dataset::network_key(&built).as_deref(), Some(&key));
}

#[test]
fn small_pan_ids_keep_two_bytes() {
    // esp_prov's hex helper would write 0x00ab as one byte; the TLV length says two.
    let built = dataset::from_scan_pick(11, 0x00ab, &[0; 8], &[0; 16]);
    assert_eq!(dataset::parse(&built).unwrap().pan_id, Some(0x00ab));
}

fn hex_8(text: &str) -> [u8; 8] {
    hex::decode(text).unwrap().try_into().unwrap()
}

proptest! {
    /// Any bytes: the parser answers, and an error's offset lies inside the input.
    #[test]
    fn never_panics_and_offsets_lie_inside(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        match dataset::parse(&bytes) {
            Ok(summary) => prop_assert!(summary.tlv_count >= 1),
            Err(err) => {
                if let Some(offset) = err.offset() {
                    prop_assert!(offset < bytes.len());
                }
            }
        }
    }

    /// Every scan pick builds a dataset that parses back to the same values.
    #[test]
    fn scan_picks_round_trip(channel in 11u16..=26, pan_id: u16, ext: [u8; 8], key: [u8; 16]) {
        let built = dataset::from_scan_pick(channel, pan_id, &ext, &key);
        let summary = dataset::parse(&built).unwrap();
        prop_assert_eq!(summary.channel, Some(channel));
        prop_assert_eq!(summary.pan_id, Some(pan_id));
        prop_assert_eq!(summary.ext_pan_id, Some(ext));
        prop_assert!(summary.has_network_key);
    }
}

#[test]
fn with_network_key_replaces_only_the_key() {
    let dataset = dataset::from_scan_pick(15, 0x1234, &[0xde; 8], &[0x11; 16]);
    let other = dataset::with_network_key(&dataset, &[0x22; 16]).expect("a key to replace");
    assert_eq!(other.len(), dataset.len());
    assert_eq!(*dataset::network_key(&other).expect("a key"), [0x22; 16]);
    let before = dataset::parse(&dataset).expect("parses");
    let after = dataset::parse(&other).expect("still parses");
    assert_eq!(before.pan_id, after.pan_id);
    assert_eq!(before.channel, after.channel);
    // A dataset without a key has none to replace.
    assert!(dataset::with_network_key(&[0x01, 0x02, 0x12, 0x34], &[0; 16]).is_none());
}
