//! Time as a value: the manager never reads a clock, the adapter passes `now` in.

/// A point in time in milliseconds since an epoch the adapter chooses (boot, process start).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Instant(pub u64);

impl Instant {
    /// The instant `ms` milliseconds later, saturating instead of wrapping.
    pub fn plus_ms(self, ms: u64) -> Instant {
        Instant(self.0.saturating_add(ms))
    }

    /// Milliseconds since the adapter's epoch.
    pub fn as_millis(self) -> u64 {
        self.0
    }
}

/// Delay from ApplyConfig to the Wi-Fi connect, so the response leaves first (ESP-IDF v4.1+).
pub const CONNECT_DELAY_MS: u64 = 1000;
/// Default delay between the decision to stop and the cleanup (`cleanup_delay`).
pub const DEFAULT_CLEANUP_DELAY_MS: u64 = 1000;
/// Smallest cleanup delay ESP-IDF accepts.
pub const MIN_CLEANUP_DELAY_MS: u64 = 100;
/// Default auto-stop timeout after success without a GetStatus (CONFIG_WIFI_PROV_AUTOSTOP_TIMEOUT).
pub const DEFAULT_AUTOSTOP_TIMEOUT_MS: u64 = 30_000;
/// How long a Thread attach may take before ThreadNetworkNotFound (the thread_prov example's
/// timeout order of magnitude; the application may change it).
pub const DEFAULT_THREAD_ATTACH_TIMEOUT_MS: u64 = 30_000;
