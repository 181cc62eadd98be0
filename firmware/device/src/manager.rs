//! The provisioning manager: lifecycle, deadlines and Wi-Fi events (`wifi_prov_mgr`, §5).

use alloc::boxed::Box;
use alloc::collections::VecDeque;
use alloc::string::String;

use rand_core::{CryptoRng, RngCore};

use crate::config::Config;
use crate::endpoints::{CustomHandler, EndpointInfo, EndpointTable};
use crate::error::ManagerError;
use crate::event::{Event, FailReason};
use crate::faults::Fault;
use crate::platform::ApRecord;
use crate::platform::{
    ConnectedInfo, CredentialStore, DisconnectReason, PlatformError, WifiCredentials, WifiEvent,
    WifiStation,
};
use crate::prov_scan::ScanState;
use crate::session::SessionSlot;
use crate::state::{ProvState, ThreadStatus, WifiStatus};
use crate::thread::{ThreadDataset, ThreadNetworkRecord, ThreadNode};

mod thread_side;
use crate::time::{Instant, DEFAULT_CLEANUP_DELAY_MS, MIN_CLEANUP_DELAY_MS};

/// Events kept for the application before the oldest are dropped (memory stays bounded).
const EVENT_QUEUE_LIMIT: usize = 64;

/// The deadlines the manager is waiting for.
#[derive(Debug, Default)]
struct Timers {
    connect_at: Option<Instant>,
    attach_at: Option<Instant>,
    attach_timeout_at: Option<Instant>,
    autostop_at: Option<Instant>,
    cleanup_at: Option<Instant>,
}

/// The provisioning manager over a Wi-Fi station `W`, a credential store `S` and randomness `R`.
pub struct Manager<W, S, R> {
    pub(crate) config: Config,
    pub(crate) wifi: W,
    pub(crate) store: S,
    pub(crate) rng: R,
    pub(crate) state: ProvState,
    pub(crate) wifi_status: WifiStatus,
    last_fail: FailReason,
    attempts: u32,
    pub(crate) pending: Option<WifiCredentials>,
    pub(crate) hints: crate::prov_config::ConfigHints,
    applied: Option<WifiCredentials>,
    pub(crate) endpoints: EndpointTable,
    pub(crate) session: SessionSlot,
    pub(crate) scan: ScanState<ApRecord>,
    pub(crate) thread: Option<Box<dyn ThreadNode>>,
    pub(crate) thread_status: ThreadStatus,
    pub(crate) thread_scan: ScanState<ThreadNetworkRecord>,
    pub(crate) thread_pending: Option<ThreadDataset>,
    thread_applied: Option<ThreadDataset>,
    timers: Timers,
    events: VecDeque<Event>,
    auto_stop: bool,
    cleanup_delay_ms: u64,
    ended: bool,
    deinitialized: bool,
}

impl<W: WifiStation, S: CredentialStore, R: RngCore + CryptoRng> Manager<W, S, R> {
    /// Initialises the manager (`wifi_prov_mgr_init`); emits `Event::Init`.
    pub fn new(config: Config, wifi: W, store: S, rng: R) -> Self {
        let endpoints = EndpointTable::new(config.offers_scan());
        let mut manager = Manager {
            config,
            wifi,
            store,
            rng,
            state: ProvState::Idle,
            wifi_status: WifiStatus::Connecting,
            last_fail: FailReason::AuthError,
            attempts: 0,
            pending: None,
            hints: Default::default(),
            applied: None,
            endpoints,
            session: SessionSlot::default(),
            scan: ScanState::default(),
            thread: None,
            thread_status: ThreadStatus::Attaching,
            thread_scan: ScanState::default(),
            thread_pending: None,
            thread_applied: None,
            timers: Timers::default(),
            events: VecDeque::new(),
            auto_stop: true,
            cleanup_delay_ms: DEFAULT_CLEANUP_DELAY_MS,
            ended: false,
            deinitialized: false,
        };
        manager.session.keep_old = manager.has_fault(Fault::KeepOldSession);
        manager.emit(Event::Init);
        manager
    }

    /// The configuration the manager runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Adds or replaces an application label in proto-ver (`wifi_prov_mgr_set_app_info`); before start.
    pub fn set_app_info(
        &mut self,
        label: &str,
        ver: &str,
        cap: &[&str],
    ) -> Result<(), ManagerError> {
        self.require_idle("set_app_info before start")?;
        self.config.app_info.retain(|app| app.label != label);
        self.config.app_info.push(esprov_proto::version::AppInfo {
            label: String::from(label),
            ver: String::from(ver),
            cap: cap.iter().map(|c| String::from(*c)).collect(),
        });
        Ok(())
    }

