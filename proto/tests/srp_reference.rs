//! An independent rendering of the PROTOCOL.md §2.3 table (num-bigint + sha2 + aes-gcm used
//! directly) plays the other side against each role, so a mistake shared by both of the
//! crate's roles cannot hide behind a round trip. It also pins the patch-1 counters 1 and 2.

mod common;

use aes_gcm::aead::consts::U16;
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::aes::Aes256;
use aes_gcm::{Aes256Gcm, AesGcm};
use esprov_proto::messages::{
    sec2_payload::Payload, session_data::Proto, S2SessionCmd0, S2SessionCmd1, S2SessionResp0,
    S2SessionResp1, Sec2Payload, SessionData,
};
use esprov_proto::security::{
    initiator, responder, srp, InitiatorConfig, ResponderConfig, SaltMode,
};
use num_bigint::BigUint;
use prost::Message;
use sha2::{Digest, Sha512};

const SALT: &str = "036ee0c7bcb9eda84c9eac97d93decf4";

fn h(parts: &[&[u8]]) -> Vec<u8> {
    let mut hasher = Sha512::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().to_vec()
}

fn pad(x: &BigUint) -> Vec<u8> {
    let bytes = x.to_bytes_be();
    let mut out = vec![0u8; 384 - bytes.len()];
    out.extend(bytes);
    out
}

struct Group {
    n: BigUint,
    g: BigUint,
    k: BigUint,
    m1: Vec<u8>,
}

fn group() -> Group {
    let n = BigUint::from_bytes_be(&srp::N);
    let g = BigUint::from(5u8);
    let k = BigUint::from_bytes_be(&h(&[&pad(&n), &pad(&g)]));
    let m1 = h(&[&pad(&n)])
        .iter()
        .zip(h(&[&pad(&g)]))
        .map(|(a, b)| a ^ b)
        .collect();
    Group { n, g, k, m1 }
}

fn wrap(msg: i32, payload: Payload) -> Vec<u8> {
    let payload = Sec2Payload {
        msg,
        payload: Some(payload),
    };
    SessionData {
        sec_ver: 2,
        proto: Some(Proto::Sec2(payload)),
    }
    .encode_to_vec()
}

fn unwrap(bytes: &[u8]) -> Payload {
    match SessionData::decode(bytes).unwrap().proto {
        Some(Proto::Sec2(p)) => p.payload.unwrap(),
        other => panic!("not sec2: {other:?}"),
    }
}

fn example_verifier() -> Vec<u8> {
    let salt = hex::decode(SALT).unwrap();
    srp::verifier(&srp::x(&salt, b"wifiprov", b"abcd1234", SaltMode::Full))
}

#[test]
fn crate_initiator_against_reference_device() {
    let gr = group();
    let mut rng = common::rng(70);
    let mut client = initiator(InitiatorConfig::Sec2 {
        username: b"wifiprov".to_vec(),
        password: b"abcd1234".to_vec(),
        patch: 1,
        salt_mode: SaltMode::Full,
    });
    let Payload::Sc0(S2SessionCmd0 {
        client_username,
        client_pubkey: a_wire,
    }) = unwrap(&client.step(None, &mut rng).unwrap().unwrap())
    else {
        panic!("no Cmd0")
    };
    let salt = hex::decode(SALT).unwrap();
    let v = BigUint::from_bytes_be(&example_verifier());
    let b = BigUint::from_bytes_be(&[0x42; 32]);
    let big_b = (&gr.k * &v + gr.g.modpow(&b, &gr.n)) % &gr.n;
    let b_wire = big_b.to_bytes_be();
    let a = BigUint::from_bytes_be(&a_wire);
    let u = BigUint::from_bytes_be(&h(&[&a_wire, &pad(&big_b)]));
    let s = (a * v.modpow(&u, &gr.n) % &gr.n).modpow(&b, &gr.n);
    let key = h(&[&s.to_bytes_be()]);
    let m = h(&[
        &gr.m1,
        &h(&[&client_username]),
        &salt,
        &a_wire,
        &b_wire,
        &key,
    ]);
    let hamk = h(&[&a_wire, &m, &key]);

    let resp0 = S2SessionResp0 {
        status: 0,
        device_pubkey: b_wire,
        device_salt: salt,
    };
    let cmd1 = client
        .step(Some(&wrap(1, Payload::Sr0(resp0))), &mut rng)
        .unwrap()
        .unwrap();
    let Payload::Sc1(S2SessionCmd1 { client_proof }) = unwrap(&cmd1) else {
        panic!("no Cmd1")
    };
    assert_eq!(
        client_proof, m,
        "client proof M differs from the spec's formula"
    );

    let nonce = hex::decode("a1a2a3a4a5a6a7a800000001").unwrap();
    let resp1 = S2SessionResp1 {
        status: 0,
        device_proof: hamk,
        device_nonce: nonce.clone(),
    };
    assert_eq!(
        client
            .step(Some(&wrap(3, Payload::Sr1(resp1))), &mut rng)
            .unwrap(),
        None
    );

    let gcm = Aes256Gcm::new_from_slice(&key[..32]).unwrap();
    let request = client.encrypt(b"\x52\x00").unwrap();
    let opened = gcm
        .decrypt(nonce.as_slice().into(), request.as_slice())
        .unwrap();
    assert_eq!(opened, b"\x52\x00", "first request uses counter 1");
    let at2 = hex::decode("a1a2a3a4a5a6a7a800000002").unwrap();
    let response = gcm
        .encrypt(at2.as_slice().into(), &b"\x08\x01\x5a\x02\x10\x01"[..])
        .unwrap();
    assert_eq!(
        client.decrypt(&response).unwrap(),
        b"\x08\x01\x5a\x02\x10\x01",
        "response uses counter 2"
    );
}

