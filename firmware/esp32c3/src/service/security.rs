//! The security scheme from `config.toml`, in esprov-device's terms.

use alloc::vec::Vec;

use esprov_device::Security;

use crate::config;

/// Security 0, 1 (optional PoP) or 2 (salt + verifier, precomputed or derived here).
pub fn from_config() -> Security {
    match config::SECURITY {
        0 => Security::Sec0,
        1 => Security::Sec1 {
            pop: (!config::POP.is_empty()).then(|| config::POP.as_bytes().to_vec()),
        },
        _ => sec2(),
    }
}

fn sec2() -> Security {
    if !config::SEC2_SALT.is_empty() && !config::SEC2_VERIFIER.is_empty() {
        return Security::Sec2 { salt: config::SEC2_SALT.to_vec(), verifier: config::SEC2_VERIFIER.to_vec() };
    }
    let (salt, verifier) = derive(config::SEC2_USERNAME.as_bytes(), config::SEC2_PASSWORD.as_bytes());
    Security::Sec2 { salt, verifier }
}

/// Salt and verifier from username and password with esprov-proto's generator.
fn derive(username: &[u8], password: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let _ = (username, password);
    unimplemented!("esprov-proto's SRP verifier generator")
}
