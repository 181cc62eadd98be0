//! Timing one attempt's phases and turning its outcome into a report record.

use std::time::Duration;

use tokio::time::Instant;

use super::provisioner::{Attempt, Mark};
use super::record::{now_ms, Record, OK};
use super::row::Job;
use crate::contract::Millis;

/// When an attempt started and when each phase ended, for failed attempts' partial timings.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    started: Instant,
    session_done: Option<Instant>,
    config_done: Option<Instant>,
}

impl Clock {
    /// Starts timing now.
    pub fn start() -> Self {
        Clock {
            started: Instant::now(),
            session_done: None,
            config_done: None,
        }
    }

    /// Notes the end of a phase.
    pub fn mark(&mut self, mark: &Mark) {
        let now = Instant::now();
        match mark {
            Mark::SessionReady => self.session_done = Some(now),
            Mark::ConfigApplied => self.config_done = Some(now),
            Mark::Wifi(_) | Mark::Thread(_) => {}
        }
    }

    /// (session, config, connect) as far as they got; the phase that failed is timed to now.
    fn phases(&self, now: Instant) -> (Option<Duration>, Option<Duration>, Option<Duration>) {
        let Some(session) = self.session_done else {
            return (Some(now - self.started), None, None);
        };
        let Some(config) = self.config_done else {
            return (Some(session - self.started), Some(now - session), None);
        };
        (
            Some(session - self.started),
            Some(config - session),
            Some(now - config),
        )
    }
}

/// The record for one attempt.
pub fn record_for(
    job: &Job,
    attempt: u32,
    outcome: &Attempt,
    clock: &Clock,
    is_final: bool,
) -> Record {
    let now = Instant::now();
    let total = now - clock.started;
    let mut record = Record {
        device: job.device.clone(),
        label: job.label.clone(),
        attempt,
        result: OK.to_owned(),
        reason: None,
        exit_code: crate::exit::OK,
        ip: None,
        thread: None,
        session_ms: None,
        config_ms: None,
        connect_ms: None,
        total_ms: total.into(),
        message: None,
        help: None,
        note: outcome.note.clone(),
        is_final,
        ts_ms: now_ms(),
    };
    match &outcome.result {
        Ok(success) => {
            record.ip = success.ip.clone();
            record.thread = success.thread.clone();
            record.session_ms = Some(success.timings.session.into());
            record.config_ms = Some(success.timings.config.into());
            record.connect_ms = Some(success.timings.connect.into());
        }
        Err(error) => {
            let (session, config, connect) = clock.phases(now);
            let failure = crate::contract::Failure::from(error);
            record.result = failure.result;
            record.reason = Some(failure.reason);
            record.exit_code = failure.exit_code;
            record.message = Some(failure.message);
            record.help = Some(failure.help);
            record.session_ms = session.map(Millis::from);
            record.config_ms = config.map(Millis::from);
            record.connect_ms = connect.map(Millis::from);
        }
    }
    record
}
