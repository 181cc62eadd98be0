//! The BLE flags (`--ble NAME`, `--ble-prefix`, `--service-uuid`, `--adapter`, `--ble-retries`), and
//! how they open a BLE transport or run a BLE scan. Hooked into `target.rs` and `discover`.

use std::time::Duration;

use esprov::discover::{ble as ble_discover, DiscoveredDevice};
use esprov::proto::qr::{QrPayload, QrTransport};
use esprov::provision::ScanOptions;
use esprov::transport::ble::{self, BleOptions, DEFAULT_PREFIX};
use esprov::transport::Transport;
use esprov::Error;
use uuid::Uuid;

use super::args::DiscoverArgs;
use super::help;
use super::target::{TargetArgs, TimingArgs};

/// How long a connect-by-name scan listens before giving up.
const FIND_TIMEOUT: Duration = Duration::from_secs(10);

/// `--ble NAME` and its companions, on every command that takes `--device`.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = help::BLE)]
pub struct BleArgs {
    /// Reach the device over BLE by its advertised name (e.g. PROV_261FCC) or address.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["device", "mdns"])]
    pub ble: Option<String>,
    /// Where and how to scan.
    #[command(flatten)]
    pub scan: BleScanArgs,
    /// Retry a failed BLE connect or GATT discovery this many times [default: 0].
    #[arg(long, value_name = "N", alias = "retries")]
    pub ble_retries: Option<u32>,
}

impl BleArgs {
    /// The first BLE-only flag given, to refuse it when the device is not reached over BLE.
    pub fn given_flag(&self) -> Option<&'static str> {
        if self.ble_retries.is_some() {
            return Some("--ble-retries");
        }
        self.scan.given_flag()
    }
}

/// The scan flags shared by `--ble` and `discover --ble`.
#[derive(Debug, Clone, Default, clap::Args)]
#[command(next_help_heading = help::BLE)]
pub struct BleScanArgs {
    /// Name prefix that marks provisioning devices in BLE scans [default: PROV_].
    #[arg(long, value_name = "PREFIX")]
    pub ble_prefix: Option<String>,
    /// The provisioning GATT service UUID, for devices with a custom one.
    #[arg(long, value_name = "UUID", value_parser = parse_uuid)]
    pub service_uuid: Option<Uuid>,
    /// Bluetooth adapter to use (e.g. hci0); the first one by default.
    #[arg(long, value_name = "NAME")]
    pub adapter: Option<String>,
}

impl BleScanArgs {
    /// The first scan flag given, if any.
    pub fn given_flag(&self) -> Option<&'static str> {
        if self.ble_prefix.is_some() {
            Some("--ble-prefix")
        } else if self.service_uuid.is_some() {
            Some("--service-uuid")
        } else if self.adapter.is_some() {
            Some("--adapter")
        } else {
            None
        }
    }

    /// Library options for a scan of `scan` seconds within a run bounded by `total`.
    pub fn options(&self, scan: Duration, total: Duration) -> BleOptions {
        self.options_with(scan, total, BleOptions::default().op_timeout)
    }

    /// The same, with `request` bounding each GATT operation (`--request-timeout`).
    pub fn options_with(&self, scan: Duration, total: Duration, request: Duration) -> BleOptions {
        let defaults = BleOptions::default();
        BleOptions {
            prefix: self
                .ble_prefix
                .clone()
                .unwrap_or_else(|| DEFAULT_PREFIX.to_owned()),
            service_uuid: self.service_uuid,
            adapter: self.adapter.clone(),
            scan_timeout: scan.min(total),
            connect_timeout: defaults.connect_timeout.min(total),
            op_timeout: request.min(total),
            ..defaults
        }
    }
}

fn parse_uuid(text: &str) -> Result<Uuid, String> {
    Uuid::parse_str(text.trim()).map_err(|error| format!("{text:?} is not a UUID: {error}"))
}

