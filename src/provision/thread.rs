//! Thread on network_provisioning devices: SetThreadConfig, ApplyThreadConfig, GetThreadStatus,
//! the Thread scan and the Thread reset/reprov (proto/NETPROV.md).

use std::fmt;
use std::time::Duration;

use esprov_proto::dataset::{self, DatasetSummary};
use esprov_proto::endpoint::Endpoint;
use esprov_proto::messages::{
    resp_get_thread_status::State, wi_fi_config_payload as config, wi_fi_ctrl_payload as ctrl,
    wi_fi_scan_payload as scan, CmdApplyThreadConfig, CmdCtrlThreadReprov, CmdCtrlThreadReset,
    CmdGetThreadStatus, CmdScanThreadResult, CmdScanThreadStart, CmdScanThreadStatus,
    CmdSetThreadConfig, RespGetThreadStatus, Status, ThreadAttachFailedReason, ThreadNetworkState,
    WiFiConfigMsgType, WiFiConfigPayload, WiFiCtrlMsgType, WiFiCtrlPayload, WiFiScanMsgType,
    WiFiScanPayload,
};
use prost::Message;
use serde::Serialize;
use tokio::time::Instant;
use zeroize::Zeroizing;

use super::{check_status, decode, unexpected, PollPolicy};
use crate::device_text;
use crate::session::{Secret, Session};
use crate::transport::Transport;
use crate::Error;

/// Checks an Active Operational Dataset before it is sent: malformed TLVs are a usage error
/// naming the offset, and what the dataset names comes back (never the key).
pub fn check_dataset(tlvs: &Secret) -> Result<DatasetSummary, Error> {
    dataset::parse(tlvs.expose())
        .map_err(|err| Error::Usage(format!("the Thread dataset is not valid TLVs: {err}")))
}

/// Reads a dataset written as hex (spaces, newlines and a `0x` prefix allowed).
pub fn dataset_from_hex(text: &str) -> Result<Secret, Error> {
    let clean: Zeroizing<String> = Zeroizing::new(
        text.trim()
            .trim_start_matches("0x")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect(),
    );
    hex::decode(clean.as_bytes())
        .map(Secret::new)
        .map_err(|_| Error::Usage("the Thread dataset is not hex (give the TLVs as hex)".into()))
}

/// The network a Thread node attached to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ThreadAttached {
    /// PAN ID.
    pub pan_id: u16,
    /// Extended PAN ID, hex.
    pub ext_pan_id: String,
    /// Channel.
    pub channel: u32,
    /// Network name (device text, cut to length; escape it before a terminal).
    pub name: String,
}

/// Why a Thread attach failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadFailReason {
    /// The device could not use the dataset.
    DatasetInvalid,
    /// No network with this dataset answered in time.
    NetworkNotFound,
    /// A reason number this client does not know.
    Other(i32),
}

/// Where the device's Thread node is in attaching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThreadStatus {
    /// Still attaching (also before any dataset was applied).
    Attaching,
    /// Attached to a network.
    Attached(ThreadAttached),
    /// Gave up, with the reason.
    Failed(ThreadFailReason),
    /// Detached (the schema has it; devices report failures instead).
    Detached,
}

