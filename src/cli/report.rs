//! How a failed command tells the user: `error:` and `help:` lines for people, the contract's
//! failure object for programs. Both name the device the run talked to.

use std::sync::Mutex;

use esprov::contract::Failure;
use esprov::Error;

/// The device this run talks to, so every error can name it.
#[derive(Debug, Clone, Default)]
pub struct Peer {
    /// How the user named the device: address, BLE name, port.
    pub device: String,
    /// The SoftAP network to join first, when a SoftAP QR payload named it and no address was given.
    pub softap_name: Option<String>,
}

static PEER: Mutex<Option<Peer>> = Mutex::new(None);

/// Remembers the device the run is about to talk to (set when its transport opens).
pub fn set_peer(peer: Peer) {
    if let Ok(mut slot) = PEER.lock() {
        *slot = Some(peer);
    }
}

fn peer() -> Option<Peer> {
    PEER.lock().ok().and_then(|slot| slot.clone())
}

/// The message, naming the device when the error itself does not.
fn message(error: &Error, peer: Option<&Peer>) -> String {
    let message = error.to_string();
    match peer {
        Some(peer) if !message.contains(&peer.device) => {
            format!("{message} (device {})", peer.device)
        }
        _ => message,
    }
}

/// The one hint under an error: the library's, or "join PROV_… first" for a SoftAP QR payload.
fn help(error: &Error, peer: Option<&Peer>) -> String {
    if let (Error::Unreachable { peer: addr, .. }, Some(name)) =
        (error, peer.and_then(|p| p.softap_name.as_deref()))
    {
        return format!(
            "join the device's Wi-Fi network {:?} first ({addr} is its address there), \
             or pass --device HOST for a device on your LAN",
            esprov::device_text::escape(name)
        );
    }
    error.help()
}

/// The contract's failure object for `error`, with the device and the CLI's advice.
pub fn failure(error: &Error) -> Failure {
    let peer = peer();
    Failure {
        message: message(error, peer.as_ref()),
        help: help(error, peer.as_ref()),
        ..Failure::new(error, peer.as_ref().map(|p| p.device.clone()))
    }
}

/// Prints a failure the way the user asked for, and returns its exit code.
pub fn report(error: &Error, json: bool) -> i32 {
    if json {
        esprov::contract::print(&failure(error));
    } else {
        print_human(error);
    }
    error.exit_code()
}

/// Prints `error: …` and `help: …` on standard error.
pub fn print_human(error: &Error) {
    let peer = peer();
    eprintln!(
        "{} {}",
        super::term::red("error:"),
        esprov::device_text::controls(&message(error, peer.as_ref()))
    );
    eprintln!(
        "  {} {}",
        super::term::cyan("help:"),
        help(error, peer.as_ref())
    );
}
