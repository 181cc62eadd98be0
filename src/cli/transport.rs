//! The CLI's one transport type: whichever transport the addressing flags chose, behind one box,
//! so every command works the same over HTTP, BLE or a serial console.

use std::time::Duration;

use async_trait::async_trait;
use esprov::discover::{mdns, DiscoverOptions};
use esprov::proto::qr::{QrPayload, QrTransport};
use esprov::transport::http::{DeviceAddr, HttpOptions, HttpTransport, DEFAULT_DEVICE};
use esprov::transport::Transport;
use esprov::Error;

use super::report::Peer;
use super::target::{TargetArgs, TimingArgs};

/// Bound on mDNS name resolution for `--mdns`.
const MDNS_RESOLVE_TIMEOUT: Duration = Duration::from_secs(5);

/// Any transport, boxed.
pub struct DynTransport(Box<dyn Transport>);

#[async_trait]
impl Transport for DynTransport {
    async fn request(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        self.0.request(endpoint, payload).await
    }

    async fn request_raw(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        self.0.request_raw(endpoint, payload).await
    }

    async fn new_transport_session(&mut self) -> Result<(), Error> {
        self.0.new_transport_session().await
    }

    fn max_request_len(&self) -> Option<usize> {
        self.0.max_request_len()
    }

    fn peer(&self) -> String {
        self.0.peer()
    }

    fn device_log(&self) -> Option<esprov::transport::console::DeviceLog> {
        self.0.device_log()
    }

    async fn reset_board(&mut self) -> Result<bool, Error> {
        self.0.reset_board().await
    }

    async fn close(&mut self) {
        self.0.close().await;
    }
}

/// The HTTP bounds: `--request-timeout` for each request, neither beyond the whole run.
pub fn http_options(timing: &TimingArgs) -> HttpOptions {
    let defaults = HttpOptions::default();
    HttpOptions {
        connect_timeout: defaults.connect_timeout.min(timing.timeout()),
        request_timeout: timing.request_timeout(),
    }
}

/// The device's HTTP address from `--device`, `--mdns`, or the SoftAP default.
pub async fn resolve_addr(target: &TargetArgs, total: Duration) -> Result<DeviceAddr, Error> {
    if let Some(device) = &target.device {
        return DeviceAddr::parse(device);
    }
    if let Some(name) = &target.mdns {
        let options = DiscoverOptions {
            timeout: MDNS_RESOLVE_TIMEOUT.min(total),
            interface: target.mdns_interface.clone(),
        };
        return mdns::resolve(name, &options).await;
    }
    DeviceAddr::parse(DEFAULT_DEVICE)
}

/// Opens the transport the addressing flags (and a `--qr` payload) describe.
pub async fn open(
    target: &TargetArgs,
    qr: Option<&QrPayload>,
    timing: &TimingArgs,
) -> Result<DynTransport, Error> {
    let total = timing.timeout();
    refuse_foreign_flags(target)?;
    super::report::set_peer(peer_label(target, qr));
    if let Some(console) = super::serial::open(&target.serial, timing)? {
        refuse_ble_flags(target, "a serial console")?;
        return Ok(DynTransport(console));
    }
    if let Some(ble) = super::ble::open(target, qr, timing).await? {
        return Ok(DynTransport(ble));
    }
    refuse_ble_flags(target, "HTTP")?;
    if let Some(payload) = qr {
        if payload.transport == QrTransport::Ble && target.device.is_none() && target.mdns.is_none()
        {
            return Err(Error::Unsupported(format!(
                "the QR payload names BLE device {:?}; this esprov reaches devices over HTTP \
                 (pass --device HOST[:PORT] if the device also serves HTTP)",
                payload.name
            )));
        }
    }
    let addr = resolve_addr(target, total).await?;
    tracing::debug!(%addr, "HTTP transport");
    let http = HttpTransport::with_addr(addr, http_options(timing))?;
    Ok(DynTransport(Box::new(http)))
}

/// How the user named the device, for errors; a SoftAP QR without an address names its network.
fn peer_label(target: &TargetArgs, qr: Option<&QrPayload>) -> Peer {
    let softap_qr = qr.filter(|p| p.transport == QrTransport::Softap);
    let ble_qr = qr.filter(|p| p.transport == QrTransport::Ble);
    let device = if let Some(port) = &target.serial.serial {
        port.clone()
    } else if target.serial.console_manual {
        "the console (relayed by hand)".to_owned()
    } else if let Some(name) = &target.ble.ble {
        name.clone()
    } else if let Some(device) = &target.device {
        DeviceAddr::parse(device).map_or_else(|_| device.clone(), |a| a.to_string())
    } else if let Some(name) = &target.mdns {
        format!("{name} (mDNS)")
    } else if let Some(payload) = ble_qr {
        payload.name.clone()
    } else {
        DEFAULT_DEVICE.to_owned()
    };
    let by_default = target.device.is_none()
        && target.mdns.is_none()
        && target.ble.ble.is_none()
        && target.serial.serial.is_none()
        && !target.serial.console_manual;
    Peer {
        device,
        softap_name: softap_qr.filter(|_| by_default).map(|p| p.name.clone()),
    }
}

/// Serial and mDNS flags without the flag that chooses their link.
fn refuse_foreign_flags(target: &TargetArgs) -> Result<(), Error> {
    if target.serial.serial.is_none() {
        if let Some(flag) = target.serial.given_port_flag() {
            return Err(Error::Usage(format!(
                "{flag} applies only to a serial port: add --serial PORT"
            )));
        }
    }
    if target.mdns.is_none() && target.mdns_interface.is_some() {
        return Err(Error::Usage(
            "--mdns-interface applies only with --mdns NAME".into(),
        ));
    }
    Ok(())
}

/// A BLE flag with a device reached another way is a mistake worth naming, not ignoring.
fn refuse_ble_flags(target: &TargetArgs, reached_over: &str) -> Result<(), Error> {
    match target.ble.given_flag() {
        Some(flag) => Err(Error::Usage(format!(
            "{flag} applies only to BLE (--ble NAME, or a --qr payload for BLE), \
             but this device is reached over {reached_over}"
        ))),
        None => Ok(()),
    }
}
