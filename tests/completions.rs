//! The checked-in completions/ must match what `esprov completions SHELL` prints now.
//! Regenerate with `ESPROV_UPDATE_COMPLETIONS=1 cargo test --test completions`.

mod common;

use std::path::Path;

const SHELLS: [(&str, &str); 5] = [
    ("bash", "esprov.bash"),
    ("zsh", "_esprov"),
    ("fish", "esprov.fish"),
    ("powershell", "_esprov.ps1"),
    ("elvish", "esprov.elv"),
];

#[test]
fn checked_in_completions_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let update = std::env::var_os("ESPROV_UPDATE_COMPLETIONS").is_some();
    let mut stale = Vec::new();
    for (shell, file) in SHELLS {
        let result = common::run(&["completions", shell]);
        result.expect_code(0);
        assert!(!result.stdout.is_empty(), "{shell} completions are empty");
        let path = dir.join(file);
        if update {
            std::fs::create_dir_all(&dir).expect("completions/");
            std::fs::write(&path, &result.stdout).expect("write completions");
            continue;
        }
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current != result.stdout {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "stale completions {stale:?}: run `ESPROV_UPDATE_COMPLETIONS=1 cargo test --test completions` and commit completions/"
    );
}

#[test]
fn completions_name_every_command() {
    let result = common::run(&["completions", "bash"]);
    for command in [
        "provision",
        "info",
        "status",
        "scan",
        "reset",
        "reprov",
        "send",
        "discover",
        "sec2-creds",
        "qr",
        "sim",
        "completions",
        "esp-prov",
    ] {
        assert!(
            result.stdout.contains(command),
            "{command} missing from bash completions"
        );
    }
}
