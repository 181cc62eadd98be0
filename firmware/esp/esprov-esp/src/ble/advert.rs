//! Advertising data as ESP-IDF's NimBLE scheme sends it: flags + the 128-bit service UUID in the
//! advertisement, the complete name in the scan response.

use trouble_host::prelude::*;

/// Encoded advertisement and scan response.
pub struct Advert {
    adv: [u8; 31],
    adv_len: usize,
    scan: [u8; 31],
    scan_len: usize,
}

impl Advert {
    /// Builds both payloads; a name too long for 31 bytes is cut (config checks prevent that).
    pub fn new(service_le: [u8; 16], name: &str) -> Self {
        let mut advert = Advert {
            adv: [0; 31],
            adv_len: 0,
            scan: [0; 31],
            scan_len: 0,
        };
        let uuids = [service_le];
        let flags = [
            AdStructure::Flags(LE_GENERAL_DISCOVERABLE | BR_EDR_NOT_SUPPORTED),
            AdStructure::CompleteServiceUuids128(&uuids),
        ];
        advert.adv_len = AdStructure::encode_slice(&flags, &mut advert.adv).unwrap_or(0);
        let name = &name.as_bytes()[..name.len().min(29)];
        advert.scan_len =
            AdStructure::encode_slice(&[AdStructure::CompleteLocalName(name)], &mut advert.scan)
                .unwrap_or(0);
        advert
    }

    /// The connectable advertisement referencing both payloads.
    pub fn advertisement(&self) -> Advertisement<'_> {
        Advertisement::ConnectableScannableUndirected {
            adv_data: &self.adv[..self.adv_len],
            scan_data: &self.scan[..self.scan_len],
        }
    }
}
