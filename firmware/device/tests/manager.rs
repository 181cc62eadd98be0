//! Lifecycle, prov-config and prov-ctrl of the manager, state by state.

mod common;

use common::*;
use esprov_device::esprov_proto::messages::*;
use esprov_device::*;
use prost::Message;

#[test]
fn init_then_start_emit_events_and_open_endpoints() {
    let mut m = manager_with(sec0_config());
    assert_eq!(m.prov_state(), ProvState::Idle);
    assert!(!m.has_endpoint("proto-ver"));
    assert_eq!(
        m.handle(T0, "proto-ver", 1, b"x"),
        Err(RequestError::UnknownEndpoint)
    );
    m.start(T0).unwrap();
    assert_eq!(drain(&mut m), vec![Event::Init, Event::Start]);
    assert_eq!(m.prov_state(), ProvState::Started);
    for name in [
        "proto-ver",
        "prov-session",
        "prov-config",
        "prov-scan",
        "prov-ctrl",
    ] {
        assert!(m.has_endpoint(name), "{name}");
    }
    assert!(!m.has_endpoint("custom-data"));
    assert_eq!(
        m.wifi_mut().disconnects,
        1,
        "start writes an empty STA config"
    );
    assert!(m.start(T0).is_err(), "start twice");
}

#[test]
fn endpoint_table_has_esp_idf_order_and_ids() {
    let mut m = manager_with(sec0_config());
    assert_eq!(m.create_endpoint("custom-data"), Ok(0xFF54));
    assert_eq!(m.create_endpoint("other"), Ok(0xFF55));
    assert_eq!(
        m.create_endpoint("other"),
        Err(ManagerError::DuplicateEndpoint)
    );
    assert_eq!(
        m.create_endpoint("prov-config"),
        Err(ManagerError::DuplicateEndpoint)
    );
    let table: Vec<(String, u16)> = m
        .endpoints()
        .map(|e| (e.endpoint.name().to_string(), e.ble_id))
        .collect();
    let expected = [
        ("prov-ctrl", 0xFF4F),
        ("prov-scan", 0xFF50),
        ("prov-session", 0xFF51),
        ("prov-config", 0xFF52),
        ("proto-ver", 0xFF53),
        ("custom-data", 0xFF54),
        ("other", 0xFF55),
    ];
    let expected: Vec<(String, u16)> = expected
        .iter()
        .map(|(n, id)| (n.to_string(), *id))
        .collect();
    assert_eq!(table, expected);
}

#[test]
fn custom_endpoints_are_created_before_start_and_registered_after() {
    let mut m = manager_with(sec0_config());
    m.create_endpoint("custom-data").unwrap();
    let echo = |_: u32, req: &[u8]| -> Result<Vec<u8>, HandlerFailed> { Ok([req, b"\0"].concat()) };
    assert!(
        m.register_endpoint("custom-data", echo).is_err(),
        "register before start"
    );
    m.start(T0).unwrap();
    assert!(m.create_endpoint("late").is_err(), "create after start");
    assert!(!m.has_endpoint("custom-data"), "created but not registered");
    assert_eq!(
        m.handle(T0, "custom-data", 1, b"hi"),
        Err(RequestError::UnknownEndpoint)
    );
    m.register_endpoint("custom-data", echo).unwrap();
    assert!(m.has_endpoint("custom-data"));
    assert_eq!(m.handle(T0, "custom-data", 1, b"hi"), Ok(b"hi\0".to_vec()));
    m.register_endpoint("custom-data", |_: u32, _: &[u8]| Err(HandlerFailed))
        .unwrap();
    assert_eq!(
        m.handle(T0, "custom-data", 1, b"hi"),
        Err(RequestError::Handler)
    );
    m.unregister_endpoint("custom-data").unwrap();
    assert!(!m.has_endpoint("custom-data"));
    assert_eq!(
        m.unregister_endpoint("nope"),
        Err(ManagerError::UnknownEndpoint)
    );
}

