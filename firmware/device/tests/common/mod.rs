//! Test doubles for the platform and a plaintext client for the manager's endpoints.
#![allow(dead_code)]

use esprov_device::esprov_proto::messages::*;
use esprov_device::esprov_proto::security::{initiator, Initiator, InitiatorConfig};
use esprov_device::*;
use prost::Message;
use rand::rngs::StdRng;
use rand::SeedableRng;

/// A Wi-Fi station that records what the manager asked for.
#[derive(Default)]
pub struct MockWifi {
    pub connects: Vec<WifiCredentials>,
    pub disconnects: usize,
    pub scans: Vec<ScanParams>,
    /// `Some` answers scans synchronously; `None` leaves them running.
    pub sync_results: Option<Vec<ApRecord>>,
    pub refuse_scan: bool,
}

impl WifiStation for MockWifi {
    fn connect(&mut self, credentials: &WifiCredentials) {
        self.connects.push(credentials.clone());
    }
    fn disconnect(&mut self) {
        self.disconnects += 1;
    }
    fn start_scan(&mut self, params: &ScanParams) -> Result<ScanStarted, PlatformError> {
        self.scans.push(*params);
        if self.refuse_scan {
            return Err(PlatformError("busy"));
        }
        Ok(match &self.sync_results {
            Some(records) => ScanStarted::Finished(records.clone()),
            None => ScanStarted::Running,
        })
    }
}

/// A credential store in memory.
#[derive(Default)]
pub struct MemStore {
    pub credentials: Option<WifiCredentials>,
    pub fail_save: bool,
}

impl CredentialStore for MemStore {
    fn load(&mut self) -> Result<Option<WifiCredentials>, PlatformError> {
        Ok(self.credentials.clone())
    }
    fn save(&mut self, credentials: &WifiCredentials) -> Result<(), PlatformError> {
        if self.fail_save {
            return Err(PlatformError("flash full"));
        }
        self.credentials = Some(credentials.clone());
        Ok(())
    }
    fn erase(&mut self) -> Result<(), PlatformError> {
        self.credentials = None;
        Ok(())
    }
}

pub type TestManager = Manager<MockWifi, MemStore, StdRng>;

pub const T0: Instant = Instant(10_000);
pub const SESSION: u32 = 7;

pub fn manager_with(config: Config) -> TestManager {
    Manager::new(
        config,
        MockWifi::default(),
        MemStore::default(),
        StdRng::seed_from_u64(1),
    )
}

pub fn sec0_config() -> Config {
    Config::new("PROV_ABCDEF", Security::Sec0)
}

/// A started security-0 manager with its Init and Start events drained.
pub fn started() -> TestManager {
    let mut m = manager_with(sec0_config());
    m.start(T0).unwrap();
    m.session_open(SESSION);
    drain(&mut m);
    m
}

pub fn drain(m: &mut TestManager) -> Vec<Event> {
    core::iter::from_fn(|| m.poll_event()).collect()
}

pub fn request(m: &mut TestManager, endpoint: &str, bytes: &[u8]) -> Result<Vec<u8>, RequestError> {
    m.handle(T0, endpoint, SESSION, bytes)
}

pub fn config_msg(
    msg: WiFiConfigMsgType,
    payload: Option<wi_fi_config_payload::Payload>,
) -> Vec<u8> {
    WiFiConfigPayload {
        msg: msg as i32,
        payload,
    }
    .encode_to_vec()
}

pub fn get_status(m: &mut TestManager) -> RespGetStatus {
    let raw = request(
        m,
        "prov-config",
        &config_msg(WiFiConfigMsgType::TypeCmdGetStatus, None),
    )
    .unwrap();
    let resp = WiFiConfigPayload::decode(raw.as_slice()).unwrap();
    assert_eq!(resp.msg, WiFiConfigMsgType::TypeRespGetStatus as i32);
    match resp.payload {
        Some(wi_fi_config_payload::Payload::RespGetStatus(status)) => status,
        other => panic!("unexpected {other:?}"),
    }
}

