//! Records the git commit esprov is built from, for `esprov --version`.
//!
//! Order: `ESPROV_GIT_COMMIT` from the environment (packagers), `git` in a checkout, the
//! `.cargo_vcs_info.json` that `cargo package` writes into a published tarball, else "unknown".

use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=ESPROV_GIT_COMMIT");
    let commit = std::env::var("ESPROV_GIT_COMMIT")
        .ok()
        .filter(|c| !c.is_empty())
        .or_else(from_git)
        .or_else(from_vcs_info)
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=ESPROV_GIT_COMMIT={commit}");
}

/// The short hash of HEAD; None outside a checkout.
fn from_git() -> Option<String> {
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git").args(args).output().ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    };
    let hash = git(&["rev-parse", "--short=12", "HEAD"]).filter(|h| !h.is_empty())?;
    // Rebuild when HEAD moves: HEAD itself, the branch it points to, and packed refs.
    for path in ["HEAD", "packed-refs"] {
        if let Some(file) = git(&["rev-parse", "--git-path", path]) {
            println!("cargo:rerun-if-changed={file}");
        }
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        if let Some(file) = git(&["rev-parse", "--git-path", &branch]) {
            println!("cargo:rerun-if-changed={file}");
        }
    }
    Some(hash)
}

/// The commit `cargo package` recorded (`{"git": {"sha1": "…"}}`), in a tarball without .git.
fn from_vcs_info() -> Option<String> {
    let dir = std::env::var("CARGO_MANIFEST_DIR").ok()?;
    let text = std::fs::read_to_string(Path::new(&dir).join(".cargo_vcs_info.json")).ok()?;
    let start = text.find("\"sha1\"")? + "\"sha1\"".len();
    let rest = text[start..].trim_start().strip_prefix(':')?.trim_start();
    let hash = rest.strip_prefix('"')?.split('"').next()?;
    hash.chars()
        .all(|c| c.is_ascii_hexdigit())
        .then(|| hash.chars().take(12).collect())
}
