//! `esprov COMMAND --help` reads like cargo's: flags under headings, an Examples section, only
//! the flags the command uses, one name per idea (old names still accepted), and `--version`.

mod common;

use common::run;

/// Each command and the headings its help must show.
const HEADINGS: [(&str, &[&str]); 14] = [
    (
        "provision",
        &[
            "Wi-Fi:",
            "Device:",
            "BLE:",
            "Serial:",
            "Security:",
            "Timing:",
            "Output:",
        ],
    ),
    (
        "info",
        &["Device:", "BLE:", "Serial:", "Timing:", "Output:"],
    ),
    (
        "status",
        &[
            "Device:",
            "BLE:",
            "Serial:",
            "Security:",
            "Timing:",
            "Output:",
        ],
    ),
    ("scan", &["Device:", "Security:", "Timing:", "Output:"]),
    ("reset", &["Device:", "Security:", "Timing:", "Output:"]),
    ("reprov", &["Device:", "Security:", "Timing:", "Output:"]),
    (
        "send",
        &["Payload:", "Device:", "Security:", "Timing:", "Output:"],
    ),
    ("discover", &["Device:", "BLE:", "Timing:", "Output:"]),
    ("sec2-creds", &["Security:", "Output:"]),
    ("qr", &["Device:", "Security:", "Wi-Fi:", "Output:"]),
    ("batch", &["Batch:", "Security:", "Timing:", "Output:"]),
    (
        "sim",
        &[
            "Device:",
            "Security:",
            "Networks:",
            "Timing:",
            "Output:",
            "Faults:",
        ],
    ),
    ("completions", &[]),
    (
        "esp-prov",
        &[
            "Device:",
            "Security:",
            "Wi-Fi:",
            "Thread:",
            "Actions:",
            "Timing:",
            "Output:",
        ],
    ),
];

#[test]
fn every_command_has_its_headings_and_examples() {
    for (command, headings) in HEADINGS {
        let help = run(&[command, "--help"]);
        help.expect_code(0);
        let lines: Vec<&str> = help.stdout.lines().collect();
        for heading in headings.iter().chain(&["Examples:"]) {
            assert!(
                lines.contains(heading),
                "`esprov {command} --help` lacks the heading {heading:?}:\n{}",
                help.stdout
            );
        }
        let examples = help
            .stdout
            .split("Examples:")
            .nth(1)
            .unwrap_or_default()
            .to_owned();
        assert!(
            examples.contains(&format!("esprov {command}")),
            "`esprov {command} --help` has no example of itself:\n{examples}"
        );
    }
}

#[test]
fn top_level_help_has_examples_and_exit_codes() {
    let help = run(&["--help"]);
    help.expect_code(0);
    assert!(help.stdout.contains("Examples:"), "{}", help.stdout);
    assert!(help.stdout.contains("Exit codes:"), "{}", help.stdout);
}

#[test]
fn info_shows_no_secrets_flags() {
    let help = run(&["info", "--help"]).stdout;
    for flag in ["--pop", "--password", "--username", "--sec "] {
        assert!(!help.contains(flag), "info --help shows {flag}:\n{help}");
    }
    let refused = run(&["info", "--device", "127.0.0.1:9", "--pop", "x"]);
    refused.expect_code(2);
}

#[test]
fn json_help_says_ndjson_only_for_provision() {
    let provision = run(&["provision", "--help"]).stdout;
    assert!(provision.contains("NDJSON"), "{provision}");
    for command in ["status", "scan", "info", "discover", "send"] {
        let help = run(&[command, "--help"]).stdout;
        assert!(!help.contains("NDJSON"), "{command} --help: {help}");
        assert!(!help.contains("provision:"), "{command} --help: {help}");
    }
}

#[test]
fn one_name_per_idea_and_old_names_still_parse() {
    let qr = run(&[
        "qr", "--name", "PROV_1", "--sec", "1", "--pop", "p", "--json",
    ]);
    qr.expect_code(0);
    let old = run(&[
        "qr",
        "--name",
        "PROV_1",
        "--security",
        "1",
        "--pop",
        "p",
        "--json",
    ]);
    old.expect_code(0);
    assert_eq!(qr.stdout, old.stdout);
    assert!(qr.stdout.contains(r#""security":1"#), "{}", qr.stdout);
    assert!(!run(&["qr", "--help"]).stdout.contains("--security"));

    let discover = run(&["discover", "--help"]).stdout;
    assert!(discover.contains("--mdns-interface"), "{discover}");
    assert!(!discover.contains("--interface "), "{discover}");

    let provision = run(&["provision", "--help"]).stdout;
    assert!(provision.contains("--ble-retries"), "{provision}");
    assert!(!provision.contains("--retries"), "{provision}");
    assert!(provision.contains("--request-timeout"), "{provision}");
}

#[test]
fn flags_of_another_transport_are_refused() {
    // Serial flags need --serial: refused before anything is sent (port 9 would fail otherwise).
    let baud = run(&[
        "status",
        "--device",
        "127.0.0.1:9",
        "--baud",
        "9600",
        "--timeout",
        "2",
    ]);
    baud.expect_code(2);
    assert!(baud.stderr.contains("--serial"), "{}", baud.stderr);
    // BLE flags with an HTTP device: refused before connecting (port 9 would fail otherwise).
    for flag in [
        ["--adapter", "hci0"],
        ["--ble-retries", "2"],
        ["--retries", "2"],
    ] {
        let args = [
            "info",
            "--device",
            "127.0.0.1:9",
            flag[0],
            flag[1],
            "--timeout",
            "2",
        ];
        let refused = run(&args);
        refused.expect_code(2);
        assert!(refused.stderr.contains("only to BLE"), "{}", refused.stderr);
    }
    let mdns_iface = run(&["info", "--device", "127.0.0.1:9", "--mdns-interface", "lo"]);
    mdns_iface.expect_code(2);
}

#[test]
fn version_names_commit_and_transports() {
    let long = run(&["--version"]);
    long.expect_code(0);
    assert!(long.stdout.starts_with("esprov 0."), "{}", long.stdout);
    let commit = long
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("commit: "))
        .unwrap_or_else(|| panic!("no commit line: {}", long.stdout));
    assert!(
        commit == "unknown" || commit.chars().all(|c| c.is_ascii_hexdigit()),
        "{commit:?}"
    );
    for transport in ["http", "ble", "console"] {
        assert!(long.stdout.contains(transport), "{}", long.stdout);
    }
    let short = run(&["-V"]);
    assert!(
        short.stdout.contains(&format!("({commit})")),
        "{}",
        short.stdout
    );
}

#[test]
fn qr_password_sets_the_softap_password_field() {
    let qr = run(&["qr", "--name", "PROV_AP", "--password", "joinme", "--json"]);
    qr.expect_code(0);
    let payload: serde_json::Value = serde_json::from_str(qr.stdout.trim()).expect("JSON");
    assert_eq!(payload["password"], "joinme");
    assert_eq!(payload["transport"], "softap");
}

#[test]
fn every_listed_command_has_examples() {
    let top = run(&["--help"]).stdout;
    let commands: Vec<&str> = top
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        // A command line has two spaces, then the name; wrapped descriptions are indented more.
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .collect();
    assert!(commands.len() >= 14, "{commands:?}");
    for command in commands {
        let help = run(&[command, "--help"]).stdout;
        assert!(
            help.lines().any(|l| l == "Examples:"),
            "`esprov {command} --help` has no Examples section"
        );
    }
}
