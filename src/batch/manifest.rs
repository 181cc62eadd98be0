//! Reading a manifest (CSV with a header, or JSON Lines) into validated jobs, before anything is sent.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::row::{build_job, Cell, CellError, Job, COLUMNS};
use crate::Error;

/// A manifest that cannot be run: where it is wrong and why, so the user can fix that line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// The manifest file.
    pub file: PathBuf,
    /// 1-based line number.
    pub line: u64,
    /// The column name, when the problem is in one cell.
    pub column: Option<String>,
    /// 1-based column number, when known.
    pub number: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file.display(), self.line)?;
        match (&self.column, self.number) {
            (Some(name), Some(n)) => write!(f, ": column {n} ({name})")?,
            (Some(name), None) => write!(f, ": column {name}")?,
            (None, Some(n)) => write!(f, ": column {n}")?,
            (None, None) => {}
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem of a manifest, in file order, so one edit fixes them all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestErrors(pub Vec<ManifestError>);

/// At most this many problems are listed; the rest are counted.
const SHOWN: usize = 20;

impl fmt::Display for ManifestErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        if n > 1 {
            writeln!(f, "the manifest has {n} problems (nothing was sent):")?;
        }
        for (i, e) in self.0.iter().take(SHOWN).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        if n > SHOWN {
            write!(f, "\n… and {} more", n - SHOWN)?;
        }
        Ok(())
    }
}

impl From<ManifestErrors> for Error {
    fn from(e: ManifestErrors) -> Self {
        Error::Usage(e.to_string())
    }
}

/// The two manifest formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    JsonLines,
}

/// Reads and validates a whole manifest; every bad row is reported with its file, line and column.
pub fn load(path: &Path) -> Result<Vec<Job>, ManifestErrors> {
    let at = |line: u64, message: String| ManifestError {
        file: path.to_owned(),
        line,
        column: None,
        number: None,
        message,
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| ManifestErrors(vec![at(1, format!("cannot read the manifest: {e}"))]))?;
    // Spreadsheets often save CSV with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let format = detect(path, text);
    // JSON objects have no column order worth quoting: name the key only.
    let located = |line: u64, mut e: CellError| {
        if format == Format::JsonLines && !e.column.is_empty() {
            e.number = None;
        }
        located(path, line, e)
    };
    let read = match format {
        Format::Csv => super::manifest_csv::rows(text),
        Format::JsonLines => super::manifest_jsonl::rows(text),
    };
    let mut problems: Vec<(u64, ManifestError)> = read
        .errors
        .into_iter()
        .map(|(line, e)| (line, located(line, e)))
        .collect();
    let base = path.parent().unwrap_or(Path::new("."));
    let mut jobs = Vec::with_capacity(read.rows.len());
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, cells) in read.rows {
        let job = match build_job(line, &cells, base) {
            Ok(job) => job,
            Err(e) => {
                problems.push((line, located(line, e)));
                continue;
            }
        };
        if let Some(first) = seen.insert(job.device.clone(), line) {
            let number = cells
                .iter()
                .find(|c| c.column == "device")
                .map(|c| c.number);
            problems.push((line, located(line, CellError {
                column: "device".into(),
                number,
                message: format!("device {} is already on line {first}; a device is provisioned once per run", job.device),
            })));
            continue;
        }
        jobs.push(job);
    }
    if jobs.is_empty() && problems.is_empty() {
        problems.push((1, at(1, "the manifest has no device rows".into())));
    }
    if !problems.is_empty() {
        problems.sort_by_key(|(line, _)| *line);
        return Err(ManifestErrors(
            problems.into_iter().map(|(_, e)| e).collect(),
        ));
    }
    Ok(jobs)
}

/// By extension (`.csv`, `.jsonl`, `.ndjson`, `.json`), else by the first non-blank character.
pub fn detect(path: &Path, text: &str) -> Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv") => Format::Csv,
        Some("jsonl" | "ndjson" | "json") => Format::JsonLines,
        _ if text.trim_start().starts_with('{') => Format::JsonLines,
        _ => Format::Csv,
    }
}

/// Checks a column name against the known columns, suggesting the nearest for a typo.
pub fn check_column(name: &str, number: usize) -> Result<(), CellError> {
    if COLUMNS.contains(&name) {
        return Ok(());
    }
    let message = match super::suggest::nearest(name, &COLUMNS) {
        Some(known) => format!("unknown column {name:?}: did you mean {known:?}?"),
        None => format!(
            "unknown column {name:?}; known columns: {}",
            COLUMNS.join(", ")
        ),
    };
    Err(CellError {
        column: name.to_owned(),
        number: Some(number),
        message,
    })
}

/// What a format reader found: the rows with their lines and cells, and every problem with its line.
#[derive(Debug, Default)]
pub struct Rows {
    /// Rows that parsed (their cells are checked later).
    pub rows: Vec<(u64, Vec<Cell>)>,
    /// Lines that did not.
    pub errors: Vec<(u64, CellError)>,
}

fn located(path: &Path, line: u64, e: CellError) -> ManifestError {
    ManifestError {
        file: path.to_owned(),
        line,
        column: Some(e.column).filter(|c| !c.is_empty()),
        number: e.number,
        message: e.message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::target::Target;

    #[test]
    fn quoted_qr_payload_in_csv_fills_credentials_and_secrets_resolve() {
        let dir = std::env::temp_dir().join(format!("esprov-manifest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("psk"), "filepass\n").expect("secret file");
        let qr = r#""{""ver"":""v1"",""name"":""PROV_A1"",""username"":""wifiprov"",""pop"":""abcd1234"",""transport"":""ble""}""#;
        let text = format!(
            "\u{feff}device,ssid,passphrase,label\n{qr},Home,file:psk,SN-1\n127.0.0.1:81,Home,lit,SN-2\n"
        );
        let path = dir.join("m.manifest");
        std::fs::write(&path, text).expect("manifest");
        assert_eq!(detect(&path, "device,ssid"), Format::Csv);
        let jobs = load(&path).expect("valid manifest");
        assert_eq!(jobs[0].target, Target::Ble("PROV_A1".into()));
        assert_eq!(jobs[0].device, "ble:PROV_A1");
        let crate::provision::NetworkConfig::Wifi(wifi) = &jobs[0].network else {
            panic!("a Wi-Fi row")
        };
        assert_eq!(wifi.passphrase.expose(), b"filepass");
        assert_eq!(jobs[0].credentials.username.as_deref(), Some("wifiprov"));
        assert_eq!((jobs[0].line, jobs[1].line), (2, 3));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
