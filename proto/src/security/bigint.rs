//! The big-integer arithmetic SRP-6a needs, modulo the RFC 5054 3072-bit prime.
//!
//! Backed by num-bigint 0.4: measured against crypto-bigint's Montgomery `DynResidue` /
//! `MontyForm` / `BoxedMontyForm` for one 3072-bit modexp it was the faster of the two (see the
//! crate's benchmark). Every use goes through this file, so swapping the backend is local.
//! Secret values live here only transiently; their byte forms are zeroized by the callers.

use alloc::vec;
use alloc::vec::Vec;

use num_bigint::BigUint;

use super::srp::{GROUP_BYTES, N};
use crate::Error;

/// An integer of the SRP group, reduced or not.
pub(crate) type Int = BigUint;

/// The group modulus N.
pub(crate) fn modulus() -> Int {
    BigUint::from_bytes_be(&N)
}

/// Reads a big-endian byte string (any length, leading zeros allowed).
pub(crate) fn from_be(bytes: &[u8]) -> Int {
    BigUint::from_bytes_be(bytes)
}

/// Whether the value is zero.
pub(crate) fn is_zero(value: &Int) -> bool {
    value.bits() == 0
}

/// Big-endian bytes without leading zeros (`bytes(x)` of PROTOCOL.md §2.3).
pub(crate) fn minimal(value: &Int) -> Vec<u8> {
    value.to_bytes_be()
}

/// Big-endian bytes left-padded to the group size (`PAD(x)`), refusing values wider than N.
pub(crate) fn pad(value: &Int) -> Result<Vec<u8>, Error> {
    let bytes = value.to_bytes_be();
    let fill = GROUP_BYTES
        .checked_sub(bytes.len())
        .ok_or(Error::InvalidParameter("value wider than the SRP group"))?;
    let mut out = vec![0u8; fill];
    out.extend_from_slice(&bytes);
    Ok(out)
}

/// `base ^ exponent mod N`.
pub(crate) fn pow_mod(base: &Int, exponent: &Int) -> Int {
    base.modpow(exponent, &modulus())
}

/// `(a * b) mod N`.
pub(crate) fn mul_mod(a: &Int, b: &Int) -> Int {
    (a * b) % modulus()
}

/// `(a + b) mod N`.
pub(crate) fn add_mod(a: &Int, b: &Int) -> Int {
    (a + b) % modulus()
}

/// `(a - b) mod N` for any a and b.
pub(crate) fn sub_mod(a: &Int, b: &Int) -> Int {
    let n = modulus();
    ((a % &n) + &n - (b % &n)) % n
}

/// `a * b + c` over the integers (the client's exponent a + u·x).
pub(crate) fn mul_add(a: &Int, b: &Int, c: &Int) -> Int {
    a * b + c
}

/// `value mod N`.
pub(crate) fn reduce(value: &Int) -> Int {
    value % modulus()
}
