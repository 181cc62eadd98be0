//! The ready line a virtual device prints on stdout under `--json`: part of esprov's JSON output
//! contract (`esprov::contract`), whose schema set includes this type.

use schemars::JsonSchema;
use serde::Serialize;

/// The output contract's version this line follows; `esprov::contract::SCHEMA_VERSION` must
/// equal it (a test checks).
pub const SCHEMA: u32 = 1;

/// One device is serving: where, as whom, and with which security.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ReadyLine {
    /// The output contract's version.
    #[schemars(extend("const" = 1))]
    pub schema: u32,
    /// Where to reach it: `HOST:PORT` for HTTP, the console's path for the console transport.
    pub device: String,
    /// Its service name (`PROV_XXXXXX`).
    pub name: String,
    /// Its security scheme.
    pub sec_ver: u8,
    /// Its security 2 patch level.
    pub sec_patch_ver: u8,
    /// `http` or `console`.
    pub transport: String,
    /// Whether it starts already provisioned.
    pub provisioned: bool,
}
