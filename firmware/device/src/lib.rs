//! The provisioning manager (ESP-IDF's `wifi_prov_mgr`) as a sans-IO state machine.
//!
//! No sockets, clock or threads: the adapter passes requests, Wi-Fi results and the current
//! time in, and takes responses, events ([`Manager::poll_event`]) and deadlines
//! ([`Manager::next_deadline`]) out. The firmware and the virtual device share it.
#![no_std]

extern crate alloc;

// Fault switches exist for the virtual device's conformance tests only; firmware never gets them.
#[cfg(all(feature = "test-faults", target_os = "none"))]
compile_error!("the `test-faults` feature is for test devices on a host, never for firmware");

mod config;
pub mod console;
mod dispatch;
mod endpoints;
mod error;
mod event;
mod faults;
mod identity;
mod manager;
mod platform;
mod prov_config;
mod prov_ctrl;
mod prov_scan;
mod session;
mod state;
mod thread;
mod time;

pub use config::{Config, Networks, Security};
pub use endpoints::{CustomHandler, EndpointInfo, HandlerFailed};
pub use error::{ManagerError, RequestError};
pub use event::{Event, FailReason};
pub use faults::Fault;
#[cfg(feature = "test-faults")]
pub use faults::Faults;
pub use identity::{mac_name, Identity, IdentityChoice, IdentityError, SERVICE_KEY_LEN};
pub use manager::Manager;
pub use platform::{
    ApRecord, ConnectedInfo, CredentialStore, DisconnectReason, PlatformError, ScanParams,
    ScanStarted, WifiCredentials, WifiEvent, WifiStation,
};
pub use prov_config::{ConfigHints, MAX_PASSPHRASE_LEN, MAX_SSID_LEN};
pub use state::{ProvState, ThreadStatus, WifiStatus};
pub use thread::{
    AttachedInfo, ThreadDataset, ThreadEvent, ThreadFailReason, ThreadNetworkRecord, ThreadNode,
    ThreadScanParams, ThreadScanStarted,
};
pub use time::{
    Instant, CONNECT_DELAY_MS, DEFAULT_AUTOSTOP_TIMEOUT_MS, DEFAULT_CLEANUP_DELAY_MS,
    DEFAULT_THREAD_ATTACH_TIMEOUT_MS, MIN_CLEANUP_DELAY_MS,
};

/// The wire crate, re-exported so adapters use the same messages and endpoint names.
pub use esprov_proto;
