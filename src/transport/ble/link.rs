//! The BLE transport: one protocomm transaction = write-with-response, then read, of one characteristic.

use async_trait::async_trait;
use uuid::Uuid;

use super::bounded::{bounded, bounded_request};
use super::client::{GattClient, GattFailure, GattService};
use super::endpoints::{
    choose_service, descriptor_name, EndpointMap, MapSource, USER_DESCRIPTION_UUID,
};
use super::options::{refused_limit, BleOptions};
use crate::transport::Transport;
use crate::Error;

/// What to tell a user whose BlueZ may hold an outdated copy of the device's GATT table.
pub const STALE_CACHE_HELP: &str = "BlueZ may hold a stale GATT cache for this device (for example \
after reflashing it): remove the device with `bluetoothctl remove <ADDRESS>` and scan again, or set \
`Cache = no` in the [GATT] section of /etc/bluetooth/main.conf";

/// A connected BLE provisioning device, usable by [`crate::session::Session`].
pub struct BleTransport {
    client: Box<dyn GattClient>,
    map: EndpointMap,
    options: BleOptions,
    lost: Option<String>,
}

impl BleTransport {
    /// Connects through `client`, discovers the GATT table and builds the endpoint map, retrying
    /// connect and discovery up to `options.retries` times. `advertised` are the service UUIDs the
    /// device advertised (they pick the service when `options.service_uuid` is unset).
    pub async fn open(
        mut client: Box<dyn GattClient>,
        options: BleOptions,
        advertised: &[Uuid],
    ) -> Result<Self, Error> {
        let mut attempt = 0;
        loop {
            match connect_and_map(client.as_mut(), &options, advertised).await {
                Ok(map) => {
                    let (service, source, mtu) = (map.service, map.source, client.mtu());
                    tracing::debug!(%service, ?source, ?mtu, "BLE endpoints mapped");
                    return Ok(BleTransport {
                        client,
                        map,
                        options,
                        lost: None,
                    });
                }
                Err(error) if attempt < options.retries && is_retriable(&error) => {
                    attempt += 1;
                    tracing::debug!("BLE connect attempt {attempt} failed: {error}; retrying");
                    let _ =
                        bounded(options.op_timeout, "BLE disconnect", client.disconnect()).await;
                }
                Err(error) => return Err(error),
            }
        }
    }

    /// The endpoint map in use.
    pub fn endpoints(&self) -> &EndpointMap {
        &self.map
    }

    /// The characteristic of `endpoint`, or an error that lists what the device has.
    fn characteristic(&self, endpoint: &str) -> Result<Uuid, Error> {
        self.map.get(endpoint).ok_or_else(|| {
            let why = match self.map.source {
                MapSource::Descriptors => String::new(),
                MapSource::DerivedIds => {
                    " (the 0x2901 descriptors could not be read, so custom endpoints are named by id, e.g. 0xff54)".into()
                }
            };
            Error::Unsupported(format!(
                "the device has no `{endpoint}` characteristic; it has {}{why}",
                self.map.names().join(", ")
            ))
        })
    }

    /// The error for a failed write (`len` bytes) or read (`len` 0) of `endpoint`.
    async fn fail(&mut self, endpoint: &str, len: usize, failure: GattFailure) -> Error {
        let connected = bounded(
            self.options.op_timeout,
            "BLE link state",
            self.client.is_connected(),
        )
        .await;
        match failure {
            GattFailure::Att { code: 0x0d | 0x07, .. } => {
                Error::RequestTooLarge { endpoint: endpoint.into(), len, limit: refused_limit(len) }
            }
            GattFailure::Att { code: 0x04, .. } => Error::Rejected {
                endpoint: endpoint.into(),
                reason: "the device failed the request (ATT error 0x04); its stored answer is stale and was not read".into(),
            },
            // The link was up when the write started: the device tore it down to refuse the request.
            GattFailure::Disconnected(_) if len > 0 => self.refused(endpoint),
            GattFailure::Disconnected(reason) => self.lose(reason),
            _ if !matches!(connected, Ok(true)) => self.lose(failure.to_string()),
            GattFailure::NotFound(what) | GattFailure::Att { code: 0x01, message: what } => Error::Unreachable {
                peer: self.client.peer(),
                reason: format!("{endpoint} characteristic not found ({what}); {STALE_CACHE_HELP}"),
            },
            other => Error::Rejected { endpoint: endpoint.into(), reason: other.to_string() },
        }
    }

    /// Bluedroid's refusal: the handler failed and the device closed the link (as protocomm_httpd
    /// closes the socket). During the handshake that means wrong secrets.
    fn refused(&mut self, endpoint: &str) -> Error {
        self.lost = Some(format!(
            "the device closed the BLE link to refuse {endpoint}"
        ));
        if endpoint == esprov_proto::endpoint::Endpoint::ProvSession.name() {
            return Error::Security(
                "the device closed the BLE link during the handshake: wrong PoP or credentials?"
                    .into(),
            );
        }
        Error::Rejected {
            endpoint: endpoint.into(),
            reason: "the device closed the BLE link instead of answering; a new session is needed"
                .into(),
        }
    }

