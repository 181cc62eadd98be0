//! esprov firmware: Wi-Fi provisioning over BLE and a SoftAP at once, in a few lines over esprov-esp.
#![no_std]
#![no_main]

extern crate alloc;

use embassy_executor::Spawner;
use embassy_time::{Duration, Timer};
use esp_hal::{clock::CpuClock, timer::timg::TimerGroup};
use esp_println::println;
use esprov_esp::{Config, Credentials, Parts, Scheme};

esp_bootloader_esp_idf::esp_app_desc!();

/// The transports this firmware offers.
const SCHEME: Scheme = Scheme::BleAndSoftAp;

#[esp_rtos::main]
async fn main(spawner: Spawner) -> ! {
    let p = esp_hal::init(esp_hal::Config::default().with_cpu_clock(CpuClock::max()));
    // The radio needs about 100 KiB of heap; the reclaimed bootloader RAM gives 64 of them.
    esp_alloc::heap_allocator!(#[esp_hal::ram(reclaimed)] size: 64 * 1024);
    esp_alloc::heap_allocator!(size: 96 * 1024);
    esp_rtos::start(TimerGroup::new(p.TIMG0).timer0, p.FROM_CPU_INTR0);
    println!(
        "{} {} starting",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION")
    );

    let parts = Parts {
        wifi: p.WIFI,
        bt: Some(p.BT),
        flash: p.FLASH,
        rng: p.RNG,
        adc1: p.ADC1,
        boot_button: Some(p.GPIO9.into()),
        console: None,
    };
    let config = Config {
        scheme: SCHEME,
        credentials: credentials(),
        ..Config::default()
    };
    let mut prov = match esprov_esp::init(spawner, parts, config).await {
        Ok(prov) => prov,
        Err(e) => halt(e).await,
    };
    if prov.is_provisioned().await {
        println!("Already provisioned: connecting to the stored network");
        prov.connect_stored().await;
    } else if let Err(e) = prov.start().await {
        halt(e).await
    } else {
        prov.wait().await;
    }
    prov.station().wait_config_up().await;
    // The application proper starts here, with the network up.
    loop {
        Timer::after(Duration::from_secs(3600)).await;
    }
}

/// Per-device secrets from the factory-data partition; the shared demo ones only if asked for.
fn credentials() -> Credentials {
    #[cfg(feature = "demo")]
    return Credentials::Demo { security: 2 };
    #[cfg(not(feature = "demo"))]
    return Credentials::FactoryData;
}

/// Says why provisioning cannot run, and idles (the log line is the diagnosis).
async fn halt(e: esprov_esp::Error) -> ! {
    println!("esprov: {e}");
    loop {
        Timer::after(Duration::from_secs(3600)).await;
    }
}
