//! A protocomm session over any [`Transport`]: read `proto-ver`, choose the security scheme, run
//! the `prov-session` handshake, then encrypt and decrypt every endpoint request.

use std::fmt;
use std::time::Duration;

use esprov_proto::endpoint::Endpoint;
use esprov_proto::security::{self, srp, Initiator, InitiatorConfig, SaltMode};
use esprov_proto::version::{self, ProtoVer};
use zeroize::Zeroizing;

use crate::transport::Transport;
use crate::Error;

/// The most `prov-session` round trips any scheme needs (sec1 and sec2 use two).
const MAX_HANDSHAKE_STEPS: usize = 4;

/// A secret (PoP, SRP password, Wi-Fi passphrase): zeroized on drop, never printed.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    /// Wraps secret bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Secret(Zeroizing::new(bytes.into()))
    }

    /// The secret bytes, for the one place that must send or hash them.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// Whether the secret is empty (for example a PoP-less security 1 device).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Self {
        Secret::new(text.as_bytes())
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Secret::new(text.into_bytes())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// What the user asked for with `--sec`: let the device's `proto-ver` decide, or force a scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SecurityChoice {
    /// Decide from `sec_ver`, then the `no_sec` capability (PROTOCOL.md §8).
    #[default]
    Auto,
    /// Security 0: plaintext.
    Sec0,
    /// Security 1: X25519 + PoP + AES-CTR.
    Sec1,
    /// Security 2: SRP6a + AES-GCM.
    Sec2,
}

impl std::str::FromStr for SecurityChoice {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self, Error> {
        match text.trim() {
            "auto" => Ok(SecurityChoice::Auto),
            "0" => Ok(SecurityChoice::Sec0),
            "1" => Ok(SecurityChoice::Sec1),
            "2" => Ok(SecurityChoice::Sec2),
            other => Err(Error::Usage(format!(
                "unknown security {other:?}: expected auto, 0, 1 or 2"
            ))),
        }
    }
}

/// Which sec2 x convention to use (PROTOCOL.md §9 item 3).
///
/// `Auto` tries the full form (ESP-IDF's generator, Android) and, only when the two forms differ
/// for these credentials (H(I ‖ ":" ‖ p) starts with 0x00) and the device dropped the handshake at
/// the proof step, closes the connection and retries once with the stripped form (verifiers from
/// `esp_prov --sec2_gen_cred`). A wrong password therefore costs one handshake in 255 of 256
/// cases and two otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SaltModeChoice {
    /// Full first, then one retry with stripped leading zeros on a proof-step drop.
    #[default]
    Auto,
    /// Exactly this convention, no retry.
    Fixed(SaltMode),
}

/// The secrets a handshake may need; which ones depends on the chosen scheme.
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    /// Security 1 proof of possession.
    pub pop: Option<Secret>,
    /// Security 2 SRP username (not secret, but a credential).
    pub username: Option<String>,
    /// Security 2 SRP password.
    pub password: Option<Secret>,
    /// Security 2 x convention.
    pub salt_mode: SaltModeChoice,
}

/// What `proto-ver` said, raw and parsed, so callers can print it or decide from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    /// The exact bytes the device answered.
    pub raw: Vec<u8>,
    /// The parsed answer (legacy text lands in `legacy`).
    pub proto_ver: ProtoVer,
}

impl DeviceInfo {
    /// Parses a `proto-ver` answer.
    pub fn parse(raw: Vec<u8>) -> Result<Self, Error> {
        let proto_ver = ProtoVer::parse(&raw)?;
        Ok(DeviceInfo { raw, proto_ver })
    }

    /// Whether the device lists a capability such as `wifi_scan`.
    pub fn has_cap(&self, cap: &str) -> bool {
        self.proto_ver.has_cap(cap)
    }
}

/// Reads `proto-ver` (plaintext, no session needed).
pub async fn fetch_info<T: Transport + ?Sized>(transport: &mut T) -> Result<DeviceInfo, Error> {
    let raw = transport
        .request(Endpoint::ProtoVer.name(), version::REQUEST)
        .await?;
    tracing::debug!(len = raw.len(), "proto-ver answered");
    tracing::trace!(proto_ver = %crate::device_text::escape_bytes(&raw), "proto-ver");
    DeviceInfo::parse(raw)
}

/// The scheme a session will use and what it needs, decided before any secret is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecurityPlan {
    /// The security scheme number: 0, 1 or 2.
    pub sec_ver: u8,
    /// The sec2 patch level (`sec_patch_ver`, absent ⇒ 0).
    pub sec_patch_ver: u8,
    /// Security 1: whether the device wants a PoP (no `no_pop` capability).
    pub needs_pop: bool,
    /// Whether the scheme came from the device's answer rather than the user.
    pub auto: bool,
}

