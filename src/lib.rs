//! esprov: provision Wi-Fi credentials onto ESP32 devices over ESP-IDF unified provisioning.
//!
//! Everything the `esprov` command line does is available here for Rust programs.

pub mod batch;
pub mod check;
pub mod contract;
pub mod device_text;
pub mod discover;
mod error;
pub mod factory;
pub mod policy;
pub mod provision;
mod reason;
pub mod secret_file;
pub mod session;
pub mod transport;

pub use error::{exit, Error};
pub use esprov_proto as proto;
pub use provision::{
    provision, ProvisionEvent, ProvisionOutcome, ProvisionRequest, WifiConfig, WifiStatus,
};
pub use reason::Reason;
pub use session::{Credentials, Secret, SecurityChoice, Session};
pub use transport::http::HttpTransport;
pub use transport::Transport;
