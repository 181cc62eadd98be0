//! `esprov batch` for people at a line: every manifest problem at once with "did you mean",
//! `--check` (the plan, nothing contacted, nothing written), and Ctrl-C (in-flight devices
//! finish, the summary names the exact `--resume` command, exit code 11).

mod batch_support;
mod common;

use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

use batch_support::*;

#[test]
fn every_manifest_problem_is_reported_at_once() {
    let dir = temp_dir("line-problems");
    let listener = Silent::start();
    let manifest = dir.join("devices.csv");
    let addr = &listener.address;
    std::fs::write(
        &manifest,
        format!(
            "device,ssid,pasphrase,lable\n\
             {addr},{SSID},x,A\n\
             not-an-address,{SSID},x,B\n\
             127.0.0.1:9,,x,C\n\
             {addr},{SSID},x,D\n"
        ),
    )
    .expect("manifest");
    let report = dir.join("report.jsonl");
    let out = batch(
        &[
            manifest.to_str().expect("utf-8"),
            "--report",
            report.to_str().expect("utf-8"),
        ],
        Duration::from_secs(60),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    for expected in [
        "has 5 problems",
        "devices.csv:1: column 3 (pasphrase): unknown column \"pasphrase\": did you mean \"passphrase\"?",
        "devices.csv:1: column 4 (lable): unknown column \"lable\": did you mean \"label\"?",
        "devices.csv:3: column 1 (device)",
        "devices.csv:4: column 2 (ssid): the ssid is missing",
        "devices.csv:5: column 1 (device)",
    ] {
        assert!(stderr.contains(expected), "{expected:?} missing from\n{stderr}");
    }
    assert!(!report.exists(), "nothing written");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(listener.count(), 0, "a device was contacted");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn check_prints_the_plan_and_contacts_nothing() {
    let dir = temp_dir("line-check");
    let listener = Silent::start();
    let manifest = dir.join("devices.csv");
    std::fs::write(
        &manifest,
        format!(
            "device,ssid,passphrase,label,security,timeout\n\
             {},{SSID},{PASSPHRASE},SN-1,,\n\
             127.0.0.1:9,{SSID},{PASSPHRASE},SN-2,2,5\n",
            listener.address
        ),
    )
    .expect("manifest");
    let report = dir.join("report.jsonl");
    let args = [
        manifest.to_str().expect("utf-8"),
        "--report",
        report.to_str().expect("utf-8"),
        "--check",
    ];
    let out = batch(&args, Duration::from_secs(60));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("2 devices, all valid"), "{stdout}");
    assert!(stdout.contains("Nothing was contacted"), "{stdout}");
    let row = stdout
        .lines()
        .find(|l| l.contains("SN-2"))
        .unwrap_or_else(|| panic!("a row for SN-2:\n{stdout}"));
    assert!(row.contains("127.0.0.1:9") && row.contains("5 s"), "{row}");

    let mut json_args = args.to_vec();
    json_args.push("--json");
    let out = batch(&json_args, Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let value: serde_json::Value = serde_json::from_str(text.trim()).expect("one JSON line");
    common::schema::assert_valid("batch", &value);
    assert_eq!(value["event"], "check");
    assert_eq!(value["devices"][1]["sec_ver"], 2);
    assert_eq!(value["devices"][1]["timeout_ms"], 5000.0);
    assert_eq!(value["devices"][0]["sec_ver"], serde_json::Value::Null);

    assert!(!report.exists(), "--check writes no report");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(listener.count(), 0, "--check contacted a device");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ctrl_c_finishes_in_flight_devices_and_names_the_resume_command() {
    let dir = temp_dir("line-interrupt");
    let fleet = Fleet::start(
        &dir,
        "fleet",
        4,
        &[
            "--sec",
            "2",
            "--connect-delay-ms",
            "1500",
            "--apply-delay-ms",
            "0",
        ],
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
    let args = [
        "batch",
        manifest.to_str().expect("utf-8"),
        "--report",
        report.to_str().expect("utf-8"),
        "--concurrency",
        "1",
        "--status-delay-ms",
        "0",
    ];
    let mut child = esprov()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start esprov batch");
    // The first device is joining (1.5 s) when the signal comes.
    std::thread::sleep(Duration::from_millis(700));
    // SAFETY: kill(2) on our own child's pid, with a valid signal number.
    let sent = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(sent, 0, "SIGINT delivered");
    let deadline = Instant::now() + Duration::from_secs(30);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "batch did not stop after Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stdout = String::new();
    let mut stderr = String::new();
    let _ = child
        .stdout
        .take()
        .map(|mut s| s.read_to_string(&mut stdout));
    let _ = child
        .stderr
        .take()
        .map(|mut s| s.read_to_string(&mut stderr));
    assert_eq!(status.code(), Some(11), "{stdout}\n{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    let finished = finals(&records(&report));
    assert_eq!(
        finished.len(),
        1,
        "the in-flight device finished: {finished:?}"
    );
    assert!(
        finished.values().all(|r| r[0]["result"] == "ok"),
        "{finished:?}"
    );
    assert!(stdout.contains("3 not started (interrupted)"), "{stdout}");
    let resume = stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("to continue: "))
        .unwrap_or_else(|| panic!("a resume command in\n{stdout}"));
    assert!(
        resume.starts_with("esprov batch ") && resume.ends_with(" --resume"),
        "{resume}"
    );

    // The printed command, run as printed (it needs no shell quoting here), finishes the line.
    let words: Vec<&str> = resume.split_whitespace().skip(1).collect();
    let out = esprov()
        .args(&words)
        .stdin(Stdio::null())
        .output()
        .expect("resume");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("1 skipped (already ok)"), "{text}");
    let finished = finals(&records(&report));
    assert_eq!(finished.len(), 4, "every device once: {finished:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
