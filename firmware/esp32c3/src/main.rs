//! esprov-firmware: the esprov provisioning device on an ESP32-C3.
//!
//! Platform glue only: radios, sockets, flash and clocks live here; every protocol rule lives
//! in `esprov-device` (the manager) and `esprov-proto` (the wire).
#![no_std]
#![no_main]

extern crate alloc;

mod ble;
mod boot;
mod config;
mod dhcp;
mod http;
mod mdns;
mod net;
mod panic;
mod qr;
mod service;
mod store;
mod wifi;

use embassy_executor::Spawner;
use embassy_executor::{SpawnError, SpawnToken};
use esp_hal::{clock::CpuClock, timer::timg::TimerGroup};
use esp_println::println;

esp_bootloader_esp_idf::esp_app_desc!();

#[esp_rtos::main]
async fn main(spawner: Spawner) -> ! {
    let peripherals = esp_hal::init(esp_hal::Config::default().with_cpu_clock(CpuClock::max()));
    // Wi-Fi + BLE coexistence needs about 100 KiB of heap; the reclaimed bootloader RAM gives 64.
    esp_alloc::heap_allocator!(#[esp_hal::ram(reclaimed)] size: 64 * 1024);
    esp_alloc::heap_allocator!(size: 96 * 1024);

    let timg0 = TimerGroup::new(peripherals.TIMG0);
    esp_rtos::start(timg0.timer0, peripherals.FROM_CPU_INTR0);
    println!("esprov-firmware {} starting", env!("CARGO_PKG_VERSION"));

    let button = boot::button(peripherals.GPIO9);
    let erase = boot::erase_requested(&button);
    let mut store = store::FlashStore::new(peripherals.FLASH);
    if erase {
        println!("BOOT held after reset: erasing stored Wi-Fi credentials");
        store.wipe();
    }
    let provisioned = store.credentials().is_some();

    let radio = wifi::start(peripherals.WIFI, &spawner);
    let stacks = net::start(&spawner, radio.station, radio.access_point, provisioned);
    let name = boot::service_name();
    service::init(&name, store).await;
    spawn(&spawner, boot::watch(button), "boot button");

    if provisioned {
        println!("Already provisioned: connecting to the stored network");
        service::connect_stored().await;
    } else {
        service::start().await;
        qr::print(&name);
        if config::BLE {
            ble::start(&spawner, peripherals.BT, &name);
        }
        if config::SOFTAP {
            wifi::start_access_point(&name);
            http::start(&spawner, stacks.access_point);
            dhcp::start(&spawner, stacks.access_point);
            mdns::start(&spawner, stacks.access_point, &name);
        }
    }
    service::run(stacks.station).await
}

/// Spawns a task at boot; a full task pool is a build mistake, reported instead of ignored.
pub fn spawn<S>(spawner: &Spawner, task: Result<SpawnToken<S>, SpawnError>, what: &str) {
    match task {
        Ok(token) => spawner.spawn(token),
        Err(e) => println!("could not start the {what} task: {e:?}"),
    }
}
