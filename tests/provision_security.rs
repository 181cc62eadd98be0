//! `esprov provision` end to end against `esprov sim` over loopback HTTP, for every security
//! scheme and patch level, with the scheme chosen automatically and explicitly.

mod common;

use common::{run, run_with, Sim, AP, PASSPHRASE, SSID};

/// Provisions `sim` with `extra` flags and checks the success line and exit code.
fn provision_ok(sim: &Sim, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "provision",
        "--device",
        &sim.addr,
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "--timeout",
        "30",
    ];
    args.extend_from_slice(extra);
    let result = run(&args);
    result.expect_code(0);
    assert!(
        result.stderr.contains("✔") && !result.stdout.contains("✔"),
        "ticked steps on stderr only:\n{}",
        result.stderr
    );
    assert!(
        result.stdout.starts_with("Connected to ") && result.stdout.contains("IP "),
        "the new IP is the data on stdout:\n{}",
        result.stdout
    );
    assert!(
        !result.stdout.contains(PASSPHRASE) && !result.stderr.contains(PASSPHRASE),
        "the passphrase must never be printed"
    );
    result
}

#[test]
fn sec0_needs_the_explicit_choice() {
    let sim = Sim::start(&["--sec", "0", "--ap", AP, "--connect-delay-ms", "50"]);
    let refused = run(&[
        "provision",
        "--device",
        &sim.addr,
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
    ]);
    refused.expect_code(4);
    assert!(refused.stderr.contains("security 0"), "{}", refused.stderr);
    assert!(refused.stderr.contains("--sec 0"), "{}", refused.stderr);
    assert!(
        !refused.stderr.contains("session established"),
        "refused before the handshake:\n{}",
        refused.stderr
    );
    let result = provision_ok(&sim, &["--sec", "0"]);
    assert!(result.stderr.contains("security 0"), "{}", result.stderr);
}

#[test]
fn sec1_with_pop_auto() {
    let sim = Sim::start(&[
        "--sec",
        "1",
        "--pop",
        "abcd1234",
        "--ap",
        AP,
        "--connect-delay-ms",
        "50",
    ]);
    provision_ok(&sim, &["--pop", "abcd1234"]);
}

#[test]
fn sec1_without_pop() {
    let sim = Sim::start(&["--sec", "1", "--ap", AP, "--connect-delay-ms", "50"]);
    provision_ok(&sim, &["--sec", "1"]);
}

#[test]
fn sec2_patch0_auto() {
    let sim = Sim::start(&[
        "--sec",
        "2",
        "--sec-patch",
        "0",
        "--username",
        "wifiprov",
        "--password",
        "abcd1234",
        "--ap",
        AP,
        "--connect-delay-ms",
        "50",
    ]);
    let result = provision_ok(&sim, &["--username", "wifiprov", "--password", "abcd1234"]);
    assert!(
        result.stderr.contains("security 2 patch 0"),
        "{}",
        result.stderr
    );
}

#[test]
fn sec2_patch1_auto() {
    let sim = Sim::start(&[
        "--sec",
        "2",
        "--sec-patch",
        "1",
        "--username",
        "wifiprov",
        "--password",
        "abcd1234",
        "--ap",
        AP,
        "--connect-delay-ms",
        "50",
    ]);
    let result = provision_ok(&sim, &["--username", "wifiprov", "--password", "abcd1234"]);
    assert!(
        result.stderr.contains("security 2 patch 1"),
        "{}",
        result.stderr
    );
}

#[test]
fn sec2_explicit_with_secrets_from_env_and_file() {
    let sim = Sim::start(&[
        "--sec",
        "2",
        "--username",
        "alice",
        "--password",
        "s3cret-pw",
        "--ap",
        AP,
        "--connect-delay-ms",
        "50",
    ]);
    let dir = std::env::temp_dir().join(format!("esprov-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("passphrase");
    std::fs::write(&file, format!("{PASSPHRASE}\n")).expect("passphrase file");
    let file = file.to_string_lossy().into_owned();
    let result = run_with(
        &[
            "provision",
            "--device",
            &sim.addr,
            "--sec",
            "2",
            "--username",
            "alice",
            "--ssid",
            SSID,
            "--passphrase-file",
            &file,
        ],
        &[("ESPROV_PASSWORD", "s3cret-pw")],
        None,
    );
    let _ = std::fs::remove_dir_all(&dir);
    result.expect_code(0);
}

#[test]
fn passphrase_from_stdin() {
    let sim = Sim::start(&["--sec", "0", "--ap", AP, "--connect-delay-ms", "0"]);
    let input = format!("{PASSPHRASE}\n");
    let result = run_with(
        &[
            "provision",
            "--device",
            &sim.addr,
            "--sec",
            "0",
            "--ssid",
            SSID,
            "--passphrase-file",
            "-",
        ],
        &[],
        Some(input.as_bytes()),
    );
    result.expect_code(0);
}

#[test]
fn missing_secret_without_a_terminal_is_a_usage_error() {
    let sim = Sim::start(&["--sec", "1", "--pop", "abcd1234", "--ap", AP]);
    let result = run(&[
        "provision",
        "--device",
        &sim.addr,
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
    ]);
    result.expect_code(2);
    assert!(result.stderr.contains("--pop"), "{}", result.stderr);
    let no_passphrase = run(&[
        "provision",
        "--device",
        &sim.addr,
        "--ssid",
        SSID,
        "--pop",
        "abcd1234",
    ]);
    no_passphrase.expect_code(2);
    assert!(
        no_passphrase.stderr.contains("ESPROV_PASSPHRASE"),
        "{}",
        no_passphrase.stderr
    );
}

#[test]
fn qr_payload_fills_the_credentials() {
    let sim = Sim::start(&[
        "--sec",
        "2",
        "--username",
        "qruser",
        "--password",
        "qr-pass-1",
        "--ap",
        AP,
        "--connect-delay-ms",
        "0",
    ]);
    let qr = format!(
        r#"{{"ver":"v1","name":"{}","username":"qruser","pop":"qr-pass-1","transport":"softap"}}"#,
        sim.name
    );
    let result = run(&[
        "provision",
        "--qr",
        &qr,
        "--device",
        &sim.addr,
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
    ]);
    result.expect_code(0);
}

#[test]
fn verbose_logs_redact_secrets() {
    let sim = Sim::start(&[
        "--sec",
        "1",
        "--pop",
        "pop-secret-9",
        "--ap",
        AP,
        "--connect-delay-ms",
        "0",
    ]);
    let result = run(&[
        "-vv",
        "provision",
        "--device",
        &sim.addr,
        "--pop",
        "pop-secret-9",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
    ]);
    result.expect_code(0);
    for secret in ["pop-secret-9", PASSPHRASE] {
        assert!(
            !result.stderr.contains(secret),
            "{secret} leaked into the log"
        );
        assert!(
            !result.stderr.contains(&hex(secret)),
            "{secret} leaked as hex into the log"
        );
    }
    assert!(
        result.stderr.contains("prov-session"),
        "-vv shows protocol steps:\n{}",
        result.stderr
    );
    // Nor their length: each prov-config request shows `<redacted>` where a length would be.
    let lines = common::assert_prov_config_lengths_hidden(&result.stderr);
    assert!(
        lines >= 4,
        "-vv logs prov-config requests:\n{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("len=<redacted>"),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("sent=<redacted>"),
        "{}",
        result.stderr
    );
}

fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}
