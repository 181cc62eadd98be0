//! The `SessionData` envelope every `prov-session` message travels in.

use alloc::format;
use alloc::vec::Vec;
use prost::Message;

use crate::messages::{session_data::Proto, SecSchemeVersion, SessionData};
use crate::Error;

/// Wraps one scheme payload into the plaintext `SessionData` bytes sent on `prov-session`.
pub(crate) fn encode(scheme: SecSchemeVersion, proto: Proto) -> Vec<u8> {
    SessionData {
        sec_ver: scheme as i32,
        proto: Some(proto),
    }
    .encode_to_vec()
}

/// Unwraps `SessionData`, insisting on the scheme this role speaks.
pub(crate) fn decode(bytes: &[u8], scheme: SecSchemeVersion) -> Result<Proto, Error> {
    let data = SessionData::decode(bytes).map_err(|_| Error::Malformed {
        what: "SessionData",
    })?;
    if data.sec_ver != scheme as i32 {
        return Err(Error::Unexpected(format!(
            "security scheme {} where {} was expected",
            data.sec_ver, scheme as i32
        )));
    }
    data.proto.ok_or(Error::Malformed {
        what: "SessionData",
    })
}

/// The error for a payload of another scheme inside the right `sec_ver`.
pub(crate) fn wrong_payload(expected: &'static str) -> Error {
    Error::Unexpected(format!("SessionData without a {expected} payload"))
}
