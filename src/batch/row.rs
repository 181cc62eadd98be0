//! One manifest row, checked cell by cell and turned into a [`Job`].

use std::path::Path;
use std::time::Duration;

use esprov_proto::dataset::{self, DatasetError, MAX_DATASET_LEN};

use crate::provision::{NetworkConfig, WifiConfig};
use crate::session::{Credentials, Secret, SecurityChoice};

use super::cell::resolve_secret;
use super::target::{QrCredentials, Target};

/// The columns a manifest may have; `device` is required, and either `ssid` (Wi-Fi) or
/// `dataset` (Thread).
pub const COLUMNS: [&str; 10] = [
    "device",
    "ssid",
    "passphrase",
    "dataset",
    "pop",
    "username",
    "password",
    "label",
    "timeout",
    "security",
];

/// Columns every row must fill.
pub const REQUIRED: [&str; 1] = ["device"];

/// The columns that name a row's network: each row fills exactly one of them.
pub const NETWORK_COLUMNS: [&str; 2] = ["ssid", "dataset"];

/// One device to provision, validated and with its secrets resolved.
#[derive(Debug, Clone)]
pub struct Job {
    /// The manifest line the row starts on.
    pub line: u64,
    /// The device's name in the report (see [`Target::key`]).
    pub device: String,
    /// The row's `label`, copied into every record.
    pub label: Option<String>,
    /// How to reach the device.
    pub target: Target,
    /// The access point to join, or the Thread dataset to attach with.
    pub network: NetworkConfig,
    /// PoP or SRP credentials.
    pub credentials: Credentials,
    /// The row's own time bound, overriding `--timeout`.
    pub timeout: Option<Duration>,
    /// The scheme the row (its `security` cell, or its QR payload) chose, overriding `--sec`;
    /// the only way besides `--sec 0` to send a row's passphrase over security 0.
    pub security: Option<SecurityChoice>,
}

/// A cell as read: its column name, 1-based column number and text.
#[derive(Debug, Clone)]
pub struct Cell {
    /// Column name (header or JSON key).
    pub column: String,
    /// 1-based column number (CSV) or key position (JSON Lines).
    pub number: usize,
    /// The text; empty means absent.
    pub text: String,
}

/// Why a cell was refused: the column and the message (the caller adds file and line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// Column name.
    pub column: String,
    /// 1-based column number, when known.
    pub number: Option<usize>,
    /// What is wrong.
    pub message: String,
}

/// Builds a job from a row's cells; `base` resolves relative `file:` paths.
pub fn build_job(line: u64, cells: &[Cell], base: &Path) -> Result<Job, CellError> {
    let find = |name: &str| {
        cells
            .iter()
            .find(|c| c.column == name && !c.text.trim().is_empty())
    };
    let fail = |cell: &Cell, message: String| CellError {
        column: cell.column.clone(),
        number: Some(cell.number),
        message,
    };
    for name in REQUIRED {
        if find(name).is_none() {
            let number = cells.iter().find(|c| c.column == name).map(|c| c.number);
            return Err(CellError {
                column: name.to_owned(),
                number,
                message: format!("the {name} is missing"),
            });
        }
    }
    let device_cell = find("device").ok_or_else(|| missing("device"))?;
    let (target, qr) = Target::parse(&device_cell.text).map_err(|m| fail(device_cell, m))?;
    let secret = |name: &str| -> Result<Option<Secret>, CellError> {
        find(name)
            .map(|c| {
                resolve_secret(c.text.trim_end_matches(['\r', '\n']), base).map_err(|m| fail(c, m))
            })
            .transpose()
    };
    let network = network(&find, &secret, &fail).map_err(|mut e| {
        // An empty cell still has its column's place.
        e.number = e.number.or_else(|| {
            cells
                .iter()
                .find(|c| c.column == e.column)
                .map(|c| c.number)
        });
        e
    })?;
    let security = match find("security") {
        Some(cell) => match cell.text.parse::<SecurityChoice>() {
            Ok(SecurityChoice::Auto) => None,
            Ok(chosen) => Some(chosen),
            Err(e) => return Err(fail(cell, e.to_string())),
        },
        None => SecurityChoice::from_qr(qr.security),
    };
    let credentials = credentials(
        secret("pop")?,
        find("username").map(|c| c.text.trim().to_owned()),
        secret("password")?,
        qr,
    );
    let timeout = find("timeout")
        .map(|c| parse_timeout(&c.text).map_err(|m| fail(c, m)))
        .transpose()?;
    Ok(Job {
        line,
        device: target.key(),
        label: find("label").map(|c| c.text.trim().to_owned()),
        target,
        network,
        credentials,
        timeout,
        security,
    })
}

