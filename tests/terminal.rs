//! What a person at a terminal sees (esprov on a PTY): the spinner turns while esprov waits, is
//! cleared before every step line and before the answer, and stays away while a prompt waits.

mod common;

use std::time::Duration;

use common::pty::PtyRun;
use common::{Sim, AP, PASSPHRASE, SSID};

/// The PTY's width (`PtyRun` opens it with 100 columns).
const WIDTH: usize = 100;

/// The lines a terminal would show after `bytes`: carriage returns, line feeds, line clears,
/// cursor moves and wrapping at [`WIDTH`] applied (enough for indicatif and our own output).
fn screen(bytes: &str) -> Vec<String> {
    let mut lines: Vec<Vec<char>> = vec![Vec::new()];
    let (mut row, mut col) = (0usize, 0usize);
    let mut chars = bytes.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => col = 0,
            '\n' => {
                row += 1;
                col = 0;
                if lines.len() <= row {
                    lines.push(Vec::new());
                }
            }
            '\x1b' if chars.peek() == Some(&'[') => {
                chars.next();
                let mut param = String::new();
                let mut command = ' ';
                for p in chars.by_ref() {
                    if p.is_ascii_alphabetic() {
                        command = p;
                        break;
                    }
                    param.push(p);
                }
                let n: usize = param.parse().unwrap_or(1);
                match command {
                    'K' if param == "2" => lines[row].clear(),
                    'K' => lines[row].truncate(col),
                    'A' => row = row.saturating_sub(n),
                    'B' => {
                        row += n;
                        while lines.len() <= row {
                            lines.push(Vec::new());
                        }
                    }
                    'G' => col = n.saturating_sub(1),
                    _ => {}
                }
            }
            c if !c.is_control() => {
                if col >= WIDTH {
                    row += 1;
                    col = 0;
                    if lines.len() <= row {
                        lines.push(Vec::new());
                    }
                }
                let line = &mut lines[row];
                while line.len() < col {
                    line.push(' ');
                }
                if col < line.len() {
                    line[col] = c;
                } else {
                    line.push(c);
                }
                col += 1;
            }
            _ => {}
        }
    }
    lines
        .into_iter()
        .map(|l| l.into_iter().collect::<String>().trim_end().to_owned())
        .collect()
}

#[test]
fn the_spinner_turns_while_waiting_and_is_cleared_before_steps_and_the_answer() {
    let sim = Sim::start(&[
        "--sec",
        "0",
        "--ap",
        AP,
        "--connect-delay-ms",
        "1500",
        "--apply-delay-ms",
        "0",
    ]);
    let run = PtyRun::start(&[
        "provision",
        "--device",
        &sim.addr,
        "--sec",
        "0",
        "--ssid",
        SSID,
        "--passphrase",
        PASSPHRASE,
        "--timeout",
        "30",
    ]);
    let (code, stdout, seen) = run.finish(Duration::from_secs(60));
    assert_eq!(code, 0, "{seen:?}");
    assert!(
        seen.contains("device joining"),
        "a spinner while the device joins: {seen:?}"
    );
    let lines = screen(&seen);
    let visible: Vec<&String> = lines.iter().filter(|l| !l.is_empty()).collect();
    assert!(
        visible
            .iter()
            .all(|l| !l.contains("joining \"") && !l.contains("connecting to")),
        "no spinner left on screen:\n{}",
        lines.join("\n")
    );
    for step in ["Configuration applied", "Wi-Fi credentials for"] {
        let line = visible
            .iter()
            .find(|l| l.contains(step))
            .unwrap_or_else(|| panic!("{step:?} on screen:\n{}", lines.join("\n")));
        assert!(
            line.starts_with("✔ "),
            "a whole step line, not mixed with a spinner: {line:?}"
        );
    }
    let answer: Vec<&str> = stdout.lines().collect();
    assert!(
        answer.len() == 1 && answer[0].starts_with(&format!("Connected to \"{SSID}\": IP ")),
        "stdout (piped) carries only the answer: {stdout:?}"
    );
    assert!(
        !stdout.contains('\x1b') && !stdout.contains('✔'),
        "{stdout:?}"
    );
}

#[test]
fn nothing_redraws_over_the_paste_prompt_of_the_manual_console() {
    let mut run = PtyRun::start(&[
        "status",
        "--console-manual",
        "--sec",
        "0",
        "--timeout",
        "30",
    ]);
    run.wait_for("Enter device->client msg : ", Duration::from_secs(30));
    let later = run.drain_for(Duration::from_millis(700));
    assert!(
        later.is_empty(),
        "the screen changed while the prompt waited (a spinner?): {:?}",
        String::from_utf8_lossy(&later)
    );
    let lines = screen(&String::from_utf8_lossy(&run.seen));
    assert!(
        lines.iter().any(|l| l == "Enter device->client msg :"),
        "the prompt is intact:\n{}",
        lines.join("\n")
    );
    // Ctrl-D: no answer; esprov stops with a usage error.
    run.type_text("\x04");
    let (code, _, seen) = run.finish(Duration::from_secs(30));
    assert_eq!(code, 2, "{seen:?}");
}

#[test]
fn finished_batch_devices_stay_on_the_terminal_with_their_ip() {
    let sims: Vec<Sim> = (0..2)
        .map(|_| Sim::start(&["--sec", "2", "--ap", AP, "--connect-delay-ms", "20"]))
        .collect();
    let dir = std::env::temp_dir().join(format!("esprov-terminal-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let manifest = dir.join("devices.csv");
    let mut text = String::from("device,ssid,passphrase,username,password,label\n");
    for (i, sim) in sims.iter().enumerate() {
        text.push_str(&format!(
            "{},{SSID},{PASSPHRASE},wifiprov,abcd1234,SN-{i}\n",
            sim.addr
        ));
    }
    std::fs::write(&manifest, text).expect("manifest");
    let report = dir.join("report.jsonl");
    let run = PtyRun::start(&[
        "batch",
        manifest.to_str().expect("utf-8"),
        "--report",
        report.to_str().expect("utf-8"),
        "--status-delay-ms",
        "0",
    ]);
    let (code, _, seen) = run.finish(Duration::from_secs(60));
    assert_eq!(code, 0, "{seen:?}");
    let lines = screen(&seen);
    for (i, sim) in sims.iter().enumerate() {
        let line = lines
            .iter()
            .find(|l| l.contains(&sim.addr))
            .unwrap_or_else(|| panic!("{} left on screen:\n{}", sim.addr, lines.join("\n")));
        assert!(
            line.starts_with("ok ") && line.contains(&format!("(SN-{i})")) && line.contains(" ip "),
            "{line:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
