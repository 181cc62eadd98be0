//! esprov firmware: Wi-Fi provisioning over BLE, in a few lines over esprov-esp.
#![no_std]
#![no_main]

use embassy_executor::Spawner;
use esprov_esp::{Config, Scheme};

#[esp_rtos::main]
async fn main(spawner: Spawner) -> ! {
    // App descriptor, esp-hal, heap, embassy runtime, boot log line; `p`: the peripherals.
    esprov_esp::boot!(p);
    let parts = esprov_esp::parts!(p).with_bt(p.BT);
    // Stored network joined, or provisioned first; the secrets are this device's factory data.
    let _provisioning =
        esprov_esp::provision_or_connect(spawner, parts, Config::new(Scheme::Ble)).await;
    // The application proper starts here, with the network up.
    esprov_esp::idle().await
}
