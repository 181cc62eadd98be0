//! The one provisioning manager (esprov-device) and the narrow door every transport uses:
//! open/close a session, hand a request over, get the response bytes or a refusal.

mod run;

use alloc::string::String;
use alloc::vec::Vec;

use embassy_sync::blocking_mutex::raw::CriticalSectionRawMutex;
use embassy_sync::mutex::Mutex;
use embassy_sync::pubsub::PubSubChannel;
use embassy_sync::signal::Signal;
use embassy_sync::watch::Watch;
use esp_hal::rng::Trng;
use esp_println::println;
use esprov_device::{EndpointInfo, Event, Instant, Manager};

use crate::store::FlashStore;
use crate::wifi::Station;

pub use run::{connect_stored, run};

/// The manager over the ESP32 platform pieces.
pub type Device = Manager<Station, FlashStore, Trng>;

/// Subscribers [`EVENTS`] can have at once.
pub const EVENT_SUBSCRIBERS: usize = 4;
/// Events a slow subscriber may fall behind before it sees a lag notice.
pub const EVENT_DEPTH: usize = 8;

/// The manager; an async mutex, so a long handshake never masks interrupts.
static DEVICE: Mutex<CriticalSectionRawMutex, Option<Device>> = Mutex::new(None);
/// Wakes the service loop after a request may have armed a new deadline.
pub(crate) static WAKE: Signal<CriticalSectionRawMutex, ()> = Signal::new();
/// Becomes true when provisioning ended: transports shut down and free their memory.
pub(crate) static ENDED: Watch<CriticalSectionRawMutex, bool, 8> = Watch::new_with(false);
/// The manager's events for the application (ESP-IDF's `WIFI_PROV_EVENT`).
pub(crate) static EVENTS: PubSubChannel<
    CriticalSectionRawMutex,
    Event,
    EVENT_DEPTH,
    EVENT_SUBSCRIBERS,
    1,
> = PubSubChannel::new();

/// The manager's clock: milliseconds since boot.
pub fn now() -> Instant {
    Instant(embassy_time::Instant::now().as_millis())
}

/// Installs the manager; false if one is installed already.
pub async fn install(manager: Device) -> bool {
    let mut slot = DEVICE.lock().await;
    if slot.is_some() {
        return false;
    }
    *slot = Some(manager);
    drop(slot);
    publish_events().await;
    true
}

/// Removes the manager after `deinit`; its keys and endpoint table are dropped.
pub async fn uninstall() {
    with(|device| device.deinit()).await;
    publish_events().await;
    *DEVICE.lock().await = None;
}

/// Runs `f` on the manager; `None` before `init` or after `deinit`.
pub async fn try_with<T>(f: impl FnOnce(&mut Device) -> T) -> Option<T> {
    DEVICE.lock().await.as_mut().map(f)
}

/// Runs `f` on the manager (the default value before `init`).
pub async fn with<T: Default>(f: impl FnOnce(&mut Device) -> T) -> T {
    try_with(f).await.unwrap_or_default()
}

/// Like [`with`], for transports: the loop then rechecks deadlines the call may have armed.
async fn with_wake<T: Default>(f: impl FnOnce(&mut Device) -> T) -> T {
    let result = with(f).await;
    WAKE.signal(());
    result
}

/// A transport session began (BLE connection, new HTTP cookie, new console session id).
pub async fn open(session: u32) {
    with_wake(|device| device.session_open(session)).await;
}

/// A transport session ended; its keys are dropped.
pub async fn close(session: u32) {
    with_wake(|device| device.session_close(session)).await;
}

/// Whether the endpoint exists now (HTTP answers 404 otherwise).
pub async fn has_endpoint(endpoint: &str) -> bool {
    with(|device| device.has_endpoint(endpoint)).await
}

/// One request; `None` means the transport must fail it the ESP-IDF way.
pub async fn handle(endpoint: &str, session: u32, request: &[u8]) -> Option<Vec<u8>> {
    with_wake(
        |device| match device.handle(now(), endpoint, session, request) {
            Ok(response) => Some(response),
            Err(e) => {
                println!("{endpoint}: request refused: {e}");
                None
            }
        },
    )
    .await
}

/// The endpoint table for the GATT server, names with their 16-bit BLE ids.
pub async fn endpoints() -> Vec<(String, u16)> {
    with(|device| {
        device
            .endpoints()
            .map(|e: &EndpointInfo| (String::from(e.endpoint.name()), e.ble_id))
            .collect()
    })
    .await
}

/// Runs a transport until provisioning ends; then the future (and its buffers) is dropped.
pub async fn until_ended(transport: impl core::future::Future<Output = ()>) {
    let Some(mut ended) = ENDED.receiver() else {
        return println!("no end-of-provisioning receiver left; transport not started");
    };
    let _ = embassy_futures::select::select(ended.changed_and(|done| *done), transport).await;
}

/// Forgets the stored network (BOOT long press); the next boot provisions again.
pub async fn erase_credentials() {
    with(|device| device.store_mut().wipe()).await;
}

/// Hands the manager's queued events to subscribers and acts on the end of provisioning.
pub async fn publish_events() {
    while let Some(event) = with(|device| device.poll_event()).await {
        run::log_event(&event);
        if event == Event::End {
            run::end_provisioning();
        }
        EVENTS.immediate_publisher().publish_immediate(event);
    }
}
