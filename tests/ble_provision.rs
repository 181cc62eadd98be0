//! Whole provisioning runs over the real BLE transport and the virtual device's GATT model.

mod ble_support;

use std::sync::{Arc, Mutex};

use ble_support::{gatt_server, sim_device, Sec};
use esprov::provision::{self, ProvisionRequest, ScanOptions, WifiConfig};
use esprov::session::{Credentials, Secret, SecurityChoice, Session};
use esprov::transport::ble::{BleOptions, BleTransport, SimPeripheral};
use esprov::transport::Transport;
use esprov_proto::uuid::EXAMPLE_SERVICE;
use esprov_sim::gatt::GattConfig;

async fn transport(name: &str, sec: Sec, extra_aps: &[&str], mtu: u16) -> BleTransport {
    let device = sim_device(name, sec, extra_aps);
    let server = gatt_server(
        &device,
        GattConfig::manager(name, EXAMPLE_SERVICE, &["custom-data"]),
    );
    let client = SimPeripheral::new(Arc::new(Mutex::new(server)), mtu);
    BleTransport::open(Box::new(client), BleOptions::default(), &[])
        .await
        .expect("BLE connect")
}

async fn provision_with(sec: Sec, credentials: Credentials, mtu: u16) {
    let explicit_sec0 = matches!(sec, Sec::Sec0);
    let transport = transport("PROV_PROV01", sec, &[], mtu).await;
    let mut request = ProvisionRequest::new(
        WifiConfig::new("HomeNetwork", "any-passphrase"),
        credentials,
    );
    if explicit_sec0 {
        // Wi-Fi secrets travel over security 0 only when it was chosen explicitly.
        request.security = esprov::SecurityChoice::Sec0;
    }
    let mut events = Vec::new();
    let outcome = provision::provision(transport, &request, &mut |event| {
        events.push(format!("{event:?}"))
    })
    .await
    .expect("provisioned over BLE");
    assert_eq!(outcome.joined.ip4(), Some("192.168.1.77"));
    assert!(
        events.iter().any(|e| e.starts_with("Session")),
        "{events:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provisions_with_security_0() {
    provision_with(Sec::Sec0, Credentials::default(), 23).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provisions_with_security_1() {
    let credentials = Credentials {
        pop: Some(Secret::from("abcd1234")),
        ..Credentials::default()
    };
    provision_with(Sec::Sec1("abcd1234"), credentials, 185).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provisions_with_security_2_at_the_default_mtu() {
    let credentials = Credentials {
        username: Some("wifiprov".into()),
        password: Some(Secret::from("abcd1234")),
        ..Credentials::default()
    };
    provision_with(Sec::Sec2("wifiprov", "abcd1234"), credentials, 23).await;
}

const MANY_APS: [&str; 12] = [
    "Apartment-Network-01:pa55word",
    "Apartment-Network-02:pa55word",
    "Apartment-Network-03:pa55word",
    "Apartment-Network-04:pa55word",
    "Apartment-Network-05:pa55word",
    "Apartment-Network-06:pa55word",
    "Apartment-Network-07:pa55word",
    "Apartment-Network-08:pa55word",
    "Apartment-Network-09:pa55word",
    "Apartment-Network-10:pa55word",
    "Apartment-Network-11:pa55word",
    "Apartment-Network-12:pa55word",
];

async fn scan_with_pages(page_size: u32) -> Result<Vec<provision::ScanEntry>, esprov::Error> {
    let transport = transport("PROV_SCAN01", Sec::Sec0, &MANY_APS, 23).await;
    let mut session = Session::connect(transport, SecurityChoice::Auto, &Credentials::default())
        .await
        .unwrap();
    let options = ScanOptions {
        page_size,
        ..ScanOptions::for_ble()
    };
    provision::scan(&mut session, &options).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scan_reads_pages_of_four_within_the_value_limit() {
    assert_eq!(ScanOptions::for_ble().page_size, 4);
    let entries = scan_with_pages(4)
        .await
        .expect("scan over BLE in pages of 4");
    assert_eq!(
        entries.len(),
        16,
        "the device keeps its 16 strongest: {entries:?}"
    );
    assert!(entries.iter().any(|e| e.ssid == "HomeNetwork"));
    // One page of 16 entries does not fit the 481-byte value: the device cannot store the answer.
    assert!(scan_with_pages(16).await.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custom_endpoint_by_its_user_description() {
    let transport = transport("PROV_CUST01", Sec::Sec0, &[], 23).await;
    let mut session = Session::connect(transport, SecurityChoice::Auto, &Credentials::default())
        .await
        .unwrap();
    assert_eq!(session.transport_mut().max_request_len(), Some(512));
    let reply = provision::send_custom(&mut session, "custom-data", b"hello")
        .await
        .unwrap();
    assert_eq!(reply, esprov_sim::device::CUSTOM_DATA_REPLY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_pop_is_a_security_error_even_though_bluedroid_drops_the_link() {
    let transport = transport("PROV_BADPOP", Sec::Sec1("abcd1234"), &[], 23).await;
    let credentials = Credentials {
        pop: Some(Secret::from("wrong-pop")),
        ..Credentials::default()
    };
    let Err(error) = Session::connect(transport, SecurityChoice::Auto, &credentials).await else {
        panic!("a wrong PoP must fail the handshake");
    };
    assert!(matches!(error, esprov::Error::Security(_)), "{error:?}");
}
