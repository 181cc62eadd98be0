//! `esprov check --reset-board` through the library: a board reset is a real reboot of the
//! virtual device (the `esprov sim` process restarted with the same state directory, as RTS
//! restarts a chip with its NVS intact), so the tests see when the suite resets and that a
//! reset brings a crashed device back. Each device has a loopback address of its own and a
//! reboot takes a fresh port on it, so no other test's sim can answer in its place.

mod common;

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use async_trait::async_trait;
use esprov::check::{self, CheckOptions, Connect, Outcome, Report};
use esprov::provision::WifiConfig;
use esprov::transport::http::HttpOptions;
use esprov::{Credentials, Error, HttpTransport, Secret, Transport};

use common::Sim;

const POP: &str = "abcd1234";

/// A device whose `reset_board` reboots it.
struct RebootingSim {
    args: Vec<String>,
    addr: Mutex<String>,
    sim: Mutex<Option<Sim>>,
    resets: AtomicUsize,
    _state: TempDir,
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl RebootingSim {
    fn start(extra: &[&str]) -> Self {
        let state = std::env::temp_dir().join(format!(
            "esprov-check-reset-{}-{}",
            std::process::id(),
            rand::random::<u32>()
        ));
        std::fs::create_dir_all(&state).expect("state dir");
        let mut args: Vec<String> = [
            "--sec",
            "1",
            "--pop",
            POP,
            "--ap",
            "Office-5G:office-pass",
            "--connect-delay-ms",
            "100",
            "--apply-delay-ms",
            "100",
            "--no-auto-stop",
            "--no-mdns",
            "--state-dir",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        args.push(state.display().to_string());
        args.extend(["--bind".to_owned(), common::private_loopback()]);
        args.extend(extra.iter().map(|s| s.to_string()));
        let sim = Self::boot(&args);
        let addr = Mutex::new(sim.addr.clone());
        RebootingSim {
            args,
            addr,
            sim: Mutex::new(Some(sim)),
            resets: AtomicUsize::new(0),
            _state: TempDir(state),
        }
    }

    fn boot(args: &[String]) -> Sim {
        let mut all = vec!["--port", "0"];
        all.extend(args.iter().map(String::as_str));
        Sim::start_raw(&all, &[])
    }

    fn addr(&self) -> String {
        self.addr.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

#[async_trait]
impl Connect for RebootingSim {
    async fn connect(&self) -> Result<Box<dyn Transport>, Error> {
        Ok(Box::new(HttpTransport::new(
            &self.addr(),
            HttpOptions::default(),
        )?))
    }

    fn peer(&self) -> String {
        self.addr()
    }

    async fn reset_board(&self) -> Result<bool, Error> {
        tokio::task::block_in_place(|| {
            let mut slot = self.sim.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(old) = slot.take() {
                old.stop();
            }
            let sim = Self::boot(&self.args);
            *self.addr.lock().unwrap_or_else(|e| e.into_inner()) = sim.addr.clone();
            *slot = Some(sim);
        });
        self.resets.fetch_add(1, Ordering::SeqCst);
        Ok(true)
    }
}

fn options() -> CheckOptions {
    let mut options = CheckOptions::new(Credentials {
        pop: Some(Secret::from(POP)),
        ..Credentials::default()
    });
    options.wifi = Some(WifiConfig::new("Office-5G", Secret::from("office-pass")));
    options.destructive = true;
    options.check_timeout = Duration::from_secs(20);
    options.reset_board = true;
    options
}

async fn run(device: &RebootingSim) -> Report {
    check::run(device, &options(), &mut |_| {})
        .await
        .expect("the suite runs")
}

fn ids(report: &Report, outcome: Outcome) -> Vec<&'static str> {
    report
        .checks
        .iter()
        .filter(|c| c.result == outcome)
        .map(|c| c.id)
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_board_is_reset_before_the_suite_and_after_the_robustness_group() {
    let device = RebootingSim::start(&[]);
    let report = run(&device).await;
    assert_eq!(
        report.board_resets,
        ["before the suite", "after the robustness group"]
    );
    assert_eq!(device.resets.load(Ordering::SeqCst), 2);
    assert!(ids(&report, Outcome::Fail).is_empty(), "{report:#?}");
    // The Wi-Fi group ran on the rebooted device, to the end.
    assert!(ids(&report, Outcome::Pass).contains(&"wifi.connects"));
    assert!(ids(&report, Outcome::Pass).contains(&"wifi.reprov"));
}

#[tokio::test(flavor = "multi_thread")]
async fn without_reset_board_nothing_is_reset() {
    let device = RebootingSim::start(&[]);
    let mut options = options();
    options.reset_board = false;
    options.selection.only = vec![
        "version".into(),
        "robustness".into(),
        "session.handshake".into(),
    ];
    let report = check::run(&device, &options, &mut |_| {})
        .await
        .expect("the suite runs");
    assert!(report.board_resets.is_empty());
    assert_eq!(device.resets.load(Ordering::SeqCst), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_crashed_board_is_reset_and_the_suite_goes_on() {
    let device = RebootingSim::start(&["--fault", "crash-on-oversize"]);
    let report = run(&device).await;
    assert_eq!(
        ids(&report, Outcome::Fail),
        ["robustness.oversized-body"],
        "{report:#?}"
    );
    assert_eq!(
        report.board_resets,
        [
            "before the suite",
            "robustness.oversized-body left the device not answering",
            "after the robustness group",
        ]
    );
    // Nothing after the crash is skipped as "stopped answering": the reset brought it back.
    assert!(
        report
            .checks
            .iter()
            .all(|c| !c.detail.contains("stopped answering")),
        "{report:#?}"
    );
    assert!(ids(&report, Outcome::Pass).contains(&"wifi.connects"));
    assert!(report
        .recovery
        .as_deref()
        .is_some_and(|r| !r.contains("power-cycle")));
}
