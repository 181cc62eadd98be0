//! One link shared by every check, for transports that cannot be reopened at will (a serial
//! port): each "connection" is a new transport session on the same link.

use std::sync::Arc;

use async_trait::async_trait;
use tokio::sync::Mutex;

use super::context::Connect;
use crate::transport::console::DeviceLog;
use crate::transport::Transport;
use crate::Error;

/// A [`Connect`] over one open transport; `connect` starts a new transport session on it.
pub struct SharedLink {
    link: Arc<Mutex<Box<dyn Transport>>>,
    peer: String,
    log: Option<DeviceLog>,
}

impl SharedLink {
    /// Shares `transport` between the checks.
    pub fn new(transport: Box<dyn Transport>) -> Self {
        let peer = transport.peer();
        let log = transport.device_log();
        SharedLink {
            link: Arc::new(Mutex::new(transport)),
            peer,
            log,
        }
    }
}

#[async_trait]
impl Connect for SharedLink {
    async fn connect(&self) -> Result<Box<dyn Transport>, Error> {
        self.link.lock().await.new_transport_session().await?;
        Ok(Box::new(Handle {
            link: self.link.clone(),
            peer: self.peer.clone(),
        }))
    }

    fn peer(&self) -> String {
        self.peer.clone()
    }

    async fn reset_board(&self) -> Result<bool, Error> {
        self.link.lock().await.reset_board().await
    }

    fn take_log(&self) -> Vec<String> {
        self.log.as_ref().map(DeviceLog::take).unwrap_or_default()
    }
}

/// One check's view of the shared link; closing it leaves the link open.
struct Handle {
    link: Arc<Mutex<Box<dyn Transport>>>,
    peer: String,
}

#[async_trait]
impl Transport for Handle {
    async fn request(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        self.link.lock().await.request(endpoint, payload).await
    }

    async fn request_raw(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        self.link.lock().await.request_raw(endpoint, payload).await
    }

    async fn new_transport_session(&mut self) -> Result<(), Error> {
        self.link.lock().await.new_transport_session().await
    }

    fn max_request_len(&self) -> Option<usize> {
        None
    }

    fn peer(&self) -> String {
        self.peer.clone()
    }
}
