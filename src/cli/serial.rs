//! The console flags (`--serial PORT`, `--baud`, `--console-manual`, `--line-limit`): ESP-IDF's
//! console scheme over a serial port, or relayed by hand as esp_prov does.

use esprov::transport::console::{ConsoleOptions, ConsoleTransport, ManualConsole};
use esprov::transport::Transport;
use esprov::Error;

use super::help;
use super::target::TimingArgs;

/// `--serial PORT` and its companions, on every command that takes `--device`.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = help::SERIAL)]
pub struct SerialArgs {
    /// Reach the device's console over a serial port or PTY (e.g. /dev/ttyUSB0).
    #[arg(long, value_name = "PORT", conflicts_with_all = ["device", "mdns", "ble"])]
    pub serial: Option<String>,
    /// Serial baud rate [default: 115200].
    #[arg(long, value_name = "BAUD")]
    pub baud: Option<u32>,
    /// Refuse requests whose console line, CR included, would exceed this many bytes (stock
    /// ESP-IDF: 255, i.e. 254 characters and the CR).
    #[arg(long, value_name = "CHARS")]
    pub line_limit: Option<usize>,
    /// Reset the board into its app first (RTS pulse, DTR released); without it the port opens
    /// with both lines released, so a dev board keeps running.
    #[arg(long)]
    pub reset_board: bool,
    /// Relay console lines by hand: print each request, paste the device's answer.
    #[arg(long, conflicts_with_all = ["device", "mdns", "ble", "serial"])]
    pub console_manual: bool,
}

/// ESP-IDF's console baud rate.
pub const DEFAULT_BAUD: u32 = 115_200;

impl SerialArgs {
    /// The first flag that only a serial port uses, to refuse it for any other link.
    pub fn given_port_flag(&self) -> Option<&'static str> {
        if self.baud.is_some() {
            Some("--baud")
        } else if self.line_limit.is_some() {
            Some("--line-limit")
        } else if self.reset_board {
            Some("--reset-board")
        } else {
            None
        }
    }
}

/// Opens the console transport the flags describe, or `None` when they name none.
/// A human relaying by hand gets the whole run for each line.
pub fn open(args: &SerialArgs, timing: &TimingArgs) -> Result<Option<Box<dyn Transport>>, Error> {
    if args.console_manual {
        let console = ManualConsole::new(timing.timeout())
            .with_prompt_hook(std::sync::Arc::new(super::progress::hide));
        return Ok(Some(Box::new(console)));
    }
    let Some(port) = &args.serial else {
        return Ok(None);
    };
    let options = ConsoleOptions {
        request_timeout: timing.request_timeout(),
        line_limit: args.line_limit,
        reset_board: args.reset_board,
    };
    let baud = args.baud.unwrap_or(DEFAULT_BAUD);
    tracing::debug!(port, baud, "console transport");
    let console = ConsoleTransport::open_serial(port, baud, options)?;
    Ok(Some(Box::new(console)))
}
