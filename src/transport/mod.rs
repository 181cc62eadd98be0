//! How request bytes reach a device's endpoint: HTTP, BLE GATT or a serial console.

use async_trait::async_trait;

use crate::Error;

pub mod ble;
pub mod console;
pub mod http;

/// A request's length as logs show it: `<redacted>` for an endpoint whose requests may carry a
/// secret, whose length would tell the secret's.
pub(crate) fn logged_len(endpoint: &str, len: usize) -> String {
    if esprov_proto::endpoint::Endpoint::from_name(endpoint).carries_secrets() {
        "<redacted>".to_owned()
    } else {
        len.to_string()
    }
}

/// One connection to one device, delivering one request to a named endpoint and returning its response.
///
/// Implementations bound every operation by their own timeout and map a peer that drops the
/// connection to [`Error::TransportLost`] (or [`Error::Rejected`] when the protocol says the device
/// refused the message).
#[async_trait]
pub trait Transport: Send {
    /// Sends `payload` to `endpoint` and waits for the device's answer.
    async fn request(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error>;

    /// Sends `payload` as it is, without this client's own length checks, so a conformance check
    /// can see how the device treats a request it should refuse (oversized, empty, garbage).
    async fn request_raw(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        self.request(endpoint, payload).await
    }

    /// Starts a new transport session on the same link, as a second client would (HTTP: a new
    /// connection without the cookie; console: a fresh session id). Later requests belong to it.
    async fn new_transport_session(&mut self) -> Result<(), Error> {
        Err(Error::Unsupported(format!(
            "{} cannot start a second transport session on the same link",
            self.peer()
        )))
    }

    /// The largest request this transport can carry, when the device or link imposes one.
    fn max_request_len(&self) -> Option<usize> {
        None
    }

    /// A human-readable name of the peer, for messages and reports.
    fn peer(&self) -> String;

    /// The device's own log as this link sees it (a serial console), for failure reports.
    fn device_log(&self) -> Option<console::DeviceLog> {
        None
    }

    /// Resets the board (a serial port's RTS/DTR) and waits for it to boot; `Ok(false)` when
    /// this link cannot reset anything.
    async fn reset_board(&mut self) -> Result<bool, Error> {
        Ok(false)
    }

    /// Releases the connection; a later request reconnects or fails.
    async fn close(&mut self) {}
}

/// A boxed transport is a transport, so code can pick one at run time and still use [`Session`].
///
/// [`Session`]: crate::Session
#[async_trait]
impl<T: Transport + ?Sized> Transport for Box<T> {
    async fn request(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        (**self).request(endpoint, payload).await
    }

    async fn request_raw(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        (**self).request_raw(endpoint, payload).await
    }

    async fn new_transport_session(&mut self) -> Result<(), Error> {
        (**self).new_transport_session().await
    }

    fn max_request_len(&self) -> Option<usize> {
        (**self).max_request_len()
    }

    fn peer(&self) -> String {
        (**self).peer()
    }

    fn device_log(&self) -> Option<console::DeviceLog> {
        (**self).device_log()
    }

    async fn reset_board(&mut self) -> Result<bool, Error> {
        (**self).reset_board().await
    }

    async fn close(&mut self) {
        (**self).close().await;
    }
}
