//! `esprov check` end to end against `esprov sim`: the whole suite passes in every scheme over
//! HTTP and the console, each sim fault fails exactly the checks that should catch it, and the
//! JSON and JUnit reports say the same thing.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::schema::assert_valid;
use common::{run, Run, Sim};

/// The simulated access point the Wi-Fi checks join.
const SSID: &str = "Office-5G";
const PASSPHRASE: &str = "office-pass";
/// Fast simulated Wi-Fi, so three connection attempts take well under a second each.
const FAST_WIFI: [&str; 4] = ["--connect-delay-ms", "100", "--apply-delay-ms", "100"];
/// The dataset of the sim's default Thread network (OpenThread-1234) with its network key.
const DATASET: &str = "000300000f0208dead00beef001234051000112233445566778899aabbccddeeff01021234";

/// Every check id `--list` names.
fn all_ids() -> Vec<String> {
    let list = run(&["check", "--list", "--json"]);
    list.expect_code(0);
    let value = list.json();
    assert_valid("check-list", &value);
    value["checks"]
        .as_array()
        .expect("checks array")
        .iter()
        .map(|c| c["id"].as_str().expect("id").to_owned())
        .collect()
}

/// How the suite reaches a sim: its security scheme and link. Starts the sim and runs the suite,
/// so each test says only what differs.
#[derive(Debug, Clone, Copy)]
struct Scheme {
    sec: u8,
    patch: u8,
    console: bool,
    /// What the sim provisions: `wifi`, `thread` or `both` (`esprov sim --network`).
    network: &'static str,
}

/// Over HTTP.
const fn http(sec: u8, patch: u8) -> Scheme {
    Scheme {
        sec,
        patch,
        console: false,
        network: "wifi",
    }
}

/// Over the console, on a PTY.
const fn console(sec: u8, patch: u8) -> Scheme {
    Scheme {
        sec,
        patch,
        console: true,
        network: "wifi",
    }
}

impl Scheme {
    /// The same scheme on a sim that provisions `network`.
    const fn on(self, network: &'static str) -> Scheme {
        Scheme { network, ..self }
    }

    /// Starts `esprov sim` in this scheme (fast Wi-Fi) with `extra` flags.
    fn sim(self, extra: &[&str]) -> Sim {
        let mut args: Vec<String> = vec!["--sec".into(), self.sec.to_string()];
        match self.sec {
            1 => args.extend(["--pop".into(), "abcd1234".into()]),
            2 => args.extend(["--sec-patch".into(), self.patch.to_string()]),
            _ => {}
        }
        if self.console {
            args.extend(["--transport".into(), "console".into(), "--pty".into()]);
        }
        args.extend(["--network".into(), self.network.into()]);
        args.extend(FAST_WIFI.iter().map(|s| s.to_string()));
        args.extend(extra.iter().map(|s| s.to_string()));
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        Sim::start(&argv)
    }

    /// `--device ADDR` or `--serial PATH`, and the security flags the sim wants.
    fn client_args(self, sim: &Sim) -> Vec<String> {
        let flag = if self.console { "--serial" } else { "--device" };
        let mut args = vec![flag.to_owned(), sim.addr.clone()];
        let secrets: &[&str] = match self.sec {
            // Wi-Fi secrets go out in clear only when the user chose security 0.
            0 => &["--sec", "0"],
            1 => &["--pop", "abcd1234"],
            _ => &["--username", "wifiprov", "--password", "abcd1234"],
        };
        args.extend(secrets.iter().map(|s| s.to_string()));
        args
    }

    /// Runs the full suite (destructive, Wi-Fi, custom endpoint) against `sim`.
    fn check(self, sim: &Sim, extra: &[&str]) -> Checked {
        self.check_expecting(sim, "SUCCESS", extra)
    }

