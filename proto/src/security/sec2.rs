//! Security 2: SRP-6a authentication, then AES-256-GCM with the patch-level IV rule.

use alloc::boxed::Box;
use alloc::vec::Vec;

use rand_core::CryptoRngCore;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::envelope;
use super::sec2_cipher::{Sec2Cipher, PATCH0_NONCE_LEN};
use super::srp::{ClientKeyPair, DeviceSession, Digest64, DIGEST_BYTES};
use super::{Cipher, Initiator, Responder, SaltMode};
use crate::messages::{
    sec2_payload::Payload, session_data::Proto, S2SessionCmd0, S2SessionCmd1, S2SessionResp0,
    S2SessionResp1, Sec2MsgType, Sec2Payload, SecSchemeVersion, Status,
};
use crate::Error;

/// Wraps a scheme-2 payload in `SessionData`.
fn encode(msg: Sec2MsgType, payload: Payload) -> Vec<u8> {
    let payload = Sec2Payload {
        msg: msg as i32,
        payload: Some(payload),
    };
    envelope::encode(SecSchemeVersion::SecScheme2, Proto::Sec2(payload))
}

/// Unwraps a scheme-2 payload from `SessionData`.
fn decode(bytes: &[u8]) -> Result<Sec2Payload, Error> {
    match envelope::decode(bytes, SecSchemeVersion::SecScheme2)? {
        Proto::Sec2(payload) => Ok(payload),
        _ => Err(envelope::wrong_payload("sec2")),
    }
}

/// Refuses a non-success status in a session response.
fn check_status(status: i32) -> Result<(), Error> {
    if status == Status::Success as i32 {
        Ok(())
    } else {
        Err(Error::Unexpected(alloc::format!(
            "session response with status {status}"
        )))
    }
}

/// Compares a received proof with the expected one in constant time.
fn proofs_match(received: &[u8], expected: &Digest64) -> bool {
    bool::from(received.ct_eq(expected))
}

/// The AES-256 key: the first 32 bytes of the 64-byte K.
fn aes_key(k: &Digest64) -> Zeroizing<[u8; 32]> {
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(k.get(..32).unwrap_or(&[0; 32]));
    key
}

/// Where a scheme-2 client is in its two-round handshake.
enum InitiatorState {
    Start,
    Cmd0Sent(ClientKeyPair),
    Cmd1Sent {
        key: Zeroizing<Digest64>,
        device_proof: Digest64,
    },
    Established(Box<Sec2Cipher>),
}

/// The client role of Security 2.
pub struct Sec2Initiator {
    username: Vec<u8>,
    password: Zeroizing<Vec<u8>>,
    patch: u8,
    salt_mode: SaltMode,
    state: InitiatorState,
}

impl Sec2Initiator {
    /// Creates a client for a device with this username, password and `sec_patch_ver`.
    pub fn new(username: Vec<u8>, password: Vec<u8>, patch: u8, salt_mode: SaltMode) -> Self {
        Self {
            username,
            password: Zeroizing::new(password),
            patch,
            salt_mode,
            state: InitiatorState::Start,
        }
    }

    /// Builds Cmd0: the username and PAD(A).
    fn command0(&mut self, rng: &mut dyn CryptoRngCore) -> Result<Vec<u8>, Error> {
        self.state = InitiatorState::Start;
        if self.username.is_empty() {
            return Err(Error::InvalidParameter("SRP username is empty"));
        }
        let keys = ClientKeyPair::generate(rng);
        let cmd0 = S2SessionCmd0 {
            client_username: self.username.clone(),
            client_pubkey: keys.public.clone(),
        };
        self.state = InitiatorState::Cmd0Sent(keys);
        Ok(encode(Sec2MsgType::S2SessionCommand0, Payload::Sc0(cmd0)))
    }