impl ThreadStatus {
    /// The state word used in JSON: `attaching`, `attached`, `failed`, `detached`.
    pub fn word(&self) -> &'static str {
        match self {
            ThreadStatus::Attaching => "attaching",
            ThreadStatus::Attached(_) => "attached",
            ThreadStatus::Failed(_) => "failed",
            ThreadStatus::Detached => "detached",
        }
    }

    /// The failure reason word, as the exit codes' reasons: `thread_dataset_invalid`, …
    pub fn reason(&self) -> Option<String> {
        match self {
            ThreadStatus::Failed(ThreadFailReason::DatasetInvalid) => {
                Some("thread_dataset_invalid".into())
            }
            ThreadStatus::Failed(ThreadFailReason::NetworkNotFound) => {
                Some("thread_network_not_found".into())
            }
            ThreadStatus::Failed(ThreadFailReason::Other(n)) => Some(format!("reason_{n}")),
            _ => None,
        }
    }

    fn from_response(resp: &RespGetThreadStatus) -> Self {
        match (ThreadNetworkState::try_from(resp.thread_state), &resp.state) {
            (Ok(ThreadNetworkState::Attached), Some(State::ThreadAttached(a))) => {
                ThreadStatus::Attached(ThreadAttached {
                    pan_id: u16::try_from(a.pan_id).unwrap_or(u16::MAX),
                    ext_pan_id: hex::encode(
                        a.ext_pan_id.iter().take(8).copied().collect::<Vec<_>>(),
                    ),
                    channel: a.channel,
                    name: device_text::truncate(&a.name).into_owned(),
                })
            }
            (Ok(ThreadNetworkState::Attached), _) => ThreadStatus::Attached(ThreadAttached {
                pan_id: 0,
                ext_pan_id: String::new(),
                channel: 0,
                name: String::new(),
            }),
            (Ok(ThreadNetworkState::AttachingFailed), state) => {
                let raw = match state {
                    Some(State::ThreadFailReason(raw)) => *raw,
                    _ => ThreadAttachFailedReason::ThreadNetworkNotFound as i32,
                };
                ThreadStatus::Failed(match ThreadAttachFailedReason::try_from(raw) {
                    Ok(ThreadAttachFailedReason::DatasetInvalid) => {
                        ThreadFailReason::DatasetInvalid
                    }
                    Ok(ThreadAttachFailedReason::ThreadNetworkNotFound) => {
                        ThreadFailReason::NetworkNotFound
                    }
                    Err(_) => ThreadFailReason::Other(raw),
                })
            }
            (Ok(ThreadNetworkState::Dettached), _) => ThreadStatus::Detached,
            _ => ThreadStatus::Attaching,
        }
    }
}

/// As `{"state": "attached", "attached": {…}}` or `{"state": "failed", "reason": "…"}`.
impl Serialize for ThreadStatus {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("state", self.word())?;
        if let ThreadStatus::Attached(attached) = self {
            map.serialize_entry("attached", attached)?;
        }
        if let Some(reason) = self.reason() {
            map.serialize_entry("reason", &reason)?;
        }
        map.end()
    }
}

impl fmt::Display for ThreadStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThreadStatus::Attaching => f.write_str("attaching"),
            ThreadStatus::Attached(a) => write!(
                f,
                "attached to \"{}\" (PAN ID 0x{:04x}, ext PAN ID {}, channel {})",
                device_text::escape(&a.name),
                a.pan_id,
                a.ext_pan_id,
                a.channel
            ),
            ThreadStatus::Failed(ThreadFailReason::DatasetInvalid) => {
                f.write_str("failed: the device could not use the dataset")
            }
            ThreadStatus::Failed(ThreadFailReason::NetworkNotFound) => {
                f.write_str("failed: Thread network not found")
            }
            ThreadStatus::Failed(ThreadFailReason::Other(n)) => write!(f, "failed: reason {n}"),
            ThreadStatus::Detached => f.write_str("detached"),
        }
    }
}

/// The error a final Thread failure ends a run with.
pub fn thread_failure(reason: ThreadFailReason) -> Error {
    match reason {
        ThreadFailReason::DatasetInvalid => Error::ThreadDatasetInvalid,
        ThreadFailReason::NetworkNotFound | ThreadFailReason::Other(_) => {
            Error::ThreadNetworkNotFound
        }
    }
}

async fn config_exchange<T: Transport>(
    session: &mut Session<T>,
    command: &WiFiConfigPayload,
    shown: Option<&WiFiConfigPayload>,
) -> Result<WiFiConfigPayload, Error> {
    let bytes = Zeroizing::new(command.encode_to_vec());
    let shown = shown.map(Message::encode_to_vec);
    let answer = session
        .request_logged(
            Endpoint::ProvConfig.name(),
            &bytes,
            shown.as_deref().unwrap_or(&bytes),
        )
        .await?;
    decode(session, &answer, "WiFiConfigPayload")
}

fn set_command(dataset: Vec<u8>) -> WiFiConfigPayload {
    WiFiConfigPayload {
        msg: WiFiConfigMsgType::TypeCmdSetThreadConfig as i32,
        payload: Some(config::Payload::CmdSetThreadConfig(CmdSetThreadConfig {
            dataset,
        })),
    }
}

/// Sends the dataset (checked first); the device keeps it until [`apply_thread_config`]. The
/// verbose trace shows a fixed mark instead, so not even the dataset's length is logged.
pub async fn set_thread_config<T: Transport>(
    session: &mut Session<T>,
    tlvs: &Secret,
) -> Result<(), Error> {
    check_dataset(tlvs)?;
    send_thread_dataset(session, tlvs).await
}

