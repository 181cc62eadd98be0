//! Benchmarks: a full handshake per scheme with both roles in one process, the client's share
//! of a sec2 handshake alone, and one 3072-bit modexp on the SRP backend against num-bigint and
//! crypto-bigint.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use esprov_proto::security::{
    initiator, responder, srp, Initiator, InitiatorConfig, Responder, ResponderConfig, SaltMode,
};
use num_bigint::BigUint;
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};

/// Runs one complete handshake and one encrypted request/response pair.
fn handshake(client: &mut dyn Initiator, device: &mut dyn Responder, rng: &mut StdRng) {
    let mut response: Option<Vec<u8>> = None;
    while let Some(request) = client.step(response.as_deref(), rng).expect("client step") {
        response = Some(device.handle(&request, rng).expect("device step"));
    }
    let wire = client.encrypt(b"\x52\x00").expect("encrypt");
    black_box(device.decrypt(&wire).expect("decrypt"));
}

fn sec2_roles(patch: u8) -> (Box<dyn Initiator>, Box<dyn Responder>) {
    let salt = hex::decode("036ee0c7bcb9eda84c9eac97d93decf4").expect("hex");
    let verifier = srp::verifier(&srp::x(&salt, b"wifiprov", b"abcd1234", SaltMode::Full));
    let client = initiator(InitiatorConfig::Sec2 {
        username: b"wifiprov".to_vec(),
        password: b"abcd1234".to_vec(),
        patch,
        salt_mode: SaltMode::Full,
    });
    (
        client,
        responder(ResponderConfig::Sec2 {
            salt,
            verifier,
            patch,
        }),
    )
}

fn handshakes(c: &mut Criterion) {
    let mut rng = StdRng::seed_from_u64(7);
    let mut group = c.benchmark_group("handshake");
    group.bench_function("sec0", |b| {
        b.iter(|| {
            let mut client = initiator(InitiatorConfig::Sec0);
            let mut device = responder(ResponderConfig::Sec0);
            handshake(client.as_mut(), device.as_mut(), &mut rng);
        })
    });
    group.bench_function("sec1", |b| {
        b.iter(|| {
            let mut client = initiator(InitiatorConfig::Sec1 {
                pop: b"abcd1234".to_vec(),
            });
            let mut device = responder(ResponderConfig::Sec1 {
                pop: b"abcd1234".to_vec(),
            });
            handshake(client.as_mut(), device.as_mut(), &mut rng);
        })
    });
    for patch in [0, 1] {
        group.bench_function(format!("sec2_patch{patch}"), |b| {
            b.iter(|| {
                let (mut client, mut device) = sec2_roles(patch);
                handshake(client.as_mut(), device.as_mut(), &mut rng);
            })
        });
    }
    group.finish();
}

/// The device's sec2 responses to a client drawing from `StdRng::seed_from_u64(1)`.
fn recorded_sec2(patch: u8) -> Vec<Vec<u8>> {
    let (mut client, mut device) = sec2_roles(patch);
    let (mut client_rng, mut device_rng) = (StdRng::seed_from_u64(1), StdRng::seed_from_u64(2));
    let mut responses = Vec::new();
    let mut response: Option<Vec<u8>> = None;
    while let Some(request) = client
        .step(response.as_deref(), &mut client_rng)
        .expect("step")
    {
        let answer = device
            .handle(&request, &mut device_rng)
            .expect("device step");
        responses.push(answer.clone());
        response = Some(answer);
    }
    responses
}

/// The client's CPU time for one sec2 handshake: the device's answers are replayed.
fn client_only(c: &mut Criterion) {
    let mut group = c.benchmark_group("client_only");
    for patch in [0, 1] {
        let responses = recorded_sec2(patch);
        group.bench_function(format!("sec2_patch{patch}"), |b| {
            b.iter(|| {
                let mut client = initiator(InitiatorConfig::Sec2 {
                    username: b"wifiprov".to_vec(),
                    password: b"abcd1234".to_vec(),
                    patch,
                    salt_mode: SaltMode::Full,
                });
                let mut rng = StdRng::seed_from_u64(1);
                let mut request = client.step(None, &mut rng).expect("first step");
                for response in &responses {
                    request = client.step(Some(response), &mut rng).expect("client step");
                }
                assert!(request.is_none() && client.is_established());
            })
        });
    }
    group.finish();
}

/// A random base below N and a random exponent of `bits` bits.
fn operands(bits: usize) -> (Vec<u8>, Vec<u8>) {
    let mut rng = StdRng::seed_from_u64(bits as u64);
    let mut base = vec![0u8; 384];
    rng.fill_bytes(&mut base);
    base[0] &= 0x7f;
    let mut exponent = vec![0u8; 384];
    rng.fill_bytes(&mut exponent[384 - bits / 8..]);
    (base, exponent)
}

fn modexp(c: &mut Criterion) {
    use crypto_bigint::modular::runtime_mod::{DynResidue, DynResidueParams};
    use crypto_bigint::U3072;

    let mut group = c.benchmark_group("modexp_3072");
    for bits in [256, 1024, 3072] {
        let (base, full_exponent) = operands(bits);
        let exponent = &full_exponent[384 - bits / 8..];
        group.bench_function(format!("srp/exp{bits}"), |b| {
            b.iter(|| black_box(srp::mod_exp(black_box(&base), black_box(exponent))))
        });
        // srp::mod_exp takes the general path even for base g.
        group.bench_function(format!("srp/g_exp{bits}"), |b| {
            b.iter(|| black_box(srp::mod_exp(black_box(&[srp::G]), black_box(exponent))))
        });
        let (n, big_base, big_exponent) = (
            BigUint::from_bytes_be(&srp::N),
            BigUint::from_bytes_be(&base),
            BigUint::from_bytes_be(exponent),
        );
        group.bench_function(format!("num-bigint/exp{bits}"), |b| {
            b.iter(|| black_box(black_box(&big_base).modpow(black_box(&big_exponent), &n)))
        });
        let params = DynResidueParams::new(&U3072::from_be_slice(&srp::N));
        let base = DynResidue::new(&U3072::from_be_slice(&base), params);
        let exponent = U3072::from_be_slice(&full_exponent);
        group.bench_function(format!("crypto-bigint-0.5/exp{bits}"), |b| {
            b.iter(|| black_box(black_box(&base).pow_bounded_exp(black_box(&exponent), bits)))
        });
    }
    // The verifier g^x (512-bit x) goes through the dedicated base-g path, as A = g^a does.
    let x = srp::x(b"salt", b"wifiprov", b"abcd1234", SaltMode::Full);
    group.bench_function("srp/verifier_g_exp512", |b| {
        b.iter(|| black_box(srp::verifier(black_box(&x))))
    });
    group.finish();
}

criterion_group!(benches, handshakes, client_only, modexp);
criterion_main!(benches);
