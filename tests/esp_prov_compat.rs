//! `esprov esp-prov` with esp_prov.py's flags: the same steps and lines, our exit codes.

mod common;

use common::{run, Sim, AP, PASSPHRASE, SSID};

#[test]
fn softap_sec2_provisioning_prints_esp_prov_steps() {
    let sim = Sim::start(&["--sec", "2", "--ap", AP, "--connect-delay-ms", "50"]);
    let result = run(&[
        "esp-prov",
        "--transport",
        "softap",
        "--service_name",
        &sim.addr,
        "--sec_ver",
        "2",
        "--sec2_username",
        "wifiprov",
        "--sec2_pwd",
        "abcd1234",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
    ]);
    result.expect_code(0);
    for line in [
        "==== Starting Session ====",
        "==== Session Established ====",
        "==== Sending Wi-Fi Credentials to Target ====",
        "==== Wi-Fi Credentials sent successfully ====",
        "==== Applying Wi-Fi Config to Target ====",
        "==== Apply config sent successfully ====",
        "==== WiFi state: Connected ====",
        "==== Provisioning was successful ====",
    ] {
        assert!(
            result.stdout.contains(line),
            "{line:?} missing:\n{}",
            result.stdout
        );
    }
}

#[test]
fn httpd_sec1_auto_detects_the_scheme_and_sends_custom_data() {
    let sim = Sim::start(&[
        "--sec",
        "1",
        "--pop",
        "abcd1234",
        "--ap",
        AP,
        "--connect-delay-ms",
        "0",
    ]);
    let result = run(&[
        "esp-prov",
        "--transport",
        "HTTPD",
        "--service_name",
        &sim.addr,
        "--pop",
        "abcd1234",
        "--custom_data",
        "hello",
        "--proto_ver",
        "v1.1",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "-v",
    ]);
    result.expect_code(0);
    assert!(
        result.stdout.contains("==== Security Scheme: 1 ===="),
        "{}",
        result.stdout
    );
    assert!(
        result
            .stdout
            .contains("==== Verified protocol version successfully ===="),
        "{}",
        result.stdout
    );
    assert!(
        result
            .stdout
            .contains("++++ CustomData response: b'SUCCESS\\x00'++++"),
        "{}",
        result.stdout
    );
}

#[test]
fn failures_use_esprov_exit_codes_not_zero() {
    let sim = Sim::start(&[
        "--sec",
        "0",
        "--ap",
        AP,
        "--outcome",
        "auth-error",
        "--connect-delay-ms",
        "0",
    ]);
    // Security 0 carries the passphrase only when chosen explicitly.
    let result = run(&[
        "esp-prov",
        "--transport",
        "softap",
        "--service_name",
        &sim.addr,
        "--sec_ver",
        "0",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
    ]);
    result.expect_code(6);
    assert!(
        result
            .stdout
            .contains("---- WiFi state: Connection Failed ----"),
        "{}",
        result.stdout
    );
    assert!(
        result
            .stdout
            .contains("---- Failure reason: Incorrect Password ----"),
        "{}",
        result.stdout
    );
    assert!(
        result.stdout.contains("---- Provisioning failed! ----"),
        "{}",
        result.stdout
    );
    let sim = Sim::start(&["--sec", "1", "--pop", "abcd1234"]);
    let wrong = run(&[
        "esp-prov",
        "--transport",
        "softap",
        "--service_name",
        &sim.addr,
        "--sec_ver",
        "1",
        "--pop",
        "nope",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
    ]);
    wrong.expect_code(4);
    assert!(
        wrong.stdout.contains("Failed to establish session"),
        "{}",
        wrong.stdout
    );
}

#[test]
fn reset_and_reprov_flags() {
    let sim = Sim::start(&[
        "--sec",
        "0",
        "--ap",
        AP,
        "--no-auto-stop",
        "--connect-delay-ms",
        "0",
    ]);
    let base = [
        "esp-prov",
        "--transport",
        "softap",
        "--service_name",
        sim.addr.as_str(),
    ];
    let mut first = base.to_vec();
    first.extend_from_slice(&["--sec_ver", "0", "--ssid", SSID, "--passphrase", PASSPHRASE]);
    run(&first).expect_code(0);
    let mut reprov = base.to_vec();
    reprov.push("--reprov");
    let result = run(&reprov);
    result.expect_code(0);
    assert!(
        result.stdout.contains("==== Reprovisioning WiFi===="),
        "{}",
        result.stdout
    );
    let mut reset = base.to_vec();
    reset.push("--reset");
    let result = run(&reset);
    assert!(
        result.stdout.contains("==== Resetting WiFi===="),
        "{}",
        result.stdout
    );
    assert!(
        matches!(result.code(), 0 | 5),
        "reset outside a failure is refused (5) or accepted: {}",
        result.code()
    );
}

