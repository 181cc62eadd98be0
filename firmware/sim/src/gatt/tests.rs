//! The GATT model's ESP-IDF behaviours, one by one.

use std::sync::{Arc, Mutex};

use esprov_proto::uuid::EXAMPLE_SERVICE;

use super::*;
use crate::protocomm::{HandlerError, Protocomm};

#[derive(Default)]
struct Log {
    opened: Vec<u32>,
    closed: Vec<u32>,
    handled: usize,
}

/// Answers `fail` with an error, `big N` with N bytes, anything else with itself.
struct Echo(Arc<Mutex<Log>>);

impl Protocomm for Echo {
    fn open_session(&mut self, id: u32) {
        self.0.lock().unwrap().opened.push(id);
    }
    fn close_session(&mut self, id: u32) {
        self.0.lock().unwrap().closed.push(id);
    }
    fn has_endpoint(&self, _: &str) -> bool {
        true
    }
    fn handle(&mut self, _: &str, _: u32, request: &[u8]) -> Result<Vec<u8>, HandlerError> {
        self.0.lock().unwrap().handled += 1;
        match request {
            b"fail" => Err(HandlerError("refused".into())),
            [b'b', b'i', b'g', b' ', n @ ..] => {
                Ok(vec![7; std::str::from_utf8(n).unwrap().parse().unwrap()])
            }
            _ => Ok(request.to_vec()),
        }
    }
}

fn server(stack: BleStack) -> (GattServer, Arc<Mutex<Log>>) {
    let log = Arc::new(Mutex::new(Log::default()));
    let mut config = GattConfig::manager("PROV_ABCDEF", EXAMPLE_SERVICE, &["custom-data"]);
    config.stack = stack;
    (
        GattServer::new(Arc::new(Mutex::new(Echo(log.clone()))), config),
        log,
    )
}

fn handle_of(server: &GattServer, name: &str) -> u16 {
    server
        .table()
        .characteristics
        .iter()
        .find(|c| c.name == name)
        .unwrap()
        .value_handle
}

#[test]
fn table_follows_the_manager_order_with_derived_uuids() {
    let (server, _) = server(BleStack::NimBle);
    let names: Vec<&str> = server
        .table()
        .characteristics
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "prov-ctrl",
            "prov-scan",
            "prov-session",
            "prov-config",
            "proto-ver",
            "custom-data"
        ]
    );
    let session = &server.table().characteristics[2];
    assert_eq!(
        session.uuid.to_string(),
        "021aff51-0382-4aea-bff4-6b3f1c5adfb4"
    );
    assert_eq!(server.table().characteristics[5].id, 0xFF54);
    assert!(session.description_handle.is_some());
}

#[test]
fn reads_return_mtu_minus_one_and_blobs_continue() {
    let (mut server, _) = server(BleStack::Bluedroid { sec2: true });
    let mut link = server.connect(23);
    let handle = handle_of(&server, "prov-session");
    assert_eq!(
        link.read(handle, 0).unwrap(),
        Vec::<u8>::new(),
        "empty before any write"
    );
    link.write(handle, b"big 50").unwrap();
    assert_eq!(link.read(handle, 0).unwrap().len(), 22);
    assert_eq!(link.read(handle, 44).unwrap().len(), 6);
    assert_eq!(
        link.read(handle, 51),
        Err(GattError::Att(att::INVALID_OFFSET))
    );
    assert_eq!(link.read_long(handle).unwrap(), vec![7; 50]);
}

#[test]
fn write_request_is_bounded_by_the_mtu_and_prepared_writes_by_the_value_limit() {
    let (mut server, log) = server(BleStack::Bluedroid { sec2: false });
    let mut link = server.connect(23);
    let handle = handle_of(&server, "prov-config");
    assert_eq!(
        link.write(handle, &[1; 21]),
        Err(GattError::Att(att::INVALID_ATTRIBUTE_VALUE_LENGTH))
    );
    assert_eq!(
        link.write_long(handle, &[1; 258]),
        Err(GattError::Att(att::INVALID_ATTRIBUTE_VALUE_LENGTH))
    );
    assert_eq!(
        link.prepare_write(handle, 300, &[1]),
        Err(GattError::Att(att::INVALID_OFFSET))
    );
    assert_eq!(log.lock().unwrap().handled, 0);
    link.write_long(handle, &[1; 257]).unwrap();
    assert_eq!(link.read_long(handle).unwrap(), vec![1; 257]);
}

