//! Deliberate protocol violations, so a client's conformance suite (`esprov check`) can be shown
//! to catch each one. Only the `test-faults` feature can switch one on, and that feature refuses
//! to build for a bare-metal target (see lib.rs), so firmware cannot ship with one.

use alloc::vec::Vec;

use esprov_proto::messages::{
    sec1_payload, sec2_payload, session_data::Proto, S2SessionResp1, Sec1MsgType, Sec1Payload,
    Sec2MsgType, Sec2Payload, SecSchemeVersion, SessionData, SessionResp1, Status,
};
use prost::Message;
use rand_core::RngCore;

/// One way the manager can misbehave on purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// Answer a handshake whose PoP or password did not verify as if it had.
    AcceptAnyPop,
    /// Take new credentials after a failed attempt without a prov-ctrl reset.
    NoRejectAfterFailure,
    /// Let a new transport session inherit the previous session's keys (no new handshake needed).
    KeepOldSession,
    /// Answer encrypted endpoints in plaintext before any handshake.
    NoSessionRequired,
    /// Leave `wifi_scan` out of proto-ver while prov-scan still answers.
    HideScanCap,
    /// List a capability that contradicts the security scheme (`no_sec` on a secured device).
    BadCaps,
    /// Refuse GetStatus while the station is still connecting.
    SilentWhileConnecting,
}

/// The faults a test device runs with (none by default).
#[cfg(feature = "test-faults")]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Faults(pub Vec<Fault>);

#[cfg(feature = "test-faults")]
impl Faults {
    /// Whether `fault` is switched on.
    pub fn has(&self, fault: Fault) -> bool {
        self.0.contains(&fault)
    }
}

/// A handshake answer that claims success with made-up verify data, for [`Fault::AcceptAnyPop`].
pub(crate) fn bogus_session_answer(sec_ver: u8, rng: &mut dyn RngCore) -> Vec<u8> {
    let mut random = |len: usize| {
        let mut bytes = alloc::vec![0u8; len];
        rng.fill_bytes(&mut bytes);
        bytes
    };
    let proto = if sec_ver == 1 {
        Proto::Sec1(Sec1Payload {
            msg: Sec1MsgType::SessionResponse1 as i32,
            payload: Some(sec1_payload::Payload::Sr1(SessionResp1 {
                status: Status::Success as i32,
                device_verify_data: random(32),
            })),
        })
    } else {
        Proto::Sec2(Sec2Payload {
            msg: Sec2MsgType::S2SessionResponse1 as i32,
            payload: Some(sec2_payload::Payload::Sr1(S2SessionResp1 {
                status: Status::Success as i32,
                device_proof: random(64),
                device_nonce: random(12),
            })),
        })
    };
    let scheme = if sec_ver == 1 {
        SecSchemeVersion::SecScheme1
    } else {
        SecSchemeVersion::SecScheme2
    };
    SessionData {
        sec_ver: scheme as i32,
        proto: Some(proto),
    }
    .encode_to_vec()
}
