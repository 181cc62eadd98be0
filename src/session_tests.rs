//! Tests of scheme selection from every proto-ver form, and of the handshake driver.

use esprov_proto::security::ResponderConfig;

use super::*;
use crate::provision::fake::FakeDevice;

/// §10.5: the exact cJSON bytes of a v5.5 device, per scheme.
const V55_SEC2: &str = "{\n\t\"prov\":\t{\n\t\t\"ver\":\t\"v1.1\",\n\t\t\"sec_ver\":\t2,\n\t\t\"sec_patch_ver\":\t1,\n\t\t\"cap\":\t[\"wifi_scan\"]\n\t}\n}";
const V55_SEC1_NO_POP: &str = "{\n\t\"prov\":\t{\n\t\t\"ver\":\t\"v1.1\",\n\t\t\"sec_ver\":\t1,\n\t\t\"sec_patch_ver\":\t0,\n\t\t\"cap\":\t[\"no_pop\", \"wifi_scan\"]\n\t}\n}";
const V55_SEC0: &str = "{\n\t\"prov\":\t{\n\t\t\"ver\":\t\"v1.1\",\n\t\t\"sec_ver\":\t0,\n\t\t\"sec_patch_ver\":\t0,\n\t\t\"cap\":\t[\"no_sec\", \"wifi_scan\"]\n\t}\n}";
const V55_SEC1_POP: &str = "{\n\t\"prov\":\t{\n\t\t\"ver\":\t\"v1.1\",\n\t\t\"sec_ver\":\t1,\n\t\t\"sec_patch_ver\":\t0,\n\t\t\"cap\":\t[\"wifi_scan\"]\n\t}\n}";

fn info(text: &str) -> DeviceInfo {
    DeviceInfo::parse(text.as_bytes().to_vec()).unwrap()
}

fn auto(text: &str) -> Result<SecurityPlan, Error> {
    SecurityPlan::choose(&info(text), SecurityChoice::Auto)
}

fn plan(sec_ver: u8, sec_patch_ver: u8, needs_pop: bool) -> SecurityPlan {
    SecurityPlan {
        sec_ver,
        sec_patch_ver,
        needs_pop,
        auto: true,
    }
}

#[test]
fn auto_selection_from_v5_5_answers() {
    assert_eq!(auto(V55_SEC2).unwrap(), plan(2, 1, false));
    assert_eq!(auto(V55_SEC1_NO_POP).unwrap(), plan(1, 0, false));
    assert_eq!(auto(V55_SEC1_POP).unwrap(), plan(1, 0, true));
    assert_eq!(auto(V55_SEC0).unwrap(), plan(0, 0, false));
}

