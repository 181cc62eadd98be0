//! Interop with Espressif's own client code: esp-rainmaker-cli's `rmaker_tools.common`
//! (security 0/1/2, HTTP transport, prov helpers) drives `esprov sim` over loopback HTTP.
//!
//! The first run creates a venv under `target/interop-venv` and pip-installs
//! `esp-rainmaker-cli protobuf cryptography cffi pycparser` with `--no-deps` (the CLI's full
//! dependency set is heavy and not needed by `rmaker_tools.common`).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const PACKAGES: [&str; 5] = [
    "esp-rainmaker-cli",
    "protobuf",
    "cryptography",
    "cffi",
    "pycparser",
];
const IMPORT_CHECK: &str =
    "from rmaker_tools.common.security import Security0, Security1, Security2\n\
from rmaker_tools.common.prov import wifi_prov, wifi_scan, wifi_ctrl\n\
from rmaker_tools.common.transport.transport_http import Transport_HTTP\n";
const READY_WAIT: Duration = Duration::from_secs(60);
const DRIVER_WAIT: Duration = Duration::from_secs(180);
const PIP_WAIT: Duration = Duration::from_secs(900);

// ---------------------------------------------------------------- the cases

#[test]
fn sec0_provisions() {
    run_case(&["--sec", "0"], "provision", &["--sec", "0"]);
}

#[test]
fn sec1_with_pop_provisions() {
    run_case(
        &["--sec", "1", "--pop", "abcd1234"],
        "provision",
        &["--sec", "1", "--pop", "abcd1234"],
    );
}

#[test]
fn sec1_without_pop_provisions() {
    run_case(&["--sec", "1"], "provision", &["--sec", "1"]);
}

#[test]
fn sec2_patch0_provisions() {
    run_case(
        &["--sec", "2", "--sec-patch", "0"],
        "provision",
        &["--sec", "2", "--sec-patch", "0"],
    );
}

#[test]
fn sec2_patch1_provisions() {
    run_case(
        &["--sec", "2", "--sec-patch", "1"],
        "provision",
        &["--sec", "2", "--sec-patch", "1"],
    );
}

#[test]
fn wifi_scan_lists_the_simulated_aps() {
    run_case(&["--sec", "2"], "scan", &["--sec", "2"]);
}

#[test]
fn wrong_pop_fails_the_session() {
    run_case(
        &["--sec", "1", "--pop", "abcd1234"],
        "bad-session",
        &["--sec", "1", "--pop", "wrong-pop"],
    );
}

#[test]
fn wrong_password_fails_the_session() {
    run_case(
        &["--sec", "2"],
        "bad-session",
        &["--sec", "2", "--password", "wrong-password"],
    );
}

#[test]
fn ap_not_found_then_ctrl_reset_then_success() {
    run_case(&["--sec", "2"], "no-ap-reset", &["--sec", "2"]);
}

// ---------------------------------------------------------------- the harness

/// Starts a device with `sim_args`, runs the Python `scenario` against it, and fails on a non-zero exit.
fn run_case(sim_args: &[&str], scenario: &str, driver_args: &[&str]) {
    let python = venv_python();
    let sim = Sim::start(sim_args);
    let mut cmd = Command::new(python);
    cmd.arg("-I")
        .arg(driver_script())
        .arg(scenario)
        .arg(&sim.address)
        .args(driver_args)
        // `rmaker_tools.common` tries `import proto` first: run where no `proto` can be found.
        .current_dir(env!("CARGO_TARGET_TMPDIR"));
    let out = run_bounded(cmd, DRIVER_WAIT).unwrap_or_else(|e| panic!("driver {scenario}: {e}"));
    let text = describe(&out);
    assert!(
        out.status.success(),
        "scenario {scenario} with sim {sim_args:?} failed:\n{text}\n--- sim stderr ---\n{}",
        sim.stderr()
    );
}

/// A running `esprov sim`; killed when dropped.
struct Sim {
    child: Child,
    address: String,
    stderr: mpsc::Receiver<String>,
}

