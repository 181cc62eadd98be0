//! The schema set: one JSON Schema per command output, generated from the contract's types.
//!
//! To add a command: give its output a type deriving `Serialize` and `JsonSchema`, print it
//! with [`super::print`], add a [`SchemaFile`] here, and run
//! `ESPROV_UPDATE_SCHEMAS=1 cargo test --test json_schema` to write `schema/NAME.json`.

use schemars::{schema_for, Schema};

use super::batch::BatchLine;
use super::{
    Answer, CtrlOutput, DiscoverOutput, FactoryDataOutput, Failure, InfoOutput, Line,
    ProvisionLine, ScanOutput, Sec2CredsOutput, SendOutput, StatusOutput, ThreadProvisioned,
    ThreadScanOutput, ThreadStatusOutput,
};
use crate::batch::Record;
use crate::check::{CheckList, Report};

/// One checked-in schema: `schema/{name}.json` describes every stdout line of that output
/// (`qr` alone describes Espressif's payload, which carries no `schema` version).
#[derive(Debug, Clone)]
pub struct SchemaFile {
    /// File stem, after the command (`provision`, `batch-report`…).
    pub name: &'static str,
    /// The schema.
    pub schema: Schema,
}

/// Every schema of the contract, in file order.
pub fn schemas() -> Vec<SchemaFile> {
    let file = |name, schema| SchemaFile { name, schema };
    vec![
        file("failure", schema_for!(Line<Failure>)),
        file("provision", schema_for!(Line<ProvisionLine>)),
        file("info", schema_for!(Line<Answer<InfoOutput>>)),
        file("status", schema_for!(Line<Answer<StatusOutput>>)),
        file("scan", schema_for!(Line<Answer<ScanOutput>>)),
        file("reset", schema_for!(Line<Answer<CtrlOutput>>)),
        file("reprov", schema_for!(Line<Answer<CtrlOutput>>)),
        file(
            "status-thread",
            schema_for!(Line<Answer<ThreadStatusOutput>>),
        ),
        file("scan-thread", schema_for!(Line<Answer<ThreadScanOutput>>)),
        file(
            "provision-thread",
            schema_for!(Line<Answer<ThreadProvisioned>>),
        ),
        file("send", schema_for!(Line<Answer<SendOutput>>)),
        file("discover", schema_for!(Line<Answer<DiscoverOutput>>)),
        file("sec2-creds", schema_for!(Line<Answer<Sec2CredsOutput>>)),
        file("factory-data", schema_for!(Line<Answer<FactoryDataOutput>>)),
        file("sim", schema_for!(Line<Answer<esprov_sim::ReadyLine>>)),
        // Espressif's QR payload as the phone apps read it: no contract envelope.
        file("qr", schema_for!(esprov_proto::qr::QrPayload)),
        file("batch", schema_for!(Line<BatchLine<'static>>)),
        file("batch-report", schema_for!(Line<Record>)),
        file("check", schema_for!(Line<Answer<Report>>)),
        file("check-list", schema_for!(Line<CheckList>)),
    ]
}
