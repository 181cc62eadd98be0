//! `prov-config`: GetStatus, SetConfig and ApplyConfig (§4.3, §5.2).

use alloc::format;
use alloc::vec::Vec;

use esprov_proto::messages::{
    resp_get_status, resp_get_thread_status, wi_fi_config_payload::Payload, CmdSetConfig,
    RespApplyConfig, RespApplyThreadConfig, RespGetStatus, RespGetThreadStatus, RespSetConfig,
    RespSetThreadConfig, Status, ThreadAttachState, ThreadNetworkState, WiFiConfigMsgType,
    WiFiConfigPayload, WifiAttemptFailed, WifiConnectedState, WifiStationState,
};
use esprov_proto::version::NetworkType;
use prost::Message;
use rand_core::{CryptoRng, RngCore};

use crate::config::Serves;
use crate::error::RequestError;
use crate::manager::Manager;
use crate::platform::{ConnectedInfo, CredentialStore, WifiCredentials, WifiStation};
use crate::state::{ThreadStatus, WifiStatus};
use crate::thread::AttachedInfo;
use crate::time::Instant;

/// Longest SSID SetConfig accepts (buffer of 33 with NUL).
pub const MAX_SSID_LEN: usize = 32;
/// Longest passphrase SetConfig accepts (buffer of 64 with NUL).
pub const MAX_PASSPHRASE_LEN: usize = 63;

/// The `bssid` and `channel` of the last accepted SetConfig. ESP-IDF's managers receive them and
/// then leave them out of the station config (only SSID and passphrase are used); they are kept
/// so a host can show what arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ConfigHints {
    /// The access point's MAC address, when SetConfig named one.
    pub bssid: Option<[u8; 6]>,
    /// The channel hint (0: none).
    pub channel: i32,
}

impl<W: WifiStation, S: CredentialStore, R: RngCore + CryptoRng> Manager<W, S, R> {
    /// Dispatches on `msg` (not on the oneof case); the response `msg` is the request's + 1.
    pub(crate) fn handle_config(
        &mut self,
        now: Instant,
        request: &[u8],
    ) -> Result<Vec<u8>, RequestError> {
        let payload = WiFiConfigPayload::decode(request)
            .map_err(|_| RequestError::Malformed("WiFiConfigPayload"))?;
        let msg = WiFiConfigMsgType::try_from(payload.msg);
        let network = match msg {
            Ok(m) if (m as i32) >= WiFiConfigMsgType::TypeCmdGetThreadStatus as i32 => {
                NetworkType::Thread
            }
            Ok(_) => NetworkType::Wifi,
            Err(_) => return Err(RequestError::UnknownMessage(payload.msg)),
        };
        match self.config.serves(network) {
            Serves::Yes => {}
            Serves::InvalidArgument => return Ok(refused_config(payload.msg)),
            Serves::Unknown => return Err(RequestError::UnknownMessage(payload.msg)),
        }
        let reply = match msg {
            Ok(WiFiConfigMsgType::TypeCmdGetThreadStatus) => {
                let attaching = self.thread_status == crate::state::ThreadStatus::Attaching
                    && self.state == crate::state::ProvState::CredRecv;
                if attaching && self.has_fault(crate::faults::Fault::SilentWhileConnecting) {
                    return Err(RequestError::Handler);
                }
                Payload::RespGetThreadStatus(self.get_thread_status(now))
            }
            Ok(WiFiConfigMsgType::TypeCmdSetThreadConfig) => {
                let Some(Payload::CmdSetThreadConfig(cmd)) = payload.payload else {
                    return Err(RequestError::MissingPayload("cmd_set_thread_config"));
                };
                self.set_thread_dataset(&cmd.dataset);
                Payload::RespSetThreadConfig(RespSetThreadConfig {
                    status: Status::Success as i32,
                })
            }
            Ok(WiFiConfigMsgType::TypeCmdApplyThreadConfig) => {
                let status = match self.apply_thread_config(now) {
                    Ok(()) => Status::Success,
                    Err(_) => Status::InternalError,
                };
                Payload::RespApplyThreadConfig(RespApplyThreadConfig {
                    status: status as i32,
                })
            }
            Ok(WiFiConfigMsgType::TypeCmdGetStatus) => {
                let connecting = self.state == crate::state::ProvState::CredRecv;
                if connecting && self.has_fault(crate::faults::Fault::SilentWhileConnecting) {
                    return Err(RequestError::Handler);
                }
                Payload::RespGetStatus(self.get_status(now))
            }
            Ok(WiFiConfigMsgType::TypeCmdSetConfig) => {
                let Some(Payload::CmdSetConfig(cmd)) = payload.payload else {
                    return Err(RequestError::MissingPayload("cmd_set_config"));
                };
                Payload::RespSetConfig(RespSetConfig {
                    status: self.set_config(cmd) as i32,
                })
            }
            Ok(WiFiConfigMsgType::TypeCmdApplyConfig) => {
                let status = match self.apply_config(now) {
                    Ok(()) => Status::Success,
                    Err(_) => Status::InternalError,
                };
                Payload::RespApplyConfig(RespApplyConfig {
                    status: status as i32,
                })
            }
            _ => return Err(RequestError::UnknownMessage(payload.msg)),
        };
        let response = WiFiConfigPayload {
            msg: payload.msg + 1,
            payload: Some(reply),
        };
        Ok(response.encode_to_vec())
    }

