//! `prov-ctrl`: CtrlReset and CtrlReprov with the v5.x rules (§4.5).

use alloc::vec::Vec;

use esprov_proto::messages::{
    wi_fi_ctrl_payload::Payload, RespCtrlReprov, RespCtrlReset, RespCtrlThreadReprov,
    RespCtrlThreadReset, Status, WiFiCtrlMsgType, WiFiCtrlPayload,
};
use esprov_proto::version::NetworkType;
use prost::Message;
use rand_core::{CryptoRng, RngCore};

use crate::config::Serves;
use crate::error::RequestError;
use crate::manager::Manager;
use crate::platform::{CredentialStore, WifiStation};

impl<W: WifiStation, S: CredentialStore, R: RngCore + CryptoRng> Manager<W, S, R> {
    /// Dispatches on `msg`; the result is in the top-level `status`, sub-messages are empty.
    pub(crate) fn handle_ctrl(&mut self, request: &[u8]) -> Result<Vec<u8>, RequestError> {
        let payload = WiFiCtrlPayload::decode(request)
            .map_err(|_| RequestError::Malformed("WiFiCtrlPayload"))?;
        let msg = WiFiCtrlMsgType::try_from(payload.msg);
        let network = match msg {
            Ok(
                WiFiCtrlMsgType::TypeCmdCtrlThreadReset | WiFiCtrlMsgType::TypeCmdCtrlThreadReprov,
            ) => NetworkType::Thread,
            _ => NetworkType::Wifi,
        };
        match self.config.serves(network) {
            Serves::Yes => {}
            Serves::InvalidArgument => {
                let reply = WiFiCtrlPayload {
                    msg: payload.msg + 1,
                    status: Status::InvalidArgument as i32,
                    payload: None,
                };
                return Ok(reply.encode_to_vec());
            }
            Serves::Unknown => return Err(RequestError::UnknownMessage(payload.msg)),
        }
        let (result, reply) = match msg {
            Ok(WiFiCtrlMsgType::TypeCmdCtrlThreadReset) => (
                self.reset_sm_state_on_failure(),
                Payload::RespCtrlThreadReset(RespCtrlThreadReset {}),
            ),
            Ok(WiFiCtrlMsgType::TypeCmdCtrlThreadReprov) => (
                self.reset_sm_state_for_reprovision(),
                Payload::RespCtrlThreadReprov(RespCtrlThreadReprov {}),
            ),
            Ok(WiFiCtrlMsgType::TypeCmdCtrlReset) => (
                self.reset_sm_state_on_failure(),
                Payload::RespCtrlReset(RespCtrlReset {}),
            ),
            Ok(WiFiCtrlMsgType::TypeCmdCtrlReprov) => (
                self.reset_sm_state_for_reprovision(),
                Payload::RespCtrlReprov(RespCtrlReprov {}),
            ),
            _ => return Err(RequestError::UnknownMessage(payload.msg)),
        };
        let status = if result.is_ok() {
            Status::Success
        } else {
            Status::InternalError
        };
        let response = WiFiCtrlPayload {
            msg: payload.msg + 1,
            status: status as i32,
            payload: Some(reply),
        };
        Ok(response.encode_to_vec())
    }
}
