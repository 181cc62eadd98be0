//! The peripherals provisioning takes over; the application keeps everything else.

use esp_hal::gpio::AnyPin;
use esp_hal::peripherals::{ADC1, FLASH, RNG, WIFI};

/// Peripherals handed to [`crate::init`].
pub struct Parts {
    /// The Wi-Fi radio (station, and the SoftAP while provisioning).
    pub wifi: WIFI<'static>,
    /// The BLE controller for the BLE schemes (`None` otherwise); released when provisioning
    /// ends.
    pub bt: Option<esp_hal::peripherals::BT<'static>>,
    /// Flash: partition table, factory data, credential store.
    pub flash: FLASH<'static>,
    /// With `adc1`, the TRNG source held from boot on, so session keys never depend on the
    /// radio's state.
    pub rng: RNG<'static>,
    /// The SAR ADC the TRNG draws entropy from.
    pub adc1: ADC1<'static>,
    /// The BOOT button (GPIO9 on ESP32-C3/C6 boards): held at boot or for 3 s while running,
    /// it erases the stored network. `None` leaves the pin to the application.
    pub boot_button: Option<AnyPin<'static>>,
    /// The console scheme's port (`None` for the other schemes).
    pub console: Option<ConsolePort>,
}

/// The serial port the console scheme reads request lines from and answers on.
pub enum ConsolePort {
    /// The built-in USB-Serial-JTAG port: the cable that flashed the board.
    UsbSerialJtag(esp_hal::peripherals::USB_DEVICE<'static>),
    /// UART0 at 115200 baud on the given pins (the board's USB-UART bridge).
    Uart0 {
        /// The UART.
        uart: esp_hal::peripherals::UART0<'static>,
        /// RX pin (GPIO20 on the ESP32-C3, GPIO17 on the ESP32-C6).
        rx: AnyPin<'static>,
        /// TX pin (GPIO21 on the ESP32-C3, GPIO16 on the ESP32-C6).
        tx: AnyPin<'static>,
    },
}

impl Parts {
    /// The peripherals every scheme takes; no BOOT button, BLE controller or console port yet.
    pub fn new(
        wifi: WIFI<'static>,
        flash: FLASH<'static>,
        rng: RNG<'static>,
        adc1: ADC1<'static>,
    ) -> Self {
        Parts {
            wifi,
            bt: None,
            flash,
            rng,
            adc1,
            boot_button: None,
            console: None,
        }
    }

    /// Makes `pin` the erase switch (read with the pull-up, debounced; see [`Parts::boot_button`]).
    pub fn with_boot_button(mut self, pin: impl Into<AnyPin<'static>>) -> Self {
        self.boot_button = Some(pin.into());
        self
    }

    /// Hands over the BLE controller the BLE schemes need.
    pub fn with_bt(mut self, bt: esp_hal::peripherals::BT<'static>) -> Self {
        self.bt = Some(bt);
        self
    }

    /// Hands over the serial port the console scheme needs.
    pub fn with_console(mut self, port: ConsolePort) -> Self {
        self.console = Some(port);
        self
    }
}
