//! The manager's Thread half against a recording stand-in for the 802.15.4 radio: dataset in,
//! attach after the apply delay, status, failure reasons, reset, reprov, auto-stop and scan.

mod common;

use std::sync::{Arc, Mutex};

use common::*;
use esprov_device::esprov_proto::dataset;
use esprov_device::esprov_proto::messages::*;
use esprov_device::*;
use prost::Message;

/// What the stand-in radio was asked to do, shared with the test.
#[derive(Debug, Default)]
struct Calls {
    attached: Vec<Vec<u8>>,
    detaches: usize,
    scans: Vec<ThreadScanParams>,
}

struct FakeNode(Arc<Mutex<Calls>>);

impl ThreadNode for FakeNode {
    fn attach(&mut self, dataset: &ThreadDataset) {
        self.0
            .lock()
            .unwrap()
            .attached
            .push(dataset.as_bytes().to_vec());
    }
    fn detach(&mut self) {
        self.0.lock().unwrap().detaches += 1;
    }
    fn start_scan(
        &mut self,
        params: &ThreadScanParams,
    ) -> Result<ThreadScanStarted, PlatformError> {
        self.0.lock().unwrap().scans.push(*params);
        Ok(ThreadScanStarted::Finished(vec![
            network(-70, "Weak"),
            network(-40, "Strong"),
        ]))
    }
}

fn network(rssi: i8, name: &str) -> ThreadNetworkRecord {
    ThreadNetworkRecord {
        pan_id: 0x1234,
        channel: 15,
        rssi,
        lqi: 200,
        ext_addr: [1, 2, 3, 4, 5, 6, 7, 8],
        network_name: name.into(),
        ext_pan_id: [0xde, 0xad, 0, 0xbe, 0xef, 0, 0xca, 0xfe],
    }
}

fn thread_manager(wifi: bool, auto_stop: bool) -> (TestManager, Arc<Mutex<Calls>>) {
    let mut config = sec0_config();
    config.network_provisioning = Some(Networks { wifi, thread: true });
    let mut m = manager_with(config);
    let calls = Arc::new(Mutex::new(Calls::default()));
    m.set_thread_node(FakeNode(calls.clone())).unwrap();
    if !auto_stop {
        m.disable_auto_stop(100).unwrap();
    }
    m.start(T0).unwrap();
    m.session_open(SESSION);
    drain(&mut m);
    (m, calls)
}

fn good_dataset() -> Vec<u8> {
    dataset::from_scan_pick(
        15,
        0x1234,
        &[0xde, 0xad, 0, 0xbe, 0xef, 0, 0xca, 0xfe],
        &[7; 16],
    )
    .to_vec()
}

fn config_reply(
    m: &mut TestManager,
    msg: WiFiConfigMsgType,
    payload: Option<wi_fi_config_payload::Payload>,
) -> WiFiConfigPayload {
    let raw = request(m, "prov-config", &config_msg(msg, payload)).unwrap();
    let resp = WiFiConfigPayload::decode(raw.as_slice()).unwrap();
    assert_eq!(resp.msg, msg as i32 + 1);
    resp
}

fn send_dataset(m: &mut TestManager, tlvs: &[u8]) -> (i32, i32) {
    let set = config_reply(
        m,
        WiFiConfigMsgType::TypeCmdSetThreadConfig,
        Some(wi_fi_config_payload::Payload::CmdSetThreadConfig(
            CmdSetThreadConfig {
                dataset: tlvs.to_vec(),
            },
        )),
    );
    let Some(wi_fi_config_payload::Payload::RespSetThreadConfig(set)) = set.payload else {
        panic!("no RespSetThreadConfig");
    };
    let apply = config_reply(m, WiFiConfigMsgType::TypeCmdApplyThreadConfig, None);
    let Some(wi_fi_config_payload::Payload::RespApplyThreadConfig(apply)) = apply.payload else {
        panic!("no RespApplyThreadConfig");
    };
    (set.status, apply.status)
}

fn thread_status(m: &mut TestManager) -> RespGetThreadStatus {
    match config_reply(m, WiFiConfigMsgType::TypeCmdGetThreadStatus, None).payload {
        Some(wi_fi_config_payload::Payload::RespGetThreadStatus(status)) => status,
        other => panic!("unexpected {other:?}"),
    }
}

fn attached_info() -> AttachedInfo {
    AttachedInfo {
        pan_id: 0x1234,
        ext_pan_id: [0xde, 0xad, 0, 0xbe, 0xef, 0, 0xca, 0xfe],
        channel: 15,
        name: "Strong".into(),
    }
}