impl Sim {
    fn start(extra: &[&str]) -> Sim {
        let mut child = Command::new(env!("CARGO_BIN_EXE_esprov"))
            .args(["sim", "--port", "0", "--no-mdns"])
            .args(extra)
            .env_remove("ESPROV_SIM_POP")
            .env_remove("ESPROV_SIM_PASSWORD")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start esprov sim");
        let lines = spawn_line_reader(child.stdout.take().expect("sim stdout"));
        let stderr = spawn_collector(child.stderr.take().expect("sim stderr"));
        let deadline = Instant::now() + READY_WAIT;
        let address = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match lines.recv_timeout(left) {
                Ok(line) => {
                    if let Some(address) = loopback_address(&line) {
                        break address;
                    }
                }
                Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("esprov sim {extra:?} printed no ready line within {READY_WAIT:?}");
                }
            }
        };
        Sim {
            child,
            address,
            stderr,
        }
    }

    fn stderr(&self) -> String {
        self.stderr.try_iter().collect()
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `127.0.0.1:PORT` from a ready line.
fn loopback_address(line: &str) -> Option<String> {
    let start = line.find("127.0.0.1:")?;
    let rest = &line[start + "127.0.0.1:".len()..];
    let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (!port.is_empty()).then(|| format!("127.0.0.1:{port}"))
}

fn spawn_line_reader(stream: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn spawn_collector(stream: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            let _ = tx.send(format!("{line}\n"));
        }
    });
    rx
}

fn driver_script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/rainmaker_driver.py")
}

// ---------------------------------------------------------------- the venv

/// The venv's python, creating and filling the venv once per test run when needed.
fn venv_python() -> PathBuf {
    static VENV: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match VENV.get_or_init(prepare_venv) {
        Ok(python) => python.clone(),
        Err(why) => panic!("cannot prepare the interop venv: {why}"),
    }
}

fn prepare_venv() -> Result<PathBuf, String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .ok_or("no target dir")?
        .join("interop-venv");
    let python = dir.join("bin/python");
    let stamp = dir.join(".esprov-interop-ready");
    if stamp.exists() && python.exists() {
        return Ok(python);
    }
    if !python.exists() {
        let mut venv = Command::new("python3");
        venv.args(["-m", "venv"]).arg(&dir);
        expect_success(venv, Duration::from_secs(120), "python3 -m venv")?;
    }
    let mut pip = Command::new(dir.join("bin/pip"));
    pip.args([
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-deps",
    ])
    .args(PACKAGES);
    expect_success(pip, PIP_WAIT, "pip install")?;
    let mut check = Command::new(&python);
    check
        .args(["-I", "-c", IMPORT_CHECK])
        .current_dir(env!("CARGO_TARGET_TMPDIR"));
    expect_success(
        check,
        Duration::from_secs(60),
        "importing rmaker_tools.common",
    )?;
    std::fs::write(&stamp, PACKAGES.join("\n"))
        .map_err(|e| format!("writing {}: {e}", stamp.display()))?;
    Ok(python)
}

fn expect_success(cmd: Command, limit: Duration, what: &str) -> Result<(), String> {
    let out = run_bounded(cmd, limit).map_err(|e| format!("{what}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed:\n{}", describe(&out)))
    }
}

/// Runs `cmd` to completion with captured output, killing it after `limit`.
fn run_bounded(mut cmd: Command, limit: Duration) -> Result<Output, String> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start: {e}"))?;
    let stdout = spawn_collector(child.stdout.take().ok_or("no stdout")?);
    let stderr = spawn_collector(child.stderr.take().ok_or("no stderr")?);
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                let partial: String = stdout.try_iter().chain(stderr.try_iter()).collect();
                return Err(format!(
                    "timed out after {limit:?}; output so far:\n{partial}"
                ));
            }
            Err(e) => return Err(format!("wait failed: {e}")),
        }
    };
    // The readers finish once the pipes close; give them a bounded moment.
    let collect = |rx: &mpsc::Receiver<String>| -> Vec<u8> {
        let mut text = String::new();
        while let Ok(line) = rx.recv_timeout(Duration::from_secs(5)) {
            text.push_str(&line);
        }
        text.into_bytes()
    };
    Ok(Output {
        status,
        stdout: collect(&stdout),
        stderr: collect(&stderr),
    })
}

fn describe(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