/// SetThreadConfig with the bytes as they are, unchecked: how a conformance check sends a
/// dataset the device must refuse. Never logged, as above.
pub(crate) async fn send_thread_dataset<T: Transport>(
    session: &mut Session<T>,
    tlvs: &Secret,
) -> Result<(), Error> {
    session.plan().check_sends_secrets()?;
    let command = set_command(tlvs.expose().to_vec());
    let shown = set_command(b"<redacted>".to_vec());
    let answer = config_exchange(session, &command, Some(&shown)).await;
    let mut command = command;
    if let Some(config::Payload::CmdSetThreadConfig(cmd)) = &mut command.payload {
        zeroize::Zeroize::zeroize(&mut cmd.dataset);
    }
    match answer?.payload {
        Some(config::Payload::RespSetThreadConfig(resp)) => check_status(
            Endpoint::ProvConfig.name(),
            "SetThreadConfig",
            resp.status,
            "",
        ),
        _ => Err(unexpected(session, "RespSetThreadConfig")),
    }
}

/// Tells the device to attach with the stored dataset. A device that refuses because the dataset
/// is invalid says so in its Thread status, so the refusal is read back into the right error.
pub async fn apply_thread_config<T: Transport>(session: &mut Session<T>) -> Result<(), Error> {
    let command = WiFiConfigPayload {
        msg: WiFiConfigMsgType::TypeCmdApplyThreadConfig as i32,
        payload: Some(config::Payload::CmdApplyThreadConfig(
            CmdApplyThreadConfig {},
        )),
    };
    let status = match config_exchange(session, &command, None).await?.payload {
        Some(config::Payload::RespApplyThreadConfig(resp)) => resp.status,
        _ => return Err(unexpected(session, "RespApplyThreadConfig")),
    };
    // network_provisioning refuses an unparseable dataset at apply time and records why.
    if status == Status::InternalError as i32
        && get_thread_status(session).await?
            == ThreadStatus::Failed(ThreadFailReason::DatasetInvalid)
    {
        return Err(Error::ThreadDatasetInvalid);
    }
    check_status(
        Endpoint::ProvConfig.name(),
        "ApplyThreadConfig",
        status,
        ": the device already has credentials or a failed attempt; run `esprov reset`, then provision again",
    )
}

/// The GetThreadStatus command (also sent in plaintext by a check that expects a refusal).
pub(crate) fn get_thread_status_command() -> WiFiConfigPayload {
    WiFiConfigPayload {
        msg: WiFiConfigMsgType::TypeCmdGetThreadStatus as i32,
        payload: Some(config::Payload::CmdGetThreadStatus(CmdGetThreadStatus {})),
    }
}

/// Asks the device where its Thread node is in attaching.
pub async fn get_thread_status<T: Transport>(
    session: &mut Session<T>,
) -> Result<ThreadStatus, Error> {
    let command = get_thread_status_command();
    match config_exchange(session, &command, None).await?.payload {
        Some(config::Payload::RespGetThreadStatus(resp)) => {
            check_status(
                Endpoint::ProvConfig.name(),
                "GetThreadStatus",
                resp.status,
                " (the device is not built for Thread?)",
            )?;
            Ok(ThreadStatus::from_response(&resp))
        }
        _ => Err(unexpected(session, "RespGetThreadStatus")),
    }
}

/// Polls GetThreadStatus until attached, failed, or `deadline`.
pub async fn wait_attached<T: Transport>(
    session: &mut Session<T>,
    deadline: Instant,
    policy: PollPolicy,
    on_status: &mut (dyn FnMut(&ThreadStatus) + Send),
) -> Result<ThreadAttached, Error> {
    let started = Instant::now().min(deadline);
    let mut delay = policy.first.min(policy.max);
    let mut last: Option<ThreadStatus> = None;
    loop {
        tokio::time::sleep_until((Instant::now() + delay).min(deadline)).await;
        let timeout = || Error::Timeout {
            what: "the device to attach to the Thread network".into(),
            after: deadline - started,
        };
        if Instant::now() >= deadline {
            return Err(timeout());
        }
        let status = match tokio::time::timeout_at(deadline, get_thread_status(session)).await {
            Ok(status) => status?,
            Err(_) => return Err(timeout()),
        };
        if last.as_ref() != Some(&status) {
            on_status(&status);
            delay = policy.initial.min(policy.max);
        } else {
            delay = policy.next(delay);
        }
        match &status {
            ThreadStatus::Attached(info) => return Ok(info.clone()),
            ThreadStatus::Failed(reason) => return Err(thread_failure(*reason)),
            ThreadStatus::Attaching | ThreadStatus::Detached => {}
        }
        last = Some(status);
    }
}

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

