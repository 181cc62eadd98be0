//! Console transport: line format, session switching, line limits and log chatter, on
//! in-memory streams and on a real PTY pair.

use std::os::fd::AsFd;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use esprov_sim::console::{serve_console, serve_console_tty, ConsoleConfig, PROMPT};
use esprov_sim::protocomm::{HandlerError, Protocomm, SharedProtocomm};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Logs session events; answers `prov-session` by reversing the payload; `fail` always errors.
#[derive(Default)]
struct Recorder {
    events: Vec<String>,
}

impl Protocomm for Recorder {
    fn open_session(&mut self, id: u32) {
        self.events.push(format!("open {id}"));
    }
    fn close_session(&mut self, id: u32) {
        self.events.push(format!("close {id}"));
    }
    fn has_endpoint(&self, endpoint: &str) -> bool {
        matches!(endpoint, "prov-session" | "fail")
    }
    fn handle(
        &mut self,
        endpoint: &str,
        _id: u32,
        request: &[u8],
    ) -> Result<Vec<u8>, HandlerError> {
        if endpoint == "fail" {
            return Err(HandlerError("no".into()));
        }
        Ok(request.iter().rev().copied().collect())
    }
}

/// The client side: sends lines and reads everything up to the next prompt.
struct Client<R, W> {
    reader: R,
    writer: W,
    seen: String,
}

impl<R: AsyncRead + Unpin, W: AsyncWrite + Unpin> Client<R, W> {
    async fn until_prompt(&mut self) -> String {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        loop {
            if let Some(i) = self.seen.find(PROMPT) {
                let before = self.seen[..i].to_string();
                self.seen.drain(..i + PROMPT.len());
                return before;
            }
            let mut chunk = [0u8; 4096];
            let n = tokio::time::timeout_at(deadline, self.reader.read(&mut chunk))
                .await
                .expect("no prompt within 5 s")
                .expect("console output failed");
            assert!(n > 0, "console output ended before a prompt");
            self.seen.push_str(&String::from_utf8_lossy(&chunk[..n]));
        }
    }

    /// Sends one line and returns the hex answer, if the device printed one.
    async fn ask(&mut self, line: &str) -> (Option<String>, String) {
        self.writer
            .write_all(format!("{line}\r").as_bytes())
            .await
            .unwrap();
        self.writer.flush().await.unwrap();
        let out = self.until_prompt().await;
        (answer_of(&out), out)
    }
}

/// The `\r\n<hex>\r\n` unit in `out`, skipping log lines (`X (ms) tag: ...`).
fn answer_of(out: &str) -> Option<String> {
    out.split("\r\n")
        .map(str::trim)
        .find(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string)
}

fn is_log_line(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(chars.next(), Some('E' | 'W' | 'I' | 'D' | 'V'))
        && line[1..].starts_with(" (")
        && line.contains(") ")
}

type Duplex = tokio::io::DuplexStream;

async fn start(config: ConsoleConfig) -> (Client<Duplex, Duplex>, Arc<Mutex<Recorder>>) {
    let (device_in, client_out) = tokio::io::duplex(64 * 1024);
    let (client_in, device_out) = tokio::io::duplex(64 * 1024);
    let recorder = Arc::new(Mutex::new(Recorder::default()));
    let device: SharedProtocomm = recorder.clone();
    tokio::spawn(serve_console(
        device_in,
        device_out,
        device,
        config,
        std::future::pending(),
    ));
    let mut client = Client {
        reader: client_in,
        writer: client_out,
        seen: String::new(),
    };
    client.until_prompt().await;
    (client, recorder)
}

#[tokio::test]
async fn answers_hex_between_crlf_then_prompts() {
    let (mut c, _) = start(ConsoleConfig {
        device_logs: false,
        ..ConsoleConfig::default()
    })
    .await;
    let (answer, out) = c.ask("prov-session 0 010203").await;
    assert_eq!(answer.as_deref(), Some("030201"));
    assert_eq!(
        out, "prov-session 0 010203\r\n\r\n030201\r\n",
        "echo, then the answer"
    );
}

