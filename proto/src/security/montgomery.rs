//! Fixed-size Montgomery arithmetic modulo an odd 3072-bit modulus, for SRP's modexps.
//!
//! Numbers are little-endian limb arrays on the stack: 48 × u64 with u128 products on 64-bit
//! targets, 96 × u32 with u64 products elsewhere (the ESP32-C3). Exponentiation uses a fixed
//! window: its sequence of operations depends only on the exponent's public width, and table
//! entries are read by scanning every entry with masks, so timing does not depend on the
//! exponent's bits. Working state holding secret-derived values is zeroized on drop.

use subtle::{ConditionallySelectable, ConstantTimeEq};
use zeroize::Zeroize;

#[cfg(target_pointer_width = "64")]
mod word {
    /// One limb: a machine word.
    pub type Limb = u64;
    /// A double limb, for products.
    pub type Wide = u128;
}
#[cfg(not(target_pointer_width = "64"))]
mod word {
    /// One limb: a machine word.
    pub type Limb = u32;
    /// A double limb, for products.
    pub type Wide = u64;
}
pub(crate) use word::Limb;
use word::Wide;

/// Bits per limb.
pub(crate) const LIMB_BITS: usize = Limb::BITS as usize;
/// Bytes per limb.
pub(crate) const LIMB_BYTES: usize = LIMB_BITS / 8;
/// Width of the modulus, in bits.
pub(crate) const BITS: usize = 3072;
/// Limbs per number.
pub(crate) const LIMBS: usize = BITS / LIMB_BITS;
/// One number below 2^3072, least significant limb first.
pub(crate) type Uint = [Limb; LIMBS];
/// A double-width product.
type Double = [Limb; 2 * LIMBS];

/// `acc + a·b + carry` as (low, high): cannot overflow a double limb.
#[inline(always)]
pub(crate) const fn mac(acc: Limb, a: Limb, b: Limb, carry: Limb) -> (Limb, Limb) {
    let t = acc as Wide + (a as Wide) * (b as Wide) + carry as Wide;
    (t as Limb, (t >> LIMB_BITS) as Limb)
}

/// `a + b + carry` as (sum, carry out).
#[inline(always)]
pub(crate) const fn adc(a: Limb, b: Limb, carry: Limb) -> (Limb, Limb) {
    let t = a as Wide + b as Wide + carry as Wide;
    (t as Limb, (t >> LIMB_BITS) as Limb)
}

/// `a − b − borrow` as (difference, borrow out ∈ {0, 1}).
#[inline(always)]
const fn sbb(a: Limb, b: Limb, borrow: Limb) -> (Limb, Limb) {
    let t = (a as Wide).wrapping_sub(b as Wide + borrow as Wide);
    (t as Limb, (t >> LIMB_BITS) as Limb & 1)
}

/// Subtracts `n` from `x` when `x ≥ n` or `carry` (a bit above `x`) is set, without branching.
const fn subtract_if_above(x: &mut Uint, carry: Limb, n: &Uint) {
    let mut diff = [0; LIMBS];
    let mut borrow = 0;
    let mut i = 0;
    while i < LIMBS {
        (diff[i], borrow) = sbb(x[i], n[i], borrow);
        i += 1;
    }
    let keep_diff = (carry | (borrow ^ 1)).wrapping_neg();
    let mut i = 0;
    while i < LIMBS {
        x[i] = (diff[i] & keep_diff) | (x[i] & !keep_diff);
        diff[i] = 0;
        i += 1;
    }
}

