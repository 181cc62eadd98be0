//! Every failure says what to try next: each reason word esprov can produce here is driven for
//! real (bad arguments, `esprov sim`, a misbehaving loopback peer, a missing D-Bus) and its
//! `--json` failure must carry a non-empty `help` and validate against `schema/failure.json`.

mod common;

use std::collections::BTreeSet;
use std::net::TcpListener;

use common::proxy::{cutting_proxy, oversized_peer};
use common::schema::assert_valid;
use common::{run, run_with, Run, Sim, AP, PASSPHRASE, SSID};

/// Reasons this file cannot produce, and the test that does.
const ELSEWHERE: [(&str, &str); 1] = [(
    "request_too_large",
    "BLE only: tests/ble_bluez.rs value_too_long_for_the_device_names_its_limit",
)];

/// Thread dataset of the sim's default network, and the same network with a wrong key.
const DATASET: &str = "000300000f0208dead00beef001234051000112233445566778899aabbccddeeff01021234";
const WRONG_KEY: &str =
    "000300000f0208dead00beef0012340510ffffffffffffffffffffffffffffffff01021234";

/// The failure line of a `--json` run: the last stdout line, checked against the contract.
#[track_caller]
fn failure_of(reason: &str, result: &Run) -> serde_json::Value {
    let line = result.json_lines().pop().unwrap_or_else(|| {
        panic!(
            "{reason}: no JSON line\n--- stdout\n{}\n--- stderr\n{}",
            result.stdout, result.stderr
        )
    });
    assert_eq!(line["reason"], reason, "{line}");
    assert_eq!(line["result"], reason, "{line}");
    assert_eq!(line["exit_code"], result.code(), "{line}");
    let help = line["help"].as_str().unwrap_or_default();
    assert!(!help.trim().is_empty(), "{reason} has no help: {line}");
    let mut failure = line.clone();
    if let Some(fields) = failure.as_object_mut() {
        fields.remove("event");
    }
    assert_valid("failure", &failure);
    line
}

fn provision<'a>(addr: &'a str, ssid: &'a str, passphrase: &'a str) -> Vec<&'a str> {
    vec![
        "provision",
        "--device",
        addr,
        "--sec",
        "0",
        "--ssid",
        ssid,
        "--passphrase",
        passphrase,
        "--timeout",
        "20",
        "--json",
    ]
}

fn thread_provision<'a>(sim: &'a Sim, dataset: &'a str) -> Vec<&'a str> {
    vec![
        "provision",
        "--device",
        &sim.addr,
        "--dataset-tlvs",
        dataset,
        "--username",
        "wifiprov",
        "--password",
        "abcd1234",
        "--timeout",
        "20",
        "--json",
    ]
}

#[test]
fn every_reason_produced_for_real_carries_help() {
    let wifi = ["--sec", "0", "--ap", AP, "--connect-delay-ms", "20"];
    let sec0 = Sim::start(&wifi);
    let sec2 = Sim::start(&["--sec", "2"]);
    let no_scan = Sim::start(&["--sec", "0", "--fault", "hide-scan-cap"]);
    let thread_args = ["--network", "thread", "--apply-delay-ms", "50"];
    let invalid = Sim::start(&[&thread_args[..], &["--outcome", "dataset-invalid"]].concat());
    let lost = Sim::start(&[&thread_args[..], &["--thread-attach-timeout-ms", "600"]].concat());
    let closed = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.local_addr().expect("address").to_string()
    };
    let silent = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let silent_addr = silent.local_addr().expect("address").to_string();
    let oversized = oversized_peer();

    let mut seen = BTreeSet::new();
    let mut check = |reason: &'static str, result: Run| {
        let line = failure_of(reason, &result);
        println!("{reason}: help: {}", line["help"]);
        seen.insert(reason);
        line
    };

    let s0 = sec0.addr.as_str();
    // Off a terminal, provision without --ssid cannot ask: a usage error, nothing sent.
    check(
        "usage",
        run(&["provision", "--device", s0, "--sec", "0", "--json"]),
    );
    let unreachable = check(
        "unreachable",
        run(&["status", "--device", &closed, "--sec", "0", "--json"]),
    );
    assert!(unreachable["help"]
        .as_str()
        .unwrap_or_default()
        .contains(&closed));
    check(
        "rejected",
        run(&[
            "send",
            "no-such-endpoint",
            "--data",
            "x",
            "--device",
            s0,
            "--sec",
            "0",
            "--json",
        ]),
    );
    check(
        "io",
        run(&[
            "send",
            "custom-data",
            "--file",
            "/nonexistent/esprov-payload",
            "--device",
            s0,
            "--sec",
            "0",
            "--json",
        ]),
    );
    check(
        "wifi_auth_error",
        run(&provision(s0, SSID, "not-the-passphrase")),
    );
    run(&["reset", "--device", s0, "--sec", "0"]).expect_code(0);
    check("ap_not_found", run(&provision(s0, "Elsewhere", PASSPHRASE)));
    run(&["reset", "--device", s0, "--sec", "0"]).expect_code(0);
    // The link goes after SetConfig and ApplyConfig, as a SoftAP device's does when it joins.
    let proxy = cutting_proxy(sec0.addr.clone(), 4);
    let transport_lost = check("transport_lost", run(&provision(&proxy, SSID, PASSPHRASE)));
    assert!(transport_lost["help"]
        .as_str()
        .unwrap_or_default()
        .contains(&proxy));
    check(
        "security",
        run(&[
            "status",
            "--device",
            &sec2.addr,
            "--username",
            "wifiprov",
            "--password",
            "wrong-password",
            "--json",
        ]),
    );
    check(
        "security_downgrade",
        run(&["status", "--device", s0, "--pop", "abcd1234", "--json"]),
    );
    check(
        "answer_too_large",
        run(&["status", "--device", &oversized, "--sec", "0", "--json"]),
    );
    check(
        "timeout",
        run(&[
            "info",
            "--device",
            &silent_addr,
            "--request-timeout",
            "0.5",
            "--json",
        ]),
    );
    check(
        "unsupported",
        run(&["scan", "--device", &no_scan.addr, "--sec", "0", "--json"]),
    );
    check(
        "no_bluetooth",
        run_with(
            &[
                "status",
                "--ble",
                "PROV_ABSENT",
                "--sec",
                "0",
                "--timeout",
                "5",
                "--json",
            ],
            &[(
                "DBUS_SYSTEM_BUS_ADDRESS",
                "unix:path=/nonexistent/esprov-bus",
            )],
            None,
        ),
    );
    check(
        "thread_dataset_invalid",
        run(&thread_provision(&invalid, DATASET)),
    );
    check(
        "thread_network_not_found",
        run(&thread_provision(&lost, WRONG_KEY)),
    );
    drop(silent);

    let elsewhere: BTreeSet<&str> = ELSEWHERE.iter().map(|(reason, _)| *reason).collect();
    let all: BTreeSet<&str> = esprov::Reason::ALL.iter().map(|r| r.word()).collect();
    let covered: BTreeSet<&str> = seen.union(&elsewhere).copied().collect();
    assert_eq!(
        covered, all,
        "every reason of esprov::Reason is driven here or named in ELSEWHERE"
    );
}
