//! `prov-ctrl` (reset, reprov, and their Thread variants; ESP-IDF v5.1+) and custom application
//! endpoints.

use esprov_proto::endpoint::Endpoint;
use esprov_proto::messages::{
    wi_fi_ctrl_payload::Payload, CmdCtrlReprov, CmdCtrlReset, CmdCtrlThreadReprov,
    CmdCtrlThreadReset, Status, WiFiCtrlMsgType, WiFiCtrlPayload,
};
use prost::Message;

use super::{check_status, decode};
use crate::session::Session;
use crate::transport::Transport;
use crate::Error;

async fn exchange<T: Transport>(
    session: &mut Session<T>,
    msg: WiFiCtrlMsgType,
    payload: Payload,
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
    // The result is the top-level status; the response sub-messages are empty (§4.5).
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

/// Returns a device whose Wi-Fi attempt failed to the state where it accepts new credentials.
pub async fn reset<T: Transport>(session: &mut Session<T>) -> Result<(), Error> {
    exchange(
        session,
        WiFiCtrlMsgType::TypeCmdCtrlReset,
        Payload::CmdCtrlReset(CmdCtrlReset {}),
        ": the device accepts a reset only after a failed connection attempt \
         (some firmware resets itself; then just provision again)",
    )
    .await
}

/// Asks a provisioned device to accept new credentials (firmware must allow it).
pub async fn reprov<T: Transport>(session: &mut Session<T>) -> Result<(), Error> {
    exchange(
        session,
        WiFiCtrlMsgType::TypeCmdCtrlReprov,
        Payload::CmdCtrlReprov(CmdCtrlReprov {}),
        ": the firmware does not allow re-provisioning (it must disable auto-stop)",
    )
    .await
}

/// Thread reset: after a failed attach, the device accepts a new dataset.
pub async fn reset_thread<T: Transport>(session: &mut Session<T>) -> Result<(), Error> {
    exchange(
        session,
        WiFiCtrlMsgType::TypeCmdCtrlThreadReset,
        Payload::CmdCtrlThreadReset(CmdCtrlThreadReset {}),
        ": the device accepts a reset only after a failed attach",
    )
    .await
}

/// Thread reprov: an attached device (auto-stop disabled) accepts a new dataset.
pub async fn reprov_thread<T: Transport>(session: &mut Session<T>) -> Result<(), Error> {
    exchange(
        session,
        WiFiCtrlMsgType::TypeCmdCtrlThreadReprov,
        Payload::CmdCtrlThreadReprov(CmdCtrlThreadReprov {}),
        ": the firmware does not allow re-provisioning (it must disable auto-stop)",
    )
    .await
}

/// Sends application bytes to a custom endpoint (encrypted like any other) and returns the answer.
pub async fn send_custom<T: Transport>(
    session: &mut Session<T>,
    endpoint: &str,
    data: &[u8],
) -> Result<Vec<u8>, Error> {
    if endpoint.is_empty() || endpoint.contains(['/', ' ', '?', '#']) {
        return Err(Error::Usage(format!("invalid endpoint name {endpoint:?}")));
    }
    session.request(endpoint, data).await
}
