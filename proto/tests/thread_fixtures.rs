//! esprov-proto's Thread messages against byte-exact fixtures that Google's Python protobuf
//! encoded from the same `.proto` files (tests/interop/thread_fixtures.py): prost must produce
//! the same bytes and read them back to the same values.

use esprov_proto::messages::*;
use prost::Message;

const FIXTURES: &str = include_str!("../../tests/interop/thread_fixtures.txt");

fn fixture(name: &str) -> Vec<u8> {
    let line = FIXTURES
        .lines()
        .find(|line| line.split_whitespace().next() == Some(name))
        .unwrap_or_else(|| panic!("no fixture {name}"));
    hex::decode(line.split_whitespace().nth(1).unwrap()).unwrap()
}

fn check<M: Message + Default + PartialEq + std::fmt::Debug>(name: &str, message: M) {
    let bytes = fixture(name);
    assert_eq!(
        hex::encode(message.encode_to_vec()),
        hex::encode(&bytes),
        "{name}: encoding"
    );
    assert_eq!(
        M::decode(bytes.as_slice()).unwrap(),
        message,
        "{name}: decoding"
    );
}

const DATASET: &str = "000300000f0208dead00beef001234051000112233445566778899aabbccddeeff01021234";
const EXT_PAN_ID: [u8; 8] = [0xde, 0xad, 0x00, 0xbe, 0xef, 0x00, 0x12, 0x34];

fn config(msg: WiFiConfigMsgType, payload: wi_fi_config_payload::Payload) -> WiFiConfigPayload {
    WiFiConfigPayload {
        msg: msg as i32,
        payload: Some(payload),
    }
}

fn scan(msg: WiFiScanMsgType, payload: wi_fi_scan_payload::Payload) -> WiFiScanPayload {
    WiFiScanPayload {
        msg: msg as i32,
        status: 0,
        payload: Some(payload),
    }
}

#[test]
fn prov_config_thread_messages_match_python_protobuf() {
    use wi_fi_config_payload::Payload as P;
    check(
        "cmd_get_thread_status",
        config(
            WiFiConfigMsgType::TypeCmdGetThreadStatus,
            P::CmdGetThreadStatus(CmdGetThreadStatus {}),
        ),
    );
    check(
        "cmd_set_thread_config",
        config(
            WiFiConfigMsgType::TypeCmdSetThreadConfig,
            P::CmdSetThreadConfig(CmdSetThreadConfig {
                dataset: hex::decode(DATASET).unwrap(),
            }),
        ),
    );
    check(
        "cmd_apply_thread_config",
        config(
            WiFiConfigMsgType::TypeCmdApplyThreadConfig,
            P::CmdApplyThreadConfig(CmdApplyThreadConfig {}),
        ),
    );
    check(
        "resp_get_thread_status_attaching",
        config(
            WiFiConfigMsgType::TypeRespGetThreadStatus,
            P::RespGetThreadStatus(RespGetThreadStatus {
                status: 0,
                thread_state: ThreadNetworkState::Attaching as i32,
                state: None,
            }),
        ),
    );
    check(
        "resp_get_thread_status_attached",
        config(
            WiFiConfigMsgType::TypeRespGetThreadStatus,
            P::RespGetThreadStatus(RespGetThreadStatus {
                status: 0,
                thread_state: ThreadNetworkState::Attached as i32,
                state: Some(resp_get_thread_status::State::ThreadAttached(
                    ThreadAttachState {
                        pan_id: 0x1234,
                        ext_pan_id: EXT_PAN_ID.to_vec(),
                        channel: 15,
                        name: "OpenThread-1234".into(),
                    },
                )),
            }),
        ),
    );
    check(
        "resp_get_thread_status_not_found",
        config(
            WiFiConfigMsgType::TypeRespGetThreadStatus,
            P::RespGetThreadStatus(RespGetThreadStatus {
                status: 0,
                thread_state: ThreadNetworkState::AttachingFailed as i32,
                state: Some(resp_get_thread_status::State::ThreadFailReason(
                    ThreadAttachFailedReason::ThreadNetworkNotFound as i32,
                )),
            }),
        ),
    );
    check(
        "resp_set_thread_config",
        config(
            WiFiConfigMsgType::TypeRespSetThreadConfig,
            P::RespSetThreadConfig(RespSetThreadConfig { status: 0 }),
        ),
    );
}

#[test]
fn prov_scan_thread_messages_match_python_protobuf() {
    use wi_fi_scan_payload::Payload as P;
    check(
        "cmd_scan_thread_start",
        scan(
            WiFiScanMsgType::TypeCmdScanThreadStart,
            P::CmdScanThreadStart(CmdScanThreadStart {
                blocking: true,
                channel_mask: 0,
            }),
        ),
    );
    check(
        "resp_scan_thread_start",
        scan(
            WiFiScanMsgType::TypeRespScanThreadStart,
            P::RespScanThreadStart(RespScanThreadStart {}),
        ),
    );
    check(
        "cmd_scan_thread_status",
        scan(
            WiFiScanMsgType::TypeCmdScanThreadStatus,
            P::CmdScanThreadStatus(CmdScanThreadStatus {}),
        ),
    );
    check(
        "resp_scan_thread_status",
        scan(
            WiFiScanMsgType::TypeRespScanThreadStatus,
            P::RespScanThreadStatus(RespScanThreadStatus {
                scan_finished: true,
                result_count: 2,
            }),
        ),
    );
    check(
        "cmd_scan_thread_result",
        scan(
            WiFiScanMsgType::TypeCmdScanThreadResult,
            P::CmdScanThreadResult(CmdScanThreadResult {
                start_index: 0,
                count: 1,
            }),
        ),
    );
    check(
        "resp_scan_thread_result",
        scan(
            WiFiScanMsgType::TypeRespScanThreadResult,
            P::RespScanThreadResult(RespScanThreadResult {
                entries: vec![ThreadScanResult {
                    pan_id: 0x1234,
                    channel: 15,
                    rssi: -45,
                    lqi: 255,
                    ext_addr: hex::decode("166e0a0000000001").unwrap(),
                    network_name: "OpenThread-1234".into(),
                    ext_pan_id: EXT_PAN_ID.to_vec(),
                }],
            }),
        ),
    );
}

#[test]
fn prov_ctrl_thread_messages_match_python_protobuf() {
    use wi_fi_ctrl_payload::Payload as P;
    let ctrl = |msg: WiFiCtrlMsgType, status: i32, payload| WiFiCtrlPayload {
        msg: msg as i32,
        status,
        payload: Some(payload),
    };
    check(
        "cmd_ctrl_thread_reset",
        ctrl(
            WiFiCtrlMsgType::TypeCmdCtrlThreadReset,
            0,
            P::CmdCtrlThreadReset(CmdCtrlThreadReset {}),
        ),
    );
    check(
        "cmd_ctrl_thread_reprov",
        ctrl(
            WiFiCtrlMsgType::TypeCmdCtrlThreadReprov,
            0,
            P::CmdCtrlThreadReprov(CmdCtrlThreadReprov {}),
        ),
    );
    check(
        "resp_ctrl_thread_reset_refused",
        ctrl(
            WiFiCtrlMsgType::TypeRespCtrlThreadReset,
            Status::InternalError as i32,
            P::RespCtrlThreadReset(RespCtrlThreadReset {}),
        ),
    );
}