/// The row's network: `ssid` (with its `passphrase`) or `dataset`, never both, never neither.
fn network<'a>(
    find: &dyn Fn(&str) -> Option<&'a Cell>,
    secret: &dyn Fn(&str) -> Result<Option<Secret>, CellError>,
    fail: &dyn Fn(&Cell, String) -> CellError,
) -> Result<NetworkConfig, CellError> {
    match (find("ssid"), find("dataset")) {
        (Some(_), Some(dataset_cell)) => Err(fail(
            dataset_cell,
            "a row has either an ssid (Wi-Fi) or a dataset (Thread), not both".into(),
        )),
        (None, None) => Err(CellError {
            column: "ssid".into(),
            number: None,
            message: "the ssid is missing (a Thread row gives a dataset instead)".into(),
        }),
        (None, Some(dataset_cell)) => {
            if find("passphrase").is_some() {
                let cell = find("passphrase").unwrap_or(dataset_cell);
                return Err(fail(
                    cell,
                    "a Thread row (dataset) takes no passphrase: the network key is in the dataset"
                        .into(),
                ));
            }
            let text = secret("dataset")?.unwrap_or_default();
            dataset_tlvs(&text)
                .map(NetworkConfig::Thread)
                .map_err(|message| fail(dataset_cell, message))
        }
        (Some(ssid_cell), None) => {
            let passphrase = secret("passphrase")?.unwrap_or_default();
            let wifi = WifiConfig::new(ssid_cell.text.as_bytes(), passphrase);
            if let Err(e) = wifi.validate() {
                let cell = if wifi.ssid.len() > crate::provision::MAX_SSID_LEN {
                    ssid_cell
                } else {
                    find("passphrase").unwrap_or(ssid_cell)
                };
                return Err(fail(cell, e.to_string()));
            }
            Ok(NetworkConfig::Wifi(wifi))
        }
    }
}

/// A dataset cell's hex as checked TLVs; the message names what is wrong, never the value (nor
/// its length: the dataset holds the network key).
fn dataset_tlvs(text: &Secret) -> Result<Secret, String> {
    let hex = String::from_utf8_lossy(text.expose());
    let tlvs = crate::provision::dataset_from_hex(&hex)
        .map_err(|_| "the dataset is not hex (give the Thread TLVs as hex digits)".to_owned())?;
    match dataset::parse(tlvs.expose()) {
        Ok(_) => Ok(tlvs),
        Err(DatasetError::TooLong { .. }) => Err(format!(
            "the dataset is longer than Thread allows ({MAX_DATASET_LEN} bytes)"
        )),
        Err(e) => Err(format!("the dataset is not well-formed Thread TLVs: {e}")),
    }
}

fn missing(name: &str) -> CellError {
    CellError {
        column: name.to_owned(),
        number: None,
        message: format!("the {name} is missing"),
    }
}

/// Row cells win over a QR payload, whose `pop` is a PoP or an SRP password by its scheme.
fn credentials(
    pop: Option<Secret>,
    username: Option<String>,
    password: Option<Secret>,
    qr: QrCredentials,
) -> Credentials {
    let from_qr = crate::policy::qr_credentials(qr.username, qr.pop, qr.security);
    Credentials {
        pop: pop.or(from_qr.pop),
        username: username.or(from_qr.username),
        password: password.or(from_qr.password),
        ..Credentials::default()
    }
}

