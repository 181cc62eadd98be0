//! mDNS discovery against a service announced on loopback by a second mdns-sd daemon.
//!
//! mdns-sd joins multicast groups on every interface it sees, so these tests re-run themselves
//! inside a private network namespace (`unshare -rn`) whose only interface is `lo`.

use std::time::Duration;

use mdns_sd::{IfKind, ServiceDaemon, ServiceInfo};

use super::mdns::{discover, resolve, SERVICE_TYPE};
use super::*;

fn announce(instance: &str, host: &str, port: u16) -> ServiceDaemon {
    let daemon = ServiceDaemon::new().unwrap();
    daemon.disable_interface(IfKind::All).unwrap();
    daemon.enable_interface(IfKind::LoopbackV4).unwrap();
    let txt = [
        ("version_endpoint", "/proto-ver"),
        ("session_endpoint", "/prov-session"),
    ];
    let info = ServiceInfo::new(SERVICE_TYPE, instance, host, "127.0.0.1", port, &txt[..]).unwrap();
    daemon.register(info).unwrap();
    daemon
}

fn loopback(timeout: Duration) -> DiscoverOptions {
    DiscoverOptions {
        timeout,
        interface: Some("lo".into()),
    }
}

const INSIDE: &str = "ESPROV_DISCOVER_NETNS";
const SETUP: &str = "ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo && exec \"$0\" \"$1\" --exact --nocapture --test-threads 1";

/// True inside the private namespace (run the test body); outside, re-runs `test` there and
/// checks it passed, or prints SKIP where namespaces cannot be made.
fn inside_private_namespace(test: &str) -> bool {
    if std::env::var_os(INSIDE).is_some() {
        assert_eq!(
            interfaces(),
            ["lo"],
            "not in a private namespace; refusing multicast"
        );
        return true;
    }
    let probe = std::process::Command::new("unshare")
        .args(["-rn", "sh", "-c", "ip link set lo up"])
        .output();
    if !matches!(&probe, Ok(out) if out.status.success()) {
        println!("SKIP: cannot create a private network namespace (unshare -rn) for {test}");
        return false;
    }
    let exe = std::env::current_exe().expect("test binary path");
    let out = std::process::Command::new("unshare")
        .args(["-rn", "sh", "-c", SETUP])
        .arg(exe)
        .arg(test)
        .env(INSIDE, "1")
        .output()
        .expect("run the test inside the namespace");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "{test} failed inside the namespace:\n{text}"
    );
    assert!(
        text.contains("1 passed"),
        "{test} did not run inside the namespace:\n{text}"
    );
    false
}

/// The interfaces of this process's network namespace.
fn interfaces() -> Vec<String> {
    let dev = std::fs::read_to_string("/proc/self/net/dev").unwrap_or_default();
    dev.lines()
        .skip(2)
        .filter_map(|line| line.split(':').next())
        .map(|name| name.trim().to_string())
        .collect()
}

/// Whether multicast reaches loopback in this namespace; tests print SKIP when it does not.
async fn multicast_works() -> bool {
    let probe = announce("esprov-probe", "esprov-probe.local.", 1);
    let works = resolve("esprov-probe", &loopback(Duration::from_secs(2)))
        .await
        .is_ok();
    let _ = probe.shutdown();
    if !works {
        eprintln!("SKIP: mDNS multicast does not reach loopback here");
    }
    works
}

#[tokio::test]
async fn discovers_and_resolves_an_announced_device() {
    if !inside_private_namespace("discover::tests::discovers_and_resolves_an_announced_device") {
        return;
    }
    if !multicast_works().await {
        return;
    }
    let daemon = announce("PROV_ABC123", "esprov-test.local.", 8080);
    let devices = discover(&loopback(Duration::from_secs(2))).await.unwrap();
    let device = devices
        .iter()
        .find(|d| d.name == "PROV_ABC123")
        .expect("announced device found");
    assert_eq!(device.transport, DiscoveryTransport::Mdns);
    assert_eq!(device.address.as_deref(), Some("127.0.0.1"));
    assert_eq!(device.port, Some(8080));
    assert_eq!(
        device.txt.get("version_endpoint").map(String::as_str),
        Some("/proto-ver")
    );
    assert_eq!(device.http_address().as_deref(), Some("127.0.0.1:8080"));
    let json = serde_json::to_value(device).unwrap();
    assert_eq!(json["transport"], "mdns");

    let addr = resolve("PROV_ABC123", &loopback(Duration::from_secs(3)))
        .await
        .unwrap();
    assert_eq!(addr.to_string(), "127.0.0.1:8080");
    for alias in [
        "PROV_ABC123._esp_wifi_prov._tcp.local.",
        "esprov-test.local",
        "esprov-test",
    ] {
        let addr = resolve(alias, &loopback(Duration::from_secs(3)))
            .await
            .unwrap();
        assert_eq!(addr.port, 8080, "{alias}");
    }
    let _ = daemon.shutdown();
}

#[tokio::test]
async fn resolving_an_unknown_name_is_bounded_and_unreachable() {
    if !inside_private_namespace(
        "discover::tests::resolving_an_unknown_name_is_bounded_and_unreachable",
    ) {
        return;
    }
    let started = std::time::Instant::now();
    let err = resolve("no-such-device", &loopback(Duration::from_millis(500)))
        .await
        .unwrap_err();
    assert!(matches!(err, crate::Error::Unreachable { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn ble_devices_share_the_model() {
    let device = DiscoveredDevice {
        name: "PROV_EA69FC".into(),
        transport: DiscoveryTransport::Ble,
        address: Some("AA:BB:CC:DD:EE:FF".into()),
        port: None,
        host: None,
        txt: Default::default(),
        rssi: Some(-51),
        service_uuids: vec!["021a9004-0382-4aea-bff4-6b3f1c5adfb4".into()],
        manufacturer_data: [(0x02e5, vec![1, 2])].into_iter().collect(),
    };
    assert_eq!(device.http_address(), None);
    let json = serde_json::to_value(&device).unwrap();
    assert_eq!(json["transport"], "ble");
    assert_eq!(json["manufacturer_data"]["741"], "0102");
}
