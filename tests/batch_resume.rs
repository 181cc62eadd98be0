//! SIGKILL `esprov batch` halfway, then `--resume`: every device ends provisioned exactly once,
//! the report parses line by line, and no record is duplicated.

mod batch_support;

use std::collections::HashSet;
use std::process::Stdio;
use std::time::{Duration, Instant};

use batch_support::*;

const DEVICES: usize = 50;

#[test]
fn killed_halfway_then_resumed_provisions_every_device_exactly_once() {
    let dir = temp_dir("resume");
    // --no-auto-stop: a device that joined just before the kill still answers GetStatus afterwards.
    let fleet = Fleet::start(
        &dir,
        "fleet",
        DEVICES,
        &["--sec", "2", "--connect-delay-ms", "300", "--no-auto-stop"],
    );
    let rows: Vec<Row> = fleet
        .addresses
        .iter()
        .enumerate()
        .map(|(i, a)| good_row(a, &format!("D{i}")))
        .collect();
    let manifest = dir.join("devices.csv");
    write_manifest(&manifest, &rows);
    let report = dir.join("report.jsonl");
    let (manifest_arg, report_arg) = (
        manifest.to_str().expect("utf-8"),
        report.to_str().expect("utf-8"),
    );
    let mut child = esprov()
        .args([
            "batch",
            manifest_arg,
            "--report",
            report_arg,
            "--concurrency",
            "8",
            "--timeout",
            "20",
            "--json",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start batch");
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        let done = std::fs::read_to_string(&report)
            .map(|t| t.matches("\"final\":true").count())
            .unwrap_or(0);
        if done >= DEVICES / 2 {
            break;
        }
        if Instant::now() > deadline || child.try_wait().ok().flatten().is_some() {
            let _ = child.kill();
            panic!("the batch did not reach half the devices before ending ({done} final records)");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let before = finals(&records(&report)).len();
    assert!(
        before < DEVICES,
        "the kill came before the end ({before} finished)"
    );

    let out = batch(
        &[
            manifest_arg,
            "--report",
            report_arg,
            "--resume",
            "--concurrency",
            "8",
            "--timeout",
            "20",
        ],
        Duration::from_secs(240),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains(&format!("{before} skipped")), "{stdout}");

    let all = records(&report);
    let mut seen = HashSet::new();
    for r in &all {
        let key = (r["device"].to_string(), r["attempt"].to_string());
        assert!(seen.insert(key), "duplicated record {r}");
    }
    let confirmed = all
        .iter()
        .filter(|r| {
            r["note"]
                .as_str()
                .is_some_and(|n| n.starts_with("already connected"))
        })
        .count();
    eprintln!(
        "{before} devices finished before the kill; {confirmed} found already connected on resume"
    );
    let finals = finals(&all);
    let received = fleet.credentials_received();
    for (i, address) in fleet.addresses.iter().enumerate() {
        let oks = finals
            .get(address)
            .map_or(0, |f| f.iter().filter(|r| r["result"] == "ok").count());
        assert_eq!(oks, 1, "{address}: one final ok record");
        assert_eq!(
            received[address], 1,
            "{address}: credentials sent exactly once"
        );
        assert!(fleet.stored(i), "{address} stored the credentials");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
