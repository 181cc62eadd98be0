//! `esprov sim`: builds N devices, serves them on the chosen transport, prints the QR payload
//! and one ready line per device, and runs until Ctrl-C or SIGTERM.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use esprov_device::esprov_proto::factory::FactoryData;
use esprov_device::esprov_proto::qr::{QrPayload, QrSecret, QrTransport};
use esprov_device::esprov_proto::security::{generate_salt_verifier, SaltMode};
use esprov_device::{Config, Networks, Security};
use rand::rngs::StdRng;
use rand::{RngCore, SeedableRng};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::args::{SimArgs, SimFault, SimNetwork, SimTransport};
use crate::device::{build_manager, run_timers, SimClock, SimDevice};
use crate::protocomm::SharedProtocomm;
use crate::store::{device_mac, FileStore};
use crate::thread::{networks_from_args, SimThread, SimThreadNetwork, ThreadQueue};
use crate::wifi::{aps_from_args, SimAp, SimWifi};
use crate::SimError;

/// Salt length of generated security 2 credentials, as esp_prov's default.
const SALT_LEN: usize = 16;

/// One device as built, before its transport starts.
struct Built {
    device: Arc<Mutex<SimDevice>>,
    name: String,
    provisioned: bool,
    /// The security scheme it serves.
    sec: u8,
    /// What its QR payload shows; `None` when the device does not know it (factory sec2).
    qr: Option<QrSecret>,
}

/// Runs the virtual devices described by `args` until interrupted.
pub async fn run(args: SimArgs) -> Result<(), SimError> {
    validate(&args)?;
    let factory = args
        .factory_data
        .iter()
        .map(|path| crate::factory::load(path))
        .collect::<Result<Vec<_>, _>>()?;
    let count = if factory.is_empty() {
        args.count
    } else {
        u16::try_from(factory.len()).unwrap_or(u16::MAX)
    };
    let aps = aps_from_args(&args.aps).map_err(SimError::Config)?;
    let thread_networks = networks_from_args(&args.thread_networks).map_err(SimError::Config)?;
    let (_temp, state_dir) = state_dir(&args)?;
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut tasks = JoinSet::new();
    let mut names = Vec::new();
    for index in 0..count {
        let identity = factory.get(usize::from(index));
        let built = build_device(
            &args,
            &aps,
            &thread_networks,
            &state_dir,
            index,
            &names,
            identity,
        )?;
        names.push(built.name.clone());
        print_qr(&built);
        let address = start_transport(&args, index, &built, stop_rx.clone(), &mut tasks).await?;
        print_ready(&args, &built, &address);
    }
    wait_for_signal().await;
    let _ = stop_tx.send(true);
    while let Some(result) = tasks.join_next().await {
        if let Ok(Err(err)) = result {
            tracing::warn!(%err, "transport ended with an error");
        }
    }
    Ok(())
}

fn validate(args: &SimArgs) -> Result<(), SimError> {
    if args.count == 0 {
        return Err(SimError::Config("--count must be at least 1".into()));
    }
    let files = args.factory_data.len();
    if files > 0 && args.count != 1 && usize::from(args.count) != files {
        return Err(SimError::Config(format!(
            "--count {} disagrees with {files} --factory-data files (one device each)",
            args.count
        )));
    }
    let count = if files > 0 {
        files
    } else {
        usize::from(args.count)
    };
    if args.transport == SimTransport::Console && count > 1 {
        return Err(SimError::Config(
            "the console transport serves one device (--count 1)".into(),
        ));
    }
    if args.sec == 2 && (args.username.is_empty() || args.password.is_empty()) {
        return Err(SimError::Config(
            "security 2 needs a non-empty --username and --password".into(),
        ));
    }
    if args.port != 0 && u32::from(args.port) as usize + count - 1 > usize::from(u16::MAX) {
        return Err(SimError::Config(
            "--port + --count leaves the port range".into(),
        ));
    }
    Ok(())
}

/// The state directory: `--state-dir`, or a temporary one removed on exit.
fn state_dir(args: &SimArgs) -> Result<(Option<tempfile::TempDir>, PathBuf), SimError> {
    if let Some(dir) = &args.state_dir {
        return Ok((None, dir.clone()));
    }
    let temp = tempfile::Builder::new()
        .prefix("esprov-sim-")
        .tempdir()
        .map_err(|source| SimError::Io {
            context: "creating a temporary state directory".into(),
            source,
        })?;
    let path = temp.path().to_path_buf();
    Ok((Some(temp), path))
}

