//! What an existing report says: which devices are done, and how many attempts each has had.
//! A trailing partial line (a crash mid-write) is cut off before anything is appended.

use std::collections::{HashMap, HashSet};
use std::io::ErrorKind;
use std::path::Path;

use super::record::Record;
use crate::Error;

/// The records of an existing report.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Every complete record, in file order.
    pub records: Vec<Record>,
    /// Bytes of a trailing partial line that were cut off.
    pub truncated: usize,
}

impl History {
    /// Reads `path` (absent means empty), cutting a trailing partial line off the file.
    pub fn load(path: &Path) -> Result<Self, Error> {
        Self::read(path, true)
    }

    /// Reads `path` without changing it (`batch --check`): a partial last line is only counted.
    pub fn peek(path: &Path) -> Result<Self, Error> {
        Self::read(path, false)
    }

    fn read(path: &Path, repair: bool) -> Result<Self, Error> {
        let io = |context: &str, e: std::io::Error| Error::Io {
            context: format!("{context} the report {}", path.display()),
            source: e,
        };
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(History::default()),
            Err(e) => return Err(io("reading", e)),
        };
        let complete = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let truncated = bytes.len() - complete;
        if truncated > 0 && repair {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| io("repairing", e))?;
            file.set_len(complete as u64)
                .map_err(|e| io("repairing", e))?;
            file.sync_data().map_err(|e| io("repairing", e))?;
        }
        let records = parse(&bytes[..complete], path)?;
        Ok(History { records, truncated })
    }

    /// Devices whose last final record is `ok`: `--resume` skips them.
    pub fn done(&self) -> HashSet<String> {
        let mut last_final: HashMap<&str, bool> = HashMap::new();
        for r in self.records.iter().filter(|r| r.is_final) {
            last_final.insert(&r.device, r.is_final_ok());
        }
        last_final
            .into_iter()
            .filter(|(_, ok)| *ok)
            .map(|(d, _)| d.to_owned())
            .collect()
    }

    /// The highest attempt number recorded per device, so later attempts count on.
    pub fn attempts(&self) -> HashMap<String, u32> {
        let mut attempts = HashMap::new();
        for r in &self.records {
            let n = attempts.entry(r.device.clone()).or_insert(0);
            *n = (*n).max(r.attempt);
        }
        attempts
    }
}

fn parse(bytes: &[u8], path: &Path) -> Result<Vec<Record>, Error> {
    let text = String::from_utf8_lossy(bytes);
    let mut records = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record = serde_json::from_str::<Record>(line).map_err(|e| {
            Error::Usage(format!(
                "{}:{}: not a batch report record ({e}); is this the right --report file?",
                path.display(),
                i + 1
            ))
        })?;
        records.push(record);
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_line_is_cut_and_done_devices_found() {
        let path =
            std::env::temp_dir().join(format!("esprov-history-{}.jsonl", std::process::id()));
        let line = |device: &str, attempt: u32, result: &str, fin: bool| {
            format!(
                "{{\"device\":\"{device}\",\"attempt\":{attempt},\"result\":\"{result}\",\"code\":0,\
                 \"total_ms\":1.0,\"final\":{fin},\"ts_ms\":0}}\n"
            )
        };
        let text = [
            line("a:1", 1, "timeout", false),
            line("a:1", 2, "ok", true),
            line("b:1", 1, "security", true),
            "{\"device\":\"c:1\",\"att".to_owned(),
        ]
        .concat();
        std::fs::write(&path, &text).expect("write");
        let history = History::load(&path).expect("loads");
        assert_eq!(history.records.len(), 3);
        assert_eq!(history.truncated, "{\"device\":\"c:1\",\"att".len());
        assert_eq!(history.done(), HashSet::from(["a:1".to_owned()]));
        assert_eq!(history.attempts().get("a:1"), Some(&2));
        assert!(std::fs::read_to_string(&path)
            .expect("read")
            .ends_with('\n'));
        let _ = std::fs::remove_file(&path);
    }
}
