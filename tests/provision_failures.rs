//! Failures end to end: wrong secrets, Wi-Fi errors, with their exit codes and reasons.

mod common;

use common::{run, Sim, AP, PASSPHRASE, SSID};

#[test]
fn wrong_pop_is_a_security_failure() {
    let sim = Sim::start(&["--sec", "1", "--pop", "right-pop", "--ap", AP]);
    let result = run(&[
        "provision",
        "--device",
        &sim.addr,
        "--pop",
        "wrong-pop",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
    ]);
    result.expect_code(4);
    assert!(result.stderr.contains("error:"), "{}", result.stderr);
    assert!(result.stderr.contains("help:"), "{}", result.stderr);
    assert!(
        !result.stderr.contains("wrong-pop"),
        "the PoP must not be printed"
    );
}

#[test]
fn wrong_password_is_a_security_failure() {
    let sim = Sim::start(&[
        "--sec",
        "2",
        "--username",
        "wifiprov",
        "--password",
        "abcd1234",
        "--ap",
        AP,
    ]);
    let result = run(&[
        "provision",
        "--device",
        &sim.addr,
        "--username",
        "wifiprov",
        "--password",
        "not-the-password",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "--json",
    ]);
    result.expect_code(4);
    let events = result.json_lines();
    let last = events.last().expect("a result event");
    assert_eq!(last["event"], "result");
    assert_eq!(last["result"], "security");
    assert_eq!(last["reason"], "security");
    assert_eq!(last["exit_code"], 4);
    assert!(!result.stdout.contains("not-the-password"));
}

#[test]
fn wrong_username_is_a_security_failure() {
    let sim = Sim::start(&[
        "--sec",
        "2",
        "--username",
        "wifiprov",
        "--password",
        "abcd1234",
        "--ap",
        AP,
    ]);
    let result = run(&[
        "provision",
        "--device",
        &sim.addr,
        "--username",
        "someone",
        "--password",
        "abcd1234",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
    ]);
    result.expect_code(4);
}

#[test]
fn ap_not_found_exits_7_with_its_reason_and_next_step() {
    let sim = Sim::start(&[
        "--sec",
        "0",
        "--ap",
        AP,
        "--outcome",
        "no-ap",
        "--connect-delay-ms",
        "50",
    ]);
    let result = run(&[
        "provision",
        "--device",
        &sim.addr,
        "--sec",
        "0",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
    ]);
    result.expect_code(7);
    assert!(result.stderr.contains("not found"), "{}", result.stderr);
    assert!(
        result.stderr.contains("esprov reset"),
        "the next step is named:\n{}",
        result.stderr
    );
}

#[test]
fn unknown_ssid_is_ap_not_found() {
    let sim = Sim::start(&["--sec", "0", "--ap", AP, "--connect-delay-ms", "50"]);
    let result = run(&[
        "provision",
        "--device",
        &sim.addr,
        "--sec",
        "0",
        "--ssid",
        "NoSuchNetwork",
        "--passphrase",
        PASSPHRASE,
        "--json",
    ]);
    result.expect_code(7);
    let last = result.json_lines().pop().expect("a result event");
    assert_eq!(last["reason"], "ap_not_found");
}

#[test]
fn auth_error_exits_6_with_its_reason() {
    let sim = Sim::start(&[
        "--sec",
        "0",
        "--ap",
        AP,
        "--outcome",
        "auth-error",
        "--connect-delay-ms",
        "50",
    ]);
    let result = run(&[
        "provision",
        "--device",
        &sim.addr,
        "--sec",
        "0",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "--json",
    ]);
    result.expect_code(6);
    let events = result.json_lines();
    let failed = events
        .iter()
        .find(|e| e["event"] == "status" && e["state"] == "failed");
    let failed = failed.unwrap_or_else(|| panic!("a failed status event: {}", result.stdout));
    assert_eq!(failed["reason"], "wifi_auth_error");
    let last = events.last().expect("a result event");
    assert_eq!(last["reason"], "wifi_auth_error");
    assert_eq!(last["exit_code"], 6);
}

#[test]
fn wrong_passphrase_is_an_auth_error() {
    let sim = Sim::start(&["--sec", "0", "--ap", AP, "--connect-delay-ms", "50"]);
    let result = run(&[
        "provision",
        "--device",
        &sim.addr,
        "--sec",
        "0",
        "--ssid",
        SSID,
        "--passphrase",
        "wrong-passphrase",
    ]);
    result.expect_code(6);
    assert!(result.stderr.contains("passphrase"), "{}", result.stderr);
}

#[test]
fn never_connecting_times_out_with_8() {
    let sim = Sim::start(&["--sec", "0", "--ap", AP, "--outcome", "never"]);
    let result = run(&[
        "provision",
        "--device",
        &sim.addr,
        "--sec",
        "0",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "--timeout",
        "2",
    ]);
    result.expect_code(8);
    assert!(
        result.elapsed.as_secs_f64() < 6.0,
        "bounded by --timeout: {:?}",
        result.elapsed
    );
}

#[test]
fn unreachable_device_exits_3() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr").to_string();
    drop(listener);
    let result = run(&["info", "--device", &addr, "--json"]);
    result.expect_code(3);
    assert_eq!(result.json()["reason"], "unreachable");
}

#[test]
fn provision_sim_with_an_invalid_sim_argument_reports_the_sims_own_error() {
    let result = run(&[
        "provision",
        "--sim",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "--username",
        "",
    ]);
    result.expect_code(2);
    assert!(
        result.stderr.contains("did not start") && result.stderr.contains("--username"),
        "{}",
        result.stderr
    );
    assert!(
        result.elapsed < std::time::Duration::from_secs(10),
        "no wait for a ready line that cannot come: {:?}",
        result.elapsed
    );
}
