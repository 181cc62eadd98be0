//! Reading a secret (PoP, password, passphrase, dataset) from a file or stdin, with a small cap:
//! a secret is at most a few hundred bytes, so a wrong path (a disk image, /dev/zero) fails at
//! once instead of filling memory.

use std::io::{self, Read};

use zeroize::Zeroizing;

use crate::session::Secret;

/// The most bytes a secret file may hold (a Thread dataset in hex, the longest secret, is about
/// 510 bytes; a Wi-Fi passphrase at most 64).
pub const MAX_SECRET_FILE_LEN: usize = 4096;

/// Reads one secret from `reader`, dropping one trailing `\n` or `\r\n`; more than
/// [`MAX_SECRET_FILE_LEN`] bytes is an error (`InvalidData`).
pub fn read_secret(reader: impl Read) -> io::Result<Secret> {
    let mut bytes = Zeroizing::new(Vec::new());
    reader
        .take(MAX_SECRET_FILE_LEN as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_SECRET_FILE_LEN {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("more than {MAX_SECRET_FILE_LEN} bytes, too long for a secret"),
        ));
    }
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
    Ok(Secret::new(bytes.as_slice()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_break_is_dropped() {
        assert_eq!(read_secret(&b"pw\r\n"[..]).unwrap().expose(), b"pw");
        assert_eq!(read_secret(&b"pw\n\n"[..]).unwrap().expose(), b"pw\n");
    }

    #[test]
    fn an_endless_source_stops_at_the_cap() {
        let error = read_secret(io::repeat(b'z')).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        let exact = vec![b'a'; MAX_SECRET_FILE_LEN];
        assert_eq!(
            read_secret(exact.as_slice()).unwrap().expose().len(),
            MAX_SECRET_FILE_LEN
        );
    }
}
