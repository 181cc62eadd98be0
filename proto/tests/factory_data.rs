//! The factory-data record: round trips, and every kind of bad record refused with its reason.

use esprov_proto::factory::Zeroizing;
use esprov_proto::factory::{
    crc32, FactoryData, FactoryDataError, FactorySecurity, Field, MAGIC, MAX_RECORD_LEN,
    PARTITION_SIZE, VERSION,
};
use esprov_proto::security::{srp, SaltMode};
use esprov_proto::uuid::{Uuid128, DEFAULT_SERVICE};
use proptest::collection::vec;
use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::SeedableRng;

fn sec1() -> FactoryData {
    FactoryData {
        service_name: "PROV_0001".into(),
        service_key: None,
        security: FactorySecurity::Sec1 {
            pop: Zeroizing::new(b"f00dcafe".to_vec()),
        },
        ble_service_uuid: None,
        serial: None,
    }
}

fn sec2() -> FactoryData {
    let mut rng = StdRng::seed_from_u64(7);
    let (salt, verifier) =
        srp::generate_salt_verifier(b"wifiprov", b"s3cret-pw", 16, &mut rng, SaltMode::Full);
    FactoryData {
        service_name: "PROV_a1b2c3".into(),
        service_key: Some(Zeroizing::new("softap-passphrase".into())),
        security: FactorySecurity::Sec2 {
            username: "wifiprov".into(),
            salt,
            verifier,
        },
        ble_service_uuid: Some(DEFAULT_SERVICE),
        serial: Some("SN-000123".into()),
    }
}

