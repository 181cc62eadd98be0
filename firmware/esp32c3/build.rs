//! Turns `config.toml` into constants (`$OUT_DIR/config.rs`) and checks them, so a bad
//! configuration fails the build instead of the device.

use std::{env, fmt::Write as _, fs, path::PathBuf};

use esprov_proto::security::{generate_salt_verifier, SaltMode};
use serde::Deserialize;

#[derive(Deserialize)]
struct Config {
    provisioning: Provisioning,
    security1: Security1,
    security2: Security2,
    app: App,
}

#[derive(Deserialize)]
struct Provisioning {
    schemes: Vec<String>,
    security: u8,
    sec2_patch: u8,
    name_prefix: String,
    service_uuid: String,
    softap_password: String,
    autostop_seconds: u32,
    wifi_scan: bool,
}

#[derive(Deserialize)]
struct Security1 {
    pop: String,
}

#[derive(Deserialize)]
struct Security2 {
    username: String,
    password: String,
    salt: String,
    verifier: String,
}

#[derive(Deserialize)]
struct App {
    label: String,
    version: String,
    capabilities: Vec<String>,
}

fn main() {
    println!("cargo:rerun-if-changed=config.toml");
    println!("cargo:rerun-if-changed=partitions.csv");
    let text = fs::read_to_string("config.toml").expect("config.toml is readable");
    let config: Config = toml::from_str(&text).unwrap_or_else(|e| panic!("config.toml: {e}"));
    check(&config);
    let (offset, size) = partition("partitions.csv", "esprov");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("config.rs");
    fs::write(out, render(&config, offset, size)).unwrap();
}

fn check(c: &Config) {
    let p = &c.provisioning;
    assert!(p.security <= 2, "provisioning.security must be 0, 1 or 2");
    assert!(
        !p.schemes.is_empty(),
        "provisioning.schemes must name ble and/or softap"
    );
    for s in &p.schemes {
        assert!(s == "ble" || s == "softap", "unknown scheme {s:?}");
    }
    assert!(
        p.name_prefix.len() + 6 <= 29,
        "name_prefix too long for a BLE name"
    );
    assert!(
        parse_uuid(&p.service_uuid).is_some(),
        "service_uuid is not a UUID"
    );
    let key = p.softap_password.len();
    assert!(
        key == 0 || (8..=64).contains(&key),
        "softap_password must be 8..64 chars or empty"
    );
    assert!(
        (5..=600).contains(&p.autostop_seconds),
        "autostop_seconds must be 5..600"
    );
    let s2 = &c.security2;
    if p.security == 2 {
        assert!(!s2.username.is_empty(), "security2.username is required");
        let precomputed = !s2.salt.is_empty() && !s2.verifier.is_empty();
        assert!(
            precomputed || !s2.password.is_empty(),
            "security2 needs a password or salt+verifier"
        );
        hex(&s2.salt);
        hex(&s2.verifier);
    }
}

fn parse_uuid(text: &str) -> Option<[u8; 16]> {
    let digits: String = text.chars().filter(|c| *c != '-').collect();
    (digits.len() == 32).then_some(())?;
    let bytes = hex(&digits);
    bytes.try_into().ok()
}

fn hex(text: &str) -> Vec<u8> {
    assert!(text.len().is_multiple_of(2), "odd-length hex {text:?}");
    (0..text.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&text[i..i + 2], 16).unwrap_or_else(|_| panic!("bad hex {text:?}"))
        })
        .collect()
}

/// The configured salt and verifier, or fresh ones from esprov-proto's generator (16-byte salt,
/// ESP-IDF's full-digest convention) when only a password is given.
fn salt_verifier(s2: &Security2) -> (Vec<u8>, Vec<u8>) {
    if !s2.salt.is_empty() && !s2.verifier.is_empty() {
        return (hex(&s2.salt), hex(&s2.verifier));
    }
    if s2.password.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut rng = rand::rngs::OsRng;
    generate_salt_verifier(
        s2.username.as_bytes(),
        s2.password.as_bytes(),
        16,
        &mut rng,
        SaltMode::Full,
    )
}

/// Offset and size of the named data partition, so flash code and `partitions.csv` agree.
fn partition(path: &str, name: &str) -> (u32, u32) {
    let text = fs::read_to_string(path).expect("partitions.csv is readable");
    for line in text.lines().filter(|l| !l.trim_start().starts_with('#')) {
        let cols: Vec<&str> = line.split(',').map(str::trim).collect();
        if cols.len() >= 5 && cols[0] == name {
            return (number(cols[3]), number(cols[4]));
        }
    }
    panic!("partitions.csv has no {name:?} partition");
}

fn number(text: &str) -> u32 {
    if let Some(h) = text.strip_prefix("0x") {
        return u32::from_str_radix(h, 16).expect("hex number");
    }
    if let Some(k) = text.strip_suffix('K') {
        return k.parse::<u32>().expect("number") * 1024;
    }
    text.parse().expect("number")
}

fn render(c: &Config, offset: u32, size: u32) -> String {
    let p = &c.provisioning;
    let mut o = String::new();
    let has = |s: &str| p.schemes.iter().any(|x| x == s);
    writeln!(o, "pub const BLE: bool = {};", has("ble")).unwrap();
    writeln!(o, "pub const SOFTAP: bool = {};", has("softap")).unwrap();
    writeln!(o, "pub const SECURITY: u8 = {};", p.security).unwrap();
    writeln!(o, "pub const SEC2_PATCH: u8 = {};", p.sec2_patch).unwrap();
    writeln!(o, "pub const NAME_PREFIX: &str = {:?};", p.name_prefix).unwrap();
    writeln!(
        o,
        "pub const SERVICE_UUID: [u8; 16] = {:?};",
        parse_uuid(&p.service_uuid).unwrap()
    )
    .unwrap();
    writeln!(
        o,
        "pub const SOFTAP_PASSWORD: &str = {:?};",
        p.softap_password
    )
    .unwrap();
    writeln!(
        o,
        "pub const AUTOSTOP_SECONDS: u32 = {};",
        p.autostop_seconds
    )
    .unwrap();
    writeln!(o, "pub const POP: &str = {:?};", c.security1.pop).unwrap();
    writeln!(
        o,
        "pub const SEC2_USERNAME: &str = {:?};",
        c.security2.username
    )
    .unwrap();
    writeln!(
        o,
        "pub const SEC2_PASSWORD: &str = {:?};",
        c.security2.password
    )
    .unwrap();
    let (salt, verifier) = salt_verifier(&c.security2);
    writeln!(o, "pub const SEC2_SALT: &[u8] = &{salt:?};").unwrap();
    writeln!(o, "pub const SEC2_VERIFIER: &[u8] = &{verifier:?};").unwrap();
    writeln!(o, "pub const WIFI_SCAN: bool = {};", p.wifi_scan).unwrap();
    writeln!(o, "pub const APP_LABEL: &str = {:?};", c.app.label).unwrap();
    writeln!(o, "pub const APP_VERSION: &str = {:?};", c.app.version).unwrap();
    writeln!(
        o,
        "pub const CAPABILITIES: &[&str] = &{:?};",
        c.app.capabilities
    )
    .unwrap();
    writeln!(o, "pub const STORE_OFFSET: u32 = {offset:#x};").unwrap();
    writeln!(o, "pub const STORE_SIZE: u32 = {size:#x};").unwrap();
    o
}
