//! The device wiring of the simulator: SimDevice through `Protocomm`, simulated Wi-Fi, the
//! credential file and the timer task.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use esprov_device::esprov_proto::messages::*;
use esprov_device::esprov_proto::security::{
    generate_salt_verifier, initiator, Initiator, InitiatorConfig, SaltMode,
};
use esprov_device::{Config, CredentialStore, ProvState, Security, WifiCredentials};
use esprov_sim::device::{build_manager, lock, run_timers, SimClock, SimDevice, CUSTOM_DATA};
use esprov_sim::protocomm::Protocomm;
use esprov_sim::store::{device_mac, FileStore};
use esprov_sim::wifi::{aps_from_args, default_aps, SimWifi};
use esprov_sim::SimOutcome;
use prost::Message;
use rand::rngs::StdRng;
use rand::SeedableRng;

const SESSION: u32 = 42;

struct Rig {
    device: Arc<Mutex<SimDevice>>,
    _dir: tempfile::TempDir,
    timers: tokio::task::JoinHandle<()>,
}

/// Wi-Fi answers this long after the manager's one-second connect delay.
const WIFI_DELAY_MS: u64 = 200;
/// From ApplyConfig until the simulated Wi-Fi has answered, with slack for a busy machine.
const SETTLE_MS: u64 = 1000 + WIFI_DELAY_MS + 800;

fn rig(security: Security, outcome: SimOutcome, aps: &[&str], auto_stop: bool) -> Rig {
    let dir = tempfile::tempdir().unwrap();
    let rig_dir = dir.path().to_path_buf();
    rig_in(dir, &rig_dir, security, outcome, aps, auto_stop, 30_000)
}

fn rig_in(
    dir: tempfile::TempDir,
    path: &std::path::Path,
    security: Security,
    outcome: SimOutcome,
    aps: &[&str],
    auto_stop: bool,
    autostop_timeout_ms: u64,
) -> Rig {
    let clock = SimClock::start();
    let aps = aps_from_args(&aps.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
    let wifi = SimWifi::new(aps, outcome, WIFI_DELAY_MS, [192, 168, 1, 100], clock);
    let mut config = Config::new("PROV_TEST01", security);
    config.autostop_timeout_ms = autostop_timeout_ms;
    let manager = build_manager(
        config,
        wifi,
        FileStore::new(path),
        StdRng::seed_from_u64(5),
        auto_stop,
    )
    .unwrap();
    let mut device = SimDevice::new(manager, clock, false);
    device.start().unwrap();
    device.open_session(SESSION);
    let device = Arc::new(Mutex::new(device));
    let timers = tokio::spawn(run_timers(device.clone()));
    Rig {
        device,
        _dir: dir,
        timers,
    }
}

impl Rig {
    fn call(&self, endpoint: &str, request: &[u8]) -> Vec<u8> {
        lock(&self.device)
            .handle(endpoint, SESSION, request)
            .unwrap()
    }

    fn status(&self) -> RespGetStatus {
        let raw = self.call("prov-config", &[0x52, 0x00]);
        match WiFiConfigPayload::decode(raw.as_slice()).unwrap().payload {
            Some(wi_fi_config_payload::Payload::RespGetStatus(s)) => s,
            other => panic!("unexpected {other:?}"),
        }
    }

    fn provision(&self, ssid: &str, passphrase: &str) {
        let cmd = CmdSetConfig {
            ssid: ssid.into(),
            passphrase: passphrase.into(),
            ..Default::default()
        };
        let set = WiFiConfigPayload {
            msg: WiFiConfigMsgType::TypeCmdSetConfig as i32,
            payload: Some(wi_fi_config_payload::Payload::CmdSetConfig(cmd)),
        };
        assert_eq!(
            self.call("prov-config", &set.encode_to_vec()),
            vec![0x08, 0x03, 0x6a, 0x00]
        );
        assert_eq!(
            self.call("prov-config", &[0x08, 0x04]),
            vec![0x08, 0x05, 0x7a, 0x00]
        );
    }

    fn ctrl(&self, msg: u8) -> i32 {
        let raw = self.call("prov-ctrl", &[0x08, msg]);
        WiFiCtrlPayload::decode(raw.as_slice()).unwrap().status
    }

    fn state(&self) -> ProvState {
        lock(&self.device).manager().prov_state()
    }
}

async fn advance(ms: u64) {
    tokio::time::sleep(Duration::from_millis(ms)).await;
}

#[tokio::test]
async fn sec0_provisioning_connects_then_auto_stops() {
    let rig = rig(Security::Sec0, SimOutcome::Ok, &[], true);
    assert_eq!(
        rig.call("prov-session", &[0x52, 0x03, 0xa2, 0x01, 0x00]),
        vec![0x52, 0x05, 0x08, 0x01, 0xaa, 0x01, 0x00]
    );
    rig.provision("HomeNetwork", "anything");
    assert_eq!(rig.status().sta_state, WifiStationState::Connecting as i32);
    advance(500).await;
    assert_eq!(
        rig.status().sta_state,
        WifiStationState::Connecting as i32,
        "connect delay still running"
    );
    advance(SETTLE_MS - 500).await;
    let status = rig.status();
    assert_eq!(status.sta_state, WifiStationState::Connected as i32);
    let Some(resp_get_status::State::Connected(connected)) = status.state else {
        panic!("no details")
    };
    assert_eq!(connected.ip4_addr, "192.168.1.100");
    assert_eq!(connected.ssid, b"HomeNetwork");
    assert_eq!(connected.channel, 6);
    assert_eq!(rig.state(), ProvState::Stopping);
    advance(1500).await;
    assert!(lock(&rig.device).has_ended());
    assert!(!lock(&rig.device).has_endpoint("prov-config"));
    tokio::time::timeout(Duration::from_secs(1), rig.timers)
        .await
        .unwrap()
        .unwrap();
}

#[tokio::test]
async fn auto_stop_without_get_status_after_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let rig = rig_in(dir, &path, Security::Sec0, SimOutcome::Ok, &[], true, 1000);
    rig.provision("HomeNetwork", "x");
    advance(SETTLE_MS).await;
    assert_eq!(rig.state(), ProvState::Success);
    advance(1000 + 1000 + 800).await;
    assert!(lock(&rig.device).has_ended());
}

