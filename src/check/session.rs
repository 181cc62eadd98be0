//! The session group: the handshake, wrong secrets, the rules of protocomm's one session.

use std::time::Instant;

use esprov_proto::endpoint::Endpoint;
use esprov_proto::security::SaltMode;

use super::context::Ctx;
use super::recorder::{fail, pass, skip, Recorder, Verdict};
use crate::session::{handshake, Credentials, SaltModeChoice, Secret, SecurityPlan};
use crate::transport::Transport;

pub(crate) async fn run(ctx: &mut Ctx<'_>, rec: &mut Recorder<'_>) {
    let mut handshake_ms = None;
    rec.run("session.handshake", async {
        let (verdict, ms) = handshake_check(ctx).await;
        handshake_ms = ms;
        verdict
    })
    .await;
    ctx.handshake_ms = handshake_ms;
    rec.run("session.wrong-pop-refused", wrong_secret_refused(ctx))
        .await;
    rec.run("session.serves-after-refusal", serves_after_refusal(ctx))
        .await;
    rec.run(
        "session.config-before-handshake-refused",
        config_before_handshake(ctx),
    )
    .await;
    rec.run("session.new-replaces-old", new_replaces_old(ctx))
        .await;
    rec.run("session.sec2-patch", sec2_patch(ctx)).await;
}

/// A fresh session and one GetStatus; the handshake time is the figure.
async fn handshake_check(ctx: &Ctx<'_>) -> (Verdict, Option<f64>) {
    let started = Instant::now();
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return (fail(format!("the handshake failed: {e}")), None),
    };
    let ms = session.handshake_time().as_secs_f64() * 1000.0;
    let status = ctx.ask_status(&mut session).await;
    session.close().await;
    let scheme = scheme_name(&ctx.plan);
    match status {
        Ok(_) => (
            pass(format!(
                "{scheme} session in {ms:.1} ms; {} answered",
                if ctx.thread_only() {
                    "GetThreadStatus"
                } else {
                    "GetStatus"
                }
            ))
            .with_figure(ms),
            Some(ms),
        ),
        Err(e) => (
            fail(format!(
                "{scheme} handshake done in {:.1} ms but the first encrypted request failed: {e}",
                started.elapsed().as_secs_f64() * 1000.0
            )),
            None,
        ),
    }
}

fn scheme_name(plan: &SecurityPlan) -> String {
    match plan.sec_ver {
        2 => format!("security 2 (patch {})", plan.sec_patch_ver),
        n => format!("security {n}"),
    }
}

/// The right credentials with the secret changed, and what the secret is called.
fn wrong_credentials(ctx: &Ctx<'_>) -> (Credentials, &'static str) {
    let mut credentials = ctx.options.credentials.clone();
    let wrong = |secret: &Option<Secret>| {
        let mut bytes = secret
            .as_ref()
            .map(|s| s.expose().to_vec())
            .unwrap_or_default();
        bytes.extend_from_slice(b"-wrong");
        Some(Secret::new(bytes))
    };
    // One convention only: a retry with the other would be a second wrong handshake.
    credentials.salt_mode = SaltModeChoice::Fixed(SaltMode::Full);
    if ctx.plan.sec_ver == 1 {
        credentials.pop = wrong(&credentials.pop);
        (credentials, "PoP")
    } else {
        credentials.password = wrong(&credentials.password);
        (credentials, "password")
    }
}

async fn wrong_secret_refused(ctx: &Ctx<'_>) -> Verdict {
    if !ctx.has_secret() {
        return skip(format!(
            "{} has no secret to get wrong",
            scheme_name(&ctx.plan)
        ));
    }
    let (credentials, what) = wrong_credentials(ctx);
    let config = match ctx.plan.initiator_config(&credentials, SaltMode::Full) {
        Ok(config) => config,
        Err(e) => return fail(e.to_string()),
    };
    let mut transport = match ctx.transport().await {
        Ok(transport) => transport,
        Err(e) => return fail(e.to_string()),
    };
    let result = handshake(&mut transport, config).await;
    transport.close().await;
    match result {
        Ok(_) => fail(format!("the device completed a session with a wrong {what}")),
        Err(failure) if failure.answered => fail(format!(
            "the device answered step {} as if the {what} were right (its proof did not verify here: {})",
            failure.step, failure.error
        )),
        Err(failure) => pass(format!(
            "refused at step {}: {}",
            failure.step, failure.error
        )),
    }
}

async fn serves_after_refusal(ctx: &Ctx<'_>) -> Verdict {
    if !ctx.has_secret() {
        return skip(format!(
            "{} has no secret to get wrong",
            scheme_name(&ctx.plan)
        ));
    }
    let (credentials, what) = wrong_credentials(ctx);
    if let Ok(session) = ctx.session_with(ctx.plan, &credentials).await {
        session.close().await;
        return fail(format!(
            "a wrong {what} was not refused, so nothing to recover from"
        ));
    }
    match ctx.still_serves().await {
        Ok(()) => pass(format!("a correct session works after a wrong {what}")),
        Err(e) => fail(format!("no correct session after a wrong {what}: {e}")),
    }
}

async fn config_before_handshake(ctx: &Ctx<'_>) -> Verdict {
    if ctx.plan.sec_ver == 0 {
        return skip("security 0 has no handshake to require");
    }
    let mut transport = match ctx.transport().await {
        Ok(transport) => transport,
        Err(e) => return fail(e.to_string()),
    };
    let command = ctx.status_command();
    let answer = transport
        .request(Endpoint::ProvConfig.name(), &command)
        .await;
    transport.close().await;
    match answer {
        Err(e) => pass(format!("refused: {e}")),
        Ok(bytes) => fail(format!(
            "answered {} bytes to a plaintext GetStatus sent before any handshake",
            bytes.len()
        )),
    }
}

async fn new_replaces_old(ctx: &Ctx<'_>) -> Verdict {
    if ctx.plan.sec_ver == 0 {
        return skip("security 0 has no session keys");
    }
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return fail(format!("no session: {e}")),
    };
    if let Err(e) = ctx.ask_status(&mut session).await {
        session.close().await;
        return fail(format!("the first session did not answer: {e}"));
    }
    if let Err(e) = session.transport_mut().new_transport_session().await {
        session.close().await;
        return skip(e.to_string());
    }
    let old_keys = ctx.ask_status(&mut session).await;
    session.close().await;
    match old_keys {
        Err(e) => pass(format!(
            "the old keys are refused in a new transport session: {e}"
        )),
        Ok(_) => fail("a new transport session answered with the previous session's keys, without a handshake"),
    }
}

async fn sec2_patch(ctx: &Ctx<'_>) -> Verdict {
    if ctx.plan.sec_ver != 2 {
        return skip(format!("{} has no patch level", scheme_name(&ctx.plan)));
    }
    let declared = ctx.plan.sec_patch_ver;
    let other = if declared == 0 { 1 } else { 0 };
    let plan = SecurityPlan {
        sec_patch_ver: other,
        ..ctx.plan
    };
    let answered = match ctx.session_with(plan, &ctx.options.credentials).await {
        Ok(mut session) => {
            let status = ctx.ask_status(&mut session).await;
            session.close().await;
            status.is_ok()
        }
        Err(_) => false,
    };
    if answered {
        return fail(format!(
            "a session at patch {other} works, but proto-ver says sec_patch_ver {declared}"
        ));
    }
    match ctx.still_serves().await {
        Ok(()) => pass(format!("patch {declared} works, patch {other} is refused")),
        Err(e) => fail(format!(
            "patch {other} was refused, but patch {declared} does not work either: {e}"
        )),
    }
}
