//! The Thread group (network_provisioning devices with `thread_prov`), in the Wi-Fi group's
//! recoverable order: a dataset the device cannot use first (and the failure rules), then
//! prov-ctrl reset, the given dataset, and reprov last.

use esprov_proto::dataset;
use esprov_proto::version::NetworkType;

use super::attempt::{self, Progress};
use super::context::{CheckSession, Ctx};
use super::recorder::{fail, pass, shown, skip, Recorder, Verdict};
use super::Outcome;
use crate::provision::{
    apply_thread_config, get_thread_status, reprov_thread, reset_thread, send_thread_dataset,
    ThreadFailReason, ThreadStatus,
};
use crate::session::Secret;
use crate::Error;

const INVALID: &str = "thread.dataset-invalid-fails";
const REFUSED: &str = "thread.refused-after-failure";
const RESET: &str = "thread.accepted-after-reset";
const ATTACHES: &str = "thread.attaches";
const WHILE: &str = "thread.status-while-attaching";
const REPROV: &str = "thread.reprov";
const IDS: [&str; 6] = [INVALID, REFUSED, RESET, ATTACHES, WHILE, REPROV];

/// One attach attempt, watched through GetThreadStatus.
type Attempt = attempt::Attempt<ThreadStatus>;

impl Progress for ThreadStatus {
    fn in_progress(&self) -> bool {
        matches!(self, ThreadStatus::Attaching | ThreadStatus::Detached)
    }
}

pub(crate) async fn run(ctx: &mut Ctx<'_>, rec: &mut Recorder<'_>) {
    if let Some(why) = not_applicable(ctx).await {
        for id in IDS {
            rec.note(id, skip(why.clone()));
        }
        return;
    }
    if !IDS.iter().any(|id| rec.wants(id)) {
        return;
    }
    let Some(good) = ctx.options.thread.clone() else {
        return;
    };
    let failed = rec.step(INVALID, invalid_fails(ctx, &good)).await;
    if failed != Some(Outcome::Pass) {
        let why = format!("needs a failed attach first ({INVALID} did not end in failed)");
        for id in [REFUSED, RESET, ATTACHES, WHILE, REPROV] {
            rec.note(id, skip(why.clone()));
        }
        return;
    }
    rec.step(REFUSED, refused_after_failure(ctx, &good)).await;
    if rec.step(RESET, reset_and_accept(ctx, &good)).await != Some(Outcome::Pass) {
        let why =
            format!("the device did not take the dataset after prov-ctrl reset (see {RESET})");
        for id in [ATTACHES, WHILE, REPROV] {
            rec.note(id, skip(why.clone()));
        }
        return;
    }
    let mut attempt = None;
    rec.step(ATTACHES, async {
        let result = watch(ctx, None).await;
        let verdict = attach_verdict(&result);
        attempt = Some(result);
        verdict
    })
    .await;
    let Some(attempt) = attempt else {
        return;
    };
    rec.run(WHILE, async { while_verdict(&attempt) }).await;
    if matches!(attempt.end, Some(Ok(ThreadStatus::Attached(_)))) {
        ctx.provisioned = true;
        rec.run(REPROV, reprov_check(ctx, &good)).await;
    } else {
        rec.note(REPROV, skip("needs a successful attach first"));
    }
}

/// Why the Thread group cannot run on this device or with these options, if it cannot; a
/// device the Wi-Fi checks left provisioned is first asked to take credentials again.
async fn not_applicable(ctx: &Ctx<'_>) -> Option<String> {
    if !ctx.info.proto_ver.provisions(NetworkType::Thread) {
        return Some("the device has no thread_prov capability".into());
    }
    if ctx.options.thread.is_none() {
        return Some(
            "no --dataset-tlvs, --dataset-file or ESPROV_DATASET given: the Thread checks need a dataset"
                .into(),
        );
    }
    if let Err(refused) = ctx.plan.check_sends_secrets() {
        return Some(refused.to_string());
    }
    if ctx.provisioned {
        let reprov = async {
            let mut session = ctx.session().await?;
            let answer = reprov_thread(&mut session).await;
            session.close().await;
            answer
        };
        if let Err(e) = reprov.await {
            return Some(format!(
                "the Wi-Fi checks left the device provisioned and it refused prov-ctrl reprov \
                 ({e}): run the Thread checks alone with --only thread"
            ));
        }
    }
    None
}

/// The given dataset cut inside its last TLV, so its length runs past the end: TLVs that do
/// not parse, which OpenThread refuses as an invalid dataset.
fn malformed(good: &Secret) -> Secret {
    let mut bytes = good.expose().to_vec();
    bytes.pop();
    Secret::new(bytes)
}

/// The given dataset with another network key: it parses, but no network accepts it.
fn wrong_key(good: &Secret) -> Secret {
    let key = dataset::network_key(good.expose())
        .map(|key| *key)
        .unwrap_or_default();
    let other = key.map(|b| b ^ 0xa5);
    match dataset::with_network_key(good.expose(), &other) {
        Some(bytes) => Secret::new(bytes.to_vec()),
        None => malformed(good),
    }
}

/// A session, SetThreadConfig and ApplyThreadConfig with `tlvs`; the error names the refused step.
async fn send(session: &mut CheckSession, tlvs: &Secret) -> Result<(), Error> {
    send_thread_dataset(session, tlvs).await?;
    apply_thread_config(session).await
}

