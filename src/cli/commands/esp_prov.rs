//! `esprov esp-prov`: esp_prov.py's order of operations and step lines (PROTOCOL.md §6) on top of
//! the library, with esprov's exit codes instead of esp_prov's "0 even on failure".

use esprov::proto::security::SaltMode;
use esprov::provision::{self, FailReason, ScanEntry, WifiConfig, WifiStatus};
use esprov::session::{
    fetch_info, Credentials, DeviceInfo, SaltModeChoice, Secret, SecurityChoice, SecurityPlan,
    Session,
};
use esprov::Error;

use crate::cli::budget::Budget;
use crate::cli::compat::{EspProvArgs, EspTransport};
use crate::cli::pick::{self, PickStyle};
use crate::cli::report;
use crate::cli::sec2_creds;
use crate::cli::secrets::{self, SecretSource, ENV_PASSPHRASE, ENV_PASSWORD, ENV_POP};
use crate::cli::serial::SerialArgs;
use crate::cli::session::CliSession;
use crate::cli::table;
use crate::cli::target::{TargetArgs, TimingArgs};
use crate::cli::transport;

/// Runs `esprov esp-prov` and returns the exit code.
pub fn run(args: &EspProvArgs) -> i32 {
    let result = if args.sec2_gen_cred {
        gen_cred(args)
    } else {
        match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(rt) => rt.block_on(provision(args)),
            Err(e) => Err(Error::Io {
                context: "starting the async runtime".into(),
                source: e,
            }),
        }
    };
    match result {
        Ok(()) => esprov::exit::OK,
        Err(error) => report::report(&error, false),
    }
}

/// `--sec2_gen_cred`: esp_prov's C arrays, with esp_prov's x convention (leading zeros stripped).
fn gen_cred(args: &EspProvArgs) -> Result<(), Error> {
    if args.sec_ver != Some(2) {
        return Err(Error::Usage("--sec2_gen_cred needs --sec_ver 2".into()));
    }
    let password = password_source(args).given()?.unwrap_or_default();
    let (salt, verifier) = super::creds::generate(
        &args.sec2_username,
        &password,
        usize::from(args.sec2_salt_len),
        SaltMode::StripLeadingZeros,
    )?;
    print!("{}", sec2_creds::c_arrays(&salt, &verifier));
    Ok(())
}

async fn provision(args: &EspProvArgs) -> Result<(), Error> {
    let target = match args.transport {
        EspTransport::Softap | EspTransport::Httpd => TargetArgs {
            device: args.service_name.clone(),
            ..TargetArgs::default()
        },
        EspTransport::Ble => crate::cli::ble::esp_prov_target(args.service_name.as_deref())?,
        // esp_prov relays console lines by hand; a port in --service_name automates it.
        EspTransport::Console => TargetArgs {
            serial: SerialArgs {
                console_manual: args.service_name.is_none(),
                serial: args.service_name.clone(),
                ..SerialArgs::default()
            },
            ..TargetArgs::default()
        },
    };
    let mut budget = Budget::new(std::time::Duration::from_secs_f64(args.timeout));
    let timing = TimingArgs {
        timeout: args.timeout,
        ..TimingArgs::default()
    };
    let (transport, info) = budget
        .run("the device's version (proto-ver)", async {
            let mut transport = transport::open(&target, None, &timing).await?;
            let info = fetch_info(&mut transport).await?;
            Ok((transport, info))
        })
        .await?;
    let choice = match args.sec_ver {
        None => SecurityChoice::Auto,
        Some(0) => SecurityChoice::Sec0,
        Some(1) => SecurityChoice::Sec1,
        Some(_) => SecurityChoice::Sec2,
    };
    let plan = SecurityPlan::choose(&info, choice)?;
    if args.sec_ver.is_none() {
        println!("==== Security Scheme: {} ====", plan.sec_ver);
    }
    let credentials = credentials(args, &plan)?;
    check_proto_ver(args, &info)?;
    println!("==== Starting Session ====");
    let mut session = match budget
        .run(
            "the security session",
            Session::establish(transport, info, plan, &credentials),
        )
        .await
    {
        Ok(session) => session,
        Err(error) => {
            println!(
                "Failed to establish session. Ensure that security scheme and proof of possession are correct"
            );
            return Err(error);
        }
    };
    println!("==== Session Established ====");
    let result = after_session(args, &mut session, &mut budget).await;
    session.close().await;
    result
}

