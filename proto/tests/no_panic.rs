//! Property tests: whatever bytes reach any role in any handshake state, nothing panics.

mod common;

use esprov_proto::security::{
    initiator, responder, srp, Initiator, InitiatorConfig, Responder, ResponderConfig, SaltMode,
};
use proptest::collection::vec;
use proptest::prelude::*;
use rand::rngs::StdRng;

/// Both roles of one scheme: 0 = sec0, 1/2 = sec1 with/without PoP, 3/4 = sec2 patch 0/1.
fn roles(scheme: u8) -> (Box<dyn Initiator>, Box<dyn Responder>) {
    match scheme {
        0 => (
            initiator(InitiatorConfig::Sec0),
            responder(ResponderConfig::Sec0),
        ),
        1 | 2 => {
            let pop = if scheme == 1 {
                b"abcd1234".to_vec()
            } else {
                vec![]
            };
            (
                initiator(InitiatorConfig::Sec1 { pop: pop.clone() }),
                responder(ResponderConfig::Sec1 { pop }),
            )
        }
        _ => {
            let patch = scheme - 3;
            let salt = hex::decode("036ee0c7bcb9eda84c9eac97d93decf4").unwrap();
            let verifier = srp::verifier(&srp::x(&salt, b"wifiprov", b"abcd1234", SaltMode::Full));
            (
                initiator(InitiatorConfig::Sec2 {
                    username: b"wifiprov".to_vec(),
                    password: b"abcd1234".to_vec(),
                    patch,
                    salt_mode: SaltMode::Full,
                }),
                responder(ResponderConfig::Sec2 {
                    salt,
                    verifier,
                    patch,
                }),
            )
        }
    }
}

/// Advances both roles by `rounds` genuine exchanges and returns every message seen.
fn advance(
    client: &mut dyn Initiator,
    device: &mut dyn Responder,
    rounds: usize,
    rng: &mut StdRng,
) -> Vec<Vec<u8>> {
    let mut seen = Vec::new();
    let mut response: Option<Vec<u8>> = None;
    for _ in 0..rounds {
        let Ok(Some(request)) = client.step(response.as_deref(), rng) else {
            break;
        };
        let Ok(answer) = device.handle(&request, rng) else {
            break;
        };
        seen.push(request);
        seen.push(answer.clone());
        response = Some(answer);
    }
    if let Ok(Some(request)) = client.step(response.as_deref(), rng) {
        seen.push(request);
    } else if let Ok(wire) = client.encrypt(b"\x52\x00") {
        seen.push(wire);
    }
    seen
}

/// Either fresh random bytes or a genuine message with one byte flipped and maybe truncated.
#[derive(Debug, Clone)]
enum Input {
    Random(Vec<u8>),
    Mutated {
        which: usize,
        at: usize,
        xor: u8,
        keep: Option<usize>,
    },
}

impl Input {
    fn bytes(&self, seen: &[Vec<u8>]) -> Vec<u8> {
        match self {
            Input::Random(bytes) => bytes.clone(),
            Input::Mutated {
                which,
                at,
                xor,
                keep,
            } => {
                let Some(mut msg) = seen.get(which % seen.len().max(1)).cloned() else {
                    return vec![];
                };
                if !msg.is_empty() {
                    let at = at % msg.len();
                    msg[at] ^= xor;
                }
                if let Some(keep) = keep {
                    msg.truncate(*keep % (msg.len() + 1));
                }
                msg
            }
        }
    }
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        vec(any::<u8>(), 0..520).prop_map(Input::Random),
        (
            any::<usize>(),
            any::<usize>(),
            1..=255u8,
            proptest::option::of(any::<usize>())
        )
            .prop_map(|(which, at, xor, keep)| Input::Mutated {
                which,
                at,
                xor,
                keep
            }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn responder_never_panics(scheme in 0..5u8, rounds in 0..3usize, inputs in vec(input(), 1..4), seed: u64) {
        let mut rng = common::rng(seed);
        let (mut client, mut device) = roles(scheme);
        let seen = advance(client.as_mut(), device.as_mut(), rounds, &mut rng);
        for input in inputs {
            let bytes = input.bytes(&seen);
            let _ = device.handle(&bytes, &mut rng);
            let _ = device.decrypt(&bytes);
            let _ = device.encrypt(&bytes);
            let _ = device.is_established();
        }
    }

    #[test]
    fn initiator_never_panics(scheme in 0..5u8, rounds in 0..3usize, inputs in vec(input(), 1..4), seed: u64) {
        let mut rng = common::rng(seed);
        let (mut client, mut device) = roles(scheme);
        let seen = advance(client.as_mut(), device.as_mut(), rounds, &mut rng);
        for input in inputs {
            let bytes = input.bytes(&seen);
            let _ = client.step(Some(&bytes), &mut rng);
            let _ = client.decrypt(&bytes);
            let _ = client.encrypt(&bytes);
            let _ = client.is_established();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn fresh_roles_never_panic(scheme in 0..5u8, bytes in vec(any::<u8>(), 0..800), seed: u64) {
        let mut rng = common::rng(seed);
        let (mut client, mut device) = roles(scheme);
        let _ = device.handle(&bytes, &mut rng);
        let _ = client.step(Some(&bytes), &mut rng);
        let _ = client.decrypt(&bytes);
    }

    #[test]
    fn sec2_cipher_never_panics(patch in 0..3u8, nonce in vec(any::<u8>(), 0..20), bytes in vec(any::<u8>(), 0..64)) {
        if let Ok(mut cipher) = esprov_proto::security::Sec2Cipher::new(&[7; 32], &nonce, patch) {
            let _ = cipher.decrypt(&bytes);
            let _ = cipher.encrypt(&bytes);
        }
    }
}