impl SecurityPlan {
    /// Decides the scheme from the user's choice and the device's `proto-ver`.
    pub fn choose(info: &DeviceInfo, choice: SecurityChoice) -> Result<Self, Error> {
        let pv = &info.proto_ver;
        let (sec_ver, auto) = match choice {
            SecurityChoice::Sec0 => (0, false),
            SecurityChoice::Sec1 => (1, false),
            SecurityChoice::Sec2 => (2, false),
            SecurityChoice::Auto => (pv.auto_sec_ver().ok_or_else(|| legacy_error(pv))?, true),
        };
        // A device runs one scheme; forcing another only fails later, blaming the secrets.
        if let Some(wanted) = pv.prov.as_ref().and_then(|p| p.sec_ver) {
            if !auto && wanted != sec_ver {
                return Err(Error::SecurityMismatch {
                    wanted,
                    given: sec_ver,
                });
            }
        }
        if sec_ver > 2 {
            return Err(Error::Unsupported(format!(
                "the device wants security {sec_ver}; esprov knows 0, 1 and 2"
            )));
        }
        // Legacy answers carry no capabilities: assume a PoP is wanted, as esp_prov does.
        let needs_pop = sec_ver == 1 && pv.needs_pop();
        Ok(SecurityPlan {
            sec_ver,
            sec_patch_ver: pv.sec_patch_ver(),
            needs_pop,
            auto,
        })
    }

    /// Names the first secret the plan needs that `credentials` lacks, so a CLI can prompt.
    pub fn missing(&self, credentials: &Credentials) -> Option<&'static str> {
        match self.sec_ver {
            1 if self.needs_pop && credentials.pop.as_ref().is_none_or(Secret::is_empty) => {
                Some("pop")
            }
            2 if credentials.username.as_deref().is_none_or(str::is_empty) => Some("username"),
            2 if credentials.password.as_ref().is_none_or(Secret::is_empty) => Some("password"),
            _ => None,
        }
    }

    pub(crate) fn initiator_config(
        &self,
        credentials: &Credentials,
        salt_mode: SaltMode,
    ) -> Result<InitiatorConfig, Error> {
        if let Some(what) = self.missing(credentials) {
            let flag = match what {
                "pop" => "--pop",
                "username" => "--username",
                _ => "--password",
            };
            return Err(Error::Usage(format!(
                "security {} needs a {what}: pass {flag} (or its environment variable)",
                self.sec_ver
            )));
        }
        let bytes =
            |s: &Option<Secret>| s.as_ref().map(|s| s.expose().to_vec()).unwrap_or_default();
        Ok(match self.sec_ver {
            0 => InitiatorConfig::Sec0,
            1 if !self.needs_pop => InitiatorConfig::Sec1 { pop: Vec::new() },
            1 => InitiatorConfig::Sec1 {
                pop: bytes(&credentials.pop),
            },
            _ => InitiatorConfig::Sec2 {
                username: credentials
                    .username
                    .clone()
                    .unwrap_or_default()
                    .into_bytes(),
                password: bytes(&credentials.password),
                patch: self.sec_patch_ver,
                salt_mode,
            },
        })
    }
}

fn legacy_error(pv: &ProtoVer) -> Error {
    let answer = crate::device_text::escape(pv.legacy.as_deref().unwrap_or(""));
    Error::Usage(format!(
        "the device's proto-ver answer \"{answer}\" does not say which security it uses; \
         choose one with --sec 0, 1 or 2"
    ))
}

/// An established protocomm session: every [`Session::request`] is encrypted for the scheme.
///
/// It fails closed: after a request whose answer was lost, did not decrypt or did not parse, the
/// device's cipher may have moved on (sec1 keystream, sec2 nonce counter) while ours did not, so
/// the next message could reuse a keystream position or nonce. Such a session is poisoned: every
/// later request fails until [`Session::reopen`] runs a new handshake.
pub struct Session<T: Transport> {
    transport: T,
    info: DeviceInfo,
    plan: SecurityPlan,
    cipher: Box<dyn Initiator>,
    handshake_time: Duration,
    /// Why the session can no longer be used, once it cannot.
    poisoned: Option<String>,
}

impl<T: Transport> fmt::Debug for Session<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("peer", &self.transport.peer())
            .field("plan", &self.plan)
            .finish_non_exhaustive()
    }
}

