//! Security 2's AES-256-GCM framing (`ciphertext ‖ 16-byte tag`, no AAD) with both IV schemes.

use alloc::vec::Vec;

use aes_gcm::aead::consts::U16;
use aes_gcm::aead::generic_array::GenericArray;
use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::aes::Aes256;
use aes_gcm::{Aes256Gcm, AesGcm};

use crate::Error;

/// AES-256-GCM with the 128-bit nonce patch 0 uses (J0 derived by GHASH).
type Aes256Gcm16 = AesGcm<Aes256, U16>;

/// Length of `device_nonce` for patch 0: one fixed 16-byte IV.
pub const PATCH0_NONCE_LEN: usize = 16;
/// Length of `device_nonce` for patch 1: 8-byte session id ‖ big-endian 32-bit counter.
pub const PATCH1_NONCE_LEN: usize = 12;
/// Length of the GCM tag appended to every message.
const TAG_LEN: usize = 16;

/// The IV rule agreed by `sec_patch_ver`.
enum Scheme {
    /// Patch 0: the same 16-byte IV for every message in both directions.
    Fixed {
        aead: Aes256Gcm16,
        nonce: [u8; PATCH0_NONCE_LEN],
    },
    /// Patch 1: `session_id ‖ BE32(counter)`, the counter shared by both directions and
    /// advanced after every encrypt and every successful decrypt; 0 means exhausted.
    Counter {
        aead: Aes256Gcm,
        session_id: [u8; 8],
        counter: u32,
    },
}

/// The session cipher of Security 2, identical on both sides.
pub struct Sec2Cipher {
    scheme: Scheme,
}

impl Sec2Cipher {
    /// Sets up GCM with key K[0..32] and the device nonce, whose length must suit the patch
    /// level (0: fixed 16-byte IV; 1 and any later level: 12-byte IV with counter).
    pub fn new(key: &[u8; 32], device_nonce: &[u8], patch: u8) -> Result<Self, Error> {
        let key = GenericArray::from_slice(key);
        let scheme = if patch == 0 {
            let nonce = device_nonce
                .try_into()
                .map_err(|_| Error::InvalidParameter("device_nonce is not 16 bytes (patch 0)"))?;
            Scheme::Fixed {
                aead: Aes256Gcm16::new(key),
                nonce,
            }
        } else {
            let nonce: [u8; PATCH1_NONCE_LEN] = device_nonce
                .try_into()
                .map_err(|_| Error::InvalidParameter("device_nonce is not 12 bytes (patch 1)"))?;
            let (id, counter) = nonce.split_at(8);
            Scheme::Counter {
                aead: Aes256Gcm::new(key),
                session_id: id.try_into().unwrap_or_default(),
                counter: u32::from_be_bytes(counter.try_into().unwrap_or_default()),
            }
        };
        Ok(Self { scheme })
    }

    /// Encrypts one payload and appends the tag.
    pub fn encrypt(&mut self, plaintext: &[u8]) -> Result<Vec<u8>, Error> {
        let sealed = match &mut self.scheme {
            Scheme::Fixed { aead, nonce } => {
                aead.encrypt(GenericArray::from_slice(nonce), plaintext)
            }
            Scheme::Counter {
                aead,
                session_id,
                counter,
            } => aead.encrypt(&counter_nonce(session_id, *counter)?, plaintext),
        }
        .map_err(|_| Error::InvalidParameter("payload too long for AES-GCM"))?;
        self.advance();
        Ok(sealed)
    }

    /// Checks the tag and decrypts one payload; a failure leaves the counter where it was.
    pub fn decrypt(&mut self, ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
        if ciphertext.len() < TAG_LEN {
            return Err(Error::Decrypt);
        }
        let opened = match &mut self.scheme {
            Scheme::Fixed { aead, nonce } => {
                aead.decrypt(GenericArray::from_slice(nonce), ciphertext)
            }
            Scheme::Counter {
                aead,
                session_id,
                counter,
            } => aead.decrypt(&counter_nonce(session_id, *counter)?, ciphertext),
        }
        .map_err(|_| Error::Decrypt)?;
        self.advance();
        Ok(opened)
    }

    /// Moves the patch-1 counter on; after 0xFFFFFFFF it reaches 0 and the session is spent.
    fn advance(&mut self) {
        if let Scheme::Counter { counter, .. } = &mut self.scheme {
            *counter = counter.wrapping_add(1);
        }
    }
}

/// Builds the 12-byte patch-1 IV, refusing a wrapped counter.
fn counter_nonce(
    session_id: &[u8; 8],
    counter: u32,
) -> Result<GenericArray<u8, aes_gcm::aead::consts::U12>, Error> {
    if counter == 0 {
        return Err(Error::NonceExhausted);
    }
    let mut nonce = GenericArray::default();
    nonce[..8].copy_from_slice(session_id);
    nonce[8..].copy_from_slice(&counter.to_be_bytes());
    Ok(nonce)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch1_counter_refuses_to_wrap() {
        let mut nonce = [7u8; 12];
        nonce[8..].copy_from_slice(&u32::MAX.to_be_bytes());
        let mut sender = Sec2Cipher::new(&[1; 32], &nonce, 1).unwrap();
        let mut receiver = Sec2Cipher::new(&[1; 32], &nonce, 1).unwrap();
        let wire = sender.encrypt(b"last").unwrap();
        assert_eq!(receiver.decrypt(&wire).unwrap(), b"last");
        assert_eq!(sender.encrypt(b"one more"), Err(Error::NonceExhausted));
        assert_eq!(receiver.decrypt(&wire), Err(Error::NonceExhausted));
    }

    #[test]
    fn nonce_length_must_match_the_patch_level() {
        assert!(Sec2Cipher::new(&[0; 32], &[0; 12], 0).is_err());
        assert!(Sec2Cipher::new(&[0; 32], &[0; 16], 1).is_err());
    }

    #[test]
    fn wire_is_ciphertext_then_tag() {
        let mut cipher = Sec2Cipher::new(&[2; 32], &[3; 16], 0).unwrap();
        assert_eq!(cipher.encrypt(b"0804").unwrap().len(), 4 + TAG_LEN);
    }
}
