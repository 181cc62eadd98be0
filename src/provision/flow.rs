//! The whole provisioning run in one call: session, then SetConfig, ApplyConfig and GetStatus
//! until Wi-Fi connects, or their Thread variants until the node attaches.

use std::time::Duration;

use serde::Serialize;
use tokio::time::Instant;

use super::network::{choose_network, Joined, NetworkConfig};
use super::{
    apply_config, apply_thread_config, explain_refusal, set_config, set_thread_config,
    wait_attached, wait_connected, PollPolicy, ThreadStatus, WifiConfig, WifiStatus,
};
use crate::session::{fetch_info, Credentials, DeviceInfo, SecurityChoice, SecurityPlan, Session};
use crate::transport::http::CLOSED_WITHOUT_ANSWER;
use crate::transport::Transport;
use crate::Error;

/// Everything one provisioning run needs.
#[derive(Debug, Clone)]
pub struct ProvisionRequest {
    /// `--sec`: auto or a fixed scheme.
    pub security: SecurityChoice,
    /// PoP or SRP credentials, as the scheme needs.
    pub credentials: Credentials,
    /// The access point to join, or the Thread dataset to attach with.
    pub network: NetworkConfig,
    /// Bound on the whole run, session to connected.
    pub timeout: Duration,
    /// How to poll GetStatus.
    pub poll: PollPolicy,
}

impl ProvisionRequest {
    /// A request for `network` (a [`WifiConfig`] or a [`NetworkConfig`]) with automatic
    /// security, a 60 s bound and the default polling.
    pub fn new(network: impl Into<NetworkConfig>, credentials: Credentials) -> Self {
        ProvisionRequest {
            security: SecurityChoice::Auto,
            credentials,
            network: network.into(),
            timeout: Duration::from_secs(60),
            poll: PollPolicy::default(),
        }
    }
}

/// What happened so far, reported as it happens (the CLI prints these; `--json` streams them).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ProvisionEvent {
    /// `proto-ver` answered, and the scheme was chosen.
    Info {
        /// The manager version (`v1.1`…), or the legacy string.
        ver: String,
        /// Capabilities the device listed.
        cap: Vec<String>,
        /// The scheme that will be used.
        sec_ver: u8,
        /// The sec2 patch level that will be used.
        sec_patch_ver: u8,
        /// Whether the scheme was chosen from the device's answer.
        auto: bool,
    },
    /// The handshake finished.
    Session {
        /// The scheme in use.
        sec_ver: u8,
        /// Handshake time in milliseconds.
        elapsed_ms: f64,
    },
    /// The device accepted the credentials (SetConfig or SetThreadConfig).
    ConfigSent,
    /// The device started joining (ApplyConfig or ApplyThreadConfig).
    Applied,
    /// The Wi-Fi state changed.
    Status {
        /// The new state.
        status: WifiStatus,
    },
    /// The Thread state changed.
    Thread {
        /// The new state.
        status: ThreadStatus,
    },
}

/// Time spent in each phase of a run (serialized as `session_ms`… in milliseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PhaseTimings {
    /// proto-ver and the handshake.
    #[serde(rename = "session_ms", serialize_with = "millis")]
    pub session: Duration,
    /// SetConfig and ApplyConfig.
    #[serde(rename = "config_ms", serialize_with = "millis")]
    pub config: Duration,
    /// From ApplyConfig's answer to Connected (Thread: to attached).
    #[serde(rename = "connect_ms", serialize_with = "millis")]
    pub connect: Duration,
    /// The whole run.
    #[serde(rename = "total_ms", serialize_with = "millis")]
    pub total: Duration,
}

fn millis<S: serde::Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(duration.as_secs_f64() * 1000.0)
}

/// A successful run: where the device is now, and how long each phase took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProvisionOutcome {
    /// The network joined: the Wi-Fi link with its new IP address, or the Thread network.
    pub joined: Joined,
    /// The scheme used.
    pub sec_ver: u8,
    /// Per-phase timings.
    pub timings: PhaseTimings,
}

/// Provisions a device end to end over `transport`: the call the CLI and batch runs share.
/// The request's credentials say Wi-Fi or Thread; a device that does not provision that network
/// is refused before the handshake, naming its capabilities.
///
/// ```no_run
/// use esprov::provision::{provision, ProvisionRequest, WifiConfig};
/// use esprov::session::{Credentials, Secret};
/// use esprov::transport::http::{HttpOptions, HttpTransport};
///
/// # async fn run() -> Result<(), esprov::Error> {
/// let transport = HttpTransport::new("192.168.4.1", HttpOptions::default())?;
/// let credentials = Credentials { pop: Some(Secret::from("abcd1234")), ..Credentials::default() };
/// let request = ProvisionRequest::new(WifiConfig::new("myssid", "mypassword"), credentials);
/// let outcome = provision(transport, &request, &mut |event| println!("{event:?}")).await?;
/// println!("joined {:?} in {:?}", outcome.joined, outcome.timings.total);
/// # Ok(())
/// # }
/// ```
pub async fn provision<T: Transport>(
    mut transport: T,
    request: &ProvisionRequest,
    on_event: &mut (dyn FnMut(&ProvisionEvent) + Send),
) -> Result<ProvisionOutcome, Error> {
    let started = Instant::now();
    let deadline = started + request.timeout;
    let connect = async {
        let info = fetch_info(&mut transport).await?;
        let plan = SecurityPlan::choose(&info, request.security)?;
        choose_network(&info, Some(request.network.network_type()))?;
        plan.check_sends_secrets()?;
        on_event(&info_event(&info, &plan));
        Session::establish(transport, info, plan, &request.credentials).await
    };
    let mut session = bounded(deadline, request.timeout, "the security session", connect).await?;
    let session_time = started.elapsed();
    on_event(&ProvisionEvent::Session {
        sec_ver: session.plan().sec_ver,
        elapsed_ms: session.handshake_time().as_secs_f64() * 1000.0,
    });
    let result = provision_session(&mut session, request, deadline, on_event).await;
    session.close().await;
    let mut outcome = result?;
    outcome.timings.session = session_time;
    outcome.timings.total = started.elapsed();
    Ok(outcome)
}

