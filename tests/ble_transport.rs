//! The real BLE transport logic against esprov-sim's GATT model (no radio, no btleplug).

mod ble_support;

use std::sync::atomic::Ordering;

use ble_support::{server, Counting};
use esprov::transport::ble::{BleOptions, BleTransport, MapSource, SimPeripheral};
use esprov::transport::Transport;
use esprov::Error;
use esprov_proto::uuid::{EXAMPLE_SERVICE, LEGACY_DEFAULT_SERVICE};
use esprov_sim::gatt::{BleStack, DescriptorMode, GattConfig};
use uuid::Uuid;

fn uuid(u: esprov_proto::uuid::Uuid128) -> Uuid {
    Uuid::from_bytes(u.0)
}

async fn open(
    config: GattConfig,
    mtu: u16,
) -> (
    BleTransport,
    std::sync::Arc<std::sync::Mutex<ble_support::Seen>>,
) {
    let (server, seen) = server(config);
    let client = SimPeripheral::new(server, mtu);
    let transport = BleTransport::open(
        Box::new(client),
        BleOptions::default(),
        &[uuid(EXAMPLE_SERVICE)],
    )
    .await
    .expect("connect to the virtual device");
    (transport, seen)
}

#[tokio::test]
async fn maps_endpoints_from_user_descriptions_and_round_trips() {
    let config = GattConfig::manager("PROV_123456", EXAMPLE_SERVICE, &["custom-data"]);
    let (mut transport, seen) = open(config, 23).await;
    assert_eq!(transport.endpoints().source, MapSource::Descriptors);
    let custom = transport
        .endpoints()
        .get("custom-data")
        .expect("custom endpoint mapped");
    assert_eq!(custom.to_string(), "021aff54-0382-4aea-bff4-6b3f1c5adfb4");
    assert_eq!(
        transport.request("proto-ver", b"hi").await.unwrap(),
        b"ok:hi"
    );
    assert_eq!(
        transport.request("custom-data", b"x").await.unwrap(),
        b"ok:x"
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen.opened, vec![0]);
    assert_eq!(seen.requests[0].0, "proto-ver");
    assert_eq!(seen.requests[1].0, "custom-data");
}

#[tokio::test]
async fn long_values_cross_a_23_byte_mtu() {
    let config = GattConfig::manager("PROV_LONG01", EXAMPLE_SERVICE, &[]);
    let (mut transport, seen) = open(config, 23).await;
    let request = vec![0x5a; 406]; // sec2 Cmd0 size: prepared writes on the way in
    let response = transport.request("prov-session", &request).await.unwrap();
    assert_eq!(response.len(), 409); // read blobs on the way out
    assert_eq!(seen.lock().unwrap().requests[0].2, request);
    let big = transport.request("prov-scan", b"big 300").await.unwrap();
    assert_eq!(big, (0..300).map(|i| i as u8).collect::<Vec<_>>());
}

#[tokio::test]
async fn oversized_request_names_the_value_limit() {
    let mut config = GattConfig::manager("PROV_SMALL1", EXAMPLE_SERVICE, &[]);
    config.stack = BleStack::Bluedroid { sec2: false };
    let (mut transport, seen) = open(config, 185).await;
    let error = transport
        .request("prov-session", &[1; 300])
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::RequestTooLarge {
                limit: 257,
                len: 300,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("257"), "{error}");
    let error = transport
        .request("prov-config", &[1; 600])
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::RequestTooLarge { limit: 512, .. }),
        "{error:?}"
    );
    assert!(
        seen.lock().unwrap().requests.is_empty(),
        "nothing reached the handler"
    );
    // The link survives an ATT error: a fitting request still works.
    assert_eq!(transport.request("proto-ver", b"v").await.unwrap(), b"ok:v");
}

