//! A fake BlueZ for running btleplug's real Linux code path without a radio: a private
//! `dbus-daemon` and the `org.bluez` tree served over it from esprov-sim's GATT model.
#![allow(dead_code)]

mod bluez;
mod daemon;

#[allow(unused_imports)]
pub use bluez::{AdapterSetup, FakeBluez, FakeDevice, World, ADAPTER};
pub use daemon::DbusDaemon;
