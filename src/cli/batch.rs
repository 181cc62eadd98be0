//! `esprov batch`: the arguments, the progress display and the summary; the work is `esprov::batch`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use esprov::batch::progress::{JsonEvents, PlainLines, TtyProgress};
use std::sync::atomic::{AtomicBool, Ordering};

use esprov::batch::{
    plan_batch, run_batch, BatchOptions, BatchOutcome, LiveProvisioner, Observer, RetryPolicy,
    SchedulerOptions, BATCH_POLL,
};
use esprov::contract::BatchSummaryLine;
use esprov::provision::PollPolicy;
use esprov::Error;

use super::help;
use super::target::{parse_secs, SecArg};

/// How `esprov batch` chooses its exit code; README.md ("Factory provisioning") says more.
const BATCH_EXIT_HELP: &str = "\
Exit code: 0 only when every device is ok; otherwise the code of the most common failure
(3 unreachable, 4 security, 5 rejected, 6 Wi-Fi auth error, 7 AP not found, 8 timeout,
9 unsupported); 10 when two failure reasons tie; 11 when devices were left unfinished
(interrupted: the summary prints the --resume command); 1 when the report cannot be written;
2 when the manifest or the arguments are wrong (nothing is sent).";

/// Provision every device of a manifest, a few at a time, with a durable JSON Lines report.
#[derive(Debug, clap::Args)]
#[command(after_help = format!("{}\n\n{BATCH_EXIT_HELP}", help::BATCH_EXAMPLES))]
pub struct BatchArgs {
    /// CSV with a header, or JSON Lines; columns device, ssid, passphrase, pop, username, password, label, timeout.
    pub manifest: PathBuf,
    /// The report: one JSON line per attempt, fsynced as written.
    #[arg(long, default_value = "esprov-report.jsonl", value_name = "FILE", help_heading = help::BATCH)]
    pub report: PathBuf,
    /// Devices provisioned at once.
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=4096), help_heading = help::BATCH)]
    pub concurrency: u16,
    /// BLE devices provisioned at once per adapter.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=64), help_heading = help::BATCH)]
    pub ble_per_adapter: u16,
    /// Continue the report: skip devices already ok, run the rest.
    #[arg(long, help_heading = help::BATCH)]
    pub resume: bool,
    /// Retries of transient failures (unreachable, connection lost, timeout); BLE connects: --ble-retries.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(0..=20), help_heading = help::BATCH)]
    pub retries: u32,
    /// Bound on one attempt, in seconds, for rows without a `timeout` column.
    #[arg(long, value_name = "SECS", default_value_t = 60.0, value_parser = parse_secs, help_heading = help::TIMING)]
    pub timeout: f64,
    /// Security scheme for every row: `auto` decides from each device's proto-ver.
    #[arg(long, value_enum, default_value_t = SecArg::Auto, help_heading = help::SECURITY)]
    pub sec: SecArg,
    /// Wait this long after ApplyConfig before the first GetStatus, then poll every 100 ms
    /// (ESP-IDF v4.1+ starts joining 1 s after ApplyConfig; 0 for firmware that joins at once).
    #[arg(long, value_name = "MS", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(0..=60_000), help_heading = help::TIMING)]
    pub status_delay_ms: u64,
    /// Validate the manifest and the report and print the plan; contact no device.
    #[arg(long, help_heading = help::BATCH)]
    pub check: bool,
    /// Stream events and the summary as NDJSON on stdout.
    #[arg(long, help_heading = help::OUTPUT)]
    pub json: bool,
    /// One write + fsync per record instead of group commit (for measuring).
    #[arg(long, hide = true)]
    pub no_group_commit: bool,
}

/// Runs `esprov batch` on its own multi-threaded runtime and returns the exit code.
pub fn run(args: BatchArgs) -> i32 {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build();
    if args.check {
        return match plan_batch(&options(&args)) {
            Ok(plan) => {
                super::batch_check::print(&args, &plan);
                esprov::exit::OK
            }
            Err(error) => super::report::report(&error, args.json),
        };
    }
    let outcome = match runtime {
        Ok(rt) => rt.block_on(go(&args)),
        Err(e) => Err(Error::Io {
            context: "starting the async runtime".into(),
            source: e,
        }),
    };
    match outcome {
        Ok(outcome) => {
            print_summary(&args, &outcome);
            outcome.summary.exit_code
        }
        Err(error) => super::report::report(&error, args.json),
    }
}

