//! Credentials in a file, the way NVS keeps them (namespace `nvs.net80211`, keys `sta.ssid` and
//! `sta.pswd`), so `is_provisioned` and reprov survive a restart; plus the device's MAC address.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use esprov_device::{CredentialStore, PlatformError, WifiCredentials};

const NVS_FILE: &str = "nvs.net80211";
const MAC_FILE: &str = "mac";
const SSID_KEY: &str = "sta.ssid";
const PASSPHRASE_KEY: &str = "sta.pswd";

/// The credential store of one device, in `<dir>/nvs.net80211`.
#[derive(Debug, Clone)]
pub struct FileStore {
    path: PathBuf,
}

impl FileStore {
    /// A store in `dir` (created when needed).
    pub fn new(dir: &Path) -> Self {
        FileStore {
            path: dir.join(NVS_FILE),
        }
    }

    fn read(&self) -> io::Result<Option<WifiCredentials>> {
        let text = match fs::read_to_string(&self.path) {
            Ok(text) => text,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err),
        };
        let mut credentials = WifiCredentials::default();
        for line in text.lines() {
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let bytes = hex::decode(value.trim())
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            match key.trim() {
                SSID_KEY => credentials.ssid = bytes,
                PASSPHRASE_KEY => credentials.passphrase = bytes,
                _ => {}
            }
        }
        Ok((!credentials.ssid.is_empty()).then_some(credentials))
    }

    fn write(&self, credentials: &WifiCredentials) -> io::Result<()> {
        let text = format!(
            "# esprov-sim NVS namespace nvs.net80211 (values in hex)\n{SSID_KEY}={}\n{PASSPHRASE_KEY}={}\n",
            hex::encode(&credentials.ssid),
            hex::encode(&credentials.passphrase)
        );
        write_private(&self.path, text.as_bytes())
    }
}

impl CredentialStore for FileStore {
    fn load(&mut self) -> Result<Option<WifiCredentials>, PlatformError> {
        self.read()
            .map_err(|err| log_error("reading", &self.path, err))
    }

    fn save(&mut self, credentials: &WifiCredentials) -> Result<(), PlatformError> {
        self.write(credentials)
            .map_err(|err| log_error("writing", &self.path, err))
    }

    fn erase(&mut self) -> Result<(), PlatformError> {
        match fs::remove_file(&self.path) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => {
                Err(log_error("erasing", &self.path, err))
            }
            _ => Ok(()),
        }
    }
}

/// The device's station MAC from `<dir>/mac`, created from `fresh` on first use (as eFuse is).
pub fn device_mac(dir: &Path, fresh: [u8; 6]) -> io::Result<[u8; 6]> {
    let path = dir.join(MAC_FILE);
    if let Ok(text) = fs::read_to_string(&path) {
        if let Ok(bytes) = hex::decode(text.trim()) {
            if let Ok(mac) = <[u8; 6]>::try_from(bytes.as_slice()) {
                return Ok(mac);
            }
        }
    }
    write_private(&path, hex::encode(fresh).as_bytes())?;
    Ok(fresh)
}

/// Writes a file readable by the owner only (created 0600, never through a symlink an attacker
/// planted at the temporary name), in a directory created 0700, replacing it atomically.
fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        private_dir(dir)?;
    }
    let temp = path.with_extension("tmp");
    match fs::remove_file(&temp) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // create_new is O_CREAT|O_EXCL: it fails on any existing path, a symlink included.
        options.mode(0o600);
    }
    let mut file = options.open(&temp)?;
    file.write_all(bytes)?;
    fs::rename(&temp, path)
}

/// Creates `dir` (and its parents) with mode 0700 where it does not exist yet.
fn private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

fn log_error(what: &str, path: &Path, err: io::Error) -> PlatformError {
    tracing::error!(path = %path.display(), %err, "{what} the credential store failed");
    PlatformError("credential store failed")
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn scratch(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("esprov-store-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn state_is_private_and_never_written_through_a_symlink() {
        let root = scratch("private");
        let path = root.join("dev0").join(NVS_FILE);
        // A symlink planted at the temporary name must be replaced, not followed.
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let target = root.join("victim");
        fs::write(&target, b"untouched").unwrap();
        std::os::unix::fs::symlink(&target, path.with_extension("tmp")).unwrap();
        write_private(&path, b"secret").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"untouched");
        assert_eq!(fs::read(&path).unwrap(), b"secret");
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        let fresh = root.join("a").join("b").join(MAC_FILE);
        write_private(&fresh, b"x").unwrap();
        assert_eq!(mode(&root.join("a")), 0o700);
        assert_eq!(mode(&root.join("a").join("b")), 0o700);
        let _ = fs::remove_dir_all(&root);
    }
}
