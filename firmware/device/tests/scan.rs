//! prov-scan: start, status and result paging.

mod common;

use common::*;
use esprov_device::esprov_proto::messages::*;
use esprov_device::*;

fn ap(name: &str, rssi: i8) -> ApRecord {
    ApRecord {
        ssid: name.as_bytes().to_vec(),
        bssid: [1, 2, 3, 4, 5, rssi as u8],
        rssi,
        channel: 6,
        auth: 3,
    }
}

fn start_cmd(blocking: bool) -> Option<wi_fi_scan_payload::Payload> {
    Some(wi_fi_scan_payload::Payload::CmdScanStart(CmdScanStart {
        blocking,
        passive: true,
        group_channels: 5,
        period_ms: 120,
    }))
}

fn result_cmd(start_index: u32, count: u32) -> Option<wi_fi_scan_payload::Payload> {
    Some(wi_fi_scan_payload::Payload::CmdScanResult(CmdScanResult {
        start_index,
        count,
    }))
}

fn status(m: &mut TestManager) -> RespScanStatus {
    match scan(m, WiFiScanMsgType::TypeCmdScanStatus, None).payload {
        Some(wi_fi_scan_payload::Payload::RespScanStatus(s)) => s,
        other => panic!("unexpected {other:?}"),
    }
}

fn page(m: &mut TestManager, start: u32, count: u32) -> (i32, Vec<WiFiScanResult>) {
    let resp = scan(
        m,
        WiFiScanMsgType::TypeCmdScanResult,
        result_cmd(start, count),
    );
    match resp.payload {
        Some(wi_fi_scan_payload::Payload::RespScanResult(r)) => (resp.status, r.entries),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn blocking_scan_passes_parameters_and_sorts_strongest_first() {
    let mut m = started();
    m.wifi_mut().sync_results = Some(vec![ap("weak", -80), ap("strong", -30), ap("mid", -55)]);
    let resp = scan(&mut m, WiFiScanMsgType::TypeCmdScanStart, start_cmd(true));
    assert_eq!(resp.status, 0);
    assert_eq!(
        m.wifi_mut().scans,
        vec![ScanParams {
            blocking: true,
            passive: true,
            group_channels: 5,
            period_ms: 120
        }]
    );
    assert_eq!(
        status(&mut m),
        RespScanStatus {
            scan_finished: true,
            result_count: 3
        }
    );
    let (st, entries) = page(&mut m, 0, 2);
    assert_eq!(st, 0);
    let names: Vec<&[u8]> = entries.iter().map(|e| e.ssid.as_slice()).collect();
    assert_eq!(names, vec![&b"strong"[..], b"mid"]);
    assert_eq!(entries[0].rssi, -30);
    assert_eq!(entries[0].bssid.len(), 6);
    let (st, entries) = page(&mut m, 2, 1);
    assert_eq!((st, entries.len()), (0, 1));
    assert_eq!(page(&mut m, 3, 0), (0, vec![]));
}

#[test]
fn beyond_range_is_internal_error_with_no_entries() {
    let mut m = started();
    m.wifi_mut().sync_results = Some(vec![ap("a", -40)]);
    scan(&mut m, WiFiScanMsgType::TypeCmdScanStart, start_cmd(true));
    assert_eq!(page(&mut m, 0, 2), (Status::InternalError as i32, vec![]));
    assert_eq!(page(&mut m, 5, 1), (Status::InternalError as i32, vec![]));
    assert_eq!(
        page(&mut m, u32::MAX, u32::MAX),
        (Status::InternalError as i32, vec![])
    );
    assert_eq!(
        page(&mut m, 0, u32::MAX),
        (Status::InternalError as i32, vec![])
    );
}

#[test]
fn results_keep_at_most_sixteen_entries() {
    let mut m = started();
    m.wifi_mut().sync_results = Some(
        (0..40)
            .map(|i| ap(&format!("ap{i}"), -(i as i8) - 20))
            .collect(),
    );
    scan(&mut m, WiFiScanMsgType::TypeCmdScanStart, start_cmd(true));
    assert_eq!(status(&mut m).result_count, 16);
    let (_, entries) = page(&mut m, 0, 16);
    assert_eq!(entries.first().map(|e| e.rssi), Some(-20));
    assert_eq!(entries.last().map(|e| e.rssi), Some(-35));
}

#[test]
fn running_scan_reports_unfinished_and_is_not_restarted() {
    let mut m = started();
    scan(&mut m, WiFiScanMsgType::TypeCmdScanStart, start_cmd(false));
    assert_eq!(
        status(&mut m),
        RespScanStatus {
            scan_finished: false,
            result_count: 0
        }
    );
    let again = scan(&mut m, WiFiScanMsgType::TypeCmdScanStart, start_cmd(true));
    assert_eq!(again.status, 0);
    assert_eq!(
        m.wifi_mut().scans.len(),
        1,
        "a running scan is not restarted"
    );
    m.on_wifi_event(T0, WifiEvent::ScanDone(vec![ap("x", -50), ap("y", -20)]));
    assert_eq!(
        status(&mut m),
        RespScanStatus {
            scan_finished: true,
            result_count: 2
        }
    );
    assert_eq!(page(&mut m, 0, 1).1[0].ssid, b"y");
}

#[test]
fn refused_scan_is_internal_error() {
    let mut m = started();
    m.wifi_mut().refuse_scan = true;
    let resp = scan(&mut m, WiFiScanMsgType::TypeCmdScanStart, start_cmd(false));
    assert_eq!(resp.status, Status::InternalError as i32);
    assert_eq!(
        resp.payload,
        Some(wi_fi_scan_payload::Payload::RespScanStart(RespScanStart {}))
    );
}

#[test]
fn esp_prov_encodings_decode_and_missing_sub_messages_fail() {
    let mut m = started();
    m.wifi_mut().sync_results = Some(vec![ap("a", -40)]);
    assert!(request(
        &mut m,
        "prov-scan",
        &[0x52, 0x06, 0x08, 0x01, 0x18, 0x05, 0x20, 0x78]
    )
    .is_ok());
    assert!(
        request(&mut m, "prov-scan", &[0x08, 0x02]).is_ok(),
        "ScanStatus without sub-message"
    );
    assert_eq!(
        request(&mut m, "prov-scan", &[]),
        Err(RequestError::MissingPayload("cmd_scan_start"))
    );
    assert_eq!(
        request(&mut m, "prov-scan", &[0x08, 0x04]),
        Err(RequestError::MissingPayload("cmd_scan_result"))
    );
}

#[test]
fn scan_is_absent_without_the_capability() {
    let mut config = sec0_config();
    config.wifi_scan = false;
    let mut m = manager_with(config);
    m.start(T0).unwrap();
    assert!(!m.has_endpoint("prov-scan"));
    let ver = String::from_utf8(m.handle(T0, "proto-ver", 0, b"").unwrap()).unwrap();
    assert!(ver.contains("[\"no_sec\"]"), "{ver}");
}