#[test]
fn proto_ver_matches_cjson_print_for_each_scheme() {
    let render = |security: Security| {
        let mut m = manager_with(Config::new("PROV_1", security));
        m.start(T0).unwrap();
        String::from_utf8(m.handle(T0, "proto-ver", 1, b"none").unwrap()).unwrap()
    };
    assert_eq!(
        render(Security::Sec2 { salt: vec![1], verifier: vec![2] }),
        "{\n\t\"prov\":\t{\n\t\t\"ver\":\t\"v1.1\",\n\t\t\"sec_ver\":\t2,\n\t\t\"sec_patch_ver\":\t1,\n\t\t\"cap\":\t[\"wifi_scan\"]\n\t}\n}"
    );
    assert_eq!(
        render(Security::Sec1 { pop: None }),
        "{\n\t\"prov\":\t{\n\t\t\"ver\":\t\"v1.1\",\n\t\t\"sec_ver\":\t1,\n\t\t\"sec_patch_ver\":\t0,\n\t\t\"cap\":\t[\"no_pop\", \"wifi_scan\"]\n\t}\n}"
    );
    assert_eq!(
        render(Security::Sec0),
        "{\n\t\"prov\":\t{\n\t\t\"ver\":\t\"v1.1\",\n\t\t\"sec_ver\":\t0,\n\t\t\"sec_patch_ver\":\t0,\n\t\t\"cap\":\t[\"no_sec\", \"wifi_scan\"]\n\t}\n}"
    );
    assert!(render(Security::Sec1 {
        pop: Some(b"abcd1234".to_vec())
    })
    .contains("\"cap\":\t[\"wifi_scan\"]"));
}

#[test]
fn app_info_labels_come_before_prov() {
    let mut m = manager_with(sec0_config());
    m.set_app_info("my_app", "1.345", &["cloud", "local_ctrl"])
        .unwrap();
    m.start(T0).unwrap();
    assert!(m.set_app_info("late", "1", &[]).is_err());
    let text = String::from_utf8(m.handle(T0, "proto-ver", 1, b"").unwrap()).unwrap();
    assert!(text.starts_with("{\n\t\"my_app\":\t{\n\t\t\"ver\":\t\"1.345\",\n\t\t\"cap\":\t[\"cloud\", \"local_ctrl\"]\n\t},\n\t\"prov\""), "{text}");
}

#[test]
fn get_status_before_apply_is_connecting_without_oneof() {
    let mut m = started();
    let raw = request(&mut m, "prov-config", &hex("5200")).unwrap();
    assert_eq!(raw, hex("08015a021001"));
}

#[test]
fn set_config_checks_lengths_and_accepts_any_bssid_of_six() {
    let mut m = started();
    let invalid = Status::InvalidArgument as i32;
    assert_eq!(set_config(&mut m, &[b'a'; 33], b"", b""), invalid);
    assert_eq!(set_config(&mut m, b"x", &[b'p'; 64], b""), invalid);
    assert_eq!(set_config(&mut m, b"x", b"", &[1, 2, 3, 4, 5]), invalid);
    assert_eq!(
        set_config(&mut m, &[b'a'; 32], &[b'p'; 63], &[1, 2, 3, 4, 5, 6]),
        0
    );
    assert_eq!(set_config(&mut m, b"myssid", b"mypassword", b""), 0);
    let raw = request(
        &mut m,
        "prov-config",
        &hex("080262140a066d7973736964120a6d7970617373776f7264"),
    )
    .unwrap();
    assert_eq!(
        raw,
        hex("08036a00"),
        "SetConfig response as esp_prov decodes it"
    );
    let missing = config_msg(WiFiConfigMsgType::TypeCmdSetConfig, None);
    assert_eq!(
        request(&mut m, "prov-config", &missing),
        Err(RequestError::MissingPayload("cmd_set_config"))
    );
}

#[test]
fn apply_without_set_config_is_internal_error() {
    let mut m = started();
    assert_eq!(apply_config(&mut m), Status::InternalError as i32);
    assert_eq!(m.prov_state(), ProvState::Started);
}

#[test]
fn apply_fails_when_the_store_fails_and_keeps_the_set_config() {
    let mut m = started();
    m.store_mut().fail_save = true;
    set_config(&mut m, b"Home", b"pw", b"");
    assert_eq!(apply_config(&mut m), Status::InternalError as i32);
    assert_eq!(m.prov_state(), ProvState::Started);
    m.store_mut().fail_save = false;
    assert_eq!(apply_config(&mut m), Status::Success as i32);
}

