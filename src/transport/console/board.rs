//! A dev board's reset lines: esprov opens a serial port without resetting the board, and resets
//! it only when asked (`--reset-board`).
//!
//! On the usual ESP32 auto-reset circuit (and the USB-Serial-JTAG of newer chips) RTS drives EN:
//! asserted holds the chip in reset. DTR drives GPIO0: asserted at reset boots the ROM download
//! mode instead of the app. With both released the app runs, and provisioning needs the app.

use std::time::Duration;

use serialport::SerialPort;

/// How long EN is held low for a reset (espflash's hard reset uses the same 100 ms).
pub const RESET_PULSE: Duration = Duration::from_millis(100);

/// How long the app gets to boot after a reset before the first request.
pub const BOOT_WAIT: Duration = Duration::from_millis(1500);

/// Releases RTS and DTR so the board keeps running; a PTY or a bare UART without modem lines
/// refuses, which is fine: then nothing can reset the board either.
pub fn release(port: &mut dyn SerialPort) {
    if let Err(error) = port
        .write_request_to_send(false)
        .and_then(|()| port.write_data_terminal_ready(false))
    {
        tracing::debug!(%error, "the port has no RTS/DTR lines to release");
    }
}

/// Resets the board into its app: GPIO0 released, EN pulsed low, then time to boot.
pub fn reset_into_app(port: &mut dyn SerialPort) -> Result<(), serialport::Error> {
    port.write_data_terminal_ready(false)?;
    port.write_request_to_send(true)?;
    // Windows passes a DTR change on only with the next RTS write: repeat both (as espflash does).
    port.write_data_terminal_ready(false)?;
    port.write_request_to_send(true)?;
    std::thread::sleep(RESET_PULSE);
    port.write_request_to_send(false)?;
    std::thread::sleep(BOOT_WAIT);
    Ok(())
}