#[test]
fn auto_selection_without_sec_ver_follows_the_caps() {
    // ESP-IDF v3.3–v4.4: no sec_ver; no_sec ⇒ 0, else 1.
    assert_eq!(
        auto(r#"{"prov":{"ver":"v1.1","cap":["no_sec","wifi_scan"]}}"#).unwrap(),
        plan(0, 0, false)
    );
    assert_eq!(
        auto(r#"{"prov":{"ver":"v1.1","cap":["wifi_scan"]}}"#).unwrap(),
        plan(1, 0, true)
    );
    assert_eq!(
        auto(r#"{"prov":{"ver":"v1.1","cap":["no_pop","wifi_scan"]}}"#).unwrap(),
        plan(1, 0, false)
    );
    assert_eq!(
        auto(r#"{"prov":{"ver":"v1.1"}}"#).unwrap(),
        plan(1, 0, true)
    );
}

#[test]
fn auto_selection_sec2_without_patch_means_patch_0() {
    assert_eq!(
        auto(r#"{"prov":{"ver":"v1.1","sec_ver":2,"cap":["wifi_scan"]}}"#).unwrap(),
        plan(2, 0, false)
    );
}

#[test]
fn auto_selection_with_app_labels_and_network_provisioning() {
    let with_app = r#"{"my_app":{"ver":"1.345","cap":["cloud","local_ctrl"]},"prov":{"ver":"v1.1","sec_ver":1,"sec_patch_ver":0,"cap":["wifi_scan"]}}"#;
    assert_eq!(auto(with_app).unwrap(), plan(1, 0, true));
    let netprov = r#"{"prov":{"ver":"netprov-v1.2","sec_ver":2,"sec_patch_ver":1,"cap":["wifi_prov","wifi_scan"]}}"#;
    assert_eq!(auto(netprov).unwrap(), plan(2, 1, false));
    let netprov_first = r#"{"prov":{"ver":"v1.2","cap":["no_sec","wifi_prov","wifi_scan"]}}"#;
    assert_eq!(auto(netprov_first).unwrap(), plan(0, 0, false));
}

#[test]
fn legacy_answers_need_an_explicit_choice() {
    for legacy in ["V0.1", "SUCCESS", ""] {
        match auto(legacy) {
            Err(Error::Usage(message)) => assert!(message.contains("--sec"), "{message}"),
            other => panic!("{legacy:?}: expected a usage error, got {other:?}"),
        }
        let chosen = SecurityPlan::choose(&info(legacy), SecurityChoice::Sec1).unwrap();
        assert_eq!(chosen.sec_ver, 1);
        assert!(chosen.needs_pop, "no caps: assume a PoP is wanted");
        assert!(!chosen.auto);
    }
}

#[test]
fn explicit_choice_overrides_and_keeps_the_patch() {
    // A device that names its scheme runs only that one: forcing another is refused up front.
    match SecurityPlan::choose(&info(V55_SEC2), SecurityChoice::Sec0) {
        Err(Error::SecurityMismatch { wanted, given }) => assert_eq!((wanted, given), (2, 0)),
        other => panic!("expected a scheme mismatch, got {other:?}"),
    }
    let chosen = SecurityPlan::choose(&info(V55_SEC2), SecurityChoice::Sec2).unwrap();
    assert_eq!((chosen.sec_ver, chosen.auto), (2, false));
    let chosen = SecurityPlan::choose(&info(V55_SEC2), SecurityChoice::Sec2).unwrap();
    assert_eq!((chosen.sec_ver, chosen.sec_patch_ver), (2, 1));
}

#[test]
fn unknown_scheme_is_unsupported() {
    let err = auto(r#"{"prov":{"ver":"v9","sec_ver":3}}"#).unwrap_err();
    assert!(matches!(err, Error::Unsupported(_)), "{err:?}");
}

#[test]
fn security_choice_parses_cli_words() {
    assert_eq!(
        "auto".parse::<SecurityChoice>().unwrap(),
        SecurityChoice::Auto
    );
    assert_eq!("2".parse::<SecurityChoice>().unwrap(), SecurityChoice::Sec2);
    assert!(matches!(
        "3".parse::<SecurityChoice>(),
        Err(Error::Usage(_))
    ));
}

#[test]
fn missing_secrets_are_named() {
    let creds = Credentials::default();
    assert_eq!(plan(1, 0, true).missing(&creds), Some("pop"));
    assert_eq!(plan(1, 0, false).missing(&creds), None);
    assert_eq!(plan(0, 0, false).missing(&creds), None);
    assert_eq!(plan(2, 1, false).missing(&creds), Some("username"));
    let user_only = Credentials {
        username: Some("wifiprov".into()),
        ..Credentials::default()
    };
    assert_eq!(plan(2, 1, false).missing(&user_only), Some("password"));
}

#[test]
fn secrets_never_print() {
    let secret = Secret::from("abcd1234");
    assert!(!format!("{secret:?}").contains("abcd"));
    let creds = Credentials {
        pop: Some(secret),
        ..Credentials::default()
    };
    assert!(!format!("{creds:?}").contains("abcd"));
}

fn echo_device(proto_ver: &str, config: ResponderConfig) -> FakeDevice {
    FakeDevice::new(proto_ver, config, |endpoint, data| {
        let mut answer = endpoint.as_bytes().to_vec();
        answer.extend_from_slice(data);
        Ok(answer)
    })
}

#[tokio::test]
async fn sec0_session_round_trips_plaintext() {
    let device = echo_device(V55_SEC0, ResponderConfig::Sec0);
    let mut session = Session::connect(device, SecurityChoice::Auto, &Credentials::default())
        .await
        .unwrap();
    assert_eq!(session.plan().sec_ver, 0);
    assert_eq!(
        session.request("custom-data", b"!").await.unwrap(),
        b"custom-data!"
    );
    assert_eq!(
        session.transport_mut().requests("custom-data"),
        vec![b"!".to_vec()]
    );
    // §10.3: esp_prov's Sec0 command bytes.
    assert_eq!(
        session.transport_mut().requests("prov-session"),
        vec![hex::decode("5203a20100").unwrap()]
    );
}

#[tokio::test]
async fn sec1_session_with_the_right_pop_encrypts() {
    let device = echo_device(
        V55_SEC1_POP,
        ResponderConfig::Sec1 {
            pop: b"abcd1234".to_vec(),
        },
    );
    let creds = Credentials {
        pop: Some("abcd1234".into()),
        ..Credentials::default()
    };
    let mut session = Session::connect(device, SecurityChoice::Auto, &creds)
        .await
        .unwrap();
    assert_eq!(session.plan().sec_ver, 1);
    for _ in 0..3 {
        assert_eq!(
            session.request("prov-config", b"\x52\x00").await.unwrap(),
            b"prov-config\x52\x00"
        );
    }
    assert_eq!(session.transport_mut().requests("prov-session").len(), 2);
}

#[tokio::test]
async fn sec1_wrong_pop_is_a_security_error_without_retry() {
    let device = echo_device(
        V55_SEC1_POP,
        ResponderConfig::Sec1 {
            pop: b"abcd1234".to_vec(),
        },
    );
    let creds = Credentials {
        pop: Some("wrong".into()),
        ..Credentials::default()
    };
    let err = Session::connect(device, SecurityChoice::Auto, &creds)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Security(_)), "{err:?}");
    assert_eq!(err.exit_code(), crate::exit::SECURITY);
}

#[tokio::test]
async fn sec1_without_pop_refuses_a_given_pop_before_the_handshake() {
    let device = echo_device(V55_SEC1_NO_POP, ResponderConfig::Sec1 { pop: Vec::new() });
    let creds = Credentials {
        pop: Some("relied-on".into()),
        ..Credentials::default()
    };
    let err = Session::connect(device, SecurityChoice::Auto, &creds)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Downgrade { .. }), "{err:?}");
    assert_eq!(err.exit_code(), crate::exit::SECURITY);
}

#[tokio::test]
async fn sec1_without_pop_works_when_no_pop_is_given() {
    let device = echo_device(V55_SEC1_NO_POP, ResponderConfig::Sec1 { pop: Vec::new() });
    let mut session = Session::connect(device, SecurityChoice::Auto, &Credentials::default())
        .await
        .unwrap();
    assert_eq!(session.request("x", b"1").await.unwrap(), b"x1");
}

#[tokio::test]
async fn missing_pop_fails_before_the_handshake() {
    let device = echo_device(V55_SEC1_POP, ResponderConfig::Sec1 { pop: b"p".to_vec() });
    let mut transport = device;
    let info = fetch_info(&mut transport).await.unwrap();
    let plan = SecurityPlan::choose(&info, SecurityChoice::Auto).unwrap();
    assert_eq!(plan.missing(&Credentials::default()), Some("pop"));
    let err = Session::establish(transport, info, plan, &Credentials::default())
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Usage(ref m) if m.contains("--pop")),
        "{err:?}"
    );
}

