//! One TCP connection: read requests, bind them to a session, call the device, reply or close.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

use super::request::{head_end, parse_head, RequestHead};
use super::HttpConfig;
use crate::protocomm::SharedProtocomm;
use esprov_proto::httpd::{cookie_value, Binding, SessionBinding};

/// The largest request body protocomm accepts over HTTP.
pub const MAX_BODY_LEN: usize = 4096;

/// State shared by the accept loop and the connection it currently serves.
pub(crate) struct Shared {
    pub device: SharedProtocomm,
    pub binding: Mutex<SessionBinding>,
    pub config: HttpConfig,
}

/// What the connection does after a request.
enum Next {
    KeepOpen,
    Close,
}

/// Serves requests on `stream` (socket number `sock`) until it closes, errs or is aborted.
pub(crate) async fn serve_connection(stream: TcpStream, sock: u64, shared: Arc<Shared>) {
    let _guard = SocketGuard {
        shared: shared.clone(),
        sock,
    };
    let mut conn = Conn {
        stream,
        buf: Vec::new(),
        config: shared.config.clone(),
    };
    loop {
        let head = match conn.read_head().await {
            Ok(Some(head)) => head,
            Ok(None) => break,
            Err(reply) => {
                if let Some(status) = reply {
                    let _ = conn.write_error(status).await;
                }
                break;
            }
        };
        if let Next::Close = serve_request(&mut conn, &head, sock, &shared).await {
            break;
        }
    }
    let _ = conn.stream.shutdown().await;
}

async fn serve_request(conn: &mut Conn, head: &RequestHead, sock: u64, shared: &Shared) -> Next {
    let endpoint = head.path.strip_prefix('/').unwrap_or_default();
    if !with_device(shared, |d| d.has_endpoint(endpoint)).unwrap_or(false) {
        let _ = conn.write_error("404 Not Found").await;
        return Next::Close;
    }
    if head.method != "POST" {
        let _ = conn.write_error("405 Method Not Allowed").await;
        return Next::Close;
    }
    let Some(binding) = bind(head, sock, shared) else {
        return Next::Close;
    };
    let Some(len) = body_len(head) else {
        if shared.config.crash_on_oversize && declared_len(head) > MAX_BODY_LEN {
            crate::crash("a request body over the limit");
        }
        return Next::Close;
    };
    let Ok(body) = conn.read_body(len).await else {
        return Next::Close;
    };
    let session = match binding {
        Binding::Continue(id) | Binding::New { id, .. } => id,
    };
    let reply = with_device(shared, |d| d.handle(endpoint, session, &body).ok()).flatten();
    let Some(reply) = reply else {
        tracing::debug!(
            endpoint,
            session,
            "handler failed; closing the socket without a response"
        );
        return Next::Close;
    };
    let cookie = matches!(binding, Binding::New { .. }).then_some(session);
    match conn.write_ok(&reply, cookie).await {
        Ok(()) => Next::KeepOpen,
        Err(_) => Next::Close,
    }
}

/// Binds the request to a session, closing the replaced session and opening the new one.
fn bind(head: &RequestHead, sock: u64, shared: &Shared) -> Option<Binding> {
    let binding = {
        let mut state = shared.binding.lock().ok()?;
        state.bind(head.header("Cookie"), sock, rand::random::<u32>)
    };
    if let Binding::New { id, replaced } = binding {
        tracing::debug!(id, ?replaced, "new HTTP session");
        with_device(shared, |d| {
            if let Some(old) = replaced {
                d.close_session(old);
            }
            d.open_session(id);
        })?;
    }
    Some(binding)
}

/// The Content-Length the client declared (0 when absent or unreadable).
fn declared_len(head: &RequestHead) -> usize {
    head.header("Content-Length")
        .and_then(|len| len.parse().ok())
        .unwrap_or(0)
}

/// The request body length, when it is given and within 1..=4096 (chunked bodies are refused).
/// As ESP-IDF's http_parser does, a length that is not all digits, or two `Content-Length`
/// headers that disagree, close the connection (a request smuggling guard).
fn body_len(head: &RequestHead) -> Option<usize> {
    if head.header("Transfer-Encoding").is_some() {
        return None;
    }
    let mut lengths = head
        .headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("Content-Length"))
        .map(|(_, value)| value.trim());
    let first = lengths.next()?;
    if first.is_empty() || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if lengths.any(|other| other != first) {
        return None;
    }
    let len: usize = first.parse().ok()?;
    (1..=MAX_BODY_LEN).contains(&len).then_some(len)
}

