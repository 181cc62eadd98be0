//! The BLE transport: a GATT server with one READ|WRITE characteristic per endpoint, a new
//! protocomm session per connection, and shutdown (freeing the controller) when provisioning ends.

mod advert;
mod gatt;
mod link;

use alloc::string::String;

use embassy_executor::Spawner;
use embassy_futures::select::select;
use esp_hal::peripherals::BT;
use esp_println::println;
use esp_radio::ble::controller::BleConnector;
use trouble_host::prelude::*;

use crate::identity::Identity;
use crate::service;

/// One peer at a time, as ESP-IDF's provisioning service allows.
const CONNECTIONS: usize = 1;
/// L2CAP channels: signalling + ATT.
const CHANNELS: usize = 2;

/// Spawns the BLE task: the identity's name is advertised and served as the GAP device name.
pub fn start(spawner: &Spawner, bt: BT<'static>, identity: &Identity) -> Result<(), crate::Error> {
    let task = run(bt, identity.name.clone(), identity.service_uuid);
    crate::spawn(spawner, task, "ble")
}

#[embassy_executor::task]
async fn run(bt: BT<'static>, name: String, service_uuid: [u8; 16]) {
    let connector = match BleConnector::new(bt, Default::default()) {
        Ok(c) => c,
        Err(e) => return println!("BLE controller failed to start: {e:?}"),
    };
    let controller: ExternalController<_, 20> = ExternalController::new(connector);
    let mut resources: HostResources<_, DefaultPacketPool, CONNECTIONS, CHANNELS> =
        HostResources::new();
    let mac = esp_hal::efuse::interface_mac_address(esp_hal::efuse::InterfaceMacAddress::Bluetooth);
    let mut address = [0u8; 6];
    address.copy_from_slice(mac.as_bytes());
    address.reverse();
    let stack = trouble_host::new(controller, &mut resources)
        .set_random_address(Address::random(random_static(address)))
        .build();
    let endpoints = service::endpoints().await;
    let mut storage = gatt::Storage::new(&name, service_uuid, &endpoints);
    let table = gatt::Table::build(&mut storage);
    let mut runner = stack.runner();
    let serve = link::serve(&stack, &table, &name, service_uuid);
    service::until_ended(async {
        let _ = select(runner.run(), serve).await;
    })
    .await;
    println!("BLE stopped; controller released");
}

/// A random static address needs its two top bits set; the public MAC gives stable low bits.
fn random_static(mut address: [u8; 6]) -> [u8; 6] {
    address[5] |= 0xC0;
    address
}
