//! The ESP-IDF examples' shared secrets, for a bench board without factory data. Compiled only
//! with the `demo` feature: a device built with them can be provisioned by anyone nearby.

use alloc::string::String;
use alloc::vec::Vec;

use esprov_device::esprov_proto::qr::QrSecret;
use esprov_device::Security;

use crate::Error;

/// The examples' PoP and security 2 password.
const SECRET: &str = "abcd1234";
/// The examples' security 2 username.
const USERNAME: &str = "wifiprov";
/// Salt for `wifiprov`/`abcd1234`, made once with `esprov sec2-creds` (the chip never derives
/// a verifier: that modexp takes seconds there).
const SALT: &str = "a67b103c566f5fe2a8d53ec0986c12fb";
/// The matching verifier.
const VERIFIER: &str = concat!(
    "dcd54f5659ff2b019242d48d30b64b06ec6359f00c67c135b9b244f5eb9f0f77",
    "19ab36248d6641db179cbfa168791bd5ce43d35293a7ccd6194b41273816efd0",
    "31ecfc2933158b6a1cdeb8b357870fd67f2a3f383c2d775dd876479963cc5a6d",
    "3769f6df3bf533204f555e20c8dd73b84154322c5f12f90cc28054ab2590dc4e",
    "f7fed05a9abda52d7c82af8c75fbe3fe23ce00c131d77116e94319b6a7f2816a",
    "58f0a20c77c2a92154ce901dacc17f0f63dfde479950c7436a6d6d67f25bccb0",
    "b08600ed9c4ba632657c9e481fd8a2aecb525e8abc5306fa1df42b246038ce89",
    "b481dc858ebe724b50c416d1c14119d51fc61b2cc2bdd2492750f7f7388c8894",
    "abbf737683e9877577528ae26eb3a556aa0cc7da06813d68200cf0c76cf05f90",
    "dd58a2effd12e38275c1c0d492e71510bd12d3bd3e5b62f6d7b9c3341b42b87f",
    "1dc702f1493de5cdca11d378dd15a97885ada0be3a207ad8ae485638ce6331cc",
    "17bd46f8d2d85c0822328c82c0f71fee4db369cff9e6a90f37a52b6fcfdcff2a",
);

/// The demo security `level` (1 or 2) and what its QR payload shows.
pub fn security(level: u8) -> Result<(Security, Option<QrSecret>), Error> {
    match level {
        1 => Ok((
            Security::Sec1 {
                pop: Some(SECRET.as_bytes().to_vec()),
            },
            Some(QrSecret::Pop(String::from(SECRET))),
        )),
        2 => Ok((
            Security::Sec2 {
                salt: hex(SALT),
                verifier: hex(VERIFIER),
            },
            Some(QrSecret::Srp {
                username: String::from(USERNAME),
                password: String::from(SECRET),
            }),
        )),
        _ => Err(Error::Config("demo security must be 1 or 2")),
    }
}

/// The constants above as bytes (they are checked hex: an error would show as a failed handshake).
fn hex(text: &str) -> Vec<u8> {
    hex::decode(text).unwrap_or_default()
}
