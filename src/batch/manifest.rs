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

impl From<ManifestError> for Error {
    fn from(e: ManifestError) -> Self {
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

/// Reads and validates a whole manifest; any bad row aborts with its file, line and column.
pub fn load(path: &Path) -> Result<Vec<Job>, ManifestError> {
    let at = |line: u64, message: String| ManifestError {
        file: path.to_owned(),
        line,
        column: None,
        number: None,
        message,
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| at(1, format!("cannot read the manifest: {e}")))?;
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
    let rows = match format {
        Format::Csv => super::manifest_csv::rows(text),
        Format::JsonLines => super::manifest_jsonl::rows(text),
    }
    .map_err(|(line, e)| located(line, e))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut jobs = Vec::with_capacity(rows.len());
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, cells) in rows {
        let job = build_job(line, &cells, base).map_err(|e| located(line, e))?;
        if let Some(first) = seen.insert(job.device.clone(), line) {
            let number = cells
                .iter()
                .find(|c| c.column == "device")
                .map(|c| c.number);
            return Err(located(line, CellError {
                column: "device".into(),
                number,
                message: format!("device {} is already on line {first}; a device is provisioned once per run", job.device),
            }));
        }
        jobs.push(job);
    }
    if jobs.is_empty() {
        return Err(at(1, "the manifest has no device rows".into()));
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

/// Checks a column name against the known columns.
pub fn check_column(name: &str, number: usize) -> Result<(), CellError> {
    if COLUMNS.contains(&name) {
        return Ok(());
    }
    Err(CellError {
        column: name.to_owned(),
        number: Some(number),
        message: format!(
            "unknown column {name:?}; known columns: {}",
            COLUMNS.join(", ")
        ),
    })
}

/// Rows as read by a format reader: each with its line and cells, or the first error and its line.
pub type Rows = Result<Vec<(u64, Vec<Cell>)>, (u64, CellError)>;

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
        assert_eq!(jobs[0].wifi.passphrase.expose(), b"filepass");
        assert_eq!(jobs[0].credentials.username.as_deref(), Some("wifiprov"));
        assert_eq!((jobs[0].line, jobs[1].line), (2, 3));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
