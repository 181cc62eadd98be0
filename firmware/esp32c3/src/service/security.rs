//! The security scheme from `config.toml`, in esprov-device's terms.

use esprov_device::Security;

use crate::config;

/// Security 0, 1 (optional PoP) or 2 (salt + verifier from the build).
pub fn from_config() -> Security {
    match config::SECURITY {
        0 => Security::Sec0,
        1 => Security::Sec1 {
            pop: (!config::POP.is_empty()).then(|| config::POP.as_bytes().to_vec()),
        },
        _ => sec2(),
    }
}

/// Salt and verifier come from `build.rs` (configured, or derived from the password there).
fn sec2() -> Security {
    Security::Sec2 {
        salt: config::SEC2_SALT.to_vec(),
        verifier: config::SEC2_VERIFIER.to_vec(),
    }
}
