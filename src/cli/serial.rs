//! The console flags (`--serial PORT`, `--baud`, `--console-manual`, `--line-limit`): ESP-IDF's
//! console scheme over a serial port, or relayed by hand as esp_prov does.

use std::time::Duration;

use esprov::transport::console::{ConsoleOptions, ConsoleTransport, ManualConsole};
use esprov::transport::Transport;
use esprov::Error;

/// The bound on each console request; a human relaying by hand gets the whole run.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// `--serial PORT` and its companions, on every command that takes `--device`.
#[derive(Debug, Clone, clap::Args)]
pub struct SerialArgs {
    /// Reach the device's console over a serial port or PTY (e.g. /dev/ttyUSB0).
    #[arg(long, value_name = "PORT", conflicts_with_all = ["device", "mdns", "ble"])]
    pub serial: Option<String>,
    /// Serial baud rate.
    #[arg(long, value_name = "BAUD", default_value_t = DEFAULT_BAUD, requires = "serial")]
    pub baud: u32,
    /// Refuse requests whose console line would exceed this many characters (stock ESP-IDF: 256).
    #[arg(long, value_name = "CHARS", requires = "serial")]
    pub line_limit: Option<usize>,
    /// Relay console lines by hand: print each request, paste the device's answer.
    #[arg(long, conflicts_with_all = ["device", "mdns", "ble", "serial"])]
    pub console_manual: bool,
}

/// ESP-IDF's console baud rate.
pub const DEFAULT_BAUD: u32 = 115_200;

impl Default for SerialArgs {
    fn default() -> Self {
        SerialArgs {
            serial: None,
            baud: DEFAULT_BAUD,
            line_limit: None,
            console_manual: false,
        }
    }
}

/// Opens the console transport the flags describe, or `None` when they name none.
pub fn open(args: &SerialArgs, total: Duration) -> Result<Option<Box<dyn Transport>>, Error> {
    if args.console_manual {
        return Ok(Some(Box::new(ManualConsole::new(total))));
    }
    let Some(port) = &args.serial else {
        return Ok(None);
    };
    let options = ConsoleOptions {
        request_timeout: REQUEST_TIMEOUT.min(total),
        line_limit: args.line_limit,
    };
    tracing::debug!(port, baud = args.baud, "console transport");
    let console = ConsoleTransport::open_serial(port, args.baud, options)?;
    Ok(Some(Box::new(console)))
}
