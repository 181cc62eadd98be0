//! Streams and colour: data on stdout, steps and logs on stderr, colour only where it belongs
//! (`--color`, `NO_COLOR`), and `-q` silencing progress but not results or errors.

mod common;

use common::{run, run_with, Sim, AP, PASSPHRASE, SSID};

const ESC: char = '\x1b';

fn provision(sim: &Sim, extra: &[&str]) -> Vec<String> {
    let mut args = vec![
        "provision".to_owned(),
        "--device".into(),
        sim.addr.clone(),
        "--ssid".into(),
        SSID.into(),
        "--passphrase".into(),
        PASSPHRASE.into(),
        "--sec".into(),
        "0".into(),
        "--timeout".into(),
        "30".into(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn sim() -> Sim {
    Sim::start(&["--sec", "0", "--ap", AP, "--connect-delay-ms", "20"])
}

#[test]
fn verbose_logs_into_a_file_carry_no_escape_bytes() {
    let sim = sim();
    let args = provision(&sim, &["-v"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = run(&args);
    result.expect_code(0);
    assert!(
        result.stderr.contains("DEBUG"),
        "-v logs: {}",
        result.stderr
    );
    assert!(!result.stderr.contains(ESC), "{:?}", result.stderr);
    assert!(!result.stdout.contains(ESC), "{:?}", result.stdout);
    assert!(
        result.stdout.lines().count() == 1 && result.stdout.starts_with("Connected to "),
        "stdout carries only the answer: {:?}",
        result.stdout
    );
}

#[test]
fn color_always_colours_stderr_even_into_a_pipe_and_never_stdout() {
    let sim = sim();
    let args = provision(&sim, &["-v", "--color", "always"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = run(&args);
    result.expect_code(0);
    assert!(result.stderr.contains(ESC), "{:?}", result.stderr);
    assert!(!result.stdout.contains(ESC), "{:?}", result.stdout);
}

#[test]
fn no_color_and_color_never_keep_errors_plain() {
    let never = run(&["status", "--device", "127.0.0.1:1", "--color", "never"]);
    never.expect_code(3);
    assert!(never.stderr.starts_with("error: "), "{:?}", never.stderr);
    let always = run(&["status", "--device", "127.0.0.1:1", "--color", "always"]);
    assert!(
        always.stderr.contains("\x1b[1;31merror:"),
        "{:?}",
        always.stderr
    );
    let env = run_with(
        &["status", "--device", "127.0.0.1:1"],
        &[("NO_COLOR", "1")],
        None,
    );
    assert!(!env.stderr.contains(ESC), "{:?}", env.stderr);
}

#[test]
fn quiet_drops_steps_but_keeps_the_answer() {
    let sim = sim();
    let args = provision(&sim, &["-q"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = run(&args);
    result.expect_code(0);
    assert!(!result.stderr.contains('✔'), "{:?}", result.stderr);
    assert!(
        result.stdout.starts_with("Connected to "),
        "{:?}",
        result.stdout
    );
    let failed = run(&["status", "--device", "127.0.0.1:1", "-q"]);
    failed.expect_code(3);
    assert!(
        failed.stderr.contains("error: "),
        "errors still print under -q"
    );
}

#[test]
fn scan_and_send_put_only_their_data_on_stdout() {
    let sim = Sim::start(&["--sec", "2", "--sec-patch", "1", "--ap", AP]);
    let creds = ["--username", "wifiprov", "--password", "abcd1234"];
    let mut scan = vec!["scan", "--device", &sim.addr];
    scan.extend_from_slice(&creds);
    let scan = run(&scan);
    scan.expect_code(0);
    let lines: Vec<&str> = scan.stdout.lines().collect();
    assert!(
        lines[0].contains("SSID") && lines[0].contains("RSSI"),
        "{lines:?}"
    );
    assert!(lines.iter().skip(1).any(|l| l.contains(SSID)), "{lines:?}");
    assert!(!scan.stdout.contains('✔'), "{:?}", scan.stdout);
    assert!(
        scan.stderr.contains('✔'),
        "the step went to stderr: {:?}",
        scan.stderr
    );
    let mut send = vec![
        "send",
        "custom-data",
        "--data",
        "hello",
        "--device",
        &sim.addr,
    ];
    send.extend_from_slice(&creds);
    let send = run(&send);
    send.expect_code(0);
    assert_eq!(
        send.stdout.lines().count(),
        1,
        "only the answer: {:?}",
        send.stdout
    );
    assert!(!send.stdout.contains('✔'), "{:?}", send.stdout);
}
