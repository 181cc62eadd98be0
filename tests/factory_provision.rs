//! `esprov factory-data` → `esprov sim --factory-data` → `esprov batch` with the generated
//! manifest: the whole factory line on loopback, real processes only.

mod batch_support;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use batch_support::*;

/// Devices per run.
const DEVICES: usize = 3;

/// A base port with `DEVICES` consecutive free loopback ports after it (checked, then released).
fn free_ports() -> u16 {
    for _ in 0..50 {
        let first = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = first.local_addr().expect("addr").port();
        if base as usize + DEVICES >= usize::from(u16::MAX) {
            continue;
        }
        let rest: Vec<_> = (1..DEVICES)
            .map(|i| TcpListener::bind(("127.0.0.1", base + i as u16)))
            .collect();
        if rest.iter().all(Result::is_ok) {
            return base;
        }
    }
    panic!("no {DEVICES} consecutive free loopback ports")
}

/// Runs `esprov factory-data ARGS…` and returns (exit code, stdout, stderr).
fn factory_data(args: &[&str]) -> (i32, String, String) {
    let out = esprov()
        .arg("factory-data")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run esprov factory-data");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// An `esprov sim` serving one device per factory-data image; killed on drop.
struct FactorySims {
    child: Child,
    /// `(name, sec, address)` of each ready line.
    ready: Vec<(String, u64, String)>,
}

impl FactorySims {
    fn start(dir: &Path, base: u16, images: &[PathBuf]) -> FactorySims {
        let mut command = esprov();
        command
            .args(["sim", "--bind", "127.0.0.1", "--port", &base.to_string()])
            .args(["--json", "--no-mdns", "--connect-delay-ms", "50"])
            .args([
                "--apply-delay-ms",
                "50",
                "--ap",
                &format!("{SSID}:{PASSPHRASE}"),
            ])
            .arg("--state-dir")
            .arg(dir.join("sim-state"));
        for image in images {
            command.arg("--factory-data").arg(image);
        }
        let log = dir.join("sim.log");
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("sim log"))
            .spawn()
            .expect("start esprov sim");
        let stdout = child.stdout.take().expect("sim stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut sims = FactorySims {
            child,
            ready: Vec::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        while sims.ready.len() < images.len() {
            let left = deadline.saturating_duration_since(Instant::now());
            let Ok(line) = rx.recv_timeout(left) else {
                panic!(
                    "sim not ready:\n{}",
                    std::fs::read_to_string(&log).unwrap_or_default()
                );
            };
            let ready: serde_json::Value = serde_json::from_str(&line).expect("ready JSON");
            sims.ready.push((
                ready["name"].as_str().expect("name").to_owned(),
                ready["sec_ver"].as_u64().expect("sec_ver"),
                ready["device"].as_str().expect("device").to_owned(),
            ));
        }
        sims
    }
}

impl Drop for FactorySims {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The label CSV's (serial, name, QR JSON) rows.
fn labels(path: &Path) -> Vec<(String, String, serde_json::Value)> {
    let mut reader = csv::Reader::from_path(path).expect("labels.csv");
    reader
        .records()
        .map(|r| {
            let r = r.expect("label row");
            (
                r[0].to_owned(),
                r[1].to_owned(),
                serde_json::from_str(&r[2]).expect("QR JSON"),
            )
        })
        .collect()
}

/// One whole factory run for a security scheme; returns the run folder.
fn factory_line(tag: &str, sec: &str) -> PathBuf {
    let dir = temp_dir(&format!("factory-{tag}"));
    let base = free_ports();
    let serials = dir.join("serials.csv");
    let mut text = String::from("serial,device\n");
    for i in 0..DEVICES {
        text.push_str(&format!("SN-{i},127.0.0.1:{}\n", base + i as u16));
    }
    std::fs::write(&serials, text).expect("serials");
    let out = dir.join("run");
    let (code, stdout, stderr) = factory_data(&[
        "--serials",
        serials.to_str().expect("utf-8"),
        "--sec",
        sec,
        "--ssid",
        SSID,
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "factory-data failed:\n{stderr}");
    assert!(
        stderr.contains("0600"),
        "the command says the files are 0600:\n{stderr}"
    );
    let listed: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        listed.len(),
        DEVICES + 2,
        "one path per written file:\n{stdout}"
    );
    for path in &listed {
        let mode = std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(path).expect("written file").permissions(),
        );
        assert_eq!(mode & 0o777, 0o600, "{path}");
    }
    let images: Vec<PathBuf> = (0..DEVICES)
        .map(|i| out.join(format!("SN-{i}.bin")))
        .collect();
    for image in &images {
        assert_eq!(std::fs::metadata(image).expect("image").len(), 4096);
    }

    let sims = FactorySims::start(&dir, base, &images);
    let labels = labels(&out.join("labels.csv"));
    for (i, (name, sim_sec, address)) in sims.ready.iter().enumerate() {
        assert_eq!(&labels[i].0, &format!("SN-{i}"));
        assert_eq!(name, &labels[i].1, "the sim took its name from the image");
        assert_eq!(labels[i].2["name"], name.as_str());
        assert_eq!(
            sim_sec.to_string(),
            sec,
            "the sim took its security from the image"
        );
        assert_eq!(address, &format!("127.0.0.1:{}", base + i as u16));
    }

    let report = dir.join("report.jsonl");
    let output = {
        let mut command = esprov();
        command
            .env("ESPROV_PASSPHRASE", PASSPHRASE)
            .arg("batch")
            .arg(out.join("manifest.csv"))
            .arg("--report")
            .arg(&report)
            .args(["--status-delay-ms", "0", "--timeout", "30"])
            .stdin(Stdio::null());
        bounded(command, Duration::from_secs(120))
    };
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "batch failed:\n{stderr}");
    let finals = finals(&records(&report));
    assert_eq!(finals.len(), DEVICES);
    for (i, (_, _, address)) in sims.ready.iter().enumerate() {
        let record = &finals[address][0];
        assert_eq!(record["result"], "ok", "{address}: {record}");
        assert_eq!(record["label"], format!("SN-{i}"));
    }
    drop(sims);
    dir
}

