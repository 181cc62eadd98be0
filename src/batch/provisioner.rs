//! The one seam between the scheduler and the devices: one attempt on one device.
//! The live implementation is [`super::live::LiveProvisioner`]; tests inject fakes.

use std::time::Duration;

use async_trait::async_trait;

use super::row::Job;
use crate::provision::{Joined, PhaseTimings, ProvisionOutcome, ThreadAttached};
use crate::Error;

/// How an attempt begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// A device nothing is known about: the plain `provision` flow.
    Fresh,
    /// The previous attempt ended in a Wi-Fi (or Thread attach) failure: prov-ctrl reset first.
    AfterWifiFailure,
    /// A `--resume` run: the device may already hold these credentials from an interrupted
    /// attempt, so its status is read before anything is sent.
    Resumed,
}

/// Progress inside one attempt, for timings and progress lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// The security session is up.
    SessionReady,
    /// SetConfig and ApplyConfig were accepted.
    ConfigApplied,
    /// The device's Wi-Fi state changed: `connecting`, `connected`, `failed`, `disconnected`.
    Wifi(&'static str),
    /// The device's Thread state changed: `attaching`, `attached`, `failed`, `detached`.
    Thread(&'static str),
}

/// A successful attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Success {
    /// The device's new IPv4 address (Wi-Fi).
    pub ip: Option<String>,
    /// The Thread network the device attached to (Thread).
    pub thread: Option<ThreadAttached>,
    /// Per-phase timings from the library.
    pub timings: PhaseTimings,
}

impl From<ProvisionOutcome> for Success {
    fn from(outcome: ProvisionOutcome) -> Self {
        let (ip, thread) = match outcome.joined {
            Joined::Wifi(info) => (Some(info.ip4), None),
            Joined::Thread(attached) => (None, Some(attached)),
        };
        Success {
            ip,
            thread,
            timings: outcome.timings,
        }
    }
}

/// One attempt's outcome, with what else happened on the way (for the record's `note`).
#[derive(Debug)]
pub struct Attempt {
    /// Success or the cause of failure.
    pub result: Result<Success, Error>,
    /// A reset that was sent or refused, credentials found already applied, and so on.
    pub note: Option<String>,
}

impl Attempt {
    /// An attempt with nothing to note.
    pub fn plain(result: Result<Success, Error>) -> Self {
        Attempt { result, note: None }
    }
}

/// Runs attempts on devices; the scheduler decides when and how often.
#[async_trait]
pub trait Provisioner: Send + Sync + 'static {
    /// One attempt on `job`, bounded by `timeout`; `mark` sees its progress.
    async fn attempt(
        &self,
        job: &Job,
        start: Start,
        timeout: Duration,
        mark: &mut (dyn FnMut(Mark) + Send),
    ) -> Attempt;
}
