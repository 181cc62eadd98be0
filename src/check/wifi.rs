//! The Wi-Fi group, in the one order that leaves the device usable: a wrong passphrase first
//! (and the failure rules), then prov-ctrl reset, the right credentials, and reprov last.

use super::attempt::{self, Progress};
use super::context::{CheckSession, Ctx};
use super::recorder::shown;
use super::recorder::{fail, pass, skip, Recorder, Verdict};
use crate::provision::{
    apply_config, get_status, reprov, reset, set_config, ConnectedInfo, FailReason, WifiConfig,
    WifiStatus,
};
use crate::session::Secret;

const WRONG: &str = "wifi.wrong-passphrase-fails";
const WHILE: &str = "wifi.status-while-connecting";
const REFUSED: &str = "wifi.refused-after-failure";
const RESET: &str = "wifi.accepted-after-reset";
const CONNECTS: &str = "wifi.connects";
const REPROV: &str = "wifi.reprov";

/// One connection attempt, watched through GetStatus.
type Attempt = attempt::Attempt<WifiStatus>;

impl Progress for WifiStatus {
    fn in_progress(&self) -> bool {
        matches!(
            self,
            WifiStatus::Connecting { .. } | WifiStatus::Disconnected
        )
    }
}

impl Attempt {
    fn failed(&self) -> bool {
        matches!(self.end, Some(Ok(WifiStatus::Failed(_))))
    }

    fn connected(&self) -> Option<&ConnectedInfo> {
        match &self.end {
            Some(Ok(WifiStatus::Connected(info))) => Some(info),
            _ => None,
        }
    }
}

pub(crate) async fn run(ctx: &mut Ctx<'_>, rec: &mut Recorder<'_>) {
    if ctx.thread_only() {
        for id in [WRONG, WHILE, REFUSED, RESET, CONNECTS, REPROV] {
            rec.note(
                id,
                skip("the device does not provision Wi-Fi (no wifi_prov capability)"),
            );
        }
        return;
    }
    let Some(good) = ctx.options.wifi.clone() else {
        for id in [WRONG, WHILE, REFUSED, RESET, CONNECTS, REPROV] {
            rec.note(
                id,
                skip("no --ssid given: the Wi-Fi checks need an access point"),
            );
        }
        return;
    };
    if let Err(refused) = ctx.plan.check_sends_secrets() {
        for id in [WRONG, WHILE, REFUSED, RESET, CONNECTS, REPROV] {
            rec.note(id, skip(refused.to_string()));
        }
        return;
    }
    let bad = WifiConfig {
        passphrase: bad_passphrase(ctx, &good),
        ..good.clone()
    };
    let failure_path = [WRONG, WHILE, REFUSED, RESET]
        .iter()
        .any(|id| rec.wants(id));
    let mut ready_for_success = true;
    if failure_path {
        ready_for_success = failure_checks(ctx, rec, &good, &bad).await;
    }
    if !ready_for_success {
        let why = "the failure checks did not leave the device taking new credentials \
                   (see wifi.wrong-passphrase-fails and wifi.accepted-after-reset)";
        rec.note(CONNECTS, skip(why));
        rec.note(REPROV, skip(why));
        return;
    }
    let mut connected = false;
    if [CONNECTS, REPROV, "timing.connect"]
        .iter()
        .any(|id| rec.wants(id))
    {
        let mut attempt = None;
        {
            let check = async {
                let result = if failure_path {
                    watch(ctx, None).await
                } else {
                    send_and_watch(ctx, &good).await
                };
                let verdict = connect_verdict(&result, &good);
                attempt = Some(result);
                verdict
            };
            if rec.wants(CONNECTS) {
                rec.run(CONNECTS, check).await;
            } else if !rec.device_lost() {
                let _ = check.await;
            }
        }
        if attempt.as_ref().and_then(Attempt::connected).is_some() {
            connected = true;
            ctx.provisioned = true;
            ctx.connect_ms = attempt.as_ref().map(|a| a.elapsed.as_secs_f64() * 1000.0);
        }
    }
    if connected {
        rec.run(REPROV, reprov_check(ctx, &good)).await;
    } else {
        rec.note(REPROV, skip("needs a successful connection first"));
    }
}

/// A passphrase the access point refuses: `--bad-passphrase`, or a generated one.
fn bad_passphrase(ctx: &Ctx<'_>, good: &WifiConfig) -> Secret {
    if let Some(bad) = &ctx.options.bad_passphrase {
        return bad.clone();
    }
    let mut wrong = format!("esprov-check-{:08x}", rand::random::<u32>()).into_bytes();
    if wrong == good.passphrase.expose() {
        wrong.push(b'x');
    }
    Secret::new(wrong)
}

/// The failure path; returns whether the device accepts the right credentials now (after reset).
async fn failure_checks(
    ctx: &mut Ctx<'_>,
    rec: &mut Recorder<'_>,
    good: &WifiConfig,
    bad: &WifiConfig,
) -> bool {
    let mut attempt: Option<Attempt> = None;
    {
        let first = async {
            let result = send_and_watch(ctx, bad).await;
            let verdict = wrong_verdict(&result);
            attempt = Some(result);
            verdict
        };
        if rec.wants(WRONG) {
            rec.run(WRONG, first).await;
        } else if !rec.device_lost() {
            let _ = first.await;
        }
    }
    let Some(attempt) = attempt else {
        for id in [WHILE, REFUSED, RESET] {
            rec.note(id, skip("the wrong-passphrase attempt did not run"));
        }
        return false;
    };
    if attempt.connected().is_some() {
        // Joined with the wrong passphrase: the device holds credentials now all the same.
        ctx.provisioned = true;
    }
    rec.run(WHILE, async { while_verdict(&attempt) }).await;
    if !attempt.failed() {
        let why =
            "needs a failed attempt first (wifi.wrong-passphrase-fails did not end in failed)";
        rec.note(REFUSED, skip(why));
        rec.note(RESET, skip(why));
        return false;
    }
    rec.run(REFUSED, refused_after_failure(ctx, bad)).await;
    let mut accepted = false;
    let wants_success = [RESET, CONNECTS, REPROV, "timing.connect"]
        .iter()
        .any(|id| rec.wants(id));
    if wants_success {
        let check = async {
            let verdict = reset_and_accept(ctx, good).await;
            accepted = verdict.outcome == super::Outcome::Pass;
            verdict
        };
        if rec.wants(RESET) {
            rec.run(RESET, check).await;
        } else if !rec.device_lost() {
            let _ = check.await;
        }
    } else {
        accepted = false;
    }
    accepted
}

