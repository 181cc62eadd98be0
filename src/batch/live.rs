//! The real provisioner: each attempt goes through the library's provisioning flow over the row's
//! transport (HTTP, mDNS-resolved HTTP, BLE or a serial console), Wi-Fi or Thread as the row
//! says; resets and resumed devices use the same session and config steps.

use std::time::Duration;

use async_trait::async_trait;
use tokio::time::Instant;

use super::provisioner::{Attempt, Mark, Provisioner, Start, Success};
use super::row::Job;
use super::target::Target;
use crate::discover::{mdns, DiscoverOptions};
use crate::provision::{
    get_status, get_thread_status, provision, provision_session, reset, reset_thread,
    wait_attached, wait_connected, Joined, NetworkConfig, PollPolicy, ProvisionEvent,
    ProvisionOutcome, ProvisionRequest, ThreadStatus, WifiStatus,
};
use crate::session::{SecurityChoice, Session};
use crate::transport::ble::{self, BleOptions};
use crate::transport::console::{ConsoleOptions, ConsoleTransport};
use crate::transport::http::{HttpOptions, HttpTransport};
use crate::transport::Transport;
use crate::Error;

/// Bound on resolving an `mdns:NAME` row.
const MDNS_TIMEOUT: Duration = Duration::from_secs(5);
/// Bound on finding a `ble:NAME` row's advertisement.
const BLE_SCAN_TIMEOUT: Duration = Duration::from_secs(10);
/// The ESP-IDF console's default baud rate, for `serial:PORT` rows.
const SERIAL_BAUD: u32 = 115_200;

/// GetStatus polling for factory runs: nothing in the first second after ApplyConfig (ESP-IDF v4.1+
/// starts joining only then), then every 100 ms, so a slot is freed within 0.1 s of the join
/// (the default policy's growing pauses hold each slot about 0.6 s longer) with few polls.
pub const BATCH_POLL: PollPolicy = PollPolicy {
    first: Duration::from_millis(1000),
    initial: Duration::from_millis(100),
    max: Duration::from_millis(1000),
    factor: 1.0,
};

/// Provisions real (or virtual) devices over their transports.
#[derive(Debug, Clone, Copy)]
pub struct LiveProvisioner {
    /// `--sec` for every row (auto by default).
    pub security: SecurityChoice,
    /// How to poll GetStatus.
    pub poll: PollPolicy,
}

impl Default for LiveProvisioner {
    fn default() -> Self {
        LiveProvisioner {
            security: SecurityChoice::Auto,
            poll: BATCH_POLL,
        }
    }
}

#[async_trait]
impl Provisioner for LiveProvisioner {
    async fn attempt(
        &self,
        job: &Job,
        start: Start,
        timeout: Duration,
        mark: &mut (dyn FnMut(Mark) + Send),
    ) -> Attempt {
        let request = ProvisionRequest {
            security: job.security.unwrap_or(self.security),
            credentials: job.credentials.clone(),
            network: job.network.clone(),
            timeout,
            poll: self.poll,
        };
        let http = |addr| HttpTransport::with_addr(addr, http_options(timeout));
        match &job.target {
            Target::Http(addr) => match http(addr.clone()) {
                Ok(transport) => over(transport, &request, start, mark).await,
                Err(e) => Attempt::plain(Err(e)),
            },
            Target::Mdns(name) => {
                let options = DiscoverOptions {
                    timeout: MDNS_TIMEOUT.min(timeout),
                    ..DiscoverOptions::default()
                };
                match mdns::resolve(name, &options).await.and_then(http) {
                    Ok(transport) => over(transport, &request, start, mark).await,
                    Err(e) => Attempt::plain(Err(e)),
                }
            }
            Target::Ble(name) => match ble::connect(&ble_options(name, timeout)).await {
                Ok(transport) => over(transport, &request, start, mark).await,
                Err(e) => Attempt::plain(Err(e)),
            },
            Target::Serial(port) => {
                let options = ConsoleOptions {
                    request_timeout: ConsoleOptions::default().request_timeout.min(timeout),
                    ..ConsoleOptions::default()
                };
                match ConsoleTransport::open_serial(port, SERIAL_BAUD, options) {
                    Ok(transport) => over(transport, &request, start, mark).await,
                    Err(e) => Attempt::plain(Err(e)),
                }
            }
        }
    }
}

