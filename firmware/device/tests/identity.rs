//! The device identity: the application's choice over the factory record over ESP-IDF's
//! example defaults, as the firmware and the virtual device resolve it at boot.

use esprov_device::esprov_proto::factory::{FactoryData, FactorySecurity, Zeroizing};
use esprov_device::esprov_proto::uuid::{Uuid128, EXAMPLE_SERVICE};
use esprov_device::{mac_name, Identity, IdentityChoice, IdentityError, Security};

const MAC: [u8; 6] = [0x10, 0x20, 0x30, 0xa1, 0x0b, 0xfe];
const FACTORY_UUID: [u8; 16] = [7; 16];

fn record() -> FactoryData {
    FactoryData {
        service_name: "PROV_SN0042".into(),
        service_key: Some(Zeroizing::new("factory-key-1".into())),
        security: FactorySecurity::Sec1 {
            pop: Zeroizing::new(b"pop-0042".to_vec()),
        },
        ble_service_uuid: Some(Uuid128(FACTORY_UUID)),
        serial: Some("SN0042".into()),
    }
}

#[test]
fn without_record_or_choice_the_example_defaults_apply() {
    let id = Identity::resolve(&IdentityChoice::default(), None, MAC).unwrap();
    assert_eq!(id.name, "PROV_A10BFE");
    assert_eq!(id.service_key, "");
    assert_eq!(id.service_uuid, EXAMPLE_SERVICE.0);
    assert_eq!(id.serial, None);
}

#[test]
fn the_factory_record_names_the_device() {
    let id = Identity::resolve(&IdentityChoice::default(), Some(&record()), MAC).unwrap();
    assert_eq!(id.name, "PROV_SN0042");
    assert_eq!(id.service_key, "factory-key-1");
    assert_eq!(id.service_uuid, FACTORY_UUID);
    assert_eq!(id.serial.as_deref(), Some("SN0042"));
}

#[test]
fn the_application_choice_wins_over_the_record() {
    let choice = IdentityChoice {
        service_name: Some("lamp".into()),
        name_prefix: "IGNORED_".into(),
        service_key: Some("app-chosen".into()),
        ble_service_uuid: Some([9; 16]),
    };
    let id = Identity::resolve(&choice, Some(&record()), MAC).unwrap();
    assert_eq!(id.name, "lamp");
    assert_eq!(id.service_key, "app-chosen");
    assert_eq!(id.service_uuid, [9; 16]);
    assert_eq!(
        id.serial.as_deref(),
        Some("SN0042"),
        "the serial is the record's"
    );
}

#[test]
fn a_record_without_optional_fields_falls_back_field_by_field() {
    let mut bare = record();
    bare.service_key = None;
    bare.ble_service_uuid = None;
    bare.serial = None;
    let choice = IdentityChoice {
        name_prefix: "LAMP_".into(),
        ..IdentityChoice::default()
    };
    let id = Identity::resolve(&choice, Some(&bare), MAC).unwrap();
    assert_eq!(id.name, "PROV_SN0042", "the record's name beats the prefix");
    assert_eq!(id.service_key, "");
    assert_eq!(id.service_uuid, EXAMPLE_SERVICE.0);
    assert_eq!(id.serial, None);
}

#[test]
fn softap_keys_outside_wpa2_lengths_are_refused_without_saying_them() {
    for (key, ok) in [
        ("", true),
        ("1234567", false),
        ("12345678", true),
        (&"k".repeat(63), true),
        (&"k".repeat(64), false),
    ] {
        let choice = IdentityChoice {
            service_key: Some(key.to_string()),
            ..IdentityChoice::default()
        };
        let result = Identity::resolve(&choice, None, MAC);
        assert_eq!(result.is_ok(), ok, "key of {} bytes", key.len());
        if let Err(e) = result {
            assert_eq!(e, IdentityError::ServiceKeyLength);
            let text = e.to_string();
            assert!(!text.contains(key) && !text.contains(&key.len().to_string()));
        }
    }
}

#[test]
fn generated_names_use_the_last_three_mac_bytes_in_upper_hex() {
    assert_eq!(mac_name("PROV_", [0, 0, 0, 0, 0, 0]), "PROV_000000");
    assert_eq!(mac_name("", [0xff; 6]), "FFFFFF");
    assert_eq!(mac_name("X", [1, 2, 3, 0x0a, 0xb0, 0x01]), "X0AB001");
}

#[test]
fn factory_security_becomes_the_managers_security() {
    let sec1 = FactorySecurity::Sec1 {
        pop: Zeroizing::new(b"abcd".to_vec()),
    };
    assert!(
        Security::from(&sec1)
            == Security::Sec1 {
                pop: Some(b"abcd".to_vec())
            }
    );
    let sec2 = FactorySecurity::Sec2 {
        username: "wifiprov".into(),
        salt: vec![1, 2],
        verifier: vec![3, 4, 5],
    };
    assert!(
        Security::from(&sec2)
            == Security::Sec2 {
                salt: vec![1, 2],
                verifier: vec![3, 4, 5]
            }
    );
}
