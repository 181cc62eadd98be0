//! Shared pieces of the HTTP transport tests: a recording device, a server on loopback and a raw client.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use esprov_sim::http::{serve_http_with, HttpConfig};
use esprov_sim::protocomm::{HandlerError, Protocomm, SharedProtocomm};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// Endpoints the recording device registers; `fail` always errors.
pub const ENDPOINTS: [&str; 3] = ["proto-ver", "prov-session", "fail"];

/// A device that logs session events and answers `<session>|<request>`.
#[derive(Default)]
pub struct Recorder {
    pub events: Vec<String>,
}

impl Protocomm for Recorder {
    fn open_session(&mut self, session_id: u32) {
        self.events.push(format!("open {session_id}"));
    }
    fn close_session(&mut self, session_id: u32) {
        self.events.push(format!("close {session_id}"));
    }
    fn has_endpoint(&self, endpoint: &str) -> bool {
        ENDPOINTS.contains(&endpoint)
    }
    fn handle(
        &mut self,
        endpoint: &str,
        session_id: u32,
        request: &[u8],
    ) -> Result<Vec<u8>, HandlerError> {
        if endpoint == "fail" {
            return Err(HandlerError("asked to fail".into()));
        }
        let mut out = format!("{session_id}|").into_bytes();
        out.extend_from_slice(request);
        Ok(out)
    }
}

/// A running server; dropping it stops the server.
pub struct Server {
    pub addr: SocketAddr,
    pub recorder: Arc<Mutex<Recorder>>,
    _stop: oneshot::Sender<()>,
}

impl Server {
    pub fn events(&self) -> Vec<String> {
        self.recorder.lock().unwrap().events.clone()
    }
}

/// Starts the HTTP transport on an ephemeral loopback port with short timeouts.
pub async fn start() -> Server {
    start_with(HttpConfig {
        idle_timeout: Duration::from_secs(10),
        recv_timeout: Duration::from_secs(2),
        ..HttpConfig::default()
    })
    .await
}

/// Starts the HTTP transport on an ephemeral loopback port with the given limits.
pub async fn start_with(config: HttpConfig) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let recorder = Arc::new(Mutex::new(Recorder::default()));
    let device: SharedProtocomm = recorder.clone();
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(serve_http_with(listener, device, config, async move {
        let _ = stopped.await;
    }));
    Server {
        addr,
        recorder,
        _stop: stop,
    }
}

/// A parsed response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// The session id the recorder saw (the part of the echo before `|`).
    pub fn session(&self) -> u32 {
        let text = String::from_utf8_lossy(&self.body);
        text.split('|').next().unwrap().parse().unwrap()
    }
}

/// One raw TCP connection to the server.
pub struct Client {
    stream: TcpStream,
    buf: Vec<u8>,
}

impl Client {
    pub async fn connect(server: &Server) -> Client {
        Client {
            stream: TcpStream::connect(server.addr).await.unwrap(),
            buf: Vec::new(),
        }
    }

    pub async fn send_raw(&mut self, bytes: &[u8]) {
        // The server may already have closed; a failed write shows up as a missing response.
        let _ = self.stream.write_all(bytes).await;
    }

    /// POSTs `body` to `path`, with a `Cookie` header when given, and reads the reply.
    pub async fn post(
        &mut self,
        path: &str,
        body: &[u8],
        cookie: Option<&str>,
    ) -> Option<Response> {
        self.request("POST", path, body, cookie).await
    }

    pub async fn request(
        &mut self,
        method: &str,
        path: &str,
        body: &[u8],
        cookie: Option<&str>,
    ) -> Option<Response> {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: device\r\nContent-Length: {}\r\n",
            body.len()
        );
        if let Some(c) = cookie {
            head.push_str(&format!("Cookie: {c}\r\n"));
        }
        head.push_str("\r\n");
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(body);
        self.send_raw(&bytes).await;
        self.response().await
    }

    /// Reads one response; `None` when the server closed (EOF or reset) before sending one.
    pub async fn response(&mut self) -> Option<Response> {
        tokio::time::timeout(Duration::from_secs(5), self.read_response())
            .await
            .expect("the server neither answered nor closed within 5 s")
    }

    /// Whether the server has closed this connection (EOF or reset within 5 s).
    pub async fn is_closed(&mut self) -> bool {
        let mut byte = [0u8; 1];
        match tokio::time::timeout(Duration::from_secs(5), self.stream.read(&mut byte)).await {
            Ok(Ok(0)) | Ok(Err(_)) => true,
            Ok(Ok(_)) | Err(_) => false,
        }
    }

    async fn read_response(&mut self) -> Option<Response> {
        let end = loop {
            if let Some(i) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            if !self.fill().await {
                assert!(
                    self.buf.is_empty(),
                    "partial response: {:?}",
                    String::from_utf8_lossy(&self.buf)
                );
                return None;
            }
        };
        let head = String::from_utf8(self.buf.drain(..end).collect()).unwrap();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers: Vec<(String, String)> = lines
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (n, v) = l.split_once(':').unwrap();
                (n.to_string(), v.trim().to_string())
            })
            .collect();
        let len: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .map(|(_, v)| v.parse().unwrap())
            .unwrap_or(0);
        while self.buf.len() < len {
            assert!(
                self.fill().await,
                "connection closed inside a response body"
            );
        }
        let body = self.buf.drain(..len).collect();
        Some(Response {
            status,
            headers,
            body,
        })
    }

    async fn fill(&mut self) -> bool {
        let mut chunk = [0u8; 4096];
        match self.stream.read(&mut chunk).await {
            Ok(0) | Err(_) => false,
            Ok(n) => {
                self.buf.extend_from_slice(&chunk[..n]);
                true
            }
        }
    }
}
