//! `esprov provision`: ticked steps for people, NDJSON events for programs, one result at the end.

use esprov::contract::{Connected, ProvisionLine, ProvisionResult, ThreadProvisioned};
use esprov::proto::version::NetworkType;
use esprov::provision::{
    choose_network, provision_session, Joined, NetworkConfig, ProvisionEvent, ProvisionOutcome,
    ProvisionRequest, ScanEntry, ThreadStatus, WifiConfig, WifiStatus,
};
use esprov::session::{DeviceInfo, Secret, SecurityPlan};
use esprov::Error;

use crate::cli::args::ProvisionArgs;
use crate::cli::budget::Budget;
use crate::cli::commands::provision_thread;
use crate::cli::commands::sim::SimChild;
use crate::cli::events::{self, Joining};
use crate::cli::output::Output;
use crate::cli::pick::{self, PickStyle};
use crate::cli::report;
use crate::cli::secrets::{SecretSource, ENV_PASSPHRASE};
use crate::cli::session::{self, CliSession};
use crate::cli::target::SecArg;

/// The virtual device's default SRP username (`esprov sim --username`).
const SIM_USERNAME: &str = "wifiprov";
/// The virtual device's default SRP password (`esprov sim --password`).
const SIM_PASSWORD: &str = "abcd1234";

/// Runs `esprov provision` and returns the exit code.
pub async fn run(args: &ProvisionArgs) -> i32 {
    let out = Output::new(args.conn.output.json);
    let result = provision(args, &out).await;
    out.done_waiting();
    match result {
        Ok(outcome) => {
            finish_ok(&out, &outcome);
            esprov::exit::OK
        }
        Err(error) => finish_err(&out, &error),
    }
}

/// What the run joined and how long each phase took.
type Done = ProvisionOutcome;

async fn provision(args: &ProvisionArgs, out: &Output) -> Result<Done, Error> {
    let dataset = provision_thread::given_dataset(args)?;
    let Some(ssid) = &args.wifi.ssid else {
        if args.sim {
            return Err(Error::Usage(
                "--sim needs --ssid: the virtual device's access point".into(),
            ));
        }
        return provision_device(args, out, None, dataset).await;
    };
    let wifi = wifi_config(args, ssid)?;
    if args.sim {
        let (sim, args) = start_sim(args, ssid, &wifi)?;
        out.step(format!("Virtual device running at {}", sim.addr));
        return provision_device(&args, out, Some(wifi), None).await;
    }
    provision_device(args, out, Some(wifi), None).await
}

/// The SetConfig fields for `ssid`: the passphrase (asked for if need be), `--bssid`, `--channel`.
fn wifi_config(args: &ProvisionArgs, ssid: &str) -> Result<WifiConfig, Error> {
    let mut wifi = WifiConfig::new(ssid.as_bytes(), passphrase(args)?);
    wifi.bssid = args.wifi.bssid;
    wifi.channel = args.wifi.channel.map(i32::from);
    wifi.validate()?;
    Ok(wifi)
}

/// `--sim`: a virtual device with the given access point; our flags then point at it.
fn start_sim(
    args: &ProvisionArgs,
    ssid: &str,
    wifi: &WifiConfig,
) -> Result<(SimChild, ProvisionArgs), Error> {
    let mut args = args.clone();
    let given = session::given_credentials(&args.conn.security, None)?;
    let security = &mut args.conn.security;
    let username = security
        .username
        .clone()
        .unwrap_or_else(|| SIM_USERNAME.to_owned());
    let password = given.password.unwrap_or_else(|| Secret::from(SIM_PASSWORD));
    let password = String::from_utf8_lossy(password.expose()).into_owned();
    // Only a security 2 sim needs SRP credentials on our side (they set the security 2 floor).
    if matches!(security.sec, SecArg::Auto | SecArg::Sec2) {
        security.username = Some(username.clone());
        security.password = Some(password.clone());
    }
    let pop = given
        .pop
        .map(|p| String::from_utf8_lossy(p.expose()).into_owned());
    let ap = format!(
        "{ssid}:{}",
        String::from_utf8_lossy(wifi.passphrase.expose())
    );
    // Secrets reach the child through its environment, never its command line.
    let mut sim_args = vec!["--connect-delay-ms".to_owned(), "300".into()];
    sim_args.extend(["--username".to_owned(), username]);
    if let Some(sec) = sim_sec(security.sec) {
        sim_args.extend(["--sec".to_owned(), sec.to_owned()]);
    }
    let mut envs = vec![
        ("ESPROV_SIM_PASSWORD", password.as_str()),
        ("ESPROV_SIM_AP", ap.as_str()),
    ];
    if let Some(pop) = &pop {
        envs.push(("ESPROV_SIM_POP", pop.as_str()));
    }
    let sim = SimChild::start(&sim_args, &envs)?;
    args.conn.target.device = Some(sim.addr.clone());
    Ok((sim, args))
}

