//! Session commands end to end: scan, reset then retry, reprov, status, info and custom endpoints.

mod common;

use common::{run, Sim, AP, PASSPHRASE, SSID};

#[test]
fn scan_lists_the_simulated_access_points() {
    let sim = Sim::start(&["--sec", "1", "--pop", "abcd1234", "--ap", AP]);
    let human = run(&["scan", "--device", &sim.addr, "--pop", "abcd1234"]);
    human.expect_code(0);
    assert!(
        human.stdout.contains("SSID"),
        "a table header:\n{}",
        human.stdout
    );
    assert!(human.stdout.contains(SSID), "{}", human.stdout);
    let json = run(&["scan", "--device", &sim.addr, "--pop", "abcd1234", "--json"]);
    json.expect_code(0);
    let value = json.json();
    let aps = value["aps"].as_array().expect("an aps array");
    assert!(aps.iter().any(|ap| ap["ssid"] == SSID), "{value}");
    let rssi: Vec<i64> = aps.iter().filter_map(|ap| ap["rssi"].as_i64()).collect();
    assert!(
        rssi.windows(2).all(|w| w[0] >= w[1]),
        "strongest first: {rssi:?}"
    );
}

#[test]
fn reset_after_a_failure_then_a_successful_retry() {
    let sim = Sim::start(&["--sec", "2", "--ap", AP, "--connect-delay-ms", "50"]);
    let creds = ["--username", "wifiprov", "--password", "abcd1234"];
    let mut first = vec![
        "provision",
        "--device",
        &sim.addr,
        "--ssid",
        SSID,
        "--passphrase",
        "wrong-passphrase",
    ];
    first.extend_from_slice(&creds);
    run(&first).expect_code(6);
    let mut reset = vec!["reset", "--device", &sim.addr];
    reset.extend_from_slice(&creds);
    let result = run(&reset);
    result.expect_code(0);
    assert!(result.stderr.contains("✔"), "{}", result.stderr);
    let mut retry = vec![
        "provision",
        "--device",
        &sim.addr,
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
    ];
    retry.extend_from_slice(&creds);
    run(&retry).expect_code(0);
}

#[test]
fn reprov_after_success_with_auto_stop_disabled() {
    let sim = Sim::start(&[
        "--sec",
        "0",
        "--ap",
        AP,
        "--ap",
        "Other:other-pass-1",
        "--no-auto-stop",
        "--connect-delay-ms",
        "50",
    ]);
    // A security 0 device gets the passphrase only with an explicit --sec 0.
    run(&[
        "provision",
        "--device",
        &sim.addr,
        "--sec",
        "0",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
    ])
    .expect_code(0);
    let status = run(&["status", "--device", &sim.addr, "--json"]);
    status.expect_code(0);
    assert_eq!(status.json()["state"], "connected");
    let reprov = run(&["reprov", "--device", &sim.addr, "--json"]);
    reprov.expect_code(0);
    assert_eq!(reprov.json()["result"], "ok");
    run(&[
        "provision",
        "--device",
        &sim.addr,
        "--sec",
        "0",
        "--ssid",
        "Other",
        "--passphrase",
        "other-pass-1",
    ])
    .expect_code(0);
}

#[test]
fn reprov_is_rejected_while_auto_stop_is_on() {
    let sim = Sim::start(&["--sec", "0", "--ap", AP]);
    let result = run(&["reprov", "--device", &sim.addr, "--json"]);
    result.expect_code(5);
    assert_eq!(result.json()["reason"], "rejected");
}

#[test]
fn custom_endpoint_round_trip_encrypted() {
    let sim = Sim::start(&["--sec", "2", "--sec-patch", "1"]);
    let creds = ["--username", "wifiprov", "--password", "abcd1234"];
    let mut text = vec![
        "send",
        "custom-data",
        "--data",
        "hello device",
        "--device",
        &sim.addr,
    ];
    text.extend_from_slice(&creds);
    let result = run(&text);
    result.expect_code(0);
    assert!(result.stdout.contains("SUCCESS"), "{}", result.stdout);
    let mut json = vec![
        "send",
        "custom-data",
        "--hex",
        "00ff10",
        "--json",
        "--device",
        &sim.addr,
    ];
    json.extend_from_slice(&creds);
    let result = run(&json);
    result.expect_code(0);
    let value = result.json();
    assert_eq!(value["response_hex"], "5355434345535300");
    assert_eq!(value["response_text"], "SUCCESS");
    assert_eq!(value["sent"], 3);
}

#[test]
fn unknown_custom_endpoint_is_rejected() {
    let sim = Sim::start(&["--sec", "0"]);
    let result = run(&[
        "send",
        "no-such-endpoint",
        "--data",
        "x",
        "--device",
        &sim.addr,
    ]);
    assert!(
        matches!(result.code(), 5 | 9),
        "exit 5 or 9, got {}: {}",
        result.code(),
        result.stderr
    );
}

#[test]
fn info_reports_the_scheme_without_a_session() {
    let sim = Sim::start(&["--sec", "2", "--sec-patch", "0"]);
    let result = run(&["info", "--device", &sim.addr, "--json"]);
    result.expect_code(0);
    let value = result.json();
    assert_eq!(value["ver"], "v1.1");
    assert_eq!(value["sec_ver"], 2);
    assert_eq!(value["sec_patch_ver"], 0);
    assert_eq!(value["auto"], true);
    assert_eq!(value["device"], sim.addr.as_str());
    assert!(
        value.get("security").is_none(),
        "one name per idea: {value}"
    );
    assert!(value["cap"]
        .as_array()
        .is_some_and(|c| c.iter().any(|c| c == "wifi_scan")));
    let human = run(&["info", "--device", &sim.addr]);
    human.expect_code(0);
    assert!(human.stdout.contains("Security      2"), "{}", human.stdout);
}