#[test]
fn apply_stores_credentials_and_connects_a_second_later() {
    let mut m = started();
    assert!(!m.is_provisioned().unwrap());
    set_config(&mut m, b"Home\0junk", b"secret123", b"");
    assert_eq!(
        request(&mut m, "prov-config", &hex("0804")).unwrap(),
        hex("08057a00")
    );
    assert_eq!(m.prov_state(), ProvState::CredRecv);
    let creds = WifiCredentials {
        ssid: b"Home".to_vec(),
        passphrase: b"secret123".to_vec(),
    };
    assert_eq!(drain(&mut m), vec![Event::CredRecv(creds.clone())]);
    assert!(m.is_provisioned().unwrap());
    assert_eq!(m.next_deadline(), Some(T0.plus_ms(CONNECT_DELAY_MS)));
    m.poll(T0.plus_ms(999));
    assert!(
        m.wifi_mut().connects.is_empty(),
        "the response goes out first"
    );
    m.poll(T0.plus_ms(1000));
    assert_eq!(m.wifi_mut().connects, vec![creds]);
    assert_eq!(
        get_status(&mut m).sta_state,
        WifiStationState::Connecting as i32
    );
    assert_eq!(
        apply_config(&mut m),
        Status::InternalError as i32,
        "credentials already received"
    );
}

#[test]
fn connected_status_reports_details_and_auto_stops() {
    let mut m = started();
    succeeded(&mut m);
    assert_eq!(m.prov_state(), ProvState::Success);
    assert!(drain(&mut m).contains(&Event::CredSuccess));
    let status = get_status(&mut m);
    assert_eq!(status.sta_state, WifiStationState::Connected as i32);
    let expected = WifiConnectedState {
        ip4_addr: "192.168.1.23".into(),
        auth_mode: 3,
        ssid: b"HomeNetwork".to_vec(),
        bssid: vec![0x24, 0x0a, 0xc4, 1, 2, 3],
        channel: 6,
    };
    assert_eq!(
        status.state,
        Some(resp_get_status::State::Connected(expected))
    );
    assert_eq!(m.prov_state(), ProvState::Stopping);
    assert!(
        m.has_endpoint("prov-config"),
        "endpoints stay up during the cleanup delay"
    );
    assert_eq!(
        m.next_deadline(),
        Some(T0.plus_ms(DEFAULT_CLEANUP_DELAY_MS))
    );
    m.poll(T0.plus_ms(DEFAULT_CLEANUP_DELAY_MS));
    assert!(m.has_ended());
    assert_eq!(drain(&mut m), vec![Event::End]);
    assert_eq!(
        request(&mut m, "prov-config", &hex("5200")),
        Err(RequestError::UnknownEndpoint)
    );
    assert!(m.is_provisioned().unwrap());
}

#[test]
fn auto_stop_thirty_seconds_after_success_without_get_status() {
    let mut m = started();
    succeeded(&mut m);
    let success_at = T0.plus_ms(1500);
    assert_eq!(
        m.next_deadline(),
        Some(success_at.plus_ms(DEFAULT_AUTOSTOP_TIMEOUT_MS))
    );
    m.poll(success_at.plus_ms(DEFAULT_AUTOSTOP_TIMEOUT_MS - 1));
    assert_eq!(m.prov_state(), ProvState::Success);
    let stop_at = success_at.plus_ms(DEFAULT_AUTOSTOP_TIMEOUT_MS);
    m.poll(stop_at);
    assert_eq!(m.prov_state(), ProvState::Stopping);
    m.poll(stop_at.plus_ms(DEFAULT_CLEANUP_DELAY_MS));
    assert!(m.has_ended());
}

#[test]
fn disabled_auto_stop_keeps_running_after_connected_status() {
    let mut m = manager_with(sec0_config());
    m.disable_auto_stop(10).unwrap();
    m.start(T0).unwrap();
    succeeded(&mut m);
    assert_eq!(m.next_deadline(), None);
    get_status(&mut m);
    assert_eq!(m.prov_state(), ProvState::Success);
    m.stop(T0);
    m.poll(T0.plus_ms(MIN_CLEANUP_DELAY_MS - 1));
    assert!(!m.has_ended(), "cleanup delay is at least 100 ms");
    m.poll(T0.plus_ms(MIN_CLEANUP_DELAY_MS));
    assert!(m.has_ended());
}