/// The steps after the handshake: ctrl, custom data, AP choice, config and the wait.
async fn after_session(
    args: &EspProvArgs,
    session: &mut CliSession,
    budget: &mut Budget,
) -> Result<(), Error> {
    if thread_wanted(args, session)? {
        return thread(args, session, budget).await;
    }
    if args.reset {
        println!("==== Resetting WiFi====");
        return budget.run("the reset", provision::reset(session)).await;
    }
    if args.reprov {
        println!("==== Reprovisioning WiFi====");
        return budget
            .run("re-provisioning", provision::reprov(session))
            .await;
    }
    if !args.custom_data.is_empty() {
        println!("==== Sending Custom data to Target ====");
        let answer = budget
            .run(
                "custom-data",
                provision::send_custom(session, "custom-data", args.custom_data.as_bytes()),
            )
            .await?;
        println!("++++ CustomData response: {}++++", python_bytes(&answer));
    }
    let ssid = if args.ssid.is_empty() {
        match choose_ap(session, budget).await? {
            Some(ssid) => ssid,
            None => return Ok(()),
        }
    } else {
        args.ssid.clone()
    };
    let passphrase = passphrase(args, &ssid)?;
    let wifi = WifiConfig::new(ssid.as_bytes(), passphrase);
    println!("==== Sending Wi-Fi Credentials to Target ====");
    budget
        .run("SetConfig", provision::set_config(session, &wifi))
        .await?;
    println!("==== Wi-Fi Credentials sent successfully ====");
    println!("==== Applying Wi-Fi Config to Target ====");
    budget
        .run("ApplyConfig", provision::apply_config(session))
        .await?;
    println!("==== Apply config sent successfully ====");
    wait(session, budget).await
}

/// Thread when `--network_proto thread`, a dataset, or a device that provisions Thread only.
fn thread_wanted(args: &EspProvArgs, session: &CliSession) -> Result<bool, Error> {
    let flag = match args.network_proto.as_deref() {
        None => args.dataset_tlvs.is_some(),
        Some("thread") => true,
        Some("wifi") => false,
        Some(other) => {
            return Err(Error::Usage(format!(
                "--network_proto {other:?}: expected wifi or thread"
            )))
        }
    };
    let network = crate::cli::commands::ops::network_of(session, flag)?;
    Ok(network == esprov::proto::version::NetworkType::Thread)
}

/// esp_prov's Thread flow: reset/reprov, or dataset, apply and the wait, with its step lines.
async fn thread(
    args: &EspProvArgs,
    session: &mut CliSession,
    budget: &mut Budget,
) -> Result<(), Error> {
    if args.reset {
        println!("==== Reseting Thread====");
        return budget
            .run("the reset", provision::reset_thread(session))
            .await;
    }
    if args.reprov {
        println!("==== Reprovisioning Thread====");
        return budget
            .run("re-provisioning", provision::reprov_thread(session))
            .await;
    }
    let source = SecretSource {
        what: "Thread dataset tlvs string",
        flag: "--dataset_tlvs",
        value: args.dataset_tlvs.as_deref(),
        file: None,
        env: crate::cli::commands::provision_thread::ENV_DATASET,
    };
    let Some(text) = source.given()? else {
        return Err(Error::Usage(
            "pass --dataset_tlvs HEX or set ESPROV_DATASET (esprov provision offers the Thread pick list)"
                .into(),
        ));
    };
    let tlvs = provision::dataset_from_hex(&String::from_utf8_lossy(text.expose()))?;
    println!("==== Sending Thread Dataset to Target ====");
    // The library's one call, with esp_prov's step lines printed from its events.
    let mut request = provision::ProvisionRequest::new(
        provision::NetworkConfig::Thread(tlvs),
        Default::default(),
    );
    request.timeout = budget.total();
    let mut on_event = |event: &provision::ProvisionEvent| match event {
        provision::ProvisionEvent::ConfigSent => {
            println!("==== Thread Dataset sent successfully ====");
            println!("==== Applying Thread Config to Target ====");
        }
        provision::ProvisionEvent::Applied => println!("==== Apply config sent successfully ===="),
        provision::ProvisionEvent::Thread { status } => thread_state_lines(status),
        _ => {}
    };
    let deadline = budget.deadline();
    let result = provision::provision_session(session, &request, deadline, &mut on_event).await;
    match &result {
        Ok(_) => println!("==== Provisioning was successful ===="),
        Err(_) => println!("---- Provisioning failed! ----"),
    }
    result.map(|_| ())
}

