//! Wi-Fi provisioning for esp-hal + embassy applications: ESP-IDF's `wifi_prov_mgr` in Rust.
//!
//! A phone app, `esp_prov.py` or `esprov` hands the device its network credentials over BLE,
//! a SoftAP or the serial console, with protocomm security 0, 1 or 2. This crate is platform
//! glue only: every protocol rule lives in `esprov-device` (the manager as a sans-IO state
//! machine) and `esprov-proto` (the wire).
//!
//! An application that lets the library bring the chip up needs a few lines (the examples
//! are these plus one scheme-specific line):
//!
//! ```ignore
//! #[esp_rtos::main]
//! async fn main(spawner: Spawner) -> ! {
//!     esprov_esp::boot!(p); // esp-hal, heap, embassy runtime; `p` holds the peripherals
//!     let parts = esprov_esp::parts!(p).with_bt(p.BT);
//!     let prov = esprov_esp::provision_or_connect(spawner, parts, Config::new(Scheme::Ble)).await;
//!     let network = prov.station(); // the application's network from here on
//!     esprov_esp::idle().await
//! }
//! ```
//!
//! An application with its own bring-up drives the life cycle itself:
//!
//! ```ignore
//! let mut prov = esprov_esp::init(spawner, parts, esprov_esp::Config::default()).await?;
//! if !prov.is_provisioned().await {
//!     prov.start().await?;
//!     prov.wait().await;
//! } else {
//!     prov.connect_stored().await;
//! }
//! prov.station().wait_config_up().await; // the application's network from here on
//! ```
//!
//! The life cycle mirrors ESP-IDF: [`init`], [`Provisioning::is_provisioned`],
//! [`Provisioning::start`], [`Provisioning::wait`], [`Provisioning::stop`],
//! [`Provisioning::disable_auto_stop`], [`Provisioning::deinit`]; events come from
//! [`Provisioning::events`]. Per-device secrets come from the factory-data partition
//! (see [`Credentials`]); a build without the `demo` feature never uses shared ones.
#![no_std]
#![warn(missing_docs)]
// A build with some schemes left out does not use every helper; the full build (CI's clippy
// over the whole workspace) still reports real dead code.
#![cfg_attr(
    not(all(feature = "ble", feature = "softap", feature = "console")),
    allow(dead_code)
)]

extern crate alloc;

#[cfg(feature = "ble")]
mod ble;
pub mod boot;
mod button;
mod config;
#[cfg(feature = "console")]
mod console;
#[cfg(feature = "demo")]
mod demo;
#[cfg(feature = "softap")]
mod dhcp;
mod error;
mod factory;
#[cfg(feature = "softap")]
mod http;
mod identity;
mod lifecycle;
#[cfg(feature = "softap")]
mod mdns;
mod net;
#[cfg(feature = "panic-handler")]
mod panic;
mod partition;
mod parts;
mod provisioning;
mod qr;
mod service;
mod store;
mod wifi;

pub use config::{AppInfo, Config, Credentials, Scheme, DEFAULT_SERVICE_UUID};
pub use error::Error;
pub use esprov_device::esprov_proto::qr::QrSecret;
pub use esprov_device::{CustomHandler, Event, FailReason, HandlerFailed, Security};
pub use factory::PARTITION as FACTORY_PARTITION;
pub use lifecycle::{idle, provision_or_connect};
pub use parts::ConsolePort;
pub use parts::Parts;
pub use provisioning::{events, init, EventReceiver, Provisioning};
pub use store::PARTITION as STORE_PARTITION;

#[cfg(not(any(feature = "esp32c3", feature = "esp32c6")))]
compile_error!("esprov-esp: enable exactly one chip feature: esp32c3 or esp32c6");
#[cfg(all(feature = "esp32c3", feature = "esp32c6"))]
compile_error!("esprov-esp: the esp32c3 and esp32c6 features exclude each other");

/// Spawns one of the library's tasks; a full pool (a second `start`) is an error, not a panic.
pub(crate) fn spawn<S>(
    spawner: &embassy_executor::Spawner,
    task: Result<embassy_executor::SpawnToken<S>, embassy_executor::SpawnError>,
    what: &'static str,
) -> Result<(), Error> {
    let token = task.map_err(|_| Error::Spawn(what))?;
    spawner.spawn(token);
    Ok(())
}
