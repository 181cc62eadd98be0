//! The credential store: one record on the `esprov` flash partition, kept by sequential-storage
//! so a power cut during a write leaves either the old or the new record, never a torn one.

use alloc::vec::Vec;

use embassy_embedded_hal::adapter::BlockingAsync;
use embassy_futures::block_on;
use esp_println::println;
use esp_storage::FlashStorage;
use esprov_device::{CredentialStore, PlatformError, WifiCredentials};
use sequential_storage::cache::{Cache, Uncached};
use sequential_storage::map::{MapConfig, MapStorage};

use crate::{partition, Error};

/// The label of the credential store's partition in `partitions.csv`.
pub const PARTITION: &str = "esprov";

/// Key of the SSID record.
const SSID_KEY: u8 = 1;
/// Key of the passphrase record (written before the SSID, so an SSID never lacks one).
const PASSPHRASE_KEY: u8 = 2;
/// Largest record plus key, rounded to flash words: SSID 32 + passphrase 64 + framing.
const BUFFER: usize = 256;

type Map =
    MapStorage<u8, BlockingAsync<FlashStorage<'static>>, Cache<Uncached, Uncached, Uncached, u8>>;

/// Station credentials on flash, so a provisioned device reconnects after reset.
pub struct FlashStore {
    map: Map,
}

impl FlashStore {
    /// Opens the store on the partition labelled [`PARTITION`].
    pub fn open(mut flash: FlashStorage<'static>) -> Result<Self, Error> {
        let (offset, size) = partition::find(&mut flash, PARTITION)?;
        let flash = BlockingAsync::new(flash);
        Ok(FlashStore {
            map: MapStorage::new(
                flash,
                MapConfig::new(offset..offset + size),
                Cache::new_uncached(),
            ),
        })
    }

    /// One stored record, if any; a damaged partition reads as empty.
    fn get(&mut self, key: u8) -> Option<Vec<u8>> {
        let mut buffer = [0u8; BUFFER];
        match block_on(self.map.fetch_item::<&[u8]>(&mut buffer, &key)) {
            Ok(found) => found.map(<[u8]>::to_vec),
            Err(e) => {
                println!("credential store unreadable ({e:?}); treating as empty");
                None
            }
        }
    }

    /// Replaces one record; returns false when flash refused the write.
    fn put(&mut self, key: u8, record: &[u8]) -> bool {
        let mut buffer = [0u8; BUFFER];
        let result = block_on(self.map.store_item(&mut buffer, &key, &record));
        if let Err(e) = &result {
            println!("credential store write failed: {e:?}");
        }
        result.is_ok()
    }

    /// Forgets the credentials (BOOT held at reset, or a reset request from the manager).
    pub fn wipe(&mut self) -> bool {
        let mut buffer = [0u8; BUFFER];
        let result = block_on(self.map.remove_all_items(&mut buffer));
        if let Err(e) = &result {
            println!("credential store erase failed: {e:?}");
        }
        result.is_ok()
    }

    /// The stored credentials, read without the manager (boot path).
    pub fn credentials(&mut self) -> Option<WifiCredentials> {
        let ssid = self.get(SSID_KEY).filter(|s| !s.is_empty())?;
        let passphrase = self.get(PASSPHRASE_KEY).unwrap_or_default();
        Some(WifiCredentials { ssid, passphrase })
    }
}

impl CredentialStore for FlashStore {
    fn load(&mut self) -> Result<Option<WifiCredentials>, PlatformError> {
        Ok(self.credentials())
    }

    fn save(&mut self, credentials: &WifiCredentials) -> Result<(), PlatformError> {
        let ok = self.put(PASSPHRASE_KEY, &credentials.passphrase)
            && self.put(SSID_KEY, &credentials.ssid);
        ok.then_some(()).ok_or(PlatformError("flash write failed"))
    }

    fn erase(&mut self) -> Result<(), PlatformError> {
        self.wipe()
            .then_some(())
            .ok_or(PlatformError("flash erase failed"))
    }
}