/// esp_prov's lines for a Thread state change.
fn thread_state_lines(status: &provision::ThreadStatus) {
    match status {
        provision::ThreadStatus::Attaching => println!("==== Thread state: Attaching ===="),
        provision::ThreadStatus::Attached(_) => println!("==== Thread state: Attached ===="),
        provision::ThreadStatus::Detached => println!("==== Thread state: Detached ===="),
        provision::ThreadStatus::Failed(reason) => {
            println!("==== Thread state: Attaching Failed ====");
            println!(
                "---- Failure reason: {} ----",
                match reason {
                    provision::ThreadFailReason::DatasetInvalid => "Invalid Dataset",
                    _ => "Network Not Found",
                }
            );
        }
    }
}

/// Polls until connected or failed, printing esp_prov's state lines on every change.
async fn wait(session: &mut CliSession, budget: &mut Budget) -> Result<(), Error> {
    let mut on_status = |status: &WifiStatus| {
        println!("==== Wi-Fi connection state  ====");
        match status {
            WifiStatus::Connected(_) => println!("==== WiFi state: Connected ===="),
            WifiStatus::Connecting {
                attempts_remaining: None,
            } => println!("++++ WiFi state: Connecting... ++++"),
            WifiStatus::Connecting {
                attempts_remaining: Some(n),
            } => {
                println!("++++ WiFi state: Connecting... ++++");
                println!("++++ Attempt failed, {n} attempts remaining ++++");
            }
            WifiStatus::Disconnected => println!("---- WiFi state: Disconnected ----"),
            WifiStatus::Failed(reason) => {
                println!("---- WiFi state: Connection Failed ----");
                match reason {
                    FailReason::AuthError => {
                        println!("---- Failure reason: Incorrect Password ----")
                    }
                    FailReason::NetworkNotFound => {
                        println!("---- Failure reason: Incorrect SSID ----")
                    }
                    FailReason::Other(n) => println!("---- Failure reason: {n} ----"),
                }
            }
        }
    };
    let deadline = budget.deadline();
    let policy = provision::PollPolicy::default();
    match provision::wait_connected(session, deadline, policy, &mut on_status).await {
        Ok(_) => {
            println!("==== Provisioning was successful ====");
            Ok(())
        }
        Err(error) => {
            println!("---- Provisioning failed! ----");
            Err(error)
        }
    }
}

/// No `--ssid`: scan on the device, print esp_prov's table, and let the user pick on a terminal.
async fn choose_ap(session: &mut CliSession, budget: &mut Budget) -> Result<Option<String>, Error> {
    let style = PickStyle {
        show: print_scan,
        prompt: "Select AP by number (0 to rescan) ",
        no_scan: "Wi-Fi Scan List is not supported by provisioning service",
        flag: "--ssid",
        other: false,
    };
    pick::pick_ssid(session, budget, &style).await
}

fn print_scan(entries: &[ScanEntry]) {
    println!("==== Wi-Fi Scan results ====");
    let rows: Vec<Vec<String>> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            vec![
                format!("[{:>2}]", i + 1),
                e.ssid.clone(),
                e.bssid.replace(':', ""),
                e.channel.to_string(),
                e.rssi.to_string(),
                e.auth.name(),
            ]
        })
        .collect();
    print!(
        "{}",
        table::render(&["S.N.", "SSID", "BSSID", "CHN", "RSSI", "AUTH"], &rows)
    );
}

