//! The BOOT button as the erase switch, read with the internal pull-up and debounced, so a
//! floating, slow or noisy pin never erases the stored network.

use embassy_executor::Spawner;
use esp_hal::delay::Delay;
use esp_hal::gpio::{AnyPin, Input, InputConfig, Pull};
use esp_println::println;

use crate::store::FlashStore;

/// Time for the pull-up to charge the pin (and any capacitor on it) before the first read.
const SETTLE_MS: u32 = 20;
/// Interval between two samples of the pin.
const SAMPLE_MS: u32 = 10;
/// How long BOOT must read low, every sample, right after reset to count as "erase".
const BOOT_HOLD_MS: u32 = 1000;
/// A press while running must read low this long before its 3 s are counted.
const DEBOUNCE: embassy_time::Duration = embassy_time::Duration::from_millis(50);
/// How long BOOT must stay down while running to erase and restart.
const LONG_HOLD: embassy_time::Duration = embassy_time::Duration::from_secs(3);

/// Reads the button at boot (erasing the store if held) and watches it from then on.
pub fn start(spawner: &Spawner, pin: AnyPin<'static>, store: &mut FlashStore) {
    let button = Input::new(pin, InputConfig::default().with_pull(Pull::Up));
    if held_at_boot(&button) {
        println!("BOOT held after reset: erasing stored Wi-Fi credentials");
        store.wipe();
    }
    if crate::spawn(spawner, watch(button), "BOOT button").is_err() {
        println!("BOOT button not watched: its task is already running");
    }
}

/// Whether BOOT reads low on every sample for a second after the pull-up settled.
///
/// BOOT held *through* the reset edge selects the ROM download mode (GPIO9 is a strapping
/// pin), so the user presses it right after releasing RESET.
fn held_at_boot(button: &Input<'static>) -> bool {
    let delay = Delay::new();
    delay.delay_millis(SETTLE_MS);
    (0..BOOT_HOLD_MS / SAMPLE_MS).all(|_| {
        let low = button.is_low();
        delay.delay_millis(SAMPLE_MS);
        low
    })
}

/// Watches BOOT while running: a debounced 3-second press erases the credentials and restarts.
#[embassy_executor::task]
async fn watch(mut button: Input<'static>) {
    loop {
        button.wait_for_low().await;
        let bounced = embassy_time::with_timeout(DEBOUNCE, button.wait_for_high()).await;
        if bounced.is_ok() {
            continue;
        }
        let released = embassy_time::with_timeout(LONG_HOLD, button.wait_for_high()).await;
        if released.is_err() {
            println!("BOOT held for 3 s: erasing stored Wi-Fi credentials and restarting");
            crate::service::erase_credentials().await;
            esp_hal::system::software_reset();
        }
    }
}
