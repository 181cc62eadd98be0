//! The serial console greeting: the QR payload JSON (esprov-proto's model) and the QR symbol,
//! drawn with half-block characters so a phone can scan it from the terminal.

use alloc::string::String;
use alloc::vec;

use esp_println::println;
use esprov_device::esprov_proto::qr::{QrPayload, QrTransport};
use qrcodegen_no_heap::{QrCode, QrCodeEcc, Version};

use crate::config::Scheme;
use crate::identity::Identity;

/// Largest symbol we draw: version 10 holds ~170 bytes at ECC low, more than any payload here.
const MAX_VERSION: Version = Version::new(10);

/// Prints the payload and the code for the preferred transport (BLE if offered), when the
/// application gave a secret to show.
pub fn print(identity: &Identity, scheme: Scheme) {
    println!("Service name: {}", identity.name);
    let Some(secret) = identity.qr.clone() else {
        return println!("(the QR code is on the device label)");
    };
    let transport = if scheme.uses_ble() {
        QrTransport::Ble
    } else if scheme.uses_softap() {
        QrTransport::Softap
    } else {
        // The QR format names no console transport: the client is on this cable already.
        return;
    };
    let json = QrPayload::for_device(&identity.name, transport, secret).to_json();
    println!("Scan this QR code from the ESP provisioning app:");
    println!("{json}");
    draw(&json);
    println!("If the code is unreadable, open https://espressif.github.io/esp-jumpstart/qrcode.html?data={json}");
}

fn draw(text: &str) {
    let len = MAX_VERSION.buffer_len();
    let (mut temp, mut out) = (vec![0u8; len], vec![0u8; len]);
    let code = match QrCode::encode_text(
        text,
        &mut temp,
        &mut out,
        QrCodeEcc::Low,
        Version::MIN,
        MAX_VERSION,
        None,
        true,
    ) {
        Ok(code) => code,
        Err(_) => return println!("(payload too long for a QR code)"),
    };
    // Two rows per line: upper half block, lower half block, full block or space; 2-module margin.
    let size = code.size();
    let dark =
        |x: i32, y: i32| (0..size).contains(&x) && (0..size).contains(&y) && code.get_module(x, y);
    for y in (-2..size + 2).step_by(2) {
        let mut line = String::new();
        for x in -2..size + 2 {
            line.push(match (dark(x, y), dark(x, y + 1)) {
                (true, true) => ' ',
                (true, false) => '▄',
                (false, true) => '▀',
                (false, false) => '█',
            });
        }
        println!("{line}");
    }
}
