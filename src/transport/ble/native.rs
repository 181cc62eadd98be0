//! [`GattClient`] over btleplug (BlueZ on Linux, CoreBluetooth on macOS, WinRT on Windows).

use std::collections::BTreeSet;

use async_trait::async_trait;
use btleplug::api::{CharPropFlags, Characteristic, Descriptor, Peripheral as _, WriteType};
use btleplug::platform::Peripheral;
use uuid::Uuid;

use super::client::{GattCharacteristic, GattClient, GattFailure, GattService};

/// A btleplug peripheral found by a scan.
pub struct NativePeripheral {
    peripheral: Peripheral,
    label: String,
}

impl NativePeripheral {
    /// Wraps `peripheral`, naming it `label` (its advertised name and address) in messages.
    pub fn new(peripheral: Peripheral, label: String) -> Self {
        NativePeripheral { peripheral, label }
    }
}

fn characteristic(service: Uuid, uuid: Uuid) -> Characteristic {
    Characteristic {
        uuid,
        service_uuid: service,
        properties: CharPropFlags::READ | CharPropFlags::WRITE,
        descriptors: BTreeSet::new(),
    }
}

#[async_trait]
impl GattClient for NativePeripheral {
    async fn connect(&mut self) -> Result<(), GattFailure> {
        if self.peripheral.is_connected().await.unwrap_or(false) {
            return Ok(());
        }
        self.peripheral.connect().await.map_err(failure)
    }

    async fn discover(&mut self, refresh: bool) -> Result<Vec<GattService>, GattFailure> {
        if refresh {
            // A reconnect lets the stack notice a changed database (BlueZ compares the DB hash).
            let _ = self.peripheral.disconnect().await;
            self.peripheral.connect().await.map_err(failure)?;
        }
        self.peripheral.discover_services().await.map_err(failure)?;
        Ok(self
            .peripheral
            .services()
            .into_iter()
            .map(|service| GattService {
                uuid: service.uuid,
                characteristics: service
                    .characteristics
                    .into_iter()
                    .map(|c| GattCharacteristic {
                        uuid: c.uuid,
                        descriptors: c.descriptors.into_iter().map(|d| d.uuid).collect(),
                    })
                    .collect(),
            })
            .collect())
    }

    async fn read_descriptor(
        &mut self,
        service: Uuid,
        characteristic: Uuid,
        descriptor: Uuid,
    ) -> Result<Vec<u8>, GattFailure> {
        let descriptor = Descriptor {
            uuid: descriptor,
            service_uuid: service,
            characteristic_uuid: characteristic,
        };
        self.peripheral
            .read_descriptor(&descriptor)
            .await
            .map_err(failure)
    }

    async fn write(&mut self, service: Uuid, uuid: Uuid, value: &[u8]) -> Result<(), GattFailure> {
        let target = characteristic(service, uuid);
        self.peripheral
            .write(&target, value, WriteType::WithResponse)
            .await
            .map_err(failure)
    }

    async fn read(&mut self, service: Uuid, uuid: Uuid) -> Result<Vec<u8>, GattFailure> {
        self.peripheral
            .read(&characteristic(service, uuid))
            .await
            .map_err(failure)
    }

    async fn is_connected(&mut self) -> bool {
        self.peripheral.is_connected().await.unwrap_or(false)
    }

    async fn disconnect(&mut self) {
        let _ = self.peripheral.disconnect().await;
    }

    fn mtu(&self) -> Option<u16> {
        Some(self.peripheral.mtu())
    }

    fn peer(&self) -> String {
        self.label.clone()
    }
}

/// Sorts a btleplug error into what the transport acts on.
fn failure(error: btleplug::Error) -> GattFailure {
    if let Some((name, message)) = dbus_error(&error) {
        return from_bluez(&name, &message);
    }
    match error {
        btleplug::Error::NotConnected => GattFailure::Disconnected("not connected".into()),
        btleplug::Error::DeviceNotFound | btleplug::Error::NoSuchCharacteristic => {
            GattFailure::NotFound(error.to_string())
        }
        other => GattFailure::Other(other.to_string()),
    }
}

/// BlueZ's D-Bus error (name, message) under a btleplug error, where there is one.
pub(super) fn dbus_error(error: &btleplug::Error) -> Option<(String, String)> {
    #[cfg(target_os = "linux")]
    if let btleplug::Error::Other(inner) = error {
        if let Some(bluez_async::BluetoothError::DbusError(dbus)) = inner.downcast_ref() {
            let name = dbus.name().unwrap_or_default().to_string();
            return Some((name, dbus.message().unwrap_or_default().to_string()));
        }
    }
    let _ = error;
    None
}

/// BlueZ's GATT client errors (org.bluez.Error.*) as ATT codes or link states.
pub(super) fn from_bluez(name: &str, message: &str) -> GattFailure {
    let short = name.rsplit('.').next().unwrap_or(name);
    let att = |code: u8| GattFailure::Att {
        code,
        message: format!("{name}: {message}"),
    };
    if short == "InvalidValueLength" || message.contains("Invalid Length") {
        return att(0x0d);
    }
    if short == "InvalidOffset" || message.contains("Invalid offset") {
        return att(0x07);
    }
    if let Some(code) = message
        .split("ATT error: 0x")
        .nth(1)
        .and_then(|hex| u8::from_str_radix(hex.get(..2)?, 16).ok())
    {
        return att(code);
    }
    if short == "NotConnected" || message.contains("Not connected") {
        return GattFailure::Disconnected(format!("{name}: {message}"));
    }
    if short == "UnknownObject" || short == "UnknownMethod" || short == "DoesNotExist" {
        return GattFailure::NotFound(format!("{name}: {message}"));
    }
    GattFailure::Other(format!("{name}: {message}"))
}
