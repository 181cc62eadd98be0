//! One BLE link to the device: ATT reads, read blobs, write requests and prepared writes.

use std::collections::HashMap;

use super::{att, BleStack, GattTable};
use crate::protocomm::{HandlerError, SharedProtocomm};

/// Why an ATT operation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GattError {
    /// The device answered with an ATT error response carrying this code.
    #[error("ATT error 0x{0:02x}")]
    Att(u8),
    /// The link is gone (the device tore it down or it was closed); a new session is needed.
    #[error("the BLE link is disconnected")]
    Disconnected,
}

/// A connected central's view of the device, with its own protocomm session.
pub struct GattConnection {
    device: SharedProtocomm,
    table: GattTable,
    stack: BleStack,
    session_id: u32,
    mtu: u16,
    values: HashMap<u16, Vec<u8>>,
    prepared: Option<(u16, Vec<u8>)>,
    connected: bool,
}

impl GattConnection {
    pub(super) fn open(
        device: SharedProtocomm,
        table: GattTable,
        stack: BleStack,
        session_id: u32,
        mtu: u16,
    ) -> Self {
        if let Ok(mut device) = device.lock() {
            device.open_session(session_id);
        }
        GattConnection {
            device,
            table,
            stack,
            session_id,
            mtu,
            values: HashMap::new(),
            prepared: None,
            connected: true,
        }
    }

    /// The negotiated ATT MTU; a read returns at most MTU−1 bytes.
    pub fn mtu(&self) -> u16 {
        self.mtu
    }

    /// The protocomm session id of this link (the connection id).
    pub fn session_id(&self) -> u32 {
        self.session_id
    }

    /// Whether the link is still up.
    pub fn is_connected(&self) -> bool {
        self.connected
    }

    /// The attribute table, as service discovery finds it.
    pub fn table(&self) -> &GattTable {
        &self.table
    }

    /// The host stack whose behaviour this link follows.
    pub fn stack(&self) -> BleStack {
        self.stack
    }

    /// ATT Read (offset 0) or Read Blob: at most MTU−1 bytes of the value from `offset`.
    pub fn read(&self, handle: u16, offset: usize) -> Result<Vec<u8>, GattError> {
        self.ensure_connected()?;
        let value = self.attribute_value(handle)?;
        let rest = value
            .get(offset..)
            .ok_or(GattError::Att(att::INVALID_OFFSET))?;
        let take = rest.len().min(usize::from(self.mtu) - 1);
        Ok(rest[..take].to_vec())
    }

    /// ATT Write Request: the whole value in one PDU (at most MTU−3 bytes).
    pub fn write(&mut self, handle: u16, value: &[u8]) -> Result<(), GattError> {
        self.ensure_connected()?;
        if value.len() > usize::from(self.mtu) - 3 {
            return Err(GattError::Att(att::INVALID_ATTRIBUTE_VALUE_LENGTH));
        }
        self.commit(handle, value)
    }

    /// ATT Prepare Write Request: queues `part` at `offset` of a long value.
    pub fn prepare_write(
        &mut self,
        handle: u16,
        offset: usize,
        part: &[u8],
    ) -> Result<(), GattError> {
        self.ensure_connected()?;
        self.table
            .by_value_handle(handle)
            .ok_or(GattError::Att(att::INVALID_HANDLE))?;
        let limit = self.stack.value_limit();
        if offset > limit {
            return Err(GattError::Att(att::INVALID_OFFSET));
        }
        if offset + part.len() > limit {
            return Err(GattError::Att(att::INVALID_ATTRIBUTE_VALUE_LENGTH));
        }
        let buffer = match &mut self.prepared {
            Some((queued, buffer)) if *queued == handle => buffer,
            _ => &mut self.prepared.insert((handle, Vec::new())).1,
        };
        if offset != buffer.len() {
            return Err(GattError::Att(att::INVALID_OFFSET));
        }
        buffer.extend_from_slice(part);
        Ok(())
    }

