//! Waiting for the device to join Wi-Fi: GetStatus polled adaptively, bounded by a deadline.

use std::time::Duration;

use tokio::time::Instant;

use super::{get_status, ConnectedInfo, FailReason, WifiStatus};
use crate::session::Session;
use crate::transport::Transport;
use crate::Error;
use esprov_proto::endpoint::Endpoint;

/// How often to poll: quick at first (a device on a good AP joins within a second), then calmer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PollPolicy {
    /// The delay before the first poll (none: a fast device may already be connected).
    pub first: Duration,
    /// The delay after every state change, and the start of the rise.
    pub initial: Duration,
    /// The longest delay.
    pub max: Duration,
    /// Growth per poll while the state stays the same.
    pub factor: f64,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            first: Duration::ZERO,
            initial: Duration::from_millis(200),
            max: Duration::from_secs(1),
            factor: 1.5,
        }
    }
}

impl PollPolicy {
    /// The delay after `delay`: grown by `factor`, at most `max`.
    pub fn next(&self, delay: Duration) -> Duration {
        delay
            .mul_f64(self.factor.max(1.0))
            .min(self.max)
            .max(self.initial.min(self.max))
    }
}

/// Polls GetStatus until the device is connected, failed, or `deadline` passes.
///
/// `on_status` sees every change of state. Failures map to [`Error::WifiAuth`] and
/// [`Error::ApNotFound`]; the deadline to [`Error::Timeout`].
pub async fn wait_connected<T: Transport>(
    session: &mut Session<T>,
    deadline: Instant,
    policy: PollPolicy,
    on_status: &mut (dyn FnMut(&WifiStatus) + Send),
) -> Result<ConnectedInfo, Error> {
    let started = Instant::now().min(deadline);
    let mut delay = policy.first.min(policy.max);
    let mut last: Option<WifiStatus> = None;
    loop {
        sleep_until_or(deadline, delay).await;
        if Instant::now() >= deadline {
            return Err(timeout(deadline - started, last.as_ref()));
        }
        let status = match tokio::time::timeout_at(deadline, get_status(session)).await {
            Ok(status) => status?,
            Err(_) => return Err(timeout(deadline - started, last.as_ref())),
        };
        if last.as_ref() != Some(&status) {
            tracing::debug!(%status, "Wi-Fi state");
            on_status(&status);
            delay = policy.initial.min(policy.max);
        } else {
            delay = policy.next(delay);
        }
        match &status {
            WifiStatus::Connected(info) => return Ok(info.clone()),
            WifiStatus::Failed(reason) => return Err(failure(*reason)),
            WifiStatus::Connecting { .. } | WifiStatus::Disconnected => {}
        }
        last = Some(status);
    }
}

async fn sleep_until_or(deadline: Instant, delay: Duration) {
    if delay.is_zero() {
        return;
    }
    tokio::time::sleep_until(deadline.min(Instant::now() + delay)).await;
}

fn failure(reason: FailReason) -> Error {
    match reason {
        FailReason::AuthError => Error::WifiAuth,
        FailReason::NetworkNotFound => Error::ApNotFound { ssid: None },
        FailReason::Other(n) => Error::Rejected {
            endpoint: Endpoint::ProvConfig.name().into(),
            reason: format!("the device could not join Wi-Fi (failure reason {n})"),
        },
    }
}

fn timeout(after: Duration, last: Option<&WifiStatus>) -> Error {
    let state = last.map_or_else(|| "no answer yet".to_owned(), ToString::to_string);
    Error::Timeout {
        what: format!("the device to join Wi-Fi (last state: {state})"),
        after,
    }
}
