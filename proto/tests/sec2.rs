//! Security 2: round trips at both patch levels, the IV rules (PROTOCOL.md §9 item 2, §10.7),
//! credential failures on both sides and the device's input checks.

mod common;

use common::Failed;
use esprov_proto::messages::{
    sec2_payload::Payload, session_data::Proto, S2SessionCmd0, S2SessionCmd1, S2SessionResp0,
    Sec2Payload, SessionData,
};
use esprov_proto::security::{
    initiator, responder, srp, Initiator, InitiatorConfig, Responder, ResponderConfig, SaltMode,
    Sec2Cipher,
};
use esprov_proto::Error;
use prost::Message;

const SALT: &str = "036ee0c7bcb9eda84c9eac97d93decf4";

fn example_device(patch: u8) -> Box<dyn Responder> {
    let salt = hex::decode(SALT).unwrap();
    let verifier = srp::verifier(&srp::x(&salt, b"wifiprov", b"abcd1234", SaltMode::Full));
    responder(ResponderConfig::Sec2 {
        salt,
        verifier,
        patch,
    })
}

fn client(username: &[u8], password: &[u8], patch: u8) -> Box<dyn Initiator> {
    initiator(InitiatorConfig::Sec2 {
        username: username.to_vec(),
        password: password.to_vec(),
        patch,
        salt_mode: SaltMode::Full,
    })
}

fn sec2(bytes: &[u8]) -> Payload {
    match SessionData::decode(bytes).unwrap().proto {
        Some(Proto::Sec2(p)) => p.payload.unwrap(),
        other => panic!("not sec2: {other:?}"),
    }
}

fn wrap(msg: i32, payload: Payload) -> Vec<u8> {
    SessionData {
        sec_ver: 2,
        proto: Some(Proto::Sec2(Sec2Payload {
            msg,
            payload: Some(payload),
        })),
    }
    .encode_to_vec()
}

fn cmd0(username: &[u8], pubkey: Vec<u8>) -> Vec<u8> {
    let cmd = S2SessionCmd0 {
        client_username: username.to_vec(),
        client_pubkey: pubkey,
    };
    wrap(0, Payload::Sc0(cmd))
}

fn established(patch: u8, seed: u64) -> (Box<dyn Initiator>, Box<dyn Responder>) {
    let mut rng = common::rng(seed);
    let (mut c, mut d) = (
        client(b"wifiprov", b"abcd1234", patch),
        example_device(patch),
    );
    common::handshake(c.as_mut(), d.as_mut(), &mut rng).unwrap();
    assert!(c.is_established() && d.is_established());
    (c, d)
}

#[test]
fn round_trip_patch0() {
    let (mut c, mut d) = established(0, 40);
    common::exchange(c.as_mut(), d.as_mut(), 5);
}

#[test]
fn round_trip_patch1() {
    let (mut c, mut d) = established(1, 41);
    common::exchange(c.as_mut(), d.as_mut(), 5);
}

#[test]
fn patch0_uses_one_iv_for_every_message() {
    let (mut c, mut d) = established(0, 42);
    let first = c.encrypt(b"same").unwrap();
    assert_eq!(d.decrypt(&first).unwrap(), b"same");
    // Same key and IV every time: identical plaintexts give identical ciphertexts in both directions.
    assert_eq!(d.encrypt(b"same").unwrap(), first);
    assert_eq!(c.encrypt(b"same").unwrap(), first);
}

#[test]
fn patch1_replaying_counter_one_fails_on_the_device() {
    let (mut c, mut d) = established(1, 43);
    let first = c.encrypt(b"\x52\x00").unwrap();
    assert_eq!(d.decrypt(&first).unwrap(), b"\x52\x00");
    let response = d.encrypt(b"\x08\x01").unwrap();
    assert_eq!(c.decrypt(&response).unwrap(), b"\x08\x01");
    // A second request that re-uses counter 1 fails the tag check.
    assert_eq!(d.decrypt(&first), Err(Error::Decrypt));
    // The device counter did not move, so the real next request still works.
    let second = c.encrypt(b"\x08\x04").unwrap();
    assert_eq!(d.decrypt(&second).unwrap(), b"\x08\x04");
}