#[test]
fn sec2_gen_cred_prints_c_arrays_like_esp_prov() {
    let result = run(&[
        "esp-prov",
        "--transport",
        "softap",
        "--sec_ver",
        "2",
        "--sec2_gen_cred",
        "--sec2_username",
        "wifiprov",
        "--sec2_pwd",
        "abcd1234",
    ]);
    result.expect_code(0);
    check_c_arrays(&result.stdout, 16);
    let long = run(&[
        "esp-prov",
        "--transport",
        "softap",
        "--sec_ver",
        "2",
        "--sec2_gen_cred",
        "--sec2_username",
        "u",
        "--sec2_pwd",
        "p",
        "--sec2_salt_len",
        "32",
    ]);
    long.expect_code(0);
    check_c_arrays(&long.stdout, 32);
    run(&[
        "esp-prov",
        "--transport",
        "softap",
        "--sec_ver",
        "1",
        "--sec2_gen_cred",
        "--sec2_username",
        "u",
        "--sec2_pwd",
        "p",
    ])
    .expect_code(2);
}

#[test]
fn sec2_creds_formats() {
    let c = run(&[
        "sec2-creds",
        "--username",
        "wifiprov",
        "--password",
        "abcd1234",
    ]);
    c.expect_code(0);
    check_c_arrays(&c.stdout, 16);
    let json = run(&[
        "sec2-creds",
        "--username",
        "wifiprov",
        "--password",
        "abcd1234",
        "--format",
        "json",
        "--salt-len",
        "8",
    ]);
    json.expect_code(0);
    let value = json.json();
    assert_eq!(value["salt"].as_str().map(str::len), Some(16));
    assert_eq!(value["verifier"].as_str().map(str::len), Some(768));
    let hex = run(&[
        "sec2-creds",
        "--username",
        "u",
        "--password",
        "p",
        "--format",
        "hex",
    ]);
    hex.expect_code(0);
    assert_eq!(hex.stdout.lines().count(), 2);
    let rust = run(&[
        "sec2-creds",
        "--username",
        "u",
        "--password",
        "p",
        "--format",
        "rust",
    ]);
    rust.expect_code(0);
    assert!(
        rust.stdout.contains("pub const SEC2_SALT: [u8; 16]"),
        "{}",
        rust.stdout
    );
    assert!(
        rust.stdout.contains("pub const SEC2_VERIFIER: [u8; 384]"),
        "{}",
        rust.stdout
    );
}

/// Checks esp_prov's layout: header, two arrays, 16 "0xNN" per line, wrapped lines ending ", ".
fn check_c_arrays(text: &str, salt_len: usize) {
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "==== Salt-verifier for security scheme 2 (SRP6a) ===="
    );
    assert_eq!(lines[1], "static const char sec2_salt[] = {");
    let salt_lines = salt_len.div_ceil(16);
    let verifier_start = 1 + 1 + salt_lines + 2;
    assert_eq!(lines[1 + salt_lines + 1], "};");
    assert_eq!(lines[1 + salt_lines + 2], "");
    assert_eq!(
        lines[verifier_start],
        "static const char sec2_verifier[] = {"
    );
    assert_eq!(lines[verifier_start + 1 + 24], "};");
    assert!(text.ends_with("};\n\n"), "a blank line after the verifier");
    for (i, line) in lines[2..2 + salt_lines]
        .iter()
        .chain(&lines[verifier_start + 1..verifier_start + 25])
        .enumerate()
    {
        assert!(line.starts_with("    0x"), "line {i}: {line:?}");
        let items: Vec<&str> = line
            .trim_start()
            .trim_end_matches(", ")
            .split(", ")
            .collect();
        assert!(
            items.len() <= 16 && items.iter().all(|i| i.len() == 4 && i.starts_with("0x")),
            "{line:?}"
        );
    }
    assert!(
        lines[2].ends_with(", ") || salt_len <= 16,
        "wrapped lines keep the separator"
    );
    assert!(
        lines[verifier_start + 1].ends_with(", "),
        "wrapped verifier lines keep ', '"
    );
    assert!(
        !lines[verifier_start + 24].ends_with(','),
        "the last line has no separator"
    );
}
