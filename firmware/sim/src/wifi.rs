//! Simulated Wi-Fi: a list of access points and an outcome that decides what `connect` does.

use std::collections::VecDeque;

use esprov_device::{
    ApRecord, ConnectedInfo, DisconnectReason, Instant, PlatformError, ScanParams, ScanStarted,
    WifiCredentials, WifiEvent, WifiStation,
};

use crate::args::SimOutcome;
use crate::device::SimClock;

/// How long a non-blocking scan takes.
const SCAN_TIME_MS: u64 = 300;
/// `wifi_auth_mode_t` values used by the default APs.
const AUTH_OPEN: i32 = 0;
const AUTH_WPA2_PSK: i32 = 3;
const AUTH_WPA2_WPA3_PSK: i32 = 7;

/// One simulated access point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SimAp {
    /// SSID.
    pub ssid: String,
    /// Required passphrase; `None` accepts any.
    pub passphrase: Option<String>,
    /// MAC address.
    pub bssid: [u8; 6],
    /// Signal strength in dBm.
    pub rssi: i8,
    /// Primary channel.
    pub channel: u8,
    /// Driver auth mode number.
    pub auth: i32,
}

impl SimAp {
    fn new(
        index: usize,
        ssid: &str,
        passphrase: Option<&str>,
        rssi: i8,
        channel: u8,
        auth: i32,
    ) -> Self {
        let low = u8::try_from(index).unwrap_or(u8::MAX);
        SimAp {
            ssid: ssid.into(),
            passphrase: passphrase.map(String::from),
            bssid: [0x24, 0x0a, 0xc4, 0x5e, 0x10, low],
            rssi,
            channel,
            auth,
        }
    }

    fn record(&self) -> ApRecord {
        ApRecord {
            ssid: self.ssid.as_bytes().to_vec(),
            bssid: self.bssid,
            rssi: self.rssi,
            channel: self.channel,
            auth: self.auth,
        }
    }
}

/// The default APs; `HomeNetwork` accepts any passphrase.
pub fn default_aps() -> Vec<SimAp> {
    vec![
        SimAp::new(0, "HomeNetwork", None, -42, 6, AUTH_WPA2_PSK),
        SimAp::new(1, "CoffeeShop", Some(""), -67, 1, AUTH_OPEN),
        SimAp::new(
            2,
            "Office-5G",
            Some("office-pass"),
            -58,
            11,
            AUTH_WPA2_WPA3_PSK,
        ),
        SimAp::new(3, "Neighbor", Some("not-yours"), -81, 3, AUTH_WPA2_PSK),
    ]
}

/// The default APs with `--ap SSID:PASSPHRASE` entries replacing or adding APs.
pub fn aps_from_args(specs: &[String]) -> Result<Vec<SimAp>, String> {
    let mut aps = default_aps();
    for spec in specs {
        let (ssid, passphrase) = spec
            .split_once(':')
            .ok_or_else(|| format!("--ap {spec:?}: expected SSID:PASSPHRASE"))?;
        if ssid.is_empty() || ssid.len() > 32 || passphrase.len() > 63 {
            return Err(format!(
                "--ap {ssid:?}: SSID must be 1..=32 bytes, passphrase ≤ 63"
            ));
        }
        let auth = if passphrase.is_empty() {
            AUTH_OPEN
        } else {
            AUTH_WPA2_PSK
        };
        match aps.iter_mut().find(|ap| ap.ssid == ssid) {
            Some(ap) => {
                ap.passphrase = Some(passphrase.into());
                ap.auth = auth;
            }
            None => {
                let index = aps.len();
                let rssi = -50 - i8::try_from(index.min(40)).unwrap_or(40);
                aps.push(SimAp::new(index, ssid, Some(passphrase), rssi, 6, auth));
            }
        }
    }
    Ok(aps)
}

