//! Misbehaving peers: a device that accepts TCP and never answers, and one that closes every
//! connection. Both are plain loopback listeners in the test.

mod common;

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{run, PASSPHRASE, SSID};

/// A listener thread that hands every accepted connection to `handle` until the guard drops.
struct Peer {
    addr: String,
    stop: Arc<AtomicBool>,
}

impl Peer {
    fn start(handle: fn(TcpStream)) -> Peer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("addr").to_string();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        std::thread::spawn(move || {
            while !flag.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let _ = stream.set_nonblocking(false);
                        std::thread::spawn(move || handle(stream));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Peer { addr, stop }
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Reads the request and then says nothing, keeping the connection open.
fn silent(mut stream: TcpStream) {
    let mut buf = [0u8; 4096];
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    while let Ok(n) = stream.read(&mut buf) {
        if n == 0 {
            break;
        }
    }
}

/// Closes the connection as soon as the request arrives, as protocomm does on a handler error.
fn closing(mut stream: TcpStream) {
    let mut buf = [0u8; 4096];
    let _ = stream.read(&mut buf);
}

#[test]
fn silent_device_times_out_within_the_limit() {
    let peer = Peer::start(silent);
    let result = run(&[
        "provision",
        "--device",
        &peer.addr,
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "--timeout",
        "2",
        "--json",
    ]);
    result.expect_code(8);
    assert!(
        result.elapsed < Duration::from_secs(5),
        "took {:?}",
        result.elapsed
    );
    let last = result.json_lines().pop().expect("a result event");
    assert_eq!(last["event"], "result");
    assert_eq!(last["reason"], "timeout");
}

#[test]
fn silent_device_times_out_for_info_too() {
    let peer = Peer::start(silent);
    let result = run(&["info", "--device", &peer.addr, "--timeout", "1.5"]);
    result.expect_code(8);
    assert!(
        result.elapsed < Duration::from_secs(4),
        "took {:?}",
        result.elapsed
    );
    assert!(result.stderr.contains("error:"), "{}", result.stderr);
}

#[test]
fn closing_device_is_unreachable_or_rejected() {
    let peer = Peer::start(closing);
    let result = run(&[
        "provision",
        "--device",
        &peer.addr,
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "--timeout",
        "10",
        "--json",
    ]);
    assert!(
        matches!(result.code(), 3 | 5),
        "a peer that closes every connection is lost (3) or refuses (5), got {}\n{}\n{}",
        result.code(),
        result.stdout,
        result.stderr
    );
    assert!(
        result.elapsed < Duration::from_secs(10),
        "took {:?}",
        result.elapsed
    );
}
