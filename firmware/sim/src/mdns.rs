//! mDNS advertisement of the virtual device as `_esp_wifi_prov._tcp` (PROTOCOL.md §3.4), the
//! way v3.3–v4.4 SoftAP devices announced themselves.
//!
//! Caution: mdns-sd joins the mDNS multicast group on every interface when its daemon starts,
//! before any interface selection applies. Start an advertisement only where that is wanted:
//! tests must run it inside a private network namespace.

use std::net::IpAddr;

use mdns_sd::{IfKind, ServiceDaemon, ServiceInfo};

use crate::SimError;

/// The DNS-SD service type of Espressif's SoftAP provisioning.
pub const SERVICE_TYPE: &str = "_esp_wifi_prov._tcp.local.";

/// Which interfaces the advertisement is announced on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MdnsInterface {
    /// 127.0.0.0/8 only (tests, demos on one machine).
    Loopback,
    /// The interface that carries this address.
    Addr(IpAddr),
    /// The interface with this name, e.g. `eth0`.
    Name(String),
    /// Every interface.
    All,
}

/// What to advertise and where.
#[derive(Debug, Clone)]
pub struct MdnsConfig {
    /// The service name; it becomes the instance name.
    pub service_name: String,
    /// The HTTP port the device serves.
    pub port: u16,
    /// The address put in the A/AAAA record; `None` uses the selected interfaces' addresses.
    pub address: Option<IpAddr>,
    /// The security scheme, published as `sec_ver`.
    pub sec_ver: u8,
    /// Where to announce.
    pub interface: MdnsInterface,
}

/// A running advertisement; dropping it withdraws the service and stops the responder.
pub struct MdnsAdvert {
    daemon: ServiceDaemon,
    fullname: String,
}

impl MdnsAdvert {
    /// The full DNS-SD instance name, `<service name>._esp_wifi_prov._tcp.local.`.
    pub fn fullname(&self) -> &str {
        &self.fullname
    }
}

impl Drop for MdnsAdvert {
    fn drop(&mut self) {
        let _ = self.daemon.unregister(&self.fullname);
        let _ = self.daemon.shutdown();
    }
}

/// The TXT records a provisioning client reads to find the endpoints.
pub fn txt_records(sec_ver: u8) -> Vec<(&'static str, String)> {
    vec![
        ("version_endpoint", "/proto-ver".into()),
        ("session_endpoint", "/prov-session".into()),
        ("config_endpoint", "/prov-config".into()),
        ("sec_ver", sec_ver.to_string()),
        ("transport", "softap".into()),
    ]
}

/// Starts announcing the device described by `config`.
pub fn advertise(config: &MdnsConfig) -> Result<MdnsAdvert, SimError> {
    let daemon = ServiceDaemon::new().map_err(mdns_error)?;
    daemon.disable_interface(IfKind::All).map_err(mdns_error)?;
    daemon
        .enable_interface(if_kind(&config.interface))
        .map_err(mdns_error)?;
    let host = format!("{}.local.", host_label(&config.service_name));
    let txt = txt_records(config.sec_ver);
    let txt: Vec<(&str, &str)> = txt.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let info = match config.address {
        Some(ip) => ServiceInfo::new(
            SERVICE_TYPE,
            &config.service_name,
            &host,
            ip,
            config.port,
            &txt[..],
        ),
        None => ServiceInfo::new(
            SERVICE_TYPE,
            &config.service_name,
            &host,
            (),
            config.port,
            &txt[..],
        )
        .map(ServiceInfo::enable_addr_auto),
    }
    .map_err(mdns_error)?;
    let fullname = info.get_fullname().to_string();
    daemon.register(info).map_err(mdns_error)?;
    Ok(MdnsAdvert { daemon, fullname })
}

fn if_kind(interface: &MdnsInterface) -> IfKind {
    match interface {
        MdnsInterface::Loopback => IfKind::LoopbackV4,
        MdnsInterface::Addr(ip) => IfKind::Addr(*ip),
        MdnsInterface::Name(name) => IfKind::Name(name.clone()),
        MdnsInterface::All => IfKind::All,
    }
}

/// A DNS host label from the service name: letters, digits and `-` only.
fn host_label(service_name: &str) -> String {
    let label: String = service_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if label.is_empty() {
        "esprov-sim".into()
    } else {
        label
    }
}

fn mdns_error(err: mdns_sd::Error) -> SimError {
    SimError::Config(format!("mDNS advertisement failed: {err}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_label_is_dns_safe() {
        assert_eq!(host_label("PROV_1A2B3C"), "prov-1a2b3c");
        assert_eq!(host_label(""), "esprov-sim");
    }

    #[test]
    fn txt_names_the_endpoints() {
        let txt = txt_records(2);
        assert!(txt.contains(&("session_endpoint", "/prov-session".into())));
        assert!(txt.contains(&("sec_ver", "2".into())));
        assert!(txt.contains(&("transport", "softap".into())));
    }
}
