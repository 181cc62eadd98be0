//! The manager's Thread half (network_provisioning): dataset in, attach, state events, timeout.
//! It shares `prov_state` with the Wi-Fi half, so the same rules hold: one set of credentials per
//! run, reset after a failure, reprov after success, auto-stop after the client saw success.

use alloc::boxed::Box;

use rand_core::{CryptoRng, RngCore};
use zeroize::Zeroizing;

use super::{take_due, Manager};
use crate::error::ManagerError;
use crate::event::Event;
use crate::platform::{CredentialStore, WifiStation};
use crate::state::{ProvState, ThreadStatus};
use crate::thread::{AttachedInfo, ThreadDataset, ThreadEvent, ThreadFailReason, ThreadNode};
use crate::time::Instant;

impl<W: WifiStation, S: CredentialStore, R: RngCore + CryptoRng> Manager<W, S, R> {
    /// Gives the manager its Thread node (a network_provisioning build with Thread); before start.
    pub fn set_thread_node(&mut self, node: impl ThreadNode + 'static) -> Result<(), ManagerError> {
        self.require_idle("set_thread_node before start")?;
        self.thread = Some(Box::new(node));
        Ok(())
    }

    /// The platform's Thread node, for adapters that drive it.
    pub fn thread_node_mut(&mut self) -> Option<&mut (dyn ThreadNode + 'static)> {
        self.thread.as_deref_mut()
    }

    /// The node status GetThreadStatus reports.
    pub fn thread_status(&self) -> &ThreadStatus {
        &self.thread_status
    }

    /// Feeds a result of the Thread node back into the state machine.
    pub fn on_thread_event(&mut self, now: Instant, event: ThreadEvent) {
        match event {
            ThreadEvent::ScanDone(records) => {
                let max = self.config.scan_max_entries;
                self.thread_scan.finish(records, max);
            }
            ThreadEvent::Attached(info) if self.awaits_thread() => self.on_attached(now, info),
            ThreadEvent::AttachFailed(reason) if self.awaits_thread() => self.thread_fail(reason),
            _ => {}
        }
    }

    /// SetThreadConfig: keeps the dataset until ApplyThreadConfig.
    pub(crate) fn set_thread_dataset(&mut self, dataset: &[u8]) {
        self.thread_pending = Some(ThreadDataset(Zeroizing::new(dataset.to_vec())));
    }

    /// ApplyThreadConfig: a dataset OpenThread cannot parse fails at once (DatasetInvalid);
    /// otherwise the node attaches after the apply delay and must attach before the timeout.
    pub(crate) fn apply_thread_config(&mut self, now: Instant) -> Result<(), ManagerError> {
        let refuse = self.state != ProvState::Started
            && !(self.state == ProvState::Fail
                && self.has_fault(crate::faults::Fault::NoRejectAfterFailure));
        if refuse {
            return Err(ManagerError::InvalidState("credentials already received"));
        }
        let dataset = self
            .thread_pending
            .take()
            .ok_or(ManagerError::InvalidState(
                "no SetThreadConfig before ApplyThreadConfig",
            ))?;
        if self.thread.is_none() {
            return Err(ManagerError::InvalidState("no Thread node"));
        }
        if esprov_proto::dataset::parse(dataset.as_bytes()).is_err() {
            self.state = ProvState::CredRecv;
            self.thread_fail(ThreadFailReason::DatasetInvalid);
            return Err(ManagerError::InvalidState("dataset TLVs do not parse"));
        }
        self.emit(Event::ThreadDatasetRecv);
        self.thread_status = ThreadStatus::Attaching;
        self.state = ProvState::CredRecv;
        self.thread_applied = Some(dataset);
        self.timers.attach_at = Some(now.plus_ms(self.config.apply_delay_ms));
        self.timers.attach_timeout_at = Some(
            now.plus_ms(
                self.config
                    .apply_delay_ms
                    .saturating_add(self.config.thread_attach_timeout_ms),
            ),
        );
        Ok(())
    }

    /// Runs the Thread deadlines: the attach after the apply delay, then its timeout.
    pub(super) fn poll_thread(&mut self, now: Instant) {
        if take_due(&mut self.timers.attach_at, now) {
            if let (Some(node), Some(dataset)) = (self.thread.as_mut(), &self.thread_applied) {
                node.attach(dataset);
            }
        }
        if take_due(&mut self.timers.attach_timeout_at, now)
            && self.state == ProvState::CredRecv
            && self.thread_status == ThreadStatus::Attaching
        {
            self.thread_fail(ThreadFailReason::NetworkNotFound);
        }
    }

    /// Thread events count once a dataset was applied.
    fn awaits_thread(&self) -> bool {
        self.thread_applied.is_some()
            && matches!(
                self.state,
                ProvState::CredRecv | ProvState::Fail | ProvState::Success
            )
    }

    fn on_attached(&mut self, now: Instant, info: AttachedInfo) {
        self.thread_status = ThreadStatus::Attached(info);
        self.timers.attach_timeout_at = None;
        if self.state != ProvState::Success {
            self.state = ProvState::Success;
            if self.auto_stop {
                self.timers.autostop_at = Some(now.plus_ms(self.config.autostop_timeout_ms));
            }
            self.emit(Event::ThreadDatasetSuccess);
        }
    }

    fn thread_fail(&mut self, reason: ThreadFailReason) {
        self.thread_status = ThreadStatus::Failed(reason);
        self.timers.attach_timeout_at = None;
        self.timers.autostop_at = None;
        if self.state != ProvState::Fail {
            self.state = ProvState::Fail;
            self.emit(Event::ThreadDatasetFail(reason));
        }
    }
}