/// BLE bounds no longer than the attempt's own.
fn ble_options(name: &str, total: Duration) -> BleOptions {
    let defaults = BleOptions::default();
    BleOptions {
        name: Some(name.to_owned()),
        scan_timeout: BLE_SCAN_TIMEOUT.min(total),
        connect_timeout: defaults.connect_timeout.min(total),
        op_timeout: defaults.op_timeout.min(total),
        ..defaults
    }
}

/// Per-request bounds no longer than the attempt's own.
fn http_options(total: Duration) -> HttpOptions {
    let defaults = HttpOptions::default();
    HttpOptions {
        connect_timeout: defaults.connect_timeout.min(total),
        request_timeout: defaults.request_timeout.min(total),
    }
}

/// One attempt over an open transport.
async fn over<T: Transport>(
    transport: T,
    request: &ProvisionRequest,
    start: Start,
    mark: &mut (dyn FnMut(Mark) + Send),
) -> Attempt {
    let mut on_event = |event: &ProvisionEvent| match event {
        ProvisionEvent::Session { .. } => mark(Mark::SessionReady),
        ProvisionEvent::Applied => mark(Mark::ConfigApplied),
        ProvisionEvent::Status { status } => mark(Mark::Wifi(status.state())),
        ProvisionEvent::Thread { status } => mark(Mark::Thread(status.word())),
        _ => {}
    };
    if start == Start::Fresh {
        let result = provision(transport, request, &mut on_event).await;
        return Attempt::plain(result.map(Success::from));
    }
    let deadline = Instant::now() + request.timeout;
    let connect = Session::connect(transport, request.security, &request.credentials);
    let mut session = match tokio::time::timeout_at(deadline, connect).await {
        Ok(Ok(session)) => session,
        Ok(Err(e)) => return Attempt::plain(Err(e)),
        Err(_) => return Attempt::plain(Err(timeout(request, "the security session"))),
    };
    on_event(&ProvisionEvent::Session {
        sec_ver: session.plan().sec_ver,
        elapsed_ms: 0.0,
    });
    let mut prepared = match prepare(&mut session, request, start, deadline).await {
        Ok(prepared) => prepared,
        Err(attempt) => {
            session.close().await;
            return attempt;
        }
    };
    if session.is_poisoned() {
        // The reset's answer was lost or unreadable: the device's cipher may have moved on, so
        // SetConfig goes through a new handshake (a reused keystream or nonce would leak it).
        let reopen = session.reopen(&request.credentials);
        session = match tokio::time::timeout_at(deadline, reopen).await {
            Ok(Ok(session)) => session,
            Ok(Err(e)) => return Attempt::plain(Err(e)),
            Err(_) => return Attempt::plain(Err(timeout(request, "a new security session"))),
        };
        prepared.note = prepared.note.map(|n| format!("{n}, over a new session"));
    }
    let attempt = finish(&mut session, request, prepared, deadline, &mut on_event).await;
    session.close().await;
    attempt
}

/// A device's state as read on resume, Wi-Fi or Thread as the row says.
enum Found {
    /// GetStatus's answer.
    Wifi(WifiStatus),
    /// GetThreadStatus's answer.
    Thread(ThreadStatus),
}

impl Found {
    fn failed(&self) -> bool {
        matches!(
            self,
            Found::Wifi(WifiStatus::Failed(_)) | Found::Thread(ThreadStatus::Failed(_))
        )
    }

    fn joining(&self) -> bool {
        matches!(
            self,
            Found::Wifi(WifiStatus::Connecting { .. }) | Found::Thread(ThreadStatus::Attaching)
        )
    }

    /// The network the device already joined, if it is the one the row asks for.
    fn joined_as_asked(&self, network: &NetworkConfig) -> Option<Joined> {
        match (self, network) {
            (Found::Wifi(WifiStatus::Connected(info)), NetworkConfig::Wifi(wifi))
                if info.ssid.as_bytes() == wifi.ssid.as_slice() =>
            {
                Some(Joined::Wifi(info.clone()))
            }
            (Found::Thread(ThreadStatus::Attached(attached)), NetworkConfig::Thread(tlvs)) => {
                let summary = esprov_proto::dataset::parse(tlvs.expose()).ok()?;
                let same = summary.ext_pan_id.map(hex::encode) == Some(attached.ext_pan_id.clone())
                    && summary.pan_id == Some(attached.pan_id);
                same.then(|| Joined::Thread(attached.clone()))
            }
            _ => None,
        }
    }
}

