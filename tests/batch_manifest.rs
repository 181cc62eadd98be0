//! A bad manifest stops `esprov batch` before any device is contacted, naming file, line and column.

mod batch_support;

use std::time::Duration;

use batch_support::*;

fn run_bad(dir: &std::path::Path, name: &str, text: &str, listener: &Silent) -> (i32, String) {
    let manifest = dir.join(name);
    std::fs::write(&manifest, text.replace("ADDR", &listener.address)).expect("manifest");
    let report = dir.join(format!("{name}.report"));
    let out = batch(
        &[
            manifest.to_str().expect("utf-8"),
            "--report",
            report.to_str().expect("utf-8"),
        ],
        Duration::from_secs(60),
    );
    assert!(
        !report.exists(),
        "no report for a manifest that does not validate"
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn bad_manifests_name_the_line_and_no_device_is_contacted() {
    let dir = temp_dir("manifest");
    let listener = Silent::start();
    let cases = [
        ("bad-value.csv", "device,ssid,passphrase\nADDR,Home,password1\nADDR2,Home,password1\n", "bad-value.csv:3", "device"),
        ("unknown.csv", "device,ssid,colour\nADDR,Home,red\n", "unknown.csv:1", "colour"),
        ("missing.csv", "device,ssid,passphrase\nADDR,Home,password1\n127.0.0.1:9,,password1\n", "missing.csv:3", "ssid"),
        ("short.csv", "device,ssid,passphrase\nADDR,Home,password1\n127.0.0.1:9,Home\n", "short.csv:3", "passphrase"),
        ("env.csv", "device,ssid,passphrase\nADDR,Home,env:ESPROV_BATCH_TEST_UNSET\n", "env.csv:2", "passphrase"),
        (
            "rows.jsonl",
            "{\"device\":\"ADDR\",\"ssid\":\"Home\"}\n\n{\"device\":\"127.0.0.1:9\",\"ssid\":\"Home\",\"timeout\":\"soon\"}\n",
            "rows.jsonl:3",
            "timeout",
        ),
        ("dup.txt", "{\"device\":\"ADDR\",\"ssid\":\"Home\"}\n{\"device\":\"ADDR\",\"ssid\":\"Home\"}\n", "dup.txt:2", "device"),
    ];
    for (name, text, location, column) in cases {
        let text = text.replace("ADDR2", "not-an-address");
        let (code, stderr) = run_bad(&dir, name, &text, &listener);
        assert_eq!(code, 2, "{name}: usage exit code\n{stderr}");
        assert!(stderr.contains(location), "{name}: {location} in\n{stderr}");
        assert!(
            stderr.contains(column),
            "{name}: column {column} in\n{stderr}"
        );
    }
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(listener.count(), 0, "a device was contacted");
    let _ = std::fs::remove_dir_all(&dir);
}
