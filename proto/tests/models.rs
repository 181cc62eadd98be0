//! Endpoint, UUID, proto-ver and QR models against PROTOCOL.md §3.2, §4.1, §7 and §10.

use esprov_proto::endpoint::{Endpoint, FIRST_CUSTOM_BLE_ID, LEGACY, STANDARD};
use esprov_proto::qr::{QrPayload, QrTransport};
use esprov_proto::uuid::{self, Uuid128};
use esprov_proto::version::{AppInfo, ProtoVer, ProvInfo};

const SEC2_V55: &str = "{\n\t\"prov\":\t{\n\t\t\"ver\":\t\"v1.1\",\n\t\t\"sec_ver\":\t2,\n\t\t\"sec_patch_ver\":\t1,\n\t\t\"cap\":\t[\"wifi_scan\"]\n\t}\n}";
const SEC1_NO_POP: &str = "{\n\t\"prov\":\t{\n\t\t\"ver\":\t\"v1.1\",\n\t\t\"sec_ver\":\t1,\n\t\t\"sec_patch_ver\":\t0,\n\t\t\"cap\":\t[\"no_pop\", \"wifi_scan\"]\n\t}\n}";

fn uuid(text: &str) -> Uuid128 {
    text.parse().expect("valid UUID literal")
}

#[test]
fn uuid_text_round_trip_and_le_bytes() {
    assert_eq!(
        uuid::EXAMPLE_SERVICE.to_string(),
        "021a9004-0382-4aea-bff4-6b3f1c5adfb4"
    );
    assert_eq!(
        uuid::EXAMPLE_SERVICE.to_le_bytes(),
        [
            0xb4, 0xdf, 0x5a, 0x1c, 0x3f, 0x6b, 0xf4, 0xbf, 0xea, 0x4a, 0x82, 0x03, 0x04, 0x90,
            0x1a, 0x02
        ]
    );
    assert_eq!(
        uuid::DEFAULT_SERVICE.to_le_bytes(),
        [
            0x07, 0xed, 0x9b, 0x2d, 0x0f, 0x06, 0x7c, 0x87, 0x9b, 0x43, 0x43, 0x6b, 0x4d, 0x24,
            0x75, 0x17
        ]
    );
    assert_eq!(
        uuid::LEGACY_DEFAULT_SERVICE.to_string(),
        "0000ffff-0000-1000-8000-00805f9b34fb"
    );
    assert_eq!(
        uuid::USER_DESCRIPTION.to_string(),
        "00002901-0000-1000-8000-00805f9b34fb"
    );
    let text = "1775244d-6b43-439b-877c-060f2d9bed07";
    assert_eq!(uuid(text).to_string(), text);
    assert_eq!(Uuid128::from_le_bytes(uuid(text).to_le_bytes()), uuid(text));
}

#[test]
fn uuid_rejects_malformed_text() {
    for bad in [
        "",
        "021a9004",
        "021a9004-0382-4aea-bff4-6b3f1c5adfb",
        "021a9004-0382-4aea-bff4-6b3f1c5adfbz",
        "021a90040-382-4aea-bff4-6b3f1c5adfb4",
    ] {
        assert!(bad.parse::<Uuid128>().is_err(), "{bad} must not parse");
    }
}

#[test]
fn characteristic_uuids_follow_the_table() {
    let expected = [
        (Endpoint::ProvCtrl, "021aff4f-0382-4aea-bff4-6b3f1c5adfb4"),
        (Endpoint::ProvScan, "021aff50-0382-4aea-bff4-6b3f1c5adfb4"),
        (
            Endpoint::ProvSession,
            "021aff51-0382-4aea-bff4-6b3f1c5adfb4",
        ),
        (Endpoint::ProvConfig, "021aff52-0382-4aea-bff4-6b3f1c5adfb4"),
        (Endpoint::ProtoVer, "021aff53-0382-4aea-bff4-6b3f1c5adfb4"),
    ];
    for (endpoint, text) in expected {
        assert_eq!(
            endpoint.standard_characteristic(uuid::EXAMPLE_SERVICE),
            Some(uuid(text))
        );
    }
    assert_eq!(
        uuid::EXAMPLE_SERVICE.with_endpoint_id(FIRST_CUSTOM_BLE_ID),
        uuid("021aff54-0382-4aea-bff4-6b3f1c5adfb4")
    );
    assert_eq!(
        Endpoint::ProvSession.standard_characteristic(uuid::DEFAULT_SERVICE),
        Some(uuid("1775ff51-6b43-439b-877c-060f2d9bed07"))
    );
    assert_eq!(
        Endpoint::ProvSession.standard_characteristic(uuid::LEGACY_DEFAULT_SERVICE),
        Some(uuid("0000ff51-0000-1000-8000-00805f9b34fb"))
    );
    let legacy: Vec<String> = LEGACY
        .iter()
        .map(|(_, id)| uuid::EXAMPLE_SERVICE.with_endpoint_id(*id).to_string())
        .collect();
    assert_eq!(legacy[0], "021a0001-0382-4aea-bff4-6b3f1c5adfb4");
    assert_eq!(legacy[2], "021a0003-0382-4aea-bff4-6b3f1c5adfb4");
    assert_eq!(
        uuid("021aff52-0382-4aea-bff4-6b3f1c5adfb4").endpoint_id(),
        0xFF52
    );
}

