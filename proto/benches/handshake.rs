//! Handshake benchmarks (being written).
fn main() {}
