//! `esprov --version`: the version, the git commit it was built from, and its transports.

/// `esprov -V`: version and commit.
pub const SHORT: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("ESPROV_GIT_COMMIT"),
    ")"
);

/// `esprov --version`, with the Bluetooth stack this build talks to.
macro_rules! long {
    ($ble:literal) => {
        concat!(
            env!("CARGO_PKG_VERSION"),
            "\ncommit: ",
            env!("ESPROV_GIT_COMMIT"),
            "\ntransports: http (SoftAP or any IP network, mDNS), ble (",
            $ble,
            "), console (serial port, or relayed by hand)"
        )
    };
}

/// `esprov --version`: version, commit and the transports this build reaches devices over.
#[cfg(target_os = "linux")]
pub const LONG: &str = long!("BlueZ over D-Bus");
/// `esprov --version`: version, commit and the transports this build reaches devices over.
#[cfg(target_vendor = "apple")]
pub const LONG: &str = long!("CoreBluetooth");
/// `esprov --version`: version, commit and the transports this build reaches devices over.
#[cfg(target_os = "windows")]
pub const LONG: &str = long!("WinRT");
/// `esprov --version`: version, commit and the transports this build reaches devices over.
#[cfg(not(any(target_os = "linux", target_vendor = "apple", target_os = "windows")))]
pub const LONG: &str = long!("btleplug");
