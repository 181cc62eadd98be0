//! The CSV manifest format: a header row naming the columns, then one device per row.

use super::manifest::{check_column, Rows};
use super::row::{Cell, CellError};

/// Reads every row with its line number, and every problem with its line; the header is checked
/// first (without the required columns no row is read).
pub fn rows(text: &str) -> Rows {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(csv::Trim::All)
        .comment(Some(b'#'))
        .from_reader(text.as_bytes());
    let mut out = Rows::default();
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => {
            out.errors.push((1, whole_row(e.to_string())));
            return out;
        }
    };
    let header_line = line_of(text, 0);
    let (problems, readable) = check_header(&header);
    out.errors
        .extend(problems.into_iter().map(|e| (header_line, e)));
    if !readable {
        return out;
    }
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                out.errors.push(csv_error(text, &e, &header));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| line_of(text, p.byte()));
        let cells = header
            .iter()
            .zip(record.iter())
            .enumerate()
            .map(|(i, (column, text))| Cell {
                column: column.clone(),
                number: i + 1,
                text: text.to_owned(),
            })
            .collect();
        out.rows.push((line, cells));
    }
    out
}

/// Every problem of the header, and whether rows can be read (the required columns are there).
fn check_header(header: &[String]) -> (Vec<CellError>, bool) {
    let mut problems = Vec::new();
    for (i, name) in header.iter().enumerate() {
        if let Err(e) = check_column(name, i + 1) {
            problems.push(e);
        } else if header[..i].contains(name) {
            problems.push(CellError {
                column: name.clone(),
                number: Some(i + 1),
                message: format!("column {name:?} appears twice in the header"),
            });
        }
    }
    let mut readable = true;
    for required in super::row::REQUIRED {
        if !header.iter().any(|h| h == required) {
            problems.push(whole_row(format!("the header has no {required:?} column")));
            readable = false;
        }
    }
    if !super::row::NETWORK_COLUMNS
        .iter()
        .any(|network| header.iter().any(|h| h == network))
    {
        problems.push(whole_row(
            "the header has neither an \"ssid\" (Wi-Fi) nor a \"dataset\" (Thread) column".into(),
        ));
        readable = false;
    }
    (problems, readable)
}

/// A short or long row names the first missing (or the first extra) column.
fn csv_error(text: &str, e: &csv::Error, header: &[String]) -> (u64, CellError) {
    let line = e.position().map_or(0, |p| line_of(text, p.byte()));
    if let csv::ErrorKind::UnequalLengths {
        len, expected_len, ..
    } = e.kind()
    {
        let (len, expected) = (*len as usize, *expected_len as usize);
        let error = if len < expected {
            CellError {
                column: header.get(len).cloned().unwrap_or_default(),
                number: Some(len + 1),
                message: format!("the row has {len} fields; the header has {expected}"),
            }
        } else {
            CellError {
                column: String::new(),
                number: Some(expected + 1),
                message: format!("the row has {len} fields; the header has only {expected}"),
            }
        };
        return (line, error);
    }
    (line, whole_row(e.to_string()))
}

/// The 1-based line where the row read from `byte` on starts: blank and comment lines before it are
/// skipped (the csv crate reports the end of the previous record, and its line count skips blanks).
fn line_of(text: &str, byte: u64) -> u64 {
    let mut pos = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
    loop {
        let rest = &text.as_bytes()[pos..];
        let skip = if rest.starts_with(b"\n") {
            1
        } else if rest.starts_with(b"\r\n") {
            2
        } else if rest.starts_with(b"#") {
            rest.iter()
                .position(|b| *b == b'\n')
                .map_or(rest.len(), |i| i + 1)
        } else {
            break;
        };
        pos += skip;
    }
    text.as_bytes()[..pos]
        .iter()
        .filter(|b| **b == b'\n')
        .count() as u64
        + 1
}

fn whole_row(message: String) -> CellError {
    CellError {
        column: String::new(),
        number: None,
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_carry_their_line_numbers() {
        let text = "device,ssid\n\n127.0.0.1:1,a\n# a comment\n127.0.0.1:2,b\n";
        let rows = rows(text);
        assert!(rows.errors.is_empty());
        let lines: Vec<u64> = rows.rows.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [3, 5]);
    }

    #[test]
    fn unknown_column_and_short_row_are_located() {
        let read = rows("device,ssid,colour\n");
        let (line, e) = &read.errors[0];
        assert_eq!((*line, e.column.as_str(), e.number), (1, "colour", Some(3)));
        let read = rows("device,ssid,passphrase\n127.0.0.1:1,a,b\n127.0.0.1:2,b\n");
        let (line, e) = &read.errors[0];
        assert_eq!(
            (*line, e.column.as_str(), e.number),
            (3, "passphrase", Some(3))
        );
    }

    #[test]
    fn every_problem_is_reported_with_suggestions_for_column_names() {
        let read = rows("device,sid,pasphrase,labels\n127.0.0.1:1,a,b\n127.0.0.1:2,a,b,c,d\n");
        let messages: Vec<String> = read
            .errors
            .iter()
            .map(|(line, e)| format!("{line}: {}", e.message))
            .collect();
        assert_eq!(read.errors.len(), 4, "{messages:#?}");
        assert!(
            messages[0].contains("did you mean \"ssid\""),
            "{messages:#?}"
        );
        assert!(
            messages[1].contains("did you mean \"passphrase\""),
            "{messages:#?}"
        );
        assert!(
            messages[2].contains("did you mean \"label\""),
            "{messages:#?}"
        );
        assert!(
            messages[3].contains("neither an \"ssid\" (Wi-Fi) nor a \"dataset\" (Thread) column"),
            "{messages:#?}"
        );
        let read = rows("device,ssid\n127.0.0.1:1\n127.0.0.1:2,a,b\n127.0.0.1:3,a\n");
        let lines: Vec<u64> = read.errors.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, [2, 3], "both bad rows, and the good one is read");
        assert_eq!(read.rows.len(), 1);
    }
}
