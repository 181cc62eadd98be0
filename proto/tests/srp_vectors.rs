//! SRP-6a vectors of PROTOCOL.md §10.2 and the Security 2 message sizes.

mod common;

use esprov_proto::messages::{sec2_payload::Payload, session_data::Proto, SessionData};
use esprov_proto::security::{
    initiator, responder, srp, InitiatorConfig, ResponderConfig, SaltMode,
};
use prost::Message;

const SALT: &str = "036ee0c7bcb9eda84c9eac97d93decf4";

#[test]
fn k_matches() {
    assert_eq!(
        hex::encode(srp::k()),
        "a9c2e2559bf0ebb53f0cbbf62282906bede7f2182f00678211fbd5bde5b285033a4993503b87397f9be5ec02080fedbc0835587ad039060879b8621e8c3659e0"
    );
}

#[test]
fn hn_xor_hpadg_matches() {
    assert_eq!(
        hex::encode(srp::hn_xor_hg()),
        "dad76ed5365ed7bf6bbc1bfa050981458392bbd35a50335d03db3c7535b261d1c902f2ffb8647125bd28ce966c066d5be9b939216c6078b65889299c61624694"
    );
}

#[test]
fn username_digests_match() {
    assert_eq!(
        hex::encode(srp::inner_digest(b"wifiprov", b"abcd1234").as_slice()),
        "714242d85f632d879099ff6ad0a090f2ea6da5af6b1b24cd2326ac73472f97e95ab9b2c537cbae0ea5ef10e3849b616269a3fadf8e193745008648e2efb01447"
    );
    let h_i = hex::encode(srp::hash(&[b"wifiprov"]));
    assert!(h_i.starts_with("d426110114b99b51") && h_i.ends_with("b34121d1"));
}

#[test]
fn x_matches_in_both_modes() {
    let salt = hex::decode(SALT).unwrap();
    let expected = "869b97a7399bdc2e9e2943dbf1f5347a10108ea60e278cafb5849aa0c14f6b735aa186d260e779838af03d4393961086dabe3321c01c58672f186b698f83314a";
    for mode in [SaltMode::Full, SaltMode::StripLeadingZeros] {
        let x = srp::x(&salt, b"wifiprov", b"abcd1234", mode);
        assert_eq!(hex::encode(x.as_slice()), expected);
    }
}

#[test]
fn g_pow_x_is_the_example_verifier() {
    let salt = hex::decode(SALT).unwrap();
    let x = srp::x(&salt, b"wifiprov", b"abcd1234", SaltMode::Full);
    let verifier = srp::verifier(&x);
    assert_eq!(verifier.len(), 384);
    let text = hex::encode(&verifier);
    assert!(
        text.starts_with("7c7c85476508946dd636af37d7e89143"),
        "{text}"
    );
    assert!(text.ends_with("78de5040f762de36b2ba"), "{text}");
    assert_eq!(srp::mod_exp(&[srp::G], x.as_slice()), verifier);
}

#[test]
fn n_is_the_rfc5054_prime() {
    assert_eq!(srp::N.len(), 384);
    assert_eq!(&srp::N[..8], &[0xff; 8]);
    assert_eq!(&srp::N[376..], &[0xff; 8]);
    assert_eq!(hex::encode(&srp::N[8..12]), "c90fdaa2");
}

fn sec2(bytes: &[u8]) -> Payload {
    match SessionData::decode(bytes).unwrap().proto {
        Some(Proto::Sec2(p)) => p.payload.unwrap(),
        other => panic!("not sec2: {other:?}"),
    }
}

#[test]
fn message_sizes_match_the_spec() {
    let salt = hex::decode(SALT).unwrap();
    let verifier = srp::verifier(&srp::x(&salt, b"wifiprov", b"abcd1234", SaltMode::Full));
    let mut rng = common::rng(30);
    let mut client = initiator(InitiatorConfig::Sec2 {
        username: b"wifiprov".to_vec(),
        password: b"abcd1234".to_vec(),
        patch: 1,
        salt_mode: SaltMode::Full,
    });
    let mut device = responder(ResponderConfig::Sec2 {
        salt,
        verifier,
        patch: 1,
    });
    let cmd0 = client.step(None, &mut rng).unwrap().unwrap();
    assert_eq!(cmd0.len(), 406);
    let resp0 = device.handle(&cmd0, &mut rng).unwrap();
    let cmd1 = client.step(Some(&resp0), &mut rng).unwrap().unwrap();
    assert_eq!(cmd1.len(), 75);
    let resp1 = device.handle(&cmd1, &mut rng).unwrap();
    let Payload::Sr1(sr1) = sec2(&resp1) else {
        panic!()
    };
    assert_eq!(sr1.device_nonce.len(), 12);
    assert_eq!(hex::encode(&sr1.device_nonce[8..]), "00000001");
    assert_eq!(sr1.device_proof.len(), 64);
    assert_eq!(client.step(Some(&resp1), &mut rng).unwrap(), None);
}