#[test]
fn endpoint_names_and_kinds() {
    for (endpoint, _) in STANDARD {
        assert_eq!(Endpoint::from_name(endpoint.name()), endpoint);
    }
    assert_eq!(
        Endpoint::from_name("custom-data"),
        Endpoint::Custom("custom-data".into())
    );
    assert!(!Endpoint::ProtoVer.is_encrypted());
    assert!(!Endpoint::ProvSession.is_encrypted());
    assert!(Endpoint::ProvConfig.is_encrypted());
    assert!(Endpoint::Custom("custom-data".into()).is_encrypted());
    assert_eq!(Endpoint::Custom("x".into()).standard_ble_id(), None);
}

#[test]
fn proto_ver_parses_v55_sec2() {
    let parsed = ProtoVer::parse(SEC2_V55.as_bytes()).expect("parses");
    let prov = parsed.prov.as_ref().expect("has prov");
    assert_eq!(prov.ver, "v1.1");
    assert_eq!(prov.sec_ver, Some(2));
    assert_eq!(parsed.sec_patch_ver(), 1);
    assert_eq!(parsed.auto_sec_ver(), Some(2));
    assert!(parsed.has_cap("wifi_scan"));
    assert!(parsed.needs_pop());
}

#[test]
fn proto_ver_renders_cjson_bytes_exactly() {
    let sec2 = ProtoVer {
        prov: Some(ProvInfo {
            ver: "v1.1".into(),
            sec_ver: Some(2),
            sec_patch_ver: Some(1),
            cap: vec!["wifi_scan".into()],
        }),
        ..ProtoVer::default()
    };
    assert_eq!(sec2.render(), SEC2_V55);
    let sec1 = ProtoVer::parse(SEC1_NO_POP.as_bytes()).expect("parses");
    assert_eq!(sec1.render(), SEC1_NO_POP);
    assert!(!sec1.needs_pop());
    assert_eq!(sec1.auto_sec_ver(), Some(1));
}

#[test]
fn proto_ver_with_app_labels() {
    let json = br#"{"my_app":{"ver":"1.345","cap":["cloud","local_ctrl"]},"prov":{"ver":"v1.1","sec_ver":2,"cap":["wifi_scan"]}}"#;
    let parsed = ProtoVer::parse(json).expect("parses");
    assert_eq!(
        parsed.apps,
        vec![AppInfo {
            label: "my_app".into(),
            ver: "1.345".into(),
            cap: vec!["cloud".into(), "local_ctrl".into()]
        }]
    );
    assert_eq!(parsed.sec_patch_ver(), 0);
    let rendered = parsed.render();
    assert!(rendered.starts_with("{\n\t\"my_app\":\t{\n\t\t\"ver\":\t\"1.345\",\n\t\t\"cap\":\t[\"cloud\", \"local_ctrl\"]\n\t},\n\t\"prov\":\t{"), "{rendered}");
    assert_eq!(
        ProtoVer::parse(rendered.as_bytes()).expect("round trip"),
        parsed
    );
}