async fn invalid_fails(ctx: &Ctx<'_>, good: &Secret) -> Verdict {
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return fail(format!("no session: {e}")),
    };
    match send(&mut session, &malformed(good)).await {
        // The library reads a refused apply back from GetThreadStatus.
        Err(Error::ThreadDatasetInvalid) => {
            session.close().await;
            return pass(
                "ApplyThreadConfig refused the dataset; GetThreadStatus says dataset invalid",
            );
        }
        Err(e) => {
            session.close().await;
            return fail(format!(
                "a malformed dataset was refused, but not as invalid: {e}"
            ));
        }
        Ok(()) => {}
    }
    let attempt = watch(ctx, Some(session)).await;
    let secs = attempt.elapsed.as_secs_f64();
    match &attempt.end {
        Some(Ok(ThreadStatus::Failed(ThreadFailReason::DatasetInvalid))) => {
            pass(format!("failed with dataset invalid after {secs:.1} s"))
        }
        Some(Ok(ThreadStatus::Failed(_))) => fail(format!(
            "failed as {} instead of dataset invalid",
            attempt_word(&attempt)
        )),
        Some(Ok(ThreadStatus::Attached(a))) => fail(format!(
            "attached to {:?} with a malformed dataset",
            shown(&a.name)
        )),
        Some(Ok(other)) => fail(format!("ended in {other}")),
        Some(Err(why)) => fail(why.clone()),
        None => fail(format!("still attaching after {secs:.1} s")),
    }
}

fn attempt_word(attempt: &Attempt) -> String {
    match &attempt.end {
        Some(Ok(status)) => status.reason().unwrap_or_else(|| status.word().to_owned()),
        _ => "nothing".into(),
    }
}

async fn refused_after_failure(ctx: &Ctx<'_>, good: &Secret) -> Verdict {
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return fail(format!("no session: {e}")),
    };
    // A dataset that parses but cannot attach: a device that wrongly takes it fails again.
    match send(&mut session, &wrong_key(good)).await {
        // ApplyThreadConfig refused; GetThreadStatus still shows the earlier failure.
        Err(Error::ThreadDatasetInvalid) => {
            session.close().await;
            pass("ApplyThreadConfig refused while the earlier failure stands")
        }
        Err(refused) => {
            session.close().await;
            pass(format!("refused: {refused}"))
        }
        Ok(()) => {
            let _ = watch(ctx, Some(session)).await;
            fail("a new dataset was accepted after a failed attach, without prov-ctrl reset")
        }
    }
}

async fn reset_and_accept(ctx: &Ctx<'_>, good: &Secret) -> Verdict {
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return fail(format!("no session: {e}")),
    };
    if let Err(e) = reset_thread(&mut session).await {
        session.close().await;
        return fail(format!(
            "prov-ctrl Thread reset refused after a failure: {e}"
        ));
    }
    let sent = send(&mut session, good).await;
    session.close().await;
    match sent {
        Ok(()) => {
            pass("after prov-ctrl reset, SetThreadConfig and ApplyThreadConfig were accepted")
        }
        Err(e) => fail(format!("after prov-ctrl reset: {e}")),
    }
}

/// Polls GetThreadStatus until attached or failed, within the check bound.
async fn watch(ctx: &Ctx<'_>, session: Option<CheckSession>) -> Attempt {
    attempt::watch(ctx, session, "GetThreadStatus", async |s| {
        get_thread_status(s).await
    })
    .await
}

fn attach_verdict(attempt: &Attempt) -> Verdict {
    let ms = attempt.elapsed.as_secs_f64() * 1000.0;
    match &attempt.end {
        Some(Ok(ThreadStatus::Attached(a))) => pass(format!(
            "attached to {:?} (PAN ID 0x{:04x}, channel {}) in {ms:.0} ms",
            shown(&a.name),
            a.pan_id,
            a.channel
        ))
        .with_figure(ms),
        Some(Ok(other)) => fail(format!("ended in {other}")),
        Some(Err(why)) => fail(why.clone()),
        None => fail(format!("not attached after {ms:.0} ms")),
    }
}

fn while_verdict(attempt: &Attempt) -> Verdict {
    match (&attempt.refused, attempt.saw_progress) {
        (Some(e), _) => fail(format!("GetThreadStatus refused while attaching: {e}")),
        (None, true) => pass("GetThreadStatus answered attaching"),
        (None, false) => skip("the attach ended before the first GetThreadStatus"),
    }
}

async fn reprov_check(ctx: &Ctx<'_>, good: &Secret) -> Verdict {
    let session = match attempt::reprov_and_send(
        ctx,
        async |s| reprov_thread(s).await,
        async |s| send(s, good).await,
    )
    .await
    {
        Ok(session) => session,
        Err(verdict) => return verdict,
    };
    let attempt = watch(ctx, Some(session)).await;
    match &attempt.end {
        Some(Ok(ThreadStatus::Attached(a))) => pass(format!(
            "reprov accepted; attached again to {:?}",
            shown(&a.name)
        )),
        _ => fail(format!(
            "reprov accepted, but then: {}",
            attach_verdict(&attempt).detail
        )),
    }
}
