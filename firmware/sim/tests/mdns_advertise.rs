//! mDNS: the advertisement resolves with mdns-sd's browser. Runs only inside a private network
//! namespace (re-executing this test under `unshare -rn`), so no multicast reaches real interfaces.

use std::net::{IpAddr, Ipv4Addr};
use std::process::Command;
use std::time::{Duration, Instant};

use esprov_sim::mdns::{advertise, MdnsConfig, MdnsInterface, SERVICE_TYPE};
use mdns_sd::{IfKind, ServiceDaemon, ServiceEvent};

const INSIDE: &str = "ESPROV_SIM_MDNS_NETNS";
const TEST: &str = "advertisement_resolves_in_a_private_namespace";
const SETUP: &str = "ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo && exec \"$0\" \"$1\" --exact --nocapture --test-threads 1";

#[test]
fn advertisement_resolves_in_a_private_namespace() {
    if std::env::var_os(INSIDE).is_some() {
        return resolve_inside_namespace();
    }
    let probe = Command::new("unshare")
        .args(["-rn", "sh", "-c", "ip link set lo up"])
        .output();
    if !matches!(&probe, Ok(out) if out.status.success()) {
        println!("SKIP: cannot create a private network namespace (unshare -rn) for the mDNS test");
        return;
    }
    let exe = std::env::current_exe().expect("test binary path");
    let out = Command::new("unshare")
        .args(["-rn", "sh", "-c", SETUP])
        .arg(exe)
        .arg(TEST)
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
        "mDNS test inside the namespace failed:\n{text}"
    );
    assert!(
        text.contains("1 passed"),
        "the inner test did not run:\n{text}"
    );
}

/// Refuses to run unless loopback is the only interface, then advertises and browses.
fn resolve_inside_namespace() {
    // /proc/self/net/dev lists this process's namespace (sysfs may show the host's).
    let dev = std::fs::read_to_string("/proc/self/net/dev").expect("list interfaces");
    let interfaces: Vec<&str> = dev
        .lines()
        .skip(2)
        .filter_map(|l| l.split(':').next())
        .map(str::trim)
        .collect();
    assert_eq!(
        interfaces,
        ["lo"],
        "not in a private namespace; refusing to send multicast"
    );

    let config = MdnsConfig {
        service_name: "PROV_1A2B3C".into(),
        port: 8080,
        address: Some(IpAddr::V4(Ipv4Addr::LOCALHOST)),
        sec_ver: 2,
        interface: MdnsInterface::Loopback,
    };
    let advert = advertise(&config).expect("advertise");
    assert_eq!(advert.fullname(), "PROV_1A2B3C._esp_wifi_prov._tcp.local.");

    let browser = ServiceDaemon::new().expect("browser daemon");
    browser.disable_interface(IfKind::All).unwrap();
    browser.enable_interface(IfKind::LoopbackV4).unwrap();
    let events = browser.browse(SERVICE_TYPE).expect("browse");
    let deadline = Instant::now() + Duration::from_secs(15);
    let resolved = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(ServiceEvent::ServiceResolved(service)) => break service,
            Ok(_) => continue,
            Err(err) => panic!("no resolution within 15 s: {err}"),
        }
    };
    assert_eq!(resolved.fullname, advert.fullname());
    assert_eq!(resolved.port, 8080);
    assert!(resolved
        .addresses
        .iter()
        .any(|a| a.to_ip_addr() == IpAddr::V4(Ipv4Addr::LOCALHOST)));
    let txt = |k: &str| {
        resolved
            .txt_properties
            .get_property_val_str(k)
            .map(str::to_string)
    };
    assert_eq!(txt("version_endpoint").as_deref(), Some("/proto-ver"));
    assert_eq!(txt("session_endpoint").as_deref(), Some("/prov-session"));
    assert_eq!(txt("config_endpoint").as_deref(), Some("/prov-config"));
    assert_eq!(txt("sec_ver").as_deref(), Some("2"));
    assert_eq!(txt("transport").as_deref(), Some("softap"));
    let _ = browser.shutdown();
}
