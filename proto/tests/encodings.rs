//! The plaintext payload encodings of PROTOCOL.md §10.4, checked against the generated schemas.

use esprov_proto::messages::*;
use prost::Message;

fn hex(message: &impl Message) -> String {
    message
        .encode_to_vec()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn hex_bytes(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

#[test]
fn config_requests() {
    let get_status = WiFiConfigPayload {
        msg: WiFiConfigMsgType::TypeCmdGetStatus as i32,
        payload: Some(wi_fi_config_payload::Payload::CmdGetStatus(CmdGetStatus {})),
    };
    assert_eq!(hex(&get_status), "5200");
    let apply = WiFiConfigPayload {
        msg: WiFiConfigMsgType::TypeCmdApplyConfig as i32,
        payload: None,
    };
    assert_eq!(hex(&apply), "0804");
    let set = WiFiConfigPayload {
        msg: WiFiConfigMsgType::TypeCmdSetConfig as i32,
        payload: Some(wi_fi_config_payload::Payload::CmdSetConfig(CmdSetConfig {
            ssid: b"myssid".to_vec(),
            passphrase: b"mypassword".to_vec(),
            bssid: vec![],
            channel: 0,
        })),
    };
    assert_eq!(
        hex(&set),
        "080262140a066d7973736964120a6d7970617373776f7264"
    );
}

#[test]
fn scan_requests() {
    let start = |group| WiFiScanPayload {
        msg: 0,
        status: 0,
        payload: Some(wi_fi_scan_payload::Payload::CmdScanStart(CmdScanStart {
            blocking: true,
            passive: false,
            group_channels: group,
            period_ms: 120,
        })),
    };
    assert_eq!(hex(&start(5)), "5206080118052078");
    assert_eq!(hex(&start(0)), "520408012078");
    assert_eq!(
        hex(&WiFiScanPayload {
            msg: WiFiScanMsgType::TypeCmdScanStatus as i32,
            status: 0,
            payload: None
        }),
        "0802"
    );
    let page = |start_index, count| WiFiScanPayload {
        msg: WiFiScanMsgType::TypeCmdScanResult as i32,
        status: 0,
        payload: Some(wi_fi_scan_payload::Payload::CmdScanResult(CmdScanResult {
            start_index,
            count,
        })),
    };
    assert_eq!(hex(&page(0, 4)), "080472021004");
    assert_eq!(hex(&page(4, 4)), "0804720408041004");
}

#[test]
fn ctrl_requests() {
    assert_eq!(
        hex(&WiFiCtrlPayload {
            msg: WiFiCtrlMsgType::TypeCmdCtrlReset as i32,
            status: 0,
            payload: None
        }),
        "0801"
    );
    assert_eq!(
        hex(&WiFiCtrlPayload {
            msg: WiFiCtrlMsgType::TypeCmdCtrlReprov as i32,
            status: 0,
            payload: None
        }),
        "0803"
    );
}

#[test]
fn get_status_responses() {
    let connecting = WiFiConfigPayload {
        msg: WiFiConfigMsgType::TypeRespGetStatus as i32,
        payload: Some(wi_fi_config_payload::Payload::RespGetStatus(
            RespGetStatus {
                status: 0,
                sta_state: WifiStationState::Connecting as i32,
                state: None,
            },
        )),
    };
    assert_eq!(hex(&connecting), "08015a021001");
    let failed = WiFiConfigPayload {
        msg: WiFiConfigMsgType::TypeRespGetStatus as i32,
        payload: Some(wi_fi_config_payload::Payload::RespGetStatus(
            RespGetStatus {
                status: 0,
                sta_state: WifiStationState::ConnectionFailed as i32,
                state: Some(resp_get_status::State::FailReason(
                    WifiConnectFailedReason::AuthError as i32,
                )),
            },
        )),
    };
    assert_eq!(hex(&failed), "08015a0410035000");
    let decoded =
        WiFiConfigPayload::decode(hex_bytes("08015a0410035001").as_slice()).expect("decodes");
    let Some(wi_fi_config_payload::Payload::RespGetStatus(status)) = decoded.payload else {
        panic!("not a status")
    };
    assert_eq!(
        status.state,
        Some(resp_get_status::State::FailReason(
            WifiConnectFailedReason::NetworkNotFound as i32
        ))
    );
}

#[test]
fn legacy_console_transcript_decodes() {
    let cmd0 = hex_bytes(
        "10015a25a201220a20677106cc2f5b2acb5d8da26f0ad443df006daa1cd5bb3d75a8324d81ec5ef970",
    );
    let data = SessionData::decode(cmd0.as_slice()).expect("decodes");
    assert_eq!(data.sec_ver, SecSchemeVersion::SecScheme1 as i32);
    let Some(session_data::Proto::Sec1(sec1)) = data.proto else {
        panic!("not sec1")
    };
    let Some(sec1_payload::Payload::Sc0(sc0)) = sec1.payload else {
        panic!("not Cmd0")
    };
    assert_eq!(sc0.client_pubkey.len(), 32);
    let resp0 = hex_bytes("10015a390801aa013412207566f4de191f600ea42de5c2b1df73f1f16685c2edb43d7c3ffc83d6b81ff61b1a103db6476536a88db10b7e0a172d4adef8");
    let data = SessionData::decode(resp0.as_slice()).expect("decodes");
    let Some(session_data::Proto::Sec1(sec1)) = data.proto else {
        panic!("not sec1")
    };
    assert_eq!(sec1.msg, Sec1MsgType::SessionResponse0 as i32);
    let Some(sec1_payload::Payload::Sr0(sr0)) = sec1.payload else {
        panic!("not Resp0")
    };
    assert_eq!(
        sr0.device_random,
        hex_bytes("3db6476536a88db10b7e0a172d4adef8")
    );
    let resp1 = hex_bytes(
        "10015a270803ba01221a203246230190d5c1f5d94c01b56ac8cace1086cfb2d937a4a46cb6c79db7a35a8b",
    );
    let data = SessionData::decode(resp1.as_slice()).expect("decodes");
    let Some(session_data::Proto::Sec1(sec1)) = data.proto else {
        panic!("not sec1")
    };
    let Some(sec1_payload::Payload::Sr1(sr1)) = sec1.payload else {
        panic!("not Resp1")
    };
    assert_eq!(sr1.device_verify_data.len(), 32);
}
