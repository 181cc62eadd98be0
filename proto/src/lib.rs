//! The wire protocol of ESP-IDF unified provisioning (protocomm), shared by every esprov component.
//!
//! `no_std` + `alloc` and sans-IO: the client, the virtual device and the firmware all use the
//! same messages, security schemes and models from here.
#![no_std]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod dataset;
pub mod endpoint;
mod error;
pub mod factory;
pub mod httpd;
pub mod qr;
pub mod security;
pub mod uuid;
pub mod version;

pub use error::Error;

/// Generated protobuf messages, exactly as `proto/*.proto` declares them.
#[allow(missing_docs, clippy::all, clippy::pedantic)]
pub mod messages {
    include!(concat!(env!("OUT_DIR"), "/_.rs"));
}