impl<T: Transport> Session<T> {
    /// Reads `proto-ver`, chooses the scheme and runs the handshake: the one-call way in.
    pub async fn connect(
        mut transport: T,
        choice: SecurityChoice,
        credentials: &Credentials,
    ) -> Result<Self, Error> {
        let info = fetch_info(&mut transport).await?;
        let plan = SecurityPlan::choose(&info, choice)?;
        Self::establish(transport, info, plan, credentials).await
    }

    /// Runs the handshake for an already chosen plan (after the caller prompted for secrets).
    pub async fn establish(
        mut transport: T,
        info: DeviceInfo,
        plan: SecurityPlan,
        credentials: &Credentials,
    ) -> Result<Self, Error> {
        plan.check_floor(credentials)?;
        if let Some(warning) = plan.warning() {
            // Callers show it their way (the CLI prints one `warning:` line).
            tracing::info!("{warning}");
        }
        let started = std::time::Instant::now();
        tracing::debug!(
            sec_ver = plan.sec_ver,
            patch = plan.sec_patch_ver,
            "starting session"
        );
        let first_mode = match credentials.salt_mode {
            SaltModeChoice::Auto => SaltMode::Full,
            SaltModeChoice::Fixed(mode) => mode,
        };
        let config = plan.initiator_config(credentials, first_mode)?;
        let cipher = match handshake(&mut transport, config).await {
            Ok(cipher) => cipher,
            Err(failure) if should_retry_stripped(&plan, credentials, &failure) => {
                tracing::debug!("sec2 proof refused; retrying once with leading zeros stripped");
                transport.close().await;
                let config = plan.initiator_config(credentials, SaltMode::StripLeadingZeros)?;
                // If the link could not be reopened, the first refusal is the better explanation.
                handshake(&mut transport, config)
                    .await
                    .map_err(|retry| match retry.error {
                        Error::Security(_) => retry.error,
                        _ => failure.error,
                    })?
            }
            Err(failure) => return Err(failure.error),
        };
        let handshake_time = started.elapsed();
        tracing::debug!(?handshake_time, "session established");
        Ok(Session {
            transport,
            info,
            plan,
            cipher,
            handshake_time,
            poisoned: None,
        })
    }

    /// Closes the connection and runs a new handshake with the same plan: the way out of a
    /// poisoned session (fresh keys, so no keystream position or nonce can repeat).
    pub async fn reopen(mut self, credentials: &Credentials) -> Result<Self, Error> {
        self.transport.close().await;
        Self::establish(self.transport, self.info, self.plan, credentials).await
    }

    /// Whether an earlier answer was lost, did not decrypt or did not parse (see [`Session`]).
    pub fn is_poisoned(&self) -> bool {
        self.poisoned.is_some()
    }

    /// Marks the session unusable, for a caller whose answer did not parse.
    pub(crate) fn poison(&mut self, why: String) {
        tracing::debug!(why, "session poisoned");
        self.poisoned.get_or_insert(why);
    }

    /// Sends `payload` to `endpoint` through the session cipher and returns the decrypted answer.
    pub async fn request(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        self.request_logged(endpoint, payload, payload).await
    }

    /// Like [`Session::request`], but traces `shown` instead of the plaintext (secrets redacted).
    pub(crate) async fn request_logged(
        &mut self,
        endpoint: &str,
        payload: &[u8],
        shown: &[u8],
    ) -> Result<Vec<u8>, Error> {
        if let Some(why) = &self.poisoned {
            return Err(Error::TransportLost {
                peer: self.transport.peer(),
                reason: format!("the session must be re-established: {why}"),
            });
        }
        if !Endpoint::from_name(endpoint).is_encrypted() {
            return self.transport.request(endpoint, payload).await;
        }
        tracing::trace!(endpoint, plaintext = %hex::encode(shown), "request");
        // Poisoned until the answer is in and decrypted: a request cancelled mid-flight (a caller's
        // timeout dropping this future) leaves the session unusable too.
        self.poisoned = Some(format!("the request to {endpoint} did not finish"));
        let sealed = self.cipher.encrypt(payload)?;
        let answer = match self.transport.request(endpoint, &sealed).await {
            Ok(answer) => answer,
            Err(error) => {
                self.poisoned = Some(format!("the answer to {endpoint} was lost"));
                return Err(error);
            }
        };
        let opened = self.cipher.decrypt(&answer).map_err(|e| {
            self.poisoned = Some(format!("the answer to {endpoint} did not decrypt"));
            match e {
                esprov_proto::Error::Decrypt => Error::Rejected {
                    endpoint: endpoint.to_owned(),
                    reason:
                        "the answer did not decrypt: the session is out of step; start a new one"
                            .into(),
                },
                other => Error::Protocol(other),
            }
        })?;
        self.poisoned = None;
        tracing::debug!(
            endpoint,
            sent = %crate::transport::logged_len(endpoint, sealed.len()),
            received = answer.len(),
            "exchanged"
        );
        tracing::trace!(endpoint, plaintext = %hex::encode(&opened), "response");
        Ok(opened)
    }

