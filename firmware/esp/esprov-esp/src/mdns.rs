//! mDNS on the SoftAP: `_esp_wifi_prov._tcp` on port 80, as ESP-IDF v3.3–v4.4 announced it.

use alloc::boxed::Box;
use alloc::string::String;
use core::net::Ipv6Addr;

use edge_mdns::buf::VecBufAccess;
use edge_mdns::domain::base::Ttl;
use edge_mdns::host::{Host, Service, ServiceAnswers};
use edge_mdns::io::{self, Mdns, IPV4_DEFAULT_SOCKET};
use edge_mdns::HostAnswersMdnsHandler;
use edge_nal::UdpSplit;
use edge_nal_embassy::{Udp, UdpBuffers};
use embassy_executor::Spawner;
use embassy_net::Stack;
use embassy_sync::blocking_mutex::raw::NoopRawMutex;
use embassy_sync::signal::Signal;
use esp_println::println;
use static_cell::StaticCell;

use crate::net::AP_ADDRESS;

/// TXT records ESP-IDF attached to the service.
const TXT: &[(&str, &str)] = &[
    ("version_endpoint", "/proto-ver"),
    ("session_endpoint", "/prov-session"),
    ("config_endpoint", "/prov-config"),
];

/// Spawns the responder; the host name is the service name in lower case.
pub fn start(spawner: &Spawner, stack: Stack<'static>, name: &str) -> Result<(), crate::Error> {
    let hostname: &'static str = Box::leak(String::from(name).to_lowercase().into_boxed_str());
    crate::spawn(spawner, run(stack, hostname), "mDNS")
}

#[embassy_executor::task]
async fn run(stack: Stack<'static>, hostname: &'static str) {
    crate::service::until_ended(respond(stack, hostname)).await;
}

async fn respond(stack: Stack<'static>, hostname: &'static str) {
    static BUFFERS: StaticCell<UdpBuffers<1, 1500, 1500, 2>> = StaticCell::new();
    let udp = Udp::new(stack, BUFFERS.init(UdpBuffers::new()));
    let mut socket = match io::bind(&udp, IPV4_DEFAULT_SOCKET, Some(AP_ADDRESS), None).await {
        Ok(s) => s,
        Err(e) => return println!("mDNS: bind failed: {e:?}"),
    };
    let (recv, send) = socket.split();
    let recv_buf = VecBufAccess::<NoopRawMutex, 1500>::new();
    let send_buf = VecBufAccess::<NoopRawMutex, 1500>::new();
    let signal = Signal::<NoopRawMutex, ()>::new();
    let mdns = Mdns::<_, _, _, _, _, NoopRawMutex>::new(
        Some(AP_ADDRESS),
        None,
        recv,
        send,
        recv_buf,
        send_buf,
        esp_hal::rng::Rng::new(),
        &signal,
    );
    let host = Host {
        hostname,
        ipv4: AP_ADDRESS,
        ipv6: Ipv6Addr::UNSPECIFIED,
        ttl: Ttl::from_secs(60),
    };
    let service = Service {
        name: "Wi-Fi Provisioning Service",
        priority: 1,
        weight: 5,
        service: "_esp_wifi_prov",
        protocol: "_tcp",
        port: 80,
        service_subtypes: &[],
        txt_kvs: TXT,
    };
    let handler = HostAnswersMdnsHandler::new(ServiceAnswers::new(&host, &service));
    if let Err(e) = mdns.run(handler).await {
        println!("mDNS stopped: {e:?}");
    }
}
