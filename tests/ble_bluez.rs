//! btleplug's real code path (bluez-async over D-Bus) against a fake BlueZ, through the built
//! `esprov` binary: discovery, provisioning, and the errors of a missing Bluetooth stack.

mod ble_support;
mod fake_bluez;

use std::process::{Command, Output};
use std::time::{Duration, Instant};

use esprov_proto::uuid::EXAMPLE_SERVICE;
use esprov_sim::gatt::{GattConfig, GattServer};
use fake_bluez::{AdapterSetup, DbusDaemon, FakeBluez, FakeDevice};

const POWERED: AdapterSetup = AdapterSetup {
    present: true,
    powered: true,
};

fn private_bus() -> Option<DbusDaemon> {
    match DbusDaemon::start() {
        Ok(bus) => Some(bus),
        Err(why) => {
            println!(
                "SKIP: dbus-daemon cannot start here ({why}); btleplug's BlueZ path not exercised"
            );
            None
        }
    }
}

fn esprov(bus: &str, args: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_esprov"))
        .args(args)
        .env("DBUS_SYSTEM_BUS_ADDRESS", bus)
        .env_remove("ESPROV_POP")
        .env_remove("ESPROV_PASSWORD")
        .output()
        .expect("run esprov");
    (output, started.elapsed())
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn discover_ble_lists_devices_from_bluez() {
    let Some(bus) = private_bus() else { return };
    let (server, _) = ble_support::server(with_mfg(GattConfig::manager(
        "PROV_A1B2C3",
        EXAMPLE_SERVICE,
        &[],
    )));
    let (other, _) = ble_support::server(GattConfig::manager("Headphones", EXAMPLE_SERVICE, &[]));
    let devices = vec![
        FakeDevice {
            address: "24:0A:C4:A1:B2:C3".into(),
            rssi: -48,
            server: take(server),
        },
        FakeDevice {
            address: "11:22:33:44:55:66".into(),
            rssi: -70,
            server: take(other),
        },
    ];
    let bluez = FakeBluez::serve(&bus.address, POWERED, devices).expect("serve org.bluez");
    let (output, _) = esprov(
        &bus.address,
        &["discover", "--ble", "--timeout", "1", "--json"],
    );
    let out = text(&output);
    assert!(output.status.success(), "{out}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let devices = json["devices"].as_array().expect("devices");
    assert_eq!(devices.len(), 1, "only PROV_ devices: {out}");
    assert_eq!(devices[0]["name"], "PROV_A1B2C3");
    assert_eq!(devices[0]["transport"], "ble");
    assert_eq!(devices[0]["address"], "24:0A:C4:A1:B2:C3");
    assert_eq!(devices[0]["rssi"], -48);
    assert_eq!(
        devices[0]["service_uuids"][0],
        "021a9004-0382-4aea-bff4-6b3f1c5adfb4"
    );
    assert_eq!(devices[0]["manufacturer_data"]["741"], "0102");
    assert!(!bluez.world.lock().unwrap().discovering, "scan stopped");
}

fn with_mfg(mut config: GattConfig) -> GattConfig {
    config.manufacturer_data = Some((741, vec![1, 2]));
    config
}

fn take(server: std::sync::Arc<std::sync::Mutex<GattServer>>) -> GattServer {
    std::sync::Arc::try_unwrap(server)
        .ok()
        .expect("sole owner")
        .into_inner()
        .expect("not poisoned")
}

#[test]
fn no_bluez_on_the_bus_fails_fast_naming_bluez() {
    let Some(bus) = private_bus() else { return };
    let (output, took) = esprov(&bus.address, &["discover", "--ble"]);
    let out = text(&output);
    assert!(!output.status.success(), "{out}");
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert!(out.contains("BlueZ (org.bluez) is not running"), "{out}");
    assert!(out.contains("bluetooth"), "names the fix: {out}");
}

#[test]
fn unreachable_bus_fails_fast_naming_dbus() {
    let (output, took) = esprov(
        "unix:path=/nonexistent/esprov-test-bus",
        &["discover", "--ble"],
    );
    let out = text(&output);
    assert_eq!(output.status.code(), Some(3), "{out}");
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert!(out.contains("D-Bus system bus"), "{out}");
}

#[test]
fn missing_or_powered_off_adapter_is_named() {
    let Some(bus) = private_bus() else { return };
    let none = FakeBluez::serve(
        &bus.address,
        AdapterSetup {
            present: false,
            powered: false,
        },
        vec![],
    )
    .expect("serve");
    let (output, took) = esprov(&bus.address, &["discover", "--ble"]);
    assert!(!output.status.success());
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert!(
        text(&output).contains("no Bluetooth adapter"),
        "{}",
        text(&output)
    );
    drop(none);
    let Some(bus) = private_bus() else { return };
    let _off = FakeBluez::serve(
        &bus.address,
        AdapterSetup {
            present: true,
            powered: false,
        },
        vec![],
    )
    .expect("serve");
    let (output, took) = esprov(&bus.address, &["discover", "--ble"]);
    assert!(!output.status.success());
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert!(text(&output).contains("powered off"), "{}", text(&output));
    assert!(
        text(&output).contains("bluetoothctl power on"),
        "{}",
        text(&output)
    );
}

/// `esprov` run from async code without blocking the device's timer task.
async fn esprov_async(bus: &str, args: &[&str]) -> (Output, Duration) {
    let (bus, args): (String, Vec<String>) = (
        bus.to_string(),
        args.iter().map(|a| a.to_string()).collect(),
    );
    let run = tokio::task::spawn_blocking(move || {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        esprov(&bus, &args)
    });
    tokio::time::timeout(Duration::from_secs(90), run)
        .await
        .expect("esprov finished")
        .expect("joined")
}

fn fake_device(name: &str, address: &str, sec: ble_support::Sec) -> FakeDevice {
    fake_device_with_aps(name, address, sec, &[])
}

fn fake_device_with_aps(
    name: &str,
    address: &str,
    sec: ble_support::Sec,
    aps: &[&str],
) -> FakeDevice {
    let device = ble_support::sim_device(name, sec, aps);
    let server = ble_support::gatt_server(
        &device,
        GattConfig::manager(name, EXAMPLE_SERVICE, &["custom-data"]),
    );
    FakeDevice {
        address: address.into(),
        rssi: -55,
        server,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provision_over_ble_through_btleplug_and_bluez() {
    let Some(bus) = private_bus() else { return };
    let device = fake_device(
        "PROV_C0FFEE",
        "24:0A:C4:C0:FF:EE",
        ble_support::Sec::Sec1("abcd1234"),
    );
    let bluez = FakeBluez::serve(&bus.address, POWERED, vec![device]).expect("serve org.bluez");
    let args = [
        "provision",
        "--ble",
        "PROV_C0FFEE",
        "--pop",
        "abcd1234",
        "--ssid",
        "HomeNetwork",
        "--passphrase",
        "secret-pass",
        "--timeout",
        "60",
    ];
    let (output, _) = esprov_async(&bus.address, &args).await;
    let out = text(&output);
    assert!(output.status.success(), "{out}");
    assert!(
        out.contains("192.168.1.77"),
        "reports the device's IP: {out}"
    );
    let world = bluez.world.lock().unwrap();
    assert_eq!(world.connects, 1, "one BLE connection");
    assert!(
        world.devices[0].link.is_none(),
        "esprov disconnected at the end"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provision_thread_over_ble_through_btleplug_and_bluez() {
    let Some(bus) = private_bus() else { return };
    let name = "PROV_7E4D01";
    let device =
        ble_support::sim_thread_device(name, ble_support::Sec::Sec2("wifiprov", "abcd1234"));
    let server = ble_support::gatt_server(
        &device,
        GattConfig::manager(name, EXAMPLE_SERVICE, &["custom-data"]),
    );
    let device = FakeDevice {
        address: "24:0A:C4:7E:4D:01".into(),
        rssi: -50,
        server,
    };
    let bluez = FakeBluez::serve(&bus.address, POWERED, vec![device]).expect("serve org.bluez");
    // The sim's default network OpenThread-1234 (PAN ID 0x1234, channel 15) with its key.
    let dataset = "000300000f0208dead00beef001234051000112233445566778899aabbccddeeff01021234";
    let creds = ["--username", "wifiprov", "--password", "abcd1234"];
    let mut args = vec!["provision", "--ble", name, "--dataset-tlvs", dataset];
    args.extend_from_slice(&creds);
    args.extend_from_slice(&["--timeout", "60", "--json"]);
    let (output, _) = esprov_async(&bus.address, &args).await;
    let out = text(&output);
    assert!(output.status.success(), "{out}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let last: serde_json::Value = stdout
        .lines()
        .last()
        .and_then(|line| serde_json::from_str(line).ok())
        .unwrap_or_default();
    assert_eq!(last["network"], "thread", "{out}");
    assert_eq!(last["attached"]["name"], "OpenThread-1234", "{out}");
    assert_eq!(last["attached"]["pan_id"], 0x1234, "{out}");
    assert!(
        !out.contains("00112233445566778899aabbccddeeff"),
        "the network key never shows"
    );
    // The Thread state reads back over a second BLE connection.
    let mut args = vec!["status", "--ble", name, "--json"];
    args.extend_from_slice(&creds);
    let (output, _) = esprov_async(&bus.address, &args).await;
    let status: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    assert_eq!(status["state"], "attached", "{}", text(&output));
    assert_eq!(bluez.world.lock().unwrap().connects, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn esp_prov_compat_over_ble_with_security_2() {
    let Some(bus) = private_bus() else { return };
    let device = fake_device(
        "PROV_5EC002",
        "24:0A:C4:5E:C0:02",
        ble_support::Sec::Sec2("wifiprov", "abcd1234"),
    );
    let _bluez = FakeBluez::serve(&bus.address, POWERED, vec![device]).expect("serve org.bluez");
    let args = [
        "esp-prov",
        "--transport",
        "ble",
        "--service_name",
        "PROV_5EC002",
        "--sec_ver",
        "2",
        "--sec2_username",
        "wifiprov",
        "--sec2_pwd",
        "abcd1234",
        "--ssid",
        "HomeNetwork",
        "--passphrase",
        "pw12345678",
    ];
    let (output, _) = esprov_async(&bus.address, &args).await;
    let out = text(&output);
    assert!(output.status.success(), "{out}");
    assert!(out.contains("Provisioning was successful"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_ble_name_lists_what_was_seen() {
    let Some(bus) = private_bus() else { return };
    let device = fake_device("PROV_000001", "24:0A:C4:00:00:01", ble_support::Sec::Sec0);
    let _bluez = FakeBluez::serve(&bus.address, POWERED, vec![device]).expect("serve org.bluez");
    let args = ["info", "--ble", "PROV_NOPE00", "--timeout", "2"];
    let (output, took) = esprov_async(&bus.address, &args).await;
    let out = text(&output);
    assert_eq!(output.status.code(), Some(3), "{out}");
    assert!(out.contains("PROV_000001"), "lists the devices seen: {out}");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn value_too_long_for_the_device_names_its_limit() {
    let Some(bus) = private_bus() else { return };
    let device = fake_device("PROV_B16B16", "24:0A:C4:B1:6B:16", ble_support::Sec::Sec0);
    let _bluez = FakeBluez::serve(&bus.address, POWERED, vec![device]).expect("serve org.bluez");
    let payload = "ab".repeat(500);
    let args = [
        "send",
        "custom-data",
        "--hex",
        payload.as_str(),
        "--ble",
        "PROV_B16B16",
        "--sec",
        "0",
    ];
    let (output, _) = esprov_async(&bus.address, &args).await;
    let out = text(&output);
    assert_eq!(output.status.code(), Some(9), "{out}");
    assert!(
        out.contains("500 bytes") && out.contains("481"),
        "names the limit: {out}"
    );
    // The same failure for scripts: its reason word and a non-empty help.
    let json_args = [&args[..], &["--json"]].concat();
    let (output, _) = esprov_async(&bus.address, &json_args).await;
    let line: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|_| panic!("{}", text(&output)));
    assert_eq!(line["reason"], "request_too_large", "{line}");
    assert!(
        line["help"].as_str().is_some_and(|h| h.contains("481")),
        "{line}"
    );
}

#[test]
fn silent_bus_cannot_hold_esprov() {
    let path = std::env::temp_dir().join(format!("esprov-silent-bus-{}", std::process::id()));
    let _ = std::fs::remove_file(&path);
    // Accepts connections (through the backlog) and never speaks: libdbus would wait forever.
    let _listener = std::os::unix::net::UnixListener::bind(&path).expect("bind a unix socket");
    let (output, took) = esprov(
        &format!("unix:path={}", path.display()),
        &["discover", "--ble"],
    );
    let _ = std::fs::remove_file(&path);
    let out = text(&output);
    assert_eq!(output.status.code(), Some(3), "{out}");
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert!(out.contains("did not answer"), "{out}");
}

#[test]
fn discover_without_flags_searches_ble_too() {
    let Some(bus) = private_bus() else { return };
    let (server, _) = ble_support::server(GattConfig::manager("PROV_B07H00", EXAMPLE_SERVICE, &[]));
    let devices = vec![FakeDevice {
        address: "24:0A:C4:B0:7H:00".replace('H', "A"),
        rssi: -60,
        server: take(server),
    }];
    let _bluez = FakeBluez::serve(&bus.address, POWERED, devices).expect("serve org.bluez");
    let (output, _) = esprov(&bus.address, &["discover", "--timeout", "1", "--json"]);
    let out = text(&output);
    assert!(output.status.success(), "{out}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("one JSON object");
    let names: Vec<&str> = json["devices"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["name"].as_str())
        .collect();
    assert!(names.contains(&"PROV_B07H00"), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scan_command_pages_results_to_fit_the_characteristic() {
    let Some(bus) = private_bus() else { return };
    let aps: Vec<String> = (1..=12)
        .map(|i| format!("Apartment-Network-{i:02}:pa55word"))
        .collect();
    let aps: Vec<&str> = aps.iter().map(String::as_str).collect();
    let device = fake_device_with_aps(
        "PROV_5CA900",
        "24:0A:C4:5C:A9:00",
        ble_support::Sec::Sec0,
        &aps,
    );
    let _bluez = FakeBluez::serve(&bus.address, POWERED, vec![device]).expect("serve org.bluez");
    let args = ["scan", "--ble", "PROV_5CA900", "--sec", "0", "--json"];
    let (output, _) = esprov_async(&bus.address, &args).await;
    let out = text(&output);
    // 16 entries in one read would not fit the 481-byte value; pages of 4 do.
    assert!(output.status.success(), "{out}");
    assert!(
        out.contains("Apartment-Network-12") && out.contains("HomeNetwork"),
        "{out}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn qr_payload_for_ble_reaches_the_device_over_ble() {
    let Some(bus) = private_bus() else { return };
    let device = fake_device(
        "PROV_0A0A0A",
        "24:0A:C4:0A:0A:0A",
        ble_support::Sec::Sec1("qr-pop"),
    );
    let bluez = FakeBluez::serve(&bus.address, POWERED, vec![device]).expect("serve org.bluez");
    let qr = r#"{"ver":"v1","name":"PROV_0A0A0A","pop":"qr-pop","transport":"ble"}"#;
    let (output, _) = esprov_async(&bus.address, &["info", "--qr", qr, "--json"]).await;
    let out = text(&output);
    assert!(output.status.success(), "{out}");
    assert!(
        out.contains("\"sec_ver\":1") || out.contains("\"sec_ver\": 1"),
        "{out}"
    );
    assert_eq!(bluez.world.lock().unwrap().connects, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nimble_att_error_through_bluez_is_a_rejection_without_a_stale_read() {
    let Some(bus) = private_bus() else { return };
    let sim = ble_support::sim_device("PROV_41B1E0", ble_support::Sec::Sec0, &[]);
    let mut config = GattConfig::manager("PROV_41B1E0", EXAMPLE_SERVICE, &["custom-data"]);
    config.stack = esprov_sim::gatt::BleStack::NimBle;
    let server = ble_support::gatt_server(&sim, config);
    let device = FakeDevice {
        address: "24:0A:C4:41:B1:E0".into(),
        rssi: -50,
        server,
    };
    let bluez = FakeBluez::serve(&bus.address, POWERED, vec![device]).expect("serve org.bluez");
    // Not a prov-config message: the device's handler fails, NimBLE answers ATT error 0x04.
    let args = [
        "send",
        "prov-config",
        "--hex",
        "ffffffff",
        "--ble",
        "PROV_41B1E0",
        "--sec",
        "0",
    ];
    let (output, _) = esprov_async(&bus.address, &args).await;
    let out = text(&output);
    assert_eq!(output.status.code(), Some(5), "{out}");
    assert!(out.contains("0x04") && out.contains("not read"), "{out}");
    assert_eq!(
        bluez.world.lock().unwrap().connects,
        1,
        "the link stayed up: no reconnect"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bluedroid_link_teardown_through_bluez_needs_a_new_session() {
    let Some(bus) = private_bus() else { return };
    let device = fake_device("PROV_B1DD00", "24:0A:C4:B1:DD:00", ble_support::Sec::Sec0);
    let bluez = FakeBluez::serve(&bus.address, POWERED, vec![device]).expect("serve org.bluez");
    let args = [
        "send",
        "prov-config",
        "--hex",
        "ffffffff",
        "--ble",
        "PROV_B1DD00",
        "--sec",
        "0",
    ];
    let (output, _) = esprov_async(&bus.address, &args).await;
    let out = text(&output);
    assert!(!output.status.success(), "{out}");
    assert!(
        out.contains("closed the BLE link") && out.contains("new session"),
        "{out}"
    );
    let world = bluez.world.lock().unwrap();
    assert!(
        !world.devices[0]
            .link
            .as_ref()
            .is_some_and(|l| l.is_connected()),
        "the device dropped the link"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_rows_can_name_ble_devices() {
    let Some(bus) = private_bus() else { return };
    let devices = vec![
        fake_device(
            "PROV_BA7C01",
            "24:0A:C4:BA:7C:01",
            ble_support::Sec::Sec1("abcd1234"),
        ),
        fake_device(
            "PROV_BA7C02",
            "24:0A:C4:BA:7C:02",
            ble_support::Sec::Sec1("abcd1234"),
        ),
    ];
    let bluez = FakeBluez::serve(&bus.address, POWERED, devices).expect("serve org.bluez");
    let dir = std::env::temp_dir().join(format!("esprov-ble-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let manifest = dir.join("line.csv");
    let report = dir.join("report.jsonl");
    std::fs::write(
        &manifest,
        "device,ssid,passphrase,pop,label\n\
         ble:PROV_BA7C01,HomeNetwork,secret-pass,abcd1234,one\n\
         ble:PROV_BA7C02,HomeNetwork,secret-pass,abcd1234,two\n",
    )
    .expect("manifest");
    let args = [
        "batch",
        manifest.to_str().unwrap_or_default(),
        "--report",
        report.to_str().unwrap_or_default(),
        "--timeout",
        "60",
    ];
    let (output, _) = esprov_async(&bus.address, &args).await;
    let records = std::fs::read_to_string(&report).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(output.status.success(), "{}\n{records}", text(&output));
    let finals: Vec<serde_json::Value> = records
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|record| record["final"] == true)
        .collect();
    assert_eq!(finals.len(), 2, "{records}");
    assert!(finals.iter().all(|r| r["result"] == "ok"), "{records}");
    let world = bluez.world.lock().unwrap();
    assert_eq!(
        world.connects, 2,
        "one BLE connection per device (one adapter, one at a time)"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_runs_its_session_and_wifi_checks_over_ble() {
    let Some(bus) = private_bus() else { return };
    let device = fake_device_with_aps(
        "PROV_C4EC00",
        "24:0A:C4:C4:EC:00",
        ble_support::Sec::Sec1("abcd1234"),
        &["HomeNetwork:secret-pass"],
    );
    let _bluez = FakeBluez::serve(&bus.address, POWERED, vec![device]).expect("serve org.bluez");
    let args = [
        "check",
        "--ble",
        "PROV_C4EC00",
        "--pop",
        "abcd1234",
        "--ssid",
        "HomeNetwork",
        "--passphrase",
        "secret-pass",
        "--json",
    ];
    let (output, _) = esprov_async(&bus.address, &args).await;
    let report: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|_| panic!("{}", text(&output)));
    let results: std::collections::BTreeMap<String, String> = report["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["result"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for id in [
        "version.proto-ver",
        "session.handshake",
        "session.wrong-pop-refused",
        "session.serves-after-refusal",
        "wifi.connects",
    ] {
        assert_eq!(
            results.get(id).map(String::as_str),
            Some("pass"),
            "{id}: {results:?}\n{}",
            text(&output)
        );
    }
    assert!(
        !results.values().any(|r| r == "fail"),
        "no check fails over BLE: {results:?}\n{}",
        text(&output)
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
}
