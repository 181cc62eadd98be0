//! The one transport session protocomm keeps, with its security responder (§2.0).

use alloc::boxed::Box;
use alloc::vec::Vec;

use esprov_proto::security::{responder, Responder, ResponderConfig};
use rand_core::CryptoRngCore;

use crate::error::RequestError;

/// The current transport session; a new one replaces the old ("only one session at a time").
#[derive(Default)]
pub(crate) struct SessionSlot {
    current: Option<u32>,
    responder: Option<Box<dyn Responder>>,
    /// Test fault only: a new transport session inherits the previous one's keys.
    pub(crate) keep_old: bool,
}

impl SessionSlot {
    /// A transport session began; any other session's security state is dropped.
    pub(crate) fn open(&mut self, session_id: u32) {
        self.current = Some(session_id);
        if !self.keep_old {
            self.responder = None;
        }
    }

    /// A transport session ended; only the current one has state to drop.
    pub(crate) fn close(&mut self, session_id: u32) {
        if self.current == Some(session_id) {
            self.current = None;
            if !self.keep_old {
                self.responder = None;
            }
        }
    }

    /// Forgets the session, as stopping the service does.
    pub(crate) fn clear(&mut self) {
        self.current = None;
        self.responder = None;
    }

    /// Answers a `prov-session` request; a transport that never opened a session gets one.
    pub(crate) fn handshake(
        &mut self,
        session_id: u32,
        request: &[u8],
        config: impl FnOnce() -> ResponderConfig,
        rng: &mut dyn CryptoRngCore,
    ) -> Result<Vec<u8>, RequestError> {
        if self.current.is_none() {
            self.open(session_id);
        }
        self.check(session_id)?;
        if self.keep_old && self.responder.as_ref().is_some_and(|r| r.is_established()) {
            // The inherited keys of the fault give way to a new handshake.
            self.responder = None;
        }
        let responder = self.responder.get_or_insert_with(|| responder(config()));
        responder
            .handle(request, rng)
            .map_err(RequestError::Security)
    }

    /// Decrypts a request of the established session.
    pub(crate) fn decrypt(
        &mut self,
        session_id: u32,
        data: &[u8],
    ) -> Result<Vec<u8>, RequestError> {
        self.established(session_id)?
            .decrypt(data)
            .map_err(RequestError::Security)
    }

    /// Encrypts a response of the established session.
    pub(crate) fn encrypt(
        &mut self,
        session_id: u32,
        data: &[u8],
    ) -> Result<Vec<u8>, RequestError> {
        self.established(session_id)?
            .encrypt(data)
            .map_err(RequestError::Security)
    }

    fn check(&self, session_id: u32) -> Result<(), RequestError> {
        match self.current {
            Some(current) if current == session_id => Ok(()),
            _ => Err(RequestError::InvalidSession(session_id)),
        }
    }

    /// Whether `session_id` has finished its handshake (and may use encrypted endpoints).
    pub(crate) fn is_established(&self, session_id: u32) -> bool {
        self.current == Some(session_id)
            && self.responder.as_ref().is_some_and(|r| r.is_established())
    }

    fn established(&mut self, session_id: u32) -> Result<&mut Box<dyn Responder>, RequestError> {
        self.check(session_id)?;
        match self.responder.as_mut() {
            Some(responder) if responder.is_established() => Ok(responder),
            _ => Err(RequestError::NotEstablished),
        }
    }
}
