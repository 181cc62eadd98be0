//! The session commands: `status`, `scan`, `reset`, `reprov` and `send`.

use esprov::contract::{
    ApEntry, CtrlOutput, ScanOutput, SendOutput, StatusOutput, ThreadScanOutput, ThreadStatusOutput,
};
use esprov::proto::version::NetworkType;
use esprov::provision::{self, ScanEntry, ScanOptions};
use esprov::session::{DeviceInfo, SecurityPlan};
use esprov::Error;

use crate::cli::args::{NetArgs, SendArgs};
use crate::cli::budget::Budget;
use crate::cli::output::Output;
use crate::cli::session::{self, CliSession};
use crate::cli::table;
use crate::cli::target::ConnArgs;

/// Opens a session, showing the steps; the budget bounds what follows too.
async fn open(conn: &ConnArgs, out: &Output, budget: &mut Budget) -> Result<CliSession, Error> {
    out.waiting("connecting to the device");
    let mut on_info = |_: &str, _: &DeviceInfo, _: &SecurityPlan| out.done_waiting();
    let session = session::open(conn, budget, false, &mut on_info).await?;
    out.step(format!(
        "Security {} session established with {}",
        session.plan().sec_ver,
        esprov::device_text::escape(&session.peer())
    ));
    Ok(session)
}

/// Which network a session command speaks: `--thread`, or Thread on a device that provisions
/// nothing else; a mismatch with the device's capabilities is a usage error naming them.
pub fn network_of(session: &CliSession, thread_flag: bool) -> Result<NetworkType, Error> {
    esprov::provision::choose_network(session.info(), thread_flag.then_some(NetworkType::Thread))
}

/// `esprov status`.
pub async fn status(net: &NetArgs, out: &Output) -> Result<(), Error> {
    let conn = &net.conn;
    let mut budget = Budget::new(conn.timeout());
    let mut session = open(conn, out, &mut budget).await?;
    let network = match network_of(&session, net.thread) {
        Ok(network) => network,
        Err(error) => {
            session.close().await;
            return Err(error);
        }
    };
    if network == NetworkType::Thread {
        let status = budget
            .run(
                "the Thread status",
                provision::get_thread_status(&mut session),
            )
            .await;
        let peer = session.peer();
        session.close().await;
        let status = status?;
        out.json(&ThreadStatusOutput::new(peer, &status));
        out.human(format!("Thread: {status}"));
        return Ok(());
    }
    let status = budget
        .run("the Wi-Fi status", provision::get_status(&mut session))
        .await;
    let peer = session.peer();
    session.close().await;
    let status = status?;
    out.json(&StatusOutput {
        device: peer,
        state: (&status).into(),
    });
    out.human(format!("Wi-Fi: {status}"));
    Ok(())
}

/// `esprov scan --thread` (or `scan` on a Thread-only device).
async fn scan_thread(
    mut session: CliSession,
    out: &Output,
    budget: &mut Budget,
) -> Result<(), Error> {
    if !session.info().proto_ver.scans(NetworkType::Thread) {
        session.close().await;
        return Err(Error::Unsupported(
            "the device does not list the thread_scan capability".into(),
        ));
    }
    out.waiting("the device is scanning for Thread networks");
    let page = crate::cli::ble::scan_options(session.transport_mut()).page_size;
    let remaining = budget.remaining();
    let result = budget
        .run(
            "the Thread scan",
            provision::scan_thread(&mut session, page, remaining),
        )
        .await;
    out.done_waiting();
    let peer = session.peer();
    session.close().await;
    let networks = result?;
    out.json(&ThreadScanOutput {
        device: peer,
        network: "thread",
        networks: networks.clone(),
    });
    if networks.is_empty() {
        out.human("No Thread networks found.");
    } else {
        out.human(thread_table(&networks));
    }
    Ok(())
}

/// Thread scan results as a numbered table, for `scan --thread` and the `provision` pick list.
pub fn thread_table(entries: &[provision::ThreadScanEntry]) -> String {
    let rows: Vec<Vec<String>> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            vec![
                (i + 1).to_string(),
                format!("0x{:04x}", e.pan_id),
                e.ext_pan_id.clone(),
                esprov::device_text::escape(&e.network_name),
                e.channel.to_string(),
                e.rssi.to_string(),
                e.lqi.to_string(),
                e.ext_addr.clone(),
            ]
        })
        .collect();
    table::render(
        &[
            "#",
            "PAN ID",
            "EXT PAN ID",
            "NAME",
            "CH",
            "RSSI",
            "LQI",
            "EXT ADDR",
        ],
        &rows,
    )
    .trim_end()
    .to_owned()
}

/// `esprov scan`.
pub async fn scan(net: &NetArgs, out: &Output) -> Result<(), Error> {
    let conn = &net.conn;
    let mut budget = Budget::new(conn.timeout());
    let mut session = open(conn, out, &mut budget).await?;
    match network_of(&session, net.thread) {
        Ok(NetworkType::Thread) => return scan_thread(session, out, &mut budget).await,
        Ok(NetworkType::Wifi) => {}
        Err(error) => {
            session.close().await;
            return Err(error);
        }
    }
    if !session
        .info()
        .has_cap(esprov::proto::version::CAP_WIFI_SCAN)
        && session.info().proto_ver.prov.is_some()
    {
        session.close().await;
        return Err(Error::Unsupported(
            "the device does not list the wifi_scan capability".into(),
        ));
    }
    out.waiting("the device is scanning");
    let base = crate::cli::ble::scan_options(session.transport_mut());
    let options = ScanOptions {
        timeout: base.timeout.min(budget.remaining()),
        ..base
    };
    let result = budget
        .run("the Wi-Fi scan", provision::scan(&mut session, &options))
        .await;
    out.done_waiting();
    let peer = session.peer();
    session.close().await;
    let entries = result?;
    print_scan(out, peer, &entries);
    Ok(())
}