    /// Keeps provisioning running after success, so reprov works; sets the cleanup delay
    /// (at least 100 ms). Before start only.
    pub fn disable_auto_stop(&mut self, cleanup_delay_ms: u64) -> Result<(), ManagerError> {
        self.require_idle("disable_auto_stop before start")?;
        self.auto_stop = false;
        self.cleanup_delay_ms = cleanup_delay_ms.max(MIN_CLEANUP_DELAY_MS);
        Ok(())
    }

    /// Creates a custom endpoint before start, reserving its BLE id (FF54 and up).
    pub fn create_endpoint(&mut self, name: &str) -> Result<u16, ManagerError> {
        self.require_idle("create_endpoint before start")?;
        self.endpoints.create(name)
    }

    /// Installs a created endpoint's handler; after start only, as in ESP-IDF.
    pub fn register_endpoint(
        &mut self,
        name: &str,
        handler: impl CustomHandler + 'static,
    ) -> Result<(), ManagerError> {
        if !self.is_running() {
            return Err(ManagerError::InvalidState("register_endpoint after start"));
        }
        self.endpoints.register(name, Box::new(handler))
    }

    /// Removes a custom endpoint's handler; requests to it then fail.
    pub fn unregister_endpoint(&mut self, name: &str) -> Result<(), ManagerError> {
        self.endpoints.unregister(name)
    }

    /// The endpoint table in ESP-IDF's order with BLE ids, for transports that publish it.
    pub fn endpoints(&self) -> impl Iterator<Item = &EndpointInfo> {
        self.endpoints.infos()
    }

    /// Whether `name` answers requests now (HTTP answers 404 otherwise).
    pub fn has_endpoint(&self, name: &str) -> bool {
        if !self.is_running() {
            return false;
        }
        match self.endpoints.lookup(name) {
            Some(esprov_proto::endpoint::Endpoint::Custom(_)) => self.endpoints.is_registered(name),
            Some(_) => true,
            None => false,
        }
    }

    /// Starts provisioning (`wifi_prov_mgr_start_provisioning`); emits `Event::Start`.
    pub fn start(&mut self, now: Instant) -> Result<(), ManagerError> {
        let _ = now;
        self.require_idle("start from idle")?;
        self.wifi.disconnect();
        self.reset_run_state();
        self.ended = false;
        self.state = ProvState::Started;
        self.emit(Event::Start);
        Ok(())
    }

    /// Stops provisioning at any moment; cleanup and `Event::End` follow after the cleanup delay.
    pub fn stop(&mut self, now: Instant) {
        if self.is_running() && self.state != ProvState::Stopping {
            self.begin_stop(now);
        }
    }

    /// Ends provisioning after success (`wifi_prov_mgr_done`), unless auto-stop is disabled.
    pub fn done(&mut self, now: Instant) {
        if self.auto_stop && self.state == ProvState::Success {
            self.begin_stop(now);
        }
    }

    /// Deinitialises (`wifi_prov_mgr_deinit`): ends at once if running, then `Event::Deinit`.
    pub fn deinit(&mut self) {
        if self.deinitialized {
            return;
        }
        if self.state != ProvState::Idle {
            self.finish_stop();
        }
        self.deinitialized = true;
        self.emit(Event::Deinit);
    }

    /// Whether provisioning ran and has ended; adapters await this (`wifi_prov_mgr_wait`).
    pub fn has_ended(&self) -> bool {
        self.ended
    }

    /// Whether the endpoints are up (started and not yet cleaned up).
    pub fn is_running(&self) -> bool {
        self.state != ProvState::Idle
    }

    /// Whether the credential store holds an SSID (`wifi_prov_mgr_is_provisioned`).
    pub fn is_provisioned(&mut self) -> Result<bool, PlatformError> {
        Ok(self.store.load()?.is_some_and(|c| !c.ssid.is_empty()))
    }

    /// The provisioning state.
    pub fn prov_state(&self) -> ProvState {
        self.state
    }

    /// The station status GetStatus reports.
    pub fn wifi_status(&self) -> &WifiStatus {
        &self.wifi_status
    }

