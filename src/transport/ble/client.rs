//! The small GATT client surface the BLE transport needs, so it runs over btleplug or a fake.

use async_trait::async_trait;
use uuid::Uuid;

/// One characteristic as service discovery reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GattCharacteristic {
    /// The characteristic UUID.
    pub uuid: Uuid,
    /// The UUIDs of its descriptors (0x2901 names the endpoint).
    pub descriptors: Vec<Uuid>,
}

/// One service with its characteristics, as service discovery reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GattService {
    /// The service UUID.
    pub uuid: Uuid,
    /// Its characteristics in discovery order.
    pub characteristics: Vec<GattCharacteristic>,
}

/// Why a GATT operation failed, in the terms the transport needs to decide what to tell the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GattFailure {
    /// The link is down (dropped by the device or never up).
    #[error("disconnected: {0}")]
    Disconnected(String),
    /// The peer answered with an ATT error code.
    #[error("ATT error 0x{code:02x}: {message}")]
    Att {
        /// The ATT error code.
        code: u8,
        /// The stack's words for it.
        message: String,
    },
    /// The attribute is not in the (possibly cached) GATT database.
    #[error("not found: {0}")]
    NotFound(String),
    /// Anything else the stack reported.
    #[error("{0}")]
    Other(String),
}

/// A connected-or-connectable GATT peripheral, the way the BLE transport drives it.
///
/// Implementations leave timeouts to the caller, which bounds every call; long values are the
/// implementation's job (prepared writes and read blobs), as every desktop BLE stack does them.
#[async_trait]
pub trait GattClient: Send {
    /// Connects to the peripheral.
    async fn connect(&mut self) -> Result<(), GattFailure>;
    /// Lists services, characteristics and descriptors; `refresh` asks for a fresh discovery
    /// instead of the stack's cached database.
    async fn discover(&mut self, refresh: bool) -> Result<Vec<GattService>, GattFailure>;
    /// Reads a descriptor's value.
    async fn read_descriptor(
        &mut self,
        service: Uuid,
        characteristic: Uuid,
        descriptor: Uuid,
    ) -> Result<Vec<u8>, GattFailure>;
    /// Writes a characteristic with response (Write Request, or prepared writes when long).
    async fn write(
        &mut self,
        service: Uuid,
        characteristic: Uuid,
        value: &[u8],
    ) -> Result<(), GattFailure>;
    /// Reads a characteristic's whole value (Read, then Read Blob as needed).
    async fn read(&mut self, service: Uuid, characteristic: Uuid) -> Result<Vec<u8>, GattFailure>;
    /// Whether the link is up, as far as the stack knows.
    async fn is_connected(&mut self) -> bool;
    /// Drops the link.
    async fn disconnect(&mut self);
    /// The negotiated ATT MTU, when the stack tells it.
    fn mtu(&self) -> Option<u16>;
    /// The peer's name or address for messages.
    fn peer(&self) -> String;
}
