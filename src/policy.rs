//! The security floor: the credentials the user gave set the least security a session may have.
//! A device's `proto-ver` answer is unauthenticated, so it may raise the scheme but never lower
//! it; and Wi-Fi secrets travel over security 0 only when the user chose security 0 explicitly.
//!
//! Every path (CLI, batch, esp-prov mode; HTTP, BLE, console, mDNS) passes through
//! [`crate::Session::establish`] and [`crate::provision::set_config`], which call these checks,
//! so the rule lives here once.

use crate::session::{Credentials, SecurityChoice, SecurityPlan};
use crate::Error;

/// The least security the user's credentials demand of any device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Floor {
    /// No credentials given: any scheme may be used (security 0 only to read, unless chosen).
    None,
    /// A PoP was given: security 1 with PoP verification, or security 2.
    Sec1WithPop,
    /// An SRP username or password was given: security 2 only.
    Sec2,
}

impl Floor {
    /// The floor `credentials` set: SRP credentials ⇒ security 2, a PoP ⇒ security 1 with PoP.
    pub fn of(credentials: &Credentials) -> Floor {
        let given_text = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.is_empty());
        let given = |s: &Option<crate::Secret>| s.as_ref().is_some_and(|s| !s.is_empty());
        if given_text(&credentials.username) || given(&credentials.password) {
            Floor::Sec2
        } else if given(&credentials.pop) {
            Floor::Sec1WithPop
        } else {
            Floor::None
        }
    }

    /// Whether a session run with `plan` is at least this floor.
    pub fn admits(self, plan: &SecurityPlan) -> bool {
        match self {
            Floor::None => true,
            Floor::Sec1WithPop => plan.sec_ver == 2 || (plan.sec_ver == 1 && plan.needs_pop),
            Floor::Sec2 => plan.sec_ver == 2,
        }
    }

    fn asked(self) -> &'static str {
        match self {
            Floor::None => "no credentials",
            Floor::Sec1WithPop => "--pop asks for security 1 with PoP verification, or 2",
            Floor::Sec2 => "--username/--password ask for security 2",
        }
    }
}

impl SecurityPlan {
    /// Refuses a plan below the floor the credentials set, before any secret is sent.
    pub fn check_floor(&self, credentials: &Credentials) -> Result<(), Error> {
        let floor = Floor::of(credentials);
        if floor.admits(self) {
            return Ok(());
        }
        let fix = match (floor, self.sec_ver) {
            (Floor::Sec1WithPop, 1) => {
                "check that this is your device; pass `--sec 1` without `--pop` if it really has no PoP"
            }
            (Floor::Sec1WithPop, _) => {
                "check that this is your device; pass `--sec 0` without `--pop` if it really has \
                 no security (the Wi-Fi passphrase then travels in clear)"
            }
            _ => {
                "check that this is your device: a look-alike answering on its network may offer \
                 less security to read your secrets"
            }
        };
        Err(Error::Downgrade {
            offered: self.offer(),
            asked: floor.asked().into(),
            fix,
        })
    }

    /// Refuses to send Wi-Fi secrets over security 0 unless the user chose security 0.
    pub fn check_sends_secrets(&self) -> Result<(), Error> {
        if self.sec_ver != 0 || !self.auto {
            return Ok(());
        }
        Err(Error::Downgrade {
            offered: self.offer(),
            asked: "Wi-Fi credentials are sent in clear only with an explicit `--sec 0`".into(),
            fix: "pass `--sec 0` if this device really has no security: anyone in radio range \
                  can then read the passphrase",
        })
    }

    /// A one-line caution about a weak but accepted scheme, for the caller to show.
    pub fn warning(&self) -> Option<&'static str> {
        (self.sec_ver == 2 && self.sec_patch_ver == 0).then_some(
            "the device uses security 2 patch 0, which reuses one AES-GCM IV for every message; \
             update its firmware to an ESP-IDF release with the IV fix (sec_patch_ver 1)",
        )
    }

    /// What the plan offers, and who decided it.
    fn offer(&self) -> String {
        let scheme = match self.sec_ver {
            0 => "security 0 (no encryption)",
            1 if self.needs_pop => "security 1 with a proof of possession",
            1 => "security 1 without a proof of possession",
            _ => "security 2",
        };
        if self.auto {
            format!("the device offers {scheme}")
        } else {
            format!("--sec chose {scheme}")
        }
    }
}

impl SecurityChoice {
    /// The scheme a QR payload states (`security`), as an explicit choice.
    pub fn from_qr(security: Option<u8>) -> Option<SecurityChoice> {
        match security? {
            0 => Some(SecurityChoice::Sec0),
            1 => Some(SecurityChoice::Sec1),
            _ => Some(SecurityChoice::Sec2),
        }
    }
}

/// The credentials a QR payload carries: its `pop` is the SRP password when the payload names a
/// username or says security 2, the PoP when it says security 1 or names no username.
pub fn qr_credentials(
    username: Option<String>,
    pop: Option<String>,
    security: Option<u8>,
) -> Credentials {
    let secret = pop.filter(|p| !p.is_empty()).map(crate::Secret::from);
    let sec2 = match security {
        Some(0) => return Credentials::default(),
        Some(1) => false,
        Some(_) => true,
        None => username.is_some(),
    };
    let (pop, password) = if sec2 { (None, secret) } else { (secret, None) };
    Credentials {
        pop,
        username: if sec2 { username } else { None },
        password,
        ..Credentials::default()
    }
}

#[cfg(test)]
#[path = "policy_tests.rs"]
mod tests;
