//! SRP-6a as protocomm Security 2 uses it: RFC 5054 3072-bit group, g = 5, SHA-512, with the
//! exact padding rules of PROTOCOL.md §2.3.

use alloc::vec;
use alloc::vec::Vec;

use rand_core::CryptoRngCore;
use sha2::{Digest, Sha512};
use zeroize::Zeroizing;

use super::bigint::{self, Int};
use super::SaltMode;
use crate::Error;

/// Size of N, and of every padded group element, in bytes.
pub const GROUP_BYTES: usize = 384;
/// Size of an SHA-512 digest: K, M and HAMK.
pub const DIGEST_BYTES: usize = 64;
/// The generator g of the group.
pub const G: u8 = 5;
/// Length of the random private exponents a and b (256 bits, as esp_prov and ESP-IDF use).
const SECRET_BYTES: usize = 32;

/// Longest username a device accepts (ESP-IDF keeps its length in 16 bits).
const MAX_USERNAME_BYTES: usize = 0xffff;

/// A 64-byte SHA-512 digest.
pub type Digest64 = [u8; DIGEST_BYTES];

/// The RFC 5054 3072-bit prime N, big-endian.
pub const N: [u8; GROUP_BYTES] = hex_bytes(concat!(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74",
    "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437",
    "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED",
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05",
    "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB",
    "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B",
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718",
    "3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33",
    "A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7",
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864",
    "D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2",
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
));

/// Decodes a hex constant at compile time.
const fn hex_bytes<const LEN: usize>(text: &str) -> [u8; LEN] {
    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            _ => panic!("not a hex digit"),
        }
    }
    let text = text.as_bytes();
    assert!(text.len() == LEN * 2, "hex constant of the wrong length");
    let mut out = [0u8; LEN];
    let mut i = 0;
    while i < LEN {
        out[i] = (nibble(text[2 * i]) << 4) | nibble(text[2 * i + 1]);
        i += 1;
    }
    out
}

/// SHA-512 over the concatenation of `parts`.
pub fn hash(parts: &[&[u8]]) -> Digest64 {
    let mut hasher = Sha512::new();
    parts.iter().for_each(|part| hasher.update(part));
    hasher.finalize().into()
}

/// g left-padded to the group size, `PAD(g)`.
fn padded_g() -> Vec<u8> {
    let mut out = vec![0u8; GROUP_BYTES];
    if let Some(last) = out.last_mut() {
        *last = G;
    }
    out
}

/// The multiplier k = H(N ‖ PAD(g)).
pub fn k() -> Digest64 {
    hash(&[&N, &padded_g()])
}

/// The first component of M: H(N) XOR H(PAD(g)).
pub fn hn_xor_hg() -> Digest64 {
    let mut out = hash(&[&N]);
    out.iter_mut()
        .zip(hash(&[&padded_g()]))
        .for_each(|(o, g)| *o ^= g);
    out
}

/// The inner digest H(I ‖ ":" ‖ p) that x is built from.
pub fn inner_digest(username: &[u8], password: &[u8]) -> Zeroizing<Digest64> {
    Zeroizing::new(hash(&[username, b":", password]))
}

