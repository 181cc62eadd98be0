//! Security 0: esp_prov/ESP-IDF encodings (PROTOCOL.md §10.3) and the plaintext round trip.

mod common;

use esprov_proto::security::{initiator, responder, InitiatorConfig, ResponderConfig};
use esprov_proto::Error;

#[test]
fn request_and_response_bytes_match_the_spec() {
    let mut rng = common::rng(1);
    let mut client = initiator(InitiatorConfig::Sec0);
    let mut device = responder(ResponderConfig::Sec0);
    let request = client.step(None, &mut rng).unwrap().unwrap();
    assert_eq!(hex::encode(&request), "5203a20100");
    let response = device.handle(&request, &mut rng).unwrap();
    assert_eq!(hex::encode(&response), "52050801aa0100");
    assert_eq!(client.step(Some(&response), &mut rng).unwrap(), None);
    assert!(client.is_established() && device.is_established());
}

#[test]
fn payloads_pass_through_unchanged() {
    let mut rng = common::rng(2);
    let mut client = initiator(InitiatorConfig::Sec0);
    let mut device = responder(ResponderConfig::Sec0);
    common::handshake(client.as_mut(), device.as_mut(), &mut rng).unwrap();
    assert_eq!(client.encrypt(b"5200").unwrap(), b"5200");
    common::exchange(client.as_mut(), device.as_mut(), 3);
}

#[test]
fn other_schemes_are_refused() {
    let mut rng = common::rng(3);
    let mut device = responder(ResponderConfig::Sec0);
    let sec1_cmd0 = hex::decode(format!("10015a25a201220a20{}", "11".repeat(32))).unwrap();
    assert!(matches!(
        device.handle(&sec1_cmd0, &mut rng),
        Err(Error::Unexpected(_))
    ));
    let mut client = initiator(InitiatorConfig::Sec0);
    client.step(None, &mut rng).unwrap();
    assert!(client.step(Some(&sec1_cmd0), &mut rng).is_err());
}