#[test]
fn auth_failure_rejects_new_credentials_until_reset() {
    let mut m = started();
    failed(&mut m);
    assert_eq!(m.prov_state(), ProvState::Fail);
    assert!(drain(&mut m).contains(&Event::CredFail(FailReason::AuthError)));
    let raw = request(&mut m, "prov-config", &hex("5200")).unwrap();
    assert_eq!(raw, hex("08015a0410035000"), "ConnectionFailed + AuthError");
    assert_eq!(
        set_config(&mut m, b"HomeNetwork", b"other", b""),
        0,
        "SetConfig only stores"
    );
    assert_eq!(apply_config(&mut m), Status::InternalError as i32);
    assert_eq!(
        ctrl(&mut m, WiFiCtrlMsgType::TypeCmdCtrlReset),
        Status::Success as i32
    );
    assert_eq!(m.prov_state(), ProvState::Started);
    assert!(
        !m.is_provisioned().unwrap(),
        "reset clears the stored config"
    );
    assert_eq!(
        get_status(&mut m).sta_state,
        WifiStationState::ConnectionFailed as i32,
        "until a new apply"
    );
    assert_eq!(set_config(&mut m, b"HomeNetwork", b"right", b""), 0);
    assert_eq!(apply_config(&mut m), Status::Success as i32);
    assert_eq!(
        get_status(&mut m).sta_state,
        WifiStationState::Connecting as i32
    );
}

#[test]
fn no_ap_found_fails_with_network_not_found() {
    let mut m = started();
    applied(&mut m);
    m.on_wifi_event(
        T0,
        WifiEvent::Disconnected {
            reason: DisconnectReason::NO_AP_FOUND,
        },
    );
    let status = get_status(&mut m);
    assert_eq!(status.sta_state, WifiStationState::ConnectionFailed as i32);
    assert_eq!(
        status.state,
        Some(resp_get_status::State::FailReason(
            WifiConnectFailedReason::NetworkNotFound as i32
        ))
    );
}

#[test]
fn legacy_retry_reconnects_on_unclassified_reasons() {
    let mut m = started();
    applied(&mut m);
    m.on_wifi_event(
        T0,
        WifiEvent::Disconnected {
            reason: DisconnectReason::BEACON_TIMEOUT,
        },
    );
    assert_eq!(m.prov_state(), ProvState::CredRecv);
    assert_eq!(m.wifi_mut().connects.len(), 2, "silent reconnect");
    assert_eq!(get_status(&mut m).state, None);
}

#[test]
fn connection_attempts_count_down_then_fail() {
    let mut config = sec0_config();
    config.wifi_conn_attempts = 3;
    let mut m = manager_with(config);
    m.start(T0).unwrap();
    applied(&mut m);
    let reasons = [
        DisconnectReason::NO_AP_FOUND,
        DisconnectReason::BEACON_TIMEOUT,
    ];
    for (i, reason) in reasons.into_iter().enumerate() {
        m.on_wifi_event(T0, WifiEvent::Disconnected { reason });
        let status = get_status(&mut m);
        assert_eq!(status.sta_state, WifiStationState::Connecting as i32);
        let remaining = 2 - i as u32;
        assert_eq!(
            status.state,
            Some(resp_get_status::State::AttemptFailed(WifiAttemptFailed {
                attempts_remaining: remaining
            }))
        );
    }
    m.on_wifi_event(
        T0,
        WifiEvent::Disconnected {
            reason: DisconnectReason::UNSPECIFIED,
        },
    );
    assert_eq!(m.prov_state(), ProvState::Fail);
    let status = get_status(&mut m);
    assert_eq!(
        status.state,
        Some(resp_get_status::State::FailReason(
            WifiConnectFailedReason::NetworkNotFound as i32
        )),
        "last classified reason"
    );
    assert_eq!(
        m.wifi_mut().connects.len(),
        3,
        "first connect + two retries"
    );
}