/// Writes `a²` into `out`: each cross product once, doubled, then the squares added (for the
/// compile-time constants; run-time products use [`Modulus::mont_sqr`]).
const fn sqr_wide(out: &mut Double, a: &Uint) {
    out[0] = 0;
    let mut i = 0;
    while i < LIMBS {
        let mut carry = 0;
        let mut j = i + 1;
        while j < LIMBS {
            let k = i + j;
            (out[k], carry) = mac(if i == 0 { 0 } else { out[k] }, a[i], a[j], carry);
            j += 1;
        }
        out[i + LIMBS] = carry;
        i += 1;
    }
    let mut high = 0;
    let mut k = 0;
    while k < 2 * LIMBS {
        let limb = out[k];
        out[k] = (limb << 1) | high;
        high = limb >> (LIMB_BITS - 1);
        k += 1;
    }
    let mut carry = 0;
    let mut i = 0;
    while i < LIMBS {
        let square = (a[i] as Wide) * (a[i] as Wide);
        (out[2 * i], carry) = adc(out[2 * i], square as Limb, carry);
        (out[2 * i + 1], carry) = adc(out[2 * i + 1], (square >> LIMB_BITS) as Limb, carry);
        i += 1;
    }
}

/// A column sum for product scanning, carry-save: low halves of the products add up in `low`,
/// high halves in `high`, so no carry crosses between them until the column is done. With at
/// most 2·LIMBS + 2 terms per column neither double limb can overflow, and no step branches.
#[derive(Clone, Copy, Default)]
struct Column {
    /// Σ low halves, plus what the previous column carried.
    low: Wide,
    /// Σ high halves, worth 2^LIMB_BITS each.
    high: Wide,
}

impl Column {
    /// Adds `a·b`.
    #[inline(always)]
    fn add(&mut self, a: Limb, b: Limb) {
        let product = a as Wide * b as Wide;
        self.low = self.low.wrapping_add(product as Limb as Wide);
        self.high = self.high.wrapping_add(product >> LIMB_BITS);
    }

    /// Adds `2·other`.
    #[inline(always)]
    fn add_doubled(&mut self, other: Column) {
        self.low = self.low.wrapping_add(other.low << 1);
        self.high = self.high.wrapping_add(other.high << 1);
    }

    /// The column's lowest limb.
    #[inline(always)]
    fn c0(&self) -> Limb {
        self.low as Limb
    }

    /// Adds Σ xs[i]·ys[len − 1 − i]: one column's products.
    #[inline(always)]
    fn dot(&mut self, xs: &[Limb], ys: &[Limb]) {
        let mut x_pairs = xs.chunks_exact(2);
        let mut y_pairs = ys.rchunks_exact(2);
        for (x, y) in (&mut x_pairs).zip(&mut y_pairs) {
            self.add(x[0], y[1]);
            self.add(x[1], y[0]);
        }
        let (x_rest, y_rest) = (x_pairs.remainder(), y_pairs.remainder());
        for (&x, &y) in x_rest.iter().zip(y_rest.iter().rev()) {
            self.add(x, y);
        }
    }

    /// Takes out the lowest limb, moving on to the next column.
    #[inline(always)]
    fn shift(&mut self) -> Limb {
        let out = self.low as Limb;
        self.low = (self.low >> LIMB_BITS).wrapping_add(self.high);
        self.high = 0;
        out
    }
}

/// Adds column k of `a²`: the cross products a_i·a_(k−i), i < k − i, doubled, and a_(k/2)².
#[inline(always)]
fn square_column(acc: &mut Column, a: &Uint, k: usize) {
    let low = (k + 1).saturating_sub(LIMBS);
    let mut cross = Column::default();
    cross.dot(&a[low..k.div_ceil(2)], &a[k / 2 + 1..(k + 1).min(LIMBS)]);
    acc.add_doubled(cross);
    if k.is_multiple_of(2) {
        acc.add(a[k / 2], a[k / 2]);
    }
}

/// An odd 3072-bit modulus with its Montgomery constants (R = 2^3072).
pub(crate) struct Modulus {
    /// The modulus n.
    n: Uint,
    /// −n⁻¹ mod 2^LIMB_BITS.
    n0_inv: Limb,
    /// R mod n: the Montgomery form of 1.
    one: Uint,
    /// R² mod n, which maps a number into Montgomery form.
    r2: Uint,
}

