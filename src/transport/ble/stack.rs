//! Reaching the Bluetooth stack: D-Bus, BlueZ and a powered adapter, or a fast, precise error.

use btleplug::api::{Central, CentralState, Manager as _};
use btleplug::platform::{Adapter, Manager};

use super::bounded::bounded;
use super::native::dbus_error;
use super::options::BleOptions;
use crate::Error;

/// The error for a missing part of the Bluetooth stack, with its fix.
pub(super) fn missing(missing: impl Into<String>, fix: impl Into<String>) -> Error {
    Error::NoBluetooth {
        missing: missing.into(),
        fix: fix.into(),
    }
}

/// How to get BlueZ running.
pub(super) const BLUEZ_FIX: &str =
    "install and start BlueZ (Debian/Ubuntu: `apt install bluez` then `systemctl start bluetooth`)";
/// How to get a D-Bus system bus.
pub(super) const DBUS_FIX: &str =
    "start the D-Bus system bus (`systemctl start dbus`), or point DBUS_SYSTEM_BUS_ADDRESS at it";

/// The adapter to scan and connect with: `options.adapter` or the first one, checked powered.
pub async fn open_adapter(options: &BleOptions) -> Result<Adapter, Error> {
    let limit = options.stack_timeout;
    #[cfg(target_os = "linux")]
    super::probe::probe_bus(limit).await?;
    let manager = bounded(limit, "the D-Bus system bus", tokio::spawn(Manager::new()))
        .await
        .map_err(|_| {
            missing(
                format!("the D-Bus system bus did not answer within {limit:?}"),
                DBUS_FIX,
            )
        })?
        .map_err(|join| {
            missing(
                format!("the Bluetooth manager task failed: {join}"),
                DBUS_FIX,
            )
        })?
        .map_err(|error| {
            missing(
                format!("cannot connect to the D-Bus system bus ({error})"),
                DBUS_FIX,
            )
        })?;
    let adapters = bounded(limit, "BlueZ", manager.adapters())
        .await
        .map_err(|_| {
            missing(
                format!("BlueZ (org.bluez) did not answer within {limit:?}"),
                BLUEZ_FIX,
            )
        })?
        .map_err(bluez_error)?;
    let adapter = pick(adapters, options).await?;
    let name = describe(&adapter).await;
    match bounded(limit, "the adapter state", adapter.adapter_state()).await {
        Ok(Ok(CentralState::PoweredOn)) => Ok(adapter),
        Ok(Ok(_)) => Err(missing(
            format!("Bluetooth adapter {name} is powered off"),
            "power it on: `bluetoothctl power on` (and `rfkill unblock bluetooth` if it is blocked)",
        )),
        _ => Err(missing(format!("Bluetooth adapter {name} did not report its state"), BLUEZ_FIX)),
    }
}

/// The error for a failed first call to BlueZ, by D-Bus error name.
fn bluez_error(error: btleplug::Error) -> Error {
    let Some((name, message)) = dbus_error(&error) else {
        return missing(format!("BlueZ is unusable ({error})"), BLUEZ_FIX);
    };
    if name.ends_with("ServiceUnknown") || name.ends_with("NameHasNoOwner") {
        return missing(
            "BlueZ (org.bluez) is not running on the D-Bus system bus",
            BLUEZ_FIX,
        );
    }
    if name.ends_with("AccessDenied") {
        return missing(
            format!("the D-Bus policy denies access to BlueZ ({message})"),
            "add your user to the `bluetooth` group (then log in again), or run esprov with the needed privileges",
        );
    }
    missing(format!("BlueZ answered {name}: {message}"), BLUEZ_FIX)
}

async fn describe(adapter: &Adapter) -> String {
    let info = adapter.adapter_info().await.unwrap_or_default();
    info.split_whitespace()
        .next()
        .unwrap_or("(unnamed)")
        .to_string()
}

async fn pick(adapters: Vec<Adapter>, options: &BleOptions) -> Result<Adapter, Error> {
    let mut names = Vec::new();
    for adapter in adapters {
        let name = describe(&adapter).await;
        if options
            .adapter
            .as_deref()
            .is_none_or(|wanted| wanted == name)
        {
            return Ok(adapter);
        }
        names.push(name);
    }
    match &options.adapter {
        Some(wanted) => Err(missing(
            format!("no Bluetooth adapter named {wanted} (found: {})", names.join(", ")),
            "pass one of the listed names to --adapter, or omit --adapter",
        )),
        None => Err(missing(
            "no Bluetooth adapter",
            "plug in or enable a Bluetooth adapter; `bluetoothctl list` and `rfkill list` show what the system sees",
        )),
    }
}