    /// Like [`Scheme::check`], with what the custom endpoint must answer.
    fn check_expecting(self, sim: &Sim, expect: &str, extra: &[&str]) -> Checked {
        let dir = tempdir();
        let junit = dir.join("report.xml");
        let mut args: Vec<String> = vec!["check".into()];
        args.extend(self.client_args(sim));
        args.extend(
            [
                "--ssid",
                SSID,
                "--passphrase",
                PASSPHRASE,
                "--dataset-tlvs",
                DATASET,
                "--destructive",
                "--custom-endpoint",
                "custom-data",
                "--expect",
                expect,
                "--timeout",
                "20",
                "--json",
                "--junit",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        args.push(junit.display().to_string());
        args.extend(extra.iter().map(|s| s.to_string()));
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = run(&argv);
        let report = run.json();
        let junit = std::fs::read_to_string(&junit).unwrap_or_else(|e| {
            panic!(
                "no JUnit report ({e})\n--- stdout\n{}\n--- stderr\n{}",
                run.stdout, run.stderr
            )
        });
        let _ = std::fs::remove_dir_all(&dir);
        let checked = Checked { run, report, junit };
        assert_report_shape(&checked);
        assert_junit_matches(&checked);
        checked
    }

    /// `esprov check` with the device and security flags and `extra`, as it is.
    fn run(self, sim: &Sim, extra: &[&str]) -> Run {
        let mut args: Vec<String> = vec!["check".into()];
        args.extend(self.client_args(sim));
        args.extend(extra.iter().map(|s| s.to_string()));
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        run(&argv)
    }
}

/// The result of one `esprov check` run: the process, its JSON report, its JUnit file.
struct Checked {
    run: Run,
    report: serde_json::Value,
    junit: String,
}

impl Checked {
    /// The report's entry for one check.
    fn check(&self, id: &str) -> &serde_json::Value {
        self.report["checks"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["id"] == id))
            .unwrap_or_else(|| panic!("no {id} in the report"))
    }

    /// The figure a timing check measured.
    fn figure(&self, id: &str) -> Option<f64> {
        self.check(id)["figure_ms"].as_f64()
    }

    fn ids_with(&self, result: &str) -> BTreeSet<String> {
        self.report["checks"]
            .as_array()
            .expect("checks")
            .iter()
            .filter(|c| c["result"] == result)
            .map(|c| c["id"].as_str().expect("id").to_owned())
            .collect()
    }
}

fn tempdir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "esprov-check-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn rand_suffix() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(
        std::time::SystemTime::now()
            .elapsed()
            .map_or(0, |d| d.as_nanos() as u64),
    );
    hasher.finish()
}

/// The JSON report: every check once, in `--list` order, with the fields the docs promise.
fn assert_report_shape(checked: &Checked) {
    let report = &checked.report;
    let checks = report["checks"].as_array().expect("checks");
    let ids: Vec<&str> = checks
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, all_ids(), "every check once, in run order");
    for check in checks {
        assert!(matches!(
            check["result"].as_str(),
            Some("pass" | "fail" | "skip")
        ));
        assert!(check["group"].is_string());
        assert!(check["time_ms"].as_f64().is_some_and(|t| t >= 0.0));
        assert!(
            check["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "{check}"
        );
    }
    let summary = &report["summary"];
    let count = |r: &str| checks.iter().filter(|c| c["result"] == r).count() as u64;
    assert_eq!(summary["pass"], count("pass"));
    assert_eq!(summary["fail"], count("fail"));
    assert_eq!(summary["skip"], count("skip"));
    assert_valid("check", report);
    assert!(report["device"].is_string());
    assert!(report["firmware"]["ver"].is_string());
    assert!(report["firmware"]["cap"].is_array());
    assert!(report["firmware"]["sec_ver"].is_u64());
    let expected_code = if count("fail") == 0 { 0 } else { 12 };
    checked.run.expect_code(expected_code);
}

