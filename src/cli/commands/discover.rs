//! `esprov discover`: provisioning devices on the local network, as a table or JSON.

use std::time::Duration;

use esprov::contract::{DiscoverOutput, DiscoveredEntry};
use esprov::discover::{mdns, DiscoverOptions, DiscoveredDevice};
use esprov::Error;

use crate::cli::args::DiscoverArgs;
use crate::cli::output::Output;
use crate::cli::table;

/// Runs `esprov discover`.
pub async fn run(args: &DiscoverArgs, out: &Output) -> Result<(), Error> {
    let options = DiscoverOptions {
        timeout: Duration::from_secs_f64(args.timeout),
        interface: args.mdns_interface.clone(),
    };
    out.waiting(format!("listening for devices ({:.1} s)", args.timeout));
    let devices = crate::cli::ble::discover_both(args, mdns::discover(&options)).await;
    out.done_waiting();
    let devices = devices?;
    print(out, &devices);
    Ok(())
}

fn print(out: &Output, devices: &[DiscoveredDevice]) {
    out.json(&DiscoverOutput {
        devices: devices.iter().map(DiscoveredEntry::from).collect(),
    });
    if devices.is_empty() {
        out.human("No provisioning devices found.");
        return;
    }
    let rows: Vec<Vec<String>> = devices
        .iter()
        .map(|d| {
            vec![
                d.name.clone(),
                d.transport.as_str().to_owned(),
                d.http_address()
                    .or_else(|| d.address.clone())
                    .unwrap_or_default(),
                d.host.clone().unwrap_or_default(),
                crate::cli::ble::details(d),
            ]
        })
        .collect();
    let header = [
        "NAME",
        "TRANSPORT",
        "ADDRESS",
        "HOST",
        "RSSI / SERVICES / MFG DATA",
    ];
    out.human(table::render(&header, &rows).trim_end());
}
