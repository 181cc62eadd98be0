//! The Thread half of `prov-scan` on network_provisioning devices: start a discovery, wait for
//! it, and read the networks found page by page (proto/NETPROV.md).

use std::time::Duration;

use esprov_proto::messages::{
    wi_fi_scan_payload::Payload, CmdScanThreadResult, CmdScanThreadStart, CmdScanThreadStatus,
    WiFiScanMsgType,
};
use serde::Serialize;
use tokio::time::Instant;

use super::scan::{exchange, scan_pages, STATUS_INTERVAL};
use super::unexpected;
use crate::device_text;
use crate::session::Session;
use crate::transport::Transport;
use crate::Error;

/// One Thread network a device found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct ThreadScanEntry {
    /// PAN ID.
    pub pan_id: u16,
    /// Extended PAN ID, hex.
    pub ext_pan_id: String,
    /// Network name (device text, cut to length; escape it before a terminal).
    pub network_name: String,
    /// Channel.
    pub channel: u16,
    /// Signal strength in dBm.
    pub rssi: i32,
    /// Link quality indicator.
    pub lqi: u32,
    /// The answering router's extended address, hex.
    pub ext_addr: String,
    /// The raw extended PAN ID, to build a dataset from a pick.
    #[serde(skip)]
    pub ext_pan_id_bytes: Option<[u8; 8]>,
}

/// Most Thread entries read from a device (its list is bounded the same way).
const MAX_ENTRIES: u32 = 64;

/// Runs a blocking Thread discovery and reads every result, `page_size` at a time.
pub async fn scan_thread<T: Transport>(
    session: &mut Session<T>,
    page_size: u32,
    timeout: Duration,
) -> Result<Vec<ThreadScanEntry>, Error> {
    let deadline = Instant::now() + timeout;
    let run = async {
        start_thread_scan(session).await?;
        let count = thread_scan_finished(session).await?.min(MAX_ENTRIES);
        let mut entries = Vec::new();
        for (start_index, wanted) in scan_pages(count, page_size) {
            let page = thread_scan_page(session, start_index, wanted).await?;
            entries.extend(page.into_iter().take(wanted as usize));
        }
        Ok(entries)
    };
    tokio::time::timeout_at(deadline, run)
        .await
        .map_err(|_| Error::Timeout {
            what: "the Thread scan".into(),
            after: timeout,
        })?
}

/// ScanThreadStart: a blocking discovery on every channel.
pub async fn start_thread_scan<T: Transport>(session: &mut Session<T>) -> Result<(), Error> {
    let start = Payload::CmdScanThreadStart(CmdScanThreadStart {
        blocking: true,
        channel_mask: 0,
    });
    exchange(session, WiFiScanMsgType::TypeCmdScanThreadStart, start).await?;
    Ok(())
}

/// ScanThreadStatus: whether the scan finished, and how many results it holds.
pub async fn thread_scan_status<T: Transport>(
    session: &mut Session<T>,
) -> Result<(bool, u32), Error> {
    let status = exchange(
        session,
        WiFiScanMsgType::TypeCmdScanThreadStatus,
        Payload::CmdScanThreadStatus(CmdScanThreadStatus {}),
    )
    .await?;
    match status.payload {
        Some(Payload::RespScanThreadStatus(s)) => Ok((s.scan_finished, s.result_count)),
        _ => Err(unexpected(session, "RespScanThreadStatus")),
    }
}

/// Polls ScanThreadStatus until the scan finished; the result count (callers bound the wait).
pub async fn thread_scan_finished<T: Transport>(session: &mut Session<T>) -> Result<u32, Error> {
    loop {
        match thread_scan_status(session).await? {
            (true, count) => return Ok(count),
            (false, _) => tokio::time::sleep(STATUS_INTERVAL).await,
        }
    }
}

/// ScanThreadResult: `count` entries from `start_index`, as the device answered them.
pub async fn thread_scan_page<T: Transport>(
    session: &mut Session<T>,
    start_index: u32,
    count: u32,
) -> Result<Vec<ThreadScanEntry>, Error> {
    let page = exchange(
        session,
        WiFiScanMsgType::TypeCmdScanThreadResult,
        Payload::CmdScanThreadResult(CmdScanThreadResult { start_index, count }),
    )
    .await?;
    let Some(Payload::RespScanThreadResult(page)) = page.payload else {
        return Err(unexpected(session, "RespScanThreadResult"));
    };
    Ok(page
        .entries
        .iter()
        .map(|e| ThreadScanEntry {
            pan_id: u16::try_from(e.pan_id).unwrap_or(u16::MAX),
            ext_pan_id: hex::encode(e.ext_pan_id.iter().take(8).copied().collect::<Vec<_>>()),
            network_name: device_text::truncate(&e.network_name).into_owned(),
            channel: u16::try_from(e.channel).unwrap_or(u16::MAX),
            rssi: e.rssi,
            lqi: e.lqi,
            ext_addr: hex::encode(e.ext_addr.iter().take(8).copied().collect::<Vec<_>>()),
            ext_pan_id_bytes: e.ext_pan_id.as_slice().try_into().ok(),
        })
        .collect())
}
