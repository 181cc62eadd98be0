//! mDNS discovery of `_esp_wifi_prov._tcp` (ESP-IDF v3.3–v4.4 SoftAP devices and our virtual device).

use std::collections::BTreeMap;
use std::net::IpAddr;

use mdns_sd::{IfKind, ResolvedService, ServiceDaemon, ServiceEvent};
use tokio::time::Instant;

use super::{DiscoverOptions, DiscoveredDevice, DiscoveryTransport};
use crate::transport::http::DeviceAddr;
use crate::Error;

/// The DNS-SD service type provisioning devices announce.
pub const SERVICE_TYPE: &str = "_esp_wifi_prov._tcp.local.";

fn daemon(options: &DiscoverOptions) -> Result<ServiceDaemon, Error> {
    let failed = |e: mdns_sd::Error| Error::Unreachable {
        peer: "mDNS".into(),
        reason: format!("cannot start mDNS: {e}"),
    };
    let daemon = ServiceDaemon::new().map_err(failed)?;
    if let Some(interface) = &options.interface {
        let only = match interface.as_str() {
            "lo" | "loopback" => IfKind::LoopbackV4,
            name => match name.parse::<IpAddr>() {
                Ok(ip) => IfKind::Addr(ip),
                Err(_) => IfKind::Name(name.to_owned()),
            },
        };
        daemon.disable_interface(IfKind::All).map_err(failed)?;
        daemon.enable_interface(only).map_err(failed)?;
    }
    Ok(daemon)
}

/// The instance part of a full service name (`NAME._esp_wifi_prov._tcp.local.` → `NAME`).
fn instance_name(fullname: &str) -> String {
    let name = fullname.strip_suffix(SERVICE_TYPE).unwrap_or(fullname);
    name.strip_suffix('.').unwrap_or(name).replace("\\.", ".")
}

fn to_device(service: &ResolvedService) -> DiscoveredDevice {
    let mut addresses: Vec<IpAddr> = service.addresses.iter().map(|ip| ip.to_ip_addr()).collect();
    // Prefer IPv4: it needs no scope id, and SoftAP devices only have IPv4.
    addresses.sort_by_key(|ip| (ip.is_ipv6(), *ip));
    DiscoveredDevice {
        name: instance_name(&service.fullname),
        transport: DiscoveryTransport::Mdns,
        address: addresses.first().map(ToString::to_string),
        port: Some(service.port),
        host: Some(service.host.trim_end_matches('.').to_owned()),
        txt: service
            .txt_properties
            .iter()
            .map(|p| (p.key().to_owned(), p.val_str().to_owned()))
            .collect(),
        rssi: None,
        service_uuids: Vec::new(),
        manufacturer_data: BTreeMap::new(),
    }
}

/// Browses for the whole `timeout` and returns every device that resolved, sorted by name.
pub async fn discover(options: &DiscoverOptions) -> Result<Vec<DiscoveredDevice>, Error> {
    let mut found = BTreeMap::new();
    browse(options, |device| {
        found.insert(device.name.clone(), device);
        false
    })
    .await?;
    Ok(found.into_values().collect())
}

/// Finds the device announced as `name` (instance or host name) and returns its HTTP address.
pub async fn resolve(name: &str, options: &DiscoverOptions) -> Result<DeviceAddr, Error> {
    let wanted = instance_name(&format!("{}.", name.trim_end_matches('.')));
    let wanted_host = wanted.strip_suffix(".local").unwrap_or(&wanted).to_owned();
    let mut hit = None;
    browse(options, |device| {
        let host = device.host.as_deref().unwrap_or("");
        let host = host.strip_suffix(".local").unwrap_or(host);
        let matches =
            device.name.eq_ignore_ascii_case(&wanted) || host.eq_ignore_ascii_case(&wanted_host);
        if matches && device.address.is_some() {
            hit = Some(device);
        }
        hit.is_some()
    })
    .await?;
    let device = hit.ok_or_else(|| Error::Unreachable {
        peer: name.to_owned(),
        reason: format!("no mDNS answer for {name:?} within {:?}", options.timeout),
    })?;
    let address = device.http_address().unwrap_or_default();
    tracing::debug!(name, %address, "mDNS resolved");
    DeviceAddr::parse(&address)
}

/// Runs one browse until `timeout` or until `on_device` returns true.
async fn browse(
    options: &DiscoverOptions,
    mut on_device: impl FnMut(DiscoveredDevice) -> bool,
) -> Result<(), Error> {
    let daemon = daemon(options)?;
    let events = daemon
        .browse(SERVICE_TYPE)
        .map_err(|e| Error::Unreachable {
            peer: "mDNS".into(),
            reason: format!("cannot browse {SERVICE_TYPE}: {e}"),
        })?;
    let deadline = Instant::now() + options.timeout;
    while let Ok(Ok(event)) = tokio::time::timeout_at(deadline, events.recv_async()).await {
        if let ServiceEvent::ServiceResolved(service) = event {
            tracing::debug!(name = %service.fullname, port = service.port, "mDNS service resolved");
            if on_device(to_device(&service)) {
                break;
            }
        }
    }
    let _ = daemon.stop_browse(SERVICE_TYPE);
    let _ = daemon.shutdown();
    Ok(())
}
