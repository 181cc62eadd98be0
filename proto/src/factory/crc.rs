//! CRC-32 as ESP-IDF's `esp_rom_crc32_le` and zlib compute it, for factory-data integrity.

/// The reflected polynomial of CRC-32/ISO-HDLC.
const POLY: u32 = 0xedb8_8320;

/// One byte-at-a-time table, built at compile time so the chip pays no start-up cost.
const TABLE: [u32; 256] = table();

const fn table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut crc = i as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ POLY
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[i] = crc;
        i += 1;
    }
    table
}

/// CRC-32/ISO-HDLC of `bytes` (initial value and final XOR 0xFFFFFFFF).
pub fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |crc, &byte| {
        let index = usize::from((crc as u8) ^ byte);
        (crc >> 8) ^ TABLE.get(index).copied().unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::crc32;

    #[test]
    fn matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b""), 0);
    }
}
