//! The scheduler and a whole run against a scripted fake provisioner.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;

use super::*;
use crate::provision::PhaseTimings;
use crate::Error;

/// Scripted outcomes per device (by port), and the concurrency it saw.
#[derive(Default)]
struct Fake {
    script: Mutex<HashMap<String, Vec<Result<(), Error>>>>,
    starts: Mutex<Vec<(String, Start)>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    ble_in_flight: AtomicUsize,
    max_ble: AtomicUsize,
}

#[async_trait]
impl Provisioner for Fake {
    async fn attempt(
        &self,
        job: &Job,
        start: Start,
        _: Duration,
        mark: &mut (dyn FnMut(Mark) + Send),
    ) -> Attempt {
        let ble = job.target.is_ble();
        let now = self.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
        self.max_in_flight.fetch_max(now, Ordering::SeqCst);
        if ble {
            let b = self.ble_in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            self.max_ble.fetch_max(b, Ordering::SeqCst);
        }
        self.starts
            .lock()
            .expect("lock")
            .push((job.device.clone(), start));
        mark(Mark::SessionReady);
        tokio::time::sleep(Duration::from_millis(5)).await;
        mark(Mark::ConfigApplied);
        let next = self
            .script
            .lock()
            .expect("lock")
            .get_mut(&job.device)
            .and_then(|s| (!s.is_empty()).then(|| s.remove(0)));
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        if ble {
            self.ble_in_flight.fetch_sub(1, Ordering::SeqCst);
        }
        Attempt::plain(next.unwrap_or(Ok(())).map(|()| Success {
            ip: Some("10.0.0.9".into()),
            thread: None,
            timings: PhaseTimings::default(),
        }))
    }
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("esprov-batch-unit-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn options(dir: &std::path::Path, resume: bool) -> BatchOptions {
    BatchOptions {
        manifest: dir.join("m.csv"),
        report: dir.join("r.jsonl"),
        resume,
        scheduler: SchedulerOptions {
            concurrency: 4,
            ble_per_adapter: 1,
            retry: RetryPolicy {
                transient: 2,
                backoff: Duration::from_millis(1),
            },
            timeout: Duration::from_secs(5),
        },
        group_commit: true,
        stop: Default::default(),
    }
}

fn records(path: &std::path::Path) -> Vec<Record> {
    let text = std::fs::read_to_string(path).expect("report");
    text.lines()
        .map(|l| serde_json::from_str(l).expect("record"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retries_follow_the_failure_class_and_every_attempt_is_recorded() {
    let dir = temp("retries");
    let mut manifest = String::from("device,ssid,passphrase,label\n");
    for port in 1..=20 {
        manifest.push_str(&format!("127.0.0.1:{port},Home,password1,L{port}\n"));
    }
    manifest.push_str("ble:A,Home,password1,\nble:B,Home,password1,\n");
    std::fs::write(dir.join("m.csv"), manifest).expect("write");
    let fake = Arc::new(Fake::default());
    let lost = || Error::TransportLost {
        peer: "x".into(),
        reason: "reset".into(),
    };
    fake.script.lock().expect("lock").extend([
        ("127.0.0.1:1".to_owned(), vec![Err(lost()), Ok(())]),
        (
            "127.0.0.1:2".to_owned(),
            vec![Err(lost()), Err(lost()), Err(lost())],
        ),
        (
            "127.0.0.1:3".to_owned(),
            vec![Err(Error::WifiAuth), Err(Error::WifiAuth)],
        ),
        (
            "127.0.0.1:4".to_owned(),
            vec![Err(Error::Security("wrong".into()))],
        ),
    ]);
    let outcome = run_batch(&options(&dir, false), fake.clone(), Arc::new(Silent))
        .await
        .expect("runs");
    let all = records(&dir.join("r.jsonl"));
    let count = |d: &str| all.iter().filter(|r| r.device == d).count();
    assert_eq!(
        (
            count("127.0.0.1:1"),
            count("127.0.0.1:2"),
            count("127.0.0.1:3"),
            count("127.0.0.1:4")
        ),
        (2, 3, 2, 1)
    );
    let finals: Vec<&Record> = all.iter().filter(|r| r.is_final).collect();
    assert_eq!(finals.len(), 22, "one final record per device");
    let final_of = |d: &str| {
        finals
            .iter()
            .find(|r| r.device == d)
            .map(|r| r.result.clone())
    };
    assert_eq!(final_of("127.0.0.1:1").as_deref(), Some("ok"));
    assert_eq!(final_of("127.0.0.1:2").as_deref(), Some("transport_lost"));
    assert_eq!(final_of("127.0.0.1:3").as_deref(), Some("wifi_auth_error"));
    assert_eq!(final_of("127.0.0.1:4").as_deref(), Some("security"));
    let starts = fake.starts.lock().expect("lock").clone();
    assert!(starts.contains(&("127.0.0.1:3".to_owned(), Start::AfterWifiFailure)));
    assert!(fake.max_in_flight.load(Ordering::SeqCst) <= 4);
    assert_eq!(fake.max_ble.load(Ordering::SeqCst), 1);
    assert_eq!(outcome.summary.ok, 19);
    assert_eq!(
        outcome.summary.exit_code,
        crate::exit::BATCH_TIE,
        "three reasons tied at one each"
    );
    assert!(all.iter().any(|r| r.label.as_deref() == Some("L7")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resume_skips_ok_devices_and_counts_attempts_on() {
    let dir = temp("resume");
    std::fs::write(
        dir.join("m.csv"),
        "device,ssid\n127.0.0.1:1,Home\n127.0.0.1:2,Home\n127.0.0.1:3,Home\n",
    )
    .expect("write");
    let done = "{\"device\":\"127.0.0.1:1\",\"attempt\":1,\"result\":\"ok\",\"code\":0,\"total_ms\":1.0,\"final\":true,\"ts_ms\":0}\n";
    let failed = "{\"device\":\"127.0.0.1:2\",\"attempt\":2,\"result\":\"timeout\",\"code\":8,\"total_ms\":1.0,\"final\":true,\"ts_ms\":0}\n";
    std::fs::write(
        dir.join("r.jsonl"),
        format!("{done}{failed}{{\"device\":\"127.0.0.1:3\",\"at"),
    )
    .expect("write");
    assert!(
        run_batch(
            &options(&dir, false),
            Arc::new(Fake::default()),
            Arc::new(Silent)
        )
        .await
        .is_err(),
        "an existing report needs --resume"
    );
    let fake = Arc::new(Fake::default());
    let outcome = run_batch(&options(&dir, true), fake.clone(), Arc::new(Silent))
        .await
        .expect("resumes");
    assert_eq!(
        (
            outcome.summary.skipped,
            outcome.summary.ok,
            outcome.summary.exit_code
        ),
        (1, 2, 0)
    );
    assert!(outcome.repaired_bytes > 0);
    let all = records(&dir.join("r.jsonl"));
    assert_eq!(
        all.len(),
        4,
        "the partial line is gone, two records appended"
    );
    let second = all
        .iter()
        .find(|r| r.device == "127.0.0.1:2" && r.is_final_ok())
        .expect("device 2 ok");
    assert_eq!(second.attempt, 3);
    let starts = fake.starts.lock().expect("lock").clone();
    assert!(starts
        .iter()
        .all(|(d, s)| d != "127.0.0.1:1" && *s == Start::Resumed));
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_bad_manifest_runs_nothing_and_names_the_line() {
    let dir = temp("bad");
    std::fs::write(
        dir.join("m.csv"),
        "device,ssid\n127.0.0.1:1,Home\n127.0.0.1:2,\n",
    )
    .expect("write");
    let fake = Arc::new(Fake::default());
    let err = run_batch(&options(&dir, false), fake.clone(), Arc::new(Silent))
        .await
        .expect_err("refused");
    let message = err.to_string();
    assert!(
        message.contains("m.csv:3") && message.contains("ssid"),
        "{message}"
    );
    assert_eq!(err.exit_code(), crate::exit::USAGE);
    assert!(fake.starts.lock().expect("lock").is_empty());
    assert!(!dir.join("r.jsonl").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
