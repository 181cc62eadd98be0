//! A virtual device served over HTTP the way `esprov sim` wires it: loopback only.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use esprov_device::esprov_proto::messages::wi_fi_config_payload::Payload;
use esprov_device::esprov_proto::messages::{resp_get_status, WiFiConfigPayload, WifiStationState};
use esprov_device::{Config, Security};
use esprov_sim::device::{build_manager, run_timers, SimClock, SimDevice};
use esprov_sim::protocomm::SharedProtocomm;
use esprov_sim::store::FileStore;
use esprov_sim::wifi::{default_aps, SimWifi};
use esprov_sim::SimOutcome;
use prost::Message;
use rand::rngs::StdRng;
use rand::SeedableRng;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One POST on an open connection; returns the status code and body.
async fn post(stream: &mut TcpStream, path: &str, body: &[u8]) -> (u16, Vec<u8>) {
    let head = format!(
        "POST /{path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut buf = Vec::new();
    let header_end = loop {
        let mut chunk = [0u8; 1024];
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(n > 0, "connection closed without a response");
        buf.extend_from_slice(&chunk[..n]);
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..header_end]).to_string();
    let status = head[9..12].parse().unwrap();
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse().unwrap())
        })
        .unwrap_or(0);
    while buf.len() < header_end + length {
        let mut chunk = [0u8; 1024];
        let n = stream.read(&mut chunk).await.unwrap();
        assert!(n > 0);
        buf.extend_from_slice(&chunk[..n]);
    }
    (status, buf[header_end..header_end + length].to_vec())
}

#[tokio::test]
async fn sec0_over_http_to_connected_then_the_server_stops() {
    let dir = tempfile::tempdir().unwrap();
    let clock = SimClock::start();
    let wifi = SimWifi::new(
        default_aps(),
        SimOutcome::Ok,
        100,
        [192, 168, 1, 100],
        clock,
    );
    let manager = build_manager(
        Config::new("PROV_HTTP01", Security::Sec0),
        wifi,
        FileStore::new(dir.path()),
        StdRng::seed_from_u64(3),
        true,
    )
    .unwrap();
    let mut device = SimDevice::new(manager, clock, false);
    device.start().unwrap();
    let device = Arc::new(Mutex::new(device));
    let shared: SharedProtocomm = device.clone();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(esprov_sim::http::serve_http(
        listener,
        shared,
        run_timers(device.clone()),
    ));

    let mut stream = TcpStream::connect(address).await.unwrap();
    let (status, body) = post(&mut stream, "proto-ver", b"ESP").await;
    assert_eq!(status, 200);
    assert!(body.starts_with(b"{\n\t\"prov\""));
    assert_eq!(
        post(&mut stream, "prov-session", &[0x52, 0x03, 0xa2, 0x01, 0x00])
            .await
            .1,
        [0x52, 0x05, 0x08, 0x01, 0xaa, 0x01, 0x00]
    );
    let set = [0x08, 0x02, 0x62, 0x0f, 0x0a, 0x0b]
        .iter()
        .copied()
        .chain(*b"HomeNetwork")
        .chain([0x12, 0x00])
        .collect::<Vec<u8>>();
    assert_eq!(
        post(&mut stream, "prov-config", &set).await.1,
        [0x08, 0x03, 0x6a, 0x00]
    );
    assert_eq!(
        post(&mut stream, "prov-config", &[0x08, 0x04]).await.1,
        [0x08, 0x05, 0x7a, 0x00]
    );
    tokio::time::sleep(Duration::from_millis(1600)).await;
    let (_, raw) = post(&mut stream, "prov-config", &[0x52, 0x00]).await;
    let Some(Payload::RespGetStatus(status)) =
        WiFiConfigPayload::decode(raw.as_slice()).unwrap().payload
    else {
        panic!("not a GetStatus response: {raw:02x?}");
    };
    assert_eq!(status.sta_state, WifiStationState::Connected as i32);
    let Some(resp_get_status::State::Connected(connected)) = status.state else {
        panic!("no details")
    };
    assert_eq!(
        (connected.ip4_addr.as_str(), connected.ssid.as_slice()),
        ("192.168.1.100", &b"HomeNetwork"[..])
    );
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert!(
        TcpStream::connect(address).await.is_err(),
        "httpd stops when provisioning ends"
    );
}
