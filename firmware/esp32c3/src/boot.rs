//! Boot-time decisions that depend on the board: the erase button and the service name.

use alloc::string::String;
use core::fmt::Write;

use esp_hal::efuse::{self, InterfaceMacAddress};
use esp_hal::gpio::{Input, InputConfig, Pull};
use esp_hal::peripherals::GPIO9;

use crate::config;

/// Whether BOOT (GPIO9, active low) is held at reset: the user asks to forget the network.
pub fn erase_requested(pin: GPIO9<'static>) -> bool {
    let button = Input::new(pin, InputConfig::default().with_pull(Pull::Up));
    // Let the pull-up settle before sampling; the button must still be held after 50 ms.
    let start = esp_hal::time::Instant::now();
    while start.elapsed() < esp_hal::time::Duration::from_millis(50) {}
    button.is_low()
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
