//! A test double: a device in memory that speaks a real security responder and answers endpoints
//! through a closure, so session and provision logic run without sockets.

use async_trait::async_trait;
use esprov_proto::security::{self, Responder, ResponderConfig};

use crate::transport::Transport;
use crate::Error;

/// Answers one plaintext endpoint request (after decryption) with plaintext.
pub(crate) type Handler = Box<dyn FnMut(&str, &[u8]) -> Result<Vec<u8>, Error> + Send>;

/// An in-memory device.
pub(crate) struct FakeDevice {
    /// What `proto-ver` answers.
    pub proto_ver: Vec<u8>,
    responder: Box<dyn Responder>,
    handler: Handler,
    /// Every request as (endpoint, plaintext), in order.
    pub log: Vec<(String, Vec<u8>)>,
    /// How many handshakes were started (responder resets on close).
    pub closes: usize,
    /// An endpoint whose next answer is lost after the device handled and encrypted it.
    pub lose_next_answer: Option<&'static str>,
}

impl FakeDevice {
    /// A device with `proto_ver`, the given scheme, and `handler` for application endpoints.
    pub fn new(
        proto_ver: &str,
        config: ResponderConfig,
        handler: impl FnMut(&str, &[u8]) -> Result<Vec<u8>, Error> + Send + 'static,
    ) -> Self {
        FakeDevice {
            proto_ver: proto_ver.as_bytes().to_vec(),
            responder: security::responder(config),
            handler: Box::new(handler),
            log: Vec::new(),
            closes: 0,
            lose_next_answer: None,
        }
    }

    /// The plaintext requests sent to `endpoint`.
    pub fn requests(&self, endpoint: &str) -> Vec<Vec<u8>> {
        self.log
            .iter()
            .filter(|(e, _)| e == endpoint)
            .map(|(_, p)| p.clone())
            .collect()
    }
}

#[async_trait]
impl Transport for FakeDevice {
    async fn request(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        let mut rng = rand::rngs::OsRng;
        match endpoint {
            "proto-ver" => Ok(self.proto_ver.clone()),
            "prov-session" => {
                self.log.push((endpoint.into(), payload.to_vec()));
                // A real device drops the connection; HTTP maps that to Security.
                self.responder.handle(payload, &mut rng).map_err(|e| {
                    Error::Security(format!(
                        "device closed the connection during the handshake ({e})"
                    ))
                })
            }
            _ => {
                let plain = self
                    .responder
                    .decrypt(payload)
                    .map_err(|e| Error::Rejected {
                        endpoint: endpoint.into(),
                        reason: format!("device could not decrypt: {e}"),
                    })?;
                self.log.push((endpoint.into(), plain.clone()));
                let answer = (self.handler)(endpoint, &plain)?;
                let sealed = self.responder.encrypt(&answer)?;
                if self.lose_next_answer == Some(endpoint) {
                    self.lose_next_answer = None;
                    return Err(Error::Timeout {
                        what: format!("an answer on {endpoint}"),
                        after: std::time::Duration::from_secs(1),
                    });
                }
                Ok(sealed)
            }
        }
    }

    fn peer(&self) -> String {
        "fake-device".into()
    }

    async fn close(&mut self) {
        self.closes += 1;
        self.responder.reset();
    }
}
