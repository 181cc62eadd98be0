//! The console transport end to end: `esprov sim --transport console --pty` serves ESP-IDF's
//! console line format (with log noise and echo) on a PTY, and `esprov --serial PATH` drives it.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{run, Sim, AP, PASSPHRASE, SSID};

fn console_sim(extra: &[&str]) -> Sim {
    let mut args = vec![
        "--transport",
        "console",
        "--pty",
        "--ap",
        AP,
        "--connect-delay-ms",
        "50",
    ];
    args.extend_from_slice(extra);
    let sim = Sim::start_raw(&args, &[]);
    assert!(
        sim.addr.starts_with("/dev/pts/"),
        "a PTY path: {}",
        sim.addr
    );
    sim
}

fn provision_over(sim: &Sim, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "provision",
        "--serial",
        sim.addr.as_str(),
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "--timeout",
        "30",
        "--json",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

fn assert_connected(result: &common::Run) {
    result.expect_code(0);
    let last = result.json_lines().pop().expect("a result event");
    assert_eq!(last["event"], "result");
    assert_eq!(last["result"], "ok", "{last}");
    assert_eq!(last["ssid"], SSID);
    assert!(
        last["ip"]
            .as_str()
            .is_some_and(|ip| ip.starts_with("192.168.")),
        "{last}"
    );
}

#[test]
fn provisions_with_security_0() {
    let sim = console_sim(&["--sec", "0"]);
    assert_connected(&provision_over(&sim, &["--sec", "0"]));
}

#[test]
fn trace_logs_never_show_the_echoed_passphrase() {
    let sim = console_sim(&["--sec", "0"]);
    let result = provision_over(&sim, &["--sec", "0", "-vv"]);
    assert_connected(&result);
    let hex: String = PASSPHRASE.bytes().map(|b| format!("{b:02x}")).collect();
    assert!(
        result.stderr.contains("echoed the request"),
        "{}",
        result.stderr
    );
    assert!(
        !result.stderr.contains(&hex),
        "the passphrase leaked in hex"
    );
    assert!(!result.stderr.contains(PASSPHRASE), "the passphrase leaked");
    // Nor its length, through the console transport's request lines.
    common::assert_prov_config_lengths_hidden(&result.stderr);
    assert!(
        result.stderr.contains("bytes=<redacted>"),
        "{}",
        result.stderr
    );
}

#[test]
fn provisions_with_security_1() {
    let sim = console_sim(&["--sec", "1", "--pop", "abcd1234"]);
    assert_connected(&provision_over(&sim, &["--pop", "abcd1234"]));
}

#[test]
fn provisions_with_security_2_on_long_lines() {
    let sim = console_sim(&["--sec", "2", "--sec-patch", "1"]);
    assert_connected(&provision_over(
        &sim,
        &["--username", "wifiprov", "--password", "abcd1234"],
    ));
}

#[test]
fn a_wrong_pop_is_a_security_failure() {
    let sim = console_sim(&["--sec", "1", "--pop", "abcd1234"]);
    let result = provision_over(&sim, &["--pop", "wrong-pop"]);
    result.expect_code(4);
}

#[test]
fn scans_over_the_console() {
    let sim = console_sim(&["--sec", "1", "--pop", "abcd1234"]);
    let result = run(&[
        "scan",
        "--serial",
        &sim.addr,
        "--pop",
        "abcd1234",
        "--timeout",
        "30",
        "--json",
    ]);
    result.expect_code(0);
    let value = result.json();
    let entries = value["entries"]
        .as_array()
        .or_else(|| value["aps"].as_array())
        .or_else(|| value.as_array());
    let entries = entries.unwrap_or_else(|| panic!("scan JSON lists access points: {value}"));
    assert!(entries.iter().any(|e| e["ssid"] == SSID), "{value}");
}

#[test]
fn the_stock_line_limit_names_the_firmware_setting() {
    let sim = console_sim(&["--sec", "2", "--stock-line-limit"]);
    let result = provision_over(&sim, &["--username", "wifiprov", "--password", "abcd1234"]);
    result.expect_code(9);
    let last = result.json_lines().pop().expect("a result event");
    let message = last["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("LINE_BUF_SIZE")
            && message.contains("at most 254 characters and the CR")
            && message.contains("255"),
        "{last}"
    );
}

#[test]
fn provisions_with_security_1_on_a_stock_console() {
    let sim = console_sim(&["--sec", "1", "--pop", "abcd1234", "--stock-line-limit"]);
    assert_connected(&provision_over(&sim, &["--pop", "abcd1234"]));
}

/// The sim's PTY, read on a thread; every wait bounded.
struct Pty {
    file: std::fs::File,
    output: std::sync::mpsc::Receiver<Vec<u8>>,
    seen: Vec<u8>,
}

impl Pty {
    fn open(path: &str) -> Pty {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .expect("open the PTY");
        let mut reader = file.try_clone().expect("clone");
        let (tx, output) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n) = std::io::Read::read(&mut reader, &mut chunk) {
                if n == 0 || tx.send(chunk[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Pty {
            file,
            output,
            seen: Vec::new(),
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        std::io::Write::write_all(&mut self.file, bytes).expect("write the PTY");
    }

    /// Everything up to the next `\n>> ` prompt, or `None` if none comes within `limit`.
    fn until_prompt(&mut self, limit: Duration) -> Option<String> {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(i) = self.seen.windows(4).position(|w| w == b"\n>> ") {
                let before = String::from_utf8_lossy(&self.seen[..i]).into_owned();
                self.seen.drain(..i + 4);
                return Some(before);
            }
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.output.recv_timeout(left) {
                Ok(chunk) => self.seen.extend(chunk),
                Err(_) => return None,
            }
        }
    }

    fn prompt(&mut self) -> String {
        self.until_prompt(Duration::from_secs(10))
            .expect("a prompt")
    }
}

/// The hex answer framed `\r\r\n<hex>\r\r\n` in one line's output, if there is one.
fn stock_answer(out: &str) -> Option<String> {
    let start = out.find("\r\r\n")? + 3;
    let end = start + out[start..].find("\r\r\n")?;
    let hex = &out[start..end];
    (!hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit())).then(|| hex.to_owned())
}

#[test]
fn the_stock_console_on_a_pty_follows_esp_idf_line_rules() {
    let sim = console_sim(&["--sec", "0", "--stock-line-limit"]);
    let mut pty = Pty::open(&sim.addr);
    let _ = pty.until_prompt(Duration::from_millis(300));

    pty.send(b"proto-ver 5 00\r");
    let out = pty.prompt();
    assert!(
        out.starts_with("proto-ver 5 00\r\n"),
        "byte echo, CR as CR LF: {out:?}"
    );
    let hex = stock_answer(&out).unwrap_or_else(|| panic!("a framed answer in {out:?}"));
    let version = String::from_utf8(hex::decode(&hex).expect("hex")).expect("text");
    assert!(version.contains("\"prov\""), "{version}");

    let fits = format!("proto-ver 5 {}", "00".repeat(121));
    assert_eq!(fits.len(), 254);
    pty.send(format!("{fits}\r").as_bytes());
    assert!(
        stock_answer(&pty.prompt()).is_some(),
        "254 characters and the CR are answered"
    );

    let full = format!("proto-ver 55 {}", "00".repeat(121));
    assert_eq!(full.len(), 255);
    pty.send(format!("{full}\r").as_bytes());
    assert!(
        stock_answer(&pty.prompt()).is_some(),
        "255 characters still run"
    );
    pty.send(b"proto-ver 5 00\r");
    let dropped = pty.prompt();
    assert!(dropped.starts_with("\r\nproto-ver 5 00"), "{dropped:?}");
    assert_eq!(
        stock_answer(&dropped),
        None,
        "the leftover CR spoils the next command"
    );
    pty.send(b"proto-ver 5 00\r");
    assert!(stock_answer(&pty.prompt()).is_some());

    let mut long = vec![b'x'; 600];
    long.push(b'\r');
    pty.send(&long);
    let pieces: Vec<String> = (0..3).map(|_| pty.prompt()).collect();
    assert_eq!(
        pieces
            .iter()
            .map(|p| p.matches('x').count())
            .collect::<Vec<_>>(),
        [255, 255, 90],
        "executed as 255-byte pieces"
    );
    assert!(pty.until_prompt(Duration::from_millis(300)).is_none());
}

#[test]
fn the_line_limit_option_refuses_before_sending() {
    let sim = console_sim(&["--sec", "2"]);
    let result = provision_over(
        &sim,
        &[
            "--username",
            "wifiprov",
            "--password",
            "abcd1234",
            "--line-limit",
            "256",
        ],
    );
    result.expect_code(9);
}

#[test]
fn a_device_that_stops_answering_times_out() {
    let sim = console_sim(&["--sec", "1", "--pop", "abcd1234"]);
    let pid = sim.pid().to_string();
    let stopped = Command::new("kill")
        .args(["-STOP", &pid])
        .status()
        .expect("kill runs");
    assert!(stopped.success());
    let started = Instant::now();
    let result = run(&["info", "--serial", &sim.addr, "--timeout", "2", "--json"]);
    let _ = Command::new("kill").args(["-CONT", &pid]).status();
    result.expect_code(8);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "bounded: {:?}",
        started.elapsed()
    );
}

#[test]
fn batch_rows_can_name_a_serial_port() {
    let sim = console_sim(&["--sec", "1", "--pop", "abcd1234"]);
    let dir = std::env::temp_dir().join(format!("esprov-console-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let manifest = dir.join("line.jsonl");
    let report = dir.join("report.jsonl");
    let row = serde_json::json!({
        "device": format!("serial:{}", sim.addr),
        "ssid": SSID,
        "passphrase": PASSPHRASE,
        "pop": "abcd1234",
        "label": "bench-1",
    });
    std::fs::write(&manifest, format!("{row}\n")).expect("manifest");
    let result = run(&[
        "batch",
        manifest.to_str().unwrap_or_default(),
        "--report",
        report.to_str().unwrap_or_default(),
        "--timeout",
        "30",
    ]);
    let text = std::fs::read_to_string(&report).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    result.expect_code(0);
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let last = records.last().expect("a final record");
    assert_eq!(last["result"], "ok", "{text}");
    assert_eq!(last["label"], "bench-1");
    assert!(
        last["ip"].as_str().is_some_and(|ip| !ip.is_empty()),
        "{text}"
    );
}

#[test]
fn reset_board_needs_reset_lines_and_a_serial_port() {
    // Without --reset-board the PTY (no modem lines) opens and works: nothing toggles the lines.
    let sim = console_sim(&["--sec", "0"]);
    let info = run(&["info", "--serial", &sim.addr, "--timeout", "10", "--json"]);
    info.expect_code(0);
    // With it, a port that cannot drive RTS/DTR is refused instead of silently not resetting.
    let reset = run(&[
        "info",
        "--serial",
        &sim.addr,
        "--reset-board",
        "--timeout",
        "10",
    ]);
    reset.expect_code(3);
    assert!(
        reset
            .stderr
            .contains("cannot drive RTS/DTR to reset the board"),
        "{}",
        reset.stderr
    );
    // And it belongs to serial ports only.
    let http = run(&[
        "info",
        "--device",
        "127.0.0.1:9",
        "--reset-board",
        "--timeout",
        "2",
    ]);
    http.expect_code(2);
    assert!(http.stderr.contains("--reset-board"), "{}", http.stderr);
}
