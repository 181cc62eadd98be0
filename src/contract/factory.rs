//! `esprov factory-data --json`: what a run wrote, secrets left out (they are in the files).

use schemars::JsonSchema;
use serde::Serialize;

/// The files of one factory run and the devices they describe.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FactoryDataOutput {
    /// The output folder.
    pub out: String,
    /// The label CSV (serial, name, QR payload).
    pub labels: String,
    /// The `esprov batch` manifest.
    pub manifest: String,
    /// One entry per device, in manifest order.
    pub devices: Vec<FactoryDataDevice>,
}

/// One generated device, without its secret.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct FactoryDataDevice {
    /// Its serial number, or `null` for a run by count.
    #[schemars(required, extend("type" = ["string", "null"]))]
    pub serial: Option<String>,
    /// Its service name (BLE name or SoftAP SSID).
    pub name: String,
    /// The security scheme its factory data carries.
    pub sec_ver: u8,
    /// Its partition image.
    pub image: String,
    /// Its manifest `device` cell.
    pub device: String,
}