/// The JUnit XML parses and says what the JSON says, testcase by testcase.
fn assert_junit_matches(checked: &Checked) {
    let doc = roxmltree::Document::parse(&checked.junit)
        .unwrap_or_else(|e| panic!("JUnit XML does not parse: {e}\n{}", checked.junit));
    let suites = doc.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    let suite = suites
        .children()
        .find(|n| n.has_tag_name("testsuite"))
        .expect("one testsuite");
    let cases: Vec<_> = suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    let checks = checked.report["checks"].as_array().expect("checks");
    assert_eq!(cases.len(), checks.len());
    assert_eq!(
        suite.attribute("tests"),
        Some(checks.len().to_string().as_str())
    );
    assert_eq!(
        suite.attribute("failures"),
        Some(checked.report["summary"]["fail"].to_string().as_str())
    );
    for (case, check) in cases.iter().zip(checks) {
        assert_eq!(case.attribute("name"), check["id"].as_str());
        let failed = case.children().any(|n| n.has_tag_name("failure"));
        let skipped = case.children().any(|n| n.has_tag_name("skipped"));
        assert_eq!(failed, check["result"] == "fail", "{check}");
        assert_eq!(skipped, check["result"] == "skip", "{check}");
        assert!(case
            .attribute("time")
            .is_some_and(|t| t.parse::<f64>().is_ok()));
    }
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// Checks that cannot apply to a scheme or network, skipped with a reason.
fn scheme_skips(scheme: Scheme) -> BTreeSet<String> {
    let mut ids: Vec<&str> = match scheme.sec {
        0 => vec![
            "session.wrong-pop-refused",
            "session.serves-after-refusal",
            "session.config-before-handshake-refused",
            "session.new-replaces-old",
            "session.sec2-patch",
        ],
        1 => vec!["session.sec2-patch"],
        _ => vec![],
    };
    match scheme.network {
        "wifi" => ids.extend(THREAD_ONLY),
        "thread" => ids.extend(WIFI_ONLY),
        _ => {}
    }
    set(&ids)
}

/// The checks only a Thread device runs.
const THREAD_ONLY: [&str; 8] = [
    "version.thread-scan-cap",
    "scan.thread-paging",
    "thread.dataset-invalid-fails",
    "thread.refused-after-failure",
    "thread.accepted-after-reset",
    "thread.attaches",
    "thread.status-while-attaching",
    "thread.reprov",
];

/// The checks only a Wi-Fi device runs.
const WIFI_ONLY: [&str; 8] = [
    "scan.paging",
    "wifi.wrong-passphrase-fails",
    "wifi.status-while-connecting",
    "wifi.refused-after-failure",
    "wifi.accepted-after-reset",
    "wifi.connects",
    "wifi.reprov",
    "timing.connect",
];

fn full_suite_passes(scheme: Scheme) {
    let sim = scheme.sim(&["--no-auto-stop"]);
    let checked = scheme.check(&sim, &[]);
    assert_eq!(
        checked.ids_with("fail"),
        BTreeSet::new(),
        "{scheme:?}: {}",
        checked.run.stdout
    );
    assert_eq!(checked.ids_with("skip"), scheme_skips(scheme));
    assert!(checked
        .figure("timing.handshake")
        .is_some_and(|ms| ms > 0.0));
    if scheme.network != "thread" {
        assert!(checked
            .figure("timing.connect")
            .is_some_and(|ms| ms >= 100.0));
    }
    if scheme.network != "wifi" {
        assert!(checked
            .figure("thread.attaches")
            .is_some_and(|ms| ms >= 100.0));
    }
    assert!(
        checked.report["recovery"].is_string(),
        "the run left credentials behind"
    );
}

#[test]
fn the_suite_passes_over_http_in_security_0() {
    full_suite_passes(http(0, 0));
}

#[test]
fn the_suite_passes_over_http_in_security_1() {
    full_suite_passes(http(1, 0));
}

#[test]
fn the_suite_passes_over_http_in_security_2_patch_0() {
    full_suite_passes(http(2, 0));
}

#[test]
fn the_suite_passes_over_http_in_security_2_patch_1() {
    full_suite_passes(http(2, 1));
}

#[test]
fn the_suite_passes_over_the_console_in_security_0() {
    full_suite_passes(console(0, 0));
}

#[test]
fn the_suite_passes_over_the_console_in_security_1() {
    full_suite_passes(console(1, 0));
}

#[test]
fn the_suite_passes_over_the_console_in_security_2_patch_0() {
    full_suite_passes(console(2, 0));
}

#[test]
fn the_suite_passes_over_the_console_in_security_2_patch_1() {
    full_suite_passes(console(2, 1));
}

#[test]
fn the_suite_passes_on_a_thread_device() {
    full_suite_passes(http(2, 1).on("thread"));
    full_suite_passes(console(1, 0).on("thread"));
}

#[test]
fn the_suite_passes_on_a_wifi_and_thread_device() {
    full_suite_passes(http(1, 0).on("both"));
    full_suite_passes(console(2, 0).on("both"));
}

/// Runs the suite against a sim with `--fault NAME` (and reprov allowed, so a Thread group
/// runs after the Wi-Fi group on a device that provisions both).
fn with_fault(scheme: Scheme, fault: &str) -> Checked {
    let sim = scheme.sim(&["--no-auto-stop", "--fault", fault]);
    scheme.check(&sim, &[])
}

/// Each sim fault and the checks it must fail: on a Wi-Fi device, and on a Wi-Fi and Thread
/// device, where the faults that have a Thread side fail the Thread check too.
const FAULTS: [(&str, &[&str], &[&str]); 10] = [
    ("accept-any-pop", &["session.wrong-pop-refused"], &[]),
    (
        "no-reject-after-failure",
        &["wifi.refused-after-failure"],
        &["thread.refused-after-failure"],
    ),
    ("keep-old-session", &["session.new-replaces-old"], &[]),
    (
        "no-session-required",
        &["session.config-before-handshake-refused"],
        &[],
    ),
    (
        "hide-scan-cap",
        &["version.scan-cap"],
        &["version.thread-scan-cap"],
    ),
    ("bad-caps", &["version.proto-ver"], &[]),
    (
        "silent-while-connecting",
        &["wifi.status-while-connecting"],
        &["thread.status-while-attaching"],
    ),
    ("scan-duplicates", &["scan.paging"], &["scan.thread-paging"]),
    (
        "accept-any-passphrase",
        &["wifi.wrong-passphrase-fails"],
        &[],
    ),
    ("crash-on-oversize", &["robustness.oversized-body"], &[]),
];

fn faults_fail_exactly_their_checks(scheme: Scheme) {
    for (fault, wifi, thread) in FAULTS {
        let mut expected: Vec<&str> = wifi.to_vec();
        if scheme.network == "both" {
            expected.extend(thread);
        }
        let checked = with_fault(scheme, fault);
        assert_eq!(
            checked.ids_with("fail"),
            set(&expected),
            "{scheme:?} --fault {fault}\n{}",
            serde_json::to_string_pretty(&checked.report).unwrap_or_default()
        );
    }
}

#[test]
fn each_sim_fault_fails_exactly_its_checks() {
    faults_fail_exactly_their_checks(http(2, 1));
}

#[test]
fn each_sim_fault_fails_exactly_its_checks_on_a_thread_device_too() {
    faults_fail_exactly_their_checks(http(2, 1).on("both"));
}

#[test]
fn thread_checks_need_a_dataset_from_a_flag_a_file_or_the_environment() {
    let scheme = http(1, 0).on("thread");
    let sim = scheme.sim(&["--no-auto-stop"]);
    let without = scheme.run(&sim, &["--only", "thread", "--json"]);
    without.expect_code(0);
    for check in without.json()["checks"].as_array().expect("checks") {
        assert_eq!(check["result"], "skip", "{check}");
        assert!(
            check["detail"]
                .as_str()
                .is_some_and(|d| d.contains("--dataset-tlvs")),
            "{check}"
        );
    }
    let mut args: Vec<String> = vec!["check".into()];
    args.extend(scheme.client_args(&sim));
    args.extend(
        [
            "--only",
            "thread.attaches,thread.dataset-invalid-fails",
            "--json",
        ]
        .map(String::from),
    );
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let from_env = common::run_with(&argv, &[("ESPROV_DATASET", DATASET)], None);
    from_env.expect_code(0);
    let report = from_env.json();
    let results: Vec<&str> = report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| c["result"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(results, ["pass", "pass"], "{report}");
    // The key never shows, in the report or on stderr.
    let key = "00112233445566778899aabbccddeeff";
    assert!(!from_env.stdout.contains(key) && !from_env.stderr.contains(key));
}

#[test]
fn a_crash_skips_the_rest_and_says_to_reset_the_device() {
    let checked = with_fault(http(2, 1), "crash-on-oversize");
    let checks = checked.report["checks"].as_array().expect("checks");
    let after: Vec<_> = checks
        .iter()
        .skip_while(|c| c["id"] != "robustness.oversized-body")
        .skip(1)
        .collect();
    assert!(!after.is_empty());
    for check in after {
        assert_eq!(check["result"], "skip", "{check}");
        assert!(check["detail"]
            .as_str()
            .is_some_and(|d| d.contains("stopped answering after robustness.oversized-body")));
    }
    assert!(checked.report["recovery"]
        .as_str()
        .is_some_and(|r| r.contains("power-cycle")));
}

#[test]
fn a_wrong_expectation_and_a_tight_bound_fail_their_checks() {
    let scheme = http(1, 0);
    let sim = scheme.sim(&[]);
    let checked = scheme.check_expecting(&sim, "NOPE", &["--max-handshake-ms", "0"]);
    assert_eq!(
        checked.ids_with("fail"),
        set(&["custom.endpoint", "timing.handshake"])
    );
}

#[test]
fn only_and_skip_select_checks_and_unknown_names_are_usage_errors() {
    let scheme = http(0, 0);
    let sim = scheme.sim(&[]);
    let selected = scheme.run(
        &sim,
        &[
            "--only",
            "session,version.proto-ver",
            "--skip",
            "session.sec2-patch",
            "--json",
        ],
    );
    selected.expect_code(0);
    let report = selected.json();
    let ids: Vec<&str> = report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| c["id"].as_str().expect("id"))
        .collect();
    assert_eq!(
        ids,
        [
            "version.proto-ver",
            "session.handshake",
            "session.wrong-pop-refused",
            "session.serves-after-refusal",
            "session.config-before-handshake-refused",
            "session.new-replaces-old",
        ]
    );
    scheme.run(&sim, &["--only", "sesion"]).expect_code(2);
}

#[test]
fn wifi_checks_on_an_unsecured_device_need_an_explicit_sec_0() {
    let sim = http(0, 0).sim(&[]);
    // Without `--sec 0`: the device is reached with the automatic choice.
    let result = run(&[
        "check",
        "--device",
        &sim.addr,
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "--only",
        "wifi",
        "--json",
    ]);
    result.expect_code(0);
    for check in result.json()["checks"].as_array().expect("checks") {
        assert_eq!(check["result"], "skip", "{check}");
        assert!(
            check["detail"]
                .as_str()
                .is_some_and(|d| d.contains("--sec 0")),
            "{check}"
        );
    }
}

#[test]
fn without_an_access_point_the_wifi_checks_are_skipped_not_failed() {
    let scheme = http(1, 0);
    let sim = scheme.sim(&[]);
    let result = scheme.run(&sim, &["--only", "wifi,timing.connect", "--json"]);
    result.expect_code(0);
    let report = result.json();
    for check in report["checks"].as_array().expect("checks") {
        assert_eq!(check["result"], "skip", "{check}");
    }
    assert!(Path::new(common::ESPROV).exists());
}

#[test]
fn a_failure_over_the_console_carries_the_devices_log() {
    let checked = with_fault(console(2, 1), "no-reject-after-failure");
    assert_eq!(
        checked.ids_with("fail"),
        set(&["wifi.refused-after-failure"])
    );
    let failed = checked.check("wifi.refused-after-failure");
    let log: Vec<&str> = failed["log"]
        .as_array()
        .expect("a log on the failed check")
        .iter()
        .filter_map(|l| l.as_str())
        .collect();
    // The manager's own lines for the second failed attempt, as ESP-IDF prints them.
    assert!(
        log.iter()
            .any(|l| l.ends_with("wifi_prov_mgr: STA Auth Error")),
        "{log:#?}"
    );
    assert!(
        log.iter()
            .any(|l| l.ends_with("wifi_prov_mgr: Disconnect reason : 15")),
        "{log:#?}"
    );
    // Never the echoed requests (over security 0 they carry the passphrase in hex).
    assert!(!log.iter().any(|l| l.starts_with("prov-")), "{log:#?}");
    // Checks that did not fail carry no log.
    for check in checked.report["checks"].as_array().expect("checks") {
        if check["result"] != "fail" {
            assert!(check.get("log").is_none(), "{check}");
        }
    }
    // JUnit: the same lines in the failed testcase's <system-out>.
    let doc = roxmltree::Document::parse(&checked.junit).expect("JUnit parses");
    let case = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("testcase") && n.attribute("name") == Some("wifi.refused-after-failure")
        })
        .expect("the testcase");
    let out = case
        .children()
        .find(|n| n.has_tag_name("system-out"))
        .and_then(|n| n.text())
        .expect("system-out");
    assert!(out.contains("--- device log"), "{out}");
    assert!(out.contains("wifi_prov_mgr: STA Auth Error"), "{out}");
    // The table shows an excerpt under the failure.
    let table = console(2, 1);
    let sim = table.sim(&["--fault", "no-reject-after-failure"]);
    let human = table.run(
        &sim,
        &["--ssid", SSID, "--passphrase", PASSPHRASE, "--only", "wifi"],
    );
    human.expect_code(12);
    assert!(
        human
            .stdout
            .contains("--- device log around wifi.refused-after-failure"),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains("STA Auth Error"), "{}", human.stdout);
}

