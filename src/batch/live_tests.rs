//! The reset path of a retried device: a lost prov-ctrl answer must not leave SetConfig on the
//! same session (the device's cipher moved on; a reused keystream or nonce would leak the
//! passphrase), so the credentials go through a new handshake.

use std::sync::{Arc, Mutex};

use esprov_proto::messages::{
    resp_get_status::State, wi_fi_config_payload::Payload, RespApplyConfig, RespGetStatus,
    RespSetConfig, WiFiConfigPayload, WiFiCtrlPayload, WifiConnectedState,
};
use esprov_proto::security::{srp, ResponderConfig, SaltMode};
use prost::Message;

use super::*;
use crate::provision::fake::FakeDevice;
use crate::provision::WifiConfig;
use crate::session::{Credentials, Secret};

const SEC1: &str = r#"{"prov":{"ver":"v1.1","sec_ver":1,"cap":["wifi_scan"]}}"#;
const SEC2: &str = r#"{"prov":{"ver":"v1.1","sec_ver":2,"sec_patch_ver":1,"cap":["wifi_scan"]}}"#;

/// Answers prov-ctrl and prov-config like a device; records the passphrases SetConfig carried.
fn device(proto_ver: &str, config: ResponderConfig, seen: Arc<Mutex<Vec<Vec<u8>>>>) -> FakeDevice {
    let mut device = FakeDevice::new(proto_ver, config, move |endpoint, data| {
        if endpoint == "prov-ctrl" {
            return Ok(WiFiCtrlPayload {
                msg: 1,
                ..WiFiCtrlPayload::default()
            }
            .encode_to_vec());
        }
        let command = WiFiConfigPayload::decode(data).map_err(|_| Error::Rejected {
            endpoint: endpoint.into(),
            reason: "SetConfig did not decrypt to a message".into(),
        })?;
        let payload = match command.payload {
            Some(Payload::CmdSetConfig(cmd)) => {
                seen.lock().unwrap().push(cmd.passphrase);
                Payload::RespSetConfig(RespSetConfig { status: 0 })
            }
            Some(Payload::CmdApplyConfig(_)) => {
                Payload::RespApplyConfig(RespApplyConfig::default())
            }
            _ => Payload::RespGetStatus(RespGetStatus {
                state: Some(State::Connected(WifiConnectedState {
                    ip4_addr: "10.0.0.9".into(),
                    ssid: b"Home".to_vec(),
                    ..WifiConnectedState::default()
                })),
                ..RespGetStatus::default()
            }),
        };
        Ok(WiFiConfigPayload {
            msg: command.msg + 1,
            payload: Some(payload),
        }
        .encode_to_vec())
    });
    device.lose_next_answer = Some("prov-ctrl");
    device
}

async fn retry_after_a_lost_reset(device: FakeDevice, credentials: Credentials) {
    let request = ProvisionRequest {
        security: SecurityChoice::Auto,
        credentials,
        network: WifiConfig::new("Home", "passphrase-42").into(),
        timeout: Duration::from_secs(10),
        poll: PollPolicy {
            first: Duration::ZERO,
            ..BATCH_POLL
        },
    };
    let attempt = over(device, &request, Start::AfterWifiFailure, &mut |_| {}).await;
    let note = attempt.note.clone().unwrap_or_default();
    assert!(attempt.result.is_ok(), "{:?} ({note})", attempt.result);
    assert!(note.contains("new session"), "{note}");
}

#[tokio::test]
async fn sec1_set_config_after_a_lost_reset_answer_uses_a_new_session() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let config = ResponderConfig::Sec1 {
        pop: b"pop-1".to_vec(),
    };
    let credentials = Credentials {
        pop: Some(Secret::from("pop-1")),
        ..Credentials::default()
    };
    retry_after_a_lost_reset(device(SEC1, config, seen.clone()), credentials).await;
    assert_eq!(*seen.lock().unwrap(), vec![b"passphrase-42".to_vec()]);
}

#[tokio::test]
async fn sec2_set_config_after_a_lost_reset_answer_uses_a_new_session() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (salt, verifier) = srp::generate_salt_verifier(
        b"wifiprov",
        b"pw",
        16,
        &mut rand::rngs::OsRng,
        SaltMode::Full,
    );
    let config = ResponderConfig::Sec2 {
        salt,
        verifier,
        patch: 1,
    };
    let credentials = Credentials {
        username: Some("wifiprov".into()),
        password: Some(Secret::from("pw")),
        ..Credentials::default()
    };
    retry_after_a_lost_reset(device(SEC2, config, seen.clone()), credentials).await;
    assert_eq!(*seen.lock().unwrap(), vec![b"passphrase-42".to_vec()]);
}
