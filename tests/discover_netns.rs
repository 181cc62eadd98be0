//! mDNS discovery end to end inside a private network namespace: a virtual device advertises
//! `_esp_wifi_prov._tcp` on the namespace's loopback, and `esprov discover` and
//! `esprov provision --mdns` find it. Nothing leaves the namespace.

mod common;

use std::process::{Command, Stdio};

use common::{ESPROV, PASSPHRASE, SSID};

/// The `unshare` flags that give a private network namespace here, if any do.
fn namespace_flags() -> Option<&'static [&'static str]> {
    let candidates: [&'static [&'static str]; 2] = [&["-n"], &["-r", "-n"]];
    candidates.into_iter().find(|flags| {
        Command::new("unshare")
            .args(*flags)
            .args(["sh", "-c", "ip link set lo up"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// Runs `script` in a fresh network namespace with `lo` up; `$ESPROV` is the binary under test.
fn in_namespace(flags: &[&str], script: &str) -> std::process::Output {
    let body = format!("set -u\nip link set lo up\n{script}");
    let mut child = Command::new("timeout")
        .arg("60")
        .arg("unshare")
        .args(flags)
        .args(["sh", "-c", &body])
        .env("ESPROV", ESPROV)
        .env_remove("RUST_LOG")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("timeout + unshare start");
    let _ = child.stdin.take();
    child
        .wait_with_output()
        .expect("the namespace script finishes")
}

#[test]
fn discover_and_provision_by_mdns_in_a_private_namespace() {
    let Some(flags) = namespace_flags() else {
        println!("SKIP: cannot create a network namespace here (unshare -n / -rn failed)");
        return;
    };
    let script = format!(
        r#"
"$ESPROV" sim --port 0 --mdns --sec 0 --ap {SSID}:{PASSPHRASE} --connect-delay-ms 0 > sim.out 2> sim.err &
SIM=$!
trap 'kill $SIM 2>/dev/null' EXIT
for _ in $(seq 1 100); do grep -q ' ready at ' sim.out 2>/dev/null && break; sleep 0.05; done
NAME=$(cut -d' ' -f1 sim.out)
echo "NAME=$NAME"
echo "--- discover"
"$ESPROV" discover --mdns --interface lo --timeout 2 --json
echo "rc_discover=$?"
echo "--- table"
"$ESPROV" discover --mdns --interface lo --timeout 2
echo "--- provision"
"$ESPROV" provision --mdns "$NAME" --mdns-interface lo --sec 0 --ssid {SSID} --passphrase {PASSPHRASE} --json
echo "rc_provision=$?"
"#
    );
    let dir = std::env::temp_dir().join(format!("esprov-netns-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = format!("cd {}\n{script}", dir.display());
    let output = in_namespace(flags, &script);
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let context = format!("--- stdout\n{stdout}\n--- stderr\n{stderr}");
    let name = stdout
        .lines()
        .find_map(|l| l.strip_prefix("NAME="))
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| panic!("the sim never got ready\n{context}"));
    assert!(stdout.contains("rc_discover=0"), "{context}");
    let json_line = stdout
        .lines()
        .find(|l| l.starts_with("{\"schema\":1,\"devices\""))
        .unwrap_or_else(|| panic!("discover --json printed no object\n{context}"));
    let value: serde_json::Value = serde_json::from_str(json_line).expect("discover JSON parses");
    common::schema::assert_valid("discover", &value);
    let devices = value["devices"].as_array().expect("a devices array");
    let device = devices
        .iter()
        .find(|d| d["name"] == name)
        .unwrap_or_else(|| panic!("{name} not discovered\n{context}"));
    assert_eq!(device["transport"], "mdns");
    assert_eq!(device["address"], "127.0.0.1");
    assert!(
        device["device"]
            .as_str()
            .is_some_and(|d| d.starts_with("127.0.0.1:")),
        "{device}"
    );
    assert_eq!(device["txt"]["version_endpoint"], "/proto-ver");
    assert!(
        stdout.contains("NAME") && stdout.contains("TRANSPORT"),
        "a table header\n{context}"
    );
    assert!(
        stdout.contains("rc_provision=0"),
        "provision --mdns worked\n{context}"
    );
    assert!(stdout.contains(r#""result":"ok""#), "{context}");
}

#[test]
fn check_finds_its_device_by_mdns_in_a_private_namespace() {
    let Some(flags) = namespace_flags() else {
        println!("SKIP: cannot create a network namespace here (unshare -n / -rn failed)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("esprov-netns-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let script = format!(
        r#"cd {dir}
"$ESPROV" sim --port 0 --mdns --sec 1 --pop abcd1234 --ap {SSID}:{PASSPHRASE} --connect-delay-ms 0 > sim.out 2> sim.err &
SIM=$!
trap 'kill $SIM 2>/dev/null' EXIT
for _ in $(seq 1 100); do grep -q ' ready at ' sim.out 2>/dev/null && break; sleep 0.05; done
NAME=$(cut -d' ' -f1 sim.out)
"$ESPROV" check --mdns "$NAME" --mdns-interface lo --pop abcd1234 --only version,session --json
echo "rc_check=$?"
"#,
        dir = dir.display()
    );
    let output = in_namespace(flags, &script);
    let _ = std::fs::remove_dir_all(&dir);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let context = format!(
        "--- stdout\n{stdout}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("rc_check=0"), "{context}");
    let report: serde_json::Value = stdout
        .lines()
        .find_map(|l| serde_json::from_str(l).ok())
        .unwrap_or_else(|| panic!("check --json printed no object\n{context}"));
    common::schema::assert_valid("check", &report);
    let checks = report["checks"].as_array().expect("checks");
    let passed = |id: &str| {
        checks
            .iter()
            .any(|c| c["id"] == id && c["result"] == "pass")
    };
    for id in [
        "version.proto-ver",
        "session.handshake",
        "session.wrong-pop-refused",
    ] {
        assert!(passed(id), "{id} passes over mDNS\n{context}");
    }
}
