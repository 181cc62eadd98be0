//! Thread end to end: `esprov sim --network thread|both` answers as network_provisioning, and
//! `esprov` provisions a dataset, scans, shows status, resets after a failure and re-provisions,
//! over HTTP and over the console transport.

mod common;

use common::schema::assert_valid;
use common::{run, run_with, Sim};

/// The dataset esp_prov builds for the sim's default network (OpenThread-1234, PAN ID 0x1234,
/// channel 15, ext PAN ID dead00beef001234) with its network key.
const GOOD: &str = "000300000f0208dead00beef001234051000112233445566778899aabbccddeeff01021234";
/// The same network with a wrong key: it never attaches.
const WRONG_KEY: &str =
    "000300000f0208dead00beef0012340510ffffffffffffffffffffffffffffffff01021234";
const CREDS: [&str; 4] = ["--username", "wifiprov", "--password", "abcd1234"];

fn thread_sim(network: &str, extra: &[&str]) -> Sim {
    let mut args = vec![
        "--network",
        network,
        "--connect-delay-ms",
        "50",
        "--apply-delay-ms",
        "50",
    ];
    args.extend_from_slice(extra);
    Sim::start(&args)
}

fn with_device<'a>(sim: &'a Sim, command: &[&'a str]) -> Vec<&'a str> {
    let mut args = command.to_vec();
    args.extend_from_slice(&sim.device());
    args.extend_from_slice(&CREDS);
    args.extend_from_slice(&["--timeout", "20"]);
    args
}

#[test]
fn provisions_a_dataset_and_reports_attached() {
    let sim = thread_sim("thread", &[]);
    let result = run(&with_device(&sim, &["provision", "--dataset-tlvs", GOOD]));
    result.expect_code(0);
    assert!(
        result
            .stdout
            .contains("Attached to Thread network \"OpenThread-1234\" (PAN ID 0x1234, channel 15)"),
        "{}",
        result.stdout
    );
    assert!(
        result.stderr.contains("network key present"),
        "{}",
        result.stderr
    );
    let key = "00112233445566778899aabbccddeeff";
    assert!(!result.stdout.contains(key) && !result.stderr.contains(key));
}

#[test]
fn the_dataset_comes_from_the_environment_and_stays_out_of_verbose_logs() {
    let sim = thread_sim("thread", &[]);
    let args = with_device(&sim, &["-vv", "provision", "--json"]);
    let result = run_with(&args, &[("ESPROV_DATASET", GOOD)], None);
    result.expect_code(0);
    let mut lines = result.json_lines();
    let last = lines.pop().expect("a result line");
    // The steps before it are provision events, the Thread states among them.
    let events: Vec<&str> = lines
        .iter()
        .map(|line| {
            assert_valid("provision", line);
            line["event"].as_str().unwrap_or_default()
        })
        .collect();
    assert_eq!(
        events[..4],
        ["info", "session", "config_sent", "applied"],
        "{events:?}"
    );
    let thread = lines.last().expect("a Thread state line");
    assert_eq!(thread["event"], "thread");
    assert_eq!(thread["state"], "attached");
    assert_eq!(thread["attached"]["name"], "OpenThread-1234");
    assert_eq!(last["result"], "ok");
    assert_eq!(last["network"], "thread");
    assert_eq!(last["attached"]["name"], "OpenThread-1234");
    assert_eq!(last["attached"]["pan_id"], 0x1234);
    assert_valid("provision-thread", &last);
    // Neither the key nor the TLVs, in any spelling, reach the trace.
    for secret in ["00112233445566778899aabbccddeeff", "0011223344", GOOD] {
        assert!(
            !result.stderr.to_lowercase().contains(secret),
            "{secret} leaked"
        );
    }
    // The trace shows SetThreadConfig with a fixed mark, "<redacted>" in hex, whatever the length.
    assert!(
        result.stderr.contains(&hex::encode("<redacted>")),
        "the trace shows the mark: {}",
        result.stderr
    );
}

#[test]
fn wrong_key_is_network_not_found_then_reset_and_provision_again() {
    let sim = thread_sim("thread", &["--thread-attach-timeout-ms", "600"]);
    let failed = run(&with_device(
        &sim,
        &["provision", "--dataset-tlvs", WRONG_KEY, "--json"],
    ));
    failed.expect_code(7);
    let last = failed.json_lines().pop().expect("a result line");
    assert_eq!(last["reason"], "thread_network_not_found");
    assert!(
        last["help"]
            .as_str()
            .is_some_and(|h| h.contains("esprov reset --thread")),
        "the Thread variant of reset is named: {last}"
    );

    let status = run(&with_device(&sim, &["status", "--json"]));
    status.expect_code(0);
    let status = status.json();
    assert_eq!(status["state"], "failed");
    assert_eq!(status["reason"], "thread_network_not_found");
    assert_valid("status-thread", &status);

    // Rejected after the failure until a reset.
    let refused = run(&with_device(&sim, &["provision", "--dataset-tlvs", GOOD]));
    refused.expect_code(5);
    assert!(
        refused.stderr.contains("run `esprov reset`"),
        "{}",
        refused.stderr
    );
    run(&with_device(&sim, &["reset"])).expect_code(0);
    run(&with_device(&sim, &["provision", "--dataset-tlvs", GOOD])).expect_code(0);
}

#[test]
fn dataset_invalid_is_its_own_reason_and_exit_code() {
    let sim = thread_sim("thread", &["--outcome", "dataset-invalid"]);
    let failed = run(&with_device(
        &sim,
        &["provision", "--dataset-tlvs", GOOD, "--json"],
    ));
    failed.expect_code(6);
    let last = failed.json_lines().pop().expect("a result line");
    assert_eq!(last["reason"], "thread_dataset_invalid");
    assert_eq!(last["exit_code"], 6);
}

#[test]
fn malformed_tlvs_are_refused_before_connecting_with_the_offset() {
    let result = run(&[
        "provision",
        "--device",
        "127.0.0.1:9",
        "--dataset-tlvs",
        "0102d9a005",
    ]);
    result.expect_code(2);
    assert!(
        result.stderr.contains("TLV at byte 4 is cut short"),
        "{}",
        result.stderr
    );
}

#[test]
fn scan_lists_thread_networks_as_a_table_and_json() {
    let sim = thread_sim("thread", &[]);
    let table = run(&with_device(&sim, &["scan"]));
    table.expect_code(0);
    assert!(table.stdout.contains("PAN ID"), "{}", table.stdout);
    assert!(table.stdout.contains("OpenThread-1234"));
    assert!(table.stdout.contains("Neighbor-Mesh"));
    let json = run(&with_device(&sim, &["scan", "--json"]));
    json.expect_code(0);
    let json = json.json();
    assert_valid("scan-thread", &json);
    let first = &json["networks"][0];
    assert_eq!(first["network_name"], "OpenThread-1234", "strongest first");
    assert_eq!(first["ext_pan_id"], "dead00beef001234");
    assert_eq!(first["channel"], 15);
}

#[test]
fn a_both_device_takes_wifi_by_default_and_thread_when_asked() {
    let sim = thread_sim("both", &["--no-auto-stop", "--ap", "TestNet:test-pass-123"]);
    let wifi = run(&with_device(&sim, &["status", "--json"]));
    wifi.expect_code(0);
    assert!(
        wifi.json().get("network").is_none(),
        "Wi-Fi status: {}",
        wifi.stdout
    );
    run(&with_device(&sim, &["scan", "--thread"])).expect_code(0);
    run(&with_device(&sim, &["provision", "--dataset-tlvs", GOOD])).expect_code(0);
    let status = run(&with_device(&sim, &["status", "--thread", "--json"]));
    assert_eq!(status.json()["state"], "attached");
    // Auto-stop disabled: a Thread reprov takes a new dataset.
    run(&with_device(&sim, &["reprov", "--thread"])).expect_code(0);
    run(&with_device(&sim, &["provision", "--dataset-tlvs", GOOD])).expect_code(0);
}

#[test]
fn mismatched_network_is_a_usage_error_naming_the_caps() {
    let thread_only = thread_sim("thread", &[]);
    let wifi = run(&with_device(
        &thread_only,
        &["provision", "--ssid", "X", "--passphrase", "y"],
    ));
    wifi.expect_code(2);
    assert!(
        wifi.stderr.contains("thread_prov, thread_scan"),
        "{}",
        wifi.stderr
    );

    let wifi_only = Sim::start(&[]);
    let thread = run(&with_device(
        &wifi_only,
        &["provision", "--dataset-tlvs", GOOD],
    ));
    thread.expect_code(2);
    assert!(
        thread.stderr.contains("does not provision Thread"),
        "{}",
        thread.stderr
    );
}

#[test]
fn provisions_thread_over_the_console() {
    let sim = Sim::start_raw(
        &[
            "--transport",
            "console",
            "--pty",
            "--network",
            "thread",
            "--connect-delay-ms",
            "50",
        ],
        &[],
    );
    let args = [
        "provision",
        "--serial",
        sim.addr.as_str(),
        "--dataset-tlvs",
        GOOD,
        "--timeout",
        "30",
        "--username",
        "wifiprov",
        "--password",
        "abcd1234",
    ];
    let result = run(&args);
    result.expect_code(0);
    assert!(
        result.stdout.contains("OpenThread-1234"),
        "{}",
        result.stdout
    );
    let status = run(&[
        "status",
        "--serial",
        sim.addr.as_str(),
        "--username",
        "wifiprov",
        "--password",
        "abcd1234",
        "--json",
    ]);
    status.expect_code(0);
    assert_eq!(status.json()["state"], "attached");
}

/// A fixture of tests/interop/thread_fixtures.txt (encoded by Python protobuf, not by esprov).
fn fixture(name: &str) -> String {
    let text = include_str!("interop/thread_fixtures.txt");
    let line = text
        .lines()
        .find(|line| line.split_whitespace().next() == Some(name))
        .unwrap_or_else(|| panic!("no fixture {name}"));
    line.split_whitespace().nth(1).unwrap().to_owned()
}

/// Sends a fixture's bytes as they are to a security 0 device and returns the answer's hex.
fn raw_exchange(sim: &Sim, endpoint: &str, request: &str) -> String {
    let mut args = vec!["send", endpoint, "--sec", "0", "--json", "--hex"];
    let request = fixture(request);
    args.push(&request);
    args.extend_from_slice(&sim.device());
    let result = run(&args);
    result.expect_code(0);
    result.json()["response_hex"].as_str().unwrap().to_owned()
}

#[test]
fn the_sim_answers_python_encoded_requests_with_python_encoded_answers() {
    let sim = thread_sim("thread", &["--sec", "0"]);
    let cases = [
        (
            "prov-config",
            "cmd_get_thread_status",
            "resp_get_thread_status_attaching",
        ),
        (
            "prov-ctrl",
            "cmd_ctrl_thread_reset",
            "resp_ctrl_thread_reset_refused",
        ),
        (
            "prov-scan",
            "cmd_scan_thread_start",
            "resp_scan_thread_start",
        ),
        (
            "prov-scan",
            "cmd_scan_thread_status",
            "resp_scan_thread_status",
        ),
        (
            "prov-scan",
            "cmd_scan_thread_result",
            "resp_scan_thread_result",
        ),
        (
            "prov-config",
            "cmd_set_thread_config",
            "resp_set_thread_config",
        ),
    ];
    for (endpoint, request, answer) in cases {
        assert_eq!(
            raw_exchange(&sim, endpoint, request),
            fixture(answer),
            "{request}"
        );
    }
    raw_exchange(&sim, "prov-config", "cmd_apply_thread_config");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let status = raw_exchange(&sim, "prov-config", "cmd_get_thread_status");
        if status == fixture("resp_get_thread_status_attached") {
            break;
        }
        assert_eq!(status, fixture("resp_get_thread_status_attaching"));
        assert!(std::time::Instant::now() < deadline, "never attached");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

#[test]
fn esp_prov_mode_takes_dataset_tlvs() {
    let sim = thread_sim("thread", &[]);
    let result = run(&[
        "esp-prov",
        "--transport",
        "softap",
        "--service_name",
        sim.addr.as_str(),
        "--sec_ver",
        "2",
        "--sec2_username",
        "wifiprov",
        "--sec2_pwd",
        "abcd1234",
        "--dataset_tlvs",
        GOOD,
    ]);
    result.expect_code(0);
    for line in [
        "==== Sending Thread Dataset to Target ====",
        "==== Thread Dataset sent successfully ====",
        "==== Thread state: Attached ====",
        "==== Provisioning was successful ====",
    ] {
        assert!(
            result.stdout.contains(line),
            "{line} missing:\n{}",
            result.stdout
        );
    }
}
