//! Helpers of the batch end-to-end tests: `esprov sim` fleets as child processes, a listener that
//! never answers, manifests and report parsing. Every wait is bounded.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// The binary under test.
pub const ESPROV: &str = env!("CARGO_BIN_EXE_esprov");

/// The simulated access point every fleet offers.
pub const SSID: &str = "HomeNetwork";
/// Its passphrase.
pub const PASSPHRASE: &str = "rightpass";

/// A clean `esprov` command (no secrets or log settings from the developer's shell).
pub fn esprov() -> Command {
    let mut command = Command::new(ESPROV);
    for key in [
        "ESPROV_POP",
        "ESPROV_PASSWORD",
        "ESPROV_PASSPHRASE",
        "ESPROV_SIM_POP",
        "ESPROV_SIM_PASSWORD",
        "RUST_LOG",
    ] {
        command.env_remove(key);
    }
    command
}

/// A fresh temporary folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("esprov-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// One `esprov sim --count N` process; killed on drop.
pub struct Fleet {
    child: Child,
    /// Device addresses (`127.0.0.1:PORT`), in index order.
    pub addresses: Vec<String>,
    /// Device names, in index order.
    pub names: Vec<String>,
    /// The sim's state folder (`device-<i>/nvs.net80211` holds stored credentials).
    pub state_dir: PathBuf,
    /// The sim's stderr (JSON event lines among others).
    pub log: PathBuf,
}

impl Fleet {
    /// Starts `count` devices with `extra` flags, offering the test AP, and waits for them.
    pub fn start(dir: &Path, tag: &str, count: usize, extra: &[&str]) -> Fleet {
        let state_dir = dir.join(format!("sim-{tag}"));
        let log = dir.join(format!("sim-{tag}.log"));
        let ap = format!("{SSID}:{PASSPHRASE}");
        let mut command = esprov();
        command
            .args([
                "sim",
                "--count",
                &count.to_string(),
                "--port",
                "0",
                "--json",
                "--no-mdns",
                "--ap",
                &ap,
            ])
            .arg("--state-dir")
            .arg(&state_dir)
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("sim log"));
        let mut child = command.spawn().expect("start esprov sim");
        let stdout = child.stdout.take().expect("sim stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut fleet = Fleet {
            child,
            addresses: Vec::new(),
            names: Vec::new(),
            state_dir,
            log,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while fleet.addresses.len() < count {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = rx.recv_timeout(left).unwrap_or_else(|_| {
                let log = std::fs::read_to_string(&fleet.log).unwrap_or_default();
                panic!(
                    "sim {tag}: {} of {count} ready lines\n{log}",
                    fleet.addresses.len()
                )
            });
            let ready: serde_json::Value =
                serde_json::from_str(&line).unwrap_or_else(|e| panic!("ready line {line:?}: {e}"));
            fleet
                .addresses
                .push(ready["device"].as_str().expect("device").to_owned());
            fleet
                .names
                .push(ready["name"].as_str().expect("name").to_owned());
        }
        fleet
    }

    /// How often each device (by address) received credentials (`cred_recv` events).
    pub fn credentials_received(&self) -> HashMap<String, usize> {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let by_name: HashMap<&str, &str> = self
            .names
            .iter()
            .map(String::as_str)
            .zip(self.addresses.iter().map(String::as_str))
            .collect();
        let mut counts: HashMap<String, usize> =
            self.addresses.iter().map(|a| (a.clone(), 0)).collect();
        for line in log.lines().filter(|l| l.starts_with('{')) {
            let Ok(event) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if event["event"] == "cred_recv" {
                if let Some(address) = event["name"].as_str().and_then(|n| by_name.get(n)) {
                    *counts.entry((*address).to_owned()).or_default() += 1;
                }
            }
        }
        counts
    }

    /// Whether device `index` stored credentials for the test AP.
    pub fn stored(&self, index: usize) -> bool {
        let nvs = std::fs::read_to_string(
            self.state_dir
                .join(format!("device-{index}"))
                .join("nvs.net80211"),
        )
        .unwrap_or_default();
        nvs.contains(&hex(SSID.as_bytes()))
    }
}

impl Drop for Fleet {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A loopback listener that accepts connections, counts them and never answers.
pub struct Silent {
    /// `127.0.0.1:PORT`.
    pub address: String,
    /// Connections accepted so far.
    pub accepted: Arc<AtomicUsize>,
}

impl Silent {
    /// Binds and starts accepting on a background thread (sockets are held open, unread).
    pub fn start() -> Silent {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let address = listener.local_addr().expect("address").to_string();
        let accepted = Arc::new(AtomicUsize::new(0));
        let count = accepted.clone();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for stream in listener.incoming().flatten() {
                count.fetch_add(1, Ordering::SeqCst);
                held.push(stream);
            }
        });
        Silent { address, accepted }
    }

    /// Connections accepted so far.
    pub fn count(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }
}

/// Runs `esprov batch ARGS…`, bounded by `limit`; kills it and panics if it overruns.
pub fn batch(args: &[&str], limit: Duration) -> Output {
    let child = esprov()
        .arg("batch")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start esprov batch");
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(output) => output.expect("batch output"),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!("esprov batch {args:?} ran longer than {limit:?}")
        }
    }
}

/// The report's records, each line parsed (a line that does not parse fails the test).
pub fn records(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).expect("report");
    assert!(
        text.is_empty() || text.ends_with('\n'),
        "the report ends mid-line"
    );
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("report line {}: {l:?}: {e}", i + 1))
        })
        .collect()
}

/// The final record of each device.
pub fn finals(records: &[serde_json::Value]) -> HashMap<String, Vec<serde_json::Value>> {
    let mut out: HashMap<String, Vec<serde_json::Value>> = HashMap::new();
    for r in records.iter().filter(|r| r["final"] == true) {
        out.entry(r["device"].as_str().unwrap_or_default().to_owned())
            .or_default()
            .push(r.clone());
    }
    out
}

/// One manifest row: device, Wi-Fi passphrase, SRP password, label, timeout (empty: `--timeout`).
pub type Row = (String, String, String, String, String);

/// A row for `device` with the right secrets.
pub fn good_row(device: &str, label: &str) -> Row {
    (
        device.to_owned(),
        PASSPHRASE.to_owned(),
        SIM_PASSWORD.to_owned(),
        label.to_owned(),
        String::new(),
    )
}

/// The sims' default SRP password.
pub const SIM_PASSWORD: &str = "abcd1234";

/// Writes a CSV manifest with SRP username `wifiprov`.
pub fn write_manifest(path: &Path, rows: &[Row]) {
    let mut text = String::from("device,ssid,passphrase,username,password,label,timeout\n");
    for (device, passphrase, password, label, timeout) in rows {
        text.push_str(&format!(
            "{device},{SSID},{passphrase},wifiprov,{password},{label},{timeout}\n"
        ));
    }
    std::fs::write(path, text).expect("manifest");
}
