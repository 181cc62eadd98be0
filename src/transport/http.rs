//! HTTP transport (SoftAP scheme or any IP interface): one keep-alive connection, the session cookie
//! echoed, every failure mapped to the cause a user can act on (PROTOCOL.md §3.1).

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use esprov_proto::endpoint::Endpoint;
use esprov_proto::version;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::client::conn::http1::{self, SendRequest};
use hyper::header::{
    HeaderMap, HeaderValue, ACCEPT, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, HOST, SET_COOKIE,
};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::task::JoinHandle;

use crate::transport::Transport;
use crate::Error;

/// The address phone apps and esp_prov use for a device's SoftAP when none is given.
pub const DEFAULT_DEVICE: &str = "192.168.4.1:80";
/// The port protocomm's HTTP server listens on unless the application changed it.
pub const DEFAULT_PORT: u16 = 80;
/// The largest request body the device's HTTP handler accepts (`MAX_REQ_BODY_LEN`).
pub const MAX_BODY_LEN: usize = 4096;
/// The largest answer body read from a device. ESP-IDF's protocomm httpd refuses request bodies
/// over 4 KiB (`MAX_REQ_BODY_LEN`), and its answers are of the same size class (the largest, a
/// 16-entry scan page, is about 1 KiB; a sec2 handshake answer about 0.5 KiB). Four times the
/// request limit leaves room for any firmware's custom endpoint while a hostile device streaming
/// an endless body costs at most this much memory.
pub const MAX_ANSWER_LEN: usize = 4 * MAX_BODY_LEN;

/// Why a request failed when the device dropped the connection instead of answering.
pub const CLOSED_WITHOUT_ANSWER: &str = "the device closed the connection without answering";

/// A device address as the user writes it: `HOST[:PORT]`, IPv6 in brackets when a port follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceAddr {
    /// Host name or IP literal (IPv6 without brackets).
    pub host: String,
    /// TCP port.
    pub port: u16,
}

impl DeviceAddr {
    /// Parses `HOST[:PORT]` (an `http://` prefix and a trailing `/` are tolerated); an empty
    /// string means [`DEFAULT_DEVICE`].
    pub fn parse(text: &str) -> Result<Self, Error> {
        let text = text.trim();
        let text = text.strip_prefix("http://").unwrap_or(text);
        let text = text.strip_suffix('/').unwrap_or(text);
        let text = if text.is_empty() {
            DEFAULT_DEVICE
        } else {
            text
        };
        let bad = |why: &str| Error::Usage(format!("invalid device address {text:?}: {why}"));
        let (host, port) = split_host_port(text).map_err(bad)?;
        let port = match port {
            None => DEFAULT_PORT,
            Some(p) => p
                .parse::<u16>()
                .ok()
                .filter(|p| *p != 0)
                .ok_or_else(|| bad("the port must be a number from 1 to 65535"))?,
        };
        if host.is_empty() || host.contains(['/', '?', '#', '@', ' ']) {
            return Err(bad("expected HOST[:PORT]"));
        }
        Ok(DeviceAddr {
            host: host.to_owned(),
            port,
        })
    }
}

/// Splits `host:port`, `[v6]:port`, `[v6]`, bare `v6` or `host`.
fn split_host_port(text: &str) -> Result<(&str, Option<&str>), &'static str> {
    if let Some(rest) = text.strip_prefix('[') {
        let (host, after) = rest.split_once(']').ok_or("missing ']'")?;
        return match after {
            "" => Ok((host, None)),
            _ => after
                .strip_prefix(':')
                .map(|p| (host, Some(p)))
                .ok_or("expected ':' after ']'"),
        };
    }
    match text.matches(':').count() {
        0 => Ok((text, None)),
        1 => Ok(text
            .split_once(':')
            .map(|(h, p)| (h, Some(p)))
            .unwrap_or((text, None))),
        _ => Ok((text, None)),
    }
}

impl fmt::Display for DeviceAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

