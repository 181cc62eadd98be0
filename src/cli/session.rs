//! Opening a secure session for a device command: version, scheme, secrets, handshake.

use esprov::proto::qr::QrPayload;
use esprov::session::{fetch_info, Credentials, DeviceInfo, SecurityChoice, SecurityPlan, Session};
use esprov::Error;

use super::budget::Budget;
use super::secrets::{self, SecretSource, ENV_PASSWORD, ENV_POP};
use super::target::{ConnArgs, SecurityArgs, TargetArgs};
use super::transport::{self, DynTransport};

/// A session over whichever transport the flags chose.
pub type CliSession = Session<DynTransport>;

/// The secrets from flags, files, environment and a `--qr` payload; nothing is prompted here.
pub fn given_credentials(
    args: &SecurityArgs,
    qr: Option<&QrPayload>,
) -> Result<Credentials, Error> {
    let mut credentials = Credentials {
        pop: pop_source(args).given()?,
        username: args.username.clone(),
        password: password_source(args).given()?,
        salt_mode: args.sec2_salt_mode.into(),
    };
    if let Some(payload) = qr {
        // The QR's `pop` is the PoP for security 1 and the SRP password for security 2.
        let from_qr = esprov::policy::qr_credentials(
            payload.username.clone(),
            payload.pop.clone(),
            payload.security,
        );
        credentials.pop = credentials.pop.or(from_qr.pop);
        credentials.username = credentials.username.or(from_qr.username);
        credentials.password = credentials.password.or(from_qr.password);
    }
    Ok(credentials)
}

/// Asks for whatever the chosen scheme still needs, or fails with a usage error off a terminal.
pub fn complete_credentials(
    plan: &SecurityPlan,
    credentials: &mut Credentials,
    args: &SecurityArgs,
) -> Result<(), Error> {
    while let Some(what) = plan.missing(credentials) {
        match what {
            "pop" => credentials.pop = Some(secrets::prompt_hidden(&pop_source(args))?),
            "username" => {
                let name = secrets::prompt_visible("Security 2 username", "--username")?;
                if name.is_empty() {
                    return Err(Error::Usage("the security 2 username is empty".into()));
                }
                credentials.username = Some(name);
            }
            _ => {
                let password = secrets::prompt_hidden(&password_source(args))?;
                if password.is_empty() {
                    return Err(Error::Usage("the security 2 password is empty".into()));
                }
                credentials.password = Some(password);
            }
        }
    }
    Ok(())
}

fn pop_source(args: &SecurityArgs) -> SecretSource<'_> {
    SecretSource {
        what: "proof of possession (PoP)",
        flag: "--pop",
        value: args.pop.as_deref(),
        file: args.pop_file.as_deref(),
        env: ENV_POP,
    }
}

fn password_source(args: &SecurityArgs) -> SecretSource<'_> {
    SecretSource {
        what: "security 2 password",
        flag: "--password",
        value: args.password.as_deref(),
        file: args.password_file.as_deref(),
        env: ENV_PASSWORD,
    }
}

/// `--sec`, or the scheme the `--qr` payload states when `--sec` is auto.
pub fn security_choice(conn: &ConnArgs, qr: Option<&QrPayload>) -> SecurityChoice {
    match conn.security.sec.into() {
        SecurityChoice::Auto => qr
            .and_then(|q| SecurityChoice::from_qr(q.security))
            .unwrap_or(SecurityChoice::Auto),
        chosen => chosen,
    }
}

/// The `--qr` payload, when one was given.
pub fn qr_payload(target: &TargetArgs) -> Result<Option<QrPayload>, Error> {
    target.qr.as_deref().map(super::qr::parse).transpose()
}

/// Connects, reads proto-ver, chooses the scheme, completes the secrets and runs the handshake.
///
/// `on_info` sees the peer, the device's answer and the chosen plan before any secret is asked for. The
/// network phases are bounded by `budget`; time spent at a prompt is not counted. With
/// `sends_secrets` (provisioning), a security 0 device the user did not choose is refused here,
/// before the handshake.
pub async fn open(
    conn: &ConnArgs,
    budget: &mut Budget,
    sends_secrets: bool,
    on_info: &mut (dyn FnMut(&str, &DeviceInfo, &SecurityPlan) + Send),
) -> Result<CliSession, Error> {
    let qr = qr_payload(&conn.target)?;
    let mut credentials = given_credentials(&conn.security, qr.as_ref())?;
    let (transport, info) = budget
        .run("the device's version (proto-ver)", async {
            let mut transport = transport::open(&conn.target, qr.as_ref(), &conn.timing).await?;
            let info = fetch_info(&mut transport).await?;
            Ok((transport, info))
        })
        .await?;
    let choice = security_choice(conn, qr.as_ref());
    let plan = SecurityPlan::choose(&info, choice)?;
    // Refuse a downgrade before asking for (or sending) any secret.
    plan.check_floor(&credentials)?;
    if sends_secrets {
        plan.check_sends_secrets()?;
    }
    if let Some(warning) = plan.warning() {
        eprintln!("warning: {warning}");
    }
    on_info(
        &esprov::transport::Transport::peer(&transport),
        &info,
        &plan,
    );
    complete_credentials(&plan, &mut credentials, &conn.security)?;
    budget
        .run(
            "the security session",
            Session::establish(transport, info, plan, &credentials),
        )
        .await
}
