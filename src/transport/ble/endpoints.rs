//! Which characteristic carries which endpoint: from the 0x2901 names, or derived from the ids.

use std::collections::BTreeMap;

use esprov_proto::endpoint::{Endpoint, FIRST_CUSTOM_BLE_ID, LEGACY, STANDARD};
use esprov_proto::uuid::{
    Uuid128, DEFAULT_SERVICE, EXAMPLE_SERVICE, LEGACY_DEFAULT_SERVICE, USER_DESCRIPTION,
};
use uuid::Uuid;

use super::client::GattService;

/// Endpoints every provisioning device has; a descriptor map without them is not trusted.
pub const REQUIRED: [Endpoint; 3] = [
    Endpoint::ProvSession,
    Endpoint::ProvConfig,
    Endpoint::ProtoVer,
];

/// The Characteristic User Description descriptor UUID.
pub const USER_DESCRIPTION_UUID: Uuid = Uuid::from_bytes(USER_DESCRIPTION.0);

/// Service UUIDs ESP-IDF firmware uses when the advertisement does not say: the example's, the
/// scheme default since v4.2, and the v3.3–v4.1 default.
pub const KNOWN_SERVICES: [Uuid; 3] = [
    Uuid::from_bytes(EXAMPLE_SERVICE.0),
    Uuid::from_bytes(DEFAULT_SERVICE.0),
    Uuid::from_bytes(LEGACY_DEFAULT_SERVICE.0),
];

/// How the map was learned, for messages and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapSource {
    /// From the 0x2901 user-description descriptors, as ESP-IDF recommends.
    Descriptors,
    /// From the 16-bit ids in the characteristic UUIDs (descriptors unreadable or missing).
    DerivedIds,
}

/// Endpoint name → characteristic UUID under one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointMap {
    /// The provisioning service.
    pub service: Uuid,
    /// How the names were learned.
    pub source: MapSource,
    by_name: BTreeMap<String, Uuid>,
}

impl EndpointMap {
    /// The map read from descriptors, if it names all [`REQUIRED`] endpoints.
    pub fn from_names(
        service: Uuid,
        names: impl IntoIterator<Item = (String, Uuid)>,
    ) -> Option<Self> {
        let by_name: BTreeMap<String, Uuid> = names.into_iter().collect();
        let complete = REQUIRED.iter().all(|e| by_name.contains_key(e.name()));
        complete.then_some(EndpointMap {
            service,
            source: MapSource::Descriptors,
            by_name,
        })
    }

    /// The map derived from the characteristic UUIDs: the manager's ids 0xFF4F–0xFF53, the
    /// legacy ids 0x0001–0x0003, and custom ids (0xFF54 on) under their hex id, e.g. `0xff54`.
    pub fn derived(service: &GattService) -> Self {
        let base = Uuid128(*service.uuid.as_bytes());
        let by_name = service
            .characteristics
            .iter()
            .filter_map(|characteristic| {
                let id = Uuid128(*characteristic.uuid.as_bytes()).endpoint_id();
                let derived = base.with_endpoint_id(id);
                let name = id_name(id).filter(|_| derived.0 == *characteristic.uuid.as_bytes())?;
                Some((name, characteristic.uuid))
            })
            .collect();
        EndpointMap {
            service: service.uuid,
            source: MapSource::DerivedIds,
            by_name,
        }
    }

    /// The characteristic of `endpoint`.
    pub fn get(&self, endpoint: &str) -> Option<Uuid> {
        self.by_name.get(endpoint).copied()
    }

    /// The endpoint names known, for messages.
    pub fn names(&self) -> Vec<String> {
        self.by_name.keys().cloned().collect()
    }

    /// Whether all [`REQUIRED`] endpoints are present.
    pub fn is_complete(&self) -> bool {
        REQUIRED.iter().all(|e| self.by_name.contains_key(e.name()))
    }
}

/// The endpoint name an id stands for without descriptors.
fn id_name(id: u16) -> Option<String> {
    let known = STANDARD
        .iter()
        .chain(LEGACY.iter())
        .find(|(_, known)| *known == id);
    match known {
        Some((endpoint, _)) => Some(endpoint.name().to_string()),
        None if id >= FIRST_CUSTOM_BLE_ID => Some(format!("0x{id:04x}")),
        None => None,
    }
}

/// An endpoint name as a 0x2901 descriptor holds it (esp_prov lower-cases it too).
pub fn descriptor_name(value: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(value).ok()?;
    let name = text.trim_end_matches('\0').trim().to_ascii_lowercase();
    (!name.is_empty()).then_some(name)
}

/// The provisioning service among `services`: the one asked for, else an advertised one, else a
/// known ESP-IDF default, else any service whose characteristics follow the derivation rule.
pub fn choose_service<'a>(
    services: &'a [GattService],
    wanted: Option<Uuid>,
    advertised: &[Uuid],
) -> Option<&'a GattService> {
    let find = |uuid: Uuid| services.iter().find(|service| service.uuid == uuid);
    if let Some(wanted) = wanted {
        return find(wanted);
    }
    advertised
        .iter()
        .chain(KNOWN_SERVICES.iter())
        .find_map(|uuid| find(*uuid))
        .or_else(|| {
            services
                .iter()
                .find(|service| EndpointMap::derived(service).is_complete())
        })
}
