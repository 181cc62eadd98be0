//! `esprov batch --check`: the validated plan, as a table for people or one JSON line; no device
//! is contacted and no file is written.

use std::time::Duration;

use esprov::batch::BatchPlan;
use esprov::contract::{BatchCheckLine, PlannedDevice};

use super::batch::BatchArgs;

/// Prints the plan on stdout (it is the answer to `--check`).
pub fn print(args: &BatchArgs, plan: &BatchPlan) {
    let timeout = Duration::from_secs_f64(args.timeout);
    let devices: Vec<PlannedDevice> = plan
        .planned
        .iter()
        .map(|p| PlannedDevice::new(p, timeout))
        .collect();
    if args.json {
        esprov::contract::print(&BatchCheckLine {
            event: "check".into(),
            manifest: args.manifest.display().to_string(),
            report: args.report.display().to_string(),
            total: plan.total,
            skipped: plan.skipped,
            devices,
        });
        return;
    }
    let skipped = if plan.skipped > 0 {
        format!(
            "; {} already ok in {} (skipped)",
            plan.skipped,
            args.report.display()
        )
    } else {
        String::new()
    };
    println!(
        "{}: {}, all valid{skipped}. Nothing was contacted.",
        args.manifest.display(),
        devices_word(plan.total)
    );
    if devices.is_empty() {
        println!("Nothing to provision.");
        return;
    }
    let rows: Vec<Vec<String>> = devices
        .iter()
        .map(|d| {
            vec![
                d.line.to_string(),
                d.device.clone(),
                d.label.clone().unwrap_or_default(),
                d.network.clone(),
                d.sec_ver.map_or_else(|| sec_name(args), |v| v.to_string()),
                format!("{:.0} s", d.timeout_ms.0 / 1e3),
                d.start.clone(),
            ]
        })
        .collect();
    let table = super::table::render(
        &[
            "LINE", "DEVICE", "LABEL", "NETWORK", "SECURITY", "TIMEOUT", "START",
        ],
        &rows,
    );
    print!("{table}");
    println!(
        "A run provisions {}, {} at a time, with up to {} retries of transient failures.",
        devices_word(devices.len()),
        args.concurrency,
        args.retries
    );
}

/// "1 device", "2 devices".
fn devices_word(count: usize) -> String {
    if count == 1 {
        "1 device".to_owned()
    } else {
        format!("{count} devices")
    }
}

/// `--sec` as the user writes it (`auto`, `0`, `1`, `2`).
fn sec_name(args: &BatchArgs) -> String {
    use clap::ValueEnum;
    args.sec
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_owned())
}