#[tokio::test]
async fn falls_back_to_derived_ids_when_descriptors_are_unreadable() {
    for mode in [DescriptorMode::Unreadable, DescriptorMode::Absent] {
        let mut config = GattConfig::manager("PROV_NODESC", EXAMPLE_SERVICE, &["custom-data"]);
        config.descriptors = mode;
        let (mut transport, _) = open(config, 23).await;
        assert_eq!(
            transport.endpoints().source,
            MapSource::DerivedIds,
            "{mode:?}"
        );
        assert_eq!(
            transport.request("prov-config", b"c").await.unwrap(),
            b"ok:c"
        );
        assert_eq!(transport.request("0xff54", b"d").await.unwrap(), b"ok:d");
        let error = transport.request("custom-data", b"d").await.unwrap_err();
        assert!(error.to_string().contains("0xff54"), "{error}");
    }
}

#[tokio::test]
async fn legacy_ids_on_the_pre_4_2_default_service() {
    let mut config = GattConfig::legacy("PROV_LEGACY", LEGACY_DEFAULT_SERVICE);
    config.descriptors = DescriptorMode::Absent;
    let (server, seen) = server(config);
    // Nothing advertised: the v3.3–v4.1 default service is one the transport knows.
    let client = SimPeripheral::new(server, 23);
    let mut transport = BleTransport::open(Box::new(client), BleOptions::default(), &[])
        .await
        .unwrap();
    assert_eq!(
        transport.endpoints().service.to_string(),
        "0000ffff-0000-1000-8000-00805f9b34fb"
    );
    assert_eq!(
        transport
            .endpoints()
            .get("prov-session")
            .unwrap()
            .to_string(),
        "00000001-0000-1000-8000-00805f9b34fb"
    );
    assert_eq!(transport.request("proto-ver", b"p").await.unwrap(), b"ok:p");
    assert_eq!(seen.lock().unwrap().requests[0].0, "proto-ver");
}

#[tokio::test]
async fn dropped_link_is_transport_lost_and_stays_lost() {
    let (server, seen) = server(GattConfig::manager("PROV_DROP01", EXAMPLE_SERVICE, &[]));
    let client = SimPeripheral::new(server, 23);
    let switch = client.link_switch();
    let mut transport = BleTransport::open(Box::new(client), BleOptions::default(), &[])
        .await
        .unwrap();
    assert_eq!(transport.request("proto-ver", b"1").await.unwrap(), b"ok:1");
    switch.drop_link();
    let error = transport.request("prov-config", b"2").await.unwrap_err();
    assert!(matches!(error, Error::TransportLost { .. }), "{error:?}");
    assert!(error.to_string().contains("new session"), "{error}");
    assert_eq!(
        seen.lock().unwrap().closed,
        vec![0],
        "device closed the protocomm session"
    );
    let again = transport.request("proto-ver", b"3").await.unwrap_err();
    assert!(matches!(again, Error::TransportLost { .. }));
    assert_eq!(seen.lock().unwrap().requests.len(), 1);
}

#[tokio::test]
async fn bluedroid_handler_failure_tears_the_link_down() {
    let (mut transport, seen) =
        open(GattConfig::manager("PROV_BLUEDR", EXAMPLE_SERVICE, &[]), 23).await;
    let error = transport
        .request("prov-config", b"fail now")
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Rejected { .. }), "{error:?}");
    assert!(error.to_string().contains("new session"), "{error}");
    assert_eq!(seen.lock().unwrap().closed, vec![0]);
    let after = transport.request("proto-ver", b"v").await.unwrap_err();
    assert!(matches!(after, Error::TransportLost { .. }), "{after:?}");
    assert_eq!(
        seen.lock().unwrap().requests.len(),
        1,
        "nothing sent on a dead link"
    );
}

