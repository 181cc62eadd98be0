//! Console transport against a scripted console peer on a socket pair.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::time::Duration;

use super::*;

/// What the scripted peer does with each request line.
#[derive(Clone, Copy)]
enum Peer {
    /// Echo, log noise, then answer the payload reversed.
    Answer,
    /// Echo, then only a prompt (ESP-IDF's console on a handler error).
    Refuse,
    /// Echo, then a ROM banner.
    Reset,
    /// Never answer.
    Silent,
    /// Logs everywhere: before the echo, coloured between echo and answer, right after the
    /// answer, with the answer written in two pieces.
    Chatty,
    /// Answer, then ignore input for 150 ms before the prompt (a device not yet reading).
    SlowPrompt,
}

fn start(peer: Peer, options: ConsoleOptions) -> ConsoleTransport {
    let (ours, theirs) = UnixStream::pair().expect("socket pair");
    let reader = ours.try_clone().expect("clone");
    std::thread::spawn(move || serve(theirs, peer));
    ConsoleTransport::from_stream("test-console".into(), reader, ours, options)
}

fn serve(stream: UnixStream, peer: Peer) {
    let mut out = stream.try_clone().expect("clone");
    let _ = out.write_all(b"\n>> ");
    let mut input = BufReader::new(stream);
    let mut line = Vec::new();
    while input
        .read_until(b'\r', &mut line)
        .map(|n| n > 0)
        .unwrap_or(false)
    {
        let text = String::from_utf8_lossy(&line).trim().to_string();
        line.clear();
        let _ = out.write_all(format!("{text}\r\n").as_bytes());
        let reply = match peer {
            Peer::Answer => {
                let hex_payload = text.rsplit(' ').next().unwrap_or("");
                let mut bytes = hex::decode(hex_payload).unwrap_or_default();
                bytes.reverse();
                format!("I (42) wifi: noise\r\n\r\n{}\r\n\n>> ", hex::encode(bytes))
            }
            Peer::Refuse => "E (50) security1: Key mismatch\r\n\n>> ".to_string(),
            Peer::Reset => "ESP-ROM:esp32c3-api1-20210207\r\n".to_string(),
            Peer::Silent => String::new(),
            Peer::Chatty => {
                let hex_payload = text.rsplit(' ').next().unwrap_or("");
                let (head, tail) = hex_payload.split_at(hex_payload.len() / 2);
                let _ = out.write_all(
                    format!(
                        "\x1b[0;32mI (42) wifi_prov_mgr: STA Start\x1b[0m\r\nE (43) wifi_prov_mgr: STA Auth Error\r\n\r\n{head}"
                    )
                    .as_bytes(),
                );
                let _ = out.flush();
                std::thread::sleep(Duration::from_millis(20));
                format!(
                    "{tail}\r\nW (44) wifi: late line\r\n\n>> I (45) app: before the next echo\r\n"
                )
            }
            Peer::SlowPrompt => {
                let hex_payload = text.rsplit(' ').next().unwrap_or("");
                let _ = out.write_all(format!("\r\r\n{hex_payload}\r\r\n").as_bytes());
                std::thread::sleep(Duration::from_millis(150));
                discard_available(&mut input);
                "\n>> ".to_string()
            }
        };
        let _ = out.write_all(reply.as_bytes());
    }
}

/// Drops whatever arrived while the peer was not reading, as a device's console would.
fn discard_available(input: &mut BufReader<UnixStream>) {
    let buffered = input.buffer().len();
    input.consume(buffered);
    let stream = input.get_mut();
    let _ = stream.set_nonblocking(true);
    let mut sink = [0u8; 4096];
    while matches!(std::io::Read::read(stream, &mut sink), Ok(n) if n > 0) {}
    let _ = stream.set_nonblocking(false);
}

fn options(timeout_ms: u64) -> ConsoleOptions {
    ConsoleOptions {
        request_timeout: Duration::from_millis(timeout_ms),
        ..ConsoleOptions::default()
    }
}

#[tokio::test]
async fn answers_are_read_through_echo_and_log_noise() {
    let mut console = start(Peer::Answer, options(2000));
    for _ in 0..3 {
        let answer = console
            .request("prov-config", &[1, 2, 3])
            .await
            .expect("answer");
        assert_eq!(answer, vec![3, 2, 1]);
    }
}

#[tokio::test]
async fn frames_parse_with_logs_interleaved_and_the_logs_are_kept_without_echo() {
    let mut console = start(Peer::Chatty, options(2000));
    let log = console
        .device_log()
        .expect("a console keeps the device log");
    for round in 0..3u8 {
        let answer = console
            .request("prov-config", &[round, 0xab, 0xcd, 0xef])
            .await
            .expect("answer");
        assert_eq!(answer, vec![round, 0xab, 0xcd, 0xef]);
    }
    // Let the reader pass on the last round's trailing lines.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let lines = log.take();
    assert_eq!(
        lines
            .iter()
            .filter(|l| *l == "E (43) wifi_prov_mgr: STA Auth Error")
            .count(),
        3,
        "{lines:#?}"
    );
    assert!(lines.contains(&"I (42) wifi_prov_mgr: STA Start".to_owned()));
    assert!(lines.contains(&"W (44) wifi: late line".to_owned()));
    assert!(lines.contains(&"I (45) app: before the next echo".to_owned()));
    assert!(
        !lines.iter().any(|l| l.starts_with("prov-config")),
        "{lines:#?}"
    );
    assert!(log.take().is_empty());
}

