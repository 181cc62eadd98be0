//! Security 0: a plaintext handshake, after which payloads pass through unchanged.

use alloc::vec::Vec;

use rand_core::CryptoRngCore;

use super::envelope;
use super::{Cipher, Initiator, Responder};
use crate::messages::{
    sec0_payload::Payload, session_data::Proto, S0SessionCmd, S0SessionResp, Sec0MsgType,
    Sec0Payload, SecSchemeVersion, Status,
};
use crate::Error;

/// Encodes the client's session command exactly as esp_prov does (`5203a20100`).
fn session_command() -> Vec<u8> {
    let payload = Sec0Payload {
        msg: Sec0MsgType::S0SessionCommand as i32,
        payload: Some(Payload::Sc(S0SessionCmd {})),
    };
    envelope::encode(SecSchemeVersion::SecScheme0, Proto::Sec0(payload))
}

/// Encodes the device's session response exactly as ESP-IDF does (`52050801aa0100`).
fn session_response() -> Vec<u8> {
    let payload = Sec0Payload {
        msg: Sec0MsgType::S0SessionResponse as i32,
        payload: Some(Payload::Sr(S0SessionResp {
            status: Status::Success as i32,
        })),
    };
    envelope::encode(SecSchemeVersion::SecScheme0, Proto::Sec0(payload))
}

/// Decodes a scheme-0 message, refusing other schemes.
fn decode(bytes: &[u8]) -> Result<Sec0Payload, Error> {
    match envelope::decode(bytes, SecSchemeVersion::SecScheme0)? {
        Proto::Sec0(payload) => Ok(payload),
        _ => Err(envelope::wrong_payload("sec0")),
    }
}

/// Checks that the device answered with a successful session response.
fn check_response(bytes: &[u8]) -> Result<(), Error> {
    match decode(bytes)?.payload {
        Some(Payload::Sr(resp)) if resp.status == Status::Success as i32 => Ok(()),
        Some(Payload::Sr(resp)) => Err(Error::Unexpected(alloc::format!(
            "sec0 session response with status {}",
            resp.status
        ))),
        _ => Err(Error::Malformed {
            what: "S0SessionResp",
        }),
    }
}

/// Where a scheme-0 client is in its one-round handshake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sec0State {
    Start,
    CommandSent,
    Established,
}

/// The client role of Security 0: one plaintext round trip, then plaintext traffic.
#[derive(Debug)]
pub struct Sec0Initiator {
    state: Sec0State,
}

impl Sec0Initiator {
    /// Creates a client that has not yet sent its session command.
    pub fn new() -> Self {
        Self {
            state: Sec0State::Start,
        }
    }
}

impl Default for Sec0Initiator {
    fn default() -> Self {
        Self::new()
    }
}

impl Cipher for Sec0Initiator {
    fn encrypt(&mut self, plaintext: &[u8]) -> Result<Vec<u8>, Error> {
        Ok(plaintext.to_vec())
    }

    fn decrypt(&mut self, ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
        Ok(ciphertext.to_vec())
    }
}

impl Initiator for Sec0Initiator {
    fn step(
        &mut self,
        response: Option<&[u8]>,
        _rng: &mut dyn CryptoRngCore,
    ) -> Result<Option<Vec<u8>>, Error> {
        match (self.state, response) {
            (_, None) => {
                self.state = Sec0State::CommandSent;
                Ok(Some(session_command()))
            }
            (Sec0State::CommandSent, Some(bytes)) => {
                self.state = Sec0State::Start;
                check_response(bytes)?;
                self.state = Sec0State::Established;
                Ok(None)
            }
            (_, Some(_)) => Err(Error::WrongState("sec0 response without a pending command")),
        }
    }

    fn is_established(&self) -> bool {
        self.state == Sec0State::Established
    }
}

/// The device role of Security 0: answers any scheme-0 session command.
#[derive(Debug, Default)]
pub struct Sec0Responder {
    established: bool,
}

impl Sec0Responder {
    /// Creates a device session that has not yet seen a session command.
    pub fn new() -> Self {
        Self::default()
    }
}

impl Cipher for Sec0Responder {
    fn encrypt(&mut self, plaintext: &[u8]) -> Result<Vec<u8>, Error> {
        Ok(plaintext.to_vec())
    }

    fn decrypt(&mut self, ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
        Ok(ciphertext.to_vec())
    }
}

impl Responder for Sec0Responder {
    fn handle(&mut self, request: &[u8], _rng: &mut dyn CryptoRngCore) -> Result<Vec<u8>, Error> {
        // Like ESP-IDF, only the scheme is checked, not the message type.
        decode(request)?;
        self.established = true;
        Ok(session_response())
    }

    fn is_established(&self) -> bool {
        self.established
    }

    fn reset(&mut self) {
        self.established = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_match_esp_prov_and_esp_idf() {
        assert_eq!(session_command(), [0x52, 0x03, 0xa2, 0x01, 0x00]);
        assert_eq!(
            session_response(),
            [0x52, 0x05, 0x08, 0x01, 0xaa, 0x01, 0x00]
        );
    }
}
