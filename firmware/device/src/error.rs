//! Why a request or an application call was refused.

use esprov_proto::Error as ProtoError;

use crate::platform::PlatformError;

/// A request the device refuses; the transport fails it the ESP-IDF way (close the socket, drop
/// the BLE link or answer an ATT error) and never sends a protobuf error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    /// The endpoint is not registered now.
    #[error("no such endpoint")]
    UnknownEndpoint,
    /// The request names a transport session other than the current one.
    #[error("invalid session id {0}")]
    InvalidSession(u32),
    /// An encrypted endpoint was used before the handshake finished.
    #[error("secure session not established")]
    NotEstablished,
    /// The handshake or the cipher failed.
    #[error("security: {0}")]
    Security(ProtoError),
    /// The request did not decode as the endpoint's message.
    #[error("malformed {0} request")]
    Malformed(&'static str),
    /// The `msg` field names no command this endpoint handles.
    #[error("unknown message type {0}")]
    UnknownMessage(i32),
    /// The command's sub-message is missing (ESP-IDF ≤ v5.5 would dereference NULL).
    #[error("missing {0} payload")]
    MissingPayload(&'static str),
    /// A custom endpoint's handler failed.
    #[error("endpoint handler failed")]
    Handler,
}

/// An application call the manager refuses in its current state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ManagerError {
    /// The call is not allowed in this state (e.g. create an endpoint after start).
    #[error("not allowed now: {0}")]
    InvalidState(&'static str),
    /// The endpoint name is not created.
    #[error("no such endpoint")]
    UnknownEndpoint,
    /// The endpoint name is taken.
    #[error("endpoint already exists")]
    DuplicateEndpoint,
    /// No 16-bit id is left for another custom endpoint.
    #[error("no endpoint id left")]
    NoEndpointId,
    /// The credential store or the station failed.
    #[error(transparent)]
    Platform(#[from] PlatformError),
}
