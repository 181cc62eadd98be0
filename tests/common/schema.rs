//! Validation of printed JSON against the checked-in schemas in `schema/`.

use std::path::PathBuf;

/// The folder of the checked-in schemas.
pub fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema")
}

/// Fails the test unless `value` is valid against `schema/{name}.json`.
#[track_caller]
pub fn assert_valid(name: &str, value: &serde_json::Value) {
    let errors = validation_errors(name, value);
    assert!(
        errors.is_empty(),
        "not valid against {name}.json: {value}\n{}",
        errors.join("\n")
    );
}

/// What `schema/{name}.json` finds wrong with `value` (empty when valid).
#[track_caller]
pub fn validation_errors(name: &str, value: &serde_json::Value) -> Vec<String> {
    let path = schema_dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let schema: serde_json::Value = serde_json::from_str(&text).expect("a schema is JSON");
    let validator = jsonschema::validator_for(&schema)
        .unwrap_or_else(|e| panic!("{} is not a valid schema: {e}", path.display()));
    validator
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Fails the test unless every non-empty line of `stdout` is JSON valid against `schema/{name}.json`;
/// returns the parsed lines.
#[track_caller]
pub fn assert_lines_valid(name: &str, stdout: &str) -> Vec<serde_json::Value> {
    let mut values = Vec::new();
    for line in stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("a non-JSON line on stdout under --json: {line:?} ({e})"));
        assert_valid(name, &value);
        assert_eq!(
            value["schema"], 1,
            "every line carries the contract version: {line}"
        );
        values.push(value);
    }
    values
}