#[test]
fn reset_board_needs_a_serial_port_that_can_drive_rts_and_dtr() {
    // A PTY has no modem lines: the suite refuses instead of running without the reset.
    let scheme = console(0, 0);
    let sim = scheme.sim(&[]);
    let refused = scheme.run(&sim, &["--reset-board", "--only", "version"]);
    refused.expect_code(3);
    assert!(
        refused
            .stderr
            .contains("cannot drive RTS/DTR to reset the board"),
        "{}",
        refused.stderr
    );
    // Without it the same port runs the suite.
    scheme.run(&sim, &["--only", "version"]).expect_code(0);
    // And it belongs to serial ports only.
    let http_sim = http(0, 0).sim(&[]);
    let http = http(0, 0).run(&http_sim, &["--reset-board", "--only", "version"]);
    http.expect_code(2);
    assert!(http.stderr.contains("--reset-board"), "{}", http.stderr);
}

#[test]
fn a_qr_payload_supplies_the_scheme_and_the_credentials() {
    let sim = Sim::start(&[
        "--sec",
        "2",
        "--username",
        "qruser",
        "--password",
        "qr-pass-1",
    ]);
    let qr = format!(
        r#"{{"ver":"v1","name":"{}","username":"qruser","pop":"qr-pass-1","transport":"softap"}}"#,
        sim.name
    );
    let checked = run(&[
        "check", "--qr", &qr, "--device", &sim.addr, "--only", "session", "--json",
    ]);
    checked.expect_code(0);
    let report = checked.json();
    assert_valid("check", &report);
    let results: Vec<(&str, &str)> = report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().expect("id"),
                c["result"].as_str().expect("result"),
            )
        })
        .collect();
    assert_eq!(
        results,
        [
            ("session.handshake", "pass"),
            ("session.wrong-pop-refused", "pass"),
            ("session.serves-after-refusal", "pass"),
            ("session.config-before-handshake-refused", "pass"),
            ("session.new-replaces-old", "pass"),
            ("session.sec2-patch", "pass"),
        ],
        "{}",
        checked.stdout
    );
    // A payload whose password the device refuses fails the handshake, not the usage.
    let wrong = qr.replace("qr-pass-1", "qr-pass-2");
    let refused = run(&[
        "check", "--qr", &wrong, "--device", &sim.addr, "--only", "session", "--json",
    ]);
    refused.expect_code(12);
    let report = refused.json();
    assert_valid("check", &report);
    assert_eq!(report["checks"][0]["id"], "session.handshake");
    assert_eq!(report["checks"][0]["result"], "fail", "{}", refused.stdout);
}
