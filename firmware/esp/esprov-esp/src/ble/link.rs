//! Advertise, accept one connection, and run write-then-read exchanges on it; every connection
//! is its own protocomm session (opened on connect, closed on disconnect).

use embassy_time::Duration;
use esp_println::println;
use trouble_host::prelude::*;

use super::advert::Advert;
use super::gatt::{Table, VALUE_MAX};
use crate::service;

/// ESP-IDF's advertising interval 0x100 × 0.625 ms.
const INTERVAL: Duration = Duration::from_millis(160);

/// Advertises and serves connections one after the other, forever.
pub async fn serve<C: Controller>(
    stack: &Stack<'_, C, DefaultPacketPool>,
    table: &Table<'_>,
    name: &str,
    service_uuid: [u8; 16],
) {
    let service_le = esprov_device::esprov_proto::uuid::Uuid128(service_uuid).to_le_bytes();
    let advert = Advert::new(service_le, name);
    let params = AdvertisementParameters {
        interval_min: INTERVAL,
        interval_max: INTERVAL,
        ..Default::default()
    };
    let mut peripheral = stack.peripheral();
    loop {
        let advertiser = match peripheral.advertise(&params, advert.advertisement()).await {
            Ok(a) => a,
            Err(e) => {
                println!("BLE advertising failed: {e:?}");
                embassy_time::Timer::after_secs(1).await;
                continue;
            }
        };
        let connection = match advertiser
            .accept()
            .await
            .and_then(|c| c.with_attribute_server(&table.server))
        {
            Ok(c) => c,
            Err(e) => {
                println!("BLE connection failed: {e:?}");
                continue;
            }
        };
        session(&connection, table).await;
    }
}

/// One connection = one protocomm session.
async fn session(connection: &GattConnection<'_, '_, DefaultPacketPool>, table: &Table<'_>) {
    let id = u32::from(connection.raw().handle().raw());
    println!("BLE connected (session {id})");
    table.clear();
    service::open(id).await;
    loop {
        match connection.next().await {
            GattConnectionEvent::Disconnected { reason } => {
                println!("BLE disconnected: {reason:?}");
                break;
            }
            GattConnectionEvent::Gatt { event } => on_gatt(event, id, table).await,
            _ => {}
        }
    }
    service::close(id).await;
}

/// Writes run the endpoint and store its response; reads are served from the stored value.
async fn on_gatt(event: GattEvent<'_, '_, DefaultPacketPool>, id: u32, table: &Table<'_>) {
    let reply = match event {
        GattEvent::Write(write) => match table
            .endpoints
            .iter()
            .find(|e| e.characteristic.handle == write.handle())
        {
            Some(endpoint) => {
                let request = write.with_data(|offset, data| (offset == 0).then(|| data.to_vec()));
                match request {
                    None => write.reject(AttErrorCode::INVALID_OFFSET),
                    Some(data) if data.is_empty() => write.accept_unprocessed(),
                    Some(data) => match exchange(&endpoint.name, id, &data).await {
                        Some(response)
                            if table
                                .server
                                .table()
                                .set(&endpoint.characteristic, &response[..])
                                .is_ok() =>
                        {
                            write.accept_unprocessed()
                        }
                        // NimBLE's answer to a failed handler: ATT "invalid PDU", link stays up.
                        _ => write.reject(AttErrorCode::INVALID_PDU),
                    },
                }
            }
            None => write.accept(),
        },
        other => other.accept(),
    };
    match reply {
        Ok(reply) => reply.send().await,
        Err(e) => println!("BLE reply failed: {e:?}"),
    }
}

/// Hands one request to the manager; responses over the value limit cannot be stored.
async fn exchange(endpoint: &str, id: u32, request: &[u8]) -> Option<alloc::vec::Vec<u8>> {
    let response = service::handle(endpoint, id, request).await?;
    (response.len() <= VALUE_MAX).then_some(response)
}