#[test]
fn patch1_counter_is_shared_by_both_directions() {
    let (mut c, mut d) = established(1, 44);
    let request = c.encrypt(b"req").unwrap();
    assert_eq!(d.decrypt(&request).unwrap(), b"req");
    // A client that skips decrypting the response is one step behind: its next request
    // carries counter 2, which the device (now at 3) rejects.
    let _ = d.encrypt(b"resp").unwrap();
    let next = c.encrypt(b"req2").unwrap();
    assert_eq!(d.decrypt(&next), Err(Error::Decrypt));
}

#[test]
fn patch1_counter_counts_per_message() {
    let nonce = hex::decode("0102030405060708 00000001".replace(' ', "")).unwrap();
    let mut sender = Sec2Cipher::new(&[9; 32], &nonce, 1).unwrap();
    let first = sender.encrypt(b"one").unwrap();
    let second = sender.encrypt(b"two").unwrap();
    let at_two = hex::decode("010203040506070800000002").unwrap();
    let mut receiver = Sec2Cipher::new(&[9; 32], &at_two, 1).unwrap();
    assert_eq!(receiver.decrypt(&first), Err(Error::Decrypt));
    assert_eq!(receiver.decrypt(&second).unwrap(), b"two");
    // A patch-0 style fixed 16-byte IV cannot read patch-1 traffic.
    let mut fixed = Sec2Cipher::new(&[9; 32], &[1; 16], 0).unwrap();
    assert_eq!(fixed.decrypt(&first), Err(Error::Decrypt));
}

#[test]
fn wrong_password_fails_on_the_device() {
    let mut rng = common::rng(45);
    let (mut c, mut d) = (client(b"wifiprov", b"abcd1235", 1), example_device(1));
    let failure = common::handshake(c.as_mut(), d.as_mut(), &mut rng).unwrap_err();
    assert_eq!(failure, Failed::Responder(Error::ProofMismatch));
    assert!(!d.is_established());
    assert_eq!(d.decrypt(&[0; 20]), Err(Error::NotEstablished));
}

#[test]
fn wrong_username_fails_on_the_device() {
    let mut rng = common::rng(46);
    let (mut c, mut d) = (client(b"wifiprow", b"abcd1234", 0), example_device(0));
    let failure = common::handshake(c.as_mut(), d.as_mut(), &mut rng).unwrap_err();
    assert_eq!(failure, Failed::Responder(Error::ProofMismatch));
}

/// An impostor device without the right verifier cannot produce HAMK: the client notices.
#[test]
fn wrong_device_proof_fails_on_the_client() {
    let mut rng = common::rng(47);
    let mut c = client(b"wifiprov", b"abcd1234", 1);
    let mut d = example_device(1);
    let request = c.step(None, &mut rng).unwrap().unwrap();
    let resp0 = d.handle(&request, &mut rng).unwrap();
    let request = c.step(Some(&resp0), &mut rng).unwrap().unwrap();
    let resp1 = d.handle(&request, &mut rng).unwrap();
    let Payload::Sr1(mut sr1) = sec2(&resp1) else {
        panic!()
    };
    sr1.device_proof[63] ^= 1;
    let forged = wrap(3, Payload::Sr1(sr1));
    assert_eq!(c.step(Some(&forged), &mut rng), Err(Error::ProofMismatch));
    assert!(!c.is_established());
}

/// A lax device that never checks M and answers with the HAMK of a genuine session: a client
/// with the wrong password or username still refuses it.
#[test]
fn wrong_credentials_fail_on_the_client_against_a_lax_device() {
    let mut rng = common::rng(48);
    let (mut good_c, mut good_d) = (client(b"wifiprov", b"abcd1234", 0), example_device(0));
    let genuine = common::handshake(good_c.as_mut(), good_d.as_mut(), &mut rng).unwrap();
    for (username, password) in [
        (&b"wifiprov"[..], &b"abcd1235"[..]),
        (b"wifiprow", b"abcd1234"),
    ] {
        let mut c = client(username, password, 0);
        let mut d = example_device(0);
        let request = c.step(None, &mut rng).unwrap().unwrap();
        let resp0 = d.handle(&request, &mut rng).unwrap();
        c.step(Some(&resp0), &mut rng).unwrap().unwrap();
        assert_eq!(
            c.step(Some(&genuine[1].1), &mut rng),
            Err(Error::ProofMismatch)
        );
    }
}