#[tokio::test]
async fn wrong_passphrase_fails_then_reset_and_success() {
    let rig = rig(
        Security::Sec0,
        SimOutcome::Ok,
        &["HomeNetwork:right-pass"],
        true,
    );
    rig.provision("HomeNetwork", "wrong-pass");
    advance(SETTLE_MS).await;
    let status = rig.status();
    assert_eq!(status.sta_state, WifiStationState::ConnectionFailed as i32);
    assert_eq!(
        status.state,
        Some(resp_get_status::State::FailReason(
            WifiConnectFailedReason::AuthError as i32
        ))
    );
    assert_eq!(
        rig.call("prov-config", &[0x08, 0x04]),
        vec![0x08, 0x05, 0x7a, 0x02, 0x08, 0x05],
        "apply rejected after failure"
    );
    assert_eq!(rig.ctrl(1), Status::Success as i32);
    rig.provision("HomeNetwork", "right-pass");
    advance(SETTLE_MS).await;
    assert_eq!(rig.status().sta_state, WifiStationState::Connected as i32);
}

#[tokio::test]
async fn outcomes_no_ap_auth_error_and_never() {
    let cases = [
        (
            SimOutcome::NoAp,
            Some(WifiConnectFailedReason::NetworkNotFound),
        ),
        (
            SimOutcome::AuthError,
            Some(WifiConnectFailedReason::AuthError),
        ),
        (SimOutcome::Never, None),
    ];
    for (outcome, reason) in cases {
        let rig = rig(Security::Sec0, outcome, &[], true);
        rig.provision("HomeNetwork", "pw");
        advance(SETTLE_MS).await;
        let status = rig.status();
        match reason {
            Some(reason) => {
                assert_eq!(
                    status.sta_state,
                    WifiStationState::ConnectionFailed as i32,
                    "{outcome:?}"
                );
                assert_eq!(
                    status.state,
                    Some(resp_get_status::State::FailReason(reason as i32))
                );
            }
            None => assert_eq!(
                status.sta_state,
                WifiStationState::Connecting as i32,
                "{outcome:?}"
            ),
        }
    }
}

#[tokio::test]
async fn unknown_ssid_is_network_not_found() {
    let rig = rig(Security::Sec0, SimOutcome::Ok, &[], true);
    rig.provision("NoSuchNetwork", "pw");
    advance(SETTLE_MS).await;
    assert_eq!(
        rig.status().state,
        Some(resp_get_status::State::FailReason(
            WifiConnectFailedReason::NetworkNotFound as i32
        ))
    );
}

#[tokio::test]
async fn scans_list_the_simulated_aps_strongest_first() {
    let rig = rig(Security::Sec0, SimOutcome::Ok, &[], true);
    let start = |blocking| WiFiScanPayload {
        msg: 0,
        status: 0,
        payload: Some(wi_fi_scan_payload::Payload::CmdScanStart(CmdScanStart {
            blocking,
            ..Default::default()
        })),
    };
    rig.call("prov-scan", &start(false).encode_to_vec());
    let status =
        |rig: &Rig| match WiFiScanPayload::decode(rig.call("prov-scan", &[0x08, 0x02]).as_slice())
            .unwrap()
            .payload
        {
            Some(wi_fi_scan_payload::Payload::RespScanStatus(s)) => s,
            other => panic!("{other:?}"),
        };
    assert!(!status(&rig).scan_finished);
    advance(600).await;
    let done = status(&rig);
    assert!(done.scan_finished);
    assert_eq!(done.result_count as usize, default_aps().len());
    let page = WiFiScanPayload {
        msg: 4,
        status: 0,
        payload: Some(wi_fi_scan_payload::Payload::CmdScanResult(CmdScanResult {
            start_index: 0,
            count: done.result_count,
        })),
    };
    let resp =
        WiFiScanPayload::decode(rig.call("prov-scan", &page.encode_to_vec()).as_slice()).unwrap();
    let Some(wi_fi_scan_payload::Payload::RespScanResult(result)) = resp.payload else {
        panic!()
    };
    assert_eq!(result.entries[0].ssid, b"HomeNetwork");
    assert!(result.entries.windows(2).all(|w| w[0].rssi >= w[1].rssi));
}

