//! The JSON Lines manifest format: one object per line, keys are the column names.

use serde_json::{Map, Value};

use super::manifest::{check_column, Rows};
use super::row::{Cell, CellError};

/// Reads every non-blank line as one row, collecting every bad line.
pub fn rows(text: &str) -> Rows {
    let mut out = Rows::default();
    for (index, raw) in text.lines().enumerate() {
        let line = index as u64 + 1;
        let raw = raw.trim();
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        match parse_object(raw).and_then(|object| cells(&object)) {
            Ok(cells) => out.rows.push((line, cells)),
            Err(e) => out.errors.push((line, e)),
        }
    }
    out
}

fn parse_object(raw: &str) -> Result<Map<String, Value>, CellError> {
    match serde_json::from_str::<Value>(raw) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(row_error("expected a JSON object", None)),
        Err(e) => Err(row_error(&format!("not valid JSON: {e}"), Some(e.column()))),
    }
}

fn cells(object: &Map<String, Value>) -> Result<Vec<Cell>, CellError> {
    let mut cells = Vec::with_capacity(object.len());
    for (i, (key, value)) in object.iter().enumerate() {
        check_column(key, i + 1)?;
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) if key == "timeout" => n.to_string(),
            Value::Null => String::new(),
            // The value is never quoted: the cell may be a passphrase or a PoP.
            _ => {
                return Err(CellError {
                    column: key.clone(),
                    number: Some(i + 1),
                    message: format!("expected a string, found {}", json_type(value)),
                })
            }
        };
        cells.push(Cell {
            column: key.clone(),
            number: i + 1,
            text,
        });
    }
    Ok(cells)
}

/// The JSON type of a value, named without its content.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn row_error(message: &str, number: Option<usize>) -> CellError {
    CellError {
        column: String::new(),
        number,
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_become_rows_and_bad_lines_are_located() {
        let text = "{\"device\":\"127.0.0.1:1\",\"ssid\":\"a\",\"timeout\":3}\n\n{\"device\":\"127.0.0.1:2\",\"ssid\":\"b\"}\n";
        let read = rows(text);
        assert!(read.errors.is_empty());
        assert_eq!(
            read.rows.iter().map(|(l, _)| *l).collect::<Vec<_>>(),
            [1, 3]
        );
        let (line, e) = rows_err(
            "{\"device\":\"x:1\",\"ssid\":\"a\"}\n{\"device\":\"x:2\",\"colour\":\"red\"}\n",
        );
        assert_eq!((line, e.column.as_str()), (2, "colour"));
        let (line, _) = rows_err("{\"device\":\"x:1\"\n");
        assert_eq!(line, 1);
    }

    #[test]
    fn a_wrongly_typed_secret_cell_is_not_quoted() {
        let (_, e) = rows_err("{\"device\":\"x:1\",\"ssid\":\"a\",\"passphrase\":98765432}\n");
        assert_eq!(e.column, "passphrase");
        assert!(!e.message.contains("98765432"), "{}", e.message);
        assert!(e.message.contains("a number"), "{}", e.message);
    }

    fn rows_err(text: &str) -> (u64, CellError) {
        rows(text)
            .errors
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("expected an error"))
    }
}
