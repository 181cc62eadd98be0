//! Files that hold secrets: created new, owner-only, never through a symlink.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

use crate::Error;

/// Owner read and write only (Unix permissions; Windows files keep their inherited ACL).
#[cfg_attr(not(unix), allow(dead_code))]
pub const SECRET_MODE: u32 = 0o600;

/// Writes `bytes` to a new file with mode 0600. An existing path, a symlink included (even a
/// dangling one), is refused rather than followed or overwritten.
pub fn create_secret_file(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |source| Error::Io {
        context: format!("writing {}", path.display()),
        source,
    };
    let mut file = open_new(path).map_err(|source: std::io::Error| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Usage(format!(
                "{} already exists; secrets are never overwritten: choose another --out directory",
                path.display()
            ))
        } else {
            io(source)
        }
    })?;
    file.write_all(bytes).map_err(io)?;
    file.sync_all().map_err(io)
}

/// O_CREAT | O_EXCL: the open fails on any existing name, which is what keeps it off symlinks.
fn open_new(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(SECRET_MODE);
    }
    let file = options.open(path)?;
    // The umask may have taken bits away, never added them; set the mode exactly anyway.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(SECRET_MODE))?;
    }
    Ok(file)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{symlink, PermissionsExt};

    #[test]
    fn secret_files_are_0600_and_never_follow_or_overwrite() {
        let dir = std::env::temp_dir().join(format!("esprov-secret-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("a.bin");
        create_secret_file(&path, b"pop").expect("new file");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert!(matches!(
            create_secret_file(&path, b"x"),
            Err(Error::Usage(_))
        ));
        assert_eq!(std::fs::read(&path).expect("read"), b"pop");

        let target = dir.join("target");
        let link = dir.join("link.bin");
        symlink(&target, &link).expect("symlink");
        assert!(create_secret_file(&link, b"secret").is_err());
        assert!(
            !target.exists(),
            "the dangling symlink's target was created"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
