//! The SoftAP transport: protocomm over HTTP on port 80, with ESP-IDF's session rules.

mod request;
mod server;

pub use server::start;