/// What [`prepare`] learnt before the credentials are sent.
struct Prepared {
    /// The device's state when resuming.
    status: Option<Found>,
    /// What happened to the reset, for the record.
    note: Option<String>,
}

/// After a Wi-Fi or Thread failure: reset before configuring. On resume: read the status first,
/// and end the attempt if the device already holds the credentials. `Err` is an attempt decided
/// here.
async fn prepare<T: Transport>(
    session: &mut Session<T>,
    request: &ProvisionRequest,
    start: Start,
    deadline: Instant,
) -> Result<Prepared, Attempt> {
    let thread = matches!(request.network, NetworkConfig::Thread(_));
    let status = if start == Start::Resumed {
        let read = async {
            if thread {
                get_thread_status(session).await.map(Found::Thread)
            } else {
                get_status(session).await.map(Found::Wifi)
            }
        };
        match tokio::time::timeout_at(deadline, read).await {
            Ok(Ok(status)) => Some(status),
            Ok(Err(e)) => return Err(Attempt::plain(Err(e))),
            Err(_) => return Err(Attempt::plain(Err(timeout(request, "the device's status")))),
        }
    } else {
        None
    };
    if let Some(joined) = status
        .as_ref()
        .and_then(|s| s.joined_as_asked(&request.network))
    {
        let success = Success::from(ProvisionOutcome {
            joined,
            sec_ver: session.plan().sec_ver,
            timings: crate::provision::PhaseTimings {
                session: session.handshake_time(),
                ..Default::default()
            },
        });
        let what = if thread {
            "already attached to this Thread network"
        } else {
            "already connected to this SSID"
        };
        return Err(Attempt {
            result: Ok(success),
            note: Some(format!(
                "{what} (an interrupted attempt); credentials not sent again"
            )),
        });
    }
    let mut note = None;
    if start == Start::AfterWifiFailure || status.as_ref().is_some_and(Found::failed) {
        let sent = async {
            if thread {
                reset_thread(session).await
            } else {
                reset(session).await
            }
        };
        note = Some(match tokio::time::timeout_at(deadline, sent).await {
            Ok(Ok(())) => "prov-ctrl reset before this attempt".to_owned(),
            Ok(Err(e)) => format!("prov-ctrl reset refused ({e}); attempted anyway"),
            Err(_) => "prov-ctrl reset unanswered; attempted anyway".to_owned(),
        });
    }
    Ok(Prepared { status, note })
}

/// Sends the credentials and waits; a device already joining after a resume is waited for.
async fn finish<T: Transport>(
    session: &mut Session<T>,
    request: &ProvisionRequest,
    prepared: Prepared,
    deadline: Instant,
    on_event: &mut (dyn FnMut(&ProvisionEvent) + Send),
) -> Attempt {
    let Prepared { status, mut note } = prepared;
    let mut result = provision_session(session, request, deadline, on_event).await;
    // A refusal, or "already connected" once the join finished while the refusal was explained.
    let refused = matches!(
        result,
        Err(Error::Rejected { .. } | Error::AlreadyConnected { .. })
    );
    if refused && status.as_ref().is_some_and(Found::joining) {
        // An interrupted attempt may have left the device joining already: wait for it instead.
        let started = Instant::now();
        let joined = match request.network {
            NetworkConfig::Wifi(_) => {
                let mut report =
                    |s: &WifiStatus| on_event(&ProvisionEvent::Status { status: s.clone() });
                wait_connected(session, deadline, request.poll, &mut report)
                    .await
                    .map(Joined::Wifi)
            }
            NetworkConfig::Thread(_) => {
                let mut report =
                    |s: &ThreadStatus| on_event(&ProvisionEvent::Thread { status: s.clone() });
                wait_attached(session, deadline, request.poll, &mut report)
                    .await
                    .map(Joined::Thread)
            }
        };
        result = joined.map(|joined| ProvisionOutcome {
            joined,
            sec_ver: session.plan().sec_ver,
            timings: crate::provision::PhaseTimings {
                session: session.handshake_time(),
                connect: started.elapsed(),
                total: started.elapsed(),
                ..Default::default()
            },
        });
        note = Some(
            "the device refused new credentials while joining; waited for its own attempt".into(),
        );
    }
    Attempt {
        result: result.map(Success::from),
        note,
    }
}

fn timeout(request: &ProvisionRequest, what: &str) -> Error {
    Error::Timeout {
        what: what.to_owned(),
        after: request.timeout,
    }
}

#[cfg(test)]
#[path = "live_tests.rs"]
mod tests;