/// Time bounds of the HTTP transport; every request is bounded by `request_timeout`.
#[derive(Debug, Clone, Copy)]
pub struct HttpOptions {
    /// Bound on establishing the TCP connection.
    pub connect_timeout: Duration,
    /// Bound on one request, from sending to the last response byte.
    pub request_timeout: Duration,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(10),
        }
    }
}

/// A protocomm HTTP client: POST `/<endpoint>` over one persistent HTTP/1.1 connection.
///
/// Never more than one connection at a time: protocomm's own httpd keeps one socket and evicts
/// the older on a new connection (`max_open_sockets = 1`, LRU purge), so a client that opens a
/// spare connection (as a pooling client does under load) cuts its own request off.
pub struct HttpTransport {
    addr: DeviceAddr,
    options: HttpOptions,
    /// The open connection; `None` until the first request, after `close`, and after a failure.
    connection: Option<Connection>,
    cookie: Option<HeaderValue>,
}

/// One open connection: the request half, and the task that drives its socket.
struct Connection {
    sender: SendRequest<Full<Bytes>>,
    driver: JoinHandle<()>,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.driver.abort();
    }
}

/// The largest response head read (status line and headers); a protocomm answer's is ~100 bytes.
const MAX_HEAD_BUF: usize = 16 * 1024;

impl HttpTransport {
    /// Creates a transport for `HOST[:PORT]`; nothing is sent until the first request.
    pub fn new(device: &str, options: HttpOptions) -> Result<Self, Error> {
        Self::with_addr(DeviceAddr::parse(device)?, options)
    }

    /// Creates a transport for an already parsed address.
    pub fn with_addr(addr: DeviceAddr, options: HttpOptions) -> Result<Self, Error> {
        Ok(HttpTransport {
            addr,
            options,
            connection: None,
            cookie: None,
        })
    }

    /// The device address this transport talks to.
    pub fn addr(&self) -> &DeviceAddr {
        &self.addr
    }

    /// Changes the bound on each later request (a blocking scan may need longer).
    pub fn set_request_timeout(&mut self, timeout: Duration) {
        self.options.request_timeout = timeout;
    }

    /// The session cookie the device set, as it will be echoed (`session=<id>`).
    pub fn cookie(&self) -> Option<&str> {
        self.cookie.as_ref().and_then(|c| c.to_str().ok())
    }

    fn remember_cookie(&mut self, headers: &HeaderMap) {
        let Some(value) = headers.get(SET_COOKIE) else {
            return;
        };
        // The cookie pair is everything before the first attribute; the device sends none.
        let pair = value
            .as_bytes()
            .split(|b| *b == b';')
            .next()
            .unwrap_or_default();
        match HeaderValue::from_bytes(pair.trim_ascii()) {
            Ok(cookie) if !cookie.is_empty() => {
                tracing::debug!(cookie = ?cookie, "device set the session cookie");
                self.cookie = Some(cookie);
            }
            _ => tracing::debug!("ignoring an unusable Set-Cookie header"),
        }
    }

    /// One request and its answer within the request bound; any failure drops the connection,
    /// whose state is then unknown.
    async fn post(&mut self, endpoint: &str, body: Vec<u8>) -> Result<Vec<u8>, Error> {
        tracing::debug!(endpoint, len = %super::logged_len(endpoint, body.len()), peer = %self.addr, "POST");
        let bound = self.options.request_timeout;
        let answer = match tokio::time::timeout(bound, self.exchange(endpoint, body)).await {
            Ok(answer) => answer,
            Err(_) => Err(Error::RequestTimeout {
                what: format!("{} to answer {endpoint}", self.addr),
                after: bound,
            }),
        };
        if answer.is_err() {
            self.connection = None;
        }
        answer
    }

