//! `esprov check`: a conformance and smoke suite for provisioning firmware, run against one device.
//!
//! Every check has a stable id (`session.wrong-pop-refused`), a group and a one-line description
//! ([`CHECKS`]). [`run`] runs the selected checks in an order that leaves the device recoverable
//! (state-changing Wi-Fi and Thread checks last), and reports each as pass, fail or skip with the reason.

mod attempt;
mod context;
mod custom;
mod junit;
mod link;
mod options;
mod recorder;
mod registry;
mod report;
mod robustness;
mod scan;
mod session;
mod thread;
mod timing;
mod version;
mod wifi;

pub use context::Connect;
pub use link::SharedLink;
pub use options::{CheckOptions, CustomExpectation, Selection};
pub use registry::{CheckInfo, CheckList, Group, CHECKS};
pub use report::{CheckResult, DeviceSummary, Outcome, Report, Summary};

use std::time::Instant;

use crate::session::{fetch_info, SecurityPlan};
use crate::Error;
use context::Ctx;
use recorder::Recorder;

/// Runs the selected checks against the device `connector` reaches; `on_result` sees each result
/// as it is decided. Fails only when the device cannot be reached or its scheme chosen at all.
pub async fn run(
    connector: &dyn Connect,
    options: &CheckOptions,
    on_result: &mut (dyn FnMut(&CheckResult) + Send),
) -> Result<Report, Error> {
    options.selection.validate()?;
    let started = Instant::now();
    if options.reset_board {
        reset_before_suite(connector).await?;
    }
    let info = {
        let mut transport = connector.connect().await?;
        let info = tokio::time::timeout(options.check_timeout, fetch_info(&mut transport))
            .await
            .map_err(|_| Error::Timeout {
                what: "the device's version (proto-ver)".into(),
                after: options.check_timeout,
            })??;
        transport.close().await;
        info
    };
    let plan = SecurityPlan::choose(&info, options.security)?;
    let firmware = DeviceSummary::new(&info, &plan);
    let mut ctx = Ctx::new(connector, options, info, plan);
    let mut recorder = Recorder::new(connector, options, on_result);
    if options.reset_board {
        recorder.reset_done("before the suite");
    }
    version::run(&mut ctx, &mut recorder).await;
    session::run(&mut ctx, &mut recorder).await;
    scan::run(&mut ctx, &mut recorder).await;
    custom::run(&mut ctx, &mut recorder).await;
    robustness::run(&mut ctx, &mut recorder).await;
    if options.destructive
        && CHECKS
            .iter()
            .any(|c| c.group == Group::Robustness && recorder.wants(c.id))
    {
        // Malformed requests may leave weak firmware unsettled: the Wi-Fi checks want a fresh boot.
        recorder.fresh_boot("the robustness group").await;
    }
    wifi::run(&mut ctx, &mut recorder).await;
    thread::run(&mut ctx, &mut recorder).await;
    timing::run(&mut ctx, &mut recorder).await;
    let recovery = recorder.recovery(ctx.recovery_note());
    let resets = recorder.resets();
    let mut report = Report::new(
        connector.peer(),
        firmware,
        recorder.into_results(),
        recovery,
        started.elapsed(),
    );
    report.board_resets = resets;
    Ok(report)
}

/// `--reset-board` before the suite: a link that cannot reset is a usage error, not a skip.
async fn reset_before_suite(connector: &dyn Connect) -> Result<(), Error> {
    if connector.reset_board().await? {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "--reset-board needs a serial port with RTS/DTR lines; {} has none",
        connector.peer()
    )))
}