impl Modulus {
    /// Prepares a big-endian odd modulus with its top bit set; checked at compile time.
    pub(crate) const fn new(be: &[u8; BITS / 8]) -> Self {
        let n = uint_from_be(be);
        assert!(n[0] & 1 == 1 && n[LIMBS - 1] >> (LIMB_BITS - 1) == 1);
        // R − n < n because n > R/2, so R mod n is −n over 3072 bits.
        let mut one = [0; LIMBS];
        let mut borrow = 0;
        let mut i = 0;
        while i < LIMBS {
            (one[i], borrow) = sbb(0, n[i], borrow);
            i += 1;
        }
        let mut inv: Limb = 1;
        let mut round = 0;
        while round < 7 {
            inv = inv.wrapping_mul((2 as Limb).wrapping_sub(n[0].wrapping_mul(inv)));
            round += 1;
        }
        let mut m = Self {
            n,
            n0_inv: inv.wrapping_neg(),
            one,
            r2: [0; LIMBS],
        };
        m.r2 = m.montgomery_r();
        m
    }

    /// R in Montgomery form (= R² mod n): 8·R doubled in, then squared ten times (8^1024 = R).
    const fn montgomery_r(&self) -> Uint {
        let mut x = self.one;
        let mut round = 0;
        while round < 3 {
            let mut high = 0;
            let mut i = 0;
            while i < LIMBS {
                let limb = x[i];
                x[i] = (limb << 1) | high;
                high = limb >> (LIMB_BITS - 1);
                i += 1;
            }
            subtract_if_above(&mut x, high, &self.n);
            round += 1;
        }
        let mut wide = [0; 2 * LIMBS];
        let mut round = 0;
        while round < 10 {
            sqr_wide(&mut wide, &x);
            self.redc(&mut wide, &mut x);
            round += 1;
        }
        x
    }

    /// Montgomery reduction: `out = wide / R mod n` for `wide < n·R`; consumes `wide`.
    const fn redc(&self, wide: &mut Double, out: &mut Uint) {
        let mut high = 0;
        let mut i = 0;
        while i < LIMBS {
            let q = wide[i].wrapping_mul(self.n0_inv);
            let mut carry = 0;
            let mut j = 0;
            while j < LIMBS {
                (wide[i + j], carry) = mac(wide[i + j], q, self.n[j], carry);
                j += 1;
            }
            (wide[i + LIMBS], high) = adc(wide[i + LIMBS], carry, high);
            i += 1;
        }
        let mut i = 0;
        while i < LIMBS {
            out[i] = wide[LIMBS + i];
            i += 1;
        }
        subtract_if_above(out, high, &self.n);
    }

    /// Finishes column k < LIMBS of a product scan: picks the reduction multiplier `q[k]` that
    /// clears the column and adds the reduction's share of it.
    #[inline(always)]
    fn low_column(&self, acc: &mut Column, q: &mut Uint, k: usize) {
        acc.dot(&q[..k], &self.n[1..=k]);
        q[k] = (acc.c0()).wrapping_mul(self.n0_inv);
        acc.add(q[k], self.n[0]);
        acc.shift();
    }

    /// Finishes column k ≥ LIMBS: adds the reduction's share and stores result limb k − LIMBS
    /// over the multiplier no later column needs.
    #[inline(always)]
    fn high_column(&self, acc: &mut Column, q: &mut Uint, k: usize) {
        let low = k + 1 - LIMBS;
        acc.dot(&q[low..], &self.n[low..]);
        q[k - LIMBS] = acc.shift();
    }

    /// `out = a·b / R mod n` for `a·b < n·R`: product scanning with interleaved reduction.
    fn mont_mul(&self, out: &mut Uint, a: &Uint, b: &Uint) {
        let mut acc = Column::default();
        for k in 0..LIMBS {
            acc.dot(&a[..=k], &b[..=k]);
            self.low_column(&mut acc, out, k);
        }
        for k in LIMBS..2 * LIMBS {
            let low = k + 1 - LIMBS;
            acc.dot(&a[low..], &b[low..]);
            self.high_column(&mut acc, out, k);
        }
        subtract_if_above(out, acc.c0(), &self.n);
    }

