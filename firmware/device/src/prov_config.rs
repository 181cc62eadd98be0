//! `prov-config`: GetStatus, SetConfig and ApplyConfig (§4.3, §5.2).

use alloc::format;
use alloc::vec::Vec;

use esprov_proto::messages::{
    resp_get_status, wi_fi_config_payload::Payload, CmdSetConfig, RespApplyConfig, RespGetStatus,
    RespSetConfig, Status, WiFiConfigMsgType, WiFiConfigPayload, WifiAttemptFailed,
    WifiConnectedState, WifiStationState,
};
use prost::Message;
use rand_core::{CryptoRng, RngCore};

use crate::error::RequestError;
use crate::manager::Manager;
use crate::platform::{ConnectedInfo, CredentialStore, WifiCredentials, WifiStation};
use crate::state::WifiStatus;
use crate::time::Instant;

/// Longest SSID SetConfig accepts (buffer of 33 with NUL).
pub const MAX_SSID_LEN: usize = 32;
/// Longest passphrase SetConfig accepts (buffer of 64 with NUL).
pub const MAX_PASSPHRASE_LEN: usize = 63;

impl<W: WifiStation, S: CredentialStore, R: RngCore + CryptoRng> Manager<W, S, R> {
    /// Dispatches on `msg` (not on the oneof case); the response `msg` is the request's + 1.
    pub(crate) fn handle_config(
        &mut self,
        now: Instant,
        request: &[u8],
    ) -> Result<Vec<u8>, RequestError> {
        let payload = WiFiConfigPayload::decode(request)
            .map_err(|_| RequestError::Malformed("WiFiConfigPayload"))?;
        let reply = match WiFiConfigMsgType::try_from(payload.msg) {
            Ok(WiFiConfigMsgType::TypeCmdGetStatus) => Payload::RespGetStatus(self.get_status(now)),
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

    /// SetConfig: checks lengths, stores SSID and passphrase (bssid and channel are ignored).
    fn set_config(&mut self, cmd: CmdSetConfig) -> Status {
        let bssid_ok = cmd.bssid.is_empty() || cmd.bssid.len() == 6;
        if !bssid_ok || cmd.ssid.len() > MAX_SSID_LEN || cmd.passphrase.len() > MAX_PASSPHRASE_LEN {
            return Status::InvalidArgument;
        }
        self.pending = Some(WifiCredentials {
            ssid: until_nul(&cmd.ssid),
            passphrase: until_nul(&cmd.passphrase),
        });
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
