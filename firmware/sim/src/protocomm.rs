//! The device as every transport sees it: protocomm's session and request entry points.

use std::sync::{Arc, Mutex};

/// A request the device refused; transports signal it the ESP-IDF way (HTTP: close the socket,
/// BLE: drop the link or ATT error, console: no answer line).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct HandlerError(pub String);

/// What a transport calls on the device, mirroring protocomm's `req_handle` and transport-session hooks.
pub trait Protocomm: Send {
    /// A transport session began (new cookie, BLE connection, console session id).
    fn open_session(&mut self, session_id: u32);
    /// A transport session ended; its security state is dropped.
    fn close_session(&mut self, session_id: u32);
    /// Whether `endpoint` is registered now (HTTP answers 404 otherwise).
    fn has_endpoint(&self, endpoint: &str) -> bool;
    /// Handles one request for one session, returning the response bytes.
    fn handle(
        &mut self,
        endpoint: &str,
        session_id: u32,
        request: &[u8],
    ) -> Result<Vec<u8>, HandlerError>;
    /// The device's log lines since the last call (ESP-IDF style), for a console to print.
    fn take_log(&mut self) -> Vec<String> {
        Vec::new()
    }
}

/// The device shared between transports and timers.
pub type SharedProtocomm = Arc<Mutex<dyn Protocomm>>;
