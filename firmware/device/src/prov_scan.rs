//! `prov-scan`: ScanStart, ScanStatus and paged ScanResult (§4.4).

use alloc::vec::Vec;

use esprov_proto::messages::{
    wi_fi_scan_payload::Payload, RespScanResult, RespScanStart, RespScanStatus, Status,
    WiFiScanMsgType, WiFiScanPayload, WiFiScanResult,
};
use prost::Message;
use rand_core::{CryptoRng, RngCore};

use crate::error::RequestError;
use crate::manager::Manager;
use crate::platform::{ApRecord, CredentialStore, ScanParams, ScanStarted, WifiStation};

/// The scan in progress or its sorted results.
#[derive(Debug, Default)]
pub(crate) struct ScanState {
    running: bool,
    results: Vec<ApRecord>,
}

impl ScanState {
    /// Keeps the strongest `max` results, strongest first.
    pub(crate) fn finish(&mut self, mut records: Vec<ApRecord>, max: usize) {
        records.sort_by_key(|record| core::cmp::Reverse(record.rssi));
        records.truncate(max);
        self.results = records;
        self.running = false;
    }

    /// Entries `start..start+count`, or `None` when the range leaves the list.
    fn page(&self, start: u32, count: u32) -> Option<&[ApRecord]> {
        let start = usize::try_from(start).ok()?;
        let end = start.checked_add(usize::try_from(count).ok()?)?;
        self.results.get(start..end)
    }
}

impl<W: WifiStation, S: CredentialStore, R: RngCore + CryptoRng> Manager<W, S, R> {
    /// Dispatches on `msg`; the result status is in the top-level `status`.
    pub(crate) fn handle_scan(&mut self, request: &[u8]) -> Result<Vec<u8>, RequestError> {
        let payload = WiFiScanPayload::decode(request)
            .map_err(|_| RequestError::Malformed("WiFiScanPayload"))?;
        let (status, reply) = match (WiFiScanMsgType::try_from(payload.msg), payload.payload) {
            (Ok(WiFiScanMsgType::TypeCmdScanStart), Some(Payload::CmdScanStart(cmd))) => {
                let params = ScanParams {
                    blocking: cmd.blocking,
                    passive: cmd.passive,
                    group_channels: cmd.group_channels,
                    period_ms: cmd.period_ms,
                };
                (
                    self.scan_start(&params),
                    Payload::RespScanStart(RespScanStart {}),
                )
            }
            (Ok(WiFiScanMsgType::TypeCmdScanStart), _) => {
                return Err(RequestError::MissingPayload("cmd_scan_start"))
            }
            (Ok(WiFiScanMsgType::TypeCmdScanStatus), _) => (Status::Success, self.scan_status()),
            (Ok(WiFiScanMsgType::TypeCmdScanResult), Some(Payload::CmdScanResult(cmd))) => {
                self.scan_result(cmd.start_index, cmd.count)
            }
            (Ok(WiFiScanMsgType::TypeCmdScanResult), _) => {
                return Err(RequestError::MissingPayload("cmd_scan_result"))
            }
            _ => return Err(RequestError::UnknownMessage(payload.msg)),
        };
        let response = WiFiScanPayload {
            msg: payload.msg + 1,
            status: status as i32,
            payload: Some(reply),
        };
        Ok(response.encode_to_vec())
    }

    /// Starts a scan unless one runs (then Success at once, without restarting).
    fn scan_start(&mut self, params: &ScanParams) -> Status {
        if self.scan.running {
            return Status::Success;
        }
        match self.wifi.start_scan(params) {
            Ok(ScanStarted::Running) => {
                self.scan.running = true;
                self.scan.results.clear();
                Status::Success
            }
            Ok(ScanStarted::Finished(records)) => {
                self.scan.finish(records, self.config.scan_max_entries);
                Status::Success
            }
            Err(_) => Status::InternalError,
        }
    }

    fn scan_status(&self) -> Payload {
        Payload::RespScanStatus(RespScanStatus {
            scan_finished: !self.scan.running,
            result_count: u32::try_from(self.scan.results.len()).unwrap_or(u32::MAX),
        })
    }

    /// A page of results; a range beyond the list is InternalError with no entries.
    fn scan_result(&self, start: u32, count: u32) -> (Status, Payload) {
        let Some(page) = self.scan.page(start, count) else {
            return (
                Status::InternalError,
                Payload::RespScanResult(RespScanResult::default()),
            );
        };
        let entries = page.iter().map(scan_entry).collect();
        (
            Status::Success,
            Payload::RespScanResult(RespScanResult { entries }),
        )
    }
}

fn scan_entry(record: &ApRecord) -> WiFiScanResult {
    let ssid_len = record
        .ssid
        .iter()
        .position(|&b| b == 0)
        .unwrap_or(record.ssid.len())
        .min(32);
    WiFiScanResult {
        ssid: record.ssid[..ssid_len].to_vec(),
        channel: u32::from(record.channel),
        rssi: i32::from(record.rssi),
        bssid: record.bssid.to_vec(),
        auth: record.auth,
    }
}
