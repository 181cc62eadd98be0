//! Panics print where they happened, then reset, so a field unit recovers by itself.

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    esp_println::println!("PANIC: {info}");
    esp_hal::system::software_reset()
}
