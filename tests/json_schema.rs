//! The JSON output contract: the schemas in `schema/` are the ones the Rust types generate
//! (`ESPROV_UPDATE_SCHEMAS=1 cargo test --test json_schema` rewrites them), and every line each
//! command prints under `--json` against a real `esprov sim` validates against its schema.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use common::schema::{assert_lines_valid, assert_valid, schema_dir, validation_errors};
use common::{esprov, run, Sim, AP, PASSPHRASE, SSID};

const CREDS: [&str; 4] = ["--username", "wifiprov", "--password", "abcd1234"];

#[test]
fn checked_in_schemas_are_current() {
    let dir = schema_dir();
    let update = std::env::var_os("ESPROV_UPDATE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    let mut names = Vec::new();
    for file in esprov::contract::schemas() {
        let path = dir.join(format!("{}.json", file.name));
        let mut text = serde_json::to_string_pretty(&file.schema).expect("a schema serializes");
        text.push('\n');
        names.push(format!("{}.json", file.name));
        if update {
            std::fs::create_dir_all(&dir).expect("schema folder");
            std::fs::write(&path, &text).expect("write schema");
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(file.name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale schemas {stale:?}: run `ESPROV_UPDATE_SCHEMAS=1 cargo test --test json_schema`"
    );
    let mut present: Vec<String> = std::fs::read_dir(&dir)
        .expect("schema folder")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    present.sort();
    names.sort();
    assert_eq!(present, names, "schema/ holds exactly the generated files");
}

#[test]
fn the_schemas_reject_lines_outside_the_contract() {
    let good = serde_json::json!({
        "schema": 1, "result": "timeout", "reason": "timeout", "exit_code": 8,
        "message": "timed out", "help": "raise --timeout"
    });
    assert!(validation_errors("failure", &good).is_empty());
    for no_help in [serde_json::Value::Null, "".into()] {
        let mut silent = good.clone();
        silent["help"] = no_help;
        assert!(
            !validation_errors("failure", &silent).is_empty(),
            "a failure always says what to try next"
        );
    }
    let mut old_name = good.clone();
    old_name.as_object_mut().map(|m| m.remove("exit_code"));
    old_name["code"] = 8.into();
    assert!(
        !validation_errors("failure", &old_name).is_empty(),
        "code is not exit_code"
    );
    let mut unversioned = good.clone();
    unversioned["schema"] = 2.into();
    assert!(!validation_errors("failure", &unversioned).is_empty());
    let ok_with_error = serde_json::json!({
        "schema": 1, "event": "result", "device": "d", "result": "error",
        "ip": "10.0.0.2", "ssid": "a", "bssid": "b", "channel": 1, "sec_ver": 2,
        "session_ms": 1.0, "config_ms": 1.0, "connect_ms": 1.0, "total_ms": 3.0
    });
    assert!(!validation_errors("provision", &ok_with_error).is_empty());
}

#[test]
fn the_sim_ready_line_follows_the_same_contract_version() {
    assert_eq!(esprov_sim::ready::SCHEMA, esprov::contract::SCHEMA_VERSION);
}

#[test]
fn every_failure_reason_is_in_the_readme_table() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table: String = readme
        .split("## Exit codes")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("an Exit codes section")
        .to_owned();
    // The words come from the `Reason` enum every `Error::kind` maps to, so a reason added
    // later cannot miss the table.
    let reasons: Vec<&str> = esprov::Reason::ALL.iter().map(|r| r.word()).collect();
    assert!(reasons.len() >= 16, "reason words: {reasons:?}");
    for reason in reasons {
        assert!(
            table.contains(&format!("`{reason}`")),
            "reason {reason} missing from README's exit code table"
        );
    }
}

#[test]
fn provision_success_and_failure_lines_validate() {
    let sim = Sim::start(&["--sec", "2", "--ap", AP, "--connect-delay-ms", "20"]);
    let mut wrong = vec![
        "provision",
        "--device",
        &sim.addr,
        "--ssid",
        SSID,
        "--passphrase",
        "not-it-at-all",
        "--json",
    ];
    wrong.extend_from_slice(&CREDS);
    let failed = run(&wrong);
    failed.expect_code(6);
    let lines = assert_lines_valid("provision", &failed.stdout);
    let last = lines.last().expect("a result line");
    assert_eq!(last["result"], "wifi_auth_error");
    assert_eq!(last["reason"], "wifi_auth_error");
    assert_eq!(last["exit_code"], 6);

    let mut reset = vec!["reset", "--device", &sim.addr, "--json"];
    reset.extend_from_slice(&CREDS);
    let reset = run(&reset);
    reset.expect_code(0);
    assert_eq!(
        assert_lines_valid("reset", &reset.stdout)[0]["command"],
        "reset"
    );

    let mut args = vec![
        "provision",
        "--device",
        &sim.addr,
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "--json",
    ];
    args.extend_from_slice(&CREDS);
    let ok = run(&args);
    ok.expect_code(0);
    let lines = assert_lines_valid("provision", &ok.stdout);
    let last = lines.last().expect("a result line");
    assert_eq!(last["result"], "ok");
    assert_eq!(last["device"], sim.addr.as_str());
}

#[test]
fn session_commands_validate() {
    let sim = Sim::start(&[
        "--sec",
        "2",
        "--ap",
        AP,
        "--no-auto-stop",
        "--connect-delay-ms",
        "20",
    ]);
    let command = |name: &'static str, extra: &[&'static str]| {
        let mut args = vec![name];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--device", &sim.addr, "--json"]);
        if name != "info" {
            // info opens no session and takes no security flags.
            args.extend_from_slice(&CREDS);
        }
        let result = run(&args);
        result.expect_code(0);
        let lines = assert_lines_valid(name, &result.stdout);
        assert_eq!(lines.len(), 1, "one answer: {}", result.stdout);
        assert_eq!(lines[0]["device"], sim.addr.as_str());
        lines[0].clone()
    };
    let info = command("info", &[]);
    assert_eq!(info["sec_ver"], 2);
    let status = command("status", &[]);
    assert!(status["state"].is_string(), "{status}");
    let scan = command("scan", &[]);
    assert!(
        scan["aps"].as_array().is_some_and(|a| !a.is_empty()),
        "{scan}"
    );
    let sent = command("send", &["custom-data", "--data", "hello"]);
    assert_eq!(sent["endpoint"], "custom-data");
    let mut provision = vec![
        "provision",
        "--device",
        &sim.addr,
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
    ];
    provision.extend_from_slice(&CREDS);
    run(&provision).expect_code(0);
    let reprov = command("reprov", &[]);
    assert_eq!(reprov["result"], "ok");
}

#[test]
fn failures_of_every_one_answer_command_validate() {
    for name in ["info", "status", "scan", "reset", "reprov"] {
        let result = run(&[name, "--device", "127.0.0.1:1", "--json", "--timeout", "5"]);
        result.expect_code(3);
        let lines = assert_lines_valid(name, &result.stdout);
        assert_valid("failure", &lines[0]);
        assert_eq!(lines[0]["reason"], "unreachable", "{name}");
        assert_eq!(lines[0]["device"], "127.0.0.1:1", "{name}");
    }
}

#[test]
fn sec2_creds_json_validates() {
    let result = run(&[
        "sec2-creds",
        "--username",
        "u",
        "--password",
        "p",
        "--format",
        "json",
    ]);
    result.expect_code(0);
    let lines = assert_lines_valid("sec2-creds", &result.stdout);
    assert!(lines[0]["verifier"]
        .as_str()
        .is_some_and(|v| v.len() == 768));
}

#[test]
fn factory_data_json_validates_and_holds_no_secret() {
    let out = std::env::temp_dir().join(format!("esprov-json-factory-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let out_text = out.to_str().expect("utf-8");
    let result = run(&[
        "factory-data",
        "--count",
        "2",
        "--sec",
        "1",
        "--ssid",
        SSID,
        "--out",
        out_text,
        "--json",
    ]);
    result.expect_code(0);
    let lines = assert_lines_valid("factory-data", &result.stdout);
    assert_eq!(lines.len(), 1);
    let devices = lines[0]["devices"].as_array().expect("devices");
    assert_eq!(devices.len(), 2);
    assert_eq!(devices[0]["sec_ver"], 1);
    let labels = std::fs::read_to_string(out.join("labels.csv")).expect("labels");
    let pop = labels
        .split("\"\"pop\"\":\"\"")
        .nth(1)
        .and_then(|rest| rest.split("\"\"").next())
        .expect("a PoP in the labels");
    assert!(!result.stdout.contains(pop), "the JSON leaks a PoP");
    let again = run(&[
        "factory-data",
        "--count",
        "1",
        "--ssid",
        SSID,
        "--out",
        out_text,
        "--json",
    ]);
    again.expect_code(2);
    assert_lines_valid("factory-data", &again.stdout);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn sim_json_ready_lines_validate_and_keep_the_qr_art_off_stdout() {
    let mut child = esprov()
        .args(["sim", "--port", "0", "--no-mdns", "--json", "--count", "2"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("esprov sim starts");
    let stdout = child.stdout.take().expect("piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    for _ in 0..2 {
        match rx.recv_timeout(std::time::Duration::from_secs(30)) {
            Ok(line) => lines.push(line),
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    // Anything printed after the ready lines (QR art, logs) would arrive by now.
    while let Ok(line) = rx.recv_timeout(std::time::Duration::from_millis(200)) {
        lines.push(line);
    }
    assert_eq!(
        lines.len(),
        2,
        "two ready lines and nothing else: {lines:?}"
    );
    let values = assert_lines_valid("sim", &lines.join("\n"));
    assert!(values.iter().all(|v| v["device"]
        .as_str()
        .is_some_and(|d| d.starts_with("127.0.0.1:"))));
}

#[test]
fn batch_stream_and_report_validate() {
    let sim = Sim::start(&["--sec", "2", "--ap", AP, "--connect-delay-ms", "20"]);
    let other = Sim::start(&["--sec", "2", "--ap", AP, "--connect-delay-ms", "20"]);
    let second = other.addr.clone();
    let dir = std::env::temp_dir().join(format!("esprov-json-schema-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let manifest = dir.join("devices.csv");
    std::fs::write(
        &manifest,
        format!(
            "device,ssid,passphrase,username,password\n\
             {},{SSID},{PASSPHRASE},wifiprov,abcd1234\n\
             {second},{SSID},wrong-passphrase,wifiprov,abcd1234\n",
            sim.addr
        ),
    )
    .expect("manifest");
    let report = dir.join("report.jsonl");
    let result = run(&[
        "batch",
        manifest.to_str().expect("utf-8"),
        "--report",
        report.to_str().expect("utf-8"),
        "--status-delay-ms",
        "0",
        "--json",
    ]);
    result.expect_code(6);
    let lines = assert_lines_valid("batch", &result.stdout);
    let steps: Vec<&str> = lines
        .iter()
        .filter(|l| l["event"] == "progress")
        .filter_map(|l| l["step"].as_str())
        .collect();
    assert!(
        steps
            .iter()
            .all(|s| s.chars().all(|c| c.is_ascii_lowercase() || c == '_')),
        "progress steps are words: {steps:?}"
    );
    let summary = lines.last().expect("summary");
    assert_eq!(summary["event"], "summary");
    assert!(
        summary["resume"]
            .as_str()
            .is_some_and(|r| r.ends_with(" --resume")),
        "{summary}"
    );
    let report_text = std::fs::read_to_string(&report).expect("report");
    let records = assert_lines_valid("batch-report", &report_text);
    assert!(records.iter().any(|r| r["result"] == "wifi_auth_error"
        && r["reason"] == "wifi_auth_error"
        && r["exit_code"] == 6
        && r["message"].is_string()));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn qr_json_validates_for_each_transport_and_scheme() {
    let cases: [&[&str]; 3] = [
        &[
            "qr",
            "--name",
            "PROV_A1",
            "--transport",
            "ble",
            "--sec",
            "0",
        ],
        &["qr", "--name", "PROV_A1", "--pop", "abcd1234", "--sec", "1"],
        &[
            "qr",
            "--name",
            "PROV_A1",
            "--username",
            "wifiprov",
            "--password",
            "joinme",
            "--transport",
            "softap",
        ],
    ];
    for args in cases {
        let result = run(&[args, &["--json"][..]].concat());
        result.expect_code(0);
        assert_eq!(result.stdout.lines().count(), 1, "{}", result.stdout);
        let payload: serde_json::Value =
            serde_json::from_str(result.stdout.trim()).expect("qr --json is JSON");
        assert_valid("qr", &payload);
        assert_eq!(payload["name"], "PROV_A1");
    }
    let wrong = serde_json::json!({"ver": "v1", "name": "PROV_A1", "transport": "wifi"});
    assert!(
        !validation_errors("qr", &wrong).is_empty(),
        "an unknown transport"
    );
}

/// Names of the schemas the tests in `tests/` validate real output against.
fn schemas_validated_by_tests() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)
        .expect("tests/")
        .filter_map(Result::ok)
    {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let mut calls = vec!["assert_valid(\"", "assert_lines_valid(\""];
        if entry.file_name() == "json_schema.rs" {
            // `command("NAME", …)` in session_commands_validate validates against schema/NAME.json.
            calls.push("command(\"");
        }
        for call in calls {
            for rest in text.split(call).skip(1) {
                if let Some(name) = rest.split('"').next() {
                    names.push(name.to_owned());
                }
            }
        }
    }
    names
}

#[test]
fn every_command_with_json_output_has_a_schema_and_a_test_of_real_output() {
    let top = run(&["--help"]).stdout;
    let commands: Vec<&str> = top
        .lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .collect();
    assert!(commands.len() >= 14, "{commands:?}");
    let files: Vec<&str> = esprov::contract::schemas().iter().map(|f| f.name).collect();
    let tested = schemas_validated_by_tests();
    let mut with_json = Vec::new();
    for command in commands {
        let help = run(&[command, "--help"]).stdout;
        let json = help.contains("--json") || help.contains("--format <FORMAT>");
        if !json {
            continue;
        }
        with_json.push(command);
        // `check --list` prints its own shape; so do Thread answers and `reset`/`reprov`.
        let mut names = vec![command.to_owned()];
        if help.contains("--list") {
            names.push(format!("{command}-list"));
        }
        for name in names {
            assert!(
                files.contains(&name.as_str()),
                "`esprov {command}` prints JSON but schema/{name}.json is not generated"
            );
            assert!(
                tested.contains(&name),
                "no test validates real output of `esprov {command}` against schema/{name}.json"
            );
        }
    }
    // Every schema is validated by some test too (failure, batch-report, the Thread shapes).
    for file in &files {
        assert!(
            tested.iter().any(|t| t == file),
            "no test validates output against schema/{file}.json"
        );
    }
    assert!(with_json.len() >= 13, "{with_json:?}");
}

#[test]
fn a_sim_that_cannot_bind_prints_a_failure_line_under_json() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = taken.local_addr().expect("address").port().to_string();
    let result = run(&["sim", "--json", "--port", &port]);
    result.expect_code(1);
    let lines = assert_lines_valid("failure", &result.stdout);
    assert_eq!(lines.len(), 1, "{}", result.stdout);
    assert_eq!(lines[0]["reason"], "io", "{}", lines[0]);
    assert!(
        lines[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains(&port)),
        "{}",
        lines[0]
    );
    drop(taken);
}
