//! The provisioning manager (ESP-IDF's `wifi_prov_mgr`) as a sans-IO state machine.
#![no_std]

extern crate alloc;
