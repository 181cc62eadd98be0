//! Bringing the chip up the way provisioning needs it, for applications that have no bring-up
//! of their own: the [`boot!`](crate::boot!) and [`parts!`](crate::parts!) macros call these.

use esp_hal::clock::CpuClock;
use esp_hal::peripherals::{Peripherals, FROM_CPU_INTR0, TIMG0};
use esp_hal::timer::timg::TimerGroup;
use esp_println::println;

#[doc(hidden)]
pub use esp_bootloader_esp_idf;

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