fn with_device<R>(
    shared: &Shared,
    f: impl FnOnce(&mut dyn crate::protocomm::Protocomm) -> R,
) -> Option<R> {
    let mut device = shared.device.lock().ok()?;
    Some(f(&mut *device))
}

/// Clears the socket tracking when the connection ends for any reason, eviction included.
struct SocketGuard {
    shared: Arc<Shared>,
    sock: u64,
}

impl Drop for SocketGuard {
    fn drop(&mut self) {
        if let Ok(mut binding) = self.shared.binding.lock() {
            binding.socket_closed(self.sock);
        }
    }
}

/// A socket with its read-ahead buffer.
struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    config: HttpConfig,
}

/// A failed head read: `Some(status)` to reply with before closing, `None` to just close.
type HeadFailure = Option<&'static str>;

impl Conn {
    /// Reads the next request head; `Ok(None)` when the peer closed or idled out between requests.
    async fn read_head(&mut self) -> Result<Option<RequestHead>, HeadFailure> {
        loop {
            if let Some(end) = head_end(&self.buf) {
                let head = parse_head(&self.buf[..end]).map_err(|_| Some("400 Bad Request"));
                self.buf.drain(..end);
                return head.map(Some);
            }
            if self.buf.len() > self.config.max_head_bytes {
                return Err(Some("431 Request Header Fields Too Large"));
            }
            let idle = self.buf.is_empty();
            let wait = if idle {
                self.config.idle_timeout
            } else {
                self.config.recv_timeout
            };
            match self.fill(wait).await {
                Ok(true) => {}
                Ok(false) if idle => return Ok(None),
                Ok(false) => return Err(None),
                Err(()) if idle => return Ok(None),
                Err(()) => return Err(Some("408 Request Timeout")),
            }
        }
    }

    /// Reads exactly `len` body bytes, each read bounded by the receive timeout.
    async fn read_body(&mut self, len: usize) -> Result<Vec<u8>, ()> {
        while self.buf.len() < len {
            if !self.fill(self.config.recv_timeout).await? {
                return Err(());
            }
        }
        Ok(self.buf.drain(..len).collect())
    }

    /// Appends what the socket has; `Ok(false)` on end of stream, `Err` on error or timeout.
    async fn fill(&mut self, wait: std::time::Duration) -> Result<bool, ()> {
        let mut chunk = [0u8; 2048];
        match timeout(wait, self.stream.read(&mut chunk)).await {
            Ok(Ok(0)) => Ok(false),
            Ok(Ok(n)) => {
                self.buf.extend_from_slice(&chunk[..n]);
                Ok(true)
            }
            Ok(Err(_)) | Err(_) => Err(()),
        }
    }

    async fn write_ok(&mut self, body: &[u8], cookie: Option<u32>) -> Result<(), ()> {
        let mut head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n",
            body.len()
        );
        if let Some(id) = cookie {
            head.push_str(&format!("Set-Cookie: {}\r\n", cookie_value(id)));
        }
        head.push_str("\r\n");
        let mut out = head.into_bytes();
        out.extend_from_slice(body);
        self.write_all(&out).await
    }

    async fn write_error(&mut self, status: &str) -> Result<(), ()> {
        let body = status.split_once(' ').map_or(status, |(_, text)| text);
        let out = format!(
            "HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        self.write_all(out.as_bytes()).await
    }

    async fn write_all(&mut self, bytes: &[u8]) -> Result<(), ()> {
        match timeout(self.config.send_timeout, self.stream.write_all(bytes)).await {
            Ok(Ok(())) => Ok(()),
            _ => Err(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(lengths: &[&str]) -> RequestHead {
        RequestHead {
            method: "POST".into(),
            path: "/prov-session".into(),
            headers: lengths
                .iter()
                .map(|v| ("Content-Length".to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn only_one_plain_decimal_length_is_accepted() {
        assert_eq!(body_len(&head(&["12"])), Some(12));
        assert_eq!(body_len(&head(&["12", "12"])), Some(12));
        assert_eq!(body_len(&head(&["12", "13"])), None, "conflicting lengths");
        assert_eq!(body_len(&head(&["+12"])), None, "a sign is not a digit");
        assert_eq!(body_len(&head(&["0x10"])), None);
        assert_eq!(body_len(&head(&[""])), None);
        assert_eq!(body_len(&head(&[])), None);
    }
}
