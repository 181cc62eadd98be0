//! The virtual device: `esprov_device::Manager` behind the `Protocomm` trait, with a real clock,
//! a timer task for its deadlines and the simulated Wi-Fi's results, and logged events.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use esprov_device::{Config, Event, Instant, Manager, ManagerError, ProvState};
use rand::rngs::StdRng;
use tokio::sync::Notify;

use crate::idf_log::IdfLog;
use crate::protocomm::{HandlerError, Protocomm};
use crate::store::FileStore;
use crate::thread::ThreadQueue;
use crate::wifi::SimWifi;

/// The custom endpoint every virtual device offers, answering as ESP-IDF's example does.
pub const CUSTOM_DATA: &str = "custom-data";
/// The answer of [`CUSTOM_DATA`]: "SUCCESS" and its terminating NUL.
pub const CUSTOM_DATA_REPLY: &[u8] = b"SUCCESS\0";

/// Converts between tokio's time and the manager's `Instant` values (pausable in tests).
#[derive(Debug, Clone, Copy)]
pub struct SimClock {
    epoch: tokio::time::Instant,
}

impl SimClock {
    /// A clock whose epoch is now.
    pub fn start() -> Self {
        SimClock {
            epoch: tokio::time::Instant::now(),
        }
    }

    /// The current time as the manager counts it.
    pub fn now(&self) -> Instant {
        Instant(u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX))
    }

    /// The tokio instant of a manager deadline.
    pub fn to_tokio(&self, at: Instant) -> tokio::time::Instant {
        self.epoch + Duration::from_millis(at.as_millis())
    }
}

/// The manager as the simulator instantiates it.
pub type SimManager = Manager<SimWifi, FileStore, StdRng>;

/// One virtual device: manager, clock, and the notifier that wakes its timer task.
pub struct SimDevice {
    manager: SimManager,
    clock: SimClock,
    wake: Arc<Notify>,
    name: String,
    json_events: bool,
    thread: Option<ThreadQueue>,
    log: IdfLog,
}

impl SimDevice {
    /// Wraps a manager; `json_events` logs events as JSON lines on stderr.
    pub fn new(manager: SimManager, clock: SimClock, json_events: bool) -> Self {
        let name = manager.config().service_name.clone();
        let log = IdfLog::new(manager.config().network_provisioning.is_some());
        SimDevice {
            manager,
            clock,
            wake: Arc::new(Notify::new()),
            name,
            json_events,
            thread: None,
            log,
        }
    }

    /// Delivers the results of a simulated Thread node that writes to `queue`.
    pub fn with_thread(mut self, queue: ThreadQueue) -> Self {
        self.thread = Some(queue);
        self
    }

    /// Starts provisioning and registers the custom endpoint (created before start).
    pub fn start(&mut self) -> Result<(), ManagerError> {
        let now = self.clock.now();
        self.manager.start(now)?;
        let reply = |_: u32, _: &[u8]| Ok(CUSTOM_DATA_REPLY.to_vec());
        if self.manager.register_endpoint(CUSTOM_DATA, reply).is_err() {
            tracing::debug!(device = %self.name, "no custom-data endpoint");
        }
        self.tick();
        Ok(())
    }

    /// The service name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The manager, for inspection.
    pub fn manager(&self) -> &SimManager {
        &self.manager
    }

    /// The manager, for application calls (stop, reset, …).
    pub fn manager_mut(&mut self) -> &mut SimManager {
        &mut self.manager
    }

    /// The clock the device runs on.
    pub fn clock(&self) -> SimClock {
        self.clock
    }

    /// The notifier the timer task waits on; every request pokes it.
    pub fn waker(&self) -> Arc<Notify> {
        self.wake.clone()
    }

    /// Whether provisioning ran and ended.
    pub fn has_ended(&self) -> bool {
        self.manager.has_ended()
    }

    /// Runs everything due now (Wi-Fi results, manager deadlines), logs events, and returns the
    /// next moment something is due.
    pub fn tick(&mut self) -> Option<tokio::time::Instant> {
        let now = self.clock.now();
        while let Some(event) = self.manager.wifi_mut().take_due(now) {
            self.manager.on_wifi_event(now, event);
        }
        while let Some(event) = self.thread.as_ref().and_then(|q| q.take_due(now)) {
            self.manager.on_thread_event(now, event);
        }
        self.manager.poll(now);
        while let Some(event) = self.manager.poll_event() {
            self.log.on_event(now.as_millis(), &event);
            self.log_event(&event);
        }
        let wifi_due = self.manager.wifi_mut().next_due();
        let thread_due = self.thread.as_ref().and_then(ThreadQueue::next_due);
        let next = [self.manager.next_deadline(), wifi_due, thread_due]
            .into_iter()
            .flatten()
            .min();
        next.map(|at| self.clock.to_tokio(at))
    }