/// A session, SetConfig and ApplyConfig with `config`, then [`watch`].
async fn send_and_watch(ctx: &Ctx<'_>, config: &WifiConfig) -> Attempt {
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return Attempt::ended(format!("no session: {e}")),
    };
    if let Err(e) = send(&mut session, config).await {
        session.close().await;
        return Attempt::ended(e);
    }
    watch(ctx, Some(session)).await
}

/// SetConfig then ApplyConfig; the error names the step that was refused.
async fn send(session: &mut CheckSession, config: &WifiConfig) -> Result<(), String> {
    set_config(session, config)
        .await
        .map_err(|e| format!("SetConfig refused: {e}"))?;
    apply_config(session)
        .await
        .map_err(|e| format!("ApplyConfig refused: {e}"))
}

/// Polls GetStatus until connected or failed, within the check bound.
async fn watch(ctx: &Ctx<'_>, session: Option<CheckSession>) -> Attempt {
    attempt::watch(ctx, session, "GetStatus", async |s| get_status(s).await).await
}

fn wrong_verdict(attempt: &Attempt) -> Verdict {
    let secs = attempt.elapsed.as_secs_f64();
    match &attempt.end {
        Some(Ok(WifiStatus::Failed(FailReason::AuthError))) => {
            pass(format!("failed with auth error after {secs:.1} s"))
        }
        Some(Ok(WifiStatus::Failed(reason))) => fail(format!(
            "failed with {} instead of auth error",
            reason.name()
        )),
        Some(Ok(WifiStatus::Connected(info))) => fail(format!(
            "joined {:?} with a wrong passphrase",
            shown(&info.ssid)
        )),
        Some(Ok(other)) => fail(format!("ended in {other}")),
        Some(Err(why)) => fail(why.clone()),
        None => fail(format!("still connecting after {secs:.1} s")),
    }
}

fn while_verdict(attempt: &Attempt) -> Verdict {
    match (&attempt.refused, attempt.saw_progress) {
        (Some(e), _) => fail(format!("GetStatus refused while connecting: {e}")),
        (None, true) => pass("GetStatus answered connecting"),
        (None, false) => skip("the attempt ended before the first GetStatus"),
    }
}

async fn refused_after_failure(ctx: &Ctx<'_>, bad: &WifiConfig) -> Verdict {
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return fail(format!("no session: {e}")),
    };
    // The failing credentials again: a device that wrongly takes them stays in the failed state.
    match send(&mut session, bad).await {
        Err(refused) => {
            session.close().await;
            pass(refused)
        }
        Ok(()) => {
            let _ = watch(ctx, Some(session)).await;
            fail("new credentials accepted after a failed attempt, without prov-ctrl reset")
        }
    }
}

async fn reset_and_accept(ctx: &Ctx<'_>, good: &WifiConfig) -> Verdict {
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return fail(format!("no session: {e}")),
    };
    if let Err(e) = reset(&mut session).await {
        session.close().await;
        return fail(format!("prov-ctrl reset refused after a failure: {e}"));
    }
    let sent = send(&mut session, good).await;
    session.close().await;
    match sent {
        Ok(()) => pass("after prov-ctrl reset, SetConfig and ApplyConfig were accepted"),
        Err(e) => fail(format!("after prov-ctrl reset: {e}")),
    }
}

fn connect_verdict(attempt: &Attempt, good: &WifiConfig) -> Verdict {
    let ms = attempt.elapsed.as_secs_f64() * 1000.0;
    match &attempt.end {
        Some(Ok(WifiStatus::Connected(info))) => pass(format!(
            "connected to {:?} as {} in {ms:.0} ms",
            shown(&info.ssid),
            shown(&info.ip4)
        ))
        .with_figure(ms),
        Some(Ok(WifiStatus::Failed(reason))) => fail(format!(
            "failed with {} joining {:?}",
            reason.name(),
            shown(&String::from_utf8_lossy(&good.ssid))
        )),
        Some(Ok(other)) => fail(format!("ended in {other}")),
        Some(Err(why)) => fail(why.clone()),
        None => fail(format!("not connected after {ms:.0} ms")),
    }
}

async fn reprov_check(ctx: &Ctx<'_>, good: &WifiConfig) -> Verdict {
    let session = match attempt::reprov_and_send(
        ctx,
        async |s| reprov(s).await,
        async |s| send(s, good).await,
    )
    .await
    {
        Ok(session) => session,
        Err(verdict) => return verdict,
    };
    let attempt = watch(ctx, Some(session)).await;
    match attempt.connected() {
        Some(info) => pass(format!(
            "reprov accepted; connected again as {}",
            shown(&info.ip4)
        )),
        None => fail(format!(
            "reprov accepted, but then: {}",
            connect_verdict(&attempt, good).detail
        )),
    }
}
