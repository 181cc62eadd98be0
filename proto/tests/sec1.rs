//! Security 1: wire skeletons (PROTOCOL.md §10.3), round trips, the continuous keystream
//! (§9 item 1, §10.7) and PoP failures on both sides.

mod common;

use common::Failed;
use esprov_proto::messages::{sec1_payload::Payload, session_data::Proto, SessionData};
use esprov_proto::security::{
    initiator, responder, InitiatorConfig, Responder, ResponderConfig, Sec1Cipher,
};
use esprov_proto::Error;
use prost::Message;
use sha2::{Digest, Sha256};
use x25519_dalek::{PublicKey, StaticSecret};

fn pair(
    client_pop: &[u8],
    device_pop: &[u8],
) -> (
    Box<dyn esprov_proto::security::Initiator>,
    Box<dyn Responder>,
) {
    (
        initiator(InitiatorConfig::Sec1 {
            pop: client_pop.to_vec(),
        }),
        responder(ResponderConfig::Sec1 {
            pop: device_pop.to_vec(),
        }),
    )
}

fn sec1_payload(bytes: &[u8]) -> Payload {
    match SessionData::decode(bytes).unwrap().proto {
        Some(Proto::Sec1(p)) => p.payload.unwrap(),
        other => panic!("not sec1: {other:?}"),
    }
}

/// The session key as the spec derives it, computed independently of the crate.
fn reference_key(secret: &StaticSecret, peer: &[u8], pop: &[u8]) -> [u8; 32] {
    let peer: [u8; 32] = peer.try_into().unwrap();
    let mut key = *secret.diffie_hellman(&PublicKey::from(peer)).as_bytes();
    if !pop.is_empty() {
        key.iter_mut()
            .zip(Sha256::digest(pop))
            .for_each(|(k, m)| *k ^= m);
    }
    key
}

/// A hand-built client: runs the handshake against `device` and returns its keystream.
fn manual_client(
    device: &mut dyn Responder,
    pop: &[u8],
    seed: u64,
) -> ([u8; 32], [u8; 16], Sec1Cipher) {
    let mut rng = common::rng(seed);
    let secret = StaticSecret::from([seed as u8 | 0x40; 32]);
    let public = PublicKey::from(&secret).to_bytes();
    let cmd0 = hex::decode(format!("10015a25a201220a20{}", hex::encode(public))).unwrap();
    let Payload::Sr0(resp0) = sec1_payload(&device.handle(&cmd0, &mut rng).unwrap()) else {
        panic!("no Resp0")
    };
    let key = reference_key(&secret, &resp0.device_pubkey, pop);
    let random: [u8; 16] = resp0.device_random.as_slice().try_into().unwrap();
    let mut stream = Sec1Cipher::new(&key, &random);
    let verify = stream.apply(&resp0.device_pubkey);
    let cmd1 = hex::decode(format!("10015a270802b201221220{}", hex::encode(verify))).unwrap();
    let Payload::Sr1(resp1) = sec1_payload(&device.handle(&cmd1, &mut rng).unwrap()) else {
        panic!("no Resp1")
    };
    assert_eq!(stream.apply(&resp1.device_verify_data), public);
    (key, random, stream)
}

#[test]
fn command_skeletons_match_the_spec() {
    let mut rng = common::rng(10);
    let (mut client, mut device) = pair(b"abcd1234", b"abcd1234");
    let cmd0 = client.step(None, &mut rng).unwrap().unwrap();
    assert_eq!(cmd0.len(), 9 + 32);
    assert_eq!(hex::encode(&cmd0[..9]), "10015a25a201220a20");
    let resp0 = device.handle(&cmd0, &mut rng).unwrap();
    let Payload::Sr0(sr0) = sec1_payload(&resp0) else {
        panic!()
    };
    assert_eq!((sr0.device_pubkey.len(), sr0.device_random.len()), (32, 16));
    let cmd1 = client.step(Some(&resp0), &mut rng).unwrap().unwrap();
    assert_eq!(cmd1.len(), 11 + 32);
    assert_eq!(hex::encode(&cmd1[..11]), "10015a270802b201221220");
    let resp1 = device.handle(&cmd1, &mut rng).unwrap();
    assert_eq!(client.step(Some(&resp1), &mut rng).unwrap(), None);
}

#[test]
fn round_trip_with_pop() {
    let mut rng = common::rng(11);
    let (mut client, mut device) = pair(b"abcd1234", b"abcd1234");
    let transcript = common::handshake(client.as_mut(), device.as_mut(), &mut rng).unwrap();
    assert_eq!(transcript.len(), 2);
    assert!(client.is_established() && device.is_established());
    common::exchange(client.as_mut(), device.as_mut(), 5);
}

#[test]
fn round_trip_without_pop() {
    let mut rng = common::rng(12);
    let (mut client, mut device) = pair(b"", b"");
    common::handshake(client.as_mut(), device.as_mut(), &mut rng).unwrap();
    common::exchange(client.as_mut(), device.as_mut(), 5);
}

#[test]
fn reference_client_interoperates_and_stream_is_continuous() {
    let mut device = responder(ResponderConfig::Sec1 {
        pop: b"abcd1234".to_vec(),
    });
    let (_, _, mut stream) = manual_client(device.as_mut(), b"abcd1234", 13);
    for round in 0..4 {
        let request = vec![round as u8; 3 + round * 5];
        assert_eq!(device.decrypt(&stream.apply(&request)).unwrap(), request);
        let response = vec![0xa0 | round as u8; 7 + round];
        assert_eq!(stream.apply(&device.encrypt(&response).unwrap()), response);
    }
}