async fn scan_exchange<T: Transport>(
    session: &mut Session<T>,
    msg: WiFiScanMsgType,
    payload: scan::Payload,
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
        let page_size = page_size.max(1);
        let mut start_index = 0;
        while start_index < count {
            let wanted = page_size.min(count - start_index);
            let page = thread_scan_page(session, start_index, wanted).await?;
            entries.extend(page.into_iter().take(wanted as usize));
            start_index += wanted;
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
    let start = scan::Payload::CmdScanThreadStart(CmdScanThreadStart {
        blocking: true,
        channel_mask: 0,
    });
    scan_exchange(session, WiFiScanMsgType::TypeCmdScanThreadStart, start).await?;
    Ok(())
}

/// ScanThreadStatus: whether the scan finished, and how many results it holds.
pub async fn thread_scan_status<T: Transport>(
    session: &mut Session<T>,
) -> Result<(bool, u32), Error> {
    let status = scan_exchange(
        session,
        WiFiScanMsgType::TypeCmdScanThreadStatus,
        scan::Payload::CmdScanThreadStatus(CmdScanThreadStatus {}),
    )
    .await?;
    match status.payload {
        Some(scan::Payload::RespScanThreadStatus(s)) => Ok((s.scan_finished, s.result_count)),
        _ => Err(unexpected(session, "RespScanThreadStatus")),
    }
}

/// Polls ScanThreadStatus until the scan finished; the result count (callers bound the wait).
pub async fn thread_scan_finished<T: Transport>(session: &mut Session<T>) -> Result<u32, Error> {
    loop {
        match thread_scan_status(session).await? {
            (true, count) => return Ok(count),
            (false, _) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

/// ScanThreadResult: `count` entries from `start_index`, as the device answered them.
pub async fn thread_scan_page<T: Transport>(
    session: &mut Session<T>,
    start_index: u32,
    count: u32,
) -> Result<Vec<ThreadScanEntry>, Error> {
    let page = scan_exchange(
        session,
        WiFiScanMsgType::TypeCmdScanThreadResult,
        scan::Payload::CmdScanThreadResult(CmdScanThreadResult { start_index, count }),
    )
    .await?;
    let Some(scan::Payload::RespScanThreadResult(page)) = page.payload else {
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

async fn ctrl_exchange<T: Transport>(
    session: &mut Session<T>,
    msg: WiFiCtrlMsgType,
    payload: ctrl::Payload,
    refused: &str,
) -> Result<(), Error> {
    let command = WiFiCtrlPayload {
        msg: msg as i32,
        status: 0,
        payload: Some(payload),
    };
    let answer = session
        .request(Endpoint::ProvCtrl.name(), &command.encode_to_vec())
        .await?;
    let resp: WiFiCtrlPayload = decode(session, &answer, "WiFiCtrlPayload")?;
    let hint = if resp.status == Status::InternalError as i32 {
        refused
    } else {
        ""
    };
    check_status(
        Endpoint::ProvCtrl.name(),
        msg.as_str_name(),
        resp.status,
        hint,
    )
}

/// Thread reset: after a failed attach, the device accepts a new dataset.
pub async fn reset_thread<T: Transport>(session: &mut Session<T>) -> Result<(), Error> {
    ctrl_exchange(
        session,
        WiFiCtrlMsgType::TypeCmdCtrlThreadReset,
        ctrl::Payload::CmdCtrlThreadReset(CmdCtrlThreadReset {}),
        ": the device accepts a reset only after a failed attach",
    )
    .await
}

/// Thread reprov: an attached device (auto-stop disabled) accepts a new dataset.
pub async fn reprov_thread<T: Transport>(session: &mut Session<T>) -> Result<(), Error> {
    ctrl_exchange(
        session,
        WiFiCtrlMsgType::TypeCmdCtrlThreadReprov,
        ctrl::Payload::CmdCtrlThreadReprov(CmdCtrlThreadReprov {}),
        ": the firmware does not allow re-provisioning (it must disable auto-stop)",
    )
    .await
}
