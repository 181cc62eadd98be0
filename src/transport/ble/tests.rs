//! The BLE transport's pure rules: descriptor names, the derived-id map, service choice, BlueZ
//! error sorting and the limit named for a refused value.

use uuid::Uuid;

use super::client::{GattCharacteristic, GattFailure, GattService};
use super::endpoints::{choose_service, descriptor_name, EndpointMap, MapSource, KNOWN_SERVICES};
use super::native::from_bluez;
use super::options::refused_limit;

fn service(uuid: &str, ids: &[u16]) -> GattService {
    let base = Uuid::parse_str(uuid).unwrap().as_u128();
    let characteristics = ids
        .iter()
        .map(|id| {
            let mask = 0xffff_u128 << 96;
            GattCharacteristic {
                uuid: Uuid::from_u128((base & !mask) | (u128::from(*id) << 96)),
                descriptors: vec![],
            }
        })
        .collect();
    GattService {
        uuid: Uuid::from_u128(base),
        characteristics,
    }
}

#[test]
fn descriptor_names_are_trimmed_and_lower_cased() {
    assert_eq!(
        descriptor_name(b"prov-session").as_deref(),
        Some("prov-session")
    );
    assert_eq!(
        descriptor_name(b"Custom-Data\0").as_deref(),
        Some("custom-data")
    );
    assert_eq!(descriptor_name(b""), None);
    assert_eq!(descriptor_name(&[0xff, 0xfe]), None);
}

#[test]
fn derived_map_knows_manager_legacy_and_custom_ids() {
    let manager = service(
        "021a9004-0382-4aea-bff4-6b3f1c5adfb4",
        &[0xff4f, 0xff50, 0xff51, 0xff52, 0xff53, 0xff54],
    );
    let map = EndpointMap::derived(&manager);
    assert_eq!(map.source, MapSource::DerivedIds);
    assert!(map.is_complete());
    assert_eq!(
        map.get("prov-session").unwrap().to_string(),
        "021aff51-0382-4aea-bff4-6b3f1c5adfb4"
    );
    assert_eq!(
        map.get("0xff54").unwrap().to_string(),
        "021aff54-0382-4aea-bff4-6b3f1c5adfb4"
    );
    let legacy = service(
        "0000ffff-0000-1000-8000-00805f9b34fb",
        &[0x0001, 0x0002, 0x0003],
    );
    let map = EndpointMap::derived(&legacy);
    assert_eq!(
        map.get("proto-ver").unwrap().to_string(),
        "00000003-0000-1000-8000-00805f9b34fb"
    );
    assert!(map.is_complete());
}

#[test]
fn a_descriptor_map_needs_the_three_required_endpoints() {
    let uuid = Uuid::from_u128(1);
    let partial = [
        ("prov-session".to_string(), uuid),
        ("proto-ver".to_string(), uuid),
    ];
    assert!(EndpointMap::from_names(uuid, partial.clone()).is_none());
    let complete = partial
        .into_iter()
        .chain([("prov-config".to_string(), uuid)]);
    assert_eq!(
        EndpointMap::from_names(uuid, complete).unwrap().source,
        MapSource::Descriptors
    );
}

#[test]
fn service_choice_prefers_asked_then_advertised_then_known() {
    let custom = service(
        "12345678-0000-4000-8000-000000000001",
        &[0xff51, 0xff52, 0xff53],
    );
    let example = service(
        "021a9004-0382-4aea-bff4-6b3f1c5adfb4",
        &[0xff51, 0xff52, 0xff53],
    );
    let services = [custom.clone(), example.clone()];
    assert_eq!(
        choose_service(&services, Some(custom.uuid), &[])
            .unwrap()
            .uuid,
        custom.uuid
    );
    assert_eq!(
        choose_service(&services, None, &[custom.uuid])
            .unwrap()
            .uuid,
        custom.uuid
    );
    assert_eq!(
        choose_service(&services, None, &[]).unwrap().uuid,
        KNOWN_SERVICES[0]
    );
    assert_eq!(
        choose_service(std::slice::from_ref(&custom), None, &[])
            .unwrap()
            .uuid,
        custom.uuid,
        "by derivation rule"
    );
    assert!(choose_service(&services, Some(Uuid::from_u128(9)), &[]).is_none());
}

#[test]
fn bluez_errors_become_att_codes_or_link_states() {
    let code = |f: GattFailure| match f {
        GattFailure::Att { code, .. } => Some(code),
        _ => None,
    };
    assert_eq!(
        code(from_bluez(
            "org.bluez.Error.InvalidValueLength",
            "Invalid Length"
        )),
        Some(0x0d)
    );
    assert_eq!(
        code(from_bluez(
            "org.bluez.Error.InvalidArguments",
            "Invalid Length"
        )),
        Some(0x0d)
    );
    assert_eq!(
        code(from_bluez(
            "org.bluez.Error.InvalidOffset",
            "Invalid offset"
        )),
        Some(0x07)
    );
    assert_eq!(
        code(from_bluez(
            "org.bluez.Error.Failed",
            "Operation failed with ATT error: 0x04"
        )),
        Some(0x04)
    );
    assert!(matches!(
        from_bluez("org.bluez.Error.Failed", "Not connected"),
        GattFailure::Disconnected(_)
    ));
    assert!(matches!(
        from_bluez("org.freedesktop.DBus.Error.UnknownObject", "gone"),
        GattFailure::NotFound(_)
    ));
    assert!(matches!(
        from_bluez("org.bluez.Error.InProgress", "busy"),
        GattFailure::Other(_)
    ));
}

#[test]
fn a_refused_value_names_the_build_limit_below_it() {
    assert_eq!(refused_limit(300), 257);
    assert_eq!(refused_limit(482), 481);
    assert_eq!(refused_limit(513), 512);
    assert_eq!(refused_limit(100), 257);
}
