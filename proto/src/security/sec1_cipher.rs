//! Security 1's one continuous AES-256-CTR keystream, shared by both directions.

use alloc::vec::Vec;

use aes::cipher::{generic_array::GenericArray, BlockEncrypt, KeyInit};
use aes::Aes256;
use sha2::{Digest, Sha256};
use x25519_dalek::SharedSecret;
use zeroize::{Zeroize, Zeroizing};

/// AES-256-CTR with a full 128-bit big-endian counter that wraps like mbedTLS, consumed
/// byte by byte in transmission order and never reset for the whole session.
pub struct Sec1Cipher {
    aes: Aes256,
    counter: u128,
    block: [u8; 16],
    used: usize,
}

impl Sec1Cipher {
    /// Starts the session keystream at `device_random` (the initial counter block).
    pub fn new(key: &[u8; 32], device_random: &[u8; 16]) -> Self {
        Self {
            aes: Aes256::new(GenericArray::from_slice(key)),
            counter: u128::from_be_bytes(*device_random),
            block: [0; 16],
            used: 16,
        }
    }

    /// XORs the next `data.len()` keystream bytes into a copy of `data`.
    pub fn apply(&mut self, data: &[u8]) -> Vec<u8> {
        data.iter()
            .map(|byte| byte ^ self.next_key_byte())
            .collect()
    }

    /// Gives one keystream byte, encrypting the next counter block when the last is used up.
    fn next_key_byte(&mut self) -> u8 {
        if self.used == self.block.len() {
            self.refill();
        }
        let byte = self.block.get(self.used).copied().unwrap_or(0);
        self.used += 1;
        byte
    }

    /// Encrypts the current counter block and advances the counter.
    fn refill(&mut self) {
        let mut block = GenericArray::from(self.counter.to_be_bytes());
        self.aes.encrypt_block(&mut block);
        self.block.copy_from_slice(&block);
        block.zeroize();
        self.counter = self.counter.wrapping_add(1);
        self.used = 0;
    }
}

impl Drop for Sec1Cipher {
    fn drop(&mut self) {
        self.block.zeroize();
        self.counter.zeroize();
    }
}

/// Derives the session key: the X25519 shared secret, XORed with SHA-256(PoP) only when a
/// PoP is configured.
pub fn session_key(shared: &SharedSecret, pop: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new(*shared.as_bytes());
    if !pop.is_empty() {
        let mask = Zeroizing::new(<[u8; 32]>::from(Sha256::digest(pop)));
        key.iter_mut().zip(mask.iter()).for_each(|(k, m)| *k ^= m);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keystream_is_byte_granular_and_continuous() {
        let key = [7u8; 32];
        let iv = [9u8; 16];
        let whole = Sec1Cipher::new(&key, &iv).apply(&[0u8; 80]);
        let mut pieces = Sec1Cipher::new(&key, &iv);
        let mut joined = pieces.apply(&[0u8; 5]);
        joined.extend(pieces.apply(&[0u8; 30]));
        joined.extend(pieces.apply(&[0u8; 45]));
        assert_eq!(whole, joined);
    }

    #[test]
    fn counter_wraps_as_128_bit_big_endian() {
        let key = [1u8; 32];
        let mut top = Sec1Cipher::new(&key, &[0xff; 16]);
        let stream = top.apply(&[0u8; 32]);
        let zero = Sec1Cipher::new(&key, &[0; 16]).apply(&[0u8; 16]);
        assert_eq!(stream.get(16..), Some(&zero[..]));
    }
}
