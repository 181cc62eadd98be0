//! The one-call [`provision`] on Thread: the network chosen from the request and the device's
//! caps, SetThreadConfig carrying the dataset, ApplyThreadConfig, GetThreadStatus until attached.

use std::sync::{Arc, Mutex};

use esprov_proto::dataset;
use esprov_proto::messages::{
    resp_get_thread_status::State, wi_fi_config_payload as config, RespApplyThreadConfig,
    RespGetThreadStatus, RespSetThreadConfig, ThreadAttachFailedReason, ThreadAttachState,
    WiFiConfigMsgType, WiFiConfigPayload,
};
use esprov_proto::security::ResponderConfig;
use esprov_proto::version::NetworkType;
use prost::Message;

use super::fake::FakeDevice;
use super::*;
use crate::session::{Credentials, DeviceInfo, Secret, SecurityChoice};
use crate::Error;

const THREAD_ONLY: &str =
    r#"{"prov":{"ver":"netprov-v1.2","sec_ver":0,"cap":["no_sec","thread_prov","thread_scan"]}}"#;
const BOTH: &str = r#"{"prov":{"ver":"netprov-v1.2","sec_ver":0,"cap":["no_sec","wifi_prov","wifi_scan","thread_prov","thread_scan"]}}"#;
const WIFI_ONLY: &str = r#"{"prov":{"ver":"v1.1","sec_ver":0,"cap":["no_sec","wifi_scan"]}}"#;

const EXT_PAN_ID: [u8; 8] = [0xde, 0xad, 0x00, 0xbe, 0xef, 0x00, 0xca, 0xfe];

fn dataset() -> Secret {
    Secret::new(dataset::from_scan_pick(15, 0x1234, &EXT_PAN_ID, &[0x11; 16]).to_vec())
}

fn attached() -> RespGetThreadStatus {
    RespGetThreadStatus {
        status: 0,
        thread_state: 0,
        state: Some(State::ThreadAttached(ThreadAttachState {
            pan_id: 0x1234,
            ext_pan_id: EXT_PAN_ID.to_vec(),
            channel: 15,
            name: "OpenThread-1234".into(),
        })),
    }
}

fn attaching() -> RespGetThreadStatus {
    RespGetThreadStatus {
        status: 0,
        thread_state: 1,
        state: None,
    }
}

fn failed(reason: ThreadAttachFailedReason) -> RespGetThreadStatus {
    RespGetThreadStatus {
        status: 0,
        thread_state: 3,
        state: Some(State::ThreadFailReason(reason as i32)),
    }
}

/// A Thread device answering prov-config; every SetThreadConfig dataset is kept in `received`.
fn thread_device(
    proto_ver: &str,
    statuses: Vec<RespGetThreadStatus>,
    received: Arc<Mutex<Vec<Vec<u8>>>>,
) -> FakeDevice {
    let statuses = Arc::new(Mutex::new(statuses));
    FakeDevice::new(proto_ver, ResponderConfig::Sec0, move |endpoint, plain| {
        assert_eq!(endpoint, "prov-config");
        let cmd = WiFiConfigPayload::decode(plain).expect("a prov-config command");
        let (msg, payload) = match cmd.payload {
            Some(config::Payload::CmdSetThreadConfig(set)) => {
                received.lock().expect("lock").push(set.dataset);
                (
                    WiFiConfigMsgType::TypeRespSetThreadConfig,
                    config::Payload::RespSetThreadConfig(RespSetThreadConfig { status: 0 }),
                )
            }
            Some(config::Payload::CmdApplyThreadConfig(_)) => (
                WiFiConfigMsgType::TypeRespApplyThreadConfig,
                config::Payload::RespApplyThreadConfig(RespApplyThreadConfig { status: 0 }),
            ),
            Some(config::Payload::CmdGetThreadStatus(_)) => {
                let mut statuses = statuses.lock().expect("lock");
                let next = if statuses.len() > 1 {
                    statuses.remove(0)
                } else {
                    statuses[0].clone()
                };
                (
                    WiFiConfigMsgType::TypeRespGetThreadStatus,
                    config::Payload::RespGetThreadStatus(next),
                )
            }
            other => panic!("a Thread device got {other:?}"),
        };
        Ok(WiFiConfigPayload {
            msg: msg as i32,
            payload: Some(payload),
        }
        .encode_to_vec())
    })
}

fn thread_request() -> ProvisionRequest {
    let mut request =
        ProvisionRequest::new(NetworkConfig::Thread(dataset()), Credentials::default());
    request.security = SecurityChoice::Sec0;
    request.poll = PollPolicy {
        first: std::time::Duration::from_millis(10),
        initial: std::time::Duration::from_millis(10),
        max: std::time::Duration::from_millis(10),
        factor: 1.0,
    };
    request
}

