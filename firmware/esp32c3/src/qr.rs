//! The serial console greeting: the QR payload JSON (esprov-proto's model) and the QR symbol,
//! drawn with half-block characters so a phone can scan it from the terminal.

use alloc::string::String;
use alloc::vec;

use esp_println::println;
use esprov_device::esprov_proto::qr::{QrPayload, QrSecret, QrTransport};
use qrcodegen_no_heap::{QrCode, QrCodeEcc, Version};

use crate::config;

/// Largest symbol we draw: version 10 holds ~170 bytes at ECC low, more than any payload here.
const MAX_VERSION: Version = Version::new(10);

/// Prints the payload and the code for the preferred transport (BLE if enabled).
pub fn print(name: &str) {
    let json = payload(name).to_json();
    println!("Scan this QR code from the ESP provisioning app:");
    println!("{json}");
    draw(&json);
    println!("If the code is unreadable, open https://espressif.github.io/esp-jumpstart/qrcode.html?data={json}");
}

fn payload(name: &str) -> QrPayload {
    let transport = if config::BLE {
        QrTransport::Ble
    } else {
        QrTransport::Softap
    };
    let secret = match config::SECURITY {
        2 => QrSecret::Srp {
            username: String::from(config::SEC2_USERNAME),
            password: String::from(config::SEC2_PASSWORD),
        },
        1 => QrSecret::Pop(String::from(config::POP)),
        _ => QrSecret::None,
    };
    QrPayload::for_device(name, transport, secret)
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