#[tokio::test]
async fn new_session_whenever_the_id_changes() {
    let (mut c, rec) = start(ConsoleConfig::default()).await;
    c.ask("prov-session 7 00").await;
    c.ask("prov-session 7 00").await;
    c.ask("prov-session 9 00").await;
    assert_eq!(rec.lock().unwrap().events, ["open 7", "close 7", "open 9"]);
}

#[tokio::test]
async fn errors_print_a_log_line_and_no_answer() {
    let (mut c, _) = start(ConsoleConfig::default()).await;
    for bad in [
        "fail 0 00",
        "nope 0 00",
        "prov-session 0",
        "prov-session x 00",
        "prov-session 0 abc",
    ] {
        let (answer, out) = c.ask(bad).await;
        assert_eq!(answer, None, "{bad}: {out:?}");
        assert!(
            out.split("\r\n").any(|l| l.starts_with("E (")),
            "{bad}: {out:?}"
        );
    }
}

#[tokio::test]
async fn long_lines_are_accepted_by_default() {
    let (mut c, _) = start(ConsoleConfig::default()).await;
    let payload = "ab".repeat(4096);
    let (answer, _) = c.ask(&format!("prov-session 1 {payload}")).await;
    assert_eq!(answer.map(|a| a.len()), Some(8192));
}

async fn stock() -> Client<Duplex, Duplex> {
    start(ConsoleConfig {
        device_logs: false,
        ..ConsoleConfig::with_stock_limit(true)
    })
    .await
    .0
}

impl<R: AsyncRead + Unpin, W: AsyncWrite + Unpin> Client<R, W> {
    async fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    /// Whether a prompt arrives within `ms` (the output seen so far stays buffered).
    async fn prompt_within(&mut self, ms: u64) -> bool {
        tokio::time::timeout(Duration::from_millis(ms), self.until_prompt())
            .await
            .is_ok()
    }
}

#[tokio::test]
async fn stock_mode_executes_254_characters_and_the_cr_framed_as_stock_esp_idf() {
    let mut c = stock().await;
    let fits = format!("prov-session 10 {}", "ab".repeat(119));
    assert_eq!(fits.len(), 254);
    let (answer, out) = c.ask(&fits).await;
    assert_eq!(answer, Some("ab".repeat(119)));
    assert_eq!(
        out,
        format!("{fits}\r\n\r\r\n{}\r\r\n", "ab".repeat(119)),
        "byte echo with CR as CR LF, then the answer framed by stdout's CR CR LF"
    );
}

#[tokio::test]
async fn stock_mode_leaves_the_cr_of_a_255_character_line_for_the_next_one() {
    let mut c = stock().await;
    let long = format!("prov-session 100 {}", "ab".repeat(119));
    assert_eq!(long.len(), 255);
    // The line and the next request arrive together, as from a client that does not wait.
    c.send(format!("{long}\rprov-session 100 01\r").as_bytes())
        .await;
    let first = c.until_prompt().await;
    assert_eq!(
        answer_of(&first),
        Some("ab".repeat(119)),
        "the 255 bytes still run"
    );
    let second = c.until_prompt().await;
    assert_eq!(
        answer_of(&second),
        None,
        "\\r<endpoint> matches no command: {second:?}"
    );
    assert!(second.starts_with("\r\nprov-session 100 01"), "{second:?}");
    // Waiting for the prompt does not save the next request: the CR is still first in line.
    c.send(format!("{long}\r").as_bytes()).await;
    assert!(answer_of(&c.until_prompt().await).is_some());
    assert!(
        !c.prompt_within(100).await,
        "a lone leftover CR ends no line"
    );
    assert_eq!(c.ask("prov-session 100 01").await.0, None);
    assert_eq!(c.ask("prov-session 100 02").await.0.as_deref(), Some("02"));
}

#[tokio::test]
async fn stock_mode_runs_an_over_long_line_as_255_byte_pieces() {
    let mut c = stock().await;
    c.send(&[b'x'; 600]).await;
    c.send(b"\r").await;
    let pieces: Vec<String> = [
        c.until_prompt().await,
        c.until_prompt().await,
        c.until_prompt().await,
    ]
    .into();
    assert_eq!(
        pieces
            .iter()
            .map(|p| p.trim_end().len())
            .collect::<Vec<_>>(),
        [255, 255, 90]
    );
    assert!(pieces.iter().all(|p| answer_of(p).is_none()));
    assert!(!c.prompt_within(100).await, "no fourth piece");
}