#[test]
fn success_after_failure_still_counts() {
    let mut m = started();
    failed(&mut m);
    m.on_wifi_event(T0, WifiEvent::Connected(connected_info()));
    assert_eq!(m.prov_state(), ProvState::Success);
}

#[test]
fn wifi_events_before_credentials_are_ignored() {
    let mut m = started();
    m.on_wifi_event(T0, WifiEvent::Connected(connected_info()));
    m.on_wifi_event(
        T0,
        WifiEvent::Disconnected {
            reason: DisconnectReason::AUTH_FAIL,
        },
    );
    assert_eq!(m.prov_state(), ProvState::Started);
    assert!(drain(&mut m).is_empty());
}

#[test]
fn reset_outside_failure_is_internal_error() {
    let mut m = started();
    assert_eq!(
        ctrl(&mut m, WiFiCtrlMsgType::TypeCmdCtrlReset),
        Status::InternalError as i32
    );
    applied(&mut m);
    assert_eq!(
        ctrl(&mut m, WiFiCtrlMsgType::TypeCmdCtrlReset),
        Status::InternalError as i32
    );
    m.on_wifi_event(T0, WifiEvent::Connected(connected_info()));
    assert_eq!(
        ctrl(&mut m, WiFiCtrlMsgType::TypeCmdCtrlReset),
        Status::InternalError as i32
    );
    assert_eq!(m.prov_state(), ProvState::Success);
}

#[test]
fn reprov_needs_auto_stop_disabled() {
    let mut m = started();
    succeeded(&mut m);
    assert_eq!(
        ctrl(&mut m, WiFiCtrlMsgType::TypeCmdCtrlReprov),
        Status::InternalError as i32
    );
    assert_eq!(m.prov_state(), ProvState::Success);

    let mut m = manager_with(sec0_config());
    m.disable_auto_stop(1000).unwrap();
    m.start(T0).unwrap();
    m.session_open(SESSION);
    succeeded(&mut m);
    drain(&mut m);
    assert_eq!(
        ctrl(&mut m, WiFiCtrlMsgType::TypeCmdCtrlReprov),
        Status::Success as i32
    );
    assert_eq!(m.prov_state(), ProvState::Started);
    assert_eq!(drain(&mut m), vec![Event::Start]);
    assert!(
        m.is_provisioned().unwrap(),
        "reprov keeps the stored credentials until new ones"
    );
    assert_eq!(set_config(&mut m, b"Other", b"pw", b""), 0);
    assert_eq!(apply_config(&mut m), Status::Success as i32);
}

#[test]
fn ctrl_response_encoding_matches_esp_prov() {
    let mut m = started();
    assert_eq!(
        request(&mut m, "prov-ctrl", &hex("0801")).unwrap(),
        hex("080210056200")
    );
}

#[test]
fn stop_at_any_moment_cancels_the_pending_connect() {
    let mut m = started();
    set_config(&mut m, b"a", b"b", b"");
    apply_config(&mut m);
    m.stop(T0);
    m.poll(T0.plus_ms(5000));
    assert!(m.wifi_mut().connects.is_empty());
    assert!(m.has_ended());
    assert_eq!(drain(&mut m).last(), Some(&Event::End));
    m.stop(T0);
    assert!(drain(&mut m).is_empty(), "stop when idle does nothing");
}

#[test]
fn restart_after_end_runs_again() {
    let mut m = started();
    m.stop(T0);
    m.poll(T0.plus_ms(1000));
    m.start(T0.plus_ms(2000)).unwrap();
    assert!(!m.has_ended());
    assert!(m.has_endpoint("prov-config"));
}

#[test]
fn deinit_ends_and_refuses_more() {
    let mut m = started();
    m.deinit();
    assert_eq!(drain(&mut m), vec![Event::End, Event::Deinit]);
    assert!(m.start(T0).is_err());
    m.deinit();
    assert!(drain(&mut m).is_empty());
}