#[test]
fn keystream_reset_per_message_fails() {
    let mut device = responder(ResponderConfig::Sec1 {
        pop: b"abcd1234".to_vec(),
    });
    let (key, random, mut stream) = manual_client(device.as_mut(), b"abcd1234", 14);
    let first = b"\x52\x00".to_vec();
    assert_eq!(device.decrypt(&stream.apply(&first)).unwrap(), first);
    // A client that restarts the keystream for each message (or after the handshake)
    // produces bytes the device cannot read.
    let mut restarted = Sec1Cipher::new(&key, &random);
    let second = b"\x08\x04".to_vec();
    assert_ne!(device.decrypt(&restarted.apply(&second)).unwrap(), second);
}

#[test]
fn separate_streams_per_direction_fail() {
    let mut device = responder(ResponderConfig::Sec1 { pop: b"".to_vec() });
    let (key, random, mut stream) = manual_client(device.as_mut(), b"", 15);
    let request = b"hello device".to_vec();
    assert_eq!(device.decrypt(&stream.apply(&request)).unwrap(), request);
    let response = device.encrypt(b"hello client").unwrap();
    let mut own_stream = Sec1Cipher::new(&key, &random);
    own_stream.apply(&[0; 64]);
    assert_ne!(own_stream.apply(&response), b"hello client");
    assert_eq!(stream.apply(&response), b"hello client");
}

#[test]
fn wrong_pop_fails_on_the_device() {
    let mut rng = common::rng(16);
    let (mut client, mut device) = pair(b"abcd1234", b"abcd1235");
    let failure = common::handshake(client.as_mut(), device.as_mut(), &mut rng).unwrap_err();
    assert_eq!(failure, Failed::Responder(Error::VerifyMismatch));
    assert!(!device.is_established());
    assert_eq!(device.encrypt(b"x"), Err(Error::NotEstablished));
}

#[test]
fn missing_pop_fails_on_the_device() {
    let mut rng = common::rng(17);
    let (mut client, mut device) = pair(b"", b"abcd1234");
    let failure = common::handshake(client.as_mut(), device.as_mut(), &mut rng).unwrap_err();
    assert_eq!(failure, Failed::Responder(Error::VerifyMismatch));
}

/// A device with another PoP that does not check the client: the client must notice.
#[test]
fn wrong_pop_fails_on_the_client() {
    let mut rng = common::rng(18);
    let mut client = initiator(InitiatorConfig::Sec1 {
        pop: b"abcd1234".to_vec(),
    });
    let cmd0 = client.step(None, &mut rng).unwrap().unwrap();
    let Payload::Sc0(sc0) = sec1_payload(&cmd0) else {
        panic!()
    };
    let secret = StaticSecret::from([0x55; 32]);
    let device_pub = PublicKey::from(&secret).to_bytes();
    let key = reference_key(&secret, &sc0.client_pubkey, b"other pop");
    let random = [3u8; 16];
    let resp0 = format!(
        "10015a390801aa01341220{}1a10{}",
        hex::encode(device_pub),
        hex::encode(random)
    );
    let cmd1 = client
        .step(Some(&hex::decode(resp0).unwrap()), &mut rng)
        .unwrap()
        .unwrap();
    assert!(matches!(sec1_payload(&cmd1), Payload::Sc1(_)));
    let mut stream = Sec1Cipher::new(&key, &random);
    stream.apply(&[0; 32]);
    let verify = stream.apply(&sc0.client_pubkey);
    let resp1 = format!("10015a270803ba01221a20{}", hex::encode(verify));
    assert_eq!(
        client.step(Some(&hex::decode(resp1).unwrap()), &mut rng),
        Err(Error::VerifyMismatch)
    );
    assert!(!client.is_established());
}

#[test]
fn device_rejects_bad_key_length_and_out_of_order_commands() {
    let mut rng = common::rng(19);
    let mut device = responder(ResponderConfig::Sec1 { pop: vec![] });
    let short = hex::decode(format!("10015a24a201210a1f{}", "11".repeat(31))).unwrap();
    assert!(matches!(
        device.handle(&short, &mut rng),
        Err(Error::InvalidParameter(_))
    ));
    let cmd1 = hex::decode(format!("10015a270802b201221220{}", "22".repeat(32))).unwrap();
    assert!(matches!(
        device.handle(&cmd1, &mut rng),
        Err(Error::WrongState(_))
    ));
    assert_eq!(device.decrypt(b"abc"), Err(Error::NotEstablished));
}

#[test]
fn new_command0_restarts_the_session() {
    let mut rng = common::rng(20);
    let (mut client, mut device) = pair(b"abcd1234", b"abcd1234");
    common::handshake(client.as_mut(), device.as_mut(), &mut rng).unwrap();
    common::exchange(client.as_mut(), device.as_mut(), 2);
    // Half a handshake, then a fresh one from the start, on the same device session.
    let cmd0 = client.step(None, &mut rng).unwrap().unwrap();
    device.handle(&cmd0, &mut rng).unwrap();
    assert!(!device.is_established());
    common::handshake(client.as_mut(), device.as_mut(), &mut rng).unwrap();
    common::exchange(client.as_mut(), device.as_mut(), 3);
}

#[test]
fn legacy_transcript_decodes() {
    // PROTOCOL.md §10.6: a captured Resp0 parses into the expected fields.
    let resp0 = hex::decode("10015a390801aa013412207566f4de191f600ea42de5c2b1df73f1f16685c2edb43d7c3ffc83d6b81ff61b1a103db6476536a88db10b7e0a172d4adef8").unwrap();
    let Payload::Sr0(sr0) = sec1_payload(&resp0) else {
        panic!()
    };
    assert_eq!(
        hex::encode(sr0.device_random),
        "3db6476536a88db10b7e0a172d4adef8"
    );
    assert_eq!(sr0.device_pubkey.len(), 32);
}
