//! How request bytes reach a device's endpoint: HTTP, BLE GATT or a serial console.

use async_trait::async_trait;

use crate::Error;

pub mod ble;
pub mod console;
pub mod http;

/// One connection to one device, delivering one request to a named endpoint and returning its response.
///
/// Implementations bound every operation by their own timeout and map a peer that drops the
/// connection to [`Error::TransportLost`] (or [`Error::Rejected`] when the protocol says the device
/// refused the message).
#[async_trait]
pub trait Transport: Send {
    /// Sends `payload` to `endpoint` and waits for the device's answer.
    async fn request(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error>;

    /// The largest request this transport can carry, when the device or link imposes one.
    fn max_request_len(&self) -> Option<usize> {
        None
    }

    /// A human-readable name of the peer, for messages and reports.
    fn peer(&self) -> String;

    /// Releases the connection; a later request reconnects or fails.
    async fn close(&mut self) {}
}
