//! The Thread pick list (esp_prov's flow) on a real terminal: with neither `--ssid` nor a dataset,
//! a `thread_scan` device's networks are listed, the user picks one and types its network key
//! (hidden), and esprov builds the dataset from the pick. Without a terminal: a usage error.

mod common;

use std::time::Duration;

use common::pty::PtyRun;
use common::{run, Sim};

/// The sim's default network `OpenThread-1234` has this key (firmware/sim/src/thread.rs).
const KEY: &str = "00112233445566778899aabbccddeeff";

fn thread_sim() -> Sim {
    Sim::start(&[
        "--network",
        "thread",
        "--connect-delay-ms",
        "50",
        "--apply-delay-ms",
        "50",
    ])
}

fn provision_args(sim: &Sim) -> Vec<&str> {
    let mut args = vec!["provision"];
    args.extend_from_slice(&sim.device());
    args.extend_from_slice(&[
        "--username",
        "wifiprov",
        "--password",
        "abcd1234",
        "--timeout",
        "30",
    ]);
    args
}

#[test]
fn a_thread_device_offers_its_networks_and_asks_for_the_network_key() {
    let sim = thread_sim();
    let mut pty = PtyRun::start(&provision_args(&sim));
    let screen = pty.wait_for("Network number (0 to scan again)", Duration::from_secs(30));
    assert!(screen.contains("OpenThread-1234"), "{screen}");
    assert!(screen.contains("Neighbor-Mesh"), "{screen}");
    // A number off the list is said so, and asked again.
    pty.type_text("9\n");
    pty.wait_for("No network 9.", Duration::from_secs(10));
    // The list is shown again (a fresh scan) before the next answer is read.
    let prompt = "Network number (0 to scan again)";
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while String::from_utf8_lossy(&pty.seen).matches(prompt).count() < 2 {
        assert!(std::time::Instant::now() < deadline, "no second prompt");
        pty.drain_for(Duration::from_millis(50));
    }
    let row = screen
        .lines()
        .find(|l| l.contains("OpenThread-1234"))
        .expect("the network's row");
    let number = row.split_whitespace().next().expect("a row number");
    pty.type_text(&format!("{number}\n"));
    pty.wait_for(
        "Thread network key (32 hex digits)",
        Duration::from_secs(10),
    );
    pty.type_text(&format!("{KEY}\n"));
    let (code, stdout, screen) = pty.finish(Duration::from_secs(30));
    assert_eq!(code, 0, "{stdout}\n{screen}");
    // The key was typed without echo: it is nowhere on the terminal.
    assert!(!screen.contains(KEY), "{screen}");
    assert!(screen.contains("Thread dataset sent"), "{screen}");
    assert!(
        stdout
            .contains("Attached to Thread network \"OpenThread-1234\" (PAN ID 0x1234, channel 15)"),
        "{stdout}"
    );
    assert!(!stdout.contains(KEY), "the key is never printed");
}

#[test]
fn a_wrong_network_key_typed_at_the_pick_is_network_not_found() {
    let sim = Sim::start(&[
        "--network",
        "thread",
        "--connect-delay-ms",
        "50",
        "--thread-attach-timeout-ms",
        "600",
    ]);
    let mut pty = PtyRun::start(&provision_args(&sim));
    let screen = pty.wait_for("Network number (0 to scan again)", Duration::from_secs(30));
    let row = screen
        .lines()
        .find(|l| l.contains("OpenThread-1234"))
        .expect("the network's row");
    let number = row.split_whitespace().next().expect("a row number");
    pty.type_text(&format!("{number}\n"));
    pty.wait_for("Thread network key", Duration::from_secs(10));
    pty.type_text(&format!("{}\n", "ff".repeat(16)));
    let (code, _, _) = pty.finish(Duration::from_secs(30));
    assert_eq!(code, 7, "a key that attaches nowhere: network not found");
}

#[test]
fn without_a_terminal_a_thread_device_needs_a_dataset() {
    let sim = thread_sim();
    let result = run(&provision_args(&sim));
    result.expect_code(2);
    assert!(
        result.stderr.contains("--dataset-tlvs") && result.stderr.contains("no terminal"),
        "{}",
        result.stderr
    );
}

#[test]
fn thread_on_a_device_with_both_networks_offers_the_thread_pick_list() {
    let sim = Sim::start(&[
        "--network",
        "both",
        "--connect-delay-ms",
        "50",
        "--apply-delay-ms",
        "50",
    ]);
    let mut args = provision_args(&sim);
    args.push("--thread");
    let mut pty = PtyRun::start(&args);
    let screen = pty.wait_for("Network number (0 to scan again)", Duration::from_secs(30));
    assert!(
        screen.contains("Neighbor-Mesh"),
        "the Thread scan, not Wi-Fi's: {screen}"
    );
    let row = screen
        .lines()
        .find(|l| l.contains("OpenThread-1234"))
        .expect("the network's row");
    let number = row.split_whitespace().next().expect("a row number");
    pty.type_text(&format!("{number}\n"));
    pty.wait_for("Thread network key", Duration::from_secs(10));
    pty.type_text(&format!("{KEY}\n"));
    let (code, stdout, screen) = pty.finish(Duration::from_secs(30));
    assert_eq!(code, 0, "{stdout}\n{screen}");
    assert!(!screen.contains(KEY), "{screen}");
    assert!(stdout.contains("Attached to Thread network"), "{stdout}");
}

#[test]
fn thread_and_ssid_together_are_a_usage_error() {
    let sim = thread_sim();
    let mut args = provision_args(&sim);
    args.extend_from_slice(&["--thread", "--ssid", "x", "--passphrase", "12345678"]);
    run(&args).expect_code(2);
}
