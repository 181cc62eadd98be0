//! Shared pieces of the BLE tests: a scripted protocomm device and a GATT client that counts.
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use esprov::transport::ble::{GattClient, GattFailure, GattService, SimPeripheral};
use esprov_sim::gatt::{GattConfig, GattServer};
use esprov_sim::protocomm::{HandlerError, Protocomm};
use uuid::Uuid;

/// What the scripted device saw.
#[derive(Debug, Default)]
pub struct Seen {
    pub opened: Vec<u32>,
    pub closed: Vec<u32>,
    pub requests: Vec<(String, u32, Vec<u8>)>,
}

/// A device that answers `ok:` + request, fails requests starting with `fail`, and answers
/// `big N` with N bytes.
pub struct Scripted(pub Arc<Mutex<Seen>>);

impl Protocomm for Scripted {
    fn open_session(&mut self, session_id: u32) {
        self.0.lock().unwrap().opened.push(session_id);
    }
    fn close_session(&mut self, session_id: u32) {
        self.0.lock().unwrap().closed.push(session_id);
    }
    fn has_endpoint(&self, _endpoint: &str) -> bool {
        true
    }
    fn handle(
        &mut self,
        endpoint: &str,
        session_id: u32,
        request: &[u8],
    ) -> Result<Vec<u8>, HandlerError> {
        self.0
            .lock()
            .unwrap()
            .requests
            .push((endpoint.to_string(), session_id, request.to_vec()));
        if request.starts_with(b"fail") {
            return Err(HandlerError("scripted failure".into()));
        }
        if let Some(n) = request.strip_prefix(b"big ") {
            let n: usize = std::str::from_utf8(n).unwrap().parse().unwrap();
            return Ok((0..n).map(|i| i as u8).collect());
        }
        Ok([b"ok:".as_slice(), request].concat())
    }
}

/// A scripted device behind a GATT server built from `config`.
pub fn server(config: GattConfig) -> (Arc<Mutex<GattServer>>, Arc<Mutex<Seen>>) {
    let seen = Arc::new(Mutex::new(Seen::default()));
    let device: esprov_sim::protocomm::SharedProtocomm =
        Arc::new(Mutex::new(Scripted(seen.clone())));
    (Arc::new(Mutex::new(GattServer::new(device, config))), seen)
}

/// Counts the operations the transport performs on a [`SimPeripheral`].
pub struct Counting {
    pub inner: SimPeripheral,
    pub reads: Arc<AtomicUsize>,
    pub writes: Arc<AtomicUsize>,
    pub connects: Arc<AtomicUsize>,
}

impl Counting {
    pub fn new(inner: SimPeripheral) -> Self {
        Counting {
            inner,
            reads: Arc::default(),
            writes: Arc::default(),
            connects: Arc::default(),
        }
    }
}

#[async_trait]
impl GattClient for Counting {
    async fn connect(&mut self) -> Result<(), GattFailure> {
        self.connects.fetch_add(1, Ordering::SeqCst);
        self.inner.connect().await
    }
    async fn discover(&mut self, refresh: bool) -> Result<Vec<GattService>, GattFailure> {
        self.inner.discover(refresh).await
    }
    async fn read_descriptor(&mut self, s: Uuid, c: Uuid, d: Uuid) -> Result<Vec<u8>, GattFailure> {
        self.inner.read_descriptor(s, c, d).await
    }
    async fn write(&mut self, s: Uuid, c: Uuid, value: &[u8]) -> Result<(), GattFailure> {
        self.writes.fetch_add(1, Ordering::SeqCst);
        self.inner.write(s, c, value).await
    }
    async fn read(&mut self, s: Uuid, c: Uuid) -> Result<Vec<u8>, GattFailure> {
        self.reads.fetch_add(1, Ordering::SeqCst);
        self.inner.read(s, c).await
    }
    async fn is_connected(&mut self) -> bool {
        self.inner.is_connected().await
    }
    async fn disconnect(&mut self) {
        self.inner.disconnect().await
    }
    fn mtu(&self) -> Option<u16> {
        self.inner.mtu()
    }
    fn peer(&self) -> String {
        self.inner.peer()
    }
}