/// A record with a correct CRC around any body, to reach the field checks.
fn record(version: u8, sec_ver: u8, body: &[u8]) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.push(version);
    out.push(sec_ver);
    out.extend_from_slice(&(body.len() as u16).to_le_bytes());
    out.extend_from_slice(body);
    let crc = crc32(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

fn tlv(field: Field, value: &[u8]) -> Vec<u8> {
    let mut out = vec![field.tag()];
    out.extend_from_slice(&(value.len() as u16).to_le_bytes());
    out.extend_from_slice(value);
    out
}

#[test]
fn both_schemes_round_trip_through_record_and_partition_image() {
    for data in [sec1(), sec2()] {
        let encoded = data.encode().unwrap();
        assert_eq!(&encoded[..4], b"EPFD");
        assert_eq!(encoded[4], VERSION);
        assert_eq!(encoded[5], data.security.sec_ver());
        assert!(encoded.len() <= MAX_RECORD_LEN);
        assert_eq!(FactoryData::decode(&encoded).unwrap(), data);

        let image = data.to_partition_image().unwrap();
        assert_eq!(image.len(), PARTITION_SIZE);
        assert!(image[encoded.len()..].iter().all(|&b| b == 0xff));
        assert_eq!(FactoryData::decode(&image).unwrap(), data);
    }
}

#[test]
fn the_layout_matches_the_documented_bytes() {
    let encoded = sec1().encode().unwrap();
    let expected_body = [
        tlv(Field::ServiceName, b"PROV_0001"),
        tlv(Field::Pop, b"f00dcafe"),
    ]
    .concat();
    assert_eq!(encoded.to_vec(), record(1, 1, &expected_body));
    // Header: magic, version 1, security 1, body length 23 (LE), then tag 1 len 9 "PROV_0001".
    assert_eq!(&encoded[..11], b"EPFD\x01\x01\x17\x00\x01\x09\x00");
    // The CRC FACTORY_DATA.md shows, as zlib computes it.
    assert_eq!(&encoded[31..], &[0x73, 0x42, 0x37, 0x58]);
}

#[test]
fn every_flipped_bit_is_refused() {
    let encoded = sec2().encode().unwrap();
    for i in 0..encoded.len() {
        for bit in 0..8 {
            let mut bad = encoded.to_vec();
            bad[i] ^= 1 << bit;
            assert!(FactoryData::decode(&bad).is_err(), "byte {i} bit {bit}");
        }
    }
}

#[test]
fn a_corrupt_body_is_a_crc_error() {
    let mut bad = sec1().encode().unwrap().to_vec();
    bad[12] ^= 0x20;
    assert!(matches!(
        FactoryData::decode(&bad),
        Err(FactoryDataError::BadCrc { .. })
    ));
}

#[test]
fn another_version_is_refused_before_anything_else() {
    let body = [tlv(Field::ServiceName, b"x"), tlv(Field::Pop, b"y")].concat();
    for version in [0, 2, 0xfe] {
        assert_eq!(
            FactoryData::decode(&record(version, 1, &body)),
            Err(FactoryDataError::UnsupportedVersion(version))
        );
    }
}

#[test]
fn every_truncation_is_refused_as_truncated() {
    let encoded = sec2().encode().unwrap();
    for len in 0..encoded.len() {
        assert!(
            matches!(
                FactoryData::decode(&encoded[..len]),
                Err(FactoryDataError::Truncated { .. })
            ),
            "prefix of {len} bytes gave {:?}",
            FactoryData::decode(&encoded[..len])
        );
    }
}

#[test]
fn erased_flash_and_foreign_data_say_so() {
    assert_eq!(
        FactoryData::decode(&[0xff; PARTITION_SIZE]),
        Err(FactoryDataError::Blank)
    );
    assert_eq!(
        FactoryData::decode(b"NVS\0 not ours"),
        Err(FactoryDataError::BadMagic)
    );
}

#[test]
fn oversize_and_undersize_fields_are_refused_on_both_sides() {
    let mut data = sec1();
    data.service_name = "n".repeat(33);
    assert_eq!(
        data.encode().map(|_| ()),
        Err(FactoryDataError::FieldLength {
            field: "service_name",
            len: 33,
            min: 1,
            max: 32
        })
    );
    let mut data = sec1();
    data.service_key = Some(Zeroizing::new("short".into()));
    assert!(matches!(
        data.to_partition_image(),
        Err(FactoryDataError::FieldLength {
            field: "service_key",
            ..
        })
    ));
    let body = [tlv(Field::ServiceName, b"x"), tlv(Field::Pop, &[b'p'; 65])].concat();
    assert!(matches!(
        FactoryData::decode(&record(1, 1, &body)),
        Err(FactoryDataError::FieldLength {
            field: "pop",
            len: 65,
            ..
        })
    ));
    let body = [
        tlv(Field::ServiceName, b"x"),
        tlv(Field::Pop, b"p"),
        tlv(Field::BleServiceUuid, &[1; 15]),
    ]
    .concat();
    assert!(matches!(
        FactoryData::decode(&record(1, 1, &body)),
        Err(FactoryDataError::FieldLength {
            field: "ble_service_uuid",
            ..
        })
    ));
}

#[test]
fn malformed_field_lists_are_refused_with_their_reason() {
    let name = tlv(Field::ServiceName, b"dev");
    let pop = tlv(Field::Pop, b"pop");
    let cases: Vec<(u8, Vec<u8>, FactoryDataError)> = vec![
        (
            1,
            [name.clone(), pop.clone(), pop.clone()].concat(),
            FactoryDataError::DuplicateField("pop"),
        ),
        (1, name.clone(), FactoryDataError::MissingField("pop")),
        (
            1,
            pop.clone(),
            FactoryDataError::MissingField("service_name"),
        ),
        (
            1,
            [name.clone(), pop.clone(), vec![9, 1, 0, 0]].concat(),
            FactoryDataError::UnknownField(9),
        ),
        (
            2,
            [
                name.clone(),
                pop.clone(),
                tlv(Field::Username, b"u"),
                tlv(Field::Salt, b"s"),
                tlv(Field::Verifier, b"v"),
            ]
            .concat(),
            FactoryDataError::MisplacedField {
                field: "pop",
                sec_ver: 2,
            },
        ),
        (
            1,
            [name.clone(), pop.clone(), tlv(Field::Salt, b"s")].concat(),
            FactoryDataError::MisplacedField {
                field: "salt",
                sec_ver: 1,
            },
        ),
        (
            1,
            [name.clone(), pop.clone(), vec![8, 5, 0, b'a']].concat(),
            FactoryDataError::Truncated { needed: 8, have: 4 },
        ),
        (
            1,
            [tlv(Field::ServiceName, &[0xc3, 0x28]), pop.clone()].concat(),
            FactoryDataError::NotUtf8("service_name"),
        ),
        (
            0,
            [name.clone(), pop.clone()].concat(),
            FactoryDataError::UnsupportedSecurity(0),
        ),
        (
            3,
            [name.clone(), pop.clone()].concat(),
            FactoryDataError::UnsupportedSecurity(3),
        ),
    ];
    for (sec_ver, body, expected) in cases {
        assert_eq!(
            FactoryData::decode(&record(1, sec_ver, &body)),
            Err(expected)
        );
    }
}

#[test]
fn a_body_longer_than_any_valid_record_is_refused_without_reading_it() {
    let mut header = MAGIC.to_vec();
    header.extend_from_slice(&[1, 1, 0xff, 0xff]);
    assert!(matches!(
        FactoryData::decode(&header),
        Err(FactoryDataError::TooLarge { .. })
    ));
}

#[test]
fn the_record_feeds_a_working_responder() {
    use esprov_proto::security::{initiator, InitiatorConfig};
    let data = FactoryData::decode(&sec2().to_partition_image().unwrap()).unwrap();
    let mut device = esprov_proto::security::responder(data.responder_config(1));
    let mut client = initiator(InitiatorConfig::Sec2 {
        username: b"wifiprov".to_vec(),
        password: b"s3cret-pw".to_vec(),
        patch: 1,
        salt_mode: SaltMode::Full,
    });
    let mut rng = StdRng::seed_from_u64(1);
    let mut answer = None;
    while let Some(request) = client.step(answer.as_deref(), &mut rng).unwrap() {
        answer = Some(device.handle(&request, &mut rng).unwrap());
    }
    assert!(client.is_established() && device.is_established());
}

#[test]
fn debug_output_hides_the_secrets() {
    let text = format!("{:?} {:?}", sec1(), sec2());
    assert!(!text.contains("f00dcafe") && !text.contains("softap-passphrase"));
    assert!(text.contains("PROV_0001"));
}

fn any_data() -> impl Strategy<Value = FactoryData> {
    let sec = prop_oneof![
        vec(any::<u8>(), 1..=64).prop_map(|pop| FactorySecurity::Sec1 {
            pop: Zeroizing::new(pop)
        }),
        (
            "[a-z]{1,64}",
            vec(any::<u8>(), 1..=64),
            vec(any::<u8>(), 1..=384)
        )
            .prop_map(|(username, salt, verifier)| FactorySecurity::Sec2 {
                username,
                salt,
                verifier
            }),
    ];
    (
        "[A-Za-z0-9_]{1,32}",
        proptest::option::of("[ -~]{8,63}"),
        sec,
        proptest::option::of(any::<[u8; 16]>()),
        proptest::option::of("[A-Z0-9-]{1,64}"),
    )
        .prop_map(|(service_name, key, security, uuid, serial)| FactoryData {
            service_name,
            service_key: key.map(Zeroizing::new),
            security,
            ble_service_uuid: uuid.map(Uuid128),
            serial,
        })
}

proptest! {
    #[test]
    fn any_valid_record_round_trips(data in any_data()) {
        let image = data.to_partition_image().unwrap();
        prop_assert_eq!(FactoryData::decode(&image).unwrap(), data);
    }

    #[test]
    fn random_bytes_never_panic(bytes in vec(any::<u8>(), 0..1024)) {
        let _ = FactoryData::decode(&bytes);
    }

    #[test]
    fn random_bodies_with_a_good_crc_never_panic(sec_ver in 0u8..4, body in vec(any::<u8>(), 0..600)) {
        let _ = FactoryData::decode(&record(1, sec_ver, &body));
    }
}
