//! A first look at the D-Bus system bus on a thread of its own: libdbus connects synchronously,
//! so a bus socket that accepts but never answers must not be able to hold esprov.

use std::time::Duration;

use dbus::blocking::Connection;

use super::stack::{missing, BLUEZ_FIX, DBUS_FIX};
use crate::Error;

enum Probe {
    NoBus(String),
    NoAnswer(String),
    BluezOwned(bool),
}

/// Checks within `limit` that the system bus answers and that BlueZ owns `org.bluez` on it.
pub async fn probe_bus(limit: Duration) -> Result<(), Error> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("esprov-dbus-probe".into())
        .spawn(move || {
            let _ = tx.send(ask(limit));
        });
    if let Err(error) = spawned {
        return Err(missing(
            format!("cannot start the D-Bus probe ({error})"),
            DBUS_FIX,
        ));
    }
    let silent = || {
        missing(
            format!("the D-Bus system bus did not answer within {limit:?}"),
            DBUS_FIX,
        )
    };
    match tokio::time::timeout(limit, rx).await {
        Ok(Ok(Probe::BluezOwned(true))) => Ok(()),
        Ok(Ok(Probe::BluezOwned(false))) => Err(missing(
            "BlueZ (org.bluez) is not running on the D-Bus system bus",
            BLUEZ_FIX,
        )),
        Ok(Ok(Probe::NoBus(reason))) => Err(missing(
            format!("cannot connect to the D-Bus system bus ({reason})"),
            DBUS_FIX,
        )),
        Ok(Ok(Probe::NoAnswer(reason))) => Err(missing(
            format!("the D-Bus system bus refused a query ({reason})"),
            DBUS_FIX,
        )),
        Ok(Err(_)) | Err(_) => Err(silent()),
    }
}

fn ask(limit: Duration) -> Probe {
    let connection = match Connection::new_system() {
        Ok(connection) => connection,
        Err(error) => return Probe::NoBus(error.message().unwrap_or("unknown error").to_string()),
    };
    let bus = connection.with_proxy("org.freedesktop.DBus", "/org/freedesktop/DBus", limit);
    match bus.method_call("org.freedesktop.DBus", "NameHasOwner", ("org.bluez",)) {
        Ok((owned,)) => Probe::BluezOwned(owned),
        Err(error) => Probe::NoAnswer(error.message().unwrap_or("unknown error").to_string()),
    }
}
