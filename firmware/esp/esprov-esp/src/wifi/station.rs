//! esprov-device's `WifiStation` over the radio task: calls become queued commands, results
//! come back through `EVENTS`.

use esp_println::println;
use esprov_device::{PlatformError, ScanParams, ScanStarted, WifiCredentials, WifiStation};

use super::{Command, COMMANDS};

/// The manager's handle on the station; cheap, stateless, never blocks.
pub struct Station;

impl Station {
    fn send(command: Command) -> Result<(), PlatformError> {
        COMMANDS
            .try_send(command)
            .map_err(|_| PlatformError("Wi-Fi command queue full"))
    }
}

impl WifiStation for Station {
    fn connect(&mut self, credentials: &WifiCredentials) {
        if Self::send(Command::Connect(credentials.clone())).is_err() {
            println!("Wi-Fi command queue full: connect dropped");
        }
    }

    fn disconnect(&mut self) {
        if Self::send(Command::Disconnect).is_err() {
            println!("Wi-Fi command queue full: disconnect dropped");
        }
    }

    fn start_scan(&mut self, params: &ScanParams) -> Result<ScanStarted, PlatformError> {
        Self::send(Command::Scan(*params)).map(|()| ScanStarted::Running)
    }
}
