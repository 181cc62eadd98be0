//! Which failures earn another attempt: transient ones up to `--retries`, a Wi-Fi or Thread
//! attach failure one retry after a prov-ctrl reset, a security failure never.

use std::time::Duration;

use crate::Error;

/// How failures are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries of transient failures (transport lost, unreachable, timeout).
    pub transient: u32,
    /// Pause before the first transient retry; doubled for each further one.
    pub backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            transient: 1,
            backoff: Duration::from_millis(250),
        }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Record the failure as final.
    GiveUp,
    /// Wait, then attempt again from the start.
    RetryAfter(Duration),
    /// Reset the device's provisioning state (prov-ctrl), then attempt again.
    ResetThenRetry,
}

/// Failures by what a retry can do about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// The link or the clock: another attempt may well succeed.
    Transient,
    /// The device could not join Wi-Fi (or attach to Thread); it needs a reset before new
    /// credentials.
    Wifi,
    /// Wrong PoP or password: retrying would only repeat it.
    Security,
    /// The device or the inputs refuse this; retrying changes nothing.
    Permanent,
}

/// Sorts an error into its retry class.
pub fn classify(error: &Error) -> Class {
    match error {
        Error::Unreachable { .. }
        | Error::TransportLost { .. }
        | Error::LostAfterApply { .. }
        | Error::Timeout { .. }
        | Error::RequestTimeout { .. } => Class::Transient,
        Error::WifiAuth
        | Error::ApNotFound { .. }
        | Error::ThreadDatasetInvalid
        | Error::ThreadNetworkNotFound => Class::Wifi,
        Error::Security(_) | Error::SecurityMismatch { .. } | Error::Downgrade { .. } => {
            Class::Security
        }
        _ => Class::Permanent,
    }
}

/// Counts of retries already spent on one device.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spent {
    /// Transient retries so far.
    pub transient: u32,
    /// Wi-Fi retries so far (at most one is ever given).
    pub wifi: u32,
}

impl RetryPolicy {
    /// Decides the next step after `error`, and counts it in `spent`.
    pub fn next(&self, error: &Error, spent: &mut Spent) -> Next {
        match classify(error) {
            Class::Transient if spent.transient < self.transient => {
                let pause = self.backoff.saturating_mul(1u32 << spent.transient.min(5));
                spent.transient += 1;
                Next::RetryAfter(pause.min(Duration::from_secs(5)))
            }
            Class::Wifi if spent.wifi == 0 => {
                spent.wifi += 1;
                Next::ResetThenRetry
            }
            _ => Next::GiveUp,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_class_gets_its_retries() {
        let policy = RetryPolicy {
            transient: 2,
            backoff: Duration::from_millis(100),
        };
        let timeout = Error::Timeout {
            what: "x".into(),
            after: Duration::from_secs(1),
        };
        let mut spent = Spent::default();
        assert_eq!(
            policy.next(&timeout, &mut spent),
            Next::RetryAfter(Duration::from_millis(100))
        );
        assert_eq!(
            policy.next(&timeout, &mut spent),
            Next::RetryAfter(Duration::from_millis(200))
        );
        assert_eq!(policy.next(&timeout, &mut spent), Next::GiveUp);
        let mut spent = Spent::default();
        assert_eq!(
            policy.next(&Error::WifiAuth, &mut spent),
            Next::ResetThenRetry
        );
        assert_eq!(
            policy.next(&Error::ApNotFound { ssid: None }, &mut spent),
            Next::GiveUp
        );
        assert_eq!(
            policy.next(&Error::Security("wrong pop".into()), &mut Spent::default()),
            Next::GiveUp
        );
        let rejected = Error::Rejected {
            endpoint: "prov-config".into(),
            reason: "no".into(),
        };
        assert_eq!(policy.next(&rejected, &mut Spent::default()), Next::GiveUp);
    }
}