    fn log_event(&self, event: &Event) {
        let (kind, mut detail) = describe(event);
        if matches!(event, Event::CredRecv(_)) {
            detail.push_str(&hints_shown(self.manager.config_hints()));
        }
        if self.json_events {
            let line = serde_json::json!({ "name": self.name, "event": kind, "detail": detail });
            eprintln!("{line}");
        } else if detail.is_empty() {
            eprintln!("[{}] {kind}", self.name);
        } else {
            eprintln!("[{}] {kind}: {detail}", self.name);
        }
        tracing::info!(device = %self.name, event = kind, %detail, "provisioning event");
    }
}

/// SetConfig's BSSID and channel as the sim reports them beside the SSID, when there were any.
fn hints_shown(hints: esprov_device::ConfigHints) -> String {
    if hints.bssid.is_none() && hints.channel == 0 {
        return String::new();
    }
    let bssid = match hints.bssid {
        Some(mac) => mac
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<Vec<_>>()
            .join(":"),
        None => "none".to_owned(),
    };
    format!(
        ", bssid {bssid}, channel {} (unused by the manager, as in ESP-IDF)",
        hints.channel
    )
}

/// An event's name (ESP-IDF's, lower case) and a detail without secrets.
fn describe(event: &Event) -> (&'static str, String) {
    match event {
        Event::Init => ("init", String::new()),
        Event::Start => ("start", String::new()),
        Event::CredRecv(credentials) => (
            "cred_recv",
            format!("ssid {:?}", String::from_utf8_lossy(&credentials.ssid)),
        ),
        Event::CredFail(reason) => ("cred_fail", format!("{reason:?}")),
        Event::CredSuccess => ("cred_success", String::new()),
        Event::ThreadDatasetRecv => ("thread_dataset_recv", String::new()),
        Event::ThreadDatasetFail(reason) => ("thread_dataset_fail", format!("{reason:?}")),
        Event::ThreadDatasetSuccess => ("thread_dataset_success", String::new()),
        Event::End => ("end", String::new()),
        Event::Deinit => ("deinit", String::new()),
    }
}

impl Protocomm for SimDevice {
    fn open_session(&mut self, session_id: u32) {
        self.manager.session_open(session_id);
    }

    fn close_session(&mut self, session_id: u32) {
        self.manager.session_close(session_id);
    }

    fn has_endpoint(&self, endpoint: &str) -> bool {
        self.manager.has_endpoint(endpoint)
    }

    fn handle(
        &mut self,
        endpoint: &str,
        session_id: u32,
        request: &[u8],
    ) -> Result<Vec<u8>, HandlerError> {
        // Deliver what is already due first, so a zero-delay device answers from its latest state.
        self.tick();
        let now = self.clock.now();
        let result = self.manager.handle(now, endpoint, session_id, request);
        self.tick();
        self.wake.notify_one();
        result.map_err(|err| {
            tracing::debug!(device = %self.name, endpoint, %err, "request failed");
            HandlerError(err.to_string())
        })
    }

    fn take_log(&mut self) -> Vec<String> {
        self.log.take()
    }
}

/// Drives a device's deadlines until its provisioning ends (then returns).
pub async fn run_timers(device: Arc<Mutex<SimDevice>>) {
    let wake = lock(&device).waker();
    loop {
        let notified = wake.notified();
        let (next, ended) = {
            let mut device = lock(&device);
            let next = device.tick();
            (
                next,
                device.has_ended() && device.manager().prov_state() == ProvState::Idle,
            )
        };
        if ended {
            return;
        }
        match next {
            Some(at) => {
                tokio::select! {
                    () = tokio::time::sleep_until(at) => {}
                    () = notified => {}
                }
            }
            None => notified.await,
        }
    }
}

/// Locks a device, carrying on after a panic elsewhere (the state is still consistent enough).
pub fn lock(device: &Mutex<SimDevice>) -> std::sync::MutexGuard<'_, SimDevice> {
    device.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Builds a manager with the custom endpoint created and auto-stop as asked.
pub fn build_manager(
    config: Config,
    wifi: SimWifi,
    store: FileStore,
    rng: StdRng,
    auto_stop: bool,
) -> Result<SimManager, ManagerError> {
    let mut manager = Manager::new(config, wifi, store, rng);
    manager.create_endpoint(CUSTOM_DATA)?;
    if !auto_stop {
        manager.disable_auto_stop(esprov_device::DEFAULT_CLEANUP_DELAY_MS)?;
    }
    Ok(manager)
}
