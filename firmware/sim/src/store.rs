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

/// Writes a file readable by the owner only, replacing it atomically.
fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let temp = path.with_extension("tmp");
    fs::write(&temp, bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&temp, fs::Permissions::from_mode(0o600))?;
    }
    fs::rename(&temp, path)
}

fn log_error(what: &str, path: &Path, err: io::Error) -> PlatformError {
    tracing::error!(path = %path.display(), %err, "{what} the credential store failed");
    PlatformError("credential store failed")
}
