//! Helpers shared by the integration tests: seeded randomness and a handshake driver.
#![allow(dead_code)]

use esprov_proto::security::{Initiator, Responder};
use esprov_proto::Error;
use rand::rngs::StdRng;
use rand::SeedableRng;

/// Which role reported a handshake failure.
#[derive(Debug, PartialEq, Eq)]
pub enum Failed {
    /// The client's `step` failed.
    Initiator(Error),
    /// The device's `handle` failed.
    Responder(Error),
}

/// A reproducible RNG so failures can be replayed.
pub fn rng(seed: u64) -> StdRng {
    StdRng::seed_from_u64(seed)
}

/// The `prov-session` request/response pairs of one handshake.
pub type Transcript = Vec<(Vec<u8>, Vec<u8>)>;

/// Runs the whole handshake between the two roles, returning the `prov-session` messages.
pub fn handshake(
    initiator: &mut dyn Initiator,
    responder: &mut dyn Responder,
    rng: &mut StdRng,
) -> Result<Transcript, Failed> {
    let mut transcript = Vec::new();
    let mut response: Option<Vec<u8>> = None;
    loop {
        let request = initiator
            .step(response.as_deref(), rng)
            .map_err(Failed::Initiator)?;
        let Some(request) = request else {
            return Ok(transcript);
        };
        let answer = responder.handle(&request, rng).map_err(Failed::Responder)?;
        transcript.push((request, answer.clone()));
        response = Some(answer);
    }
}

/// Sends several encrypted request/response pairs and checks each side reads the other.
pub fn exchange(initiator: &mut dyn Initiator, responder: &mut dyn Responder, rounds: usize) {
    for round in 0..rounds {
        let request = format!("request {round}: {}", "x".repeat(round * 7));
        let wire = initiator.encrypt(request.as_bytes()).unwrap();
        assert_eq!(responder.decrypt(&wire).unwrap(), request.as_bytes());
        let response = format!("response {round} {}", "y".repeat(round * 13 + 1));
        let wire = responder.encrypt(response.as_bytes()).unwrap();
        assert_eq!(initiator.decrypt(&wire).unwrap(), response.as_bytes());
    }
}
