//! `esprov batch` against 50 virtual devices with mixed outcomes: right and wrong passphrases, a
//! wrong SRP password, an access point that is not there, and one address that never answers.

mod batch_support;

use std::time::Duration;

use batch_support::*;

#[test]
fn every_device_ends_with_the_right_final_record_and_the_exit_code_is_the_most_common_failure() {
    let dir = temp_dir("outcomes");
    let good = Fleet::start(
        &dir,
        "good",
        46,
        &["--sec", "2", "--connect-delay-ms", "20"],
    );
    let no_ap = Fleet::start(
        &dir,
        "noap",
        3,
        &[
            "--sec",
            "2",
            "--connect-delay-ms",
            "20",
            "--outcome",
            "no-ap",
        ],
    );
    let silent = Silent::start();
    let mut rows: Vec<Row> = Vec::new();
    let mut expected = Vec::new();
    for (i, address) in good.addresses.iter().enumerate() {
        let mut row = good_row(address, &format!("G{i}"));
        let want = match i {
            3 | 11 | 19 | 27 => {
                row.1 = "wrongpass".into();
                ("wifi_auth_error", 2)
            }
            33 => {
                row.2 = "not-the-password".into();
                ("security", 1)
            }
            _ => ("ok", 1),
        };
        rows.push(row);
        expected.push((address.clone(), want));
    }
    for (i, address) in no_ap.addresses.iter().enumerate() {
        rows.push(good_row(address, &format!("N{i}")));
        expected.push((address.clone(), ("ap_not_found", 2)));
    }
    let mut silent_row = good_row(&silent.address, "silent");
    silent_row.4 = "2".into(); // its own bound; the sims get the generous --timeout
    rows.push(silent_row);
    expected.push((silent.address.clone(), ("timeout", 2)));
    let manifest = dir.join("devices.csv");
    write_manifest(&manifest, &rows);
    let report = dir.join("report.jsonl");
    let out = batch(
        &[
            manifest.to_str().expect("utf-8 path"),
            "--report",
            report.to_str().expect("utf-8 path"),
            "--concurrency",
            "8",
            "--timeout",
            "60",
            "--retries",
            "1",
        ],
        Duration::from_secs(240),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let all = records(&report);
    let finals = finals(&all);
    assert_eq!(finals.len(), 50, "one device per row\n{stdout}\n{stderr}");
    for (address, (result, attempts)) in &expected {
        let mine = &finals[address];
        assert_eq!(mine.len(), 1, "{address}: exactly one final record");
        let record = &mine[0];
        assert_eq!(record["result"], *result, "{address}: {record}");
        let attempt = record["attempt"].as_u64().unwrap_or(0);
        // A loaded machine may cost any device one transient retry (--retries 1); the silent
        // address is exact: two timeouts.
        let allowed = if *result == "timeout" {
            *attempts..=*attempts
        } else {
            *attempts..=*attempts + 1
        };
        assert!(allowed.contains(&attempt), "{address}: {record}");
        let tried = all
            .iter()
            .filter(|r| r["device"] == address.as_str())
            .count();
        assert_eq!(tried as u64, attempt, "{address}: one record per attempt");
        if *result == "ok" {
            assert!(
                record["ip"].is_string() && record["connect_ms"].is_number(),
                "{record}"
            );
        } else {
            assert!(
                record["message"].is_string()
                    && record["reason"] == *result
                    && record["exit_code"].is_number()
                    && record.get("ip").is_none(),
                "{record}"
            );
        }
    }
    assert_eq!(
        out.status.code(),
        Some(6),
        "wifi_auth_error is the most common failure\n{stdout}\n{stderr}"
    );
    let finished_lines = stdout
        .lines()
        .filter(|l| l.starts_with("ok ") || l.starts_with("FAILED "))
        .count();
    assert_eq!(
        finished_lines, 50,
        "one plain line per finished device\n{stdout}"
    );
    assert!(stdout.contains("Summary: 41 ok, 9 failed"), "{stdout}");
    let received = good.credentials_received();
    for (i, address) in good.addresses.iter().enumerate() {
        if expected[i].1 .0 == "ok" {
            let attempt = finals[address][0]["attempt"].as_u64().unwrap_or(0) as usize;
            if attempt == 1 {
                assert_eq!(received[address], 1, "{address} received credentials once");
            }
            assert!(
                received[address] <= attempt,
                "{address}: credentials only on attempts"
            );
            assert!(good.stored(i), "{address} stored the credentials");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