/// The sim's `--sec` for ours (`auto` keeps the sim's default, security 2).
fn sim_sec(sec: SecArg) -> Option<&'static str> {
    match sec {
        SecArg::Auto => None,
        SecArg::Sec0 => Some("0"),
        SecArg::Sec1 => Some("1"),
        SecArg::Sec2 => Some("2"),
    }
}

/// Opens the session and provisions; without `wifi`, the user picks a network from a scan.
async fn provision_device(
    args: &ProvisionArgs,
    out: &Output,
    wifi: Option<WifiConfig>,
    dataset: Option<Secret>,
) -> Result<Done, Error> {
    let mut budget = Budget::new(args.conn.timeout());
    out.waiting("connecting to the device");
    let mut on_info = |peer: &str, info: &DeviceInfo, plan: &SecurityPlan| {
        out.set_device(peer);
        report_event(
            out,
            &esprov::provision::info_event(info, plan),
            &Joining::Wifi {
                ssid: String::new(),
            },
        );
        // A prompt for a missing secret may follow: no spinner over it.
        out.done_waiting();
    };
    let mut session = session::open(&args.conn, &mut budget, true, &mut on_info).await?;
    report_event(
        out,
        &ProvisionEvent::Session {
            sec_ver: session.plan().sec_ver,
            elapsed_ms: session.handshake_time().as_secs_f64() * 1000.0,
        },
        &Joining::Wifi {
            ssid: String::new(),
        },
    );
    // The library decides the network from the device's caps and what was given.
    let wanted = match (&dataset, &wifi) {
        (Some(_), _) => Some(NetworkType::Thread),
        (None, Some(_)) => Some(NetworkType::Wifi),
        (None, None) => args.thread_network.then_some(NetworkType::Thread),
    };
    let network = match network_config(args, &mut session, &mut budget, wanted, wifi, dataset).await
    {
        Ok(network) => network,
        Err(error) => {
            session.close().await;
            return Err(error);
        }
    };
    let joining = match &network {
        NetworkConfig::Wifi(wifi) => Joining::Wifi {
            ssid: String::from_utf8_lossy(&wifi.ssid).into_owned(),
        },
        NetworkConfig::Thread(tlvs) => Joining::Thread {
            summary: esprov::provision::check_dataset(tlvs)?.to_string(),
        },
    };
    out.waiting(match joining {
        Joining::Wifi { .. } => "sending the Wi-Fi credentials",
        Joining::Thread { .. } => "sending the Thread dataset",
    });
    let mut request = ProvisionRequest::new(network, Default::default());
    request.timeout = budget.total();
    let deadline = budget.deadline();
    let mut on_event = |event: &ProvisionEvent| report_event(out, event, &joining);
    let result = provision_session(&mut session, &request, deadline, &mut on_event).await;
    session.close().await;
    result
}

/// The credentials for the network the library chose; what was not given is asked for (a pick
/// list of the device's scan, then the passphrase or the network key).
async fn network_config(
    args: &ProvisionArgs,
    session: &mut CliSession,
    budget: &mut Budget,
    wanted: Option<NetworkType>,
    wifi: Option<WifiConfig>,
    dataset: Option<Secret>,
) -> Result<NetworkConfig, Error> {
    match choose_network(session.info(), wanted)? {
        NetworkType::Thread => Ok(NetworkConfig::Thread(match dataset {
            Some(tlvs) => tlvs,
            None => provision_thread::pick(session, budget).await?,
        })),
        NetworkType::Wifi => Ok(NetworkConfig::Wifi(match wifi {
            Some(wifi) => wifi,
            None => pick_network(args, session, budget).await?,
        })),
    }
}

