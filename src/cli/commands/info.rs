//! `esprov info`: the device's proto-ver answer and the security it wants; no session needed.

use esprov::contract::{AppInfo, InfoOutput};
use esprov::device_text::escape;
use esprov::session::{fetch_info, DeviceInfo, SecurityChoice, SecurityPlan};
use esprov::Error;

use crate::cli::args::InfoArgs;
use crate::cli::budget::Budget;
use crate::cli::output::Output;
use crate::cli::session::qr_payload;
use crate::cli::transport;

/// Runs `esprov info`.
pub async fn run(args: &InfoArgs, out: &Output) -> Result<(), Error> {
    let qr = qr_payload(&args.target)?;
    let mut budget = Budget::new(args.timing.timeout());
    out.waiting("asking the device for its version");
    let (peer, info) = budget
        .run("the device's version (proto-ver)", async {
            let mut transport = transport::open(&args.target, qr.as_ref(), &args.timing).await?;
            let info = fetch_info(&mut transport).await?;
            Ok((esprov::transport::Transport::peer(&transport), info))
        })
        .await?;
    out.done_waiting();
    let plan = SecurityPlan::choose(&info, SecurityChoice::Auto).ok();
    print(out, &peer, &info, plan.as_ref());
    Ok(())
}

fn print(out: &Output, peer: &str, info: &DeviceInfo, plan: Option<&SecurityPlan>) {
    let pv = &info.proto_ver;
    let prov = pv.prov.as_ref();
    let raw = String::from_utf8_lossy(&info.raw);
    let raw = esprov::device_text::truncate(&raw);
    out.json(&InfoOutput {
        device: peer.to_owned(),
        ver: prov.map(|p| p.ver.clone()),
        legacy: pv.legacy.clone(),
        cap: prov.map(|p| p.cap.clone()).unwrap_or_default(),
        apps: pv
            .apps
            .iter()
            .map(|a| AppInfo {
                label: a.label.clone(),
                ver: a.ver.clone(),
                cap: a.cap.clone(),
            })
            .collect(),
        sec_ver: plan.map(|p| p.sec_ver),
        sec_patch_ver: plan.map(|p| p.sec_patch_ver),
        auto: plan.map(|p| p.auto),
        needs_pop: plan.map(|p| p.needs_pop),
        raw: raw.into_owned(),
    });
    out.human(format!("Device        {peer}"));
    match prov {
        Some(p) => {
            out.human(format!("Protocol      {}", escape(&p.ver)));
            let caps = if p.cap.is_empty() {
                "none".into()
            } else {
                escape(&p.cap.join(", "))
            };
            out.human(format!("Capabilities  {caps}"));
        }
        None => out.human(format!(
            "Protocol      legacy answer \"{}\" (no capabilities)",
            escape(pv.legacy.as_deref().unwrap_or(""))
        )),
    }
    for app in &pv.apps {
        out.human(format!(
            "Application   {} {} [{}]",
            escape(&app.label),
            escape(&app.ver),
            escape(&app.cap.join(", "))
        ));
    }
    match plan {
        Some(plan) => out.human(format!("Security      {}", security_line(plan))),
        None => out.human("Security      unknown: choose one with --sec 0, 1 or 2"),
    }
}

/// `2 (patch 1), username and password` and the like.
fn security_line(plan: &SecurityPlan) -> String {
    match plan.sec_ver {
        0 => "0 (no security)".into(),
        1 if plan.needs_pop => "1, needs a proof of possession (--pop)".into(),
        1 => "1, no proof of possession".into(),
        n => format!(
            "{n} (patch {}), needs --username and --password",
            plan.sec_patch_ver
        ),
    }
}
