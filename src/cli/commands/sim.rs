//! `esprov sim` (the virtual device in this process) and `provision --sim` (a child one).

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use esprov::Error;

/// How long a child virtual device may take to print its ready line.
const READY_TIMEOUT: Duration = Duration::from_secs(20);

/// Runs the virtual device until it stops or is interrupted.
pub async fn run(args: esprov_sim::SimArgs) -> Result<(), Error> {
    esprov_sim::run(args).await.map_err(|e| match e {
        esprov_sim::SimError::Config(why) => {
            Error::Usage(format!("the virtual device cannot run: {why}"))
        }
        // A port in use, a PTY or a state file: local I/O, with its own advice.
        esprov_sim::SimError::Io { context, source } => Error::Io {
            context: format!("the virtual device stopped: {context}"),
            source,
        },
    })
}

/// A virtual device started as a child process; killed when dropped.
pub struct SimChild {
    child: Child,
    /// `HOST:PORT` of its first device.
    pub addr: String,
}

impl SimChild {
    /// Starts `esprov sim` with `args` on a free loopback port and waits for its ready line.
    pub fn start(args: &[String], envs: &[(&str, &str)]) -> Result<Self, Error> {
        let exe = std::env::current_exe().map_err(|e| io("finding the esprov binary", e))?;
        let mut command = Command::new(exe);
        command
            .args(["sim", "--bind", "127.0.0.1", "--port", "0", "--no-mdns"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            // Its QR art and event log would bury the provisioning steps: kept (the last lines
            // only) to explain a sim that refuses its arguments.
            .stderr(Stdio::piped());
        for (key, value) in envs {
            command.env(key, value);
        }
        let mut child = command
            .spawn()
            .map_err(|e| io("starting the virtual device", e))?;
        let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
            let _ = child.kill();
            return Err(Error::Usage("the virtual device has no stdout".into()));
        };
        let last_words = keep_last_lines(stderr);
        match wait_ready(stdout) {
            Ok(addr) => Ok(SimChild { child, addr }),
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                // Its stdout closed before a ready line: it exited, and said why on stderr.
                match (&e, last_words.join()) {
                    (Error::Usage(_), Ok(lines)) if !lines.is_empty() => Err(Error::Usage(
                        format!("the virtual device did not start: {}", lines.join(" / ")),
                    )),
                    _ => Err(e),
                }
            }
        }
    }
}

impl Drop for SimChild {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads lines until one names a loopback `HOST:PORT`; later output is drained in the background.
fn wait_ready(stdout: std::process::ChildStdout) -> Result<String, Error> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut sent = false;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if !sent {
                if let Some(addr) = loopback_addr(&line) {
                    let _ = tx.send(addr);
                    sent = true;
                }
            }
        }
    });
    let started = Instant::now();
    rx.recv_timeout(READY_TIMEOUT.saturating_sub(started.elapsed()))
        .map_err(|e| match e {
            std::sync::mpsc::RecvTimeoutError::Disconnected => {
                Error::Usage("the virtual device exited before it was ready".into())
            }
            std::sync::mpsc::RecvTimeoutError::Timeout => Error::Timeout {
                what: "the virtual device's ready line".into(),
                after: READY_TIMEOUT,
            },
        })
}

/// Drains the child's stderr to its end, keeping its last few non-empty lines (escaped, cut).
fn keep_last_lines(stderr: std::process::ChildStderr) -> std::thread::JoinHandle<Vec<String>> {
    std::thread::spawn(move || {
        let mut last = std::collections::VecDeque::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.trim().is_empty() {
                continue;
            }
            if last.len() == 4 {
                last.pop_front();
            }
            last.push_back(esprov::device_text::escape(line.trim()));
        }
        last.into()
    })
}

/// The first `127.0.0.1:PORT` in a line of the sim's output.
pub fn loopback_addr(line: &str) -> Option<String> {
    const HOST: &str = "127.0.0.1:";
    let start = line.find(HOST)? + HOST.len();
    let digits: String = line[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let port: u16 = digits.parse().ok().filter(|p| *p != 0)?;
    Some(format!("127.0.0.1:{port}"))
}

fn io(context: &str, source: std::io::Error) -> Error {
    Error::Io {
        context: context.into(),
        source,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ready_lines_in_text_and_json_give_the_address() {
        assert_eq!(
            super::loopback_addr("ready PROV_1A2B3C http://127.0.0.1:40123 sec2").as_deref(),
            Some("127.0.0.1:40123")
        );
        assert_eq!(
            super::loopback_addr(r#"{"event":"ready","addr":"127.0.0.1:8080"}"#).as_deref(),
            Some("127.0.0.1:8080")
        );
        assert_eq!(super::loopback_addr("starting"), None);
    }
}
