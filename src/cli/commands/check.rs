//! `esprov check`: build the suite's options from the flags, run it, print the report.

use std::time::Duration;

use async_trait::async_trait;
use esprov::check::{
    self, CheckOptions, CheckResult, Connect, CustomExpectation, Outcome, Report, Selection,
    SharedLink,
};
use esprov::proto::qr::QrPayload;
use esprov::provision::WifiConfig;
use esprov::session::{fetch_info, SecurityPlan};
use esprov::transport::Transport;
use esprov::{Error, Secret};

use crate::cli::check::CheckArgs;
use crate::cli::output::Output;
use crate::cli::secrets::{SecretSource, ENV_PASSPHRASE};
use crate::cli::session::{complete_credentials, given_credentials, qr_payload};
use crate::cli::table;
use crate::cli::target::{TargetArgs, TimingArgs};
use crate::cli::transport;

/// Device log lines the table shows under a failure.
const LOG_EXCERPT: usize = 12;

/// Opens the transport the flags describe, once per check.
struct CliConnector {
    target: TargetArgs,
    qr: Option<QrPayload>,
    timing: TimingArgs,
    peer: String,
}

#[async_trait]
impl Connect for CliConnector {
    async fn connect(&self) -> Result<Box<dyn Transport>, Error> {
        let transport = transport::open(&self.target, self.qr.as_ref(), &self.timing).await?;
        Ok(Box::new(transport))
    }

    fn peer(&self) -> String {
        self.peer.clone()
    }
}

/// `esprov check`; the exit code is 0 when every check passed or was skipped.
pub async fn run(args: &CheckArgs, out: &Output) -> Result<i32, Error> {
    if args.list {
        list(out);
        return Ok(esprov::exit::OK);
    }
    let qr = qr_payload(&args.conn.target)?;
    // On a serial port the suite itself resets the board (before it starts and where a check
    // needs a fresh boot), so the port opens without one; elsewhere opening refuses the flag.
    let mut target = args.conn.target.clone();
    let reset_board =
        target.serial.serial.is_some() && std::mem::take(&mut target.serial.reset_board);
    let mut connector = CliConnector {
        target,
        qr: qr.clone(),
        timing: args.conn.timing,
        peer: String::new(),
    };
    let mut credentials = given_credentials(&args.conn.security, qr.as_ref())?;
    let mut first = connector.connect().await?;
    connector.peer = first.peer();
    let info = fetch_info(&mut first).await?;
    let plan = SecurityPlan::choose(&info, args.conn.security.sec.into())?;
    // A serial port is opened once and shared; other links open a connection per check.
    let shared = if serial(args) {
        Some(SharedLink::new(Box::new(first)))
    } else {
        first.close().await;
        None
    };
    let connector: &dyn Connect = match &shared {
        Some(link) => link,
        None => &connector,
    };
    complete_credentials(&plan, &mut credentials, &args.conn.security)?;
    let mut options = CheckOptions::new(credentials);
    options.security = args.conn.security.sec.into();
    options.wifi = wifi(args)?;
    options.thread = crate::cli::commands::provision_thread::dataset_from(
        args.dataset_tlvs.as_deref(),
        args.dataset_file.as_deref(),
    )?;
    options.bad_passphrase = args.bad_passphrase.as_deref().map(Secret::from);
    options.destructive = args.destructive;
    options.custom = custom(args)?;
    options.max_handshake = args.max_handshake_ms.map(Duration::from_millis);
    options.max_connect = args.max_connect_ms.map(Duration::from_millis);
    options.check_timeout = args.conn.timeout();
    options.reset_board = reset_board;
    options.selection = Selection {
        only: args.only.clone(),
        skip: args.skip.clone(),
    };
    let show_progress = !out.is_json() && !crate::cli::term::quiet();
    let mut progress = |result: &CheckResult| {
        if show_progress {
            eprintln!("{}", progress_line(result));
        }
    };
    let report = check::run(connector, &options, &mut progress).await?;
    if let Some(path) = &args.junit {
        std::fs::write(path, report.to_junit()).map_err(|e| Error::Io {
            context: format!("writing the JUnit report to {}", path.display()),
            source: e,
        })?;
    }
    print_report(out, &report);
    Ok(if report.passed() {
        esprov::exit::OK
    } else {
        esprov::exit::CHECK_FAILED
    })
}

/// Whether the device is on a serial console (one port, opened once).
fn serial(args: &CheckArgs) -> bool {
    args.conn.target.serial.serial.is_some() || args.conn.target.serial.console_manual
}