/// No `--ssid`: the device scans, the user picks (or types a hidden SSID), then the passphrase.
async fn pick_network(
    args: &ProvisionArgs,
    session: &mut CliSession,
    budget: &mut Budget,
) -> Result<WifiConfig, Error> {
    let style = PickStyle {
        show: show_networks,
        prompt: "Network number (0 to scan again, o for another network)",
        no_scan: "the device cannot scan (no wifi_scan capability): pass --ssid",
        flag: "--ssid",
        other: true,
    };
    let ssid = pick::pick_ssid(session, budget, &style)
        .await?
        .ok_or_else(|| Error::Usage("no network chosen".into()))?;
    wifi_config(args, &ssid)
}

/// The pick list, on stderr: it is a question, not data.
fn show_networks(entries: &[ScanEntry]) {
    if entries.is_empty() {
        eprintln!("The device sees no network.");
    } else {
        eprintln!("{}", crate::cli::commands::ops::scan_table(entries));
    }
    eprintln!("  o  other network… (a hidden SSID)");
}

/// The passphrase from the flag, a file, the environment, or a hidden prompt.
fn passphrase(args: &ProvisionArgs) -> Result<Secret, Error> {
    SecretSource {
        what: "Wi-Fi passphrase",
        flag: "--passphrase",
        value: args.wifi.passphrase.as_deref(),
        file: args.wifi.passphrase_file.as_deref(),
        env: ENV_PASSPHRASE,
    }
    .given_or_prompt()
}

/// Shows one event: a tick or a spinner state for people, an NDJSON line for programs.
fn report_event(out: &Output, event: &ProvisionEvent, joining: &Joining) {
    out.json(&ProvisionLine::event(&out.device(), event));
    match event {
        ProvisionEvent::Status { status } => match status {
            WifiStatus::Connecting { .. } => out.waiting(format!("device {status}")),
            WifiStatus::Connected(_) | WifiStatus::Failed(_) | WifiStatus::Disconnected => {
                out.done_waiting()
            }
        },
        ProvisionEvent::Thread { status } => match status {
            ThreadStatus::Attaching | ThreadStatus::Detached => {
                out.waiting(format!("device {status}"))
            }
            ThreadStatus::Attached(_) | ThreadStatus::Failed(_) => out.done_waiting(),
        },
        ProvisionEvent::Applied => {
            out.step(events::human_line(event, joining));
            out.waiting(match joining {
                Joining::Wifi { ssid } => {
                    format!("device joining \"{}\"", esprov::device_text::escape(ssid))
                }
                Joining::Thread { .. } => "device attaching".to_owned(),
            });
        }
        _ => out.step(events::human_line(event, joining)),
    }
}

fn finish_ok(out: &Output, outcome: &ProvisionOutcome) {
    // The answer is data: stdout, without a tick.
    match &outcome.joined {
        Joined::Wifi(info) => {
            out.human(format!(
                "Connected to \"{}\": IP {}",
                esprov::device_text::escape(&info.ssid),
                esprov::device_text::escape(&info.ip4)
            ));
            let connected = Connected::new(out.device(), info, outcome);
            out.json(&ProvisionLine::Result(ProvisionResult::Ok(connected)));
        }
        Joined::Thread(attached) => {
            out.human(format!(
                "Attached to Thread network \"{}\" (PAN ID 0x{:04x}, channel {})",
                esprov::device_text::escape(&attached.name),
                attached.pan_id,
                attached.channel
            ));
            out.json(&ThreadProvisioned {
                result: "ok",
                device: out.device(),
                network: "thread",
                attached: attached.clone(),
                sec_ver: outcome.sec_ver,
                total_ms: outcome.timings.total.into(),
            });
        }
    }
}

fn finish_err(out: &Output, error: &Error) -> i32 {
    if out.is_json() {
        let mut failure = report::failure(error);
        failure.device = out.known_device().or(failure.device);
        out.json(&ProvisionLine::Result(ProvisionResult::Failed(failure)));
        return error.exit_code();
    }
    // One hint, the error's own (it names `esprov reset` or `reprov` where they apply).
    report::print_human(error);
    error.exit_code()
}