/// A BLE transport when `--ble` (or a BLE QR payload without `--device`/`--mdns`) asks for one.
pub async fn open(
    target: &TargetArgs,
    qr: Option<&QrPayload>,
    timing: &TimingArgs,
) -> Result<Option<Box<dyn Transport>>, Error> {
    let total = timing.timeout();
    let from_qr = qr
        .filter(|payload| {
            payload.transport == QrTransport::Ble
                && target.device.is_none()
                && target.mdns.is_none()
        })
        .map(|payload| payload.name.clone());
    let Some(name) = target.ble.ble.clone().or(from_qr) else {
        return Ok(None);
    };
    let options = BleOptions {
        name: Some(name),
        retries: target.ble.ble_retries.unwrap_or(0),
        // Leave part of the run's bound, so a device that is not there is reported as such.
        ..target.ble.scan.options_with(
            FIND_TIMEOUT.min(total.mul_f64(0.75)),
            total,
            timing.request_timeout(),
        )
    };
    Ok(Some(Box::new(ble::connect(&options).await?)))
}

/// `discover --ble`: provisioning devices advertising over BLE.
pub async fn discover(
    scan: &BleScanArgs,
    timeout: Duration,
) -> Result<Vec<DiscoveredDevice>, Error> {
    ble_discover::discover(&scan.options(timeout, timeout + Duration::from_secs(5))).await
}

/// `esp-prov --transport ble --service_name NAME`: the device esp_prov's BLE client would pick.
pub fn esp_prov_target(service_name: Option<&str>) -> Result<TargetArgs, Error> {
    let name = service_name.ok_or_else(|| {
        Error::Usage("--transport ble needs --service_name NAME (the device's BLE name; `esprov discover --ble` lists them)".into())
    })?;
    Ok(TargetArgs {
        ble: BleArgs {
            ble: Some(name.into()),
            ..BleArgs::default()
        },
        ..TargetArgs::default()
    })
}

/// `esprov discover`: mDNS (the `mdns` future), BLE, or both when neither flag is given. With
/// both, a missing Bluetooth stack is a warning, not a failure; with `--ble` alone it fails.
pub async fn discover_both(
    args: &DiscoverArgs,
    mdns: impl std::future::Future<Output = Result<Vec<DiscoveredDevice>, Error>>,
) -> Result<Vec<DiscoveredDevice>, Error> {
    let both = args.ble == args.mdns;
    let timeout = Duration::from_secs_f64(args.timeout);
    let (from_mdns, from_ble) = tokio::join!(
        async {
            if both || args.mdns {
                mdns.await
            } else {
                Ok(Vec::new())
            }
        },
        async {
            if both || args.ble {
                discover(&args.ble_scan, timeout).await
            } else {
                Ok(Vec::new())
            }
        },
    );
    let mut devices = from_mdns?;
    match from_ble {
        Ok(found) => devices.extend(found),
        // stderr, so --json output stays one object.
        Err(error) if both => eprintln!(
            "{} BLE scan skipped: {error}",
            super::term::yellow("warning:")
        ),
        Err(error) => return Err(error),
    }
    Ok(devices)
}

/// The BLE columns of the discover table: RSSI, service UUIDs and manufacturer data.
pub fn details(device: &DiscoveredDevice) -> String {
    let mut parts = Vec::new();
    if let Some(rssi) = device.rssi {
        parts.push(format!("{rssi} dBm"));
    }
    parts.extend(device.service_uuids.iter().cloned());
    parts.extend(
        device
            .manufacturer_data
            .iter()
            .map(|(id, data)| format!("{id:04x}:{}", hex::encode(data))),
    );
    parts.join(" ")
}

/// Scan options for `transport`: a link with small requests (BLE, console) reads results 4 at a
/// time so each page fits one characteristic value.
pub fn scan_options<T: Transport>(transport: &T) -> ScanOptions {
    match transport.max_request_len() {
        Some(limit) if limit <= ble::ATT_MAX_VALUE => ScanOptions::for_ble(),
        _ => ScanOptions::for_http(),
    }
}