/// Runs a command to completion within `limit`, or kills it and fails.
fn bounded(mut command: std::process::Command, limit: Duration) -> std::process::Output {
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(output) => output.expect("output"),
        Err(_) => {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
            panic!("command ran longer than {limit:?}")
        }
    }
}

#[test]
fn a_sec2_factory_run_provisions_sims_started_from_its_images() {
    let dir = factory_line("sec2", "2");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_sec1_factory_run_provisions_sims_started_from_its_images() {
    let dir = factory_line("sec1", "1");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_device_refuses_another_devices_password() {
    let dir = temp_dir("factory-swap");
    let out = dir.join("run");
    let (code, _, stderr) = factory_data(&[
        "--count",
        "2",
        "--ssid",
        SSID,
        "--out",
        out.to_str().expect("utf-8"),
        "--device",
        "127.0.0.1:1",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let labels = labels(&out.join("labels.csv"));
    let other_password = labels[1].2["pop"].as_str().expect("password").to_owned();
    let image = out.join(format!("{}.bin", labels[0].1));
    let sims = FactorySims::start(&dir, 0, std::slice::from_ref(&image));
    let address = &sims.ready[0].2;
    let manifest = dir.join("swapped.csv");
    std::fs::write(
        &manifest,
        format!("device,ssid,passphrase,username,password\n{address},{SSID},{PASSPHRASE},wifiprov,{other_password}\n"),
    )
    .expect("manifest");
    let report = dir.join("report.jsonl");
    let output = batch(
        &[
            manifest.to_str().expect("utf-8"),
            "--report",
            report.to_str().expect("utf-8"),
            "--status-delay-ms",
            "0",
        ],
        Duration::from_secs(120),
    );
    assert_eq!(output.status.code(), Some(4), "security failure expected");
    drop(sims);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn existing_outputs_and_symlinks_are_never_overwritten() {
    let dir = temp_dir("factory-clash");
    let out = dir.join("run");
    std::fs::create_dir_all(&out).expect("out");
    let victim = dir.join("victim");
    std::fs::write(&victim, "keep").expect("victim");
    std::os::unix::fs::symlink(&victim, out.join("manifest.csv")).expect("symlink");
    let (code, stdout, stderr) = factory_data(&[
        "--count",
        "2",
        "--ssid",
        SSID,
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("manifest.csv"), "{stderr}");
    assert!(stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&victim).expect("victim"), "keep");
    let written = std::fs::read_dir(&out).expect("out").count();
    assert_eq!(written, 1, "nothing but the symlink: no half-written run");
    let _ = std::fs::remove_dir_all(dir);
}