#[test]
fn client_always_sends_a_384_byte_a() {
    for seed in 0..40 {
        let mut rng = common::rng(1000 + seed);
        let request = client(b"u", b"p", 1).step(None, &mut rng).unwrap().unwrap();
        let Payload::Sc0(sc0) = sec2(&request) else {
            panic!()
        };
        assert_eq!(sc0.client_pubkey.len(), 384);
    }
}

#[test]
fn device_rejects_bad_public_values_and_usernames() {
    let mut rng = common::rng(49);
    let mut d = example_device(1);
    let mut a = vec![0u8; 384];
    a[383] = 2;
    let bad = |r: Result<Vec<u8>, Error>| matches!(r, Err(Error::InvalidParameter(_)));
    assert!(bad(d.handle(&cmd0(b"wifiprov", a[1..].to_vec()), &mut rng)));
    assert!(bad(d.handle(&cmd0(b"wifiprov", vec![0; 384]), &mut rng)));
    assert!(bad(d.handle(&cmd0(b"wifiprov", srp::N.to_vec()), &mut rng)));
    assert!(bad(d.handle(&cmd0(b"", a.clone()), &mut rng)));
    assert!(bad(d.handle(&cmd0(&[b'u'; 65536], a.clone()), &mut rng)));
    assert!(d.handle(&cmd0(b"wifiprov", a), &mut rng).is_ok());
}

#[test]
fn device_requires_cmd0_before_cmd1() {
    let mut rng = common::rng(50);
    let mut d = example_device(0);
    let cmd1 = wrap(
        2,
        Payload::Sc1(S2SessionCmd1 {
            client_proof: vec![0; 64],
        }),
    );
    assert!(matches!(
        d.handle(&cmd1, &mut rng),
        Err(Error::WrongState(_))
    ));
}

#[test]
fn client_aborts_on_degenerate_b() {
    for b in [srp::N.to_vec(), vec![], vec![0; 10]] {
        let mut rng = common::rng(51);
        let mut c = client(b"wifiprov", b"abcd1234", 0);
        c.step(None, &mut rng).unwrap();
        let resp0 = S2SessionResp0 {
            status: 0,
            device_pubkey: b,
            device_salt: vec![1; 16],
        };
        let resp0 = wrap(1, Payload::Sr0(resp0));
        assert!(matches!(
            c.step(Some(&resp0), &mut rng),
            Err(Error::InvalidParameter(_))
        ));
    }
}

#[test]
fn nonce_length_must_match_the_clients_patch_level() {
    for (client_patch, device_patch) in [(0, 1), (1, 0)] {
        let mut rng = common::rng(52);
        let mut c = client(b"wifiprov", b"abcd1234", client_patch);
        let mut d = example_device(device_patch);
        let failure = common::handshake(c.as_mut(), d.as_mut(), &mut rng).unwrap_err();
        assert!(matches!(
            failure,
            Failed::Initiator(Error::InvalidParameter(_))
        ));
    }
}

#[test]
fn new_command0_restarts_the_session() {
    let (mut c, mut d) = established(1, 53);
    common::exchange(c.as_mut(), d.as_mut(), 2);
    let mut rng = common::rng(54);
    common::handshake(c.as_mut(), d.as_mut(), &mut rng).unwrap();
    common::exchange(c.as_mut(), d.as_mut(), 3);
}

#[test]
fn generated_credentials_work_in_both_modes() {
    for mode in [SaltMode::Full, SaltMode::StripLeadingZeros] {
        let mut rng = common::rng(55);
        let (salt, verifier) = srp::generate_salt_verifier(b"admin", b"s3cret", 16, &mut rng, mode);
        assert_eq!(salt.len(), 16);
        assert_ne!(salt[0], 0);
        let mut d = responder(ResponderConfig::Sec2 {
            salt,
            verifier,
            patch: 1,
        });
        let mut c = initiator(InitiatorConfig::Sec2 {
            username: b"admin".to_vec(),
            password: b"s3cret".to_vec(),
            patch: 1,
            salt_mode: mode,
        });
        common::handshake(c.as_mut(), d.as_mut(), &mut rng).unwrap();
        common::exchange(c.as_mut(), d.as_mut(), 2);
    }
}
