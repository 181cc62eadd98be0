//! The custom group: a named application endpoint answers what the user expects.

use super::context::Ctx;
use super::recorder::shown;
use super::recorder::{fail, pass, skip, Recorder, Verdict};
use crate::provision::send_custom;

pub(crate) async fn run(ctx: &mut Ctx<'_>, rec: &mut Recorder<'_>) {
    rec.run("custom.endpoint", endpoint(ctx)).await;
}

async fn endpoint(ctx: &Ctx<'_>) -> Verdict {
    let Some(custom) = &ctx.options.custom else {
        return skip("no --custom-endpoint given");
    };
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return fail(format!("no session: {e}")),
    };
    let answer = send_custom(&mut session, &custom.endpoint, &custom.send).await;
    session.close().await;
    let answer = match answer {
        Ok(answer) => answer,
        Err(e) => return fail(format!("{} failed: {e}", custom.endpoint)),
    };
    let trimmed = answer.strip_suffix(b"\0").unwrap_or(&answer);
    if answer == custom.expect || trimmed == custom.expect.as_slice() {
        pass(format!(
            "{} answered {:?}",
            custom.endpoint,
            shown(&String::from_utf8_lossy(trimmed))
        ))
    } else {
        fail(format!(
            "{} answered {:?} (hex {}), expected {:?}",
            custom.endpoint,
            shown(&String::from_utf8_lossy(&answer)),
            hex::encode(&answer),
            shown(&String::from_utf8_lossy(&custom.expect))
        ))
    }
}