    async fn exchange(&mut self, endpoint: &str, body: Vec<u8>) -> Result<Vec<u8>, Error> {
        let request = self.request_for(endpoint, body)?;
        let response = self.send(endpoint, request).await?;
        let status = response.status();
        if status != StatusCode::OK {
            // Not read: an error page (or a redirect's target) is of no use and could be huge.
            tracing::debug!(endpoint, status = status.as_u16(), "response");
            return Err(rejected_status(endpoint, status));
        }
        self.remember_cookie(response.headers());
        let body = self.read_capped(endpoint, response).await?;
        tracing::debug!(endpoint, len = body.len(), "response");
        Ok(body)
    }

    fn request_for(&self, endpoint: &str, body: Vec<u8>) -> Result<Request<Full<Bytes>>, Error> {
        let mut request = Request::post(format!("/{endpoint}"))
            .header(HOST, self.addr.to_string())
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(ACCEPT, "text/plain");
        if let Some(cookie) = &self.cookie {
            request = request.header(COOKIE, cookie.clone());
        }
        request
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| Error::Usage(format!("cannot send to endpoint {endpoint:?}: {e}")))
    }

    /// Sends on the open connection, or on a new one. A request a connection never wrote (the
    /// device had closed it while idle) goes once more on a fresh connection; one that was
    /// written is never sent twice.
    async fn send(
        &mut self,
        endpoint: &str,
        mut request: Request<Full<Bytes>>,
    ) -> Result<Response<Incoming>, Error> {
        let mut retry_unsent = true;
        loop {
            let connection = self.open().await?;
            let sent = match connection.sender.ready().await {
                Ok(()) => connection.sender.try_send_request(request).await,
                Err(error) if retry_unsent => {
                    tracing::debug!(%error, "the idle connection closed; reconnecting");
                    self.connection = None;
                    retry_unsent = false;
                    continue;
                }
                Err(error) => return Err(self.classify(endpoint, &error)),
            };
            match sent {
                Ok(response) => return Ok(response),
                Err(mut failed) => {
                    self.connection = None;
                    match failed.take_message() {
                        Some(unsent) if retry_unsent => {
                            tracing::debug!(
                                "the idle connection closed before the request; reconnecting"
                            );
                            request = unsent;
                            retry_unsent = false;
                        }
                        _ => return Err(self.classify(endpoint, failed.error())),
                    }
                }
            }
        }
    }

    /// The open connection, or a new one when there is none or the device closed it.
    async fn open(&mut self) -> Result<&mut Connection, Error> {
        let connection = match self.connection.take() {
            Some(open) if !open.sender.is_closed() => open,
            _ => self.connect().await?,
        };
        Ok(self.connection.insert(connection))
    }

    async fn connect(&self) -> Result<Connection, Error> {
        let peer = self.addr.to_string();
        let bound = self.options.connect_timeout;
        let target = (self.addr.host.as_str(), self.addr.port);
        let tcp = tokio::time::timeout(bound, TcpStream::connect(target))
            .await
            .map_err(|_| Error::Timeout {
                what: format!("a connection to {peer}"),
                after: bound,
            })?
            .map_err(|e| Error::Unreachable {
                peer: peer.clone(),
                reason: e.to_string(),
            })?;
        let _ = tcp.set_nodelay(true);
        tracing::debug!(peer = %peer, "connected");
        let (sender, connection) = http1::Builder::new()
            .max_buf_size(MAX_HEAD_BUF)
            .handshake(TokioIo::new(tcp))
            .await
            .map_err(|e| Error::TransportLost {
                peer,
                reason: root_cause(&e),
            })?;
        let driver = tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended");
            }
        });
        Ok(Connection { sender, driver })
    }

    /// Reads the answer body, refusing it as soon as it is known to pass [`MAX_ANSWER_LEN`]
    /// (from Content-Length, or while streaming); the request bound limits the time.
    async fn read_capped(
        &self,
        endpoint: &str,
        response: Response<Incoming>,
    ) -> Result<Vec<u8>, Error> {
        let too_large = |size: String| Error::AnswerTooLarge {
            endpoint: endpoint.to_owned(),
            size,
            limit: MAX_ANSWER_LEN,
        };
        let declared = response
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        if let Some(len) = declared.filter(|len| *len > MAX_ANSWER_LEN as u64) {
            return Err(too_large(format!("{len} bytes (Content-Length)")));
        }
        let mut incoming = response.into_body();
        let mut body = Vec::new();
        while let Some(frame) = incoming.frame().await {
            let frame = frame.map_err(|e| self.classify(endpoint, &e))?;
            let Ok(chunk) = frame.into_data() else {
                continue;
            };
            if body.len() + chunk.len() > MAX_ANSWER_LEN {
                return Err(too_large(format!("more than {MAX_ANSWER_LEN} bytes")));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    fn classify(&self, endpoint: &str, error: &hyper::Error) -> Error {
        classify(endpoint, &self.addr.to_string(), error)
    }
}

fn rejected_status(endpoint: &str, status: StatusCode) -> Error {
    let hint = match status {
        StatusCode::NOT_FOUND => {
            ": the device has no such endpoint (older firmware, or provisioning stopped)"
        }
        StatusCode::METHOD_NOT_ALLOWED => ": not a protocomm endpoint",
        s if s.is_redirection() => {
            ": a redirect, which esprov never follows (a protocomm device does not redirect)"
        }
        _ => "",
    };
    Error::Rejected {
        endpoint: endpoint.to_owned(),
        reason: format!("HTTP status {status}{hint}"),
    }
}

/// Maps a failure on an open connection to the error a user can act on (see the module docs).
fn classify(endpoint: &str, peer: &str, error: &hyper::Error) -> Error {
    if closed_without_response(error) {
        return if endpoint == Endpoint::ProvSession.name() {
            Error::Security(
                "device closed the connection during the handshake: wrong PoP or credentials?"
                    .into(),
            )
        } else {
            Error::Rejected {
                endpoint: endpoint.to_owned(),
                reason: CLOSED_WITHOUT_ANSWER.into(),
            }
        };
    }
    Error::TransportLost {
        peer: peer.to_owned(),
        reason: root_cause(error),
    }
}

/// Whether the peer dropped the connection instead of answering (protocomm's way to refuse).
fn closed_without_response(error: &hyper::Error) -> bool {
    if error.is_incomplete_message() || error.is_canceled() || error.is_closed() {
        return true;
    }
    let mut source: Option<&(dyn StdError + 'static)> = error.source();
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::*;
            if matches!(
                io.kind(),
                ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof
            ) {
                return true;
            }
        }
        source = cause.source();
    }
    false
}

fn root_cause(error: &(dyn StdError + 'static)) -> String {
    let mut cause = error;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

#[async_trait]
impl Transport for HttpTransport {
    async fn request(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        let body = if !payload.is_empty() {
            payload.to_vec()
        } else if endpoint == Endpoint::ProtoVer.name() {
            version::REQUEST.to_vec()
        } else {
            return Err(Error::Usage(format!(
                "cannot send an empty request to {endpoint}: the device rejects empty HTTP bodies"
            )));
        };
        if body.len() > MAX_BODY_LEN {
            return Err(Error::Usage(format!(
                "request to {endpoint} is {} bytes; the device accepts at most {MAX_BODY_LEN}",
                body.len()
            )));
        }
        self.post(endpoint, body).await
    }

    async fn request_raw(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        self.post(endpoint, payload.to_vec()).await
    }

    async fn new_transport_session(&mut self) -> Result<(), Error> {
        self.close().await;
        Ok(())
    }

    fn max_request_len(&self) -> Option<usize> {
        Some(MAX_BODY_LEN)
    }

    fn peer(&self) -> String {
        self.addr.to_string()
    }

    async fn close(&mut self) {
        // Dropping the connection closes its socket; the cookie belongs to that session.
        self.connection = None;
        self.cookie = None;
    }
}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
