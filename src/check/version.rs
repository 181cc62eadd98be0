//! The version group: what proto-ver says, and whether the capabilities match the behaviour.

use esprov_proto::version::{CAP_NO_POP, CAP_NO_SEC, CAP_THREAD_SCAN, CAP_WIFI_SCAN};

use super::context::Ctx;
use super::recorder::shown;
use super::recorder::{fail, pass, skip, Recorder, Verdict};

pub(crate) async fn run(ctx: &mut Ctx<'_>, rec: &mut Recorder<'_>) {
    rec.run("version.proto-ver", async { proto_ver(ctx) }).await;
    rec.run("version.scan-cap", scan_cap(ctx)).await;
    rec.run("version.thread-scan-cap", thread_scan_cap(ctx))
        .await;
}

async fn thread_scan_cap(ctx: &Ctx<'_>) -> Verdict {
    if !ctx.info.proto_ver.is_network_provisioning() {
        return skip("wifi_provisioning has no Thread scan (not a network_provisioning device)");
    }
    let listed = ctx.info.has_cap(CAP_THREAD_SCAN);
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return fail(format!("no session to ask prov-scan in: {e}")),
    };
    let answer = crate::provision::thread_scan_status(&mut session).await;
    session.close().await;
    match (listed, answer) {
        (true, Ok(_)) => pass("thread_scan listed and prov-scan answers ScanThreadStatus"),
        (false, Err(_)) => {
            pass("thread_scan not listed and prov-scan does not answer the Thread scan")
        }
        (true, Err(e)) => fail(format!(
            "thread_scan listed but prov-scan refused ScanThreadStatus: {e}"
        )),
        (false, Ok(_)) => {
            fail("prov-scan answers ScanThreadStatus but proto-ver does not list thread_scan")
        }
    }
}

fn proto_ver(ctx: &Ctx<'_>) -> Verdict {
    let pv = &ctx.info.proto_ver;
    let Some(prov) = &pv.prov else {
        let text = pv.legacy.as_deref().unwrap_or_default();
        return pass(format!(
            "legacy text form {:?} (firmware before the JSON answer: no sec_ver, no capabilities)",
            shown(text)
        ));
    };
    let mut problems = Vec::new();
    if prov.ver.is_empty() {
        problems.push("prov.ver is empty".to_owned());
    }
    let Some(sec_ver) = prov.sec_ver else {
        problems.push("sec_ver is missing (ESP-IDF v5.0+ always sends it)".to_owned());
        return fail(problems.join("; "));
    };
    for (i, cap) in prov.cap.iter().enumerate() {
        if prov.cap[..i].contains(cap) {
            problems.push(format!("capability {:?} listed twice", shown(cap)));
        }
    }
    let has = |cap: &str| prov.cap.iter().any(|c| c == cap);
    if has(CAP_NO_SEC) != (sec_ver == 0) {
        problems.push(format!("{CAP_NO_SEC} does not match sec_ver {sec_ver}"));
    }
    if has(CAP_NO_POP) && sec_ver != 1 {
        problems.push(format!("{CAP_NO_POP} listed with sec_ver {sec_ver}"));
    }
    if problems.is_empty() {
        pass(format!(
            "ver {}, sec_ver {sec_ver}, cap [{}]",
            shown(&prov.ver),
            shown(&prov.cap.join(", "))
        ))
    } else {
        fail(problems.join("; "))
    }
}

async fn scan_cap(ctx: &Ctx<'_>) -> Verdict {
    if ctx.info.proto_ver.prov.is_none() {
        return skip("the legacy proto-ver answer lists no capabilities");
    }
    let listed = ctx.info.has_cap(CAP_WIFI_SCAN);
    let mut session = match ctx.session().await {
        Ok(session) => session,
        Err(e) => return fail(format!("no session to ask prov-scan in: {e}")),
    };
    let answer = crate::provision::scan::status(&mut session).await;
    session.close().await;
    match (listed, answer) {
        (true, Ok(_)) => pass("wifi_scan listed and prov-scan answers ScanStatus"),
        (false, Err(_)) => pass("wifi_scan not listed and prov-scan does not answer"),
        (true, Err(e)) => fail(format!(
            "wifi_scan listed but prov-scan refused ScanStatus: {e}"
        )),
        (false, Ok(_)) => {
            fail("prov-scan answers ScanStatus but proto-ver does not list wifi_scan")
        }
    }
}
