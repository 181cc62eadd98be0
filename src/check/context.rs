//! What every check shares: a way to reach the device, its answer, the chosen scheme, figures.

use async_trait::async_trait;

use super::options::CheckOptions;
use esprov_proto::version::NetworkType;
use prost::Message;

use crate::provision::config::get_status_command;
use crate::provision::{get_status, get_thread_status, get_thread_status_command};
use crate::session::{Credentials, DeviceInfo, SecurityPlan, Session};
use crate::transport::Transport;
use crate::Error;

/// Opens connections to the device under test; checks need many, one after another.
#[async_trait]
pub trait Connect: Send + Sync {
    /// A new connection (nothing is sent yet).
    async fn connect(&self) -> Result<Box<dyn Transport>, Error>;

    /// The device's name, for the report.
    fn peer(&self) -> String;

    /// Resets the board (serial DTR/RTS) and waits for it to boot; `Ok(false)` when this
    /// connector cannot. The suite resets a board that stopped answering, then goes on.
    async fn reset_board(&self) -> Result<bool, Error> {
        Ok(false)
    }

    /// The device's own log (a serial console's output) since the last call, for failures.
    fn take_log(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A session over a boxed transport, as every check opens them.
pub(crate) type CheckSession = Session<Box<dyn Transport>>;

/// The shared state of one run.
pub(crate) struct Ctx<'a> {
    pub connector: &'a dyn Connect,
    pub options: &'a CheckOptions,
    pub info: DeviceInfo,
    pub plan: SecurityPlan,
    /// Measured by `session.handshake`.
    pub handshake_ms: Option<f64>,
    /// Measured by the Wi-Fi checks: ApplyConfig to connected.
    pub connect_ms: Option<f64>,
    /// Whether the device now holds the test network's credentials (Wi-Fi or Thread).
    pub provisioned: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(
        connector: &'a dyn Connect,
        options: &'a CheckOptions,
        info: DeviceInfo,
        plan: SecurityPlan,
    ) -> Self {
        Ctx {
            connector,
            options,
            info,
            plan,
            handshake_ms: None,
            connect_ms: None,
            provisioned: false,
        }
    }

    /// A new connection to the device.
    pub async fn transport(&self) -> Result<Box<dyn Transport>, Error> {
        self.connector.connect().await
    }

    /// A new connection and a session with the right credentials.
    pub async fn session(&self) -> Result<CheckSession, Error> {
        self.session_with(self.plan, &self.options.credentials)
            .await
    }

    /// A new connection and a session with the given plan and credentials.
    pub async fn session_with(
        &self,
        plan: SecurityPlan,
        credentials: &Credentials,
    ) -> Result<CheckSession, Error> {
        let transport = self.transport().await?;
        Session::establish(transport, self.info.clone(), plan, credentials).await
    }

    /// Whether the device serves a correct session now: handshake plus one status request.
    pub async fn still_serves(&self) -> Result<(), Error> {
        let mut session = self.session().await?;
        let status = self.ask_status(&mut session).await;
        session.close().await;
        status
    }

    /// The status request this device's manager answers: GetStatus, or GetThreadStatus on a
    /// device that provisions Thread only.
    pub async fn ask_status(&self, session: &mut CheckSession) -> Result<(), Error> {
        if self.thread_only() {
            get_thread_status(session).await.map(|_| ())
        } else {
            get_status(session).await.map(|_| ())
        }
    }

    /// The status command in plaintext, for checks that expect it refused.
    pub fn status_command(&self) -> Vec<u8> {
        if self.thread_only() {
            get_thread_status_command().encode_to_vec()
        } else {
            get_status_command().encode_to_vec()
        }
    }

    /// A network_provisioning device built for Thread without Wi-Fi.
    pub fn thread_only(&self) -> bool {
        !self.info.proto_ver.provisions(NetworkType::Wifi)
    }

    /// The security scheme has a secret the device must verify (security 1 with PoP, or 2).
    pub fn has_secret(&self) -> bool {
        self.plan.sec_ver == 2 || (self.plan.sec_ver == 1 && self.plan.needs_pop)
    }

    /// What the user must do before the suite can run again, from what the checks did.
    pub fn recovery_note(&self) -> Option<String> {
        self.provisioned.then(|| {
            "the device now holds the test network's credentials (and may have ended provisioning): \
             erase its NVS or reflash it before the next run"
                .to_owned()
        })
    }
}