#[test]
fn proto_ver_auto_selection_without_sec_ver() {
    let no_sec = ProtoVer::parse(br#"{"prov":{"ver":"v1.1","cap":["no_sec","wifi_scan"]}}"#)
        .expect("parses");
    assert_eq!(no_sec.auto_sec_ver(), Some(0));
    let older = ProtoVer::parse(br#"{"prov":{"ver":"v1.1","cap":["wifi_scan"]}}"#).expect("parses");
    assert_eq!(older.auto_sec_ver(), Some(1));
    let netprov = ProtoVer::parse(
        br#"{"prov":{"ver":"netprov-v1.2","sec_ver":1,"cap":["no_pop","wifi_prov","wifi_scan"]}}"#,
    )
    .expect("parses");
    assert_eq!(netprov.auto_sec_ver(), Some(1));
    assert!(netprov.has_cap("wifi_prov"));
}

#[test]
fn proto_ver_legacy_forms() {
    for raw in ["V0.1", "SUCCESS", ""] {
        let parsed = ProtoVer::parse(raw.as_bytes()).expect("legacy parses");
        assert_eq!(parsed.legacy.as_deref(), Some(raw));
        assert_eq!(parsed.auto_sec_ver(), None);
        assert_eq!(parsed.render(), raw);
    }
}

#[test]
fn proto_ver_rejects_bad_sec_ver() {
    assert!(ProtoVer::parse(br#"{"prov":{"ver":"v1.1","sec_ver":"two"}}"#).is_err());
    assert!(ProtoVer::parse(br#"{"prov":[]}"#).is_err());
}

#[test]
fn qr_payload_forms() {
    let sec1 =
        QrPayload::parse(r#"{"ver":"v1","name":"PROV_EA69FC","pop":"abcd1234","transport":"ble"}"#)
            .expect("parses");
    assert_eq!(sec1.name, "PROV_EA69FC");
    assert_eq!(sec1.pop.as_deref(), Some("abcd1234"));
    assert_eq!(sec1.transport, QrTransport::Ble);
    assert_eq!(
        sec1.to_json(),
        r#"{"ver":"v1","name":"PROV_EA69FC","pop":"abcd1234","transport":"ble"}"#
    );
    let sec2 = QrPayload {
        ver: "v1".into(),
        name: "PROV_261FCC".into(),
        username: Some("wifiprov".into()),
        pop: Some("abcd1234".into()),
        transport: QrTransport::Softap,
        security: None,
        password: None,
    };
    assert_eq!(
        sec2.to_json(),
        r#"{"ver":"v1","name":"PROV_261FCC","username":"wifiprov","pop":"abcd1234","transport":"softap"}"#
    );
    let app_style = QrPayload::parse(
        r#"{"name":"PROV_1","transport":"SoftAP","security":1,"password":"apkey"}"#,
    )
    .expect("parses");
    assert_eq!(app_style.transport, QrTransport::Softap);
    assert_eq!(app_style.security, Some(1));
    assert!(QrPayload::parse(r#"{"ver":"v1","name":"x","transport":"usb"}"#).is_err());
    assert!(QrPayload::parse(r#"{"ver":"v1","transport":"ble"}"#).is_err());
    assert!(QrPayload::parse("not json").is_err());
}

#[test]
fn qr_payload_for_each_security_scheme() {
    use esprov_proto::qr::QrSecret;
    let sec0 = QrPayload::for_device("PROV_1", QrTransport::Ble, QrSecret::None);
    assert_eq!(
        sec0.to_json(),
        r#"{"ver":"v1","name":"PROV_1","transport":"ble"}"#
    );
    let no_pop = QrPayload::for_device("PROV_1", QrTransport::Ble, QrSecret::Pop(String::new()));
    assert_eq!(no_pop, sec0);
    let sec1 = QrPayload::for_device(
        "PROV_1",
        QrTransport::Softap,
        QrSecret::Pop("abcd1234".into()),
    );
    assert_eq!(
        sec1.to_json(),
        r#"{"ver":"v1","name":"PROV_1","pop":"abcd1234","transport":"softap"}"#
    );
    let sec2 = QrPayload::for_device(
        "PROV_1",
        QrTransport::Ble,
        QrSecret::Srp {
            username: "wifiprov".into(),
            password: "abcd1234".into(),
        },
    );
    assert_eq!(
        sec2.to_json(),
        r#"{"ver":"v1","name":"PROV_1","username":"wifiprov","pop":"abcd1234","transport":"ble"}"#
    );
}

#[test]
fn network_provisioning_caps_say_which_networks_a_device_takes() {
    use esprov_proto::version::NetworkType::{Thread, Wifi};
    let thread_only = ProtoVer::parse(
        br#"{"prov":{"ver":"netprov-v1.2","sec_ver":2,"cap":["thread_prov","thread_scan"]}}"#,
    )
    .unwrap();
    assert!(thread_only.is_network_provisioning());
    assert!(thread_only.provisions(Thread) && !thread_only.provisions(Wifi));
    assert!(thread_only.scans(Thread) && !thread_only.scans(Wifi));

    let both = ProtoVer::parse(
        br#"{"prov":{"ver":"netprov-v1.2","cap":["no_pop","wifi_prov","wifi_scan","thread_prov","thread_scan"]}}"#,
    )
    .unwrap();
    assert!(both.provisions(Thread) && both.provisions(Wifi));

    // wifi_provisioning never lists wifi_prov, yet provisions Wi-Fi and never Thread.
    let legacy =
        ProtoVer::parse(br#"{"prov":{"ver":"v1.1","cap":["wifi_scan","thread_prov"]}}"#).unwrap();
    assert!(!legacy.is_network_provisioning());
    assert!(legacy.provisions(Wifi) && !legacy.provisions(Thread));
}