/// Drops leading zero bytes, as a round trip through an integer does.
fn strip(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

/// The private key x = H(s ‖ H(I ‖ ":" ‖ p)), in the convention `mode` names.
pub fn x(salt: &[u8], username: &[u8], password: &[u8], mode: SaltMode) -> Zeroizing<Digest64> {
    let inner = inner_digest(username, password);
    Zeroizing::new(match mode {
        SaltMode::Full => hash(&[salt, inner.as_slice()]),
        SaltMode::StripLeadingZeros => hash(&[strip(salt), strip(inner.as_slice())]),
    })
}

/// The verifier v = g^x mod N, padded to 384 bytes.
pub fn verifier(x: &Digest64) -> Vec<u8> {
    let v = bigint::pow_g(&bigint::from_be(x));
    bigint::pad(&v).unwrap_or_default()
}

/// One `base ^ exponent mod N`, exposed so benchmarks and tests can time and check it.
pub fn mod_exp(base: &[u8], exponent: &[u8]) -> Vec<u8> {
    let base = bigint::reduce(&bigint::from_be(base));
    bigint::minimal(&bigint::pow_mod(&base, &bigint::from_be(exponent)))
}

/// Creates a salt and verifier for a device, as `esp_prov --sec2_gen_cred` (StripLeadingZeros)
/// or ESP-IDF's `esp_srp_gen_salt_verifier` (Full) would; the salt never starts with 0x00,
/// because such salts break esp_prov and Android interop.
pub fn generate_salt_verifier(
    username: &[u8],
    password: &[u8],
    salt_len: usize,
    rng: &mut dyn CryptoRngCore,
    mode: SaltMode,
) -> (Vec<u8>, Vec<u8>) {
    let mut salt = vec![0u8; salt_len];
    rng.fill_bytes(&mut salt);
    while salt.first() == Some(&0) {
        rng.fill_bytes(salt.get_mut(..1).unwrap_or_default());
    }
    let verifier = verifier(&x(&salt, username, password, mode));
    (salt, verifier)
}

/// Draws a 256-bit private exponent with its top bit set.
fn random_secret(rng: &mut dyn CryptoRngCore) -> Zeroizing<[u8; SECRET_BYTES]> {
    let mut secret = Zeroizing::new([0u8; SECRET_BYTES]);
    rng.fill_bytes(secret.as_mut());
    secret[0] |= 0x80;
    secret
}

/// u = H(PAD(A) ‖ PAD(B)), refusing u == 0 (RFC 5054).
fn scrambler(a_padded: &[u8], b: &Int) -> Result<Digest64, Error> {
    let u = hash(&[a_padded, &bigint::pad(b)?]);
    if u.iter().all(|&byte| byte == 0) {
        return Err(Error::InvalidParameter(
            "SRP scrambling parameter u is zero",
        ));
    }
    Ok(u)
}

/// What both sides derive from one handshake: K, the client proof M and the device proof HAMK.
pub(crate) struct SessionProofs {
    /// The 64-byte session key K = H(bytes(S)).
    pub key: Zeroizing<Digest64>,
    /// The client proof M.
    pub client_proof: Digest64,
    /// The device proof HAMK = H(A ‖ M ‖ K).
    pub device_proof: Digest64,
}

impl SessionProofs {
    /// Computes K, M and HAMK from S and the values exactly as they travelled.
    fn new(s: &Int, username: &[u8], salt: &[u8], a_wire: &[u8], b_wire: &[u8]) -> Self {
        let key = Zeroizing::new(hash(&[&Zeroizing::new(bigint::minimal(s))]));
        let client_proof = hash(&[
            &hn_xor_hg(),
            &hash(&[username]),
            salt,
            a_wire,
            b_wire,
            key.as_slice(),
        ]);
        let device_proof = hash(&[a_wire, &client_proof, key.as_slice()]);
        Self {
            key,
            client_proof,
            device_proof,
        }
    }
}

/// The client's ephemeral key pair: a and A, with A padded to 384 bytes as it is sent.
pub(crate) struct ClientKeyPair {
    a: Zeroizing<[u8; SECRET_BYTES]>,
    /// PAD(A), exactly as sent in `client_pubkey`.
    pub public: Vec<u8>,
}

impl ClientKeyPair {
    /// Draws a and computes A = g^a mod N.
    pub fn generate(rng: &mut dyn CryptoRngCore) -> Self {
        let a = random_secret(rng);
        let public = bigint::pow_g(&bigint::from_be(a.as_slice()));
        Self {
            a,
            public: bigint::pad(&public).unwrap_or_default(),
        }
    }

    /// Derives the session from the device's B and salt: S = (B − k·g^x)^(a + u·x).
    pub fn session(
        &self,
        credentials: (&[u8], &[u8]),
        salt: &[u8],
        b_wire: &[u8],
        mode: SaltMode,
    ) -> Result<SessionProofs, Error> {
        let (username, password) = credentials;
        let b = bigint::from_be(b_wire);
        if bigint::is_zero(&bigint::reduce(&b)) {
            return Err(Error::InvalidParameter(
                "SRP device public value B mod N is zero",
            ));
        }
        let u = bigint::from_be(&scrambler(&self.public, &b)?);
        let x = bigint::from_be(x(salt, username, password, mode).as_slice());
        let k = bigint::from_be(&k());
        let kgx = bigint::mul_mod(&k, &bigint::pow_g(&x));
        let base = bigint::sub_mod(&b, &kgx);
        let exponent = bigint::mul_add(&u, &x, &bigint::from_be(self.a.as_slice()));
        let s = bigint::pow_mod(&base, &exponent);
        Ok(SessionProofs::new(&s, username, salt, &self.public, b_wire))
    }
}

/// The device's side of one handshake: B as sent and the expected proofs.
pub(crate) struct DeviceSession {
    /// bytes(B), minimal length, exactly as sent in `device_pubkey`.
    pub public: Vec<u8>,
    /// K, the expected M and the HAMK to answer with.
    pub proofs: SessionProofs,
}

impl DeviceSession {
    /// Answers the client's A: B = k·v + g^b, S = (A·v^u)^b, all mod N.
    pub fn start(
        username: &[u8],
        a_wire: &[u8],
        salt: &[u8],
        verifier: &[u8],
        rng: &mut dyn CryptoRngCore,
    ) -> Result<Self, Error> {
        if username.is_empty() || username.len() > MAX_USERNAME_BYTES {
            return Err(Error::InvalidParameter("SRP username length"));
        }
        if a_wire.len() != GROUP_BYTES {
            return Err(Error::InvalidParameter("SRP client public value length"));
        }
        let a = bigint::from_be(a_wire);
        if bigint::is_zero(&bigint::reduce(&a)) {
            return Err(Error::InvalidParameter(
                "SRP client public value A mod N is zero",
            ));
        }
        let secret = random_secret(rng);
        let b_secret = bigint::from_be(secret.as_slice());
        let v = bigint::reduce(&bigint::from_be(verifier));
        let kv = bigint::mul_mod(&bigint::from_be(&k()), &v);
        let b = bigint::add_mod(&kv, &bigint::pow_g(&b_secret));
        let u = bigint::from_be(&scrambler(a_wire, &b)?);
        let base = bigint::mul_mod(&a, &bigint::pow_mod(&v, &u));
        let s = bigint::pow_mod(&base, &b_secret);
        let public = bigint::minimal(&b);
        let proofs = SessionProofs::new(&s, username, salt, a_wire, &public);
        Ok(Self { public, proofs })
    }
}