#[tokio::test]
async fn reprov_works_with_auto_stop_disabled() {
    let rig = rig(Security::Sec0, SimOutcome::Ok, &[], false);
    rig.provision("HomeNetwork", "x");
    advance(SETTLE_MS).await;
    assert_eq!(rig.status().sta_state, WifiStationState::Connected as i32);
    advance(SETTLE_MS).await;
    assert_eq!(rig.state(), ProvState::Success, "no auto-stop");
    assert_eq!(rig.ctrl(3), Status::Success as i32);
    assert_eq!(rig.state(), ProvState::Started);
    rig.provision("Office-5G", "office-pass");
    advance(SETTLE_MS).await;
    assert_eq!(rig.status().sta_state, WifiStationState::Connected as i32);
}

#[tokio::test]
async fn custom_data_answers_success_with_nul() {
    let rig = rig(Security::Sec0, SimOutcome::Ok, &[], true);
    assert_eq!(rig.call(CUSTOM_DATA, b"hello"), b"SUCCESS\0");
}

#[tokio::test]
async fn sec2_session_through_the_sim_device() {
    let mut rng = StdRng::seed_from_u64(9);
    let (salt, verifier) =
        generate_salt_verifier(b"wifiprov", b"abcd1234", 16, &mut rng, SaltMode::Full);
    let rig = rig(Security::Sec2 { salt, verifier }, SimOutcome::Ok, &[], true);
    let mut client: Box<dyn Initiator> = initiator(InitiatorConfig::Sec2 {
        username: b"wifiprov".to_vec(),
        password: b"abcd1234".to_vec(),
        patch: 1,
        salt_mode: SaltMode::Full,
    });
    let mut response: Option<Vec<u8>> = None;
    while let Some(request) = client.step(response.as_deref(), &mut rng).unwrap() {
        response = Some(rig.call("prov-session", &request));
    }
    let request = client.encrypt(&[0x52, 0x00]).unwrap();
    let response = rig.call("prov-config", &request);
    assert_eq!(
        client.decrypt(&response).unwrap(),
        vec![0x08, 0x01, 0x5a, 0x02, 0x10, 0x01]
    );
    let wrong = lock(&rig.device).handle("prov-config", SESSION, &request);
    assert!(wrong.is_err(), "a replayed counter fails the tag check");
}

#[tokio::test]
async fn credentials_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let rig = rig_in(
        dir,
        &path,
        Security::Sec0,
        SimOutcome::Ok,
        &[],
        true,
        30_000,
    );
    assert!(!lock(&rig.device).manager_mut().is_provisioned().unwrap());
    rig.provision("HomeNetwork", "pw");
    let mut again = FileStore::new(&path);
    assert_eq!(
        again.load().unwrap(),
        Some(WifiCredentials {
            ssid: b"HomeNetwork".to_vec(),
            passphrase: b"pw".to_vec()
        })
    );
    again.erase().unwrap();
    assert_eq!(again.load().unwrap(), None);
    again.erase().unwrap();
}

#[test]
fn device_mac_is_created_once_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let first = device_mac(dir.path(), [1, 2, 3, 4, 5, 6]).unwrap();
    let second = device_mac(dir.path(), [9, 9, 9, 9, 9, 9]).unwrap();
    assert_eq!(first, [1, 2, 3, 4, 5, 6]);
    assert_eq!(second, first);
}

#[test]
fn ap_arguments_override_and_add() {
    let aps = aps_from_args(&["HomeNetwork:secret".into(), "Lab:".into()]).unwrap();
    let home = aps.iter().find(|ap| ap.ssid == "HomeNetwork").unwrap();
    assert_eq!(home.passphrase.as_deref(), Some("secret"));
    let lab = aps.iter().find(|ap| ap.ssid == "Lab").unwrap();
    assert_eq!((lab.passphrase.as_deref(), lab.auth), (Some(""), 0));
    assert!(aps_from_args(&["no-colon".into()]).is_err());
    assert!(aps_from_args(&[format!("{}:x", "s".repeat(33))]).is_err());
}