    /// Reads Resp0 (B and salt), derives K and builds Cmd1 with the raw 64-byte proof M.
    fn command1(
        &self,
        keys: &ClientKeyPair,
        response: &[u8],
    ) -> Result<(Vec<u8>, InitiatorState), Error> {
        let resp0 = match decode(response)?.payload {
            Some(Payload::Sr0(resp0)) => resp0,
            _ => {
                return Err(Error::Malformed {
                    what: "S2SessionResp0",
                })
            }
        };
        check_status(resp0.status)?;
        let credentials = (self.username.as_slice(), self.password.as_slice());
        let proofs = keys.session(
            credentials,
            &resp0.device_salt,
            &resp0.device_pubkey,
            self.salt_mode,
        )?;
        let cmd1 = S2SessionCmd1 {
            client_proof: proofs.client_proof.to_vec(),
        };
        let next = InitiatorState::Cmd1Sent {
            key: proofs.key,
            device_proof: proofs.device_proof,
        };
        Ok((
            encode(Sec2MsgType::S2SessionCommand1, Payload::Sc1(cmd1)),
            next,
        ))
    }

    /// Reads Resp1: checks HAMK and sets up GCM from the device nonce.
    fn finish(
        &self,
        key: &Digest64,
        device_proof: &Digest64,
        response: &[u8],
    ) -> Result<Sec2Cipher, Error> {
        let resp1 = match decode(response)?.payload {
            Some(Payload::Sr1(resp1)) => resp1,
            _ => {
                return Err(Error::Malformed {
                    what: "S2SessionResp1",
                })
            }
        };
        check_status(resp1.status)?;
        if !proofs_match(&resp1.device_proof, device_proof) {
            return Err(Error::ProofMismatch);
        }
        Sec2Cipher::new(&aes_key(key), &resp1.device_nonce, self.patch)
    }
}

impl Cipher for Sec2Initiator {
    fn encrypt(&mut self, plaintext: &[u8]) -> Result<Vec<u8>, Error> {
        match &mut self.state {
            InitiatorState::Established(cipher) => cipher.encrypt(plaintext),
            _ => Err(Error::NotEstablished),
        }
    }

    fn decrypt(&mut self, ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
        match &mut self.state {
            InitiatorState::Established(cipher) => cipher.decrypt(ciphertext),
            _ => Err(Error::NotEstablished),
        }
    }
}

impl Initiator for Sec2Initiator {
    fn step(
        &mut self,
        response: Option<&[u8]>,
        rng: &mut dyn CryptoRngCore,
    ) -> Result<Option<Vec<u8>>, Error> {
        let Some(response) = response else {
            return self.command0(rng).map(Some);
        };
        match core::mem::replace(&mut self.state, InitiatorState::Start) {
            InitiatorState::Cmd0Sent(keys) => {
                let (request, next) = self.command1(&keys, response)?;
                self.state = next;
                Ok(Some(request))
            }
            InitiatorState::Cmd1Sent { key, device_proof } => {
                let cipher = self.finish(&key, &device_proof, response)?;
                self.state = InitiatorState::Established(Box::new(cipher));
                Ok(None)
            }
            InitiatorState::Start | InitiatorState::Established(_) => {
                Err(Error::WrongState("sec2 response without a pending command"))
            }
        }
    }

    fn is_established(&self) -> bool {
        matches!(self.state, InitiatorState::Established(_))
    }
}

/// Where a scheme-2 device session is in the handshake.
enum ResponderState {
    Idle,
    Cmd0Done(Box<DeviceSession>),
    Established(Box<Sec2Cipher>),
}

/// The device role of Security 2, answering from a stored salt and verifier.
pub struct Sec2Responder {
    salt: Vec<u8>,
    verifier: Vec<u8>,
    patch: u8,
    state: ResponderState,
}

impl Sec2Responder {
    /// Creates a device session from the configured salt, verifier and `sec_patch_ver`.
    pub fn new(salt: Vec<u8>, verifier: Vec<u8>, patch: u8) -> Self {
        Self {
            salt,
            verifier,
            patch,
            state: ResponderState::Idle,
        }
    }