#[test]
fn proto_ver_answers_netprov_with_thread_caps() {
    let (mut m, _) = thread_manager(false, true);
    let answer = String::from_utf8(request(&mut m, "proto-ver", b"x").unwrap()).unwrap();
    let parsed = esprov_device::esprov_proto::version::ProtoVer::parse(answer.as_bytes()).unwrap();
    let prov = parsed.prov.unwrap();
    assert_eq!(prov.ver, "netprov-v1.2");
    assert_eq!(prov.cap, ["no_sec", "thread_prov", "thread_scan"]);

    let (mut both, _) = thread_manager(true, true);
    let answer = String::from_utf8(request(&mut both, "proto-ver", b"x").unwrap()).unwrap();
    assert!(
        answer.contains(r#"["no_sec", "wifi_prov", "wifi_scan", "thread_prov", "thread_scan"]"#),
        "{answer}"
    );

    // The default stays wifi_provisioning v1.1.
    let mut plain = started();
    let answer = String::from_utf8(request(&mut plain, "proto-ver", b"x").unwrap()).unwrap();
    assert!(
        answer.contains("\"v1.1\"") && !answer.contains("thread"),
        "{answer}"
    );
}

#[test]
fn dataset_attaches_after_the_delay_and_attached_ends_provisioning() {
    let (mut m, calls) = thread_manager(false, true);
    assert_eq!(
        thread_status(&mut m).thread_state,
        ThreadNetworkState::Attaching as i32
    );
    assert_eq!(send_dataset(&mut m, &good_dataset()), (0, 0));
    assert_eq!(drain(&mut m), vec![Event::ThreadDatasetRecv]);
    assert!(
        calls.lock().unwrap().attached.is_empty(),
        "attach waits for the apply delay"
    );
    m.poll(T0.plus_ms(CONNECT_DELAY_MS));
    assert_eq!(calls.lock().unwrap().attached, vec![good_dataset()]);

    m.on_thread_event(T0.plus_ms(1500), ThreadEvent::Attached(attached_info()));
    assert_eq!(drain(&mut m), vec![Event::ThreadDatasetSuccess]);
    let status = thread_status(&mut m);
    assert_eq!(status.thread_state, ThreadNetworkState::Attached as i32);
    let Some(resp_get_thread_status::State::ThreadAttached(state)) = status.state else {
        panic!("no attach state");
    };
    assert_eq!(
        (state.pan_id, state.channel, state.name.as_str()),
        (0x1234, 15, "Strong")
    );
    assert_eq!(
        m.prov_state(),
        ProvState::Stopping,
        "the client saw success: auto-stop"
    );
}

#[test]
fn unparseable_dataset_fails_at_once_with_dataset_invalid_until_reset() {
    let (mut m, calls) = thread_manager(false, true);
    let (set, apply) = send_dataset(&mut m, &[0x05, 0x10, 0xaa]);
    assert_eq!(set, Status::Success as i32);
    assert_eq!(apply, Status::InternalError as i32);
    assert_eq!(
        drain(&mut m),
        vec![Event::ThreadDatasetFail(ThreadFailReason::DatasetInvalid)]
    );
    let status = thread_status(&mut m);
    assert_eq!(
        status.thread_state,
        ThreadNetworkState::AttachingFailed as i32
    );
    assert_eq!(
        status.state,
        Some(resp_get_thread_status::State::ThreadFailReason(
            ThreadAttachFailedReason::DatasetInvalid as i32
        ))
    );
    assert!(calls.lock().unwrap().attached.is_empty());

    // Rejected after failure until a Thread reset.
    assert_eq!(
        send_dataset(&mut m, &good_dataset()).1,
        Status::InternalError as i32
    );
    assert_eq!(
        ctrl(&mut m, WiFiCtrlMsgType::TypeCmdCtrlThreadReset),
        Status::Success as i32
    );
    assert_eq!(calls.lock().unwrap().detaches, 1);
    assert_eq!(
        thread_status(&mut m).thread_state,
        ThreadNetworkState::Attaching as i32
    );
    assert_eq!(send_dataset(&mut m, &good_dataset()), (0, 0));
}

#[test]
fn no_attach_before_the_timeout_is_network_not_found() {
    let (mut m, _) = thread_manager(false, true);
    send_dataset(&mut m, &good_dataset());
    drain(&mut m);
    let timeout = CONNECT_DELAY_MS + DEFAULT_THREAD_ATTACH_TIMEOUT_MS;
    m.poll(T0.plus_ms(timeout - 1));
    assert_eq!(
        thread_status(&mut m).thread_state,
        ThreadNetworkState::Attaching as i32
    );
    m.poll(T0.plus_ms(timeout));
    assert_eq!(
        drain(&mut m),
        vec![Event::ThreadDatasetFail(ThreadFailReason::NetworkNotFound)]
    );
    assert_eq!(
        thread_status(&mut m).state,
        Some(resp_get_thread_status::State::ThreadFailReason(
            ThreadAttachFailedReason::ThreadNetworkNotFound as i32
        ))
    );
    assert_eq!(m.prov_state(), ProvState::Fail);
}

#[test]
fn reprov_after_success_takes_a_new_dataset() {
    let (mut m, calls) = thread_manager(false, false);
    send_dataset(&mut m, &good_dataset());
    m.poll(T0.plus_ms(CONNECT_DELAY_MS));
    m.on_thread_event(T0.plus_ms(1500), ThreadEvent::Attached(attached_info()));
    assert_eq!(
        thread_status(&mut m).thread_state,
        ThreadNetworkState::Attached as i32
    );
    assert_eq!(m.prov_state(), ProvState::Success, "auto-stop disabled");
    assert_eq!(
        ctrl(&mut m, WiFiCtrlMsgType::TypeCmdCtrlThreadReprov),
        Status::Success as i32
    );
    assert_eq!(m.prov_state(), ProvState::Started);
    assert_eq!(calls.lock().unwrap().detaches, 1);
    assert_eq!(send_dataset(&mut m, &good_dataset()), (0, 0));
}

#[test]
fn thread_scan_pages_strongest_first() {
    let (mut m, calls) = thread_manager(false, true);
    let start = scan(
        &mut m,
        WiFiScanMsgType::TypeCmdScanThreadStart,
        Some(wi_fi_scan_payload::Payload::CmdScanThreadStart(
            CmdScanThreadStart {
                blocking: true,
                channel_mask: 1 << 15,
            },
        )),
    );
    assert_eq!(start.status, Status::Success as i32);
    assert_eq!(
        calls.lock().unwrap().scans,
        vec![ThreadScanParams {
            blocking: true,
            channel_mask: 1 << 15
        }]
    );
    let status = scan(&mut m, WiFiScanMsgType::TypeCmdScanThreadStatus, None);
    assert_eq!(
        status.payload,
        Some(wi_fi_scan_payload::Payload::RespScanThreadStatus(
            RespScanThreadStatus {
                scan_finished: true,
                result_count: 2
            }
        ))
    );
    let page = scan(
        &mut m,
        WiFiScanMsgType::TypeCmdScanThreadResult,
        Some(wi_fi_scan_payload::Payload::CmdScanThreadResult(
            CmdScanThreadResult {
                start_index: 0,
                count: 2,
            },
        )),
    );
    let Some(wi_fi_scan_payload::Payload::RespScanThreadResult(page)) = page.payload else {
        panic!("no result page");
    };
    let names: Vec<&str> = page
        .entries
        .iter()
        .map(|e| e.network_name.as_str())
        .collect();
    assert_eq!(names, ["Strong", "Weak"]);
    assert_eq!(page.entries[0].ext_addr, [1, 2, 3, 4, 5, 6, 7, 8]);
}

#[test]
fn a_thread_only_build_refuses_wifi_and_wifi_provisioning_knows_no_thread() {
    let (mut m, _) = thread_manager(false, true);
    assert_eq!(
        set_config(&mut m, b"HomeNetwork", b"pw", b""),
        Status::InvalidArgument as i32
    );
    let wifi_scan = scan(
        &mut m,
        WiFiScanMsgType::TypeCmdScanStart,
        Some(wi_fi_scan_payload::Payload::CmdScanStart(
            CmdScanStart::default(),
        )),
    );
    assert_eq!(wifi_scan.status, Status::InvalidArgument as i32);

    let mut plain = started();
    let raw = config_msg(WiFiConfigMsgType::TypeCmdGetThreadStatus, None);
    assert_eq!(
        request(&mut plain, "prov-config", &raw),
        Err(RequestError::UnknownMessage(6))
    );
}

#[test]
fn the_dataset_never_shows_in_debug_output() {
    let tlvs = good_dataset();
    let shown = format!("{:?}", ThreadDataset(tlvs.clone().into()));
    assert!(
        !shown.contains("7, 7") && !shown.contains("0707"),
        "{shown}"
    );
}
