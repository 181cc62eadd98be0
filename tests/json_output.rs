//! `--json`: provision streams NDJSON events ending in a result; other commands print one object.

mod common;

use common::{run, Sim, AP, PASSPHRASE, SSID};

#[test]
fn provision_streams_events_in_order_and_ends_with_the_result() {
    let sim = Sim::start(&[
        "--sec",
        "1",
        "--pop",
        "abcd1234",
        "--ap",
        AP,
        "--connect-delay-ms",
        "100",
    ]);
    let result = run(&[
        "provision",
        "--device",
        &sim.addr,
        "--pop",
        "abcd1234",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "--json",
    ]);
    result.expect_code(0);
    let events = result.json_lines();
    let names: Vec<&str> = events.iter().filter_map(|e| e["event"].as_str()).collect();
    let position = |name: &str| {
        names
            .iter()
            .position(|n| *n == name)
            .unwrap_or_else(|| panic!("no {name} event in {names:?}"))
    };
    assert!(position("info") < position("session"));
    assert!(position("session") < position("config_sent"));
    assert!(position("config_sent") < position("applied"));
    assert!(position("applied") < position("status"));
    assert_eq!(names.last(), Some(&"result"), "{names:?}");
    let info = &events[position("info")];
    assert_eq!(info["sec_ver"], 1);
    assert_eq!(info["auto"], true);
    assert_eq!(info["ver"], "v1.1");
    let connected = events
        .iter()
        .find(|e| e["event"] == "status" && e["state"] == "connected");
    assert!(connected.is_some(), "a connected status event: {names:?}");
    let last = events.last().expect("result");
    assert_eq!(last["result"], "ok");
    assert!(
        last["ip"]
            .as_str()
            .is_some_and(|ip| ip.parse::<std::net::Ipv4Addr>().is_ok()),
        "{last}"
    );
    assert_eq!(last["ssid"], SSID);
    assert!(last["total_ms"].as_f64().is_some(), "{last}");
    assert!(
        events.iter().all(|e| e["device"] == sim.addr.as_str()),
        "every event names the device: {events:?}"
    );
    assert!(
        result.stderr.trim().is_empty(),
        "nothing on stderr in JSON mode: {}",
        result.stderr
    );
    assert!(!result.stdout.contains('✔'), "no human lines in JSON mode");
}

#[test]
fn failing_json_run_still_prints_parseable_lines() {
    let result = run(&["status", "--device", "127.0.0.1:1", "--json"]);
    result.expect_code(3);
    let value = result.json();
    assert_eq!(value["result"], "unreachable");
    assert_eq!(value["reason"], "unreachable");
    assert_eq!(value["exit_code"], 3);
    assert!(
        value.get("help").is_some(),
        "help is always present: {value}"
    );
    assert!(value["message"].as_str().is_some());
}

#[test]
fn usage_errors_exit_2() {
    run(&["provision", "--ssid"]).expect_code(2);
    run(&[
        "provision",
        "--device",
        "127.0.0.1:1",
        "--mdns",
        "x",
        "--ssid",
        "a",
    ])
    .expect_code(2);
    run(&["send", "custom-data"]).expect_code(2);
    run(&["provision", "--sec", "3", "--ssid", "a"]).expect_code(2);
    let result = run(&[
        "provision",
        "--device",
        "bad host:99999",
        "--ssid",
        "a",
        "--passphrase",
        "x",
    ]);
    result.expect_code(2);
}

#[test]
fn help_documents_the_exit_codes() {
    let result = run(&["--help"]);
    result.expect_code(0);
    for line in [
        "Exit codes:",
        "4  security",
        "6  credentials refused: Wi-Fi authentication error",
        "7  network not found: Wi-Fi access point, or Thread network",
        "8  timeout",
    ] {
        assert!(result.stdout.contains(line), "{line:?} missing from --help");
    }
}
