//! A DHCP server on the SoftAP, so a phone or laptop joining it gets an address.

use edge_dhcp::io::server::run as serve;
use edge_dhcp::server::{Server, ServerOptions};
use edge_nal::UdpBind;
use edge_nal_embassy::{Udp, UdpBuffers};
use embassy_executor::Spawner;
use embassy_net::Stack;
use esp_println::println;
use static_cell::StaticCell;

use crate::net::AP_ADDRESS;

/// Spawns the DHCP server task on the AP stack.
pub fn start(spawner: &Spawner, stack: Stack<'static>) -> Result<(), crate::Error> {
    crate::spawn(spawner, run(stack), "DHCP server")
}

#[embassy_executor::task]
async fn run(stack: Stack<'static>) {
    crate::service::until_ended(serve_leases(stack)).await;
}

async fn serve_leases(stack: Stack<'static>) {
    static BUFFERS: StaticCell<UdpBuffers<1, 1024, 1024, 4>> = StaticCell::new();
    let buffers = BUFFERS.init(UdpBuffers::new());
    let udp = Udp::new(stack, buffers);
    let bind = core::net::SocketAddr::new(
        core::net::Ipv4Addr::UNSPECIFIED.into(),
        edge_dhcp::io::DEFAULT_SERVER_PORT,
    );
    let mut socket = match udp.bind(bind).await {
        Ok(s) => s,
        Err(e) => return println!("DHCP server: bind failed: {e:?}"),
    };
    let mut gateway = [AP_ADDRESS];
    let options = ServerOptions::new(AP_ADDRESS, Some(&mut gateway));
    let mut server = Server::<_, 8>::new(|| embassy_time::Instant::now().as_secs(), AP_ADDRESS);
    let mut buffer = [0u8; 1024];
    loop {
        if let Err(e) = serve(&mut server, &options, &mut socket, &mut buffer).await {
            println!("DHCP server error: {e:?}");
            embassy_time::Timer::after_secs(1).await;
        }
    }
}
