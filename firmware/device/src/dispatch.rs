//! Request routing (protocomm's `req_handle`): version, handshake, then encrypted endpoints.

use alloc::string::String;
use alloc::vec::Vec;

use esprov_proto::endpoint::Endpoint;
use esprov_proto::version::{
    ProtoVer, ProvInfo, CAP_NO_POP, CAP_NO_SEC, CAP_THREAD_SCAN, CAP_WIFI_SCAN, NETPROV_VER,
    WIFI_PROV_VER,
};
use esprov_proto::Error as ProtoError;
use rand_core::{CryptoRng, RngCore};

use crate::config::Security;
use crate::error::RequestError;
use crate::faults::{bogus_session_answer, Fault};
use crate::manager::Manager;
use crate::platform::{CredentialStore, WifiStation};
use crate::time::Instant;

impl<W: WifiStation, S: CredentialStore, R: RngCore + CryptoRng> Manager<W, S, R> {
    /// A transport session began (new cookie, BLE connection); the previous one is closed.
    pub fn session_open(&mut self, session_id: u32) {
        self.session.open(session_id);
    }

    /// A transport session ended; its security state is dropped.
    pub fn session_close(&mut self, session_id: u32) {
        self.session.close(session_id);
    }

    /// Answers one request of transport session `session_id` on `endpoint`.
    ///
    /// Errors mean the transport fails the request (§2.0): no protobuf error is ever sent.
    pub fn handle(
        &mut self,
        now: Instant,
        endpoint: &str,
        session_id: u32,
        request: &[u8],
    ) -> Result<Vec<u8>, RequestError> {
        if !self.has_endpoint(endpoint) {
            return Err(RequestError::UnknownEndpoint);
        }
        match Endpoint::from_name(endpoint) {
            Endpoint::ProtoVer => Ok(self.proto_ver().into_bytes()),
            Endpoint::ProvSession => {
                let config = &self.config;
                let answer = self.session.handshake(
                    session_id,
                    request,
                    || config.security.responder_config(config.sec_patch_ver),
                    &mut self.rng,
                );
                match answer {
                    Err(RequestError::Security(
                        ProtoError::VerifyMismatch | ProtoError::ProofMismatch,
                    )) if self.has_fault(Fault::AcceptAnyPop)
                        && self.config.security != Security::Sec0 =>
                    {
                        let sec_ver = self.config.security.version();
                        Ok(bogus_session_answer(sec_ver, &mut self.rng))
                    }
                    other => other,
                }
            }
            other => self.handle_encrypted(now, &other, session_id, request),
        }
    }

    /// The proto-ver JSON exactly as `cJSON_Print` renders it: app labels, then `prov`.
    pub fn proto_ver(&self) -> String {
        let mut cap: Vec<String> = self
            .config
            .capabilities()
            .into_iter()
            .filter(|c| {
                !matches!(*c, CAP_WIFI_SCAN | CAP_THREAD_SCAN)
                    || !self.has_fault(Fault::HideScanCap)
            })
            .map(String::from)
            .collect();
        if self.has_fault(Fault::BadCaps) {
            let contradiction = if self.config.security == Security::Sec0 {
                CAP_NO_POP
            } else {
                CAP_NO_SEC
            };
            cap.insert(0, String::from(contradiction));
        }
        let prov = ProvInfo {
            ver: String::from(match self.config.network_provisioning {
                Some(_) => NETPROV_VER,
                None => WIFI_PROV_VER,
            }),
            sec_ver: Some(self.config.security.version()),
            sec_patch_ver: Some(self.config.effective_patch_ver()),
            cap,
        };
        ProtoVer {
            prov: Some(prov),
            apps: self.config.app_info.clone(),
            legacy: None,
        }
        .render()
    }

    /// Decrypts, dispatches and encrypts; security 0 passes data through without a session.
    fn handle_encrypted(
        &mut self,
        now: Instant,
        endpoint: &Endpoint,
        session_id: u32,
        request: &[u8],
    ) -> Result<Vec<u8>, RequestError> {
        // The NoSessionRequired fault lets plaintext through before a handshake.
        let plaintext_allowed =
            self.has_fault(Fault::NoSessionRequired) && !self.session.is_established(session_id);
        let secure = self.config.security != Security::Sec0 && !plaintext_allowed;
        let plain = if secure {
            self.session.decrypt(session_id, request)?
        } else {
            request.to_vec()
        };
        let response = match endpoint {
            Endpoint::ProvConfig => self.handle_config(now, &plain)?,
            Endpoint::ProvScan => self.handle_scan(&plain)?,
            Endpoint::ProvCtrl => self.handle_ctrl(&plain)?,
            Endpoint::Custom(name) => self
                .endpoints
                .handler_mut(name)
                .ok_or(RequestError::UnknownEndpoint)?
                .handle(session_id, &plain)
                .map_err(|_| RequestError::Handler)?,
            Endpoint::ProtoVer | Endpoint::ProvSession => {
                return Err(RequestError::UnknownEndpoint)
            }
        };
        if secure {
            self.session.encrypt(session_id, &response)
        } else {
            Ok(response)
        }
    }
}