    /// GetStatus per §5.2; a Connected answer ends provisioning (auto-stop).
    fn get_status(&mut self, now: Instant) -> RespGetStatus {
        let (sta_state, state) = match &self.wifi_status {
            WifiStatus::Connecting => (WifiStationState::Connecting, None),
            WifiStatus::Connected(info) => (
                WifiStationState::Connected,
                Some(resp_get_status::State::Connected(connected_state(info))),
            ),
            WifiStatus::Disconnected(reason) => (
                WifiStationState::ConnectionFailed,
                Some(resp_get_status::State::FailReason(reason.wire())),
            ),
            WifiStatus::AttemptFailed { remaining } => (
                WifiStationState::Connecting,
                Some(resp_get_status::State::AttemptFailed(WifiAttemptFailed {
                    attempts_remaining: *remaining,
                })),
            ),
        };
        if sta_state == WifiStationState::Connected {
            self.done(now);
        }
        RespGetStatus {
            status: Status::Success as i32,
            sta_state: sta_state as i32,
            state,
        }
    }

    /// GetThreadStatus; an Attached answer ends provisioning (auto-stop), as for Wi-Fi.
    fn get_thread_status(&mut self, now: Instant) -> RespGetThreadStatus {
        let (thread_state, state) = match &self.thread_status {
            ThreadStatus::Attaching => (ThreadNetworkState::Attaching, None),
            ThreadStatus::Attached(info) => (
                ThreadNetworkState::Attached,
                Some(resp_get_thread_status::State::ThreadAttached(attach_state(
                    info,
                ))),
            ),
            ThreadStatus::Failed(reason) => (
                ThreadNetworkState::AttachingFailed,
                Some(resp_get_thread_status::State::ThreadFailReason(
                    reason.wire(),
                )),
            ),
        };
        if thread_state == ThreadNetworkState::Attached {
            self.done(now);
        }
        RespGetThreadStatus {
            status: Status::Success as i32,
            thread_state: thread_state as i32,
            state,
        }
    }

    /// SetConfig: checks lengths, stores SSID and passphrase (bssid and channel are only kept
    /// for [`Manager::config_hints`], as ESP-IDF's manager does not use them).
    fn set_config(&mut self, cmd: CmdSetConfig) -> Status {
        let bssid_ok = cmd.bssid.is_empty() || cmd.bssid.len() == 6;
        if !bssid_ok || cmd.ssid.len() > MAX_SSID_LEN || cmd.passphrase.len() > MAX_PASSPHRASE_LEN {
            return Status::InvalidArgument;
        }
        self.pending = Some(WifiCredentials {
            ssid: until_nul(&cmd.ssid),
            passphrase: until_nul(&cmd.passphrase),
        });
        self.hints = ConfigHints {
            bssid: <[u8; 6]>::try_from(cmd.bssid.as_slice()).ok(),
            channel: cmd.channel,
        };
        Status::Success
    }
}

/// The C string view the device keeps: bytes up to the first NUL.
fn until_nul(bytes: &[u8]) -> Vec<u8> {
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    bytes[..end].to_vec()
}

fn connected_state(info: &ConnectedInfo) -> WifiConnectedState {
    let [a, b, c, d] = info.ip4;
    WifiConnectedState {
        ip4_addr: format!("{a}.{b}.{c}.{d}"),
        auth_mode: info.auth,
        ssid: info.ssid.clone(),
        bssid: info.bssid.to_vec(),
        channel: i32::from(info.channel),
    }
}

fn attach_state(info: &AttachedInfo) -> ThreadAttachState {
    ThreadAttachState {
        pan_id: u32::from(info.pan_id),
        ext_pan_id: info.ext_pan_id.to_vec(),
        channel: u32::from(info.channel),
        name: info.name.clone(),
    }
}

/// The answer of a network_provisioning build to a command of a network type it lacks.
fn refused_config(msg: i32) -> Vec<u8> {
    let invalid = Status::InvalidArgument as i32;
    let reply = match WiFiConfigMsgType::try_from(msg) {
        Ok(WiFiConfigMsgType::TypeCmdSetConfig) => {
            Payload::RespSetConfig(RespSetConfig { status: invalid })
        }
        Ok(WiFiConfigMsgType::TypeCmdApplyConfig) => {
            Payload::RespApplyConfig(RespApplyConfig { status: invalid })
        }
        Ok(WiFiConfigMsgType::TypeCmdSetThreadConfig) => {
            Payload::RespSetThreadConfig(RespSetThreadConfig { status: invalid })
        }
        Ok(WiFiConfigMsgType::TypeCmdApplyThreadConfig) => {
            Payload::RespApplyThreadConfig(RespApplyThreadConfig { status: invalid })
        }
        Ok(WiFiConfigMsgType::TypeCmdGetThreadStatus) => {
            Payload::RespGetThreadStatus(RespGetThreadStatus {
                status: invalid,
                ..RespGetThreadStatus::default()
            })
        }
        _ => Payload::RespGetStatus(RespGetStatus {
            status: invalid,
            ..RespGetStatus::default()
        }),
    };
    WiFiConfigPayload {
        msg: msg + 1,
        payload: Some(reply),
    }
    .encode_to_vec()
}