/// The configuration part of [`provision`] on an established session, bounded by `deadline`.
pub async fn provision_session<T: Transport>(
    session: &mut Session<T>,
    request: &ProvisionRequest,
    deadline: Instant,
    on_event: &mut (dyn FnMut(&ProvisionEvent) + Send),
) -> Result<ProvisionOutcome, Error> {
    choose_network(session.info(), Some(request.network.network_type()))?;
    let started = Instant::now();
    let send = async {
        match &request.network {
            NetworkConfig::Wifi(wifi) => set_config(session, wifi).await?,
            NetworkConfig::Thread(tlvs) => set_thread_config(session, tlvs).await?,
        }
        on_event(&ProvisionEvent::ConfigSent);
        match &request.network {
            NetworkConfig::Wifi(_) => apply_config(session).await?,
            NetworkConfig::Thread(_) => apply_thread_config(session).await?,
        }
        on_event(&ProvisionEvent::Applied);
        Ok(())
    };
    let what = match request.network {
        NetworkConfig::Wifi(_) => "the device to accept the Wi-Fi configuration",
        NetworkConfig::Thread(_) => "the device to accept the Thread dataset",
    };
    let sent = bounded(deadline, request.timeout, what, send).await;
    if let Err(error) = sent {
        if matches!(request.network, NetworkConfig::Thread(_)) {
            // The Thread refusals already carry their reason (apply_thread_config reads it back).
            return Err(error);
        }
        return Err(
            bounded(deadline, request.timeout, "the device's status", async {
                Ok(explain_refusal(session, error).await)
            })
            .await
            .unwrap_or_else(|timeout| timeout),
        );
    }
    let config = started.elapsed();
    let applied = Instant::now();
    let joined = match &request.network {
        NetworkConfig::Wifi(wifi) => {
            let mut report = |status: &WifiStatus| {
                on_event(&ProvisionEvent::Status {
                    status: status.clone(),
                })
            };
            wait_connected(session, deadline, request.poll, &mut report)
                .await
                .map(Joined::Wifi)
                .map_err(|error| after_apply(error, &session.peer(), Some(wifi)))?
        }
        NetworkConfig::Thread(_) => {
            let mut report = |status: &ThreadStatus| {
                on_event(&ProvisionEvent::Thread {
                    status: status.clone(),
                })
            };
            wait_attached(session, deadline, request.poll, &mut report)
                .await
                .map(Joined::Thread)
                .map_err(|error| after_apply(error, &session.peer(), None))?
        }
    };
    Ok(ProvisionOutcome {
        joined,
        sec_ver: session.plan().sec_ver,
        timings: PhaseTimings {
            session: session.handshake_time(),
            config,
            connect: applied.elapsed(),
            total: started.elapsed(),
        },
    })
}

/// What a failure after ApplyConfig means: a lost link is expected on SoftAP (the device may
/// still join), and "not found" names the SSID it looked for.
fn after_apply(error: Error, peer: &str, wifi: Option<&WifiConfig>) -> Error {
    match error {
        Error::TransportLost { reason, .. } | Error::Unreachable { reason, .. } => {
            Error::LostAfterApply {
                peer: peer.to_owned(),
                reason,
            }
        }
        // Over HTTP a closed connection reads as a refusal; after ApplyConfig it is the link.
        Error::Rejected { reason, .. } if reason == CLOSED_WITHOUT_ANSWER => {
            Error::LostAfterApply {
                peer: peer.to_owned(),
                reason,
            }
        }
        Error::ApNotFound { ssid: None } if wifi.is_some() => Error::ApNotFound {
            ssid: wifi.map(|wifi| String::from_utf8_lossy(&wifi.ssid).into_owned()),
        },
        other => other,
    }
}

/// The `info` event for a device's proto-ver answer and the chosen scheme.
pub fn info_event(info: &DeviceInfo, plan: &SecurityPlan) -> ProvisionEvent {
    let pv = &info.proto_ver;
    ProvisionEvent::Info {
        ver: pv
            .prov
            .as_ref()
            .map(|p| p.ver.clone())
            .or_else(|| pv.legacy.clone())
            .unwrap_or_default(),
        cap: pv.prov.as_ref().map(|p| p.cap.clone()).unwrap_or_default(),
        sec_ver: plan.sec_ver,
        sec_patch_ver: plan.sec_patch_ver,
        auto: plan.auto,
    }
}

async fn bounded<R>(
    deadline: Instant,
    total: Duration,
    what: &str,
    step: impl std::future::Future<Output = Result<R, Error>>,
) -> Result<R, Error> {
    tokio::time::timeout_at(deadline, step)
        .await
        .map_err(|_| Error::Timeout {
            what: what.to_owned(),
            after: total,
        })?
}