fn build_device(
    args: &SimArgs,
    aps: &[SimAp],
    thread_networks: &[SimThreadNetwork],
    state_dir: &Path,
    index: u16,
    taken: &[String],
    identity: Option<&FactoryData>,
) -> Result<Built, SimError> {
    let mut rng = StdRng::from_entropy();
    let dir = state_dir.join(format!("device-{index}"));
    let mut fresh = [0u8; 6];
    rng.fill_bytes(&mut fresh);
    fresh[0] = 0x24;
    let mac = device_mac(&dir, fresh).map_err(|source| SimError::Io {
        context: format!("device state in {}", dir.display()),
        source,
    })?;
    let name = match identity {
        Some(data) => data.service_name.clone(),
        None => esprov_device::mac_name(&args.name_prefix, mac),
    };
    if taken.contains(&name) {
        return Err(SimError::Config(format!(
            "two devices share the name {name}; remove {}",
            dir.display()
        )));
    }
    let (security, qr) = match identity {
        Some(data) => (
            Security::from(&data.security),
            crate::factory::qr_secret(data),
        ),
        None => (security(args, &mut rng), Some(qr_secret(args))),
    };
    let sec = security.version();
    let mut config = Config::new(name.clone(), security);
    config.sec_patch_ver = args.sec_patch;
    config.wifi_conn_attempts = args.conn_attempts;
    config.autostop_timeout_ms = args.autostop_timeout_ms;
    config.apply_delay_ms = args.apply_delay_ms;
    config.thread_attach_timeout_ms = args.thread_attach_timeout_ms;
    config.network_provisioning = match args.network {
        SimNetwork::Wifi => None,
        SimNetwork::Thread => Some(Networks {
            wifi: false,
            thread: true,
        }),
        SimNetwork::Both => Some(Networks {
            wifi: true,
            thread: true,
        }),
    };
    config.faults = esprov_device::Faults(
        args.faults
            .iter()
            .filter_map(|fault| fault.device_fault())
            .collect(),
    );
    let clock = SimClock::start();
    let host = u8::try_from(100 + usize::from(index) % 150).unwrap_or(100);
    let mut wifi = SimWifi::new(
        aps.to_vec(),
        args.outcome,
        args.connect_delay_ms,
        [192, 168, 1, host],
        clock,
    );
    wifi.set_faults(
        args.has_fault(SimFault::ScanDuplicates),
        args.has_fault(SimFault::AcceptAnyPassphrase),
    );
    let store = FileStore::new(&dir);
    let mut manager = build_manager(config, wifi, store, rng, !args.no_auto_stop)
        .map_err(|err| SimError::Config(err.to_string()))?;
    let mut device = if args.network == SimNetwork::Wifi {
        SimDevice::new(manager, clock, args.json)
    } else {
        let queue = ThreadQueue::default();
        let node = SimThread::new(
            thread_networks.to_vec(),
            args.outcome,
            args.connect_delay_ms,
            clock,
            queue.clone(),
        )
        .with_scan_duplicates(args.has_fault(SimFault::ScanDuplicates));
        manager
            .set_thread_node(node)
            .map_err(|err| SimError::Config(err.to_string()))?;
        SimDevice::new(manager, clock, args.json).with_thread(queue)
    };
    let provisioned = device.manager_mut().is_provisioned().unwrap_or(false);
    device
        .start()
        .map_err(|err| SimError::Config(err.to_string()))?;
    Ok(Built {
        device: Arc::new(Mutex::new(device)),
        name,
        provisioned,
        sec,
        qr,
    })
}

/// The device's security from the arguments; security 2 gets a fresh salt and verifier.
fn security(args: &SimArgs, rng: &mut StdRng) -> Security {
    match args.sec {
        0 => Security::Sec0,
        1 => Security::Sec1 {
            pop: args
                .pop
                .clone()
                .filter(|p| !p.is_empty())
                .map(String::into_bytes),
        },
        _ => {
            let (salt, verifier) = generate_salt_verifier(
                args.username.as_bytes(),
                args.password.as_bytes(),
                SALT_LEN,
                rng,
                SaltMode::Full,
            );
            Security::Sec2 { salt, verifier }
        }
    }
}

