//! `cargo binstall esprov` finds the binary: `scripts/package` (run for real, on the binary under
//! test instead of a release build) makes the archive whose name the `pkg-url` template in
//! Cargo.toml renders to for the host target, with the binary where `bin-dir` renders to.

use std::path::Path;
use std::process::Command;

const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The quoted value of `key` in the `[package.metadata.binstall]` table of Cargo.toml.
fn binstall(key: &str) -> String {
    let manifest =
        std::fs::read_to_string(Path::new(MANIFEST_DIR).join("Cargo.toml")).expect("Cargo.toml");
    let table = manifest
        .split("\n[package.metadata.binstall]\n")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("a [package.metadata.binstall] table");
    table
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once('=')?;
            (name.trim() == key).then(|| value.trim().trim_matches('"').to_owned())
        })
        .unwrap_or_else(|| panic!("{key} in [package.metadata.binstall]"))
}

/// cargo-binstall's `{ var }` substitution.
fn render(template: &str, vars: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in vars {
        text = text.replace(&format!("{{ {name} }}"), value);
    }
    assert!(!text.contains('{'), "unknown variable left in {text}");
    text
}

/// The host's target triple, as `rustc -vV` names it.
fn host_target() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let output = Command::new(rustc).arg("-vV").output().expect("rustc -vV");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_owned))
        .expect("a host line")
}

#[test]
fn the_packaged_archive_is_where_the_binstall_templates_point() {
    let target = host_target();
    let version = env!("CARGO_PKG_VERSION");
    let repo = env!("CARGO_PKG_REPOSITORY");
    assert_eq!(binstall("pkg-fmt"), "tgz");
    let binary_ext = if target.contains("windows") {
        ".exe"
    } else {
        ""
    };
    // cargo-binstall probes these suffixes for pkg-fmt tgz, in this order.
    let urls: Vec<String> = [".tgz", ".tar.gz"]
        .iter()
        .map(|suffix| {
            render(
                &binstall("pkg-url"),
                &[
                    ("repo", repo),
                    ("version", version),
                    ("name", "esprov"),
                    ("target", &target),
                    ("archive-suffix", suffix),
                    ("binary-ext", binary_ext),
                ],
            )
        })
        .collect();
    let bin_dir = render(
        &binstall("bin-dir"),
        &[
            ("name", "esprov"),
            ("version", version),
            ("target", &target),
            ("bin", "esprov"),
            ("binary-ext", binary_ext),
        ],
    );

    let out = std::env::temp_dir().join(format!("esprov-package-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let run = Command::new("bash")
        .arg(Path::new(MANIFEST_DIR).join("scripts/package"))
        .arg(&target)
        .arg(&out)
        .env("ESPROV_PACKAGE_BIN", env!("CARGO_BIN_EXE_esprov"))
        .output()
        .expect("scripts/package runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let archive = String::from_utf8_lossy(&run.stdout).trim().to_owned();
    let file_name = Path::new(&archive)
        .file_name()
        .and_then(|n| n.to_str())
        .expect("an archive path")
        .to_owned();
    assert!(
        urls.iter()
            .any(|url| url.ends_with(&format!("/{file_name}"))),
        "{file_name} is none of {urls:?}"
    );
    assert!(
        urls.iter()
            .all(|url| url.starts_with(&format!("{repo}/releases/download/v{version}/"))),
        "{urls:?}"
    );

    // The binary is at bin-dir inside the archive, and it is esprov.
    let listing = Command::new("tar")
        .args(["-tzf", &archive])
        .output()
        .expect("tar lists");
    let entries = String::from_utf8_lossy(&listing.stdout).into_owned();
    assert!(
        entries.lines().any(|e| e == bin_dir),
        "{bin_dir} not in the archive:\n{entries}"
    );
    let extracted = out.join("x");
    std::fs::create_dir_all(&extracted).expect("extract dir");
    let untar = Command::new("tar")
        .args(["-xzf", &archive, "-C"])
        .arg(&extracted)
        .arg(&bin_dir)
        .status()
        .expect("tar extracts");
    assert!(untar.success());
    let version_line = Command::new(extracted.join(&bin_dir))
        .arg("--version")
        .output()
        .expect("the packaged binary runs");
    let shown = String::from_utf8_lossy(&version_line.stdout);
    assert!(shown.starts_with(&format!("esprov {version}")), "{shown}");
    let _ = std::fs::remove_dir_all(&out);
}