/// `--proto_ver`: require the raw answer or `prov.ver` to match, case-insensitively.
fn check_proto_ver(args: &EspProvArgs, info: &DeviceInfo) -> Result<(), Error> {
    if args.proto_ver.is_empty() {
        return Ok(());
    }
    println!("==== Verifying protocol version ====");
    let wanted = args.proto_ver.to_lowercase();
    let raw = String::from_utf8_lossy(&info.raw).trim().to_lowercase();
    let ver = info.proto_ver.prov.as_ref().map(|p| p.ver.to_lowercase());
    if raw == wanted || ver.as_deref() == Some(wanted.as_str()) {
        println!("==== Verified protocol version successfully ====");
        return Ok(());
    }
    Err(Error::Unsupported(format!(
        "the device's protocol version is \"{}\", not {:?}",
        esprov::device_text::escape(&ver.unwrap_or(raw)),
        args.proto_ver
    )))
}

/// The credentials for the plan, asking esp_prov's questions where esp_prov would.
fn credentials(args: &EspProvArgs, plan: &SecurityPlan) -> Result<Credentials, Error> {
    let pop = SecretSource {
        what: "Proof of Possession required",
        flag: "--pop",
        value: non_empty(&args.pop),
        file: None,
        env: ENV_POP,
    };
    let mut credentials = Credentials {
        pop: pop.given()?,
        username: non_empty(&args.sec2_username).map(str::to_owned),
        password: password_source(args).given()?,
        salt_mode: SaltModeChoice::Auto,
    };
    // esp_prov ignores a PoP the device does not want; esprov refuses that downgrade instead.
    plan.check_floor(&credentials)?;
    if let Some(warning) = plan.warning() {
        eprintln!("warning: {warning}");
    }
    while let Some(what) = plan.missing(&credentials) {
        match what {
            "pop" => credentials.pop = Some(secrets::prompt_hidden(&pop)?),
            "username" => {
                credentials.username = Some(secrets::prompt_visible(
                    "Security Scheme 2 - SRP6a Username required",
                    "--sec2_username",
                )?)
            }
            _ => credentials.password = Some(secrets::prompt_hidden(&password_source(args))?),
        }
    }
    Ok(credentials)
}

fn password_source(args: &EspProvArgs) -> SecretSource<'_> {
    SecretSource {
        what: "Security Scheme 2 - SRP6a Password required",
        flag: "--sec2_pwd",
        value: non_empty(&args.sec2_pwd),
        file: None,
        env: ENV_PASSWORD,
    }
}

fn passphrase(args: &EspProvArgs, ssid: &str) -> Result<Secret, Error> {
    let source = SecretSource {
        what: "Wi-Fi passphrase",
        flag: "--passphrase",
        value: args.passphrase.as_deref(),
        file: None,
        env: ENV_PASSPHRASE,
    };
    if let Some(secret) = source.given()? {
        return Ok(secret);
    }
    if !secrets::interactive() {
        return Err(secrets::missing(&source));
    }
    crate::cli::hidden_prompt::prompt_password(&format!("Enter passphrase for {ssid} : "))
        .map(Secret::from)
        .map_err(|e| Error::Io {
            context: "reading the passphrase".into(),
            source: e,
        })
}

fn non_empty(text: &str) -> Option<&str> {
    (!text.is_empty()).then_some(text)
}

/// Bytes as Python prints them (`b'SUCCESS\x00'`), as esp_prov shows the custom-data answer.
pub fn python_bytes(bytes: &[u8]) -> String {
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("b{quote}");
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b if b == quote as u8 => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(char::from(b)),
            other => out.push_str(&format!("\\x{other:02x}")),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn python_bytes_matches_repr() {
        assert_eq!(super::python_bytes(b"SUCCESS\0"), "b'SUCCESS\\x00'");
        assert_eq!(super::python_bytes(b"it's"), "b\"it's\"");
        assert_eq!(super::python_bytes(b"a\\b\n"), "b'a\\\\b\\n'");
    }
}