#[tokio::test]
async fn legacy_device_with_explicit_sec0_works() {
    let device = echo_device("V0.1", ResponderConfig::Sec0);
    let mut session = Session::connect(device, SecurityChoice::Sec0, &Credentials::default())
        .await
        .unwrap();
    assert_eq!(session.info().proto_ver.legacy.as_deref(), Some("V0.1"));
    assert_eq!(
        session.request("prov-config", b"a").await.unwrap(),
        b"prov-configa"
    );
}

/// A password whose H("wifiprov:" ‖ p) starts with 0x00, so the two x conventions differ.
fn zero_lead_password() -> String {
    (0..100_000)
        .map(|i| format!("pw{i}"))
        .find(|p| srp::inner_digest(b"wifiprov", p.as_bytes())[0] == 0)
        .expect("one in 256 passwords qualifies")
}

fn sec2_creds(password: &str, salt_mode: SaltModeChoice) -> Credentials {
    Credentials {
        username: Some("wifiprov".into()),
        password: Some(password.into()),
        salt_mode,
        ..Credentials::default()
    }
}

#[test]
fn stripped_retry_only_for_auto_sec2_drops_at_the_proof() {
    let sec2 = plan(2, 1, false);
    let zero = sec2_creds(&zero_lead_password(), SaltModeChoice::Auto);
    let drop_at = |step| HandshakeFailure {
        error: Error::Security("closed".into()),
        step,
        answered: false,
    };
    assert!(should_retry_stripped(&sec2, &zero, &drop_at(2)));
    assert!(!should_retry_stripped(&sec2, &zero, &drop_at(1)));
    assert!(!should_retry_stripped(
        &plan(1, 0, true),
        &zero,
        &drop_at(2)
    ));
    let fixed = sec2_creds(&zero_lead_password(), SaltModeChoice::Fixed(SaltMode::Full));
    assert!(!should_retry_stripped(&sec2, &fixed, &drop_at(2)));
    let plain = sec2_creds("abcd1234", SaltModeChoice::Auto);
    assert!(
        !should_retry_stripped(&sec2, &plain, &drop_at(2)),
        "same x either way: no retry"
    );
    let timeout = HandshakeFailure {
        error: Error::Timeout {
            what: "x".into(),
            after: Duration::from_secs(1),
        },
        step: 2,
        answered: false,
    };
    assert!(!should_retry_stripped(&sec2, &zero, &timeout));
}