    /// The next event for the application, oldest first.
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// The earliest deadline the adapter must call `poll` at.
    pub fn next_deadline(&self) -> Option<Instant> {
        [
            self.timers.connect_at,
            self.timers.attach_at,
            self.timers.attach_timeout_at,
            self.timers.autostop_at,
            self.timers.cleanup_at,
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// Runs every deadline that is due at `now`.
    pub fn poll(&mut self, now: Instant) {
        if take_due(&mut self.timers.connect_at, now) {
            if let Some(credentials) = &self.applied {
                self.wifi.connect(credentials);
            }
        }
        self.poll_thread(now);
        if take_due(&mut self.timers.autostop_at, now) && self.state == ProvState::Success {
            self.begin_stop(now);
        }
        if take_due(&mut self.timers.cleanup_at, now) && self.state == ProvState::Stopping {
            self.finish_stop();
        }
    }

    /// Feeds a result of the Wi-Fi station back into the state machine.
    pub fn on_wifi_event(&mut self, now: Instant, event: WifiEvent) {
        match event {
            WifiEvent::ScanDone(records) => self.scan.finish(records, self.config.scan_max_entries),
            WifiEvent::Connected(info) if self.awaits_wifi() => self.on_connected(now, info),
            WifiEvent::Disconnected { reason } if self.awaits_wifi() => {
                self.on_disconnected(reason)
            }
            _ => {}
        }
    }

    /// Returns to STARTED after a failure so new credentials are accepted
    /// (`wifi_prov_mgr_reset_sm_state_on_failure`, prov-ctrl reset).
    pub fn reset_sm_state_on_failure(&mut self) -> Result<(), ManagerError> {
        if self.state != ProvState::Fail {
            return Err(ManagerError::InvalidState("reset only after a failure"));
        }
        self.store.erase()?;
        self.forget_applied();
        self.state = ProvState::Started;
        Ok(())
    }

    /// Returns to STARTED for new credentials after success when auto-stop is disabled
    /// (`wifi_prov_mgr_reset_sm_state_for_reprovision`, prov-ctrl reprov); emits `Event::Start`.
    pub fn reset_sm_state_for_reprovision(&mut self) -> Result<(), ManagerError> {
        if self.auto_stop {
            return Err(ManagerError::InvalidState(
                "reprov needs auto-stop disabled",
            ));
        }
        if !self.is_running() || self.state == ProvState::Stopping {
            return Err(ManagerError::InvalidState("reprov while running"));
        }
        self.forget_applied();
        self.timers.autostop_at = None;
        self.state = ProvState::Started;
        self.emit(Event::Start);
        Ok(())
    }

    /// What the last SetConfig carried besides SSID and passphrase, which the manager (as
    /// ESP-IDF's) does not pass to the station; for adapters that log it.
    pub fn config_hints(&self) -> crate::prov_config::ConfigHints {
        self.hints
    }

    /// The platform's Wi-Fi station, for adapters that drive it.
    pub fn wifi_mut(&mut self) -> &mut W {
        &mut self.wifi
    }

    /// The platform's credential store.
    pub fn store_mut(&mut self) -> &mut S {
        &mut self.store
    }

    /// ApplyConfig (§4.3): stores the SetConfig credentials and connects after a second.
    pub(crate) fn apply_config(&mut self, now: Instant) -> Result<(), ManagerError> {
        let refuse = self.state != ProvState::Started
            && !(self.state == ProvState::Fail && self.has_fault(Fault::NoRejectAfterFailure));
        if refuse {
            return Err(ManagerError::InvalidState("credentials already received"));
        }
        let credentials = self.pending.take().ok_or(ManagerError::InvalidState(
            "no SetConfig before ApplyConfig",
        ))?;
        if let Err(err) = self.store.save(&credentials) {
            self.pending = Some(credentials);
            return Err(err.into());
        }
        self.emit(Event::CredRecv(credentials.clone()));
        self.wifi_status = WifiStatus::Connecting;
        self.attempts = 0;
        self.last_fail = FailReason::AuthError;
        self.state = ProvState::CredRecv;
        self.applied = Some(credentials);
        self.timers.connect_at = Some(now.plus_ms(self.config.apply_delay_ms));
        Ok(())
    }

    /// Whether a test fault is switched on (never without the test-faults feature).
    #[cfg(feature = "test-faults")]
    pub(crate) fn has_fault(&self, fault: crate::faults::Fault) -> bool {
        self.config.faults.has(fault)
    }

    /// Whether a test fault is switched on (never without the test-faults feature).
    #[cfg(not(feature = "test-faults"))]
    pub(crate) fn has_fault(&self, _fault: crate::faults::Fault) -> bool {
        false
    }

    /// Wi-Fi events count once credentials were received (v4.4+: also after FAIL/SUCCESS).
    fn awaits_wifi(&self) -> bool {
        matches!(
            self.state,
            ProvState::CredRecv | ProvState::Fail | ProvState::Success
        )
    }

    fn on_connected(&mut self, now: Instant, info: ConnectedInfo) {
        self.wifi_status = WifiStatus::Connected(info);
        self.attempts = 0;
        if self.state != ProvState::Success {
            self.state = ProvState::Success;
            if self.auto_stop {
                self.timers.autostop_at = Some(now.plus_ms(self.config.autostop_timeout_ms));
            }
            self.emit(Event::CredSuccess);
        }
    }

    /// §5.4: retry, count attempts, or fail for good with the classified reason.
    fn on_disconnected(&mut self, reason: DisconnectReason) {
        let classified = reason.fail_reason();
        let limit = self.config.wifi_conn_attempts;
        if limit == 0 {
            match classified {
                Some(fail) => self.fail(fail),
                None => self.retry(WifiStatus::Connecting),
            }
            return;
        }
        self.attempts = self.attempts.saturating_add(1);
        if let Some(fail) = classified {
            self.last_fail = fail;
        }
        if self.attempts < limit {
            self.retry(WifiStatus::AttemptFailed {
                remaining: limit - self.attempts,
            });
        } else {
            self.fail(self.last_fail);
        }
    }

    fn retry(&mut self, status: WifiStatus) {
        self.wifi_status = status;
        if let Some(credentials) = &self.applied {
            self.wifi.connect(credentials);
        }
    }

    fn fail(&mut self, reason: FailReason) {
        self.wifi_status = WifiStatus::Disconnected(reason);
        self.last_fail = reason;
        self.timers.autostop_at = None;
        if self.state != ProvState::Fail {
            self.state = ProvState::Fail;
            self.emit(Event::CredFail(reason));
        }
    }

    fn forget_applied(&mut self) {
        self.wifi.disconnect();
        self.applied = None;
        self.attempts = 0;
        self.timers.connect_at = None;
        if let Some(node) = self.thread.as_mut() {
            node.detach();
        }
        self.thread_applied = None;
        self.thread_status = ThreadStatus::Attaching;
        self.timers.attach_at = None;
        self.timers.attach_timeout_at = None;
    }

    fn begin_stop(&mut self, now: Instant) {
        self.state = ProvState::Stopping;
        self.timers.connect_at = None;
        self.timers.attach_at = None;
        self.timers.attach_timeout_at = None;
        self.timers.autostop_at = None;
        self.timers.cleanup_at = Some(now.plus_ms(self.cleanup_delay_ms));
    }

    fn finish_stop(&mut self) {
        self.timers = Timers::default();
        self.state = ProvState::Idle;
        self.endpoints.unregister_all();
        self.session.clear();
        self.pending = None;
        self.thread_pending = None;
        self.ended = true;
        self.emit(Event::End);
    }

    fn reset_run_state(&mut self) {
        self.wifi_status = WifiStatus::Connecting;
        self.last_fail = FailReason::AuthError;
        self.attempts = 0;
        self.pending = None;
        self.applied = None;
        self.session.clear();
        self.scan = ScanState::default();
        self.thread_status = ThreadStatus::Attaching;
        self.thread_scan = ScanState::default();
        self.thread_pending = None;
        self.thread_applied = None;
        self.timers = Timers::default();
    }

    fn require_idle(&self, what: &'static str) -> Result<(), ManagerError> {
        if self.state != ProvState::Idle || self.deinitialized {
            return Err(ManagerError::InvalidState(what));
        }
        Ok(())
    }

    fn emit(&mut self, event: Event) {
        if self.events.len() >= EVENT_QUEUE_LIMIT {
            self.events.pop_front();
        }
        self.events.push_back(event);
    }
}

/// Clears a deadline that is due and says so.
fn take_due(deadline: &mut Option<Instant>, now: Instant) -> bool {
    match *deadline {
        Some(at) if at <= now => {
            *deadline = None;
            true
        }
        _ => false,
    }
}