/// Starts the device's transport and its timer task; returns the address for the ready line.
async fn start_transport(
    args: &SimArgs,
    index: u16,
    built: &Built,
    stop: watch::Receiver<bool>,
    tasks: &mut JoinSet<Result<(), SimError>>,
) -> Result<String, SimError> {
    let shared: SharedProtocomm = built.device.clone();
    let timers = built.device.clone();
    // The transport stops at Ctrl-C, or when provisioning ends (httpd is stopped on the device).
    let shutdown = async move {
        let mut stop = stop;
        tokio::select! {
            _ = stop.wait_for(|stopped| *stopped) => {}
            () = run_timers(timers) => {}
        }
    };
    match args.transport {
        SimTransport::Http => {
            let listener = bind(args, index).await?;
            let address = listener.local_addr().map_err(|source| SimError::Io {
                context: "reading the bound address".into(),
                source,
            })?;
            let advert = advertise(args, &built.name, built.sec, address)?;
            let crash = args.has_fault(SimFault::CrashOnOversize);
            tasks.spawn(async move {
                let config = crate::http::HttpConfig {
                    crash_on_oversize: crash,
                    ..crate::http::HttpConfig::default()
                };
                let result = crate::http::serve_http_with(listener, shared, config, shutdown).await;
                drop(advert);
                result
            });
            Ok(address.to_string())
        }
        SimTransport::Console => {
            let config = crate::console::ConsoleConfig {
                crash_on_oversize: args.has_fault(SimFault::CrashOnOversize),
                ..crate::console::ConsoleConfig::with_stock_limit(args.stock_line_limit)
            };
            if args.pty {
                let (tty, path, slave) =
                    crate::console::Tty::open_pty().map_err(|source| SimError::Io {
                        context: "creating a PTY".into(),
                        source,
                    })?;
                tasks.spawn(async move {
                    let (reader, writer) = tokio::io::split(tty);
                    let result =
                        crate::console::serve_console(reader, writer, shared, config, shutdown)
                            .await;
                    drop(slave);
                    result
                });
                return Ok(path.display().to_string());
            }
            match args.tty.clone() {
                Some(path) => {
                    let address = path.display().to_string();
                    tasks.spawn(async move {
                        crate::console::serve_console_tty(&path, shared, config, shutdown).await
                    });
                    Ok(address)
                }
                None => {
                    tasks.spawn(crate::console::serve_console_stdio(
                        shared, config, shutdown,
                    ));
                    Ok("stdio".into())
                }
            }
        }
    }
}

/// Announces the device over mDNS when `--mdns` is given; the advert lives as long as the transport.
fn advertise(
    args: &SimArgs,
    name: &str,
    sec_ver: u8,
    address: SocketAddr,
) -> Result<Option<crate::mdns::MdnsAdvert>, SimError> {
    if !args.mdns || args.no_mdns {
        return Ok(None);
    }
    let ip = address.ip();
    let interface = if ip.is_loopback() {
        crate::mdns::MdnsInterface::Loopback
    } else if ip.is_unspecified() {
        crate::mdns::MdnsInterface::All
    } else {
        crate::mdns::MdnsInterface::Addr(ip)
    };
    let config = crate::mdns::MdnsConfig {
        service_name: name.into(),
        port: address.port(),
        address: (!ip.is_unspecified()).then_some(ip),
        sec_ver,
        interface,
    };
    crate::mdns::advertise(&config).map(Some)
}

async fn bind(args: &SimArgs, index: u16) -> Result<TcpListener, SimError> {
    let port = if args.port == 0 {
        0
    } else {
        args.port.saturating_add(index)
    };
    let address = format!("{}:{port}", args.bind);
    let address: SocketAddr = match address.parse() {
        Ok(address) => address,
        Err(_) => format!("[{}]:{port}", args.bind).parse().map_err(|_| {
            SimError::Config(format!("--bind {:?} is not an IP address", args.bind))
        })?,
    };
    TcpListener::bind(address)
        .await
        .map_err(|source| SimError::Io {
            context: format!("binding {address}"),
            source,
        })
}

/// The secret the arguments give the device, for its QR payload.
fn qr_secret(args: &SimArgs) -> QrSecret {
    match args.sec {
        0 => QrSecret::None,
        1 => QrSecret::Pop(args.pop.clone().unwrap_or_default()),
        _ => QrSecret::Srp {
            username: args.username.clone(),
            password: args.password.clone(),
        },
    }
}

/// The QR payload (§7) as JSON and as a terminal QR code, on stderr.
fn print_qr(built: &Built) {
    let name = &built.name;
    let Some(secret) = built.qr.clone() else {
        eprintln!(
            "[{name}] no QR payload: the factory data holds no password (it is on the label)"
        );
        return;
    };
    let payload = QrPayload::for_device(name, QrTransport::Softap, secret);
    let json = payload.to_json();
    eprintln!("[{name}] QR payload: {json}");
    match qrcode::QrCode::new(json.as_bytes()) {
        Ok(code) => {
            let art = code
                .render::<qrcode::render::unicode::Dense1x2>()
                .quiet_zone(true)
                .build();
            eprintln!("{art}");
        }
        Err(err) => eprintln!("[{name}] QR code could not be drawn: {err}"),
    }
}

/// The one ready line of a device on stdout.
fn print_ready(args: &SimArgs, built: &Built, address: &str) {
    let transport = match args.transport {
        SimTransport::Http => "http",
        SimTransport::Console => "console",
    };
    let line = if args.json {
        let ready = crate::ReadyLine {
            schema: crate::ready::SCHEMA,
            device: address.to_owned(),
            name: built.name.clone(),
            sec_ver: built.sec,
            sec_patch_ver: args.sec_patch,
            transport: transport.to_owned(),
            provisioned: built.provisioned,
        };
        serde_json::to_string(&ready).unwrap_or_default()
    } else {
        format!(
            "{} ready at {address} (transport {transport}, sec {}{})",
            built.name,
            built.sec,
            if built.provisioned {
                ", provisioned"
            } else {
                ""
            }
        )
    };
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{line}");
    let _ = stdout.flush();
}

/// Waits for Ctrl-C or SIGTERM.
async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