/// A positive number of seconds, at most a day.
fn parse_timeout(text: &str) -> Result<Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs > 0.0 && secs <= 86_400.0 => {
            Ok(Duration::from_secs_f64(secs))
        }
        _ => Err(format!(
            "{text:?} is not a number of seconds between 0 and 86400"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(pairs: &[(&str, &str)]) -> Vec<Cell> {
        pairs
            .iter()
            .enumerate()
            .map(|(i, (c, t))| Cell {
                column: (*c).to_owned(),
                number: i + 1,
                text: (*t).to_owned(),
            })
            .collect()
    }

    #[test]
    fn a_full_row_becomes_a_job() {
        let row = cells(&[
            ("device", "127.0.0.1:9000"),
            ("ssid", "Home"),
            ("passphrase", "secret12"),
            ("label", "A-1"),
            ("timeout", "2.5"),
        ]);
        let job = build_job(3, &row, Path::new(".")).expect("valid row");
        assert_eq!(job.device, "127.0.0.1:9000");
        assert_eq!(job.label.as_deref(), Some("A-1"));
        assert_eq!(job.timeout, Some(Duration::from_millis(2500)));
        let NetworkConfig::Wifi(wifi) = &job.network else {
            panic!("a Wi-Fi row")
        };
        assert_eq!(wifi.passphrase.expose(), b"secret12");
    }

    #[test]
    fn refusals_name_the_column() {
        let cases: [(&[(&str, &str)], &str); 4] = [
            (&[("device", "127.0.0.1:9000"), ("ssid", "")], "ssid"),
            (&[("device", "nowhere"), ("ssid", "x")], "device"),
            (
                &[
                    ("device", "127.0.0.1:9000"),
                    ("ssid", "x"),
                    ("timeout", "-1"),
                ],
                "timeout",
            ),
            (
                &[
                    ("device", "127.0.0.1:9000"),
                    ("ssid", "x"),
                    ("passphrase", &"p".repeat(64)),
                ],
                "passphrase",
            ),
        ];
        for (row, column) in cases {
            let err = build_job(2, &cells(row), Path::new(".")).expect_err("must be refused");
            assert_eq!(err.column, column, "{err:?}");
        }
    }

    /// A dataset (channel 15, PAN ID 0x1234, ext PAN ID, network key) as hex.
    const DATASET: &str =
        "000300000f0102123402080011223344556677051000112233445566778899aabbccddeeff";

    #[test]
    fn a_dataset_row_is_a_thread_job() {
        let row = cells(&[("device", "127.0.0.1:9000"), ("dataset", DATASET)]);
        let job = build_job(2, &row, Path::new(".")).expect("valid Thread row");
        let NetworkConfig::Thread(tlvs) = &job.network else {
            panic!("a Thread row")
        };
        assert_eq!(hex::encode(tlvs.expose()), DATASET);
        let dir = std::env::temp_dir().join(format!("esprov-row-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("ds.hex"), format!("{DATASET}\n")).expect("write");
        let row = cells(&[("device", "127.0.0.1:9000"), ("dataset", "file:ds.hex")]);
        let job = build_job(2, &row, &dir).expect("a dataset file cell");
        assert!(matches!(job.network, NetworkConfig::Thread(_)));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn dataset_refusals_name_the_column_but_never_the_value() {
        let secret_hex = "05100102030405060708090a0b0c0d0e0f10";
        type Case<'a> = (&'a [(&'a str, &'a str)], &'a str, &'a str);
        let cases: [Case; 6] = [
            (
                &[
                    ("device", "127.0.0.1:9000"),
                    ("ssid", "x"),
                    ("dataset", DATASET),
                ],
                "dataset",
                "not both",
            ),
            (
                &[("device", "127.0.0.1:9000")],
                "ssid",
                "the ssid is missing",
            ),
            (
                &[("device", "127.0.0.1:9000"), ("dataset", "zz05100102")],
                "dataset",
                "not hex",
            ),
            (
                // A network key TLV cut short after 3 of its 16 bytes.
                &[("device", "127.0.0.1:9000"), ("dataset", &secret_hex[..10])],
                "dataset",
                "TLV at byte 0 is cut short",
            ),
            (
                &[
                    ("device", "127.0.0.1:9000"),
                    ("dataset", &"00030000".repeat(64)),
                ],
                "dataset",
                "longer than Thread allows",
            ),
            (
                &[
                    ("device", "127.0.0.1:9000"),
                    ("dataset", DATASET),
                    ("passphrase", "secret12"),
                ],
                "passphrase",
                "takes no passphrase",
            ),
        ];
        for (row, column, says) in cases {
            let err = build_job(2, &cells(row), Path::new(".")).expect_err("must be refused");
            assert_eq!(err.column, column, "{err:?}");
            assert!(err.message.contains(says), "{err:?}");
            assert!(!err.message.contains("0102030405"), "{err:?}");
            assert!(!err.message.contains("secret12"), "{err:?}");
            assert!(!err.message.contains("256"), "no length: {err:?}");
        }
    }

    #[test]
    fn qr_secrets_fill_empty_cells_only() {
        let qr = QrCredentials {
            username: Some("u".into()),
            pop: Some("qrpass".into()),
            security: Some(2),
        };
        let c = credentials(None, None, Some(Secret::from("cell")), qr);
        assert_eq!(c.username.as_deref(), Some("u"));
        assert_eq!(
            c.password.as_ref().map(|s| s.expose().to_vec()),
            Some(b"cell".to_vec())
        );
        assert!(c.pop.is_none());
    }

    #[test]
    fn a_row_chooses_its_scheme_by_cell_or_qr() {
        let base = [("device", "127.0.0.1:9000"), ("ssid", "x")];
        let job = |extra: &[(&str, &str)]| {
            let row: Vec<(&str, &str)> = base.iter().chain(extra).copied().collect();
            build_job(2, &cells(&row), Path::new("."))
        };
        assert_eq!(job(&[]).unwrap().security, None);
        assert_eq!(job(&[("security", "auto")]).unwrap().security, None);
        assert_eq!(
            job(&[("security", "0")]).unwrap().security,
            Some(SecurityChoice::Sec0)
        );
        assert_eq!(job(&[("security", "3")]).unwrap_err().column, "security");
        let qr = r#"{"ver":"v1","name":"127.0.0.1:9000","transport":"softap","security":0}"#;
        let row = cells(&[("device", qr), ("ssid", "x")]);
        let from_qr = build_job(2, &row, Path::new(".")).map(|j| j.security);
        assert_eq!(from_qr, Ok(Some(SecurityChoice::Sec0)));
    }
}
