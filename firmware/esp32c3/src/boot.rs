//! Boot-time decisions that depend on the board: the erase button and the service name.

use alloc::string::String;
use core::fmt::Write;

use esp_hal::efuse::{self, InterfaceMacAddress};
use esp_hal::gpio::{Input, InputConfig, Pull};
use esp_hal::peripherals::GPIO9;
use esp_hal::time::{Duration, Instant};
use esp_println::println;

use crate::config;

/// How long BOOT must stay down to count as "erase".
const HOLD: Duration = Duration::from_secs(1);
/// How long BOOT must stay down while running to erase and restart.
const LONG_HOLD: embassy_time::Duration = embassy_time::Duration::from_secs(3);

/// The BOOT button (GPIO9, active low, pulled up).
pub fn button(pin: GPIO9<'static>) -> Input<'static> {
    Input::new(pin, InputConfig::default().with_pull(Pull::Up))
}

/// Whether BOOT is down right after reset and stays down for a second: forget the network.
///
/// BOOT held *through* the reset edge selects the ROM download mode (GPIO9 is a strapping pin),
/// so the user presses it right after releasing RESET.
pub fn erase_requested(button: &Input<'static>) -> bool {
    let start = Instant::now();
    while start.elapsed() < HOLD {
        if button.is_high() {
            return false;
        }
    }
    true
}

/// Watches BOOT while running: a 3-second press erases the credentials and restarts.
#[embassy_executor::task]
pub async fn watch(mut button: Input<'static>) {
    loop {
        button.wait_for_low().await;
        let released = embassy_time::with_timeout(LONG_HOLD, button.wait_for_high()).await;
        if released.is_err() {
            println!("BOOT held for 3 s: erasing stored Wi-Fi credentials and restarting");
            crate::service::erase_credentials().await;
            esp_hal::system::software_reset();
        }
    }
}

/// The service name as the ESP-IDF example builds it: prefix + last 3 station MAC bytes, upper-case hex.
pub fn service_name() -> String {
    let mac = efuse::interface_mac_address(InterfaceMacAddress::Station);
    let bytes = mac.as_bytes();
    let mut name = String::from(config::NAME_PREFIX);
    for byte in &bytes[3..6] {
        let _ = write!(name, "{byte:02X}");
    }
    name
}
