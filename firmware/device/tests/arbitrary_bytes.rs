//! Property: arbitrary bytes on every endpoint in every state never panic and stay bounded.

mod common;

use common::*;
use esprov_device::esprov_proto::security::InitiatorConfig;
use esprov_device::*;
use proptest::prelude::*;

const ENDPOINTS: [&str; 7] = [
    "proto-ver",
    "prov-session",
    "prov-config",
    "prov-scan",
    "prov-ctrl",
    "custom-data",
    "unknown",
];

/// Largest answer any endpoint may give: proto-ver, or 16 scan entries, plus cipher overhead.
const MAX_RESPONSE: usize = 2048;

fn in_state(state: u8, security: u8) -> TestManager {
    let config = match security {
        0 => sec0_config(),
        1 => Config::new(
            "PROV_1",
            Security::Sec1 {
                pop: Some(b"abcd1234".to_vec()),
            },
        ),
        _ => Config::new("PROV_2", sec2_security()),
    };
    let mut m = manager_with(config);
    m.create_endpoint("custom-data").unwrap();
    if state == 0 {
        return m;
    }
    m.start(T0).unwrap();
    m.register_endpoint("custom-data", |_: u32, r: &[u8]| {
        Ok(r.iter().rev().copied().collect())
    })
    .unwrap();
    m.session_open(SESSION);
    m.wifi_mut().sync_results = Some(
        (0..20)
            .map(|i| ApRecord {
                ssid: vec![b'a'; 32],
                rssi: -(i as i8),
                ..ApRecord::default()
            })
            .collect(),
    );
    if security == 2 {
        // Security 2 without a handshake: every encrypted endpoint must refuse, never panic.
        if state == 6 {
            m.stop(T0);
            m.poll(T0.plus_ms(1000));
        }
        return m;
    }
    if security == 1 {
        // Security 1 covers the running and ended states with an established session; the
        // credential states are reached in plaintext (security 0) above.
        let _ = handshake(
            &mut m,
            InitiatorConfig::Sec1 {
                pop: b"abcd1234".to_vec(),
            },
            SESSION,
        );
        if state == 6 {
            m.stop(T0);
            m.poll(T0.plus_ms(1000));
        }
        return m;
    }
    match state {
        2 => applied(&mut m),
        3 => failed(&mut m),
        4 => succeeded(&mut m),
        5 => {
            succeeded(&mut m);
            get_status(&mut m);
        }
        6 => {
            m.stop(T0);
            m.poll(T0.plus_ms(1000));
        }
        _ => {}
    }
    m
}

/// One salt and verifier for every case (generating them costs a modular exponentiation).
fn sec2_security() -> Security {
    use esprov_device::esprov_proto::security::{generate_salt_verifier, SaltMode};
    use rand::SeedableRng;
    static CREDENTIALS: std::sync::OnceLock<(Vec<u8>, Vec<u8>)> = std::sync::OnceLock::new();
    let (salt, verifier) = CREDENTIALS
        .get_or_init(|| {
            let mut rng = rand::rngs::StdRng::seed_from_u64(4);
            generate_salt_verifier(b"wifiprov", b"abcd1234", 16, &mut rng, SaltMode::Full)
        })
        .clone();
    Security::Sec2 { salt, verifier }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_requests_never_panic(
        state in 0u8..7,
        security in 0u8..3,
        endpoint in 0usize..ENDPOINTS.len(),
        session in prop_oneof![Just(SESSION), any::<u32>()],
        requests in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..600), 1..6),
    ) {
        let mut m = in_state(state, security);
        for request in &requests {
            if let Ok(response) = m.handle(T0, ENDPOINTS[endpoint], session, request) {
                prop_assert!(response.len() <= MAX_RESPONSE, "response of {} bytes", response.len());
            }
        }
        m.poll(T0.plus_ms(60_000));
        prop_assert!(core::iter::from_fn(|| m.poll_event()).count() <= 64);
    }

    #[test]
    fn arbitrary_scan_pages_never_panic(start in any::<u32>(), count in any::<u32>()) {
        use esprov_device::esprov_proto::messages::*;
        let mut m = in_state(1, 0);
        scan(&mut m, WiFiScanMsgType::TypeCmdScanStart, Some(wi_fi_scan_payload::Payload::CmdScanStart(CmdScanStart::default())));
        let resp = scan(&mut m, WiFiScanMsgType::TypeCmdScanResult, Some(wi_fi_scan_payload::Payload::CmdScanResult(CmdScanResult { start_index: start, count })));
        let entries = match resp.payload { Some(wi_fi_scan_payload::Payload::RespScanResult(r)) => r.entries.len(), _ => 0 };
        prop_assert!(entries <= 16);
        if resp.status != 0 { prop_assert_eq!(entries, 0); }
    }
}
