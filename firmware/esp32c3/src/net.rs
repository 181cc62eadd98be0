//! The two IP stacks: the station gets its address by DHCP, the SoftAP is 192.168.4.1/24.

use core::net::Ipv4Addr;

use embassy_executor::Spawner;
use embassy_net::{Config, Ipv4Cidr, Runner, Stack, StackResources, StaticConfigV4};
use esp_radio::wifi::Interface;
use static_cell::StaticCell;

/// The address clients of the provisioning AP expect (ESP-IDF's default AP netif).
pub const AP_ADDRESS: Ipv4Addr = Ipv4Addr::new(192, 168, 4, 1);

/// Handles on both stacks for the transports and the service.
pub struct Stacks {
    /// Station side: where the provisioned network's IP appears.
    pub station: Stack<'static>,
    /// SoftAP side: HTTP, DHCP server and mDNS listen here.
    pub access_point: Stack<'static>,
}

/// Creates both stacks and spawns their runners.
pub fn start(
    spawner: &Spawner,
    station: Interface,
    access_point: Interface,
    provisioned: bool,
) -> Stacks {
    static STA_RESOURCES: StaticCell<StackResources<3>> = StaticCell::new();
    static AP_RESOURCES: StaticCell<StackResources<6>> = StaticCell::new();
    let seed = u64::from(esp_hal::rng::Rng::new().random()) << 32
        | u64::from(esp_hal::rng::Rng::new().random());
    let sta_config = Config::dhcpv4(Default::default());
    let (sta, sta_runner) = embassy_net::new(
        station,
        sta_config,
        STA_RESOURCES.init(StackResources::new()),
        seed,
    );
    let ap_config = Config::ipv4_static(StaticConfigV4 {
        address: Ipv4Cidr::new(AP_ADDRESS, 24),
        gateway: Some(AP_ADDRESS),
        dns_servers: Default::default(),
    });
    let (ap, ap_runner) = embassy_net::new(
        access_point,
        ap_config,
        AP_RESOURCES.init(StackResources::new()),
        seed ^ 1,
    );
    crate::spawn(spawner, run(sta_runner), "net");
    if !provisioned {
        crate::spawn(spawner, run(ap_runner), "net");
    }
    Stacks {
        station: sta,
        access_point: ap,
    }
}

#[embassy_executor::task(pool_size = 2)]
async fn run(mut runner: Runner<'static, Interface>) {
    runner.run().await
}
