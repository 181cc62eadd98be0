//! The README's first command (`provision --sim`) and `esprov qr`.

mod common;

use common::run;

#[test]
fn provision_sim_shortcut_works_end_to_end() {
    let result = run(&[
        "provision",
        "--sim",
        "--ssid",
        "MyHomeAP",
        "--passphrase",
        "correct horse",
    ]);
    result.expect_code(0);
    assert!(
        result
            .stderr
            .contains("Virtual device running at 127.0.0.1:"),
        "steps go to stderr: {}",
        result.stderr
    );
    assert!(
        result.stdout.contains("Connected to \"MyHomeAP\""),
        "{}",
        result.stdout
    );
    let json = run(&[
        "provision",
        "--sim",
        "--sec",
        "1",
        "--pop",
        "p0p-1",
        "--ssid",
        "Lab",
        "--passphrase",
        "lab-pass-1",
        "--json",
    ]);
    json.expect_code(0);
    let last = json.json_lines().pop().expect("a result event");
    assert_eq!(last["result"], "ok");
    assert_eq!(last["sec_ver"], 1);
}

#[test]
fn qr_prints_a_code_and_the_firmware_json() {
    let result = run(&[
        "qr",
        "--name",
        "PROV_1A2B3C",
        "--username",
        "wifiprov",
        "--pop",
        "abcd1234",
    ]);
    result.expect_code(0);
    let last = result.stdout.lines().last().expect("the JSON line");
    assert_eq!(
        last,
        r#"{"ver":"v1","name":"PROV_1A2B3C","username":"wifiprov","pop":"abcd1234","transport":"softap"}"#
    );
    assert!(result.stdout.contains('█'), "a terminal QR code is drawn");
    let only_json = run(&[
        "qr",
        "--qr",
        r#"{"name":"PROV_X","pop":"p","transport":"BLE"}"#,
        "--json",
    ]);
    only_json.expect_code(0);
    assert_eq!(
        only_json.stdout.trim(),
        r#"{"ver":"v1","name":"PROV_X","pop":"p","transport":"ble"}"#
    );
    run(&["qr", "--qr", "not json"]).expect_code(2);
}
