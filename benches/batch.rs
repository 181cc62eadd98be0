//! Factory benchmark: `esprov batch` against 200 virtual sec2 devices at concurrency 32, with
//! devices/s, CPU per device on each side, and the SRP crypto bound for the same work on 2 cores.
//! Then where the time goes: crypto per role, the scheduler's own cost, and fsync with and
//! without group commit.
//!
//! `cargo bench --bench batch` (`ESPROV_BENCH_DEVICES`, `ESPROV_BENCH_CONCURRENCY` override).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use esprov::batch::{
    run_batch, Attempt, BatchOptions, Job, Mark, Provisioner, RetryPolicy, SchedulerOptions,
    Silent, Start, Success,
};
use esprov::proto::security::{
    initiator, responder, srp, InitiatorConfig, ResponderConfig, SaltMode,
};
use rand::rngs::StdRng;
use rand::SeedableRng;

const ESPROV: &str = env!("CARGO_BIN_EXE_esprov");
const CORES: f64 = 2.0;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` lists; there is nothing quick to list.
    }
    let devices = env_or("ESPROV_BENCH_DEVICES", 200);
    let concurrency = env_or("ESPROV_BENCH_CONCURRENCY", 32);
    let dir = std::env::temp_dir().join(format!("esprov-bench-batch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");

    let crypto = crypto_per_device(40);
    println!(
        "crypto (thread CPU time): sec2 handshake client {:.2} ms + device {:.2} ms = {:.2} ms per device",
        ms(crypto.0),
        ms(crypto.1),
        ms(crypto.0 + crypto.1)
    );
    let crypto_total = crypto.0 + crypto.1;
    let bound = CORES / crypto_total.as_secs_f64();
    println!("crypto bound on {CORES} cores: {bound:.1} devices/s");

    // (concurrency, group commit, ESP-IDF's 1 s from ApplyConfig to joining)
    let configs = [
        (concurrency, true, true),
        (concurrency, false, true),
        (devices, true, true),
        (concurrency, true, false),
    ];
    for (concurrency, group, idf_delay) in configs {
        let run = fleet_run(&dir, devices, concurrency, group, idf_delay);
        let label = match (group, idf_delay) {
            (true, true) => "group commit",
            (false, _) => "fsync per record",
            (true, false) => "group commit, sim --apply-delay-ms 0, batch --status-delay-ms 0",
        };
        println!(
            "batch ({label}): {} devices, concurrency {concurrency}: {:.2} s, {:.1} devices/s ({:.2}x below the crypto bound)",
            run.ok,
            run.wall.as_secs_f64(),
            run.per_s,
            bound / run.per_s
        );
        let min_latency = run.min_ms / 1e3;
        println!(
            "  latency bound: concurrency / fastest device = {concurrency} / {min_latency:.3} s = {:.1} devices/s (ESP-IDF joins 1 s after ApplyConfig)",
            concurrency as f64 / min_latency
        );
        println!(
            "  CPU per device: client {:.2} ms, sim {:.2} ms; p50 {:.0} ms, p95 {:.0} ms per device",
            ms(run.client_cpu) / run.ok as f64,
            ms(run.sim_cpu) / run.ok as f64,
            run.p50_ms,
            run.p95_ms
        );
        let per_device = (run.client_cpu + run.sim_cpu).as_secs_f64() / run.ok as f64;
        println!(
            "  CPU bound of this run: {CORES} cores / {:.2} ms = {:.1} devices/s; CPU per device is {:.2}x the crypto alone",
            per_device * 1e3,
            CORES / per_device,
            per_device / crypto_total.as_secs_f64()
        );
        let used = (run.client_cpu + run.sim_cpu).as_secs_f64() / (run.wall.as_secs_f64() * CORES);
        println!(
            "  batch + sim used {:.0}% of {CORES} cores (load average {:.1} at the end: other processes share the machine)",
            used * 100.0,
            load_average()
        );
        println!(
            "  phases (median): session {:.1} ms, config {:.1} ms, connect {:.1} ms",
            run.session_ms, run.config_ms, run.connect_ms
        );
        println!(
            "  report: {} records in {} fsyncs, {:.1} ms in fsync, {:.1} ms in write",
            run.records, run.commits, run.sync_ms, run.write_ms
        );
    }

    for group in [true, false] {
        let (per_device, commits) = scheduler_only(&dir, 5_000, concurrency, group);
        let label = if group {
            "group commit"
        } else {
            "fsync per record"
        };
        println!(
            "scheduler alone ({label}, zero-cost devices): {:.1} µs per device, {commits} fsyncs for 5000 records",
            per_device.as_secs_f64() * 1e6
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// This thread's CPU time: unlike wall time, it does not grow when other processes share the cores.
fn thread_cpu() -> Duration {
    // SAFETY: clock_gettime writes into the zeroed struct we pass.
    let ts = unsafe {
        let mut ts: libc::timespec = std::mem::zeroed();
        libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts);
        ts
    };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Mean CPU of one sec2 handshake per role (client, device), timed separately in thread CPU time.
fn crypto_per_device(rounds: u32) -> (Duration, Duration) {
    let mut rng = StdRng::seed_from_u64(7);
    let salt = b"0123456789abcdef".to_vec();
    let verifier = srp::verifier(&srp::x(&salt, b"wifiprov", b"abcd1234", SaltMode::Full));
    let (mut client_time, mut device_time) = (Duration::ZERO, Duration::ZERO);
    for _ in 0..rounds {
        let mut client = initiator(InitiatorConfig::Sec2 {
            username: b"wifiprov".to_vec(),
            password: b"abcd1234".to_vec(),
            patch: 1,
            salt_mode: SaltMode::Full,
        });
        let mut device = responder(ResponderConfig::Sec2 {
            salt: salt.clone(),
            verifier: verifier.clone(),
            patch: 1,
        });
        let mut response: Option<Vec<u8>> = None;
        loop {
            let t = thread_cpu();
            let request = client
                .step(response.as_deref(), &mut rng)
                .expect("client step");
            client_time += thread_cpu().saturating_sub(t);
            let Some(request) = request else { break };
            let t = thread_cpu();
            response = Some(device.handle(&request, &mut rng).expect("device step"));
            device_time += thread_cpu().saturating_sub(t);
        }
    }
    (client_time / rounds, device_time / rounds)
}

/// One measured fleet run.
struct FleetRun {
    ok: usize,
    wall: Duration,
    per_s: f64,
    client_cpu: Duration,
    sim_cpu: Duration,
    p50_ms: f64,
    p95_ms: f64,
    min_ms: f64,
    session_ms: f64,
    config_ms: f64,
    connect_ms: f64,
    records: u64,
    commits: u64,
    sync_ms: f64,
    write_ms: f64,
}

fn fleet_run(
    dir: &Path,
    devices: usize,
    concurrency: usize,
    group: bool,
    idf_delay: bool,
) -> FleetRun {
    let tag = format!(
        "{}-{concurrency}-{idf_delay}",
        if group { "group" } else { "single" }
    );
    let tag = tag.as_str();
    let (mut sim, addresses) = start_sim(dir, devices, tag, if idf_delay { "1000" } else { "0" });
    let manifest = dir.join(format!("fleet-{tag}.csv"));
    let mut text = String::from("device,ssid,passphrase,username,password\n");
    for a in &addresses {
        text.push_str(&format!("{a},HomeNetwork,rightpass,wifiprov,abcd1234\n"));
    }
    std::fs::write(&manifest, text).expect("manifest");
    let report = dir.join(format!("fleet-{tag}.jsonl"));
    let sim_before = proc_cpu(sim.id());
    let mut command = Command::new(ESPROV);
    command
        .arg("batch")
        .arg(&manifest)
        .arg("--report")
        .arg(&report)
        .args([
            "--concurrency",
            &concurrency.to_string(),
            "--json",
            "--timeout",
            "60",
        ]);
    if !group {
        command.arg("--no-group-commit");
    }
    if !idf_delay {
        command.args(["--status-delay-ms", "0"]);
    }
    let started = Instant::now();
    let (output, client_cpu) = run_measured(command);
    let wall = started.elapsed();
    let sim_cpu = proc_cpu(sim.id()).saturating_sub(sim_before);
    let _ = sim.kill();
    let _ = sim.wait();
    let summary = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|v| v["event"] == "summary")
        .unwrap_or_else(|| panic!("no summary: {}", String::from_utf8_lossy(&output.stderr)));
    if !output.status.success() {
        // A loaded machine can push a device past its bounds; say so and measure the rest.
        println!("  (not every device ok: failed {})", summary["failed"]);
    }
    let records: Vec<serde_json::Value> = std::fs::read_to_string(&report)
        .expect("report")
        .lines()
        .map(|l| serde_json::from_str(l).expect("record"))
        .collect();
    let median = |field: &str| {
        let mut v: Vec<f64> = records.iter().filter_map(|r| r[field].as_f64()).collect();
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    let f = |v: &serde_json::Value| v.as_f64().unwrap_or(0.0);
    let min_ms = records
        .iter()
        .filter_map(|r| r["total_ms"].as_f64())
        .fold(f64::INFINITY, f64::min);
    FleetRun {
        ok: summary["ok"].as_u64().unwrap_or(0) as usize,
        wall,
        per_s: f(&summary["devices_per_s"]),
        client_cpu,
        sim_cpu,
        p50_ms: f(&summary["p50_ms"]),
        p95_ms: f(&summary["p95_ms"]),
        min_ms,
        session_ms: median("session_ms"),
        config_ms: median("config_ms"),
        connect_ms: median("connect_ms"),
        records: summary["writer"]["records"].as_u64().unwrap_or(0),
        commits: summary["writer"]["commits"].as_u64().unwrap_or(0),
        sync_ms: f(&summary["writer"]["sync_ms"]),
        write_ms: f(&summary["writer"]["write_ms"]),
    }
}

fn start_sim(dir: &Path, devices: usize, tag: &str, apply_delay_ms: &str) -> (Child, Vec<String>) {
    let mut sim = Command::new(ESPROV)
        .args([
            "sim",
            "--count",
            &devices.to_string(),
            "--port",
            "0",
            "--sec",
            "2",
            "--connect-delay-ms",
            "0",
        ])
        .args(["--apply-delay-ms", apply_delay_ms])
        .args(["--no-mdns", "--json", "--ap", "HomeNetwork:rightpass"])
        .arg("--state-dir")
        .arg(dir.join(format!("sim-{tag}")))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start sim");
    let stdout = sim.stdout.take().expect("stdout");
    let mut addresses = Vec::new();
    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
        let ready: serde_json::Value = serde_json::from_str(&line).expect("ready line");
        addresses.push(ready["device"].as_str().expect("device").to_owned());
        if addresses.len() == devices {
            break;
        }
    }
    assert_eq!(addresses.len(), devices, "the sim started every device");
    (sim, addresses)
}

/// The 1-minute load average.
fn load_average() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|t| t.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0)
}

/// Runs a child to completion and returns its output and CPU (user + system, from getrusage).
fn run_measured(mut command: Command) -> (std::process::Output, Duration) {
    let before = children_cpu();
    let output = command.stdin(Stdio::null()).output().expect("run batch");
    (output, children_cpu().saturating_sub(before))
}

fn children_cpu() -> Duration {
    // SAFETY: getrusage writes into the zeroed struct we pass and reads nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let tv = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// utime + stime of a running process, from /proc/PID/stat.
fn proc_cpu(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|i| fields.get(*i)?.parse::<u64>().ok())
        .sum();
    // SAFETY: sysconf only reads a configuration value.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Duration::from_millis(ticks * 1000 / hz)
}

/// A provisioner that does nothing: what is left is the scheduler, the tasks and the report.
struct Instant0;

#[async_trait]
impl Provisioner for Instant0 {
    async fn attempt(
        &self,
        _: &Job,
        _: Start,
        _: Duration,
        mark: &mut (dyn FnMut(Mark) + Send),
    ) -> Attempt {
        mark(Mark::SessionReady);
        mark(Mark::ConfigApplied);
        tokio::task::yield_now().await;
        Attempt::plain(Ok(Success {
            ip: Some("10.0.0.1".into()),
            thread: None,
            timings: Default::default(),
        }))
    }
}

/// The scheduler's own cost per device: zero-cost devices, a real fsynced report.
fn scheduler_only(dir: &Path, devices: usize, concurrency: usize, group: bool) -> (Duration, u64) {
    let tag = if group { "group" } else { "single" };
    let manifest: PathBuf = dir.join(format!("sched-{tag}.csv"));
    let mut text = String::from("device,ssid,passphrase\n");
    for i in 0..devices {
        text.push_str(&format!(
            "10.{}.{}.{}:80,HomeNetwork,rightpass\n",
            i / 65536,
            (i / 256) % 256,
            i % 256
        ));
    }
    std::fs::write(&manifest, text).expect("manifest");
    let options = BatchOptions {
        manifest,
        report: dir.join(format!("sched-{tag}.jsonl")),
        resume: false,
        scheduler: SchedulerOptions {
            concurrency,
            ble_per_adapter: 1,
            retry: RetryPolicy::default(),
            timeout: Duration::from_secs(5),
        },
        group_commit: group,
        stop: Default::default(),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let started = Instant::now();
    let outcome = runtime
        .block_on(run_batch(&options, Arc::new(Instant0), Arc::new(Silent)))
        .expect("run");
    let elapsed = started.elapsed();
    assert_eq!(outcome.summary.ok, devices);
    (elapsed / devices as u32, outcome.writer.commits)
}