pub fn set_config(m: &mut TestManager, ssid: &[u8], passphrase: &[u8], bssid: &[u8]) -> i32 {
    let cmd = CmdSetConfig {
        ssid: ssid.to_vec(),
        passphrase: passphrase.to_vec(),
        bssid: bssid.to_vec(),
        channel: 6,
    };
    let raw = request(
        m,
        "prov-config",
        &config_msg(
            WiFiConfigMsgType::TypeCmdSetConfig,
            Some(wi_fi_config_payload::Payload::CmdSetConfig(cmd)),
        ),
    )
    .unwrap();
    match WiFiConfigPayload::decode(raw.as_slice()).unwrap().payload {
        Some(wi_fi_config_payload::Payload::RespSetConfig(r)) => r.status,
        other => panic!("unexpected {other:?}"),
    }
}

pub fn apply_config(m: &mut TestManager) -> i32 {
    let raw = request(
        m,
        "prov-config",
        &config_msg(WiFiConfigMsgType::TypeCmdApplyConfig, None),
    )
    .unwrap();
    match WiFiConfigPayload::decode(raw.as_slice()).unwrap().payload {
        Some(wi_fi_config_payload::Payload::RespApplyConfig(r)) => r.status,
        other => panic!("unexpected {other:?}"),
    }
}

pub fn ctrl(m: &mut TestManager, msg: WiFiCtrlMsgType) -> i32 {
    let raw = request(
        m,
        "prov-ctrl",
        &WiFiCtrlPayload {
            msg: msg as i32,
            status: 0,
            payload: None,
        }
        .encode_to_vec(),
    )
    .unwrap();
    let resp = WiFiCtrlPayload::decode(raw.as_slice()).unwrap();
    assert_eq!(resp.msg, msg as i32 + 1);
    resp.status
}

pub fn scan(
    m: &mut TestManager,
    msg: WiFiScanMsgType,
    payload: Option<wi_fi_scan_payload::Payload>,
) -> WiFiScanPayload {
    let raw = request(
        m,
        "prov-scan",
        &WiFiScanPayload {
            msg: msg as i32,
            status: 0,
            payload,
        }
        .encode_to_vec(),
    )
    .unwrap();
    let resp = WiFiScanPayload::decode(raw.as_slice()).unwrap();
    assert_eq!(resp.msg, msg as i32 + 1);
    resp
}

pub fn connected_info() -> ConnectedInfo {
    ConnectedInfo {
        ip4: [192, 168, 1, 23],
        bssid: [0x24, 0x0a, 0xc4, 1, 2, 3],
        ssid: b"HomeNetwork".to_vec(),
        channel: 6,
        auth: 3,
    }
}

/// Runs set + apply + the connect deadline, leaving the manager in CRED_RECV.
pub fn applied(m: &mut TestManager) {
    assert_eq!(
        set_config(m, b"HomeNetwork", b"secret123", b""),
        Status::Success as i32
    );
    assert_eq!(apply_config(m), Status::Success as i32);
    m.poll(T0.plus_ms(CONNECT_DELAY_MS));
}

/// Takes the manager through to SUCCESS.
pub fn succeeded(m: &mut TestManager) {
    applied(m);
    m.on_wifi_event(T0.plus_ms(1500), WifiEvent::Connected(connected_info()));
}

/// Takes the manager through to FAIL with an auth error.
pub fn failed(m: &mut TestManager) {
    applied(m);
    m.on_wifi_event(
        T0.plus_ms(1500),
        WifiEvent::Disconnected {
            reason: DisconnectReason::AUTH_FAIL,
        },
    );
}

/// A client-side security session driven against the manager's prov-session.
pub fn handshake(
    m: &mut TestManager,
    config: InitiatorConfig,
    session: u32,
) -> Result<Box<dyn Initiator>, RequestError> {
    let mut client = initiator(config);
    let mut rng = StdRng::seed_from_u64(2);
    let mut response: Option<Vec<u8>> = None;
    while let Some(req) = client
        .step(response.as_deref(), &mut rng)
        .map_err(RequestError::Security)?
    {
        response = Some(m.handle(T0, "prov-session", session, &req)?);
    }
    Ok(client)
}
