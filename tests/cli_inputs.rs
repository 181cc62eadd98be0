//! Inputs esp_prov users reach for: `send --file -` from stdin, `provision` without `--ssid`
//! (a pick list on a terminal, a usage error without one), and `--bssid`/`--channel`: checked
//! before sending, received by the device, and unused by it as by ESP-IDF's managers.

mod common;

use common::{run, run_with, Sim, AP, PASSPHRASE, SSID};

#[test]
fn send_file_dash_reads_stdin() {
    let sim = Sim::start(&["--sec", "0"]);
    let [flag, addr] = sim.device();
    let args = ["send", "custom-data", "--file", "-", "--json", flag, addr];
    let piped = run_with(&args, &[], Some(b"bytes from a pipe"));
    piped.expect_code(0);
    let direct = run(&[
        "send",
        "custom-data",
        "--data",
        "bytes from a pipe",
        "--json",
        flag,
        addr,
    ]);
    direct.expect_code(0);
    let (piped, direct) = (piped.json(), direct.json());
    assert_eq!(piped["response_hex"], direct["response_hex"], "{piped}");
    assert_eq!(piped["sent"], 17, "{piped}");
}

#[test]
fn provision_without_ssid_and_without_a_terminal_is_a_usage_error() {
    let sim = Sim::start(&["--sec", "0", "--ap", AP]);
    let [flag, addr] = sim.device();
    let result = run(&[
        "provision",
        flag,
        addr,
        "--sec",
        "0",
        "--passphrase",
        "x1234567",
    ]);
    result.expect_code(2);
    assert!(
        result
            .stderr
            .contains("--ssid is required without a terminal"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_malformed_bssid_is_refused_before_anything_is_sent() {
    let result = run(&[
        "provision",
        "--device",
        "127.0.0.1:9",
        "--ssid",
        "x",
        "--passphrase",
        "y1234567",
        "--bssid",
        "aa:bb:cc",
    ]);
    result.expect_code(2);
    assert!(
        result.stderr.contains("is not a BSSID"),
        "{}",
        result.stderr
    );
}

#[test]
fn bssid_and_channel_reach_the_device_which_joins_by_ssid_as_esp_idf_does() {
    // ESP-IDF's wifi_provisioning and network_provisioning check the BSSID's length, then copy
    // only SSID and passphrase into the station config: a BSSID naming no access point and a
    // wrong channel still join the SSID.
    let sim = Sim::start(&["--sec", "0", "--ap", AP, "--connect-delay-ms", "20"]);
    let [flag, addr] = sim.device();
    let result = run(&[
        "provision",
        flag,
        addr,
        "--sec",
        "0",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "--bssid",
        "02:00:5E:00:00:99",
        "--channel",
        "11",
        "--json",
    ]);
    result.expect_code(0);
    assert_eq!(result.json_lines().pop().expect("a result")["result"], "ok");
    let device_log = sim.stop();
    assert!(
        device_log.contains("bssid 02:00:5e:00:00:99, channel 11"),
        "the device received both: {device_log}"
    );
}

/// Whether util-linux `script` is here to give esprov a terminal.
fn have_script() -> bool {
    std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn provision_without_ssid_on_a_terminal_offers_the_scan_and_other_network() {
    if !have_script() {
        println!("SKIP: util-linux `script` is not installed");
        return;
    }
    let sim = Sim::start(&["--sec", "0", "--ap", AP, "--connect-delay-ms", "0"]);
    let (ssid, passphrase) = AP.split_once(':').expect("SSID:PASSPHRASE");
    // `o`, then the SSID typed by hand, then the passphrase at the hidden prompt (typed ahead,
    // so the terminal echoes all three before esprov turns echo off).
    let script = format!(
        "(printf 'o\\r{ssid}\\r{passphrase}\\r'; sleep 8) | script -qec \
         \"$ESPROV provision --device {} --sec 0 --color never\" /dev/null",
        sim.addr
    );
    let output = std::process::Command::new("timeout")
        .args(["40", "sh", "-c", &script])
        .env("ESPROV", common::ESPROV)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("sh runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("other network"), "{text}");
    assert!(text.contains("Network number"), "{text}");
    assert!(text.contains(&format!("Connected to \"{ssid}\"")), "{text}");
}
