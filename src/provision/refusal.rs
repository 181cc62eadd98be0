//! Why a device refused new credentials or a reset: asked, not guessed, so the advice is right.
//!
//! A connected device refuses SetConfig, ApplyConfig and CtrlReset alike; only CtrlReprov makes it
//! take new credentials. After a failed attempt it wants CtrlReset instead.

use super::{get_status, WifiStatus};
use crate::session::Session;
use crate::transport::Transport;
use crate::Error;

/// Turns a refusal into [`Error::AlreadyConnected`] when GetStatus says the device is connected;
/// any other error, or a status that cannot be read, keeps the original error.
pub async fn explain_refusal<T: Transport>(session: &mut Session<T>, error: Error) -> Error {
    if !matches!(error, Error::Rejected { .. }) {
        return error;
    }
    match get_status(session).await {
        Ok(WifiStatus::Connected(info)) => Error::AlreadyConnected {
            peer: session.peer(),
            ssid: info.ssid,
        },
        _ => error,
    }
}
