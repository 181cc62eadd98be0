//! Security schemes 0, 1 and 2, each with an initiator (client) and a responder (device) role.
//!
//! Every role is a sans-IO state machine: it takes handshake bytes in and gives handshake bytes
//! out, and randomness is passed in by the caller.

use alloc::vec::Vec;
use rand_core::CryptoRngCore;

use crate::Error;

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