/// The station of one virtual device: results are queued with the time they become due.
pub struct SimWifi {
    aps: Vec<SimAp>,
    outcome: SimOutcome,
    connect_delay_ms: u64,
    ip4: [u8; 4],
    clock: SimClock,
    pending: VecDeque<(Instant, WifiEvent)>,
    scan_duplicates: bool,
    accept_any_passphrase: bool,
}

impl SimWifi {
    /// A station over `aps` that gets `ip4` when it connects.
    pub fn new(
        aps: Vec<SimAp>,
        outcome: SimOutcome,
        connect_delay_ms: u64,
        ip4: [u8; 4],
        clock: SimClock,
    ) -> Self {
        SimWifi {
            aps,
            outcome,
            connect_delay_ms,
            ip4,
            clock,
            pending: VecDeque::new(),
            scan_duplicates: false,
            accept_any_passphrase: false,
        }
    }

    /// Test faults: report the strongest AP twice in scans; join whatever the passphrase.
    pub fn set_faults(&mut self, scan_duplicates: bool, accept_any_passphrase: bool) {
        self.scan_duplicates = scan_duplicates;
        self.accept_any_passphrase = accept_any_passphrase;
    }

    /// When the next queued result is due.
    pub fn next_due(&self) -> Option<Instant> {
        self.pending.iter().map(|(at, _)| *at).min()
    }

    /// Takes one result that is due at `now`.
    pub fn take_due(&mut self, now: Instant) -> Option<WifiEvent> {
        let index = self.pending.iter().position(|(at, _)| *at <= now)?;
        self.pending.remove(index).map(|(_, event)| event)
    }

    /// What connecting with `credentials` leads to, or `None` for "never".
    fn result_of(&self, credentials: &WifiCredentials) -> Option<WifiEvent> {
        let lost = |reason| Some(WifiEvent::Disconnected { reason });
        match self.outcome {
            SimOutcome::Never => None,
            SimOutcome::AuthError => lost(DisconnectReason::AUTH_FAIL),
            SimOutcome::NoAp => lost(DisconnectReason::NO_AP_FOUND),
            SimOutcome::Ok | SimOutcome::DatasetInvalid => {
                let Some(ap) = self
                    .aps
                    .iter()
                    .find(|ap| ap.ssid.as_bytes() == credentials.ssid)
                else {
                    return lost(DisconnectReason::NO_AP_FOUND);
                };
                match &ap.passphrase {
                    Some(required)
                        if required.as_bytes() != credentials.passphrase
                            && !self.accept_any_passphrase =>
                    {
                        lost(DisconnectReason::FOUR_WAY_HANDSHAKE_TIMEOUT)
                    }
                    _ => Some(WifiEvent::Connected(ConnectedInfo {
                        ip4: self.ip4,
                        bssid: ap.bssid,
                        ssid: ap.ssid.as_bytes().to_vec(),
                        channel: ap.channel,
                        auth: ap.auth,
                    })),
                }
            }
        }
    }
}

impl WifiStation for SimWifi {
    fn connect(&mut self, credentials: &WifiCredentials) {
        self.pending
            .retain(|(_, event)| matches!(event, WifiEvent::ScanDone(_)));
        if let Some(event) = self.result_of(credentials) {
            let due = self.clock.now().plus_ms(self.connect_delay_ms);
            self.pending.push_back((due, event));
        }
    }

    fn disconnect(&mut self) {
        self.pending
            .retain(|(_, event)| matches!(event, WifiEvent::ScanDone(_)));
    }

    fn start_scan(&mut self, params: &ScanParams) -> Result<ScanStarted, PlatformError> {
        let mut records: Vec<ApRecord> = self.aps.iter().map(SimAp::record).collect();
        if self.scan_duplicates {
            if let Some(strongest) = records.iter().max_by_key(|r| r.rssi).cloned() {
                records.push(strongest);
            }
        }
        if params.blocking {
            return Ok(ScanStarted::Finished(records));
        }
        let due = self.clock.now().plus_ms(SCAN_TIME_MS);
        self.pending.push_back((due, WifiEvent::ScanDone(records)));
        Ok(ScanStarted::Running)
    }
}