#[tokio::test]
async fn stock_mode_ends_lines_only_at_a_cr() {
    let mut c = stock().await;
    c.send(b"prov-session 1 02\n").await;
    assert!(!c.prompt_within(150).await, "LF does not end a line");
    c.send(b"\r").await;
    let out = c.until_prompt().await;
    assert!(answer_of(&out).is_some(), "{out:?}");
    // CR LF: the LF stays and spoils the next command.
    c.send(b"prov-session 1 03\r\n").await;
    assert_eq!(answer_of(&c.until_prompt().await).as_deref(), Some("03"));
    let (answer, out) = c.ask("prov-session 1 04").await;
    assert_eq!(answer, None, "\\nprov-session is no command: {out:?}");
    assert_eq!(c.ask("prov-session 1 05").await.0.as_deref(), Some("05"));
}

#[tokio::test]
async fn stock_mode_prompts_a_few_ms_after_the_answer() {
    let mut c = stock().await;
    c.send(b"prov-session 1 0a\r").await;
    let started = tokio::time::Instant::now();
    let mut seen = String::new();
    let mut answered_at = None;
    while !seen.contains(PROMPT) {
        let mut chunk = [0u8; 1024];
        let n = tokio::time::timeout(Duration::from_secs(5), c.reader.read(&mut chunk))
            .await
            .expect("output")
            .expect("read");
        seen.push_str(&String::from_utf8_lossy(&chunk[..n]));
        if answered_at.is_none() && seen.contains("0a\r\r\n") {
            answered_at = Some(started.elapsed());
            assert!(
                !seen.contains(PROMPT),
                "the prompt came with the answer: {seen:?}"
            );
        }
    }
    assert!(answered_at.is_some(), "{seen:?}");
}

#[tokio::test]
async fn log_lines_are_interleaved_and_skippable() {
    let (mut c, _) = start(ConsoleConfig::default()).await;
    let mut logs = 0;
    for i in 0..6u8 {
        let (answer, out) = c.ask(&format!("prov-session 1 {i:02x}")).await;
        assert_eq!(answer, Some(format!("{i:02x}")));
        logs += out.split("\r\n").filter(|l| is_log_line(l)).count();
    }
    assert!(logs >= 1, "expected some device log chatter");
}

#[tokio::test]
async fn end_of_input_ends_the_console() {
    let (device_in, client_out) = tokio::io::duplex(1024);
    let (_client_in, device_out) = tokio::io::duplex(1024);
    let device: SharedProtocomm = Arc::new(Mutex::new(Recorder::default()));
    let task = tokio::spawn(serve_console(
        device_in,
        device_out,
        device,
        ConsoleConfig::default(),
        std::future::pending(),
    ));
    drop(client_out);
    let result = tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .expect("console must stop");
    assert!(result.unwrap().is_ok());
}

#[tokio::test]
async fn works_on_a_pty_pair() {
    let pty = match nix::pty::openpty(None, None) {
        Ok(pty) => pty,
        Err(err) => {
            println!("SKIP: cannot open a PTY pair: {err}");
            return;
        }
    };
    let path = nix::unistd::ttyname(pty.slave.as_fd()).expect("slave name");
    let device: SharedProtocomm = Arc::new(Mutex::new(Recorder::default()));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        serve_console_tty(&path, device, ConsoleConfig::default(), async move {
            let _ = stopped.await;
        })
        .await
    });
    let master = std::fs::File::from(pty.master);
    let master = tokio::fs::File::from_std(master);
    let (reader, writer) = tokio::io::split(master);
    let mut c = Client {
        reader,
        writer,
        seen: String::new(),
    };
    c.until_prompt().await;
    assert_eq!(
        c.ask("prov-session 3 a1b2").await.0.as_deref(),
        Some("b2a1")
    );
    let _ = stop.send(());
    let stopped = tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("console must stop on shutdown");
    assert!(stopped.unwrap().is_ok());
    drop(pty.slave);
}
