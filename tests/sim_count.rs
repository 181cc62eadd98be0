//! `esprov sim --count N`: N devices on consecutive ports, distinct names, one ready line each.

mod common;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{esprov, run};

/// A port with three free ports after it, found by binding and releasing.
fn free_base_port() -> u16 {
    for _ in 0..50 {
        let Ok(probe) = TcpListener::bind("127.0.0.1:0") else {
            continue;
        };
        let Ok(addr) = probe.local_addr() else {
            continue;
        };
        let base = addr.port();
        drop(probe);
        if base < 60_000 && (1..3).all(|i| TcpListener::bind(("127.0.0.1", base + i)).is_ok()) {
            return base;
        }
    }
    panic!("no three consecutive free ports");
}

#[test]
fn count_runs_devices_on_consecutive_ports_with_distinct_names() {
    let base = free_base_port();
    let mut child = esprov()
        .args([
            "sim",
            "--count",
            "3",
            "--port",
            &base.to_string(),
            "--sec",
            "0",
            "--json",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("sim starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let mut ready = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) {
            ready.push(value);
        }
        if ready.len() == 3 || Instant::now() > deadline {
            break;
        }
    }
    let addresses: Vec<String> = ready
        .iter()
        .filter_map(|v| v["device"].as_str().map(str::to_owned))
        .collect();
    let expected: Vec<String> = (0..3).map(|i| format!("127.0.0.1:{}", base + i)).collect();
    assert_eq!(addresses, expected, "{ready:?}");
    let mut names: Vec<&str> = ready.iter().filter_map(|v| v["name"].as_str()).collect();
    assert!(
        names
            .iter()
            .all(|n| n.starts_with("PROV_") && n.len() == 11),
        "{names:?}"
    );
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), 3, "distinct names");
    for address in &addresses {
        let info = run(&["info", "--device", address, "--json", "--timeout", "10"]);
        info.expect_code(0);
    }
    let _ = child.kill();
    let _ = child.wait();
}
