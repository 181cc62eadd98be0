//! `prov-config`: SetConfig, ApplyConfig and GetStatus (PROTOCOL.md §4.3).

use esprov_proto::endpoint::Endpoint;
use esprov_proto::messages::{
    wi_fi_config_payload::Payload, CmdApplyConfig, CmdGetStatus, CmdSetConfig, WiFiConfigMsgType,
    WiFiConfigPayload,
};
use prost::Message;
use zeroize::{Zeroize, Zeroizing};

use super::{check_status, decode, unexpected, WifiStatus};
use crate::session::{Secret, Session};
use crate::transport::Transport;
use crate::Error;

/// The longest SSID the device stores (it answers InvalidArgument beyond).
pub const MAX_SSID_LEN: usize = 32;
/// The longest passphrase the device stores (it answers InvalidArgument beyond).
pub const MAX_PASSPHRASE_LEN: usize = 63;

/// The access point credentials to send with SetConfig.
#[derive(Debug, Clone, Default)]
pub struct WifiConfig {
    /// The SSID, as bytes (SSIDs need not be UTF-8).
    pub ssid: Vec<u8>,
    /// The passphrase; empty for an open network.
    pub passphrase: Secret,
    /// A BSSID to pin (ESP-IDF's manager ignores it, but it travels).
    pub bssid: Option<[u8; 6]>,
    /// A channel hint (ignored by ESP-IDF's manager).
    pub channel: Option<i32>,
}

impl WifiConfig {
    /// Credentials for `ssid` with `passphrase`.
    pub fn new(ssid: impl Into<Vec<u8>>, passphrase: impl Into<Secret>) -> Self {
        WifiConfig {
            ssid: ssid.into(),
            passphrase: passphrase.into(),
            ..WifiConfig::default()
        }
    }

    /// Rejects what the device would refuse, before anything is sent.
    pub fn validate(&self) -> Result<(), Error> {
        if self.ssid.is_empty() {
            return Err(Error::Usage("the SSID is empty".into()));
        }
        if self.ssid.len() > MAX_SSID_LEN {
            return Err(Error::Usage(format!(
                "the SSID is {} bytes; the device accepts at most {MAX_SSID_LEN}",
                self.ssid.len()
            )));
        }
        if self.passphrase.expose().len() > MAX_PASSPHRASE_LEN {
            return Err(Error::Usage(format!(
                "the passphrase is longer than the {MAX_PASSPHRASE_LEN} bytes the device accepts"
            )));
        }
        Ok(())
    }

    /// The SetConfig command carrying `passphrase` (the real one, or a mask for logs).
    pub(crate) fn command(&self, passphrase: Vec<u8>) -> WiFiConfigPayload {
        WiFiConfigPayload {
            msg: WiFiConfigMsgType::TypeCmdSetConfig as i32,
            // Always present, even when empty: old devices dereference it unchecked (§1.12).
            payload: Some(Payload::CmdSetConfig(CmdSetConfig {
                ssid: self.ssid.clone(),
                passphrase,
                bssid: self.bssid.map(|b| b.to_vec()).unwrap_or_default(),
                channel: self.channel.unwrap_or(0),
            })),
        }
    }
}

pub(super) async fn exchange<T: Transport>(
    session: &mut Session<T>,
    command: &WiFiConfigPayload,
    shown: Option<&WiFiConfigPayload>,
) -> Result<WiFiConfigPayload, Error> {
    // The encoding may hold the passphrase: zeroized when dropped.
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

/// The GetStatus command, also sent raw by `esprov check` to probe a device before a handshake.
pub(crate) fn get_status_command() -> WiFiConfigPayload {
    WiFiConfigPayload {
        msg: WiFiConfigMsgType::TypeCmdGetStatus as i32,
        payload: Some(Payload::CmdGetStatus(CmdGetStatus {})),
    }
}

/// Asks the device where its station is in joining the access point.
pub async fn get_status<T: Transport>(session: &mut Session<T>) -> Result<WifiStatus, Error> {
    let command = get_status_command();
    match exchange(session, &command, None).await?.payload {
        Some(Payload::RespGetStatus(resp)) => {
            check_status(Endpoint::ProvConfig.name(), "GetStatus", resp.status, "")?;
            WifiStatus::from_response(&resp)
        }
        _ => Err(unexpected(session, "RespGetStatus")),
    }
}

/// Sends the access point credentials; the device only stores them until [`apply_config`].
pub async fn set_config<T: Transport>(
    session: &mut Session<T>,
    config: &WifiConfig,
) -> Result<(), Error> {
    config.validate()?;
    session.plan().check_sends_secrets()?;
    let mut command = config.command(config.passphrase.expose().to_vec());
    // The trace shows a fixed mark, so not even the passphrase's length reaches a log.
    let shown = config.command(b"<redacted>".to_vec());
    let answer = exchange(session, &command, Some(&shown)).await;
    if let Some(Payload::CmdSetConfig(cmd)) = &mut command.payload {
        cmd.passphrase.zeroize();
    }
    match answer?.payload {
        Some(Payload::RespSetConfig(resp)) => check_status(
            Endpoint::ProvConfig.name(),
            "SetConfig",
            resp.status,
            " (SSID longer than 32 bytes, passphrase longer than 63, or a BSSID not 6 bytes?)",
        ),
        _ => Err(unexpected(session, "RespSetConfig")),
    }
}

/// Tells the device to join the access point with the stored credentials.
pub async fn apply_config<T: Transport>(session: &mut Session<T>) -> Result<(), Error> {
    let command = WiFiConfigPayload {
        msg: WiFiConfigMsgType::TypeCmdApplyConfig as i32,
        payload: Some(Payload::CmdApplyConfig(CmdApplyConfig {})),
    };
    match exchange(session, &command, None).await?.payload {
        Some(Payload::RespApplyConfig(resp)) => check_status(
            Endpoint::ProvConfig.name(),
            "ApplyConfig",
            resp.status,
            ": the device holds a failed attempt (run `esprov reset`) or is connected (run `esprov reprov`)",
        ),
        _ => Err(unexpected(session, "RespApplyConfig")),
    }
}
