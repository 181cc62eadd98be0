//! SaltMode: when H(I ‖ ":" ‖ p) starts with 0x00 the two x conventions give different
//! verifiers, and each client mode only matches the verifier of its own convention (§9 item 3).

mod common;

use common::Failed;
use esprov_proto::security::{
    initiator, responder, srp, InitiatorConfig, ResponderConfig, SaltMode,
};
use esprov_proto::Error;

/// Finds a password whose inner digest with `username` starts with a zero byte.
fn password_with_zero_digest(username: &[u8]) -> Vec<u8> {
    (0u32..100_000)
        .map(|i| format!("pw{i}").into_bytes())
        .find(|p| srp::inner_digest(username, p)[0] == 0)
        .expect("a zero-led digest within 100000 tries")
}

fn try_handshake(
    mode: SaltMode,
    salt: &[u8],
    verifier: &[u8],
    password: &[u8],
) -> Result<(), Failed> {
    let mut rng = common::rng(60);
    let mut device = responder(ResponderConfig::Sec2 {
        salt: salt.to_vec(),
        verifier: verifier.to_vec(),
        patch: 0,
    });
    let mut client = initiator(InitiatorConfig::Sec2 {
        username: b"wifiprov".to_vec(),
        password: password.to_vec(),
        patch: 0,
        salt_mode: mode,
    });
    common::handshake(client.as_mut(), device.as_mut(), &mut rng).map(|_| ())
}

#[test]
fn modes_differ_exactly_when_the_inner_digest_starts_with_zero() {
    let password = password_with_zero_digest(b"wifiprov");
    let (salt_full, v_full) = srp::generate_salt_verifier(
        b"wifiprov",
        &password,
        16,
        &mut common::rng(61),
        SaltMode::Full,
    );
    let (salt_strip, v_strip) = srp::generate_salt_verifier(
        b"wifiprov",
        &password,
        16,
        &mut common::rng(61),
        SaltMode::StripLeadingZeros,
    );
    assert_eq!(salt_full, salt_strip);
    assert_ne!(v_full, v_strip);

    let salt = salt_full;
    assert_eq!(
        try_handshake(SaltMode::Full, &salt, &v_full, &password),
        Ok(())
    );
    assert_eq!(
        try_handshake(SaltMode::StripLeadingZeros, &salt, &v_strip, &password),
        Ok(())
    );
    assert_eq!(
        try_handshake(SaltMode::StripLeadingZeros, &salt, &v_full, &password),
        Err(Failed::Responder(Error::ProofMismatch))
    );
    assert_eq!(
        try_handshake(SaltMode::Full, &salt, &v_strip, &password),
        Err(Failed::Responder(Error::ProofMismatch))
    );
}

#[test]
fn modes_agree_for_ordinary_credentials() {
    let mut a = common::rng(62);
    let mut b = common::rng(62);
    let full = srp::generate_salt_verifier(b"wifiprov", b"abcd1234", 16, &mut a, SaltMode::Full);
    let strip = srp::generate_salt_verifier(
        b"wifiprov",
        b"abcd1234",
        16,
        &mut b,
        SaltMode::StripLeadingZeros,
    );
    assert_eq!(full, strip);
}