#[test]
fn unknown_and_response_message_types_fail_the_request() {
    let mut m = started();
    for bytes in [hex("0801"), hex("0806"), hex("0863")] {
        assert!(matches!(
            request(&mut m, "prov-config", &bytes),
            Err(RequestError::UnknownMessage(_))
        ));
    }
    for bytes in [hex("0805"), hex("0801")] {
        assert!(matches!(
            request(&mut m, "prov-scan", &bytes),
            Err(RequestError::UnknownMessage(_))
        ));
    }
    for bytes in [hex("0800"), hex("0802"), hex("0805")] {
        assert!(matches!(
            request(&mut m, "prov-ctrl", &bytes),
            Err(RequestError::UnknownMessage(_))
        ));
    }
    assert!(matches!(
        request(&mut m, "prov-config", &[0xff, 0xff]),
        Err(RequestError::Malformed(_))
    ));
    assert_eq!(
        request(&mut m, "nope", b"x"),
        Err(RequestError::UnknownEndpoint)
    );
}

/// Every request in every state gets its documented answer.
#[test]
fn every_request_in_every_state() {
    type Setup = fn(&mut TestManager);
    let states: [(&str, Setup, i32, i32); 5] = [
        // (state, setup, ApplyConfig status after a SetConfig, CtrlReset status)
        ("started", |_| {}, 0, 5),
        ("cred_recv", |m| applied(m), 5, 5),
        ("fail", |m| failed(m), 5, 0),
        ("success", |m| succeeded(m), 5, 5),
        (
            "stopping",
            |m| {
                succeeded(m);
                get_status(m);
            },
            5,
            5,
        ),
    ];
    for (name, setup, apply_status, reset_status) in states {
        let mut m = started();
        setup(&mut m);
        assert_eq!(set_config(&mut m, b"n", b"p", b""), 0, "{name}: SetConfig");
        let state_before = m.prov_state();
        let status = get_status(&mut m);
        assert_eq!(status.status, 0, "{name}: GetStatus");
        if state_before != ProvState::Success {
            assert_eq!(
                m.prov_state(),
                state_before,
                "{name}: GetStatus changes nothing"
            );
        }
        assert_eq!(apply_config(&mut m), apply_status, "{name}: ApplyConfig");
        let scan_status = scan(&mut m, WiFiScanMsgType::TypeCmdScanStatus, None);
        assert_eq!(scan_status.status, 0, "{name}: ScanStatus");
        assert_eq!(
            ctrl(&mut m, WiFiCtrlMsgType::TypeCmdCtrlReprov),
            5,
            "{name}: Reprov with auto-stop"
        );
        assert_eq!(
            ctrl(&mut m, WiFiCtrlMsgType::TypeCmdCtrlReset),
            reset_status,
            "{name}: Reset"
        );
        let ver = m.handle(T0, "proto-ver", 99, b"").unwrap();
        assert!(ver.starts_with(b"{"), "{name}: proto-ver");
    }
    let mut ended = started();
    ended.stop(T0);
    ended.poll(T0.plus_ms(1000));
    for endpoint in [
        "proto-ver",
        "prov-session",
        "prov-config",
        "prov-scan",
        "prov-ctrl",
    ] {
        assert_eq!(
            request(&mut ended, endpoint, b"\x08\x00"),
            Err(RequestError::UnknownEndpoint),
            "ended: {endpoint}"
        );
    }
}

#[test]
fn credential_debug_output_hides_the_passphrase() {
    let creds = WifiCredentials {
        ssid: b"s".to_vec(),
        passphrase: b"topsecret".to_vec(),
    };
    assert!(!format!("{creds:?}").contains("topsecret"));
    let sec = Security::Sec1 {
        pop: Some(b"abcd1234".to_vec()),
    };
    assert!(!format!("{sec:?}").contains("abcd1234"));
}

#[test]
fn events_are_bounded_when_nobody_polls() {
    let mut m = manager_with(sec0_config());
    m.disable_auto_stop(100).unwrap();
    m.start(T0).unwrap();
    m.session_open(SESSION);
    for _ in 0..500 {
        let _ = ctrl(&mut m, WiFiCtrlMsgType::TypeCmdCtrlReprov);
    }
    assert!(drain(&mut m).len() <= 64);
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

#[allow(dead_code)]
fn decode_config(raw: &[u8]) -> WiFiConfigPayload {
    WiFiConfigPayload::decode(raw).unwrap()
}
