//! The big-integer arithmetic SRP-6a needs, modulo the RFC 5054 3072-bit prime.
//!
//! Values are little-endian limb vectors of any width, zeroized on drop. Everything modulo N
//! runs on the fixed-size Montgomery code of `montgomery.rs`, whose exponentiation takes the
//! same steps for every exponent of a given width. It replaced num-bigint's `modpow`, which was
//! slower and whose timing followed the secret exponent's bits: on an x86-64 host a modexp with
//! a 256/1024/3072-bit exponent went from 1.34/5.29/15.3 ms to 1.03/4.08/12.4 ms, g^x (512-bit
//! x) from 2.62 to 1.55 ms (`cargo bench -p esprov-proto -- modexp`). Every use goes through
//! this file.

use alloc::vec;
use alloc::vec::Vec;

use zeroize::{Zeroize, Zeroizing};

use super::montgomery::{self, adc, mac, Exponent, Limb, Modulus, Uint, LIMBS, LIMB_BITS};
use super::srp::{G, GROUP_BYTES, N};
use crate::Error;

/// N with its Montgomery constants, computed at compile time.
static GROUP: Modulus = Modulus::new(&N);

/// An unsigned integer of any width, zeroized on drop.
///
/// `bits` bounds the value and depends only on how the integer was made (input length, operand
/// widths), never on its value, so an exponentiation that runs over `bits` reveals nothing more.
pub(crate) struct Int {
    /// Least significant limb first.
    limbs: Vec<Limb>,
    /// The public width: the value is below 2^bits.
    bits: usize,
}

impl Drop for Int {
    fn drop(&mut self) {
        self.limbs.zeroize();
    }
}

impl Int {
    /// A residue mod N as an integer of the group's width.
    fn from_residue(value: &Uint) -> Self {
        Self {
            limbs: value.to_vec(),
            bits: montgomery::BITS,
        }
    }

    /// The integer as an exponent of its public width.
    fn exponent(&self) -> Exponent<'_> {
        Exponent {
            limbs: &self.limbs,
            bits: self.bits,
        }
    }
}

/// `value mod N` as a fixed-size number: Horner's rule over 3072-bit chunks, top chunk first.
fn residue(value: &Int) -> Zeroizing<Uint> {
    let mut acc = Zeroizing::new([0; LIMBS]);
    for (i, chunk) in value.limbs.chunks(LIMBS).rev().enumerate() {
        let mut part = Zeroizing::new([0; LIMBS]);
        part.iter_mut().zip(chunk).for_each(|(p, &c)| *p = c);
        GROUP.reduce_once(&mut part);
        if i > 0 {
            *acc = GROUP.shift_up(&acc);
        }
        GROUP.add_assign(&mut acc, &part);
    }
    acc
}

/// Wraps a residue computed into a temporary, zeroizing the temporary.
fn wrap(value: Uint) -> Int {
    Int::from_residue(&Zeroizing::new(value))
}

/// Reads a big-endian byte string (any length, leading zeros allowed); its width is 8·len.
pub(crate) fn from_be(bytes: &[u8]) -> Int {
    let limb_bytes = LIMB_BITS / 8;
    let mut limbs = vec![0; bytes.len().div_ceil(limb_bytes)];
    for (i, &byte) in bytes.iter().rev().enumerate() {
        if let Some(limb) = limbs.get_mut(i / limb_bytes) {
            *limb |= Limb::from(byte) << (8 * (i % limb_bytes));
        }
    }
    Int {
        limbs,
        bits: 8 * bytes.len(),
    }
}

/// Whether the value is zero.
pub(crate) fn is_zero(value: &Int) -> bool {
    value.limbs.iter().fold(0, |acc, &limb| acc | limb) == 0
}

/// Big-endian bytes without leading zeros (`bytes(x)` of PROTOCOL.md §2.3); zero is `[0]`.
pub(crate) fn minimal(value: &Int) -> Vec<u8> {
    let mut out: Vec<u8> = value
        .limbs
        .iter()
        .rev()
        .flat_map(|limb| limb.to_be_bytes())
        .collect();
    let start = out.iter().position(|&b| b != 0).unwrap_or(out.len());
    out.drain(..start.min(out.len().saturating_sub(1)));
    if out.is_empty() {
        out.push(0);
    }
    out
}

/// Big-endian bytes left-padded to the group size (`PAD(x)`), refusing values wider than N.
pub(crate) fn pad(value: &Int) -> Result<Vec<u8>, Error> {
    let bytes = minimal(value);
    let fill = GROUP_BYTES
        .checked_sub(bytes.len())
        .ok_or(Error::InvalidParameter("value wider than the SRP group"))?;
    let mut out = vec![0u8; fill];
    out.extend_from_slice(&bytes);
    Ok(out)
}

/// `base ^ exponent mod N`, in time that depends on the exponent's width only.
pub(crate) fn pow_mod(base: &Int, exponent: &Int) -> Int {
    wrap(montgomery::pow(&GROUP, &residue(base), exponent.exponent()))
}

/// `g ^ exponent mod N`, cheaper than [`pow_mod`] as g = 5 is a one-limb multiplier.
pub(crate) fn pow_g(exponent: &Int) -> Int {
    wrap(montgomery::pow_small(
        &GROUP,
        Limb::from(G),
        exponent.exponent(),
    ))
}

/// `(a * b) mod N`.
pub(crate) fn mul_mod(a: &Int, b: &Int) -> Int {
    wrap(GROUP.mul(&residue(a), &residue(b)))
}

/// `(a + b) mod N`.
pub(crate) fn add_mod(a: &Int, b: &Int) -> Int {
    let mut sum = residue(a);
    GROUP.add_assign(&mut sum, &residue(b));
    Int::from_residue(&sum)
}

/// `(a - b) mod N` for any a and b.
pub(crate) fn sub_mod(a: &Int, b: &Int) -> Int {
    let mut difference = residue(a);
    GROUP.sub_assign(&mut difference, &residue(b));
    Int::from_residue(&difference)
}

/// `a * b + c` over the integers (the client's exponent a + u·x), of width
/// max(width(a) + width(b), width(c)) + 1.
pub(crate) fn mul_add(a: &Int, b: &Int, c: &Int) -> Int {
    let len = (a.limbs.len() + b.limbs.len()).max(c.limbs.len()) + 1;
    let mut limbs = vec![0; len];
    for (i, &x) in a.limbs.iter().enumerate() {
        let mut carry = 0;
        for (out, &y) in limbs.iter_mut().skip(i).zip(&b.limbs) {
            (*out, carry) = mac(*out, x, y, carry);
        }
        if let Some(out) = limbs.get_mut(i + b.limbs.len()) {
            *out = carry;
        }
    }
    let mut carry = 0;
    for (i, out) in limbs.iter_mut().enumerate() {
        (*out, carry) = adc(*out, c.limbs.get(i).copied().unwrap_or(0), carry);
    }
    Int {
        limbs,
        bits: (a.bits + b.bits).max(c.bits) + 1,
    }
}

/// `value mod N`.
pub(crate) fn reduce(value: &Int) -> Int {
    Int::from_residue(&residue(value))
}