#[tokio::test(start_paused = true)]
async fn provision_attaches_a_thread_device_with_the_dataset() {
    let received = Arc::new(Mutex::new(Vec::new()));
    let fake = thread_device(THREAD_ONLY, vec![attaching(), attached()], received.clone());
    let mut events = Vec::new();
    let outcome = provision(fake, &thread_request(), &mut |e| events.push(e.clone()))
        .await
        .expect("attached");
    let Joined::Thread(network) = &outcome.joined else {
        panic!("a Thread outcome: {outcome:?}")
    };
    assert_eq!(network.pan_id, 0x1234);
    assert_eq!(network.ext_pan_id, "dead00beef00cafe");
    assert_eq!(network.name, "OpenThread-1234");
    assert_eq!(outcome.joined.ip4(), None);
    assert_eq!(
        received.lock().expect("lock").as_slice(),
        [dataset().expose().to_vec()]
    );
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| match e {
            ProvisionEvent::Info { .. } => "info",
            ProvisionEvent::Session { .. } => "session",
            ProvisionEvent::ConfigSent => "config_sent",
            ProvisionEvent::Applied => "applied",
            ProvisionEvent::Thread { status } => status.word(),
            ProvisionEvent::Status { .. } => "wifi",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "info",
            "session",
            "config_sent",
            "applied",
            "attaching",
            "attached"
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn a_dataset_the_device_cannot_use_ends_as_thread_dataset_invalid() {
    let received = Arc::new(Mutex::new(Vec::new()));
    let statuses = vec![failed(ThreadAttachFailedReason::DatasetInvalid)];
    let fake = thread_device(THREAD_ONLY, statuses, received);
    let err = provision(fake, &thread_request(), &mut |_| {})
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ThreadDatasetInvalid), "{err:?}");
    assert_eq!(err.reason(), "thread_dataset_invalid");
    let statuses = vec![failed(ThreadAttachFailedReason::ThreadNetworkNotFound)];
    let fake = thread_device(BOTH, statuses, Arc::new(Mutex::new(Vec::new())));
    let err = provision(fake, &thread_request(), &mut |_| {})
        .await
        .unwrap_err();
    assert_eq!(err.reason(), "thread_network_not_found");
}

#[tokio::test]
async fn a_wifi_request_to_a_thread_only_device_is_a_usage_error_before_the_handshake() {
    let fake = thread_device(
        THREAD_ONLY,
        vec![attached()],
        Arc::new(Mutex::new(Vec::new())),
    );
    let mut request = thread_request();
    request.network = NetworkConfig::Wifi(WifiConfig::new("Home", "passphrase"));
    let err = provision(fake, &request, &mut |_| {}).await.unwrap_err();
    let Error::Usage(message) = &err else {
        panic!("a usage error: {err:?}")
    };
    assert!(message.contains("thread_prov, thread_scan"), "{message}");
    assert!(message.contains("dataset"), "{message}");
}

#[tokio::test]
async fn a_thread_request_to_a_wifi_device_is_a_usage_error_naming_its_caps() {
    let fake = thread_device(
        WIFI_ONLY,
        vec![attached()],
        Arc::new(Mutex::new(Vec::new())),
    );
    let err = provision(fake, &thread_request(), &mut |_| {})
        .await
        .unwrap_err();
    let Error::Usage(message) = &err else {
        panic!("a usage error: {err:?}")
    };
    assert!(message.contains("does not provision Thread"), "{message}");
    assert!(message.contains("no_sec, wifi_scan"), "{message}");
}

#[test]
fn the_network_follows_the_request_then_the_caps() {
    let info = |pv: &str| DeviceInfo::parse(pv.as_bytes().to_vec()).expect("proto-ver");
    let (thread, both, wifi) = (info(THREAD_ONLY), info(BOTH), info(WIFI_ONLY));
    let (w, t) = (Some(NetworkType::Wifi), Some(NetworkType::Thread));
    assert_eq!(
        choose_network(&thread, None).ok(),
        Some(NetworkType::Thread)
    );
    assert_eq!(choose_network(&both, None).ok(), Some(NetworkType::Wifi));
    assert_eq!(choose_network(&both, t).ok(), Some(NetworkType::Thread));
    assert_eq!(choose_network(&both, w).ok(), Some(NetworkType::Wifi));
    assert_eq!(choose_network(&wifi, None).ok(), Some(NetworkType::Wifi));
    assert!(matches!(choose_network(&wifi, t), Err(Error::Usage(_))));
    assert!(matches!(choose_network(&thread, w), Err(Error::Usage(_))));
}
