//! Security schemes 0, 1 and 2, each with an initiator (client) and a responder (device) role.
//!
//! Every role is a sans-IO state machine: it takes handshake bytes in and gives handshake bytes
//! out, and randomness is passed in by the caller.

use alloc::boxed::Box;
use alloc::vec::Vec;
use rand_core::CryptoRngCore;

use crate::Error;

mod bigint;
mod envelope;
mod montgomery;
mod sec0;
mod sec1;
mod sec1_cipher;
mod sec2;
mod sec2_cipher;
pub mod srp;

pub use sec0::{Sec0Initiator, Sec0Responder};
pub use sec1::{Sec1Initiator, Sec1Responder};
pub use sec1_cipher::Sec1Cipher;
pub use sec2::{Sec2Initiator, Sec2Responder};
pub use sec2_cipher::Sec2Cipher;
pub use srp::generate_salt_verifier;

/// The cipher both roles apply to every encrypted endpoint payload once the handshake is done.
pub trait Cipher {
    /// Encrypts one endpoint payload, advancing the keystream or nonce counter.
    fn encrypt(&mut self, plaintext: &[u8]) -> Result<Vec<u8>, Error>;
    /// Decrypts one endpoint payload, advancing the keystream or nonce counter.
    fn decrypt(&mut self, ciphertext: &[u8]) -> Result<Vec<u8>, Error>;
}

/// The client role: drives the `prov-session` handshake from its side.
pub trait Initiator: Cipher + Send {
    /// Gives the next `prov-session` request, given the device's previous response (`None` at
    /// the start); `Ok(None)` once the session is established.
    fn step(
        &mut self,
        response: Option<&[u8]>,
        rng: &mut dyn CryptoRngCore,
    ) -> Result<Option<Vec<u8>>, Error>;
    /// Whether the handshake finished and the cipher may be used.
    fn is_established(&self) -> bool;
}

/// The device role: answers `prov-session` requests for one transport session.
pub trait Responder: Cipher + Send {
    /// Answers one `prov-session` request; an error means the transport must fail the request.
    fn handle(&mut self, request: &[u8], rng: &mut dyn CryptoRngCore) -> Result<Vec<u8>, Error>;
    /// Whether the handshake finished and the cipher may be used.
    fn is_established(&self) -> bool;
    /// Forgets the session, as a new transport session does.
    fn reset(&mut self);
}

/// Which x convention Security 2 uses when H(I ‖ ":" ‖ p) or the salt starts with a zero byte.
///
/// ESP-IDF's generator and the Android app hash the full digest; esp_prov strips leading zero
/// bytes. A client must match whatever generated the device's verifier (PROTOCOL.md §9 item 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SaltMode {
    /// Hash the full 64-byte inner digest and the salt as given (ESP-IDF, Android).
    #[default]
    Full,
    /// Strip leading zero bytes of the inner digest and salt, as esp_prov does.
    StripLeadingZeros,
}

/// What a client needs to open a session with each scheme.
#[derive(Clone)]
pub enum InitiatorConfig {
    /// Security 0: plaintext.
    Sec0,
    /// Security 1 with a proof of possession (empty for none).
    Sec1 {
        /// The PoP bytes; empty means the device was built without one.
        pop: Vec<u8>,
    },
    /// Security 2: SRP6a with a username and password.
    Sec2 {
        /// SRP username (I).
        username: Vec<u8>,
        /// SRP password (p).
        password: Vec<u8>,
        /// `sec_patch_ver` from proto-ver: 0 = fixed 16-byte IV, 1 = 12-byte IV with counter.
        patch: u8,
        /// How x treats leading zero bytes.
        salt_mode: SaltMode,
    },
}

/// What a device needs to answer sessions with each scheme.
#[derive(Clone)]
pub enum ResponderConfig {
    /// Security 0: plaintext.
    Sec0,
    /// Security 1 with an optional proof of possession.
    Sec1 {
        /// The PoP bytes; empty means none.
        pop: Vec<u8>,
    },
    /// Security 2 from a stored salt and verifier.
    Sec2 {
        /// The salt as stored on the device.
        salt: Vec<u8>,
        /// The verifier v = g^x mod N, big-endian.
        verifier: Vec<u8>,
        /// `sec_patch_ver`: 0 = fixed 16-byte IV, 1 = 12-byte IV with counter.
        patch: u8,
    },
}

/// Creates the client role for a scheme.
pub fn initiator(config: InitiatorConfig) -> Box<dyn Initiator> {
    match config {
        InitiatorConfig::Sec0 => Box::new(Sec0Initiator::new()),
        InitiatorConfig::Sec1 { pop } => Box::new(Sec1Initiator::new(pop)),
        InitiatorConfig::Sec2 {
            username,
            password,
            patch,
            salt_mode,
        } => Box::new(Sec2Initiator::new(username, password, patch, salt_mode)),
    }
}

/// Creates the device role for a scheme.
pub fn responder(config: ResponderConfig) -> Box<dyn Responder> {
    match config {
        ResponderConfig::Sec0 => Box::new(Sec0Responder::new()),
        ResponderConfig::Sec1 { pop } => Box::new(Sec1Responder::new(pop)),
        ResponderConfig::Sec2 {
            salt,
            verifier,
            patch,
        } => Box::new(Sec2Responder::new(salt, verifier, patch)),
    }
}
