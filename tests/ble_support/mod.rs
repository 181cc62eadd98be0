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

/// Security for [`sim_device`].
pub enum Sec {
    Sec0,
    Sec1(&'static str),
    Sec2(&'static str, &'static str),
}

/// A real virtual device (the provisioning manager with simulated Wi-Fi), started, with its timer
/// task on the current tokio runtime. `extra_aps` are `SSID:PASSPHRASE` entries added to the
/// default four.
pub fn sim_device(
    name: &str,
    sec: Sec,
    extra_aps: &[&str],
) -> Arc<Mutex<esprov_sim::device::SimDevice>> {
    build_sim_device(name, sec, extra_aps, false)
}

/// A real virtual device built for network_provisioning Thread only (caps `thread_prov`,
/// `thread_scan`), with the sim's default Thread networks, as `esprov sim --network thread`.
pub fn sim_thread_device(name: &str, sec: Sec) -> Arc<Mutex<esprov_sim::device::SimDevice>> {
    build_sim_device(name, sec, &[], true)
}

fn build_sim_device(
    name: &str,
    sec: Sec,
    extra_aps: &[&str],
    thread: bool,
) -> Arc<Mutex<esprov_sim::device::SimDevice>> {
    use esprov_device::{Config, Networks, Security};
    use esprov_proto::security::{generate_salt_verifier, SaltMode};
    use esprov_sim::device::{build_manager, run_timers, SimClock, SimDevice};
    use rand::SeedableRng;

    let mut rng = rand::rngs::StdRng::from_entropy();
    let security = match sec {
        Sec::Sec0 => Security::Sec0,
        Sec::Sec1(pop) => Security::Sec1 {
            pop: Some(pop.as_bytes().to_vec()),
        },
        Sec::Sec2(user, password) => {
            let (salt, verifier) = generate_salt_verifier(
                user.as_bytes(),
                password.as_bytes(),
                16,
                &mut rng,
                SaltMode::Full,
            );
            Security::Sec2 { salt, verifier }
        }
    };
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "esprov-ble-{}-{}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::SeqCst)
    ));
    let specs: Vec<String> = extra_aps.iter().map(|s| s.to_string()).collect();
    let aps = esprov_sim::wifi::aps_from_args(&specs).expect("AP specs");
    let clock = SimClock::start();
    let wifi = esprov_sim::wifi::SimWifi::new(
        aps,
        esprov_sim::SimOutcome::Ok,
        100,
        [192, 168, 1, 77],
        clock,
    );
    let store = esprov_sim::store::FileStore::new(&dir);
    let mut config = Config::new(name, security);
    if thread {
        config.network_provisioning = Some(Networks {
            wifi: false,
            thread: true,
        });
    }
    let mut manager = build_manager(config, wifi, store, rng, true).expect("manager");
    let mut device = if thread {
        let queue = esprov_sim::thread::ThreadQueue::default();
        let node = esprov_sim::thread::SimThread::new(
            esprov_sim::thread::default_networks(),
            esprov_sim::SimOutcome::Ok,
            100,
            clock,
            queue.clone(),
        );
        manager.set_thread_node(node).expect("a Thread node");
        SimDevice::new(manager, clock, false).with_thread(queue)
    } else {
        SimDevice::new(manager, clock, false)
    };
    device.start().expect("start provisioning");
    let device = Arc::new(Mutex::new(device));
    tokio::spawn(run_timers(device.clone()));
    device
}

/// A GATT server in front of `device`.
pub fn gatt_server(
    device: &Arc<Mutex<esprov_sim::device::SimDevice>>,
    config: GattConfig,
) -> GattServer {
    let shared: esprov_sim::protocomm::SharedProtocomm = device.clone();
    GattServer::new(shared, config)
}