fn list(out: &Output) {
    out.json(&check::CheckList {
        checks: check::CHECKS,
    });
    let rows: Vec<Vec<String>> = check::CHECKS
        .iter()
        .map(|c| {
            vec![
                c.group.name().to_owned(),
                c.id.to_owned(),
                c.description.to_owned(),
            ]
        })
        .collect();
    out.human(table::render(&["GROUP", "ID", "DESCRIPTION"], &rows).trim_end());
}

/// The access point from `--ssid` and its passphrase, when given.
fn wifi(args: &CheckArgs) -> Result<Option<WifiConfig>, Error> {
    let Some(ssid) = &args.ssid else {
        return Ok(None);
    };
    let passphrase = SecretSource {
        what: "Wi-Fi passphrase",
        flag: "--passphrase",
        value: args.passphrase.as_deref(),
        file: args.passphrase_file.as_deref(),
        env: ENV_PASSPHRASE,
    }
    .given_or_prompt()?;
    let config = WifiConfig::new(ssid.as_bytes(), passphrase);
    config.validate()?;
    Ok(Some(config))
}

/// `--custom-endpoint` with what to send and expect.
fn custom(args: &CheckArgs) -> Result<Option<CustomExpectation>, Error> {
    let Some(endpoint) = &args.custom_endpoint else {
        return Ok(None);
    };
    let expect = match (&args.expect, &args.expect_hex) {
        (Some(text), _) => text.as_bytes().to_vec(),
        (None, Some(hex)) => {
            let clean: String = hex
                .chars()
                .filter(|c| !c.is_whitespace() && *c != ':')
                .collect();
            hex::decode(clean).map_err(|e| Error::Usage(format!("--expect-hex: {e}")))?
        }
        (None, None) => {
            return Err(Error::Usage(
                "--custom-endpoint needs --expect TEXT or --expect-hex HEX".into(),
            ))
        }
    };
    Ok(Some(CustomExpectation {
        endpoint: endpoint.clone(),
        send: args.custom_data.as_bytes().to_vec(),
        expect,
    }))
}

/// One line on stderr as each check ends: a mark, the id and how long it took.
fn progress_line(result: &CheckResult) -> String {
    let mark = match result.result {
        Outcome::Pass => crate::cli::term::green("✔"),
        Outcome::Fail => crate::cli::term::red("✘"),
        Outcome::Skip => crate::cli::term::yellow("–"),
    };
    format!(
        "{mark} {} ({:.0} ms)",
        result.id,
        result.elapsed.as_secs_f64() * 1000.0
    )
}

fn print_report(out: &Output, report: &Report) {
    if out.is_json() {
        out.json(report);
        return;
    }
    let rows: Vec<Vec<String>> = report
        .checks
        .iter()
        .map(|c| {
            vec![
                c.group.name().to_owned(),
                c.id.to_owned(),
                c.result.name().to_uppercase(),
                format!("{:.0} ms", c.elapsed.as_secs_f64() * 1000.0),
                c.detail.clone(),
            ]
        })
        .collect();
    out.human(table::render(&["GROUP", "ID", "RESULT", "TIME", "DETAIL"], &rows).trim_end());
    for check in report
        .checks
        .iter()
        .filter(|c| c.result == Outcome::Fail && !c.log.is_empty())
    {
        let shown = check.log.len().min(LOG_EXCERPT);
        out.human(format!(
            "--- device log around {} (last {shown} of {} lines; --json and --junit have them all)",
            check.id,
            check.log.len()
        ));
        for line in &check.log[check.log.len() - shown..] {
            out.human(line);
        }
    }
    let device = &report.firmware;
    let scheme = match device.sec_ver {
        2 => format!("security 2 patch {}", device.sec_patch_ver),
        n => format!("security {n}"),
    };
    out.human(format!(
        "Firmware at {}: ver {}{}, cap [{}], {scheme}",
        report.device,
        device.ver,
        if device.legacy { " (legacy text)" } else { "" },
        device.cap.join(", ")
    ));
    let s = &report.summary;
    out.human(format!(
        "{} passed, {} failed, {} skipped in {:.1} s",
        s.pass,
        s.fail,
        s.skip,
        report.elapsed.as_secs_f64()
    ));
    for why in &report.board_resets {
        out.human(format!("Board reset: {why}"));
    }
    if let Some(note) = &report.recovery {
        out.human(format!("Before the next run: {note}"));
    }
}
