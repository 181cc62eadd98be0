//! Errors that name the device and the next step, end to end against `esprov sim` (or a
//! silent or cutting loopback peer where the sim cannot play the fault).

mod common;

use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::proxy::cutting_proxy;
use common::{run, Sim, AP, ESPROV, PASSPHRASE, SSID};

/// The lines of a human error report that give advice.
fn hints(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.trim_start().starts_with("help:") || l.trim_start().starts_with("next:"))
        .collect()
}

#[test]
fn ap_not_found_names_the_ssid_and_2_4_ghz_in_one_hint() {
    let sim = Sim::start(&["--sec", "0", "--ap", AP, "--connect-delay-ms", "0"]);
    let [flag, addr] = sim.device();
    let result = run(&[
        "provision",
        flag,
        addr,
        "--sec",
        "0",
        "--ssid",
        "Elsewhere",
        "--passphrase",
        "whatever1",
    ]);
    result.expect_code(7);
    assert!(
        result.stderr.contains("\"Elsewhere\" not found"),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains(addr),
        "names the device: {}",
        result.stderr
    );
    let hints = hints(&result.stderr);
    assert_eq!(hints.len(), 1, "one hint: {hints:?}");
    assert!(hints[0].contains("2.4 GHz"), "{hints:?}");
    assert!(hints[0].contains("esprov reset"), "{hints:?}");
}

#[test]
fn a_connected_device_gets_reprov_advice_from_provision_and_reset() {
    let sim = Sim::start(&[
        "--sec",
        "0",
        "--ap",
        AP,
        "--connect-delay-ms",
        "0",
        "--no-auto-stop",
    ]);
    let [flag, addr] = sim.device();
    let provision = [
        "provision",
        flag,
        addr,
        "--sec",
        "0",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
    ];
    run(&provision).expect_code(0);
    let again = run(&provision);
    again.expect_code(5);
    assert!(
        again.stderr.contains("already connected to \"TestNet\""),
        "{}",
        again.stderr
    );
    assert!(again.stderr.contains("esprov reprov"), "{}", again.stderr);
    assert!(!again.stderr.contains("esprov reset"), "{}", again.stderr);
    let reset = run(&["reset", flag, addr, "--json"]);
    reset.expect_code(5);
    let json = reset.json();
    assert_eq!(json["reason"], "rejected");
    assert_eq!(json["device"], addr);
    assert!(
        json["help"]
            .as_str()
            .unwrap_or_default()
            .contains("esprov reprov"),
        "{json}"
    );
    // The advice works: reprov, then the same provision succeeds.
    run(&["reprov", flag, addr]).expect_code(0);
    run(&provision).expect_code(0);
}

#[test]
fn a_forced_scheme_the_device_does_not_run_names_the_scheme_not_the_pop() {
    let sim = Sim::start(&["--sec", "2"]);
    let [flag, addr] = sim.device();
    let result = run(&["status", flag, addr, "--sec", "1", "--pop", "abcd1234"]);
    result.expect_code(4);
    assert!(
        result.stderr.contains("the device wants security 2"),
        "{}",
        result.stderr
    );
    let hints = hints(&result.stderr);
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert!(hints[0].contains("--sec 2"), "{hints:?}");
    assert!(
        !hints[0].contains("--pop"),
        "does not blame the PoP: {hints:?}"
    );
}

#[test]
fn a_silent_device_names_request_timeout() {
    // Accepts connections and never answers: only the per-request bound can end the wait.
    let silent = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = silent.local_addr().expect("address").to_string();
    let args = [
        "info",
        "--device",
        &addr,
        "--request-timeout",
        "0.5",
        "--timeout",
        "30",
    ];
    let result = run(&args);
    result.expect_code(8);
    assert!(
        result.elapsed < Duration::from_secs(10),
        "{:?}",
        result.elapsed
    );
    assert!(result.stderr.contains(&addr), "{}", result.stderr);
    let hints = hints(&result.stderr);
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert!(hints[0].contains("--request-timeout"), "{hints:?}");
    drop(silent);
}

#[test]
fn a_link_lost_after_apply_says_the_device_may_still_join() {
    // Security 0: proto-ver, prov-session, SetConfig, ApplyConfig, then the link goes.
    let sim = Sim::start(&["--sec", "0", "--ap", AP, "--connect-delay-ms", "2000"]);
    let proxy = cutting_proxy(sim.addr.clone(), 4);
    let args = [
        "provision",
        "--device",
        &proxy,
        "--sec",
        "0",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "--timeout",
        "20",
        "--json",
    ];
    let result = run(&args);
    result.expect_code(3);
    let last = result.json_lines().pop().expect("a result event");
    assert_eq!(last["reason"], "transport_lost", "{last}");
    let message = last["message"].as_str().unwrap_or_default();
    assert!(message.contains("after ApplyConfig"), "{message}");
    assert!(message.contains("may still join"), "{message}");
    assert!(
        last["help"]
            .as_str()
            .unwrap_or_default()
            .contains("esprov status"),
        "{last}"
    );
}

#[test]
fn serial_errors_speak_of_ports_not_networks() {
    let result = run(&[
        "info",
        "--serial",
        "/dev/esprov-no-such-port",
        "--timeout",
        "2",
    ]);
    result.expect_code(3);
    assert!(
        result
            .stderr
            .contains("serial port /dev/esprov-no-such-port"),
        "{}",
        result.stderr
    );
    let hints = hints(&result.stderr);
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert!(hints[0].contains("dialout"), "{hints:?}");
    assert!(!hints[0].contains("network"), "{hints:?}");
}

#[test]
fn every_error_names_the_device() {
    let sim = Sim::start(&["--sec", "0"]);
    let [flag, addr] = sim.device();
    // A refused custom endpoint: the device's error carries no address of its own.
    let human = run(&["send", "no-such-endpoint", "--data", "x", flag, addr]);
    assert_ne!(human.code(), 0);
    assert!(human.stderr.contains(addr), "{}", human.stderr);
    let json = run(&[
        "send",
        "no-such-endpoint",
        "--data",
        "x",
        flag,
        addr,
        "--json",
    ]);
    assert_eq!(json.json()["device"], addr, "{}", json.stdout);
}

/// The `unshare` flags that give a private network namespace here, if any do.
fn namespace_flags() -> Option<&'static [&'static str]> {
    let candidates: [&'static [&'static str]; 2] = [&["-n"], &["-r", "-n"]];
    candidates.into_iter().find(|flags| {
        Command::new("unshare")
            .args(*flags)
            .args(["sh", "-c", "ip link set lo up"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

#[test]
fn a_softap_qr_without_device_says_join_its_network_first() {
    // 192.168.4.1 is only tried inside a private namespace, where nothing can answer.
    let Some(flags) = namespace_flags() else {
        println!("SKIP: cannot create a network namespace here (unshare -n / -rn failed)");
        return;
    };
    let qr = r#"{"ver":"v1","name":"PROV_1A2B3C","pop":"abcd1234","transport":"softap"}"#;
    let output = Command::new("timeout")
        .args(["30", "unshare"])
        .args(flags)
        .args([
            "sh",
            "-c",
            r#"ip link set lo up; "$ESPROV" info --qr "$QR" --timeout 3"#,
        ])
        .env("ESPROV", ESPROV)
        .env("QR", qr)
        .stdin(Stdio::null())
        .output()
        .expect("unshare runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("192.168.4.1"), "{stderr}");
    let hints = hints(&stderr);
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert!(hints[0].contains("\"PROV_1A2B3C\" first"), "{hints:?}");
}
