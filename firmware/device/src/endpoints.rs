//! The endpoint table: standard endpoints in ESP-IDF's GATT order, then custom ones.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use esprov_proto::endpoint::{Endpoint, FIRST_CUSTOM_BLE_ID, STANDARD};

use crate::error::ManagerError;

/// A custom endpoint's handler failed; the transport fails the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandlerFailed;

/// The application's handler for a custom endpoint (plaintext in, plaintext out).
pub trait CustomHandler: Send {
    /// Answers one request of transport session `session_id`.
    fn handle(&mut self, session_id: u32, request: &[u8]) -> Result<Vec<u8>, HandlerFailed>;
}

impl<F> CustomHandler for F
where
    F: FnMut(u32, &[u8]) -> Result<Vec<u8>, HandlerFailed> + Send,
{
    fn handle(&mut self, session_id: u32, request: &[u8]) -> Result<Vec<u8>, HandlerFailed> {
        self(session_id, request)
    }
}

/// One row of the endpoint table, as the BLE transport needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointInfo {
    /// The endpoint and its wire name.
    pub endpoint: Endpoint,
    /// Its 16-bit BLE id (characteristic UUID bytes 12–13).
    pub ble_id: u16,
}

struct Entry {
    info: EndpointInfo,
    handler: Option<Box<dyn CustomHandler>>,
}

/// All endpoints the manager knows, with the handlers of registered custom ones.
pub(crate) struct EndpointTable {
    entries: Vec<Entry>,
}

impl EndpointTable {
    /// The standard endpoints; `prov-scan` only when scanning is offered.
    pub(crate) fn new(wifi_scan: bool) -> Self {
        let entries = STANDARD
            .iter()
            .filter(|(endpoint, _)| wifi_scan || *endpoint != Endpoint::ProvScan)
            .map(|(endpoint, ble_id)| Entry {
                info: EndpointInfo {
                    endpoint: endpoint.clone(),
                    ble_id: *ble_id,
                },
                handler: None,
            })
            .collect();
        EndpointTable { entries }
    }

    /// Every row in table order.
    pub(crate) fn infos(&self) -> impl Iterator<Item = &EndpointInfo> {
        self.entries.iter().map(|entry| &entry.info)
    }

    /// The endpoint a wire name refers to, if the table has it.
    pub(crate) fn lookup(&self, name: &str) -> Option<&Endpoint> {
        self.entries
            .iter()
            .map(|entry| &entry.info.endpoint)
            .find(|endpoint| endpoint.name() == name)
    }

    /// Adds a custom endpoint with the next free BLE id.
    pub(crate) fn create(&mut self, name: &str) -> Result<u16, ManagerError> {
        if Endpoint::from_name(name) != Endpoint::Custom(String::from(name)) {
            return Err(ManagerError::DuplicateEndpoint);
        }
        if self.lookup(name).is_some() {
            return Err(ManagerError::DuplicateEndpoint);
        }
        let customs = self.entries.iter().filter(|e| is_custom(&e.info)).count();
        let ble_id = u16::try_from(customs)
            .ok()
            .and_then(|n| FIRST_CUSTOM_BLE_ID.checked_add(n))
            .ok_or(ManagerError::NoEndpointId)?;
        self.entries.push(Entry {
            info: EndpointInfo {
                endpoint: Endpoint::Custom(String::from(name)),
                ble_id,
            },
            handler: None,
        });
        Ok(ble_id)
    }

    /// Installs the handler of a created custom endpoint.
    pub(crate) fn register(
        &mut self,
        name: &str,
        handler: Box<dyn CustomHandler>,
    ) -> Result<(), ManagerError> {
        let entry = self.custom_mut(name).ok_or(ManagerError::UnknownEndpoint)?;
        entry.handler = Some(handler);
        Ok(())
    }

    /// Removes the handler of a custom endpoint; the id stays reserved.
    pub(crate) fn unregister(&mut self, name: &str) -> Result<(), ManagerError> {
        let entry = self.custom_mut(name).ok_or(ManagerError::UnknownEndpoint)?;
        entry.handler = None;
        Ok(())
    }

    /// Drops every custom handler, as stopping the service does.
    pub(crate) fn unregister_all(&mut self) {
        for entry in &mut self.entries {
            entry.handler = None;
        }
    }

    /// Whether a custom endpoint has a handler now.
    pub(crate) fn is_registered(&self, name: &str) -> bool {
        self.entries
            .iter()
            .any(|e| is_custom(&e.info) && e.info.endpoint.name() == name && e.handler.is_some())
    }

    /// The handler of a registered custom endpoint.
    pub(crate) fn handler_mut(&mut self, name: &str) -> Option<&mut Box<dyn CustomHandler>> {
        self.custom_mut(name)?.handler.as_mut()
    }

    fn custom_mut(&mut self, name: &str) -> Option<&mut Entry> {
        self.entries
            .iter_mut()
            .find(|e| is_custom(&e.info) && e.info.endpoint.name() == name)
    }
}

fn is_custom(info: &EndpointInfo) -> bool {
    matches!(info.endpoint, Endpoint::Custom(_))
}
