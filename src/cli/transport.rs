//! The CLI's one transport type: whichever transport the addressing flags chose, behind one box,
//! so every command works the same over HTTP, BLE or a serial console.

use std::time::Duration;

use async_trait::async_trait;
use esprov::discover::{mdns, DiscoverOptions};
use esprov::proto::qr::{QrPayload, QrTransport};
use esprov::transport::http::{DeviceAddr, HttpOptions, HttpTransport, DEFAULT_DEVICE};
use esprov::transport::Transport;
use esprov::Error;

use super::target::TargetArgs;

/// Bound on mDNS name resolution for `--mdns`.
const MDNS_RESOLVE_TIMEOUT: Duration = Duration::from_secs(5);

/// Any transport, boxed.
pub struct DynTransport(Box<dyn Transport>);

#[async_trait]
impl Transport for DynTransport {
    async fn request(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        self.0.request(endpoint, payload).await
    }

    fn max_request_len(&self) -> Option<usize> {
        self.0.max_request_len()
    }

    fn peer(&self) -> String {
        self.0.peer()
    }

    async fn close(&mut self) {
        self.0.close().await;
    }
}

/// Per-request bounds derived from the whole-run bound.
pub fn http_options(total: Duration) -> HttpOptions {
    let defaults = HttpOptions::default();
    HttpOptions {
        connect_timeout: defaults.connect_timeout.min(total),
        request_timeout: defaults.request_timeout.min(total),
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
    total: Duration,
) -> Result<DynTransport, Error> {
    if let Some(console) = super::serial::open(&target.serial, total)? {
        return Ok(DynTransport(console));
    }
    if let Some(ble) = super::ble::open(target, qr, total).await? {
        return Ok(DynTransport(ble));
    }
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
    let http = HttpTransport::with_addr(addr, http_options(total))?;
    Ok(DynTransport(Box::new(http)))
}
