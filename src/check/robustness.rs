//! The robustness group (`--destructive`): requests a device must refuse without falling over.

use esprov_proto::endpoint::Endpoint;
use esprov_proto::messages::WiFiConfigPayload;
use esprov_proto::version::CAP_WIFI_SCAN;
use prost::Message;
use rand::RngCore;

use super::context::Ctx;
use super::recorder::{fail, pass, skip, Recorder, Verdict};
use crate::provision::WifiConfig;
use crate::transport::http::MAX_BODY_LEN;
use crate::transport::Transport;
use crate::Error;

/// Bytes of garbage per endpoint.
const GARBAGE_LEN: usize = 64;
/// A `msg` value no prov-config command has.
const UNKNOWN_MSG: i32 = 42;

pub(crate) async fn run(ctx: &mut Ctx<'_>, rec: &mut Recorder<'_>) {
    let ids = [
        "robustness.truncated-protobuf",
        "robustness.unknown-message",
        "robustness.random-bytes",
        "robustness.oversized-body",
    ];
    if !ctx.options.destructive {
        for id in ids {
            rec.note(id, skip("destructive: opt in with --destructive"));
        }
        return;
    }
    rec.run(ids[0], truncated(ctx)).await;
    rec.run(ids[1], unknown_message(ctx)).await;
    rec.run(ids[2], random_bytes(ctx)).await;
    // Last: a device that crashes on it takes the rest of the run with it.
    rec.run(ids[3], oversized(ctx)).await;
}

/// The verdict once the device refused (or not): it must serve a correct session afterwards.
async fn then_still_serves(ctx: &Ctx<'_>, refused: Result<String, String>) -> Verdict {
    let still = ctx.still_serves().await;
    match (refused, still) {
        (Err(why), _) => fail(why),
        (Ok(how), Ok(())) => pass(format!("{how}; a correct session works afterwards")),
        (Ok(how), Err(e)) => fail(format!("{how}, but then no correct session: {e}")),
    }
}

async fn truncated(ctx: &Ctx<'_>) -> Verdict {
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return fail(format!("no session: {e}")),
    };
    let config = WifiConfig::new("esprov-check", "truncated");
    let mut bytes = config
        .command(config.passphrase.expose().to_vec())
        .encode_to_vec();
    // The last field is the nested command: one byte short, its length prefix lies.
    bytes.pop();
    let answer = session.request(Endpoint::ProvConfig.name(), &bytes).await;
    session.close().await;
    let refused = match answer {
        Err(e) => Ok(format!("refused: {e}")),
        Ok(reply) => refused_in_band(&reply, "a truncated SetConfig"),
    };
    then_still_serves(ctx, refused).await
}

/// An answer counts as a refusal only when it carries no success.
fn refused_in_band(reply: &[u8], what: &str) -> Result<String, String> {
    match WiFiConfigPayload::decode(reply) {
        Ok(payload) if payload.payload.is_some() => {
            Err(format!("{what} was answered as if it were valid"))
        }
        _ => Ok(format!("{what} got a reply that carries no result")),
    }
}

async fn unknown_message(ctx: &Ctx<'_>) -> Verdict {
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return fail(format!("no session: {e}")),
    };
    let command = WiFiConfigPayload {
        msg: UNKNOWN_MSG,
        payload: None,
    }
    .encode_to_vec();
    let answer = session.request(Endpoint::ProvConfig.name(), &command).await;
    session.close().await;
    let refused = match answer {
        Err(e) => Ok(format!("refused: {e}")),
        Ok(reply) => refused_in_band(&reply, "message type 42"),
    };
    then_still_serves(ctx, refused).await
}

/// The endpoints protocomm serves for this device, plaintext proto-ver aside.
fn endpoints(ctx: &Ctx<'_>) -> Vec<Endpoint> {
    let mut list = vec![Endpoint::ProvSession, Endpoint::ProvConfig];
    if ctx.info.has_cap(CAP_WIFI_SCAN) {
        list.push(Endpoint::ProvScan);
    }
    list.push(Endpoint::ProvCtrl);
    list
}

/// Random bytes that never decode as protobuf: the first byte is a key of wire type 7.
fn garbage() -> Vec<u8> {
    let mut bytes = vec![0u8; GARBAGE_LEN];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes[0] = 0x0f;
    bytes
}

async fn random_bytes(ctx: &Ctx<'_>) -> Verdict {
    let mut refused = Vec::new();
    for endpoint in endpoints(ctx) {
        let answer = match ctx.transport().await {
            Ok(mut transport) => {
                let answer = transport.request_raw(endpoint.name(), &garbage()).await;
                transport.close().await;
                answer
            }
            Err(e) => return fail(format!("cannot reach the device: {e}")),
        };
        match answer {
            Err(_) => refused.push(endpoint.name().to_owned()),
            Ok(reply) => {
                return then_still_serves(
                    ctx,
                    Err(format!(
                        "{} answered {} bytes to random bytes",
                        endpoint.name(),
                        reply.len()
                    )),
                )
                .await
            }
        }
        if let Err(e) = ctx.still_serves().await {
            return fail(format!(
                "random bytes on {} refused, but then no correct session: {e}",
                endpoint.name()
            ));
        }
    }
    pass(format!(
        "refused on {}; a correct session works after each",
        refused.join(", ")
    ))
}

async fn oversized(ctx: &Ctx<'_>) -> Verdict {
    let len = 2 * MAX_BODY_LEN;
    let answer = match ctx.transport().await {
        Ok(mut transport) => {
            let body = vec![0x0f; len];
            let answer = transport
                .request_raw(Endpoint::ProvConfig.name(), &body)
                .await;
            transport.close().await;
            answer
        }
        Err(e) => return fail(format!("cannot reach the device: {e}")),
    };
    let refused = match answer {
        Err(Error::Usage(e)) => return skip(format!("this transport cannot send it: {e}")),
        Err(e) => Ok(format!("a {len}-byte request was refused ({e})")),
        Ok(reply) => Err(format!(
            "a {len}-byte request was answered ({} bytes)",
            reply.len()
        )),
    };
    then_still_serves(ctx, refused).await
}