#[test]
fn reference_client_against_crate_responder() {
    for patch in [0u8, 1] {
        let gr = group();
        let mut rng = common::rng(71);
        let salt = hex::decode(SALT).unwrap();
        let mut device = responder(ResponderConfig::Sec2 {
            salt: salt.clone(),
            verifier: example_verifier(),
            patch,
        });
        let a = BigUint::from_bytes_be(&[0x37; 32]);
        let a_wire = pad(&gr.g.modpow(&a, &gr.n));
        let cmd0 = S2SessionCmd0 {
            client_username: b"wifiprov".to_vec(),
            client_pubkey: a_wire.clone(),
        };
        let Payload::Sr0(resp0) = unwrap(
            &device
                .handle(&wrap(0, Payload::Sc0(cmd0)), &mut rng)
                .unwrap(),
        ) else {
            panic!("no Resp0")
        };
        assert_eq!(resp0.device_salt, salt);
        assert_ne!(
            resp0.device_pubkey.first(),
            Some(&0),
            "B is sent minimal-length"
        );
        let big_b = BigUint::from_bytes_be(&resp0.device_pubkey);
        let u = BigUint::from_bytes_be(&h(&[&a_wire, &pad(&big_b)]));
        let x = BigUint::from_bytes_be(&h(&[&salt, &h(&[b"wifiprov:abcd1234"])]));
        let kgx = &gr.k * gr.g.modpow(&x, &gr.n) % &gr.n;
        let base = (&big_b + &gr.n - kgx) % &gr.n;
        let s = base.modpow(&(&a + &u * &x), &gr.n);
        let key = h(&[&s.to_bytes_be()]);
        let m = h(&[
            &gr.m1,
            &h(&[b"wifiprov"]),
            &salt,
            &a_wire,
            &resp0.device_pubkey,
            &key,
        ]);
        let cmd1 = wrap(
            2,
            Payload::Sc1(S2SessionCmd1 {
                client_proof: m.clone(),
            }),
        );
        let Payload::Sr1(resp1) = unwrap(&device.handle(&cmd1, &mut rng).unwrap()) else {
            panic!("no Resp1")
        };
        assert_eq!(resp1.device_proof, h(&[&a_wire, &m, &key]));

        let nonce = resp1.device_nonce;
        if patch == 0 {
            assert_eq!(nonce.len(), 16);
            let gcm = AesGcm::<Aes256, U16>::new_from_slice(&key[..32]).unwrap();
            let request = gcm
                .encrypt(nonce.as_slice().into(), &b"\x08\x04"[..])
                .unwrap();
            assert_eq!(device.decrypt(&request).unwrap(), b"\x08\x04");
            let response = device.encrypt(b"\x08\x05\x7a\x00").unwrap();
            assert_eq!(
                gcm.decrypt(nonce.as_slice().into(), response.as_slice())
                    .unwrap(),
                b"\x08\x05\x7a\x00"
            );
        } else {
            assert_eq!(nonce.len(), 12);
            let gcm = Aes256Gcm::new_from_slice(&key[..32]).unwrap();
            let request = gcm
                .encrypt(nonce.as_slice().into(), &b"\x08\x04"[..])
                .unwrap();
            assert_eq!(device.decrypt(&request).unwrap(), b"\x08\x04");
            let mut at2 = nonce.clone();
            at2[11] = 2;
            let response = device.encrypt(b"\x08\x05\x7a\x00").unwrap();
            assert_eq!(
                gcm.decrypt(at2.as_slice().into(), response.as_slice())
                    .unwrap(),
                b"\x08\x05\x7a\x00"
            );
        }
    }
}
