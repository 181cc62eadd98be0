//! One provisioning attempt watched through its status request (GetStatus for Wi-Fi,
//! GetThreadStatus for Thread): the Wi-Fi and Thread groups judge the same things of it.

use std::fmt::Display;
use std::time::{Duration, Instant};

use super::context::{CheckSession, Ctx};
use super::recorder::{fail, skip, Verdict};
use crate::Error;

/// The pause between two status requests.
const POLL_INTERVAL: Duration = Duration::from_millis(200);

/// What a status answer says: still on the way (connecting, attaching) or an end.
pub(crate) trait Progress {
    /// Whether the device is still trying.
    fn in_progress(&self) -> bool;
}

/// How one attempt ended, and what the status request did on the way.
#[derive(Debug)]
pub(crate) struct Attempt<S> {
    /// The status request answered "still trying" at least once.
    pub saw_progress: bool,
    /// The status request was refused before the attempt ended.
    pub refused: Option<String>,
    /// The final state, or why there is none.
    pub end: Option<Result<S, String>>,
    /// From the apply's answer to the final state.
    pub elapsed: Duration,
}

impl<S> Default for Attempt<S> {
    fn default() -> Self {
        Attempt {
            saw_progress: false,
            refused: None,
            end: None,
            elapsed: Duration::ZERO,
        }
    }
}

impl<S> Attempt<S> {
    /// An attempt that ended before it could be watched.
    pub fn ended(why: String) -> Self {
        Attempt {
            end: Some(Err(why)),
            ..Attempt::default()
        }
    }
}

/// Polls `status` (named `request` in messages) until an end, within the check bound; a refused
/// request is noted and polling goes on in a new session (the old one may be out of step).
pub(crate) async fn watch<S: Progress>(
    ctx: &Ctx<'_>,
    session: Option<CheckSession>,
    request: &str,
    status: impl AsyncFn(&mut CheckSession) -> Result<S, Error>,
) -> Attempt<S> {
    let started = Instant::now();
    let deadline = started + ctx.options.check_timeout;
    let mut attempt = Attempt::default();
    let mut session = session;
    while Instant::now() < deadline {
        let current = match session.as_mut() {
            Some(current) => current,
            None => match ctx.session().await {
                Ok(fresh) => session.insert(fresh),
                Err(e) => {
                    attempt.end = Some(Err(format!("no session to ask {request} in: {e}")));
                    break;
                }
            },
        };
        match status(current).await {
            Ok(answer) if answer.in_progress() => attempt.saw_progress = true,
            Ok(done) => {
                attempt.end = Some(Ok(done));
                break;
            }
            Err(e) => {
                attempt.refused.get_or_insert_with(|| e.to_string());
                if let Some(old) = session.take() {
                    old.close().await;
                }
            }
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
    attempt.elapsed = started.elapsed();
    if let Some(current) = session {
        current.close().await;
    }
    attempt
}

/// Asks for prov-ctrl reprov and sends the network again in one session: the session to watch,
/// or the verdict (a skip when the firmware does not allow reprov, a failure when the network it
/// accepted is then refused).
pub(crate) async fn reprov_and_send<E: Display>(
    ctx: &Ctx<'_>,
    reprov: impl AsyncFn(&mut CheckSession) -> Result<(), Error>,
    send: impl AsyncFn(&mut CheckSession) -> Result<(), E>,
) -> Result<CheckSession, Verdict> {
    let not_allowed = |e: &dyn Display| {
        skip(format!(
            "the firmware does not allow reprov (it ends provisioning after success): {e}"
        ))
    };
    let mut session = ctx.session().await.map_err(|e| not_allowed(&e))?;
    if let Err(e) = reprov(&mut session).await {
        session.close().await;
        return Err(not_allowed(&e));
    }
    if let Err(e) = send(&mut session).await {
        session.close().await;
        return Err(fail(format!("reprov accepted, then {e}")));
    }
    Ok(session)
}
