//! Benchmarks: a full handshake per scheme with both roles in one process, and one 3072-bit
//! modexp on the SRP backend (num-bigint) against crypto-bigint's Montgomery form.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use esprov_proto::security::{
    initiator, responder, srp, Initiator, InitiatorConfig, Responder, ResponderConfig, SaltMode,
};
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
    for bits in [256, 3072] {
        let (base, exponent) = operands(bits);
        group.bench_function(format!("num-bigint/exp{bits}"), |b| {
            b.iter(|| black_box(srp::mod_exp(black_box(&base), black_box(&exponent))))
        });
        let params = DynResidueParams::new(&U3072::from_be_slice(&srp::N));
        let base = DynResidue::new(&U3072::from_be_slice(&base), params);
        let exponent = U3072::from_be_slice(&exponent);
        group.bench_function(format!("crypto-bigint-0.5/exp{bits}"), |b| {
            b.iter(|| black_box(black_box(&base).pow_bounded_exp(black_box(&exponent), bits)))
        });
    }
    group.finish();
}

criterion_group!(benches, handshakes, modexp);
criterion_main!(benches);
