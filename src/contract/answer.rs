//! A command's one answer: its output, or a [`super::Failure`] (schemas only; the CLI prints one).

use schemars::JsonSchema;
use serde::Serialize;

use super::Failure;

/// What a single-answer command prints under `--json`: its output or the failure.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Answer<T> {
    /// The command succeeded.
    Done(T),
    /// The command failed.
    Failed(Failure),
}