/// The library's options for these arguments.
fn options(args: &BatchArgs) -> BatchOptions {
    BatchOptions {
        manifest: args.manifest.clone(),
        report: args.report.clone(),
        resume: args.resume,
        scheduler: SchedulerOptions {
            concurrency: usize::from(args.concurrency),
            ble_per_adapter: usize::from(args.ble_per_adapter),
            retry: RetryPolicy {
                transient: args.retries,
                ..RetryPolicy::default()
            },
            timeout: Duration::from_secs_f64(args.timeout),
        },
        group_commit: !args.no_group_commit,
        stop: Default::default(),
    }
}

async fn go(args: &BatchArgs) -> Result<BatchOutcome, Error> {
    let options = options(args);
    let interrupt = tokio::spawn(on_interrupt(options.stop.clone()));
    let first = Duration::from_millis(args.status_delay_ms);
    let provisioner = LiveProvisioner {
        security: args.sec.into(),
        poll: PollPolicy {
            first,
            // The first pause is capped by `max`; with `factor` 1 the rest stay at `initial`.
            max: BATCH_POLL.max.max(first),
            ..BATCH_POLL
        },
    };
    let outcome = run_batch(&options, Arc::new(provisioner), observer(args.json)).await;
    interrupt.abort();
    outcome
}

/// The first Ctrl-C starts no further device (attempts in flight finish and are recorded, then
/// the summary names the `--resume` command); a second one quits at once.
async fn on_interrupt(stop: Arc<AtomicBool>) {
    if tokio::signal::ctrl_c().await.is_err() {
        return;
    }
    stop.store(true, Ordering::SeqCst);
    eprintln!(
        "{} interrupted: finishing the devices in flight (Ctrl-C again to quit at once; the report keeps every finished attempt)",
        super::term::yellow("warning:")
    );
    if tokio::signal::ctrl_c().await.is_ok() {
        std::process::exit(130);
    }
}

/// NDJSON for `--json`, bars on a terminal (unless `-q`), plain lines otherwise.
fn observer(json: bool) -> Arc<dyn Observer> {
    if json {
        Arc::new(JsonEvents)
    } else if super::term::spinners() {
        Arc::new(TtyProgress::new())
    } else {
        Arc::new(PlainLines)
    }
}

fn print_summary(args: &BatchArgs, outcome: &BatchOutcome) {
    let s = &outcome.summary;
    let w = &outcome.writer;
    let resume = (s.exit_code != esprov::exit::OK).then(resume_command);
    if args.json {
        esprov::contract::print(&BatchSummaryLine {
            event: "summary".into(),
            report: args.report.display().to_string(),
            resume,
            writer: w.into(),
            summary: s.clone(),
        });
        return;
    }
    let failed: usize = s.failed.values().sum();
    let reasons: Vec<String> = s.failed.iter().map(|(r, n)| format!("{r} {n}")).collect();
    let reasons = if reasons.is_empty() {
        String::new()
    } else {
        format!(" ({})", reasons.join(", "))
    };
    let skipped = if s.skipped > 0 {
        format!("; {} skipped (already ok)", s.skipped)
    } else {
        String::new()
    };
    let unfinished = if s.unfinished > 0 {
        format!("; {} not started (interrupted)", s.unfinished)
    } else {
        String::new()
    };
    println!(
        "Summary: {} ok, {failed} failed{reasons}{skipped}{unfinished}",
        s.ok
    );
    println!(
        "  {} devices in {:.1} s: {:.1} devices/s; per device p50 {:.0} ms, p95 {:.0} ms",
        s.ok + failed,
        s.elapsed_ms.0 / 1e3,
        s.devices_per_s,
        s.p50_ms.0,
        s.p95_ms.0
    );
    println!(
        "  report: {} ({} records, {} fsyncs)",
        args.report.display(),
        w.records,
        w.commits
    );
    if outcome.repaired_bytes > 0 {
        println!(
            "  cut a partial last line ({} bytes) from the report before resuming",
            outcome.repaired_bytes
        );
    }
    if s.exit_code != 0 {
        println!(
            "exit code {}: see README, \"Factory provisioning\"",
            s.exit_code
        );
    }
    if let Some(resume) = resume {
        println!("  to continue: {resume}");
    }
}

/// This very command line with `--resume`, quoted for a POSIX shell.
fn resume_command() -> String {
    let mut words: Vec<String> = std::env::args()
        .filter(|a| a != "--resume")
        .map(|a| shell_quote(&a))
        .collect();
    if let Some(first) = words.first_mut() {
        *first = "esprov".into();
    }
    words.push("--resume".into());
    words.join(" ")
}

/// `word` as one POSIX shell word.
fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}
