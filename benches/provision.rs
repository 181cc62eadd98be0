//! `esprov provision` against a local virtual device with zero connect delay, security 1 and 2:
//! wall time and CPU time (user + system of the esprov process) per run.
//!
//! Run with `cargo bench -p esprov --bench provision`; `ESPROV_BENCH_RUNS` sets the run count.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ESPROV: &str = env!("CARGO_BIN_EXE_esprov");
const SSID: &str = "BenchNet";
const PASSPHRASE: &str = "bench-pass-1";

/// A virtual device that keeps provisioning running, so it can be re-provisioned between runs.
struct Sim {
    child: Child,
    addr: String,
}

impl Sim {
    fn start(sec_args: &[&str]) -> Sim {
        let ap = format!("{SSID}:{PASSPHRASE}");
        let mut child = Command::new(ESPROV)
            .args(zero_apply_delay())
            .args([
                "--port",
                "0",
                "--no-mdns",
                "--no-auto-stop",
                "--connect-delay-ms",
                "0",
                "--ap",
                &ap,
            ])
            .args(sec_args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("esprov sim starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut lines = BufReader::new(stdout).lines();
        let addr = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|line| {
                line.split_once(" ready at ")
                    .and_then(|(_, rest)| rest.split_whitespace().next().map(str::to_owned))
            })
            .expect("a ready line");
        std::thread::spawn(move || for _ in lines {});
        Sim { child, addr }
    }
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `--apply-delay-ms 0` where the sim has it: skips ESP-IDF's 1 s wait between ApplyConfig and
/// the connect, which is the device's time, not esprov's.
fn zero_apply_delay() -> Vec<&'static str> {
    let help = Command::new(ESPROV).args(["sim", "--help"]).output();
    let supported =
        help.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("--apply-delay-ms"));
    if supported {
        vec!["sim", "--apply-delay-ms", "0"]
    } else {
        vec!["sim"]
    }
}

/// CPU time (user + system) of all waited-for children so far.
fn children_cpu() -> Duration {
    // SAFETY: getrusage only writes the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: RUSAGE_CHILDREN with a valid pointer.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    if rc != 0 {
        return Duration::ZERO;
    }
    let micros = |tv: libc::timeval| {
        Duration::from_secs(tv.tv_sec as u64) + Duration::from_micros(tv.tv_usec as u64)
    };
    micros(usage.ru_utime) + micros(usage.ru_stime)
}

/// One timed `esprov provision`: (wall, cpu).
fn provision_once(sim: &Sim, creds: &[&str]) -> (Duration, Duration) {
    let cpu_before = children_cpu();
    let started = Instant::now();
    let output = Command::new(ESPROV)
        .args([
            "provision",
            "--device",
            &sim.addr,
            "--ssid",
            SSID,
            "--passphrase",
            PASSPHRASE,
            "--timeout",
            "20",
        ])
        .args(creds)
        .stdin(Stdio::null())
        .output()
        .expect("esprov provision runs");
    let wall = started.elapsed();
    let cpu = children_cpu().saturating_sub(cpu_before);
    assert!(
        output.status.success(),
        "provision failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (wall, cpu)
}

/// Untimed: lets the device take credentials again.
fn reprov(sim: &Sim, creds: &[&str]) {
    let output = Command::new(ESPROV)
        .args(["reprov", "--device", &sim.addr])
        .args(creds)
        .stdin(Stdio::null())
        .output()
        .expect("esprov reprov runs");
    assert!(
        output.status.success(),
        "reprov failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(name: &str, mut samples: Vec<(Duration, Duration)>) {
    samples.sort_by_key(|s| s.0);
    let n = samples.len() as u32;
    let wall_median = samples[samples.len() / 2].0;
    let wall_min = samples[0].0;
    let wall_mean = samples.iter().map(|s| s.0).sum::<Duration>() / n;
    let mut cpu: Vec<Duration> = samples.iter().map(|s| s.1).collect();
    cpu.sort();
    let cpu_median = cpu[cpu.len() / 2];
    let cpu_mean = cpu.iter().sum::<Duration>() / n;
    println!(
        "{name:<24} runs {n:>3}  wall median {:>7.2} ms  mean {:>7.2} ms  min {:>7.2} ms  |  cpu median {:>6.2} ms  mean {:>6.2} ms",
        ms(wall_median), ms(wall_mean), ms(wall_min), ms(cpu_median), ms(cpu_mean)
    );
}

fn bench(name: &str, sim_args: &[&str], creds: &[&str], runs: usize) {
    let sim = Sim::start(sim_args);
    // One warm-up run (page cache, first connection).
    provision_once(&sim, creds);
    reprov(&sim, creds);
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        samples.push(provision_once(&sim, creds));
        reprov(&sim, creds);
    }
    report(name, samples);
}

fn main() {
    // `cargo test --benches` passes `--bench`-less flags; run a short pass then.
    let quick = !std::env::args().any(|a| a == "--bench");
    let runs = std::env::var("ESPROV_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 2 } else { 30 });
    println!("esprov provision against esprov sim (loopback HTTP, connect delay 0)");
    bench(
        "sec1 (PoP)",
        &["--sec", "1", "--pop", "abcd1234"],
        &["--pop", "abcd1234"],
        runs,
    );
    bench(
        "sec2 patch 1 (SRP6a)",
        &[
            "--sec",
            "2",
            "--sec-patch",
            "1",
            "--username",
            "wifiprov",
            "--password",
            "abcd1234",
        ],
        &["--username", "wifiprov", "--password", "abcd1234"],
        runs,
    );
}