    /// Answers Cmd0 with bytes(B) and the salt; any earlier session is dropped.
    fn response0(
        &mut self,
        cmd0: Option<S2SessionCmd0>,
        rng: &mut dyn CryptoRngCore,
    ) -> Result<Vec<u8>, Error> {
        self.state = ResponderState::Idle;
        let cmd0 = cmd0.ok_or(Error::Malformed {
            what: "S2SessionCmd0",
        })?;
        let session = DeviceSession::start(
            &cmd0.client_username,
            &cmd0.client_pubkey,
            &self.salt,
            &self.verifier,
            rng,
        )?;
        let resp0 = S2SessionResp0 {
            status: Status::Success as i32,
            device_pubkey: session.public.clone(),
            device_salt: self.salt.clone(),
        };
        self.state = ResponderState::Cmd0Done(Box::new(session));
        Ok(encode(Sec2MsgType::S2SessionResponse0, Payload::Sr0(resp0)))
    }

    /// Answers Cmd1: checks M, then returns HAMK and the nonce the cipher starts from.
    fn response1(
        &mut self,
        cmd1: Option<S2SessionCmd1>,
        rng: &mut dyn CryptoRngCore,
    ) -> Result<Vec<u8>, Error> {
        let ResponderState::Cmd0Done(session) =
            core::mem::replace(&mut self.state, ResponderState::Idle)
        else {
            return Err(Error::WrongState("sec2 command 1 before command 0"));
        };
        let cmd1 = cmd1.ok_or(Error::Malformed {
            what: "S2SessionCmd1",
        })?;
        if cmd1.client_proof.len() != DIGEST_BYTES {
            return Err(Error::InvalidParameter("client proof length"));
        }
        if !proofs_match(&cmd1.client_proof, &session.proofs.client_proof) {
            return Err(Error::ProofMismatch);
        }
        let nonce = self.fresh_nonce(rng);
        let cipher = Sec2Cipher::new(&aes_key(&session.proofs.key), &nonce, self.patch)?;
        let resp1 = S2SessionResp1 {
            status: Status::Success as i32,
            device_proof: session.proofs.device_proof.to_vec(),
            device_nonce: nonce,
        };
        self.state = ResponderState::Established(Box::new(cipher));
        Ok(encode(Sec2MsgType::S2SessionResponse1, Payload::Sr1(resp1)))
    }

    /// Patch 0: 16 random bytes; patch 1: 8 random bytes ‖ counter 1.
    fn fresh_nonce(&self, rng: &mut dyn CryptoRngCore) -> Vec<u8> {
        let mut nonce = alloc::vec![0u8; PATCH0_NONCE_LEN];
        rng.fill_bytes(&mut nonce);
        if self.patch != 0 {
            nonce.truncate(8);
            nonce.extend_from_slice(&1u32.to_be_bytes());
        }
        nonce
    }
}

impl Cipher for Sec2Responder {
    fn encrypt(&mut self, plaintext: &[u8]) -> Result<Vec<u8>, Error> {
        match &mut self.state {
            ResponderState::Established(cipher) => cipher.encrypt(plaintext),
            _ => Err(Error::NotEstablished),
        }
    }

    fn decrypt(&mut self, ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
        match &mut self.state {
            ResponderState::Established(cipher) => cipher.decrypt(ciphertext),
            _ => Err(Error::NotEstablished),
        }
    }
}

impl Responder for Sec2Responder {
    fn handle(&mut self, request: &[u8], rng: &mut dyn CryptoRngCore) -> Result<Vec<u8>, Error> {
        let payload = decode(request)?;
        match (Sec2MsgType::try_from(payload.msg), payload.payload) {
            (Ok(Sec2MsgType::S2SessionCommand0), Some(Payload::Sc0(cmd0))) => {
                self.response0(Some(cmd0), rng)
            }
            (Ok(Sec2MsgType::S2SessionCommand0), _) => self.response0(None, rng),
            (Ok(Sec2MsgType::S2SessionCommand1), Some(Payload::Sc1(cmd1))) => {
                self.response1(Some(cmd1), rng)
            }
            (Ok(Sec2MsgType::S2SessionCommand1), _) => self.response1(None, rng),
            _ => Err(Error::Unexpected(alloc::format!(
                "sec2 message type {} from a client",
                payload.msg
            ))),
        }
    }

    fn is_established(&self) -> bool {
        matches!(self.state, ResponderState::Established(_))
    }

    fn reset(&mut self) {
        self.state = ResponderState::Idle;
    }
}
