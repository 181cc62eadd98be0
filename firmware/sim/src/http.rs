//! The HTTP transport with ESP-IDF's protocomm_httpd semantics (PROTOCOL.md §3.1).
//!
//! POST `/<endpoint>` only; bodies of 1..=4096 bytes; one cookie session with a same-socket
//! fallback; a handler error closes the socket with no response; one open connection, and a
//! new connection evicts the previous one.

mod conn;
mod request;

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::protocomm::SharedProtocomm;
use crate::SimError;
pub use conn::MAX_BODY_LEN;
pub use esprov_proto::httpd::MAX_COOKIE_LEN;

/// Limits that keep a slow or hostile client from holding the device forever.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// How long an open connection may sit between requests before it is closed.
    pub idle_timeout: Duration,
    /// How long each read of a started request (head or body) may take.
    pub recv_timeout: Duration,
    /// How long writing a response may take.
    pub send_timeout: Duration,
    /// Largest request head (request line + headers) accepted; larger gets 431.
    pub max_head_bytes: usize,
    /// Test fault: exit the process (a crash) on a body over the limit instead of refusing it.
    pub crash_on_oversize: bool,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            idle_timeout: Duration::from_secs(120),
            recv_timeout: Duration::from_secs(5),
            send_timeout: Duration::from_secs(5),
            max_head_bytes: 8 * 1024,
            crash_on_oversize: false,
        }
    }
}

/// Serves `device` over HTTP on `listener` with default limits until `shutdown` completes.
pub async fn serve_http(
    listener: TcpListener,
    device: SharedProtocomm,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), SimError> {
    serve_http_with(listener, device, HttpConfig::default(), shutdown).await
}

/// Serves `device` over HTTP on `listener` with the given limits until `shutdown` completes.
pub async fn serve_http_with(
    listener: TcpListener,
    device: SharedProtocomm,
    config: HttpConfig,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), SimError> {
    let shared = Arc::new(conn::Shared {
        device,
        binding: Mutex::new(Default::default()),
        config,
    });
    let mut current: Option<JoinHandle<()>> = None;
    let mut next_sock: u64 = 0;
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _peer)) => stream,
            Err(err) => {
                tracing::warn!(%err, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        evict(current.take()).await;
        let _ = stream.set_nodelay(true);
        next_sock += 1;
        current = Some(tokio::spawn(conn::serve_connection(
            stream,
            next_sock,
            shared.clone(),
        )));
    }
    evict(current.take()).await;
    Ok(())
}

/// Closes the previous connection (least recently used, as max_open_sockets = 1 makes it).
async fn evict(previous: Option<JoinHandle<()>>) {
    if let Some(task) = previous {
        task.abort();
        let _ = task.await;
    }
}