#[test]
fn bluedroid_tears_the_link_down_when_the_handler_fails() {
    let (mut server, log) = server(BleStack::Bluedroid { sec2: true });
    let mut link = server.connect(100);
    let handle = handle_of(&server, "prov-session");
    assert_eq!(link.write(handle, b"fail"), Err(GattError::Disconnected));
    assert!(!link.is_connected());
    assert_eq!(link.read(handle, 0), Err(GattError::Disconnected));
    assert_eq!(log.lock().unwrap().closed, vec![0]);
}

#[test]
fn bluedroid_keeps_the_stale_value_when_the_answer_does_not_fit() {
    let (mut server, _) = server(BleStack::Bluedroid { sec2: true });
    let mut link = server.connect(100);
    let handle = handle_of(&server, "prov-scan");
    link.write(handle, b"first").unwrap();
    link.write(handle, b"big 482").unwrap();
    assert_eq!(link.read_long(handle).unwrap(), b"first");
}

#[test]
fn nimble_answers_0x04_keeps_the_link_and_the_previous_value() {
    let (mut server, log) = server(BleStack::NimBle);
    let mut link = server.connect(100);
    let handle = handle_of(&server, "prov-config");
    link.write(handle, b"ok").unwrap();
    assert_eq!(
        link.write(handle, b"fail"),
        Err(GattError::Att(att::INVALID_PDU))
    );
    assert!(link.is_connected());
    assert_eq!(
        link.read_long(handle).unwrap(),
        b"ok",
        "the stale answer a client must not read"
    );
    link.write(handle, b"").unwrap();
    assert_eq!(log.lock().unwrap().handled, 2, "empty writes are ignored");
}

#[test]
fn every_connection_is_a_new_session() {
    let (mut server, log) = server(BleStack::NimBle);
    let first = server.connect(23);
    drop(first);
    let mut second = server.connect(517);
    assert_eq!(
        second.mtu(),
        500,
        "the device's local MTU caps the exchange"
    );
    assert_eq!(second.session_id(), 1);
    second.disconnect();
    let log = log.lock().unwrap();
    assert_eq!(
        (log.opened.clone(), log.closed.clone()),
        (vec![0, 1], vec![0, 1])
    );
}

#[test]
fn descriptors_name_the_endpoints_unless_hidden() {
    let (mut server, _) = server(BleStack::NimBle);
    let link = server.connect(23);
    let described = server.table().characteristics[4]
        .description_handle
        .unwrap();
    assert_eq!(link.read_long(described).unwrap(), b"proto-ver");
    let mut config = server.config().clone();
    config.descriptors = DescriptorMode::Unreadable;
    let mut hidden = GattServer::new(Arc::new(Mutex::new(Echo(Arc::default()))), config);
    let link = hidden.connect(23);
    assert_eq!(
        link.read(described, 0),
        Err(GattError::Att(att::READ_NOT_PERMITTED))
    );
}

#[test]
fn advertisement_carries_name_service_and_truncated_manufacturer_data() {
    let mut config = GattConfig::manager("PROV_ABCDEF", EXAMPLE_SERVICE, &[]);
    config.manufacturer_data = Some((0x02E5, vec![9; 40]));
    let (device, _) = server(BleStack::NimBle);
    let advert = GattServer::new(device.device.clone(), config).advertisement();
    assert_eq!(advert.local_name, "PROV_ABCDEF");
    assert_eq!(advert.service_uuids, vec![EXAMPLE_SERVICE]);
    assert_eq!(advert.flags, 0x06);
    let (_, data) = advert.manufacturer_data.unwrap();
    assert_eq!(
        data.len(),
        31 - (2 + 11) - 2 - 2,
        "name and data share the 31-byte scan response"
    );
    let long = GattConfig::manager(&"X".repeat(40), EXAMPLE_SERVICE, &[]);
    assert_eq!(
        GattServer::new(device.device, long)
            .advertisement()
            .local_name
            .len(),
        29
    );
}
