//! `esprov batch` with Thread rows: a `dataset` cell (literal, `env:` or `file:`) instead of
//! `ssid`/`passphrase`, against real `esprov sim --network thread` fleets, mixed with Wi-Fi rows
//! in one manifest; `--check` and manifest validation of dataset cells.

mod batch_support;
mod common;

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use batch_support::*;
use common::schema::assert_lines_valid;

/// The dataset of the sim's default Thread network (OpenThread-1234, PAN ID 0x1234, channel
/// 15) with its network key.
const GOOD: &str = "000300000f0208dead00beef001234051000112233445566778899aabbccddeeff01021234";
const KEY: &str = "00112233445566778899aabbccddeeff";
const HEADER: &str = "device,ssid,passphrase,dataset,username,password,label\n";

fn thread_fleet(dir: &Path, tag: &str, count: usize, extra: &[&str]) -> Fleet {
    let mut args = vec![
        "--network",
        "thread",
        "--sec",
        "2",
        "--connect-delay-ms",
        "20",
        "--apply-delay-ms",
        "20",
    ];
    args.extend_from_slice(extra);
    Fleet::start(dir, tag, count, &args)
}

fn thread_row(device: &str, dataset: &str, label: &str) -> String {
    format!("{device},,,{dataset},wifiprov,{SIM_PASSWORD},{label}\n")
}

fn wifi_row(device: &str, label: &str) -> String {
    format!("{device},{SSID},{PASSPHRASE},,wifiprov,{SIM_PASSWORD},{label}\n")
}

/// `esprov batch ARGS` with `envs`, bounded.
fn batch_env(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut command = esprov();
    command
        .arg("batch")
        .args(args)
        .envs(envs.iter().copied())
        .stdin(Stdio::null());
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start esprov batch");
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(Duration::from_secs(180)) {
        Ok(output) => output.expect("batch output"),
        Err(_) => {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
            panic!("esprov batch {args:?} did not finish")
        }
    }
}

