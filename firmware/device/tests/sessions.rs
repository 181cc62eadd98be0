//! Transport sessions and the security responder (§2.0).

mod common;

use common::*;
use esprov_device::esprov_proto::security::InitiatorConfig;
use esprov_device::*;

fn sec1_manager(pop: &[u8]) -> TestManager {
    let mut m = manager_with(Config::new(
        "PROV_1",
        Security::Sec1 {
            pop: Some(pop.to_vec()),
        },
    ));
    m.start(T0).unwrap();
    m
}

#[test]
fn sec0_handshake_answers_the_spec_bytes() {
    let mut m = started();
    let response = m
        .handle(T0, "prov-session", SESSION, &[0x52, 0x03, 0xa2, 0x01, 0x00])
        .unwrap();
    assert_eq!(response, vec![0x52, 0x05, 0x08, 0x01, 0xaa, 0x01, 0x00]);
}

#[test]
fn sec0_endpoints_work_without_a_handshake() {
    let mut m = started();
    assert!(m.handle(T0, "prov-config", 12345, &[0x52, 0x00]).is_ok());
}

#[test]
fn encrypted_endpoints_fail_before_the_handshake() {
    let mut m = sec1_manager(b"abcd1234");
    m.session_open(1);
    assert_eq!(
        m.handle(T0, "prov-config", 1, &[0x52, 0x00]),
        Err(RequestError::NotEstablished)
    );
}

#[test]
fn sec1_session_encrypts_config_traffic() {
    let mut m = sec1_manager(b"abcd1234");
    m.session_open(1);
    let mut client = handshake(
        &mut m,
        InitiatorConfig::Sec1 {
            pop: b"abcd1234".to_vec(),
        },
        1,
    )
    .unwrap();
    let request = client.encrypt(&[0x52, 0x00]).unwrap();
    let response = m.handle(T0, "prov-config", 1, &request).unwrap();
    assert_eq!(
        client.decrypt(&response).unwrap(),
        vec![0x08, 0x01, 0x5a, 0x02, 0x10, 0x01]
    );
    let request = client.encrypt(&[0x52, 0x00]).unwrap();
    let response = m.handle(T0, "prov-config", 1, &request).unwrap();
    assert_eq!(
        client.decrypt(&response).unwrap(),
        vec![0x08, 0x01, 0x5a, 0x02, 0x10, 0x01],
        "keystream continues"
    );
}

#[test]
fn wrong_pop_fails_the_handshake() {
    let mut m = sec1_manager(b"abcd1234");
    m.session_open(1);
    let result = handshake(
        &mut m,
        InitiatorConfig::Sec1 {
            pop: b"wrong".to_vec(),
        },
        1,
    );
    assert!(
        matches!(result, Err(RequestError::Security(_))),
        "{:?}",
        result.err()
    );
}

#[test]
fn a_new_session_closes_the_old_one() {
    let mut m = sec1_manager(b"");
    m.session_open(1);
    let mut old = handshake(&mut m, InitiatorConfig::Sec1 { pop: vec![] }, 1).unwrap();
    m.session_open(2);
    let request = old.encrypt(&[0x52, 0x00]).unwrap();
    assert_eq!(
        m.handle(T0, "prov-config", 1, &request),
        Err(RequestError::InvalidSession(1))
    );
    assert_eq!(
        m.handle(T0, "prov-config", 2, &request),
        Err(RequestError::NotEstablished)
    );
    let mut new = handshake(&mut m, InitiatorConfig::Sec1 { pop: vec![] }, 2).unwrap();
    let request = new.encrypt(&[0x52, 0x00]).unwrap();
    assert!(m.handle(T0, "prov-config", 2, &request).is_ok());
    m.session_close(2);
    assert_eq!(
        m.handle(T0, "prov-config", 2, &request),
        Err(RequestError::InvalidSession(2))
    );
}

#[test]
fn handshake_without_open_session_adopts_the_id() {
    let mut m = sec1_manager(b"pop");
    assert!(handshake(
        &mut m,
        InitiatorConfig::Sec1 {
            pop: b"pop".to_vec()
        },
        9
    )
    .is_ok());
    assert!(matches!(
        handshake(
            &mut m,
            InitiatorConfig::Sec1 {
                pop: b"pop".to_vec()
            },
            10
        ),
        Err(RequestError::InvalidSession(10))
    ));
}

#[test]
fn wrong_scheme_fails_the_handshake() {
    let mut m = sec1_manager(b"pop");
    m.session_open(1);
    assert!(matches!(
        m.handle(T0, "prov-session", 1, &[0x52, 0x03, 0xa2, 0x01, 0x00]),
        Err(RequestError::Security(_))
    ));
}

#[test]
fn custom_endpoints_are_encrypted_too() {
    let mut m = manager_with(Config::new("PROV_1", Security::Sec1 { pop: None }));
    m.create_endpoint("custom-data").unwrap();
    m.start(T0).unwrap();
    m.register_endpoint("custom-data", |_: u32, _: &[u8]| Ok(b"SUCCESS\0".to_vec()))
        .unwrap();
    m.session_open(4);
    let mut client = handshake(&mut m, InitiatorConfig::Sec1 { pop: vec![] }, 4).unwrap();
    let request = client.encrypt(b"hello").unwrap();
    let response = m.handle(T0, "custom-data", 4, &request).unwrap();
    assert_eq!(client.decrypt(&response).unwrap(), b"SUCCESS\0");
}

fn sec2_manager(patch: u8) -> TestManager {
    use esprov_device::esprov_proto::security::{generate_salt_verifier, SaltMode};
    use rand::SeedableRng;
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    let (salt, verifier) =
        generate_salt_verifier(b"wifiprov", b"abcd1234", 16, &mut rng, SaltMode::Full);
    let mut config = Config::new("PROV_2", Security::Sec2 { salt, verifier });
    config.sec_patch_ver = patch;
    let mut m = manager_with(config);
    m.start(T0).unwrap();
    m.session_open(3);
    m
}

fn sec2_client(password: &[u8], patch: u8) -> InitiatorConfig {
    InitiatorConfig::Sec2 {
        username: b"wifiprov".to_vec(),
        password: password.to_vec(),
        patch,
        salt_mode: esprov_device::esprov_proto::security::SaltMode::Full,
    }
}

#[test]
fn sec2_sessions_at_both_patch_levels() {
    for patch in [0, 1] {
        let mut m = sec2_manager(patch);
        let ver = String::from_utf8(m.handle(T0, "proto-ver", 3, b"").unwrap()).unwrap();
        assert!(
            ver.contains(&format!("\"sec_patch_ver\":\t{patch}")),
            "{ver}"
        );
        let mut client = handshake(&mut m, sec2_client(b"abcd1234", patch), 3).unwrap();
        for _ in 0..2 {
            let request = client.encrypt(&[0x52, 0x00]).unwrap();
            let response = m.handle(T0, "prov-config", 3, &request).unwrap();
            assert_eq!(
                client.decrypt(&response).unwrap(),
                vec![0x08, 0x01, 0x5a, 0x02, 0x10, 0x01],
                "patch {patch}"
            );
        }
    }
}

#[test]
fn sec2_wrong_password_fails_the_handshake() {
    let mut m = sec2_manager(1);
    let result = handshake(&mut m, sec2_client(b"wrong", 1), 3);
    assert!(
        matches!(result, Err(RequestError::Security(_))),
        "{:?}",
        result.err()
    );
    assert_eq!(
        m.handle(T0, "prov-config", 3, &[0u8; 18]),
        Err(RequestError::NotEstablished)
    );
}