    /// `out = a² / R mod n` for `a < n`: each cross product once, doubled.
    fn mont_sqr(&self, out: &mut Uint, a: &Uint) {
        let mut acc = Column::default();
        for k in 0..LIMBS {
            square_column(&mut acc, a, k);
            self.low_column(&mut acc, out, k);
        }
        for k in LIMBS..2 * LIMBS {
            square_column(&mut acc, a, k);
            self.high_column(&mut acc, out, k);
        }
        subtract_if_above(out, acc.c0(), &self.n);
    }

    /// Whether n's top limb is all ones, so that R − n fits in LIMBS − 1 limbs.
    const fn near_r(&self) -> bool {
        self.n[LIMBS - 1] == Limb::MAX
    }

    /// `x mod n` for any `x < 2^3072` (one conditional subtraction, as n > R/2).
    pub(crate) fn reduce_once(&self, x: &mut Uint) {
        subtract_if_above(x, 0, &self.n);
    }

    /// `(a + b) mod n` for `a, b < n`, into `a`.
    pub(crate) fn add_assign(&self, a: &mut Uint, b: &Uint) {
        let mut carry = 0;
        for (x, &y) in a.iter_mut().zip(b) {
            (*x, carry) = adc(*x, y, carry);
        }
        subtract_if_above(a, carry, &self.n);
    }

    /// `(a − b) mod n` for `a, b < n`, into `a`.
    pub(crate) fn sub_assign(&self, a: &mut Uint, b: &Uint) {
        let mut borrow = 0;
        for (x, &y) in a.iter_mut().zip(b) {
            (*x, borrow) = sbb(*x, y, borrow);
        }
        let add_back = borrow.wrapping_neg();
        let mut carry = 0;
        for (x, &m) in a.iter_mut().zip(&self.n) {
            (*x, carry) = adc(*x, m & add_back, carry);
        }
    }

    /// `(a · b) mod n` for `a, b < n`: a Montgomery product, then one by R² to undo R⁻¹.
    pub(crate) fn mul(&self, a: &Uint, b: &Uint) -> Uint {
        let mut work = Work::new();
        self.mont_mul(&mut work.next, a, b);
        let mut out = [0; LIMBS];
        self.mont_mul(&mut out, &work.next, &self.r2);
        out
    }

    /// `(x · R) mod n` for `x < 2^3072`: `x mod n` shifted up by one 3072-bit chunk.
    pub(crate) fn shift_up(&self, x: &Uint) -> Uint {
        let mut out = [0; LIMBS];
        self.mont_mul(&mut out, x, &self.r2);
        out
    }
}

/// Reads 384 big-endian bytes into limbs.
pub(crate) const fn uint_from_be(be: &[u8; BITS / 8]) -> Uint {
    let mut out = [0; LIMBS];
    let mut i = 0;
    while i < BITS / 8 {
        let limb = (BITS / 8 - 1 - i) / LIMB_BYTES;
        out[limb] = (out[limb] << 8) | be[i] as Limb;
        i += 1;
    }
    out
}

/// Scratch space of one exponentiation, zeroized on drop as it holds secret-derived values.
struct Work {
    /// The running result, in Montgomery form.
    acc: Uint,
    /// The table entry picked for the current window.
    pick: Uint,
    /// The next value of `acc`, while it is computed.
    next: Uint,
}

impl Work {
    /// Zeroed scratch space.
    fn new() -> Self {
        Self {
            acc: [0; LIMBS],
            pick: [0; LIMBS],
            next: [0; LIMBS],
        }
    }

    /// `acc = acc² / R mod n`.
    fn square(&mut self, m: &Modulus) {
        m.mont_sqr(&mut self.next, &self.acc);
        self.acc = self.next;
    }

    /// `acc = acc · pick / R mod n`.
    fn multiply(&mut self, m: &Modulus) {
        m.mont_mul(&mut self.next, &self.acc, &self.pick);
        self.acc = self.next;
    }

