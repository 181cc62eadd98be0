//! Writing a factory run to disk: one partition image per device, the label CSV and the batch
//! manifest, every one a secret file (0600).

use std::path::{Path, PathBuf};

use esprov_proto::factory::{FactorySecurity, Zeroizing};

use super::{create_secret_file, FactoryDevice};
use crate::Error;

/// The label printer's CSV: serial, service name and QR payload per device.
pub const LABELS_FILE: &str = "labels.csv";
/// The `esprov batch` manifest.
pub const MANIFEST_FILE: &str = "manifest.csv";
/// The manifest's passphrase cell: the Wi-Fi passphrase is read from this variable at batch time,
/// so it is never written to disk.
pub const PASSPHRASE_CELL: &str = "env:ESPROV_PASSPHRASE";

/// The files a run wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// One partition image per device, in device order.
    pub images: Vec<PathBuf>,
    /// The label CSV.
    pub labels: PathBuf,
    /// The batch manifest.
    pub manifest: PathBuf,
}

/// Writes every output of a run into `dir` (created 0700 if absent); `ssid` fills the manifest.
pub fn write_outputs(dir: &Path, devices: &[FactoryDevice], ssid: &str) -> Result<Written, Error> {
    create_dir(dir)?;
    refuse_existing(dir, devices)?;
    let mut images = Vec::with_capacity(devices.len());
    for device in devices {
        let path = dir.join(format!("{}.bin", device.id()));
        let image = device
            .data
            .to_partition_image()
            .map_err(|e| Error::Usage(format!("{}: {e}", device.id())))?;
        create_secret_file(&path, &image)?;
        images.push(path);
    }
    let labels = dir.join(LABELS_FILE);
    create_secret_file(&labels, &Zeroizing::new(labels_csv(devices)?))?;
    let manifest = dir.join(MANIFEST_FILE);
    create_secret_file(&manifest, &Zeroizing::new(manifest_csv(devices, ssid)?))?;
    Ok(Written {
        images,
        labels,
        manifest,
    })
}

/// `serial,name,qr`: what a label template prints (the QR symbol encodes the `qr` cell).
pub fn labels_csv(devices: &[FactoryDevice]) -> Result<Vec<u8>, Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut rows = vec![vec!["serial".to_owned(), "name".into(), "qr".into()]];
    rows.extend(devices.iter().map(|d| {
        vec![
            d.serial.clone().unwrap_or_default(),
            d.data.service_name.clone(),
            d.qr.to_json(),
        ]
    }));
    write_rows(&mut out, &rows)?;
    finish(out)
}

/// An `esprov batch` manifest: one row per device with its own credentials.
pub fn manifest_csv(devices: &[FactoryDevice], ssid: &str) -> Result<Vec<u8>, Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = [
        "device",
        "ssid",
        "passphrase",
        "pop",
        "username",
        "password",
        "label",
    ];
    let mut rows = vec![header.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()];
    for device in devices {
        let secret = String::from_utf8_lossy(device.secret.expose()).into_owned();
        let (pop, username, password) = match &device.data.security {
            FactorySecurity::Sec1 { .. } => (secret, String::new(), String::new()),
            FactorySecurity::Sec2 { username, .. } => (String::new(), username.clone(), secret),
        };
        rows.push(vec![
            device.device.clone(),
            ssid.to_owned(),
            PASSPHRASE_CELL.to_owned(),
            pop,
            username,
            password,
            device.id().to_owned(),
        ]);
    }
    write_rows(&mut out, &rows)?;
    finish(out)
}

fn write_rows(out: &mut csv::Writer<Vec<u8>>, rows: &[Vec<String>]) -> Result<(), Error> {
    rows.iter()
        .try_for_each(|row| out.write_record(row))
        .map_err(|e| Error::Usage(format!("writing CSV: {e}")))
}

fn finish(out: csv::Writer<Vec<u8>>) -> Result<Vec<u8>, Error> {
    out.into_inner()
        .map_err(|e| Error::Usage(format!("writing CSV: {e}")))
}

/// Checks every output name before the first is written, so a clash leaves no half-written run.
fn refuse_existing(dir: &Path, devices: &[FactoryDevice]) -> Result<(), Error> {
    let images = devices.iter().map(|d| format!("{}.bin", d.id()));
    let names = images.chain([LABELS_FILE.to_owned(), MANIFEST_FILE.to_owned()]);
    for name in names {
        let path = dir.join(name);
        if path.symlink_metadata().is_ok() {
            return Err(Error::Usage(format!(
                "{} already exists; secrets are never overwritten: choose another --out directory",
                path.display()
            )));
        }
    }
    Ok(())
}

/// The output directory, owner-only when esprov creates it.
fn create_dir(dir: &Path) -> Result<(), Error> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|source| Error::Io {
        context: format!("creating {}", dir.display()),
        source,
    })
}
