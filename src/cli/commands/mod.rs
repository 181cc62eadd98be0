//! One file per command family; each returns `Result<(), Error>` or an exit code.

pub mod check;
pub mod creds;
pub mod discover;
pub mod esp_prov;
pub mod info;
pub mod ops;
pub mod provision;
pub mod provision_thread;
pub mod sim;
