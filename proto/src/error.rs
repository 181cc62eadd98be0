//! The one error type of esprov-proto.

use alloc::string::String;

use crate::factory::FactoryDataError;

/// Everything that can go wrong while encoding, decoding or securing a provisioning message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The peer sent bytes that do not decode as the expected protobuf message.
    #[error("malformed {what} message")]
    Malformed {
        /// The message that failed to decode.
        what: &'static str,
    },
    /// The peer answered with a message of the wrong type or security scheme.
    #[error("unexpected message: {0}")]
    Unexpected(String),
    /// A message arrived that the handshake's current state does not allow.
    #[error("wrong handshake state: {0}")]
    WrongState(&'static str),
    /// Encrypted traffic was attempted before the handshake finished.
    #[error("secure session not established")]
    NotEstablished,
    /// Security 1: the other side's verify data did not match (usually a wrong PoP).
    #[error("verify data mismatch: wrong proof of possession")]
    VerifyMismatch,
    /// Security 2: the SRP proof did not match (wrong username or password).
    #[error("SRP proof mismatch: wrong username or password")]
    ProofMismatch,
    /// A value had an illegal length or range (key length, SRP public value, nonce).
    #[error("invalid parameter: {0}")]
    InvalidParameter(&'static str),
    /// Security 2 patch 1: the 32-bit nonce counter wrapped; the session must be restarted.
    #[error("nonce counter exhausted: restart the session")]
    NonceExhausted,
    /// AES-GCM authentication failed: the message was corrupted or the streams are out of step.
    #[error("decryption failed: authentication tag mismatch")]
    Decrypt,
    /// The device's proto-ver or a QR payload could not be understood.
    #[error("invalid {what}: {detail}")]
    InvalidJson {
        /// Which document was invalid.
        what: &'static str,
        /// What was wrong with it.
        detail: String,
    },
    /// A factory-data record could not be written or read.
    #[error(transparent)]
    FactoryData(#[from] FactoryDataError),
}