    /// `acc = acc · s mod n` for a one-limb s, when n is within 2^(3072−LIMB_BITS) of R.
    ///
    /// acc·s = high·R + low ≡ low + high·(R − n); that sum stays below 2R, and folding its
    /// carry the same way once more leaves a value below R < 2n.
    fn multiply_small(&mut self, m: &Modulus, s: Limb) {
        let mut high = 0;
        for x in self.acc.iter_mut() {
            (*x, high) = mac(0, *x, s, high);
        }
        let mut carry = 0;
        for (x, &c) in self.acc.iter_mut().zip(&m.one) {
            (*x, carry) = mac(*x, high, c, carry);
        }
        let fold = carry.wrapping_neg();
        let mut carry = 0;
        for (x, &c) in self.acc.iter_mut().zip(&m.one) {
            (*x, carry) = adc(*x, c & fold, carry);
        }
        subtract_if_above(&mut self.acc, 0, &m.n);
    }

    /// Leaves Montgomery form: `acc / R mod n`.
    fn finish(&mut self, m: &Modulus) -> Uint {
        let mut one = [0; LIMBS];
        one[0] = 1;
        let mut out = [0; LIMBS];
        m.mont_mul(&mut out, &self.acc, &one);
        out
    }
}

impl Drop for Work {
    fn drop(&mut self) {
        self.acc.zeroize();
        self.pick.zeroize();
        self.next.zeroize();
    }
}

/// An exponent: little-endian limbs and a public width in bits that fixes the operation count.
#[derive(Clone, Copy)]
pub(crate) struct Exponent<'a> {
    /// The limbs; bits at or above `limbs.len() · LIMB_BITS` read as zero.
    pub limbs: &'a [Limb],
    /// How many low bits to process, independent of the value.
    pub bits: usize,
}

impl Exponent<'_> {
    /// The `width`-bit digit starting at bit `pos`.
    fn digit(&self, pos: usize, width: usize) -> usize {
        let (index, shift) = (pos / LIMB_BITS, pos % LIMB_BITS);
        let low = self.limbs.get(index).copied().unwrap_or(0) >> shift;
        let high = match shift + width > LIMB_BITS {
            true => self.limbs.get(index + 1).copied().unwrap_or(0) << (LIMB_BITS - shift),
            false => 0,
        };
        ((low | high) as usize) & ((1 << width) - 1)
    }

    /// How many `width`-bit windows cover the exponent.
    fn windows(&self, width: usize) -> usize {
        self.bits.div_ceil(width)
    }
}

/// Copies `table[index]` into `out`, touching every entry the same way.
fn select(out: &mut Uint, table: &[Uint], index: usize) {
    out.fill(0);
    for (i, entry) in table.iter().enumerate() {
        let hit = (i as u32).ct_eq(&(index as u32));
        for (o, &e) in out.iter_mut().zip(entry) {
            o.conditional_assign(&e, hit);
        }
    }
}

/// A table of base^0 … base^(SIZE−1) in Montgomery form, zeroized on drop.
struct Table<const SIZE: usize>([Uint; SIZE]);

impl<const SIZE: usize> Table<SIZE> {
    /// Fills the table from a base below 2^3072, using `work` as scratch space.
    fn new(m: &Modulus, base: &Uint, work: &mut Work) -> Self {
        let mut table = Self([[0; LIMBS]; SIZE]);
        table.0[0] = m.one;
        m.mont_mul(&mut table.0[1], base, &m.r2);
        for i in 2..SIZE {
            match i % 2 {
                0 => m.mont_sqr(&mut work.next, &table.0[i / 2]),
                _ => m.mont_mul(&mut work.next, &table.0[i - 1], &table.0[1]),
            }
            table.0[i] = work.next;
        }
        table
    }
}

impl<const SIZE: usize> Drop for Table<SIZE> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// `base ^ exponent mod n` with a fixed window of log2(SIZE) bits.
fn pow_window<const SIZE: usize>(m: &Modulus, base: &Uint, exponent: Exponent) -> Uint {
    let width = SIZE.trailing_zeros() as usize;
    let mut work = Work::new();
    let table = Table::<SIZE>::new(m, base, &mut work);
    work.acc = m.one;
    let windows = exponent.windows(width);
    for window in (0..windows).rev() {
        select(
            &mut work.pick,
            &table.0,
            exponent.digit(window * width, width),
        );
        if window + 1 == windows {
            work.acc = work.pick;
            continue;
        }
        for _ in 0..width {
            work.square(m);
        }
        work.multiply(m);
    }
    work.finish(m)
}