fn sec2_device(password: &str, patch: u8, mode: SaltMode) -> FakeDevice {
    let (salt, verifier) = srp::generate_salt_verifier(
        b"wifiprov",
        password.as_bytes(),
        16,
        &mut rand::rngs::OsRng,
        mode,
    );
    let proto_ver = format!(
        r#"{{"prov":{{"ver":"v1.1","sec_ver":2,"sec_patch_ver":{patch},"cap":["wifi_scan"]}}}}"#
    );
    echo_device(
        &proto_ver,
        ResponderConfig::Sec2 {
            salt,
            verifier,
            patch,
        },
    )
}

#[tokio::test]
async fn sec2_sessions_with_both_patch_levels() {
    for patch in [0, 1] {
        let device = sec2_device("abcd1234", patch, SaltMode::Full);
        let creds = sec2_creds("abcd1234", SaltModeChoice::Auto);
        let mut session = Session::connect(device, SecurityChoice::Auto, &creds)
            .await
            .unwrap();
        assert_eq!(
            (session.plan().sec_ver, session.plan().sec_patch_ver),
            (2, patch)
        );
        for _ in 0..3 {
            assert_eq!(
                session.request("prov-config", b"\x52\x00").await.unwrap(),
                b"prov-config\x52\x00"
            );
        }
    }
}

#[tokio::test]
async fn sec2_wrong_password_is_a_security_error_after_one_handshake() {
    let device = sec2_device("abcd1234", 1, SaltMode::Full);
    let creds = sec2_creds("wrong", SaltModeChoice::Auto);
    let err = Session::connect(device, SecurityChoice::Auto, &creds)
        .await
        .unwrap_err();
    assert_eq!(err.exit_code(), crate::exit::SECURITY, "{err:?}");
}

#[tokio::test]
async fn sec2_auto_salt_mode_retries_once_with_stripped_zeros() {
    let password = zero_lead_password();
    let device = sec2_device(&password, 1, SaltMode::StripLeadingZeros);
    let creds = sec2_creds(&password, SaltModeChoice::Auto);
    let mut session = Session::connect(device, SecurityChoice::Auto, &creds)
        .await
        .unwrap();
    assert_eq!(
        session.transport_mut().closes,
        1,
        "one retry on a fresh connection"
    );
    assert_eq!(session.transport_mut().requests("prov-session").len(), 4);
    assert_eq!(session.request("x", b"1").await.unwrap(), b"x1");
}

#[tokio::test]
async fn sec2_fixed_salt_modes_do_not_retry() {
    let password = zero_lead_password();
    let full = sec2_creds(&password, SaltModeChoice::Fixed(SaltMode::Full));
    let device = sec2_device(&password, 0, SaltMode::StripLeadingZeros);
    let err = Session::connect(device, SecurityChoice::Auto, &full)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Security(_)), "{err:?}");

    let stripped = sec2_creds(
        &password,
        SaltModeChoice::Fixed(SaltMode::StripLeadingZeros),
    );
    let device = sec2_device(&password, 0, SaltMode::StripLeadingZeros);
    let mut session = Session::connect(device, SecurityChoice::Auto, &stripped)
        .await
        .unwrap();
    assert_eq!(session.transport_mut().closes, 0);
}
