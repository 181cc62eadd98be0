//! `prov-scan`: ScanStart, ScanStatus and paged ScanResult (§4.4).

use alloc::vec::Vec;

use esprov_proto::messages::{
    wi_fi_scan_payload::Payload, RespScanResult, RespScanStart, RespScanStatus,
    RespScanThreadResult, RespScanThreadStart, RespScanThreadStatus, Status, ThreadScanResult,
    WiFiScanMsgType, WiFiScanPayload, WiFiScanResult,
};
use prost::Message;
use rand_core::{CryptoRng, RngCore};

use crate::error::RequestError;
use crate::manager::Manager;
use crate::platform::{ApRecord, CredentialStore, ScanParams, ScanStarted, WifiStation};
use crate::thread::{ThreadNetworkRecord, ThreadScanParams, ThreadScanStarted};

/// A scan result the device ranks by signal strength.
pub(crate) trait Ranked {
    /// Signal strength in dBm.
    fn rssi(&self) -> i8;
}

impl Ranked for ApRecord {
    fn rssi(&self) -> i8 {
        self.rssi
    }
}

impl Ranked for ThreadNetworkRecord {
    fn rssi(&self) -> i8 {
        self.rssi
    }
}

/// The scan in progress or its sorted results (one per network type).
#[derive(Debug)]
pub(crate) struct ScanState<T> {
    pub(crate) running: bool,
    results: Vec<T>,
}

impl<T> Default for ScanState<T> {
    fn default() -> Self {
        ScanState {
            running: false,
            results: Vec::new(),
        }
    }
}

impl<T: Ranked> ScanState<T> {
    /// Keeps the strongest `max` results, strongest first.
    pub(crate) fn finish(&mut self, mut records: Vec<T>, max: usize) {
        records.sort_by_key(|record| core::cmp::Reverse(record.rssi()));
        records.truncate(max);
        self.results = records;
        self.running = false;
    }

    /// Entries `start..start+count`, or `None` when the range leaves the list.
    fn page(&self, start: u32, count: u32) -> Option<&[T]> {
        let start = usize::try_from(start).ok()?;
        let end = start.checked_add(usize::try_from(count).ok()?)?;
        self.results.get(start..end)
    }

    /// The results as a count for ScanStatus.
    fn count(&self) -> u32 {
        u32::try_from(self.results.len()).unwrap_or(u32::MAX)
    }
}

impl<W: WifiStation, S: CredentialStore, R: RngCore + CryptoRng> Manager<W, S, R> {
    /// Dispatches on `msg`; the result status is in the top-level `status`.
    pub(crate) fn handle_scan(&mut self, request: &[u8]) -> Result<Vec<u8>, RequestError> {
        let payload = WiFiScanPayload::decode(request)
            .map_err(|_| RequestError::Malformed("WiFiScanPayload"))?;
        let msg = WiFiScanMsgType::try_from(payload.msg);
        if let Some(answer) = self.network_refusal_scan(msg)? {
            return Ok(answer);
        }
        let (status, reply) = match (msg, payload.payload) {
            (
                Ok(WiFiScanMsgType::TypeCmdScanThreadStart),
                Some(Payload::CmdScanThreadStart(cmd)),
            ) => {
                let params = ThreadScanParams {
                    blocking: cmd.blocking,
                    channel_mask: cmd.channel_mask,
                };
                (
                    self.thread_scan_start(&params),
                    Payload::RespScanThreadStart(RespScanThreadStart {}),
                )
            }
            (Ok(WiFiScanMsgType::TypeCmdScanThreadStart), _) => {
                return Err(RequestError::MissingPayload("cmd_scan_thread_start"))
            }
            (Ok(WiFiScanMsgType::TypeCmdScanThreadStatus), _) => (
                Status::Success,
                Payload::RespScanThreadStatus(RespScanThreadStatus {
                    scan_finished: !self.thread_scan.running,
                    result_count: self.thread_scan.count(),
                }),
            ),
            (
                Ok(WiFiScanMsgType::TypeCmdScanThreadResult),
                Some(Payload::CmdScanThreadResult(cmd)),
            ) => self.thread_scan_result(cmd.start_index, cmd.count),
            (Ok(WiFiScanMsgType::TypeCmdScanThreadResult), _) => {
                return Err(RequestError::MissingPayload("cmd_scan_thread_result"))
            }
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
            result_count: self.scan.count(),
        })
    }

    /// A network_provisioning build answers the scan of a network type it lacks with
    /// InvalidArgument; wifi_provisioning knows no Thread scan at all (None: dispatch normally).
    fn network_refusal_scan(
        &self,
        msg: Result<WiFiScanMsgType, prost::UnknownEnumValue>,
    ) -> Result<Option<Vec<u8>>, RequestError> {
        let Ok(msg) = msg else { return Ok(None) };
        let thread = (msg as i32) >= WiFiScanMsgType::TypeCmdScanThreadStart as i32;
        if thread && self.config.network_provisioning.is_none() {
            return Err(RequestError::UnknownMessage(msg as i32));
        }
        let networks = self.config.networks();
        let offered = if thread {
            networks.thread && self.config.thread_scan
        } else {
            networks.wifi && self.config.wifi_scan
        };
        if offered || self.config.network_provisioning.is_none() {
            return Ok(None);
        }
        let reply = WiFiScanPayload {
            msg: msg as i32 + 1,
            status: Status::InvalidArgument as i32,
            payload: None,
        };
        Ok(Some(reply.encode_to_vec()))
    }

    /// Starts a Thread discovery unless one runs.
    fn thread_scan_start(&mut self, params: &ThreadScanParams) -> Status {
        if self.thread_scan.running {
            return Status::Success;
        }
        let max = self.config.scan_max_entries;
        let Some(node) = self.thread.as_mut() else {
            return Status::InternalError;
        };
        match node.start_scan(params) {
            Ok(ThreadScanStarted::Running) => {
                self.thread_scan.running = true;
                self.thread_scan.results.clear();
                Status::Success
            }
            Ok(ThreadScanStarted::Finished(records)) => {
                self.thread_scan.finish(records, max);
                Status::Success
            }
            Err(_) => Status::InternalError,
        }
    }

    fn thread_scan_result(&self, start: u32, count: u32) -> (Status, Payload) {
        let Some(page) = self.thread_scan.page(start, count) else {
            return (
                Status::InternalError,
                Payload::RespScanThreadResult(RespScanThreadResult::default()),
            );
        };
        let entries = page.iter().map(thread_entry).collect();
        (
            Status::Success,
            Payload::RespScanThreadResult(RespScanThreadResult { entries }),
        )
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

fn thread_entry(record: &ThreadNetworkRecord) -> ThreadScanResult {
    ThreadScanResult {
        pan_id: u32::from(record.pan_id),
        channel: u32::from(record.channel),
        rssi: i32::from(record.rssi),
        lqi: u32::from(record.lqi),
        ext_addr: record.ext_addr.to_vec(),
        network_name: record.network_name.clone(),
        ext_pan_id: record.ext_pan_id.to_vec(),
    }
}