    /// What the device answered on `proto-ver`.
    pub fn info(&self) -> &DeviceInfo {
        &self.info
    }

    /// The scheme in use.
    pub fn plan(&self) -> &SecurityPlan {
        &self.plan
    }

    /// How long the handshake took (including a salt-mode retry).
    pub fn handshake_time(&self) -> Duration {
        self.handshake_time
    }

    /// The transport, for transport-specific settings such as a longer timeout.
    pub fn transport_mut(&mut self) -> &mut T {
        &mut self.transport
    }

    /// The device's name, for messages.
    pub fn peer(&self) -> String {
        self.transport.peer()
    }

    /// Ends the session and releases the connection.
    pub async fn close(mut self) {
        self.transport.close().await;
    }
}

/// A failed handshake and the step it failed at (1-based round trip).
pub(crate) struct HandshakeFailure {
    pub(crate) error: Error,
    pub(crate) step: usize,
    /// Whether the device answered the failing step (this client refused the answer) rather
    /// than refusing the request itself.
    pub(crate) answered: bool,
}

/// Runs the `prov-session` round trips of one handshake and returns the established cipher.
pub(crate) async fn handshake<T: Transport + ?Sized>(
    transport: &mut T,
    config: InitiatorConfig,
) -> Result<Box<dyn Initiator>, HandshakeFailure> {
    let mut initiator = security::initiator(config);
    let mut rng = rand::rngs::OsRng;
    let mut response: Option<Vec<u8>> = None;
    for step in 1..=MAX_HANDSHAKE_STEPS + 1 {
        let fail = |error, answered| HandshakeFailure {
            error,
            step,
            answered,
        };
        let next = initiator
            .step(response.as_deref(), &mut rng)
            .map_err(|e| fail(handshake_error(e), true))?;
        let Some(request) = next else {
            return Ok(initiator);
        };
        if step > MAX_HANDSHAKE_STEPS {
            break;
        }
        tracing::debug!(step, len = request.len(), "prov-session request");
        tracing::trace!(step, data = %hex::encode(&request), "prov-session request");
        let answer = transport
            .request(Endpoint::ProvSession.name(), &request)
            .await
            .map_err(|e| fail(e, false))?;
        tracing::debug!(step, len = answer.len(), "prov-session response");
        response = Some(answer);
    }
    Err(HandshakeFailure {
        error: Error::Security("the handshake did not finish".into()),
        step: MAX_HANDSHAKE_STEPS,
        answered: true,
    })
}

/// Maps a handshake protocol failure to the user's view: mismatches are wrong secrets.
fn handshake_error(error: esprov_proto::Error) -> Error {
    use esprov_proto::Error as P;
    match error {
        P::VerifyMismatch => {
            Error::Security("the device's verify data did not match: wrong PoP".into())
        }
        P::ProofMismatch => Error::Security(
            "the device's SRP proof did not match: wrong username or password".into(),
        ),
        P::Malformed { .. } | P::Unexpected(_) | P::WrongState(_) | P::InvalidParameter(_) => {
            Error::Security(format!(
                "the device's handshake answer was not acceptable: {error}"
            ))
        }
        other => Error::Protocol(other),
    }
}

/// §9 item 3: a sec2 device that drops the proof step may hold a verifier made with leading
/// zeros stripped (esp_prov's convention); that only differs when H(I ‖ ":" ‖ p) starts with 0x00.
fn should_retry_stripped(
    plan: &SecurityPlan,
    credentials: &Credentials,
    failure: &HandshakeFailure,
) -> bool {
    let username = credentials
        .username
        .as_deref()
        .unwrap_or_default()
        .as_bytes();
    let password = credentials
        .password
        .as_ref()
        .map(Secret::expose)
        .unwrap_or_default();
    plan.sec_ver == 2
        && credentials.salt_mode == SaltModeChoice::Auto
        && failure.step == 2
        && matches!(failure.error, Error::Security(_))
        && srp::inner_digest(username, password).first() == Some(&0)
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "session_poison_tests.rs"]
mod poison_tests;
