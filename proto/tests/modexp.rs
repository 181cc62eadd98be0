//! The Montgomery modexp behind SRP against num-bigint: random bases and exponents of 1..3072
//! bits, and the edge cases (exponent 0 and 1, base 0, 1, N − 1, bases at or above N).

use esprov_proto::security::srp;
use num_bigint::BigUint;
use proptest::collection::vec;
use proptest::prelude::*;

/// num-bigint's answer, in `srp::mod_exp`'s minimal big-endian form.
fn reference(base: &[u8], exponent: &[u8]) -> Vec<u8> {
    let n = BigUint::from_bytes_be(&srp::N);
    BigUint::from_bytes_be(base)
        .modpow(&BigUint::from_bytes_be(exponent), &n)
        .to_bytes_be()
}

/// `value` as big-endian bytes of exactly `len` bytes (`len` must fit the value).
fn be_bytes(value: &BigUint, len: usize) -> Vec<u8> {
    let bytes = value.to_bytes_be();
    let mut out = vec![0u8; len - bytes.len()];
    out.extend_from_slice(&bytes);
    out
}

fn check(base: &[u8], exponent: &[u8]) {
    assert_eq!(
        srp::mod_exp(base, exponent),
        reference(base, exponent),
        "base {} exponent {}",
        hex::encode(base),
        hex::encode(exponent)
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_base_and_exponent(
        base in vec(any::<u8>(), 0..=384),
        exponent in vec(any::<u8>(), 1..=384),
        top_bits in 1u32..=8,
    ) {
        let mut exponent = exponent;
        exponent[0] &= (1u16 << top_bits).wrapping_sub(1) as u8;
        check(&base, &exponent);
    }

    #[test]
    fn generator_base(exponent in vec(any::<u8>(), 0..=384)) {
        check(&[srp::G], &exponent);
    }

    #[test]
    fn wide_bases_and_exponents(base in vec(any::<u8>(), 385..=1200), exponent in vec(any::<u8>(), 385..=420)) {
        check(&base, &exponent);
    }
}

#[test]
fn edge_cases() {
    let n = BigUint::from_bytes_be(&srp::N);
    let n_minus_1 = be_bytes(&(&n - 1u32), 384);
    let n_plus_1 = be_bytes(&(&n + 1u32), 385);
    let two_n = be_bytes(&(&n * 2u32), 385);
    let all_ones = vec![0xffu8; 384];
    let bases: [&[u8]; 9] = [
        &[],
        &[0],
        &[1],
        &[srp::G],
        &n_minus_1,
        &srp::N,
        &n_plus_1,
        &two_n,
        &all_ones,
    ];
    let exponents: [&[u8]; 8] = [
        &[],
        &[0],
        &[1],
        &[2],
        &[0; 64],
        &n_minus_1,
        &srp::N,
        &all_ones,
    ];
    for base in bases {
        for exponent in exponents {
            check(base, exponent);
        }
    }
}

#[test]
fn fermat() {
    let n_minus_1 = be_bytes(&(BigUint::from_bytes_be(&srp::N) - 1u32), 384);
    assert_eq!(srp::mod_exp(&[srp::G], &n_minus_1), vec![1]);
    assert_eq!(srp::mod_exp(&n_minus_1, &[2]), vec![1]);
}