#[tokio::test]
async fn nimble_failed_write_is_rejected_without_reading_the_stale_value() {
    let mut config = GattConfig::manager("PROV_NIMBLE", EXAMPLE_SERVICE, &[]);
    config.stack = BleStack::NimBle;
    let (server, seen) = server(config);
    let client = Counting::new(SimPeripheral::new(server, 23));
    let reads = client.reads.clone();
    let mut transport = BleTransport::open(Box::new(client), BleOptions::default(), &[])
        .await
        .unwrap();
    assert_eq!(
        transport.request("prov-config", b"first").await.unwrap(),
        b"ok:first"
    );
    assert_eq!(reads.load(Ordering::SeqCst), 1);
    let error = transport.request("prov-config", b"fail").await.unwrap_err();
    assert!(matches!(error, Error::Rejected { .. }), "{error:?}");
    assert!(error.to_string().contains("0x04"), "{error}");
    assert_eq!(
        reads.load(Ordering::SeqCst),
        1,
        "no read after the failed write"
    );
    // NimBLE keeps the link: the session continues.
    assert_eq!(
        transport.request("prov-config", b"next").await.unwrap(),
        b"ok:next"
    );
    assert!(seen.lock().unwrap().closed.is_empty());
}

#[tokio::test]
async fn unknown_service_is_a_clear_error_after_retries() {
    let (server, _) = server(GattConfig::manager("PROV_OTHER1", EXAMPLE_SERVICE, &[]));
    let client = Counting::new(SimPeripheral::new(server, 23));
    let connects = client.connects.clone();
    let options = BleOptions {
        service_uuid: Some(Uuid::from_u128(0x1234)),
        retries: 2,
        ..BleOptions::default()
    };
    let Err(error) = BleTransport::open(Box::new(client), options, &[]).await else {
        panic!("an unknown service must fail");
    };
    assert!(matches!(error, Error::Unreachable { .. }), "{error:?}");
    assert!(error.to_string().contains("bluetoothctl remove"), "{error}");
    assert_eq!(
        connects.load(Ordering::SeqCst),
        3,
        "one try plus two retries"
    );
}

/// A stack whose cached GATT database predates a reflash: until refreshed, it lists an old
/// service without the provisioning characteristics.
struct StaleCache {
    inner: SimPeripheral,
    refreshes: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

#[async_trait::async_trait]
impl esprov::transport::ble::GattClient for StaleCache {
    async fn connect(&mut self) -> Result<(), esprov::transport::ble::GattFailure> {
        self.inner.connect().await
    }
    async fn discover(
        &mut self,
        refresh: bool,
    ) -> Result<Vec<esprov::transport::ble::GattService>, esprov::transport::ble::GattFailure> {
        if !refresh {
            return Ok(vec![esprov::transport::ble::GattService {
                uuid: uuid(EXAMPLE_SERVICE),
                characteristics: vec![],
            }]);
        }
        self.refreshes.fetch_add(1, Ordering::SeqCst);
        self.inner.discover(true).await
    }
    async fn read_descriptor(
        &mut self,
        s: Uuid,
        c: Uuid,
        d: Uuid,
    ) -> Result<Vec<u8>, esprov::transport::ble::GattFailure> {
        self.inner.read_descriptor(s, c, d).await
    }
    async fn write(
        &mut self,
        s: Uuid,
        c: Uuid,
        v: &[u8],
    ) -> Result<(), esprov::transport::ble::GattFailure> {
        self.inner.write(s, c, v).await
    }
    async fn read(
        &mut self,
        s: Uuid,
        c: Uuid,
    ) -> Result<Vec<u8>, esprov::transport::ble::GattFailure> {
        self.inner.read(s, c).await
    }
    async fn is_connected(&mut self) -> bool {
        self.inner.is_connected().await
    }
    async fn disconnect(&mut self) {
        self.inner.disconnect().await
    }
    fn mtu(&self) -> Option<u16> {
        self.inner.mtu()
    }
    fn peer(&self) -> String {
        self.inner.peer()
    }
}

#[tokio::test]
async fn stale_gatt_cache_is_refreshed_once() {
    let (server, _) = server(GattConfig::manager("PROV_STALE1", EXAMPLE_SERVICE, &[]));
    let refreshes = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let client = StaleCache {
        inner: SimPeripheral::new(server, 23),
        refreshes: refreshes.clone(),
    };
    let mut transport = BleTransport::open(Box::new(client), BleOptions::default(), &[])
        .await
        .expect("refreshed");
    assert_eq!(refreshes.load(Ordering::SeqCst), 1);
    assert_eq!(transport.request("proto-ver", b"v").await.unwrap(), b"ok:v");
}
