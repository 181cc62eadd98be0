//! A [`GattClient`] over esprov-sim's in-process GATT model: the BLE transport without a radio.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use esprov_sim::gatt::{GattConnection, GattError, GattServer};
use uuid::Uuid;

use super::client::{GattCharacteristic, GattClient, GattFailure, GattService};
use super::endpoints::USER_DESCRIPTION_UUID;

type Link = Arc<Mutex<Option<GattConnection>>>;

/// A virtual peripheral: connects to a [`GattServer`] and performs what a central's BLE stack
/// would (MTU exchange, long writes as prepared writes, long reads as read blobs).
pub struct SimPeripheral {
    server: Arc<Mutex<GattServer>>,
    link: Link,
    client_mtu: u16,
}

/// Lets a test drop the link from the device side, as a reset or range loss would.
#[derive(Clone)]
pub struct LinkSwitch(Link);

impl LinkSwitch {
    /// Tears the link down; the device closes the session.
    pub fn drop_link(&self) {
        if let Ok(mut link) = self.0.lock() {
            if let Some(connection) = link.as_mut() {
                connection.disconnect();
            }
        }
    }
}

impl SimPeripheral {
    /// A peripheral in front of `server`, whose central asks for `client_mtu` (BlueZ asks 517).
    pub fn new(server: Arc<Mutex<GattServer>>, client_mtu: u16) -> Self {
        SimPeripheral {
            server,
            link: Arc::new(Mutex::new(None)),
            client_mtu,
        }
    }

    /// A handle that drops the link later.
    pub fn link_switch(&self) -> LinkSwitch {
        LinkSwitch(self.link.clone())
    }

    fn with_link<T>(
        &self,
        op: impl FnOnce(&mut GattConnection) -> Result<T, GattError>,
    ) -> Result<T, GattFailure> {
        let mut link = self
            .link
            .lock()
            .map_err(|_| GattFailure::Other("link state poisoned".into()))?;
        let connection = link
            .as_mut()
            .ok_or_else(|| GattFailure::Disconnected("not connected".into()))?;
        op(connection).map_err(failure)
    }

    fn value_handle(connection: &GattConnection, characteristic: Uuid) -> Result<u16, GattError> {
        let uuid = esprov_proto::uuid::Uuid128(*characteristic.as_bytes());
        connection
            .table()
            .by_uuid(uuid)
            .map(|c| c.value_handle)
            .ok_or(GattError::Att(esprov_sim::gatt::att::INVALID_HANDLE))
    }
}

fn failure(error: GattError) -> GattFailure {
    match error {
        GattError::Att(code) => GattFailure::Att {
            code,
            message: format!("ATT error 0x{code:02x}"),
        },
        GattError::Disconnected => GattFailure::Disconnected("the device closed the link".into()),
    }
}

#[async_trait]
impl GattClient for SimPeripheral {
    async fn connect(&mut self) -> Result<(), GattFailure> {
        let connection = self
            .server
            .lock()
            .map_err(|_| GattFailure::Other("server poisoned".into()))?
            .connect(self.client_mtu);
        let mut link = self
            .link
            .lock()
            .map_err(|_| GattFailure::Other("link state poisoned".into()))?;
        *link = Some(connection);
        Ok(())
    }

    async fn discover(&mut self, _refresh: bool) -> Result<Vec<GattService>, GattFailure> {
        self.with_link(|connection| {
            let table = connection.table();
            let characteristics = table
                .characteristics
                .iter()
                .map(|c| GattCharacteristic {
                    uuid: Uuid::from_bytes(c.uuid.0),
                    descriptors: c
                        .description_handle
                        .map(|_| USER_DESCRIPTION_UUID)
                        .into_iter()
                        .collect(),
                })
                .collect();
            Ok(vec![GattService {
                uuid: Uuid::from_bytes(table.service.0),
                characteristics,
            }])
        })
    }

    async fn read_descriptor(
        &mut self,
        _service: Uuid,
        characteristic: Uuid,
        _descriptor: Uuid,
    ) -> Result<Vec<u8>, GattFailure> {
        self.with_link(|connection| {
            let uuid = esprov_proto::uuid::Uuid128(*characteristic.as_bytes());
            let handle = connection
                .table()
                .by_uuid(uuid)
                .and_then(|c| c.description_handle);
            connection
                .read_long(handle.ok_or(GattError::Att(esprov_sim::gatt::att::INVALID_HANDLE))?)
        })
    }

    async fn write(
        &mut self,
        _service: Uuid,
        characteristic: Uuid,
        value: &[u8],
    ) -> Result<(), GattFailure> {
        self.with_link(|connection| {
            let handle = Self::value_handle(connection, characteristic)?;
            connection.write_long(handle, value)
        })
    }

    async fn read(&mut self, _service: Uuid, characteristic: Uuid) -> Result<Vec<u8>, GattFailure> {
        self.with_link(|connection| {
            connection.read_long(Self::value_handle(connection, characteristic)?)
        })
    }

    async fn is_connected(&mut self) -> bool {
        self.with_link(|connection| Ok(connection.is_connected()))
            .unwrap_or(false)
    }

    async fn disconnect(&mut self) {
        if let Ok(mut link) = self.link.lock() {
            link.take();
        }
    }

    fn mtu(&self) -> Option<u16> {
        self.link.lock().ok()?.as_ref().map(GattConnection::mtu)
    }

    fn peer(&self) -> String {
        self.server
            .lock()
            .map(|server| server.config().name.clone())
            .unwrap_or_else(|_| "BLE device".into())
    }
}
