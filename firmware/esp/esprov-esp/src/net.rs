//! The two IP stacks: the station gets its address by DHCP, the SoftAP is 192.168.4.1/24 and
//! runs only while the SoftAP scheme provisions.

use core::net::Ipv4Addr;

use embassy_executor::Spawner;
use embassy_net::{Config, Ipv4Cidr, Runner, Stack, StackResources, StaticConfigV4};
use esp_radio::wifi::Interface;
use static_cell::StaticCell;

use crate::Error;

/// The address clients of the provisioning AP expect (ESP-IDF's default AP netif).
pub const AP_ADDRESS: Ipv4Addr = Ipv4Addr::new(192, 168, 4, 1);

/// Handles on both stacks for the transports and the service.
pub struct Stacks {
    /// Station side: where the provisioned network's IP appears.
    pub station: Stack<'static>,
    /// SoftAP side: HTTP, DHCP server and mDNS listen here.
    pub access_point: Stack<'static>,
    /// The SoftAP stack's runner until the SoftAP scheme starts it.
    access_point_runner: Option<Runner<'static, Interface>>,
}

/// Creates both stacks and runs the station's.
pub fn start(
    spawner: &Spawner,
    station: Interface,
    access_point: Interface,
) -> Result<Stacks, Error> {
    static STA_RESOURCES: StaticCell<StackResources<3>> = StaticCell::new();
    static AP_RESOURCES: StaticCell<StackResources<6>> = StaticCell::new();
    let rng = esp_hal::rng::Rng::new();
    let seed = u64::from(rng.random()) << 32 | u64::from(rng.random());
    let (sta, sta_runner) = embassy_net::new(
        station,
        Config::dhcpv4(Default::default()),
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
    crate::spawn(spawner, run(sta_runner), "station net")?;
    Ok(Stacks {
        station: sta,
        access_point: ap,
        access_point_runner: Some(ap_runner),
    })
}

/// Runs the SoftAP's stack (once; later calls do nothing).
#[cfg(feature = "softap")]
pub fn start_access_point(spawner: &Spawner, stacks: &mut Stacks) -> Result<(), Error> {
    match stacks.access_point_runner.take() {
        Some(runner) => crate::spawn(spawner, run(runner), "SoftAP net"),
        None => Ok(()),
    }
}

#[embassy_executor::task(pool_size = 2)]
async fn run(mut runner: Runner<'static, Interface>) {
    runner.run().await
}