    /// ATT Execute Write Request: delivers the queued value (or drops it when `commit` is false).
    pub fn execute_write(&mut self, commit: bool) -> Result<(), GattError> {
        self.ensure_connected()?;
        match self.prepared.take() {
            Some((handle, value)) if commit => self.commit(handle, &value),
            _ => Ok(()),
        }
    }

    /// What a central's stack does for a write-with-response of any length: one Write Request,
    /// or Prepare Write chunks of MTU−5 bytes followed by Execute Write.
    pub fn write_long(&mut self, handle: u16, value: &[u8]) -> Result<(), GattError> {
        if value.len() <= usize::from(self.mtu) - 3 {
            return self.write(handle, value);
        }
        let chunk = usize::from(self.mtu) - 5;
        for (index, part) in value.chunks(chunk).enumerate() {
            if let Err(error) = self.prepare_write(handle, index * chunk, part) {
                self.prepared = None;
                return Err(error);
            }
        }
        self.execute_write(true)
    }

    /// What a central's stack does for a long read: Read, then Read Blob until a short answer.
    pub fn read_long(&self, handle: u16) -> Result<Vec<u8>, GattError> {
        let full = usize::from(self.mtu) - 1;
        let mut value = self.read(handle, 0)?;
        let mut last = value.len();
        while last == full {
            let more = self.read(handle, value.len())?;
            last = more.len();
            value.extend_from_slice(&more);
        }
        Ok(value)
    }

    /// Ends the link from either side; the device closes the protocomm session.
    pub fn disconnect(&mut self) {
        if !self.connected {
            return;
        }
        self.connected = false;
        self.prepared = None;
        if let Ok(mut device) = self.device.lock() {
            device.close_session(self.session_id);
        }
    }

    fn ensure_connected(&self) -> Result<(), GattError> {
        if self.connected {
            Ok(())
        } else {
            Err(GattError::Disconnected)
        }
    }

    fn attribute_value(&self, handle: u16) -> Result<&[u8], GattError> {
        if self.table.by_value_handle(handle).is_some() {
            return Ok(self.values.get(&handle).map_or(&[][..], Vec::as_slice));
        }
        let described = self
            .table
            .by_description_handle(handle)
            .ok_or(GattError::Att(att::INVALID_HANDLE))?;
        if self.table.descriptors == super::DescriptorMode::Unreadable {
            return Err(GattError::Att(att::READ_NOT_PERMITTED));
        }
        Ok(described.name.as_bytes())
    }

    /// Runs the protocomm handler inside the write, as ESP-IDF does, and stores the response.
    fn commit(&mut self, handle: u16, request: &[u8]) -> Result<(), GattError> {
        let endpoint = self
            .table
            .by_value_handle(handle)
            .ok_or(GattError::Att(att::INVALID_HANDLE))?
            .name
            .clone();
        if request.is_empty() && self.stack == BleStack::NimBle {
            return Ok(());
        }
        if request.len() > self.stack.value_limit() {
            return Err(GattError::Att(att::INVALID_ATTRIBUTE_VALUE_LENGTH));
        }
        match self.run_handler(&endpoint, request) {
            Ok(response) if response.len() <= self.stack.value_limit() => {
                self.values.insert(handle, response);
                Ok(())
            }
            // The response does not fit the attribute: it is not stored and the old value stays.
            Ok(_) => Ok(()),
            Err(_) if self.stack == BleStack::NimBle => Err(GattError::Att(att::INVALID_PDU)),
            Err(_) => {
                self.disconnect();
                Err(GattError::Disconnected)
            }
        }
    }

    fn run_handler(&self, endpoint: &str, request: &[u8]) -> Result<Vec<u8>, HandlerError> {
        let mut device = self
            .device
            .lock()
            .map_err(|_| HandlerError("device state poisoned".into()))?;
        device.handle(endpoint, self.session_id, request)
    }
}

impl Drop for GattConnection {
    fn drop(&mut self) {
        self.disconnect();
    }
}
