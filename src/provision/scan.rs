//! `prov-scan`: start a scan, wait for it, and read the results page by page (PROTOCOL.md §4.4).

use std::time::Duration;

use esprov_proto::endpoint::Endpoint;
use esprov_proto::messages::{
    wi_fi_scan_payload::Payload, CmdScanResult, CmdScanStart, CmdScanStatus, WiFiScanMsgType,
    WiFiScanPayload,
};
use prost::Message;
use serde::Serialize;
use tokio::time::Instant;

use super::status::format_bssid;
use super::{check_status, decode, unexpected, AuthMode};
use crate::session::Session;
use crate::transport::Transport;
use crate::Error;

/// How often to ask whether a non-blocking (or already running) scan finished.
pub(super) const STATUS_INTERVAL: Duration = Duration::from_millis(200);

/// The most scan results a device can hold: ESP-IDF's list has at most
/// `CONFIG_WIFI_PROV_SCAN_MAX_ENTRIES` entries (default 16, range 1–255; PROTOCOL.md §4.4,
/// components/wifi_provisioning/Kconfig). A larger `result_count` is a lie and is cut to this.
pub const MAX_SCAN_RESULTS: u32 = 255;

/// How to scan and how to read the results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanOptions {
    /// Let the device answer ScanStart only once the scan finished.
    pub blocking: bool,
    /// Listen for beacons instead of probing.
    pub passive: bool,
    /// Channels per batch (0 = all at once); SoftAP devices need pauses to keep beaconing.
    pub group_channels: u32,
    /// Dwell time per channel in ms (0 = the device's default).
    pub period_ms: u32,
    /// Entries per ScanResult request: 4 fits a BLE characteristic.
    pub page_size: u32,
    /// Bound on the whole scan, start to last page.
    pub timeout: Duration,
}

impl ScanOptions {
    /// What a device reached over its own SoftAP needs: channel groups of 5, 120 ms per channel.
    pub fn for_http() -> Self {
        ScanOptions {
            blocking: true,
            passive: false,
            group_channels: 5,
            period_ms: 120,
            page_size: 16,
            timeout: Duration::from_secs(30),
        }
    }

    /// What a BLE device needs: all channels at once, results 4 at a time.
    pub fn for_ble() -> Self {
        ScanOptions {
            group_channels: 0,
            page_size: 4,
            ..Self::for_http()
        }
    }
}

impl Default for ScanOptions {
    fn default() -> Self {
        Self::for_http()
    }
}

/// One access point the device saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanEntry {
    /// SSID, lossy UTF-8.
    pub ssid: String,
    /// SSID bytes as sent.
    #[serde(skip)]
    pub ssid_bytes: Vec<u8>,
    /// BSSID, `aa:bb:cc:dd:ee:ff`.
    pub bssid: String,
    /// Primary channel.
    pub channel: u32,
    /// Signal strength in dBm.
    pub rssi: i32,
    /// Auth mode (unknown driver values are kept).
    pub auth: AuthMode,
}

/// The `(start_index, count)` requests that read `result_count` entries, never past the end,
/// made one at a time as the caller reads them (a huge count costs nothing up front).
pub fn scan_pages(result_count: u32, page_size: u32) -> impl Iterator<Item = (u32, u32)> {
    let page = page_size.max(1);
    (0..result_count)
        .step_by(page as usize)
        .map(move |start| (start, page.min(result_count - start)))
}

pub(super) async fn exchange<T: Transport>(
    session: &mut Session<T>,
    msg: WiFiScanMsgType,
    payload: Payload,
) -> Result<WiFiScanPayload, Error> {
    let command = WiFiScanPayload {
        msg: msg as i32,
        status: 0,
        payload: Some(payload),
    };
    let answer = session
        .request(Endpoint::ProvScan.name(), &command.encode_to_vec())
        .await?;
    let resp: WiFiScanPayload = decode(session, &answer, "WiFiScanPayload")?;
    check_status(
        Endpoint::ProvScan.name(),
        msg.as_str_name(),
        resp.status,
        "",
    )?;
    Ok(resp)
}

pub(crate) async fn start<T: Transport>(
    session: &mut Session<T>,
    options: &ScanOptions,
) -> Result<(), Error> {
    let cmd = CmdScanStart {
        blocking: options.blocking,
        passive: options.passive,
        group_channels: options.group_channels,
        period_ms: options.period_ms,
    };
    exchange(
        session,
        WiFiScanMsgType::TypeCmdScanStart,
        Payload::CmdScanStart(cmd),
    )
    .await?;
    Ok(())
}

/// Asks for the scan state: `(finished, result_count)`.
pub(crate) async fn status<T: Transport>(session: &mut Session<T>) -> Result<(bool, u32), Error> {
    let resp = exchange(
        session,
        WiFiScanMsgType::TypeCmdScanStatus,
        Payload::CmdScanStatus(CmdScanStatus {}),
    )
    .await?;
    match resp.payload {
        Some(Payload::RespScanStatus(s)) => Ok((s.scan_finished, s.result_count)),
        _ => Err(unexpected(session, "RespScanStatus")),
    }
}

pub(crate) async fn page<T: Transport>(
    session: &mut Session<T>,
    start_index: u32,
    count: u32,
) -> Result<Vec<ScanEntry>, Error> {
    let cmd = CmdScanResult { start_index, count };
    let resp = exchange(
        session,
        WiFiScanMsgType::TypeCmdScanResult,
        Payload::CmdScanResult(cmd),
    )
    .await?;
    match resp.payload {
        // A page with more entries than asked for is cut to what was asked.
        Some(Payload::RespScanResult(r)) => Ok(r
            .entries
            .into_iter()
            .take(count as usize)
            .map(|e| ScanEntry {
                ssid: crate::device_text::truncate(&String::from_utf8_lossy(&e.ssid)).into_owned(),
                ssid_bytes: e.ssid,
                bssid: format_bssid(&e.bssid),
                channel: e.channel,
                rssi: e.rssi,
                auth: AuthMode(e.auth),
            })
            .collect()),
        _ => Err(unexpected(session, "RespScanResult")),
    }
}

/// Has the device scan for access points and returns them, strongest first as the device sorts.
pub async fn scan<T: Transport>(
    session: &mut Session<T>,
    options: &ScanOptions,
) -> Result<Vec<ScanEntry>, Error> {
    if session.info().proto_ver.prov.is_some() && !session.info().has_cap("wifi_scan") {
        return Err(Error::Unsupported(
            "the device does not offer Wi-Fi scan (no wifi_scan capability)".into(),
        ));
    }
    let deadline = Instant::now() + options.timeout;
    let bounded = async {
        start(session, options).await?;
        let claimed = wait_finished(session).await?;
        let count = claimed.min(MAX_SCAN_RESULTS);
        if count < claimed {
            tracing::warn!(
                claimed,
                "the device claims more scan results than any device holds"
            );
        }
        tracing::debug!(count, page_size = options.page_size, "scan finished");
        let mut entries = Vec::new();
        for (start_index, count) in scan_pages(count, options.page_size) {
            entries.extend(page(session, start_index, count).await?);
        }
        Ok(entries)
    };
    tokio::time::timeout_at(deadline, bounded)
        .await
        .map_err(|_| Error::Timeout {
            what: "the Wi-Fi scan".into(),
            after: options.timeout,
        })?
}

pub(crate) async fn wait_finished<T: Transport>(session: &mut Session<T>) -> Result<u32, Error> {
    loop {
        let (finished, count) = status(session).await?;
        if finished {
            return Ok(count);
        }
        tokio::time::sleep(STATUS_INTERVAL).await;
    }
}
