//! Secret cells: a literal, `env:NAME` or `file:PATH`, so a manifest need not hold secrets.

use std::path::Path;

use crate::session::Secret;

/// Resolves a secret cell; `base` is the manifest's folder, against which relative paths are read.
pub fn resolve_secret(cell: &str, base: &Path) -> Result<Secret, String> {
    if let Some(name) = cell.strip_prefix("env:") {
        return std::env::var_os(name.trim())
            .map(|v| Secret::from(v.to_string_lossy().into_owned()))
            .ok_or_else(|| format!("environment variable {:?} is not set", name.trim()));
    }
    if let Some(path) = cell.strip_prefix("file:") {
        return read_file(&base.join(path.trim()));
    }
    Ok(Secret::from(cell))
}

/// Reads a secret file; one trailing line break is dropped.
fn read_file(path: &Path) -> Result<Secret, String> {
    std::fs::File::open(path)
        .and_then(crate::secret_file::read_secret)
        .map_err(|e| format!("cannot read secret file {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_env_and_file_cells() {
        let dir = std::env::temp_dir().join(format!("esprov-cell-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("pass.txt"), "from-file\r\n").expect("write");
        assert_eq!(
            resolve_secret("plain", &dir).expect("literal").expose(),
            b"plain"
        );
        assert_eq!(
            resolve_secret("file:pass.txt", &dir)
                .expect("file")
                .expose(),
            b"from-file"
        );
        assert!(resolve_secret("file:missing.txt", &dir).is_err());
        assert!(resolve_secret("env:ESPROV_TEST_SURELY_UNSET_VAR", &dir).is_err());
        let path = std::env::var("PATH").unwrap_or_default();
        assert_eq!(
            resolve_secret("env:PATH", &dir).expect("env").expose(),
            path.as_bytes()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
