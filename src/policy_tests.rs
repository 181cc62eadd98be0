//! The policy table: credentials × what the device offers → allowed or refused.

use super::*;
use crate::session::DeviceInfo;
use crate::Secret;

const SEC0: &str = r#"{"prov":{"ver":"v1.1","sec_ver":0,"cap":["no_sec","wifi_scan"]}}"#;
const SEC1_NO_POP: &str = r#"{"prov":{"ver":"v1.1","sec_ver":1,"cap":["no_pop","wifi_scan"]}}"#;
const SEC1_POP: &str = r#"{"prov":{"ver":"v1.1","sec_ver":1,"cap":["wifi_scan"]}}"#;
const SEC2_P0: &str = r#"{"prov":{"ver":"v1.1","sec_ver":2,"cap":["wifi_scan"]}}"#;
const SEC2_P1: &str = r#"{"prov":{"ver":"v1.1","sec_ver":2,"sec_patch_ver":1,"cap":[]}}"#;
const OFFERS: [&str; 5] = [SEC0, SEC1_NO_POP, SEC1_POP, SEC2_P0, SEC2_P1];

fn plan(answer: &str, choice: SecurityChoice) -> SecurityPlan {
    let info = DeviceInfo::parse(answer.as_bytes().to_vec()).unwrap();
    SecurityPlan::choose(&info, choice).unwrap()
}

fn pop() -> Credentials {
    Credentials {
        pop: Some(Secret::from("abcd1234")),
        ..Credentials::default()
    }
}

fn srp() -> Credentials {
    Credentials {
        username: Some("wifiprov".into()),
        password: Some(Secret::from("abcd1234")),
        ..Credentials::default()
    }
}

/// `Ok` when the handshake may start, `Err(exit code)` when refused.
type Verdict = Result<(), i32>;

/// A forced scheme the device does not run is refused by `choose` already (a mismatch).
fn verdict(credentials: &Credentials, answer: &str, choice: SecurityChoice) -> Verdict {
    let info = DeviceInfo::parse(answer.as_bytes().to_vec()).unwrap();
    SecurityPlan::choose(&info, choice)
        .and_then(|plan| plan.check_floor(credentials))
        .map_err(|e| e.exit_code())
}

#[test]
fn the_floor_table_under_auto() {
    use SecurityChoice::Auto;
    let refused = Err(crate::exit::SECURITY);
    // Rows: credentials; columns: sec0, sec1 without PoP, sec1 with PoP, sec2 patch 0, patch 1.
    let table: [(&str, Credentials, [Verdict; 5]); 4] = [
        ("none", Credentials::default(), [Ok(()); 5]),
        ("pop", pop(), [refused, refused, Ok(()), Ok(()), Ok(())]),
        ("srp", srp(), [refused, refused, refused, Ok(()), Ok(())]),
        (
            "sec2 QR",
            qr_credentials(Some("wifiprov".into()), Some("abcd1234".into()), None),
            [refused, refused, refused, Ok(()), Ok(())],
        ),
    ];
    for (name, credentials, expected) in table {
        for (offer, want) in OFFERS.iter().zip(expected) {
            assert_eq!(verdict(&credentials, offer, Auto), want, "{name} × {offer}");
        }
    }
}

#[test]
fn an_explicit_choice_below_the_floor_is_refused_too() {
    assert!(verdict(&pop(), SEC1_POP, SecurityChoice::Sec0).is_err());
    assert!(verdict(&pop(), SEC1_NO_POP, SecurityChoice::Sec1).is_err());
    assert!(verdict(&srp(), SEC2_P1, SecurityChoice::Sec1).is_err());
    assert!(verdict(&Credentials::default(), SEC1_NO_POP, SecurityChoice::Sec1).is_ok());
    assert!(verdict(&pop(), SEC1_POP, SecurityChoice::Sec1).is_ok());
}

#[test]
fn wifi_secrets_over_security_0_need_the_explicit_choice() {
    let auto = plan(SEC0, SecurityChoice::Auto);
    let error = auto.check_sends_secrets().unwrap_err();
    assert_eq!(error.exit_code(), crate::exit::SECURITY);
    assert!(error.to_string().contains("security 0"), "{error}");
    assert!(error.help().contains("--sec 0"));
    assert!(plan(SEC0, SecurityChoice::Sec0)
        .check_sends_secrets()
        .is_ok());
    // Forcing security 0 on a device that names another scheme is refused before any secret.
    let info = DeviceInfo::parse(SEC1_POP.as_bytes().to_vec()).unwrap();
    assert!(matches!(
        SecurityPlan::choose(&info, SecurityChoice::Sec0),
        Err(Error::SecurityMismatch {
            wanted: 1,
            given: 0
        })
    ));
    for offer in [SEC1_NO_POP, SEC1_POP, SEC2_P1] {
        assert!(plan(offer, SecurityChoice::Auto)
            .check_sends_secrets()
            .is_ok());
    }
}

#[test]
fn the_refusal_names_the_offer_the_request_and_the_way_out() {
    let error = plan(SEC1_NO_POP, SecurityChoice::Auto)
        .check_floor(&pop())
        .unwrap_err();
    let text = error.to_string();
    assert!(
        text.contains("the device offers security 1 without a proof of possession"),
        "{text}"
    );
    assert!(
        text.contains("--pop asks for security 1 with PoP verification"),
        "{text}"
    );
    assert!(error.help().contains("`--sec 1` without `--pop`"));
}

#[test]
fn only_patch_0_warns() {
    assert!(plan(SEC2_P0, SecurityChoice::Auto).warning().is_some());
    assert!(plan(SEC2_P1, SecurityChoice::Auto).warning().is_none());
    assert!(plan(SEC1_POP, SecurityChoice::Auto).warning().is_none());
}

#[test]
fn qr_payloads_map_to_the_scheme_they_state() {
    let sec1 = qr_credentials(None, Some("pop1".into()), None);
    assert_eq!(Floor::of(&sec1), Floor::Sec1WithPop);
    assert!(sec1.password.is_none());
    let sec2 = qr_credentials(Some("u".into()), Some("pw".into()), None);
    assert_eq!(Floor::of(&sec2), Floor::Sec2);
    assert!(sec2.pop.is_none());
    assert_eq!(
        Floor::of(&qr_credentials(None, Some("x".into()), Some(2))),
        Floor::Sec2
    );
    assert_eq!(Floor::of(&qr_credentials(None, None, Some(0))), Floor::None);
    assert_eq!(SecurityChoice::from_qr(Some(0)), Some(SecurityChoice::Sec0));
    assert_eq!(SecurityChoice::from_qr(None), None);
}