#[test]
fn a_mixed_wifi_and_thread_manifest_provisions_every_device_as_its_row_says() {
    let dir = temp_dir("thread-mixed");
    let thread = thread_fleet(&dir, "thread", 3, &[]);
    let invalid = thread_fleet(&dir, "invalid", 1, &["--outcome", "dataset-invalid"]);
    let wifi = Fleet::start(&dir, "wifi", 2, &["--sec", "2", "--connect-delay-ms", "20"]);
    std::fs::write(dir.join("ds.hex"), format!("{GOOD}\n")).expect("dataset file");
    let mut text = String::from(HEADER);
    text += &thread_row(&thread.addresses[0], GOOD, "T-literal");
    text += &thread_row(&thread.addresses[1], "env:ESPROV_TEST_DATASET", "T-env");
    text += &thread_row(&thread.addresses[2], "file:ds.hex", "T-file");
    text += &thread_row(&invalid.addresses[0], GOOD, "T-invalid");
    text += &wifi_row(&wifi.addresses[0], "W-0");
    text += &wifi_row(&wifi.addresses[1], "W-1");
    let manifest = dir.join("mixed.csv");
    std::fs::write(&manifest, text).expect("manifest");
    let report = dir.join("report.jsonl");
    let envs = [("ESPROV_TEST_DATASET", GOOD)];

    // --check: every row valid, its network named, nothing contacted.
    let check = batch_env(
        &[manifest.to_str().expect("utf-8"), "--check", "--json"],
        &envs,
    );
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    let plan: serde_json::Value =
        serde_json::from_slice(&check.stdout).expect("one JSON line from --check");
    let networks: Vec<&str> = plan["devices"]
        .as_array()
        .expect("devices")
        .iter()
        .map(|d| d["network"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        networks,
        ["thread", "thread", "thread", "thread", "wifi", "wifi"]
    );
    assert!(!report.exists(), "--check writes no report");

    let out = batch_env(
        &[
            manifest.to_str().expect("utf-8"),
            "--report",
            report.to_str().expect("utf-8"),
            "--timeout",
            "30",
            "--concurrency",
            "4",
        ],
        &envs,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    // One device failed with the dataset: the run's exit code is that failure's (6).
    assert_eq!(out.status.code(), Some(6), "{stdout}\n{stderr}");
    let text = std::fs::read_to_string(&report).expect("report");
    assert_lines_valid("batch-report", &text);
    let finals = finals(&records(&report));
    for address in &thread.addresses {
        let record = &finals[address][0];
        assert_eq!(record["result"], "ok", "{record}");
        assert_eq!(record["thread"]["name"], "OpenThread-1234", "{record}");
        assert_eq!(record["thread"]["pan_id"], 0x1234, "{record}");
        assert_eq!(record["thread"]["ext_pan_id"], "dead00beef001234");
        assert!(
            record.get("ip").is_none(),
            "a Thread node has no IP: {record}"
        );
    }
    for address in &wifi.addresses {
        let record = &finals[address][0];
        assert_eq!(record["result"], "ok", "{record}");
        assert!(record["ip"].as_str().is_some(), "{record}");
        assert!(record.get("thread").is_none(), "{record}");
    }
    assert!(
        stdout.contains(&format!(
            "ok      {} (T-literal): Thread \"OpenThread-1234\"",
            thread.addresses[0]
        )),
        "{stdout}"
    );
    let failed = &finals[&invalid.addresses[0]][0];
    assert_eq!(failed["result"], "thread_dataset_invalid", "{failed}");
    assert_eq!(failed["exit_code"], 6, "{failed}");
    // An attach failure earns one retry after a Thread reset, like a Wi-Fi failure.
    assert_eq!(failed["attempt"], 2, "{failed}");
    assert!(
        failed["note"]
            .as_str()
            .unwrap_or_default()
            .contains("reset"),
        "{failed}"
    );
    for leak in [KEY, GOOD] {
        assert!(
            !text.contains(leak) && !stderr.contains(leak) && !stdout.contains(leak),
            "the dataset leaked into the report or the output"
        );
    }
}

#[test]
fn dataset_cells_are_validated_by_row_and_column_without_quoting_them() {
    let dir = temp_dir("thread-manifest");
    let listener = Silent::start();
    let secret = "0510a1b2c3d4e5f60718";
    let cases = [
        (
            "both.csv",
            format!("device,ssid,dataset\nADDR,Home,{GOOD}\n"),
            "both.csv:2",
            "dataset",
            "not both",
        ),
        (
            "neither.csv",
            "device,label\nADDR,x\n".to_owned(),
            "neither.csv:1",
            "",
            "neither an \"ssid\"",
        ),
        (
            "nohex.csv",
            format!("device,dataset\nADDR,{GOOD}\nADDR,zz{secret}\n"),
            "nohex.csv:3",
            "dataset",
            "not hex",
        ),
        (
            "cut.jsonl",
            format!("{{\"device\":\"ADDR\",\"dataset\":\"{secret}\"}}\n"),
            "cut.jsonl:1",
            "dataset",
            "cut short",
        ),
        (
            "env.csv",
            "device,dataset\nADDR,env:ESPROV_THREAD_TEST_UNSET\n".to_owned(),
            "env.csv:2",
            "dataset",
            "not set",
        ),
    ];
    for (name, text, location, column, says) in cases {
        let manifest = dir.join(name);
        std::fs::write(&manifest, text.replace("ADDR", &listener.address)).expect("manifest");
        let out = batch(
            &[manifest.to_str().expect("utf-8"), "--check"],
            Duration::from_secs(60),
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: usage\n{stderr}");
        assert!(stderr.contains(location), "{name}: {location} in\n{stderr}");
        assert!(stderr.contains(column), "{name}: {column} in\n{stderr}");
        assert!(stderr.contains(says), "{name}: {says} in\n{stderr}");
        assert!(
            !stderr.contains("a1b2c3d4") && !stderr.contains("00112233"),
            "{name}: the cell's value is quoted\n{stderr}"
        );
    }
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(listener.count(), 0, "a device was contacted");
}

#[test]
fn a_resumed_thread_device_already_attached_is_not_sent_the_dataset_again() {
    let dir = temp_dir("thread-resume");
    let fleet = thread_fleet(&dir, "resume", 1, &["--no-auto-stop"]);
    let address = &fleet.addresses[0];
    // An earlier run attached the device but its record says otherwise (it was cut short).
    let attached = esprov()
        .args(["provision", "--device", address, "--dataset-tlvs", GOOD])
        .args([
            "--username",
            "wifiprov",
            "--password",
            SIM_PASSWORD,
            "--timeout",
            "20",
        ])
        .stdin(Stdio::null())
        .output()
        .expect("esprov provision");
    assert!(attached.status.success(), "{attached:?}");
    let manifest = dir.join("m.csv");
    std::fs::write(
        &manifest,
        format!("{HEADER}{}", thread_row(address, GOOD, "R")),
    )
    .expect("manifest");
    let report = dir.join("report.jsonl");
    std::fs::write(
        &report,
        format!(
            "{{\"schema\":1,\"device\":\"{address}\",\"attempt\":1,\"result\":\"timeout\",\"reason\":\"timeout\",\"exit_code\":4,\"total_ms\":1.0,\"final\":true,\"ts_ms\":1}}\n"
        ),
    )
    .expect("report");
    let out = batch_env(
        &[
            manifest.to_str().expect("utf-8"),
            "--report",
            report.to_str().expect("utf-8"),
            "--resume",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let last = records(&report).pop().expect("a new record");
    assert_eq!(last["result"], "ok", "{last}");
    assert_eq!(last["attempt"], 2, "{last}");
    assert_eq!(last["thread"]["name"], "OpenThread-1234", "{last}");
    assert!(
        last["note"]
            .as_str()
            .unwrap_or_default()
            .contains("already attached to this Thread network"),
        "{last}"
    );
    // SetThreadConfig was not sent again: the sim logged one dataset only.
    let log = std::fs::read_to_string(&fleet.log).unwrap_or_default();
    assert_eq!(log.matches("thread_dataset_recv").count(), 1, "{log}");
}