#[tokio::test]
async fn a_prompt_without_answer_is_a_rejection() {
    let mut console = start(Peer::Refuse, options(2000));
    let error = console.request("prov-config", &[1]).await.unwrap_err();
    assert!(matches!(error, Error::Rejected { .. }), "{error:?}");
    let error = console.request("prov-session", &[1]).await.unwrap_err();
    assert!(matches!(error, Error::Security(_)), "{error:?}");
}

#[tokio::test]
async fn a_long_line_refused_names_the_firmware_setting() {
    let mut console = start(Peer::Refuse, options(2000));
    let error = console
        .request("prov-session", &[0u8; 400])
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Unsupported(_)), "{error:?}");
    assert!(error.to_string().contains("LINE_BUF_SIZE"), "{error}");
}

#[tokio::test]
async fn the_line_limit_option_refuses_before_sending() {
    let mut console = start(
        Peer::Answer,
        ConsoleOptions {
            line_limit: Some(STOCK_LINE_LIMIT),
            ..options(2000)
        },
    );
    let error = console
        .request("prov-session", &[0u8; 200])
        .await
        .unwrap_err();
    assert!(error.to_string().contains("LINE_BUF_SIZE"), "{error}");
    assert_eq!(
        console
            .request("prov-config", &[9])
            .await
            .expect("short line"),
        vec![9]
    );
    assert!(console.max_request_len().is_some_and(|n| n < 128));
}

#[tokio::test]
async fn the_next_line_waits_for_the_prompt() {
    let mut console = start(Peer::SlowPrompt, options(1000));
    for i in 0..3u8 {
        let answer = console.request("prov-config", &[i]).await;
        assert_eq!(
            answer.expect("answered: the line waited for the prompt"),
            vec![i]
        );
    }
}

#[tokio::test]
async fn a_device_without_prompts_costs_one_bounded_wait_per_request() {
    let mut console = start(Peer::Answer, options(2000));
    console.request("prov-config", &[1]).await.expect("first");
    let started = std::time::Instant::now();
    console.request("prov-config", &[2]).await.expect("second");
    assert!(started.elapsed() < PROMPT_WAIT + Duration::from_millis(500));
}

#[tokio::test]
async fn the_stock_limit_is_254_characters_and_the_cr() {
    let limited = ConsoleOptions {
        line_limit: Some(STOCK_LINE_LIMIT),
        ..options(2000)
    };
    let mut console = start(Peer::Answer, limited);
    let id_len = console.session_id().to_string().len();
    // An endpoint name of the parity that makes the line exactly `len` characters.
    let line_of = |len: usize| {
        let name = if (id_len + len).is_multiple_of(2) {
            "ep"
        } else {
            "ep1"
        };
        let payload = vec![7u8; (len - name.len() - id_len - 2) / 2];
        (name, payload)
    };
    let (name, payload) = line_of(254);
    assert_eq!(
        request_line(name, console.session_id(), &payload).len(),
        254
    );
    assert!(
        console.request(name, &payload).await.is_ok(),
        "254 + CR fits"
    );
    let (name, payload) = line_of(255);
    assert_eq!(
        request_line(name, console.session_id(), &payload).len(),
        255
    );
    let error = console.request(name, &payload).await.unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("255-character") && text.contains("at most 254 characters and the CR"),
        "{text}"
    );
}

#[tokio::test]
async fn a_reset_board_is_a_lost_transport() {
    let mut console = start(Peer::Reset, options(2000));
    let error = console.request("prov-config", &[1]).await.unwrap_err();
    assert!(matches!(error, Error::TransportLost { .. }), "{error:?}");
    assert!(error.to_string().contains("reset"), "{error}");
}

#[tokio::test]
async fn silence_times_out_within_the_bound() {
    let mut console = start(Peer::Silent, options(300));
    let started = std::time::Instant::now();
    let error = console.request("prov-config", &[1]).await.unwrap_err();
    assert!(matches!(error, Error::RequestTimeout { .. }), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_closed_stream_is_a_lost_transport() {
    let (ours, theirs) = UnixStream::pair().expect("socket pair");
    let reader = ours.try_clone().expect("clone");
    drop(theirs);
    let mut console = ConsoleTransport::from_stream("gone".into(), reader, ours, options(2000));
    let error = console.request("prov-config", &[1]).await.unwrap_err();
    assert!(matches!(error, Error::TransportLost { .. }), "{error:?}");
}

/// A device that prints log lines as fast as they are read, counting the bytes taken.
struct Flood(Arc<std::sync::atomic::AtomicUsize>);

const FLOOD_LINE: &[u8] = b"I (1234) flood: the quick brown fox jumps over the lazy dog\r\n";

impl Read for Flood {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(FLOOD_LINE.len());
        buf[..n].copy_from_slice(&FLOOD_LINE[..n]);
        self.0.fetch_add(n, Ordering::Relaxed);
        Ok(n)
    }
}

#[tokio::test]
async fn a_flood_between_requests_is_held_back_not_queued_without_bound() {
    let taken = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let transport = ConsoleTransport::from_stream(
        "flood".into(),
        Flood(Arc::clone(&taken)),
        std::io::sink(),
        options(1000),
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    let queued = transport.lines.len();
    let read = taken.load(Ordering::Relaxed);
    assert!(queued <= LINE_BACKLOG, "{queued} lines queued");
    // The reader stops once the queue is full: what it took is the queue and one line in hand.
    assert!(
        read <= (LINE_BACKLOG + 2) * FLOOD_LINE.len(),
        "{read} bytes read while nobody consumed them"
    );
    assert_eq!(transport.log.take().len(), device_log::KEPT_LINES);
}