    fn lose(&mut self, reason: String) -> Error {
        let reason = format!(
            "the BLE link dropped ({reason}); the device closed its protocomm session, so a new session is needed"
        );
        self.lost = Some(reason.clone());
        Error::TransportLost {
            peer: self.client.peer(),
            reason,
        }
    }
}

#[async_trait]
impl Transport for BleTransport {
    async fn request(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        if let Some(reason) = &self.lost {
            return Err(Error::TransportLost {
                peer: self.client.peer(),
                reason: reason.clone(),
            });
        }
        let characteristic = self.characteristic(endpoint)?;
        if payload.len() > self.options.value_limit {
            let limit = self.options.value_limit;
            return Err(Error::RequestTooLarge {
                endpoint: endpoint.into(),
                len: payload.len(),
                limit,
            });
        }
        let up = bounded(
            self.options.op_timeout,
            "BLE link state",
            self.client.is_connected(),
        )
        .await?;
        if !up {
            return Err(self.lose("the device is no longer connected".into()));
        }
        let service = self.map.service;
        let what = format!("BLE write to {endpoint} on {}", self.client.peer());
        let written = bounded_request(
            self.options.op_timeout,
            &what,
            self.client.write(service, characteristic, payload),
        )
        .await?;
        if let Err(failure) = written {
            // Never read after a failed write: the characteristic still holds the previous answer.
            return Err(self.fail(endpoint, payload.len(), failure).await);
        }
        let what = format!("BLE read of {endpoint} on {}", self.client.peer());
        match bounded_request(
            self.options.op_timeout,
            &what,
            self.client.read(service, characteristic),
        )
        .await?
        {
            Ok(response) => Ok(response),
            Err(failure) => Err(self.fail(endpoint, 0, failure).await),
        }
    }

    fn max_request_len(&self) -> Option<usize> {
        Some(self.options.value_limit)
    }

    fn peer(&self) -> String {
        self.client.peer()
    }

    async fn close(&mut self) {
        let _ = bounded(
            self.options.op_timeout,
            "BLE disconnect",
            self.client.disconnect(),
        )
        .await;
        self.lost = Some("the connection was closed".into());
    }
}

fn is_retriable(error: &Error) -> bool {
    matches!(
        error,
        Error::Unreachable { .. }
            | Error::Timeout { .. }
            | Error::RequestTimeout { .. }
            | Error::TransportLost { .. }
    )
}

/// Connect, discover, and map; a map that cannot be built triggers one fresh discovery.
async fn connect_and_map(
    client: &mut dyn GattClient,
    options: &BleOptions,
    advertised: &[Uuid],
) -> Result<EndpointMap, Error> {
    let peer = client.peer();
    let unreachable = |reason: String| Error::Unreachable {
        peer: peer.clone(),
        reason,
    };
    bounded(options.connect_timeout, "BLE connect", client.connect())
        .await?
        .map_err(|failure| unreachable(format!("BLE connect failed: {failure}")))?;
    for refresh in [false, true] {
        let services = bounded(
            options.op_timeout,
            "GATT service discovery",
            client.discover(refresh),
        )
        .await?
        .map_err(|failure| unreachable(format!("GATT service discovery failed: {failure}")))?;
        if let Some(map) = map_endpoints(client, options, &services, advertised).await? {
            return Ok(map);
        }
    }
    let wanted = options.service_uuid.map_or_else(
        || "a provisioning service".to_string(),
        |uuid| format!("service {uuid}"),
    );
    Err(unreachable(format!(
        "{wanted} with the prov-session, prov-config and proto-ver endpoints was not found; {STALE_CACHE_HELP} \
         (or pass --service-uuid if the device uses a custom service)"
    )))
}

/// The endpoint map from the 0x2901 names, or from the derived ids when the names are unreadable.
async fn map_endpoints(
    client: &mut dyn GattClient,
    options: &BleOptions,
    services: &[GattService],
    advertised: &[Uuid],
) -> Result<Option<EndpointMap>, Error> {
    let Some(service) = choose_service(services, options.service_uuid, advertised) else {
        return Ok(None);
    };
    let mut names = Vec::new();
    for characteristic in &service.characteristics {
        if !characteristic.descriptors.contains(&USER_DESCRIPTION_UUID) {
            continue;
        }
        let read = client.read_descriptor(service.uuid, characteristic.uuid, USER_DESCRIPTION_UUID);
        match bounded(options.op_timeout, "0x2901 descriptor read", read).await? {
            Ok(value) => {
                names.extend(descriptor_name(&value).map(|name| (name, characteristic.uuid)))
            }
            Err(GattFailure::Disconnected(reason)) => {
                return Err(Error::TransportLost {
                    peer: client.peer(),
                    reason,
                });
            }
            Err(failure) => tracing::debug!(
                "descriptor of {} unreadable: {failure}",
                characteristic.uuid
            ),
        }
    }
    let map = EndpointMap::from_names(service.uuid, names)
        .unwrap_or_else(|| EndpointMap::derived(service));
    Ok(map.is_complete().then_some(map))
}
