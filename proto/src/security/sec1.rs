//! Security 1: X25519 key agreement, optional proof of possession, AES-256-CTR.

use alloc::vec::Vec;

use rand_core::CryptoRngCore;
use subtle::ConstantTimeEq;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::{Zeroize, Zeroizing};

use super::envelope;
use super::sec1_cipher::{session_key, Sec1Cipher};
use super::{Cipher, Initiator, Responder};
use crate::messages::{
    sec1_payload::Payload, session_data::Proto, Sec1MsgType, Sec1Payload, SecSchemeVersion,
    SessionCmd0, SessionCmd1, SessionResp0, SessionResp1, Status,
};
use crate::Error;

/// Length of an X25519 public key and of each verify value.
const KEY_LEN: usize = 32;
/// Length of `device_random`, the initial CTR counter block.
const RANDOM_LEN: usize = 16;

/// Wraps a scheme-1 payload in `SessionData`.
fn encode(msg: Sec1MsgType, payload: Payload) -> Vec<u8> {
    let payload = Sec1Payload {
        msg: msg as i32,
        payload: Some(payload),
    };
    envelope::encode(SecSchemeVersion::SecScheme1, Proto::Sec1(payload))
}

/// Unwraps a scheme-1 payload from `SessionData`.
fn decode(bytes: &[u8]) -> Result<Sec1Payload, Error> {
    match envelope::decode(bytes, SecSchemeVersion::SecScheme1)? {
        Proto::Sec1(payload) => Ok(payload),
        _ => Err(envelope::wrong_payload("sec1")),
    }
}

/// Copies a peer-supplied byte string into a fixed array, refusing any other length.
fn fixed<const N: usize>(bytes: &[u8], what: &'static str) -> Result<[u8; N], Error> {
    bytes.try_into().map_err(|_| Error::InvalidParameter(what))
}

/// Draws a fresh X25519 secret from the caller's randomness.
fn random_secret(rng: &mut dyn CryptoRngCore) -> StaticSecret {
    let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
    rng.fill_bytes(bytes.as_mut());
    StaticSecret::from(*bytes)
}

/// Agrees on the session key with the peer, refusing low-order peer keys.
fn agree(
    secret: &StaticSecret,
    peer: [u8; KEY_LEN],
    pop: &[u8],
) -> Result<Zeroizing<[u8; 32]>, Error> {
    let shared = secret.diffie_hellman(&PublicKey::from(peer));
    if !shared.was_contributory() {
        return Err(Error::InvalidParameter("X25519 public key of low order"));
    }
    Ok(session_key(&shared, pop))
}

/// Compares a decrypted verify value with the expected public key in constant time.
fn check_verify(decrypted: &[u8], expected: &[u8; KEY_LEN]) -> Result<(), Error> {
    if bool::from(decrypted.ct_eq(expected)) {
        Ok(())
    } else {
        Err(Error::VerifyMismatch)
    }
}

/// Where a scheme-1 client is in its two-round handshake.
enum InitiatorState {
    Start,
    Cmd0Sent {
        secret: StaticSecret,
        public: [u8; KEY_LEN],
    },
    Cmd1Sent {
        cipher: Sec1Cipher,
        public: [u8; KEY_LEN],
    },
    Established(Sec1Cipher),
}

/// The client role of Security 1.
pub struct Sec1Initiator {
    pop: Zeroizing<Vec<u8>>,
    state: InitiatorState,
}

impl Sec1Initiator {
    /// Creates a client with the device's proof of possession (empty when it has none).
    pub fn new(pop: Vec<u8>) -> Self {
        Self {
            pop: Zeroizing::new(pop),
            state: InitiatorState::Start,
        }
    }

    /// Builds Cmd0 with a fresh key pair.
    fn command0(&mut self, rng: &mut dyn CryptoRngCore) -> Vec<u8> {
        let secret = random_secret(rng);
        let public = PublicKey::from(&secret).to_bytes();
        self.state = InitiatorState::Cmd0Sent { secret, public };
        let cmd = SessionCmd0 {
            client_pubkey: public.to_vec(),
        };
        encode(Sec1MsgType::SessionCommand0, Payload::Sc0(cmd))
    }

