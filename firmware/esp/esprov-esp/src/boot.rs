//! Bringing the chip up the way provisioning needs it, for applications that have no bring-up
//! of their own: the [`boot!`](crate::boot) and [`parts!`](crate::parts) macros call these.

use embassy_time::{Duration, Timer};
use esp_hal::clock::CpuClock;
use esp_hal::peripherals::{Peripherals, FROM_CPU_INTR0, TIMG0};
use esp_hal::timer::timg::TimerGroup;
use esp_println::println;

#[doc(hidden)]
pub use esp_bootloader_esp_idf;

use crate::{Config, Error, Parts, Provisioning};

/// esp-hal at the maximum CPU clock, and the heap: the radio needs about 100 KiB, of which the
/// bootloader's reclaimed RAM gives 64 and a static region the other 96.
pub fn chip() -> Peripherals {
    let peripherals = esp_hal::init(esp_hal::Config::default().with_cpu_clock(CpuClock::max()));
    esp_alloc::heap_allocator!(#[esp_hal::ram(reclaimed)] size: 64 * 1024);
    esp_alloc::heap_allocator!(size: 96 * 1024);
    peripherals
}

/// Starts the embassy runtime (esp-rtos) on timer group 0 and the first software interrupt.
pub fn runtime(timer_group: TIMG0<'static>, interrupt: FROM_CPU_INTR0<'static>) {
    esp_rtos::start(TimerGroup::new(timer_group).timer0, interrupt);
}

/// The first log line: which firmware and version booted.
pub fn banner(name: &str, version: &str) {
    println!("{name} {version} starting");
}

/// The shipped firmware's life cycle: join the stored network, or provision one first
/// (`init`, `start`, `wait`), then wait for the station's IP configuration. Returns the
/// handle with the network up. When provisioning cannot run (no factory data in a release
/// build, a bad configuration) it logs why and idles: the log line is the diagnosis.
pub async fn provision_or_connect(
    spawner: embassy_executor::Spawner,
    parts: Parts,
    config: Config,
) -> Provisioning {
    match connect(spawner, parts, config).await {
        Ok(provisioning) => provisioning,
        Err(e) => {
            println!("esprov: {e}");
            idle().await
        }
    }
}

/// [`provision_or_connect`] with its errors returned.
async fn connect(
    spawner: embassy_executor::Spawner,
    parts: Parts,
    config: Config,
) -> Result<Provisioning, Error> {
    let mut provisioning = crate::init(spawner, parts, config).await?;
    if provisioning.is_provisioned().await {
        println!("Already provisioned: connecting to the stored network");
        provisioning.connect_stored().await;
    } else {
        provisioning.start().await?;
        provisioning.wait().await;
    }
    provisioning.station().wait_config_up().await;
    Ok(provisioning)
}

/// Sleeps forever, for a `main` whose work is done in tasks (or not yet written).
pub async fn idle() -> ! {
    loop {
        Timer::after(Duration::from_secs(3600)).await;
    }
}

/// Brings the chip up for provisioning and binds its peripherals to `$p`: the application
/// descriptor the bootloader checks (from the calling crate's name and version, so the
/// application must not call `esp_app_desc!` itself), esp-hal at the maximum clock, the heap
/// the radio needs, the embassy runtime (which takes `TIMG0` and `FROM_CPU_INTR0`), and the
/// firmware's name and version as the first log line. Everything else in `$p` stays the
/// application's.
///
/// ```ignore
/// #[esp_rtos::main]
/// async fn main(spawner: Spawner) -> ! {
///     esprov_esp::boot!(p);
///     let parts = esprov_esp::parts!(p).with_bt(p.BT);
///     esprov_esp::provision_or_connect(spawner, parts, Config::new(Scheme::Ble)).await;
///     esprov_esp::idle().await
/// }
/// ```
#[macro_export]
macro_rules! boot {
    ($p:ident) => {
        $crate::boot::esp_bootloader_esp_idf::esp_app_desc!();
        let $p = $crate::boot::chip();
        $crate::boot::runtime($p.TIMG0, $p.FROM_CPU_INTR0);
        $crate::boot::banner(env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
    };
}

/// The [`Parts`](crate::Parts) every scheme takes, moved out of `$p`: Wi-Fi, flash, the TRNG's
/// RNG and ADC1, and GPIO9 as the BOOT button (ESP32-C3 and ESP32-C6 boards). Add the scheme's
/// own with [`Parts::with_bt`](crate::Parts::with_bt) or
/// [`Parts::with_console`](crate::Parts::with_console).
#[macro_export]
macro_rules! parts {
    ($p:ident) => {
        $crate::Parts::new($p.WIFI, $p.FLASH, $p.RNG, $p.ADC1).with_boot_button($p.GPIO9)
    };
}
