//! The serial-number manifest of a factory run: one serial per line, or a CSV with a `serial`
//! column and an optional `device` column (how `esprov batch` reaches that unit later).

use std::collections::HashSet;
use std::path::Path;

use crate::Error;

/// Longest serial number (the factory-data field's limit).
const MAX_SERIAL_LEN: usize = 64;

/// One device of a run, before its credentials exist.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeviceSpec {
    /// Its serial number; also its file name, so letters, digits, `.`, `_` and `-` only.
    pub serial: Option<String>,
    /// Its manifest `device` cell, when the serial manifest names one.
    pub device: Option<String>,
}

impl DeviceSpec {
    /// `count` devices without serial numbers.
    pub fn anonymous(count: usize) -> Vec<DeviceSpec> {
        vec![DeviceSpec::default(); count]
    }
}

/// Reads a serial manifest; a bad line is refused with its number, before anything is generated.
pub fn read_serials(path: &Path) -> Result<Vec<DeviceSpec>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        context: format!("reading the serial manifest {}", path.display()),
        source,
    })?;
    parse_serials(text.strip_prefix('\u{feff}').unwrap_or(&text))
        .map_err(|(line, m)| Error::Usage(format!("{}:{line}: {m}", path.display())))
}

/// Parses the text of a serial manifest; errors carry their 1-based line.
pub fn parse_serials(text: &str) -> Result<Vec<DeviceSpec>, (usize, String)> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .collect();
    let header = lines.first().map(|(_, line)| columns(line));
    let csv = header
        .as_ref()
        .is_some_and(|h| h.first().map(String::as_str) == Some("serial"));
    let device_column = header
        .as_ref()
        .filter(|_| csv)
        .and_then(|h| h.iter().position(|c| c == "device"));
    let mut seen = HashSet::new();
    let mut specs = Vec::new();
    for (line, text) in lines.iter().skip(usize::from(csv)) {
        let cells = columns(text);
        if !csv && cells.len() > 1 {
            return Err((
                *line,
                "one serial per line, or a CSV whose header starts with \"serial\"".into(),
            ));
        }
        let serial = cells.first().cloned().unwrap_or_default();
        check_serial(&serial).map_err(|m| (*line, m))?;
        if !seen.insert(serial.clone()) {
            return Err((*line, format!("serial {serial} appears twice")));
        }
        let device = device_column
            .and_then(|i| cells.get(i))
            .filter(|cell| !cell.is_empty())
            .cloned();
        specs.push(DeviceSpec {
            serial: Some(serial),
            device,
        });
    }
    if specs.is_empty() {
        return Err((1, "the serial manifest has no serial numbers".into()));
    }
    Ok(specs)
}

/// Splits one CSV line (quotes allowed) into trimmed cells.
fn columns(line: &str) -> Vec<String> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .trim(csv::Trim::All)
        .from_reader(line.as_bytes())
        .records()
        .next()
        .and_then(Result::ok)
        .map(|record| record.iter().map(str::to_owned).collect())
        .unwrap_or_default()
}

fn check_serial(serial: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    if serial.is_empty() || serial.len() > MAX_SERIAL_LEN {
        return Err(format!(
            "a serial number has 1 to {MAX_SERIAL_LEN} characters"
        ));
    }
    if !serial.chars().all(allowed) || serial.starts_with('.') {
        return Err(format!(
            "serial {:?}: only letters, digits, '.', '_' and '-' (it names the device's files), not starting with '.'",
            crate::device_text::escape(serial)
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lists_and_csv_with_devices_both_read() {
        let plain = parse_serials("# line 1\nSN-1\n\nSN-2\n").expect("plain list");
        assert_eq!(plain.len(), 2);
        assert_eq!(plain[1].serial.as_deref(), Some("SN-2"));
        assert_eq!(plain[1].device, None);
        let csv = parse_serials("serial,device\nA1,127.0.0.1:9001\nA2,\n").expect("csv");
        assert_eq!(csv[0].device.as_deref(), Some("127.0.0.1:9001"));
        assert_eq!(csv[1].device, None);
    }

    #[test]
    fn bad_serials_name_their_line() {
        assert_eq!(parse_serials("A\nA\n").unwrap_err().0, 2);
        assert_eq!(parse_serials("ok\n../etc\n").unwrap_err().0, 2);
        assert_eq!(parse_serials("x y/z\n").unwrap_err().0, 1);
        assert_eq!(parse_serials("a,b\n").unwrap_err().0, 1);
        assert!(parse_serials("# nothing\n").is_err());
        assert!(parse_serials(&"x".repeat(65)).is_err());
    }
}
