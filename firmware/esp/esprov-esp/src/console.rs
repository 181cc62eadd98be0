//! The console scheme on the chip: ESP-IDF's `<endpoint> <session-id> <hex>` lines on the
//! USB-Serial-JTAG port or UART0, with echo (CR echoed as CR LF), answers framed on their own
//! line and the `>> ` prompt. Line rules come from esprov-device's `console` module.
//!
//! Every write is a whole piece (echo of what was read, one answer frame, the prompt, one log
//! line) done without yielding, so on the single-core executor log lines from other tasks land
//! between pieces, never inside an answer.

use alloc::format;
use alloc::string::String;

use embassy_executor::Spawner;
use esp_hal::Async;
use esp_println::println;
use esprov_device::console::{
    answer_frame, parse_request, ConsoleSession, Line, LineAssembler, LINE_LIMIT, PROMPT,
};

use crate::{service, ConsolePort, Error};

/// Bytes read from the port at a time.
const CHUNK: usize = 64;
/// The tag of the console's error lines, as ESP-IDF's log prints it.
const TAG: &str = "protocomm_console";

/// Takes the port and serves request lines until provisioning ends.
pub fn start(spawner: &Spawner, port: ConsolePort) -> Result<(), Error> {
    match port {
        ConsolePort::UsbSerialJtag(usb) => {
            let (rx, tx) = esp_hal::usb::usb_serial_jtag::UsbSerialJtag::new(usb)
                .into_async()
                .split();
            crate::spawn(spawner, usb_serial_jtag(rx, tx), "console")
        }
        ConsolePort::Uart0 { uart, rx, tx } => {
            let uart = esp_hal::uart::Uart::new(uart, esp_hal::uart::Config::default())
                .map_err(|_| Error::Config("UART0 rejected its configuration"))?
                .with_rx(rx)
                .with_tx(tx)
                .into_async();
            let (rx, tx) = uart.split();
            crate::spawn(spawner, uart0(rx, tx), "console")
        }
    }
}

#[embassy_executor::task]
async fn usb_serial_jtag(
    rx: esp_hal::usb::usb_serial_jtag::UsbSerialJtagRx<'static, Async>,
    tx: esp_hal::usb::usb_serial_jtag::UsbSerialJtagTx<'static, Async>,
) {
    service::until_ended(serve(rx, tx)).await;
    println!("console provisioning stopped; USB-Serial-JTAG released");
}

#[embassy_executor::task]
async fn uart0(
    rx: esp_hal::uart::UartRx<'static, Async>,
    tx: esp_hal::uart::UartTx<'static, Async>,
) {
    service::until_ended(serve(rx, tx)).await;
    println!("console provisioning stopped; UART0 released");
}

/// Reads lines, echoes them and answers each with a frame or an error log line, then prompts.
async fn serve<R, W>(mut rx: R, mut tx: W)
where
    R: embedded_io_async::Read,
    W: embedded_io::Write,
{
    let mut lines = LineAssembler::new(LINE_LIMIT);
    let mut session = ConsoleSession::default();
    put(&mut tx, PROMPT.as_bytes());
    let mut chunk = [0u8; CHUNK];
    loop {
        let n = match rx.read(&mut chunk).await {
            Ok(n) if n > 0 => n,
            _ => {
                embassy_time::Timer::after_millis(10).await;
                continue;
            }
        };
        let mut echo = String::new();
        for &byte in chunk.get(..n).unwrap_or_default() {
            match byte {
                b'\r' | b'\n' => echo.push_str("\r\n"),
                _ => echo.push(char::from(byte)),
            }
            let Some(line) = lines.push(byte) else {
                continue;
            };
            put(&mut tx, core::mem::take(&mut echo).as_bytes());
            let output = answer(line, &mut session).await;
            put(&mut tx, output.as_bytes());
            put(&mut tx, PROMPT.as_bytes());
        }
        put(&mut tx, echo.as_bytes());
    }
}

/// The text printed for one line, without the prompt.
async fn answer(line: Line, session: &mut ConsoleSession) -> String {
    let text = match line {
        Line::Text(text) => text,
        Line::TooLong(len, _) => {
            return error_line(&format!(
                "line of {len} characters exceeds {LINE_LIMIT}; discarded"
            ))
        }
    };
    let request = match parse_request(&text) {
        Ok(request) => request,
        Err(why) => return error_line(&format!("{why}")),
    };
    if !service::has_endpoint(&request.endpoint).await {
        return error_line(&format!("unrecognized command {:?}", request.endpoint));
    }
    if let Some(switch) = session.enter(request.session_id) {
        if let Some(old) = switch.close {
            service::close(old).await;
        }
        service::open(switch.open).await;
    }
    match service::handle(&request.endpoint, request.session_id, &request.payload).await {
        Some(response) => answer_frame(&response),
        None => error_line(&format!("{} failed", request.endpoint)),
    }
}

/// An ESP-IDF style error line, the console's only way to say a request failed.
fn error_line(message: &str) -> String {
    let ms = embassy_time::Instant::now().as_millis();
    format!("E ({ms}) {TAG}: {message}\r\n")
}

/// Writes all of `bytes` without yielding; a port that fails drops the rest (the host resends).
fn put<W: embedded_io::Write>(tx: &mut W, bytes: &[u8]) {
    if tx.write_all(bytes).is_ok() {
        let _ = tx.flush();
    }
}
