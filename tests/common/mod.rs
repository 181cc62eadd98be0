//! Shared helpers of the end-to-end tests: the built `esprov` binary, virtual devices started as
//! `esprov sim` child processes on loopback, and bounded runs.

#![allow(dead_code)]

pub mod proxy;
pub mod pty;
pub mod schema;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Path of the binary under test.
pub const ESPROV: &str = env!("CARGO_BIN_EXE_esprov");

/// No test run of the binary may take longer than this; a hang is a failure, not a stuck CI.
pub const RUN_LIMIT: Duration = Duration::from_secs(90);

/// Environment variables that would leak secrets into a test from the developer's shell.
const SECRET_ENV: [&str; 5] = [
    "ESPROV_POP",
    "ESPROV_PASSWORD",
    "ESPROV_PASSPHRASE",
    "ESPROV_SIM_POP",
    "ESPROV_SIM_PASSWORD",
];

/// A `Command` for `esprov` with a clean environment for secrets and logging.
pub fn esprov() -> Command {
    let mut command = Command::new(ESPROV);
    for key in SECRET_ENV {
        command.env_remove(key);
    }
    command.env_remove("RUST_LOG");
    command
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// Exit status.
    pub status: ExitStatus,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Wall time.
    pub elapsed: Duration,
}

impl Run {
    /// The exit code (-1 when killed by a signal).
    pub fn code(&self) -> i32 {
        self.status.code().unwrap_or(-1)
    }

    /// Fails the test with both streams unless the exit code is `code`.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code(),
            code,
            "expected exit code {code}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// The NDJSON lines of stdout, parsed.
    #[track_caller]
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| {
                    panic!("not JSON: {l:?} ({e})\n--- stderr\n{}", self.stderr)
                })
            })
            .collect()
    }

    /// The one JSON object on stdout.
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        let mut lines = self.json_lines();
        assert_eq!(
            lines.len(),
            1,
            "expected one JSON object, got {}",
            self.stdout
        );
        lines.remove(0)
    }
}

/// Runs `esprov ARGS` with stdin from `input` (or closed), bounded by [`RUN_LIMIT`].
pub fn run_with(args: &[&str], envs: &[(&str, &str)], input: Option<&[u8]>) -> Run {
    let mut command = esprov();
    command
        .args(args)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in envs {
        command.env(key, value);
    }
    let started = Instant::now();
    let mut child = command.spawn().expect("the esprov binary starts");
    if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
        let _ = stdin.write_all(bytes);
    }
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = wait_bounded(&mut child, RUN_LIMIT);
    Run {
        status,
        stdout: stdout.recv().unwrap_or_default(),
        stderr: stderr.recv().unwrap_or_default(),
        elapsed: started.elapsed(),
    }
}

/// Runs `esprov ARGS` with stdin closed.
pub fn run(args: &[&str]) -> Run {
    run_with(args, &[], None)
}

/// Reads a stream to its end on a thread, handing the text over when done.
fn drain(stream: Option<impl Read + Send + 'static>) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut stream) = stream {
            let mut bytes = Vec::new();
            let _ = stream.read_to_end(&mut bytes);
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        let _ = tx.send(text);
    });
    rx
}

/// Waits for a child, killing it when it outlives `limit`.
fn wait_bounded(child: &mut Child, limit: Duration) -> ExitStatus {
    let deadline = Instant::now() + limit;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("esprov did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// A virtual device (`esprov sim`) on a loopback port; killed when dropped.
pub struct Sim {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// The device's service name (`PROV_XXXXXX`).
    pub name: String,
    stderr: mpsc::Receiver<String>,
}

impl Sim {
    /// Starts `esprov sim --port 0 --no-mdns ARGS` on an address of its own and waits for its
    /// ready line.
    pub fn start(args: &[&str]) -> Sim {
        let bind = private_loopback();
        let mut all = vec!["--port", "0", "--no-mdns", "--bind", &bind];
        all.extend_from_slice(args);
        Sim::start_raw(&all, &[])
    }

    /// Starts `esprov sim ARGS` with extra environment, exactly as given.
    pub fn start_raw(args: &[&str], envs: &[(&str, &str)]) -> Sim {
        let mut command = esprov();
        command
            .arg("sim")
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (key, value) in envs {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("esprov sim starts");
        let stderr = drain(child.stderr.take());
        let stdout = child.stdout.take().expect("sim stdout is piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if !sent {
                    if let Some(ready) = parse_ready(&line) {
                        let _ = tx.send(ready);
                        sent = true;
                    }
                }
            }
        });
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok((name, addr)) => Sim {
                child,
                addr,
                name,
                stderr,
            },
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                let err = stderr
                    .recv_timeout(Duration::from_secs(2))
                    .unwrap_or_default();
                panic!("esprov sim printed no ready line\n--- stderr\n{err}");
            }
        }
    }

    /// The sim's process id, for signalling it.
    #[allow(dead_code)]
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// `--device ADDR` for the client.
    pub fn device(&self) -> [&str; 2] {
        ["--device", self.addr.as_str()]
    }

    /// Stops the device and returns what it printed on stderr.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.stderr
            .recv_timeout(Duration::from_secs(2))
            .unwrap_or_default()
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `(name, 127.0.0.1:PORT)` from a ready line, text (`NAME ready at ADDR (…)`) or JSON.
pub fn parse_ready(line: &str) -> Option<(String, String)> {
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(line) {
        let addr = value.get("device")?.as_str()?.to_owned();
        let name = value
            .get("name")
            .and_then(|n| n.as_str())
            .unwrap_or("")
            .to_owned();
        return Some((name, addr));
    }
    let (name, rest) = line.split_once(" ready at ")?;
    let addr = rest
        .split_whitespace()
        .next()?
        .trim_end_matches(',')
        .to_owned();
    Some((name.trim().to_owned(), addr))
}

/// `provision` arguments for `sim` with the default AP of the tests.
pub fn provision_args<'a>(sim: &'a Sim, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "provision",
        "--device",
        sim.addr.as_str(),
        "--timeout",
        "30",
    ];
    args.extend_from_slice(extra);
    args
}

/// The access point every test device knows: `--ap` value, SSID and passphrase.
pub const AP: &str = "TestNet:test-pass-123";
/// SSID of [`AP`].
pub const SSID: &str = "TestNet";
/// Passphrase of [`AP`].
pub const PASSPHRASE: &str = "test-pass-123";

/// Fails unless every `-v`/`-vv` log line about `prov-config` hides the request's length (a
/// SetConfig's length tells the passphrase's, a SetThreadConfig's the dataset's); returns how
/// many such lines there were.
#[track_caller]
pub fn assert_prov_config_lengths_hidden(stderr: &str) -> usize {
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("prov-config"))
        .collect();
    for line in &lines {
        for key in ["len=", "bytes=", "sent="] {
            for rest in line.split(key).skip(1) {
                let is_response = line.contains(" response ");
                let numeric = rest.starts_with(|c: char| c.is_ascii_digit());
                assert!(
                    !numeric || (is_response && key == "len="),
                    "a prov-config request length is logged: {line}"
                );
            }
        }
    }
    lines.len()
}

/// A loopback address no other test uses (127.0.0.0/8 is all loopback). A sim that crashed or
/// was restarted frees its port, and another test's sim may be given that port at once; on an
/// address of its own, a client still aiming at the dead sim is refused instead of driving (and
/// evicting the connections of) a stranger.
pub fn private_loopback() -> String {
    let [a, b, c, _] = rand::random::<u32>().to_be_bytes();
    format!("127.{}.{b}.{}", a.max(1), c.max(1))
}
