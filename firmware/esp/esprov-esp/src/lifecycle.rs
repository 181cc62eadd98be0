//! The shipped firmware's whole life in one call, for applications that do nothing before
//! their network is up (the examples): ESP-IDF's example `app_main` flow.

use embassy_time::{Duration, Timer};
use esp_println::println;

use crate::{Config, Error, Parts, Provisioning};

/// The shipped firmware's life cycle: join the stored network, or provision one first
/// (`init`, `start`, `wait`), then wait for the station's IP configuration. Returns the
/// handle with the network up. When provisioning cannot run (no factory data in a release
/// build, a bad configuration) it logs why and idles: the log line is the diagnosis.
pub async fn provision_or_connect(
    spawner: embassy_executor::Spawner,
    parts: Parts,
    config: Config,
) -> Provisioning {
    let mut provisioning = match crate::init(spawner, parts, config).await {
        Ok(provisioning) => provisioning,
        Err(e) => halt(e).await,
    };
    if provisioning.is_provisioned().await {
        println!("Already provisioned: connecting to the stored network");
        provisioning.connect_stored().await;
    } else if let Err(e) = provisioning.start().await {
        halt(e).await
    } else {
        provisioning.wait().await;
    }
    provisioning.station().wait_config_up().await;
    provisioning
}

/// Says why provisioning cannot run, and idles (the log line is the diagnosis).
async fn halt(e: Error) -> ! {
    println!("esprov: {e}");
    idle().await
}

/// Sleeps forever, for a `main` whose work is done in tasks (or not yet written).
pub async fn idle() -> ! {
    loop {
        Timer::after(Duration::from_secs(3600)).await;
    }
}
