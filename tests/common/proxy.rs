//! Loopback peers that misbehave where `esprov sim` cannot: a link cut mid-run, an oversized
//! answer.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::Duration;

/// Forwards loopback HTTP to `target` until `cut_after` requests went through, then closes the
/// connection and refuses new ones: a SoftAP device leaving its channel after ApplyConfig.
pub fn cutting_proxy(target: String, cut_after: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("address").to_string();
    std::thread::spawn(move || {
        let Ok((mut client, _)) = listener.accept() else {
            return;
        };
        let Ok(mut device) = TcpStream::connect(&target) else {
            return;
        };
        let _ = client.set_read_timeout(Some(Duration::from_secs(20)));
        let mut buf = [0u8; 8192];
        let mut requests = 0;
        loop {
            let Ok(n) = client.read(&mut buf) else { return };
            if n == 0 {
                return;
            }
            requests += buf[..n].windows(5).filter(|w| w == b"POST ").count();
            if requests > cut_after {
                // Drop both sides; later connections are refused (the listener is gone).
                return;
            }
            if device.write_all(&buf[..n]).is_err() {
                return;
            }
            let _ = device.set_read_timeout(Some(Duration::from_millis(300)));
            let mut answered = false;
            while let Ok(m) = device.read(&mut buf) {
                if m == 0 || client.write_all(&buf[..m]).is_err() {
                    return;
                }
                answered = true;
                if m < buf.len() {
                    break;
                }
            }
            if !answered {
                return;
            }
        }
    });
    addr
}

/// A peer that answers proto-ver as a security 0 device, then announces a 100 MB answer to the
/// next request (and sends none of it).
pub fn oversized_peer() -> String {
    const PROTO_VER: &str = r#"{"prov":{"ver":"v1.1","sec_ver":0,"cap":["no_sec"]}}"#;
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("address").to_string();
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(mut client) = client else { return };
            let _ = client.set_read_timeout(Some(Duration::from_secs(20)));
            let mut buf = [0u8; 8192];
            while let Ok(n) = client.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let head = if buf[..n].windows(9).any(|w| w == b"proto-ver") {
                    format!(
                        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{PROTO_VER}",
                        PROTO_VER.len()
                    )
                } else {
                    "HTTP/1.1 200 OK\r\nContent-Length: 100000000\r\n\r\n".to_owned()
                };
                if client.write_all(head.as_bytes()).is_err() {
                    break;
                }
            }
        }
    });
    addr
}