/// `base ^ exponent mod n` for any base below 2^3072; timing depends only on `exponent.bits`.
pub(crate) fn pow(m: &Modulus, base: &Uint, exponent: Exponent) -> Uint {
    match exponent.bits {
        0..=512 => pow_window::<16>(m, base, exponent),
        _ => pow_window::<32>(m, base, exponent),
    }
}

/// The widest window w ≤ 4 for which base^(2^w − 1) fits one limb (at least 3), with the
/// powers base^0 … base^15 as far as they fit.
fn small_powers(base: Limb) -> Option<(usize, [Limb; 16])> {
    let mut powers: [Limb; 16] = [1; 16];
    for i in 1..16 {
        match powers[i - 1].checked_mul(base) {
            Some(power) => powers[i] = power,
            None if i >= 8 => return Some((3, powers)),
            None => return None,
        }
    }
    Some((4, powers))
}

/// `base ^ exponent mod n` for a public one-limb base such as g = 5: squarings plus a cheap
/// one-limb multiply per window. Falls back to [`pow`] when n is not close to R or the base is
/// too large for a window of at least 3 bits.
pub(crate) fn pow_small(m: &Modulus, base: Limb, exponent: Exponent) -> Uint {
    let Some((width, powers)) = small_powers(base).filter(|_| m.near_r()) else {
        let mut as_uint = [0; LIMBS];
        as_uint[0] = base;
        return pow(m, &as_uint, exponent);
    };
    let mut work = Work::new();
    work.acc = m.one;
    let windows = exponent.windows(width);
    for window in (0..windows).rev() {
        // The first window multiplies 1, so its squarings are skipped (a public choice).
        for _ in 0..if window + 1 == windows { 0 } else { width } {
            work.square(m);
        }
        let digit = exponent.digit(window * width, width);
        let mut scalar: Limb = 0;
        for (i, &p) in powers.iter().take(1 << width).enumerate() {
            scalar.conditional_assign(&p, (i as u32).ct_eq(&(digit as u32)));
        }
        work.multiply_small(m, scalar);
    }
    work.finish(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::security::srp::N;
    use proptest::collection::vec;
    use proptest::prelude::*;

    static GROUP: Modulus = Modulus::new(&N);

    /// The exponent's bytes as limbs and width.
    fn limbs(bytes: &[u8]) -> alloc::vec::Vec<Limb> {
        let mut out = alloc::vec![0; bytes.len().div_ceil(LIMB_BYTES)];
        for (i, &byte) in bytes.iter().rev().enumerate() {
            out[i / LIMB_BYTES] |= Limb::from(byte) << (8 * (i % LIMB_BYTES));
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// The one-limb-base path agrees with the general one for g and other small bases.
        #[test]
        fn small_base_matches_general(exponent in vec(any::<u8>(), 0..=384), base in 0u32..100_000) {
            let limbs = limbs(&exponent);
            let exponent = Exponent { limbs: &limbs, bits: 8 * exponent.len() };
            for base in [5, Limb::from(base)] {
                let mut wide = [0; LIMBS];
                wide[0] = base;
                prop_assert_eq!(pow_small(&GROUP, base, exponent), pow(&GROUP, &wide, exponent));
            }
        }
    }

    #[test]
    fn constants() {
        let mut one = [0; LIMBS];
        one[0] = 1;
        assert_eq!(GROUP.n0_inv, 1, "N ≡ −1 mod 2^LIMB_BITS");
        assert!(GROUP.near_r());
        assert_eq!(GROUP.mul(&GROUP.one, &one), GROUP.one, "1·R = R");
        assert_eq!(GROUP.shift_up(&one), GROUP.one);
    }
}