fn print_scan(out: &Output, device: String, entries: &[ScanEntry]) {
    out.json(&ScanOutput {
        device,
        aps: entries.iter().map(ApEntry::from).collect(),
    });
    if entries.is_empty() {
        out.human("No access points found.");
        return;
    }
    out.human(scan_table(entries));
}

/// The scan results as a numbered table, for `scan` and the `provision` pick list.
pub fn scan_table(entries: &[ScanEntry]) -> String {
    let rows: Vec<Vec<String>> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            vec![
                (i + 1).to_string(),
                e.ssid.clone(),
                e.bssid.clone(),
                e.channel.to_string(),
                e.rssi.to_string(),
                e.auth.name(),
            ]
        })
        .collect();
    table::render(&["#", "SSID", "BSSID", "CH", "RSSI", "AUTH"], &rows)
        .trim_end()
        .to_owned()
}

/// `esprov reset` and `esprov reprov`; the Thread variants on Thread.
pub async fn ctrl(net: &NetArgs, out: &Output, reprov: bool) -> Result<(), Error> {
    let conn = &net.conn;
    let mut budget = Budget::new(conn.timeout());
    let mut session = open(conn, out, &mut budget).await?;
    let thread = match network_of(&session, net.thread) {
        Ok(network) => network == NetworkType::Thread,
        Err(error) => {
            session.close().await;
            return Err(error);
        }
    };
    let result = if thread && reprov {
        budget
            .run("re-provisioning", provision::reprov_thread(&mut session))
            .await
    } else if thread {
        budget
            .run("the reset", provision::reset_thread(&mut session))
            .await
    } else if reprov {
        budget
            .run("re-provisioning", provision::reprov(&mut session))
            .await
    } else {
        // A connected device refuses a reset: say so and name reprov, instead of a bare refusal.
        budget
            .run("the reset", async {
                match provision::reset(&mut session).await {
                    Err(error) => Err(provision::explain_refusal(&mut session, error).await),
                    ok => ok,
                }
            })
            .await
    };
    let peer = session.peer();
    session.close().await;
    result?;
    let command = if reprov { "reprov" } else { "reset" };
    out.json(&CtrlOutput {
        device: peer,
        result: esprov::batch::OK.to_owned(),
        command: command.to_owned(),
    });
    out.step(if reprov {
        "The device accepts new credentials: run `esprov provision`"
    } else {
        "The device was reset and accepts new credentials: run `esprov provision` again"
    });
    Ok(())
}

/// `esprov send`.
pub async fn send(args: &SendArgs, out: &Output) -> Result<(), Error> {
    let data = payload(args)?;
    let mut budget = Budget::new(args.conn.timeout());
    let mut session = open(&args.conn, out, &mut budget).await?;
    let result = budget
        .run(
            "the custom endpoint",
            provision::send_custom(&mut session, &args.endpoint, &data),
        )
        .await;
    let peer = session.peer();
    session.close().await;
    let answer = result?;
    let text = printable(&answer);
    out.json(&SendOutput {
        device: peer,
        endpoint: args.endpoint.clone(),
        sent: data.len(),
        response_hex: esprov::device_text::truncate(&hex::encode(&answer)).into_owned(),
        response_text: text
            .as_deref()
            .map(|t| esprov::device_text::truncate(t).into_owned()),
    });
    out.step(format!("{} answered {} bytes", args.endpoint, answer.len()));
    match text {
        Some(text) => out.human(esprov::device_text::escape(&text)),
        None => out.human(esprov::device_text::truncate(&hex::encode(&answer))),
    }
    Ok(())
}

/// The bytes to send, from `--data`, `--hex` or `--file` (stdin for `-`).
fn payload(args: &SendArgs) -> Result<Vec<u8>, Error> {
    if let Some(text) = &args.data {
        return Ok(text.as_bytes().to_vec());
    }
    if let Some(text) = &args.hex {
        let clean: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != ':')
            .collect();
        return hex::decode(clean).map_err(|e| Error::Usage(format!("--hex: {e}")));
    }
    let Some(path) = &args.file else {
        return Err(Error::Usage("give --data, --hex or --file".into()));
    };
    let read = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    };
    read.map_err(|e| Error::Io {
        context: format!("reading {}", path.display()),
        source: e,
    })
}

/// The answer as text when it is UTF-8 without control characters (trailing NULs dropped).
fn printable(bytes: &[u8]) -> Option<String> {
    let trimmed = bytes.strip_suffix(b"\0").unwrap_or(bytes);
    let text = std::str::from_utf8(trimmed).ok()?;
    (!text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t'))
    .then(|| text.to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn printable_drops_one_trailing_nul() {
        assert_eq!(super::printable(b"SUCCESS\0").as_deref(), Some("SUCCESS"));
        assert_eq!(super::printable(&[0x01, 0x02]), None);
    }
}
