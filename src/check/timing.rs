//! The timing group: figures measured by the other checks, with optional bounds.

use std::time::Duration;

use super::context::Ctx;
use super::recorder::{fail, pass, skip, Recorder, Verdict};

pub(crate) async fn run(ctx: &mut Ctx<'_>, rec: &mut Recorder<'_>) {
    if rec.wants("timing.handshake") && ctx.handshake_ms.is_none() && !rec.device_lost() {
        ctx.handshake_ms = measure_handshake(ctx).await;
    }
    let handshake = figure(
        ctx.handshake_ms,
        ctx.options.max_handshake,
        "--max-handshake-ms",
        "no successful handshake to time",
    );
    rec.run("timing.handshake", async { handshake }).await;
    let connect = figure(
        ctx.connect_ms,
        ctx.options.max_connect,
        "--max-connect-ms",
        "no successful Wi-Fi connection to time (give --ssid and select wifi.connects)",
    );
    rec.run("timing.connect", async { connect }).await;
}

async fn measure_handshake(ctx: &Ctx<'_>) -> Option<f64> {
    let session = ctx.session().await.ok()?;
    let ms = session.handshake_time().as_secs_f64() * 1000.0;
    session.close().await;
    Some(ms)
}

fn figure(ms: Option<f64>, bound: Option<Duration>, flag: &str, missing: &str) -> Verdict {
    let Some(ms) = ms else {
        return skip(missing);
    };
    match bound {
        Some(bound) if ms > bound.as_secs_f64() * 1000.0 => {
            fail(format!("{ms:.1} ms, over {flag} {}", bound.as_millis())).with_figure(ms)
        }
        Some(bound) => pass(format!("{ms:.1} ms (bound {} ms)", bound.as_millis())).with_figure(ms),
        None => pass(format!("{ms:.1} ms")).with_figure(ms),
    }
}