    /// Reads Resp0, derives the keystream and builds Cmd1 with the client verify value.
    fn command1(
        &self,
        secret: &StaticSecret,
        public: [u8; KEY_LEN],
        response: &[u8],
    ) -> Result<(Vec<u8>, InitiatorState), Error> {
        let resp0 = match decode(response)?.payload {
            Some(Payload::Sr0(resp0)) => resp0,
            _ => {
                return Err(Error::Malformed {
                    what: "SessionResp0",
                })
            }
        };
        check_status(resp0.status)?;
        let device_pubkey = fixed::<KEY_LEN>(&resp0.device_pubkey, "device_pubkey length")?;
        let random = fixed::<RANDOM_LEN>(&resp0.device_random, "device_random length")?;
        let key = agree(secret, device_pubkey, &self.pop)?;
        let mut cipher = Sec1Cipher::new(&key, &random);
        let cmd = SessionCmd1 {
            client_verify_data: cipher.apply(&device_pubkey),
        };
        let request = encode(Sec1MsgType::SessionCommand1, Payload::Sc1(cmd));
        Ok((request, InitiatorState::Cmd1Sent { cipher, public }))
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

/// Reads Resp1 and checks the device verify value against the client's own public key.
fn finish(
    mut cipher: Sec1Cipher,
    public: [u8; KEY_LEN],
    response: &[u8],
) -> Result<Sec1Cipher, Error> {
    let resp1 = match decode(response)?.payload {
        Some(Payload::Sr1(resp1)) => resp1,
        _ => {
            return Err(Error::Malformed {
                what: "SessionResp1",
            })
        }
    };
    check_status(resp1.status)?;
    let verify = fixed::<KEY_LEN>(&resp1.device_verify_data, "device_verify_data length")?;
    let mut decrypted = cipher.apply(&verify);
    let checked = check_verify(&decrypted, &public);
    decrypted.zeroize();
    checked.map(|()| cipher)
}

impl Cipher for Sec1Initiator {
    fn encrypt(&mut self, plaintext: &[u8]) -> Result<Vec<u8>, Error> {
        match &mut self.state {
            InitiatorState::Established(cipher) => Ok(cipher.apply(plaintext)),
            _ => Err(Error::NotEstablished),
        }
    }

    fn decrypt(&mut self, ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
        self.encrypt(ciphertext)
    }
}

impl Initiator for Sec1Initiator {
    fn step(
        &mut self,
        response: Option<&[u8]>,
        rng: &mut dyn CryptoRngCore,
    ) -> Result<Option<Vec<u8>>, Error> {
        let Some(response) = response else {
            return Ok(Some(self.command0(rng)));
        };
        match core::mem::replace(&mut self.state, InitiatorState::Start) {
            InitiatorState::Cmd0Sent { secret, public } => {
                let (request, next) = self.command1(&secret, public, response)?;
                self.state = next;
                Ok(Some(request))
            }
            InitiatorState::Cmd1Sent { cipher, public } => {
                self.state = InitiatorState::Established(finish(cipher, public, response)?);
                Ok(None)
            }
            InitiatorState::Start | InitiatorState::Established(_) => {
                Err(Error::WrongState("sec1 response without a pending command"))
            }
        }
    }

    fn is_established(&self) -> bool {
        matches!(self.state, InitiatorState::Established(_))
    }
}

/// Where a scheme-1 device session is in the handshake.
enum ResponderState {
    Idle,
    Cmd0Done {
        cipher: Sec1Cipher,
        device_pubkey: [u8; KEY_LEN],
        client_pubkey: [u8; KEY_LEN],
    },
    Established(Sec1Cipher),
}

/// The device role of Security 1.
pub struct Sec1Responder {
    pop: Zeroizing<Vec<u8>>,
    state: ResponderState,
}

impl Sec1Responder {
    /// Creates a device session with its proof of possession (empty when it has none).
    pub fn new(pop: Vec<u8>) -> Self {
        Self {
            pop: Zeroizing::new(pop),
            state: ResponderState::Idle,
        }
    }

    /// Answers Cmd0: a fresh key pair and device random; any earlier session is dropped.
    fn response0(
        &mut self,
        cmd0: Option<SessionCmd0>,
        rng: &mut dyn CryptoRngCore,
    ) -> Result<Vec<u8>, Error> {
        self.state = ResponderState::Idle;
        let cmd0 = cmd0.ok_or(Error::Malformed {
            what: "SessionCmd0",
        })?;
        let client_pubkey = fixed::<KEY_LEN>(&cmd0.client_pubkey, "client_pubkey length")?;
        let secret = random_secret(rng);
        let device_pubkey = PublicKey::from(&secret).to_bytes();
        let key = agree(&secret, client_pubkey, &self.pop)?;
        let mut random = [0u8; RANDOM_LEN];
        rng.fill_bytes(&mut random);
        self.state = ResponderState::Cmd0Done {
            cipher: Sec1Cipher::new(&key, &random),
            device_pubkey,
            client_pubkey,
        };
        let resp0 = SessionResp0 {
            status: Status::Success as i32,
            device_pubkey: device_pubkey.to_vec(),
            device_random: random.to_vec(),
        };
        Ok(encode(Sec1MsgType::SessionResponse0, Payload::Sr0(resp0)))
    }

    /// Answers Cmd1: checks the client verify value and returns the device verify value.
    fn response1(&mut self, cmd1: Option<SessionCmd1>) -> Result<Vec<u8>, Error> {
        let state = core::mem::replace(&mut self.state, ResponderState::Idle);
        let ResponderState::Cmd0Done {
            mut cipher,
            device_pubkey,
            client_pubkey,
        } = state
        else {
            return Err(Error::WrongState("sec1 command 1 before command 0"));
        };
        let cmd1 = cmd1.ok_or(Error::Malformed {
            what: "SessionCmd1",
        })?;
        let verify = fixed::<KEY_LEN>(&cmd1.client_verify_data, "client_verify_data length")?;
        let mut decrypted = cipher.apply(&verify);
        let checked = check_verify(&decrypted, &device_pubkey);
        decrypted.zeroize();
        checked?;
        let resp1 = SessionResp1 {
            status: Status::Success as i32,
            device_verify_data: cipher.apply(&client_pubkey),
        };
        self.state = ResponderState::Established(cipher);
        Ok(encode(Sec1MsgType::SessionResponse1, Payload::Sr1(resp1)))
    }
}

impl Cipher for Sec1Responder {
    fn encrypt(&mut self, plaintext: &[u8]) -> Result<Vec<u8>, Error> {
        match &mut self.state {
            ResponderState::Established(cipher) => Ok(cipher.apply(plaintext)),
            _ => Err(Error::NotEstablished),
        }
    }

    fn decrypt(&mut self, ciphertext: &[u8]) -> Result<Vec<u8>, Error> {
        self.encrypt(ciphertext)
    }
}

impl Responder for Sec1Responder {
    fn handle(&mut self, request: &[u8], rng: &mut dyn CryptoRngCore) -> Result<Vec<u8>, Error> {
        let payload = decode(request)?;
        match (Sec1MsgType::try_from(payload.msg), payload.payload) {
            (Ok(Sec1MsgType::SessionCommand0), Some(Payload::Sc0(cmd0))) => {
                self.response0(Some(cmd0), rng)
            }
            (Ok(Sec1MsgType::SessionCommand0), _) => self.response0(None, rng),
            (Ok(Sec1MsgType::SessionCommand1), Some(Payload::Sc1(cmd1))) => {
                self.response1(Some(cmd1))
            }
            (Ok(Sec1MsgType::SessionCommand1), _) => self.response1(None),
            _ => Err(Error::Unexpected(alloc::format!(
                "sec1 message type {} from a client",
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
