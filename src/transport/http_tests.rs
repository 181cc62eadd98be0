//! Tests of the HTTP transport against real loopback servers written here.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use super::*;

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Seen {
    conn: usize,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with a request.
enum Action {
    Answer {
        status: &'static str,
        headers: Vec<String>,
        body: Vec<u8>,
    },
    Close,
    Hang,
    /// Answer `200 OK` with this body, then close the socket (an idle-timeout or LRU close).
    AnswerThenClose(Vec<u8>),
}

fn ok(body: &[u8]) -> Action {
    Action::Answer {
        status: "200 OK",
        headers: Vec::new(),
        body: body.to_vec(),
    }
}

type Handler = Arc<dyn Fn(&Seen, usize) -> Action + Send + Sync>;

/// A loopback HTTP/1.1 server that records every request and answers through `handler`.
struct Server {
    addr: String,
    seen: Arc<Mutex<Vec<Seen>>>,
    /// Connections accepted, whether or not a request came on them.
    accepted: Arc<std::sync::atomic::AtomicUsize>,
}

impl Server {
    async fn start(handler: impl Fn(&Seen, usize) -> Action + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap().to_string();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let handler: Handler = Arc::new(handler);
        let log = seen.clone();
        let accepted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = accepted.clone();
        tokio::spawn(async move {
            let mut conn = 0;
            while let Ok((stream, _)) = listener.accept().await {
                conn += 1;
                count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                tokio::spawn(serve(stream, conn, log.clone(), handler.clone()));
            }
        });
        Server {
            addr,
            seen,
            accepted,
        }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

async fn serve(stream: TcpStream, conn: usize, log: Arc<Mutex<Vec<Seen>>>, handler: Handler) {
    let mut reader = BufReader::new(stream);
    loop {
        let Some(seen) = read_request(&mut reader, conn).await else {
            return;
        };
        let index = {
            let mut log = log.lock().unwrap();
            log.push(seen.clone());
            log.len() - 1
        };
        match handler(&seen, index) {
            Action::Answer {
                status,
                headers,
                body,
            } => {
                let mut head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\n", body.len());
                for h in headers {
                    head.push_str(&h);
                    head.push_str("\r\n");
                }
                head.push_str("\r\n");
                let mut answer = head.into_bytes();
                answer.extend_from_slice(&body);
                if reader.get_mut().write_all(&answer).await.is_err() {
                    return;
                }
            }
            Action::Close => return,
            Action::AnswerThenClose(body) => {
                let mut answer =
                    format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", body.len())
                        .into_bytes();
                answer.extend_from_slice(&body);
                let _ = reader.get_mut().write_all(&answer).await;
                return;
            }
            Action::Hang => {
                tokio::time::sleep(Duration::from_secs(30)).await;
                return;
            }
        }
    }
}

async fn read_request(reader: &mut BufReader<TcpStream>, conn: usize) -> Option<Seen> {
    let mut line = String::new();
    reader.read_line(&mut line).await.ok().filter(|n| *n > 0)?;
    let path = line.split_whitespace().nth(1)?.to_owned();
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).await.ok().filter(|n| *n > 0)?;
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        let (name, value) = trimmed.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let mut seen = Seen {
        conn,
        path,
        headers,
        body: Vec::new(),
    };
    let len: usize = seen
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    seen.body = vec![0; len];
    reader.read_exact(&mut seen.body).await.ok()?;
    Some(seen)
}

fn transport(server: &Server, timeout: Duration) -> HttpTransport {
    let options = HttpOptions {
        connect_timeout: Duration::from_secs(2),
        request_timeout: timeout,
    };
    HttpTransport::new(&server.addr, options).unwrap()
}

#[tokio::test]
async fn cookie_is_stored_and_echoed_verbatim_on_one_connection() {
    let server = Server::start(|_, i| match i {
        0 => Action::Answer {
            status: "200 OK",
            headers: vec!["Set-Cookie: session=1234567890".into()],
            body: b"first".to_vec(),
        },
        _ => ok(b"next"),
    })
    .await;
    let mut t = transport(&server, Duration::from_secs(2));
    assert_eq!(
        t.request("prov-session", b"\x52\x03").await.unwrap(),
        b"first"
    );
    assert_eq!(t.cookie(), Some("session=1234567890"));
    assert_eq!(t.request("prov-config", b"\x01").await.unwrap(), b"next");
    assert_eq!(t.request("custom-data", b"hi").await.unwrap(), b"next");

    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert!(
        seen.iter().all(|s| s.conn == 1),
        "one keep-alive connection: {seen:?}"
    );
    assert_eq!(seen[0].header("cookie"), None);
    assert_eq!(seen[1].header("cookie"), Some("session=1234567890"));
    assert_eq!(seen[2].header("cookie"), Some("session=1234567890"));
    assert_eq!(seen[1].path, "/prov-config");
    assert_eq!(seen[2].body, b"hi");
    for s in &seen {
        assert_eq!(
            s.header("content-type"),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(s.header("accept"), Some("text/plain"));
        assert!(s.header("transfer-encoding").is_none(), "no chunked bodies");
    }
}

#[tokio::test]
async fn new_cookie_replaces_old_and_attributes_are_not_echoed() {
    let server = Server::start(|_, i| Action::Answer {
        status: "200 OK",
        headers: vec![format!("Set-Cookie: session={}; Path=/", i + 7)],
        body: b"x".to_vec(),
    })
    .await;
    let mut t = transport(&server, Duration::from_secs(2));
    t.request("prov-session", b"a").await.unwrap();
    t.request("prov-session", b"b").await.unwrap();
    assert_eq!(server.seen()[1].header("cookie"), Some("session=7"));
    assert_eq!(t.cookie(), Some("session=8"));
}

#[tokio::test]
async fn cookie_survives_a_reconnect() {
    // The server answers, then closes the socket: the next request needs a new connection.
    let server = Server::start(|_, i| Action::Answer {
        status: "200 OK",
        headers: match i {
            0 => vec!["Set-Cookie: session=99".into(), "Connection: close".into()],
            _ => Vec::new(),
        },
        body: b"ok".to_vec(),
    })
    .await;
    let mut t = transport(&server, Duration::from_secs(2));
    t.request("prov-session", b"a").await.unwrap();
    t.request("prov-config", b"b").await.unwrap();
    let seen = server.seen();
    assert_eq!(seen[1].conn, 2, "the server closed the first connection");
    assert_eq!(seen[1].header("cookie"), Some("session=99"));
}

#[tokio::test]
async fn proto_ver_with_an_empty_payload_sends_a_non_empty_body() {
    let server = Server::start(|_, _| ok(br#"{"prov":{"ver":"v1.1"}}"#)).await;
    let mut t = transport(&server, Duration::from_secs(2));
    t.request("proto-ver", b"").await.unwrap();
    assert_eq!(server.seen()[0].body, b"ESP");
    assert_eq!(server.seen()[0].path, "/proto-ver");
    let err = t.request("prov-config", b"").await.unwrap_err();
    assert!(matches!(err, Error::Usage(_)), "{err:?}");
    assert_eq!(server.seen().len(), 1, "nothing sent for an empty body");
}

#[tokio::test]
async fn oversized_body_is_refused_before_sending() {
    let server = Server::start(|_, _| ok(b"")).await;
    let mut t = transport(&server, Duration::from_secs(2));
    let err = t
        .request("custom-data", &[0; MAX_BODY_LEN + 1])
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Usage(_)), "{err:?}");
    assert_eq!(t.max_request_len(), Some(MAX_BODY_LEN));
}

#[tokio::test]
async fn close_during_handshake_is_a_security_error() {
    let server = Server::start(|_, _| Action::Close).await;
    let mut t = transport(&server, Duration::from_secs(2));
    let err = t.request("prov-session", b"cmd1").await.unwrap_err();
    match &err {
        Error::Security(reason) => assert!(reason.contains("wrong PoP"), "{reason}"),
        other => panic!("expected Security, got {other:?}"),
    }
    assert_eq!(err.exit_code(), crate::exit::SECURITY);
}

#[tokio::test]
async fn close_after_handshake_is_a_rejection() {
    let server = Server::start(|s, _| {
        if s.path == "/prov-session" {
            ok(b"r")
        } else {
            Action::Close
        }
    })
    .await;
    let mut t = transport(&server, Duration::from_secs(2));
    t.request("prov-session", b"s").await.unwrap();
    let err = t.request("prov-config", b"c").await.unwrap_err();
    match err {
        Error::Rejected { endpoint, .. } => assert_eq!(endpoint, "prov-config"),
        other => panic!("expected Rejected, got {other:?}"),
    }
}

#[tokio::test]
async fn refused_connection_is_unreachable() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    drop(listener);
    let mut t = HttpTransport::new(&addr, HttpOptions::default()).unwrap();
    let err = t.request("proto-ver", b"ESP").await.unwrap_err();
    assert!(matches!(err, Error::Unreachable { .. }), "{err:?}");
    assert_eq!(err.exit_code(), crate::exit::UNREACHABLE);
}

#[tokio::test]
async fn silent_device_times_out_within_the_bound() {
    let server = Server::start(|_, _| Action::Hang).await;
    let mut t = transport(&server, Duration::from_millis(300));
    let started = Instant::now();
    let err = t.request("proto-ver", b"ESP").await.unwrap_err();
    let took = started.elapsed();
    assert!(matches!(err, Error::RequestTimeout { .. }), "{err:?}");
    assert!(
        took >= Duration::from_millis(290) && took < Duration::from_secs(2),
        "{took:?}"
    );
}

#[tokio::test]
async fn non_200_is_a_rejection_with_the_status() {
    let server = Server::start(|_, _| Action::Answer {
        status: "404 Not Found",
        headers: Vec::new(),
        body: b"nope".to_vec(),
    })
    .await;
    let mut t = transport(&server, Duration::from_secs(2));
    match t.request("prov-ctrl", b"\x08\x01").await.unwrap_err() {
        Error::Rejected { endpoint, reason } => {
            assert_eq!(endpoint, "prov-ctrl");
            assert!(reason.contains("404"), "{reason}");
        }
        other => panic!("expected Rejected, got {other:?}"),
    }
}

#[tokio::test]
async fn close_forgets_the_cookie_and_the_connection() {
    let server = Server::start(|_, _| Action::Answer {
        status: "200 OK",
        headers: vec!["Set-Cookie: session=5".into()],
        body: b"x".to_vec(),
    })
    .await;
    let mut t = transport(&server, Duration::from_secs(2));
    t.request("prov-session", b"a").await.unwrap();
    t.close().await;
    assert_eq!(t.cookie(), None);
    t.request("prov-session", b"b").await.unwrap();
    let seen = server.seen();
    assert_eq!(seen[1].header("cookie"), None);
    assert_eq!(seen[1].conn, 2);
}

#[test]
fn device_addresses_parse_with_defaults() {
    let parse = |s: &str| DeviceAddr::parse(s).map(|a| (a.host, a.port));
    assert_eq!(parse("").unwrap(), ("192.168.4.1".into(), 80));
    assert_eq!(parse("192.168.4.1").unwrap(), ("192.168.4.1".into(), 80));
    assert_eq!(parse("10.0.0.5:8080").unwrap(), ("10.0.0.5".into(), 8080));
    assert_eq!(parse("esp.local").unwrap(), ("esp.local".into(), 80));
    assert_eq!(
        parse("http://esp.local:81/").unwrap(),
        ("esp.local".into(), 81)
    );
    assert_eq!(parse("[::1]:8000").unwrap(), ("::1".into(), 8000));
    assert_eq!(parse("[fe80::1]").unwrap(), ("fe80::1".into(), 80));
    assert_eq!(parse("::1").unwrap(), ("::1".into(), 80));
    for bad in ["host:0", "host:99999", "host:x", "[::1", "a/b", "[::1]x"] {
        assert!(
            matches!(DeviceAddr::parse(bad), Err(Error::Usage(_))),
            "{bad}"
        );
    }
    assert_eq!(
        DeviceAddr::parse("[::1]:8000").unwrap().to_string(),
        "[::1]:8000"
    );
    assert_eq!(DeviceAddr::parse("").unwrap().to_string(), DEFAULT_DEVICE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_transport_opens_one_connection() {
    // protocomm_httpd keeps one socket (lru purge): a second connection would evict the first.
    let server = Server::start(|_, _| ok(b"answer")).await;
    let mut transport = transport(&server, Duration::from_secs(5));
    for _ in 0..300 {
        transport.request("prov-scan", b"x").await.unwrap();
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        server.accepted.load(std::sync::atomic::Ordering::SeqCst),
        1,
        "connections opened for 300 sequential requests"
    );
}

#[tokio::test]
async fn a_connection_the_device_closed_while_idle_is_replaced_and_nothing_is_sent_twice() {
    let server = Server::start(|_, _| Action::AnswerThenClose(b"ok".to_vec())).await;
    let mut transport = transport(&server, Duration::from_secs(2));
    for round in 0..3 {
        transport.request("prov-scan", &[round]).await.unwrap();
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let seen = server.seen();
    let bodies: Vec<&[u8]> = seen.iter().map(|s| s.body.as_slice()).collect();
    assert_eq!(bodies, [[0u8].as_slice(), &[1], &[2]], "each request once");
    assert_eq!(
        server.accepted.load(std::sync::atomic::Ordering::SeqCst),
        3,
        "one connection per request, as the device closes each"
    );
}
