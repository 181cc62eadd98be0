//! Factory runs, first half: per-device credentials, partition images, label QR payloads and the
//! batch manifest that provisions the devices later (`esprov factory-data`).
//!
//! The record format is esprov-proto's ([`esprov_proto::factory`]); this module only fills it.

use esprov_proto::factory::{FactoryData, FactorySecurity, Zeroizing};
use esprov_proto::qr::{QrPayload, QrSecret, QrTransport};
use esprov_proto::security::{generate_salt_verifier, SaltMode};
use esprov_proto::uuid::Uuid128;
use rand::Rng;
use rand_core::CryptoRngCore;

use crate::batch::Target;
use crate::session::Secret;
use crate::Error;

mod outputs;
mod secret_file;
mod serials;

pub use outputs::{write_outputs, Written, LABELS_FILE, MANIFEST_FILE};
pub use secret_file::create_secret_file;
pub use serials::{read_serials, DeviceSpec};

/// Salt length of generated security 2 credentials (ESP-IDF's and esp_prov's default).
pub const SALT_LEN: usize = 16;
/// Length of a generated PoP or password: 16 characters of [`SECRET_ALPHABET`], about 93 bits.
pub const SECRET_LEN: usize = 16;
/// Characters of generated secrets: letters and digits without look-alikes (0/O, 1/l/I), so a
/// secret read off a label can be typed.
pub const SECRET_ALPHABET: &[u8] = b"23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
/// Most devices one run generates.
pub const MAX_DEVICES: usize = 100_000;

/// What one factory run generates.
#[derive(Debug, Clone)]
pub struct FactoryRequest {
    /// One entry per device, in output order.
    pub devices: Vec<DeviceSpec>,
    /// Security scheme: 1 (PoP) or 2 (SRP).
    pub sec: u8,
    /// SRP username for security 2.
    pub username: String,
    /// Service-name prefix; each name is the prefix and 6 random hex digits.
    pub name_prefix: String,
    /// The transport the QR payload names.
    pub transport: QrTransport,
    /// BLE service UUID to store, when not the firmware's default.
    pub ble_service_uuid: Option<Uuid128>,
    /// The `device` cell template of the manifest: `{name}`, `{serial}` and `{index}` (1-based)
    /// are replaced; `None` means `ble:{name}` or `mdns:{name}` by transport.
    pub device_template: Option<String>,
}

/// One generated device: what goes on its flash, its label and its manifest row.
#[derive(Clone)]
pub struct FactoryDevice {
    /// The serial number, when the run had a serial manifest.
    pub serial: Option<String>,
    /// The factory-data record for its partition.
    pub data: FactoryData,
    /// The PoP (security 1) or SRP password (security 2); never on the device for security 2.
    pub secret: Secret,
    /// The label's QR payload (holds the secret).
    pub qr: QrPayload,
    /// The manifest's `device` cell: how `esprov batch` reaches it.
    pub device: String,
}

/// The QR payload and secret are left out: both hold the PoP or password.
impl std::fmt::Debug for FactoryDevice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FactoryDevice")
            .field("serial", &self.serial)
            .field("data", &self.data)
            .field("device", &self.device)
            .finish_non_exhaustive()
    }
}

impl FactoryDevice {
    /// The name its files and manifest label go by: the serial, else the service name.
    pub fn id(&self) -> &str {
        self.serial.as_deref().unwrap_or(&self.data.service_name)
    }
}

/// Generates every device of `request`: fresh secret, unique service name, record and QR payload.
pub fn generate(
    request: &FactoryRequest,
    rng: &mut dyn CryptoRngCore,
) -> Result<Vec<FactoryDevice>, Error> {
    check(request)?;
    let mut names = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(request.devices.len());
    for (index, spec) in request.devices.iter().enumerate() {
        let name = loop {
            let name = format!(
                "{}{:06X}",
                request.name_prefix,
                rng.gen_range(0..0x0100_0000)
            );
            if names.insert(name.clone()) {
                break name;
            }
        };
        out.push(device(request, spec, index + 1, name, rng)?);
    }
    Ok(out)
}

fn device(
    request: &FactoryRequest,
    spec: &DeviceSpec,
    index: usize,
    name: String,
    rng: &mut dyn CryptoRngCore,
) -> Result<FactoryDevice, Error> {
    let secret = random_secret(rng);
    let text = String::from_utf8_lossy(&secret).into_owned();
    let (security, qr_secret) = if request.sec == 1 {
        let pop = Zeroizing::new(secret.to_vec());
        (FactorySecurity::Sec1 { pop }, QrSecret::Pop(text))
    } else {
        let (salt, verifier) = generate_salt_verifier(
            request.username.as_bytes(),
            &secret,
            SALT_LEN,
            rng,
            SaltMode::Full,
        );
        let security = FactorySecurity::Sec2 {
            username: request.username.clone(),
            salt,
            verifier,
        };
        let qr = QrSecret::Srp {
            username: request.username.clone(),
            password: text,
        };
        (security, qr)
    };
    let data = FactoryData {
        service_name: name.clone(),
        service_key: None,
        security,
        ble_service_uuid: request.ble_service_uuid,
        serial: spec.serial.clone(),
    };
    data.encode()
        .map_err(|e| Error::Usage(format!("device {index}: {e}")))?;
    let mut qr = QrPayload::for_device(&name, request.transport, qr_secret);
    qr.security = Some(request.sec);
    let device = match &spec.device {
        Some(cell) => cell.clone(),
        None => device_cell(request, spec, index, &name)?,
    };
    Target::parse(&device)
        .map_err(|e| Error::Usage(format!("device {index}: device cell {device:?}: {e}")))?;
    Ok(FactoryDevice {
        serial: spec.serial.clone(),
        data,
        secret: Secret::new(secret.to_vec()),
        qr,
        device,
    })
}

/// The manifest's `device` cell from the template.
fn device_cell(
    request: &FactoryRequest,
    spec: &DeviceSpec,
    index: usize,
    name: &str,
) -> Result<String, Error> {
    let default = match request.transport {
        QrTransport::Ble => "ble:{name}",
        QrTransport::Softap => "mdns:{name}",
    };
    let template = request.device_template.as_deref().unwrap_or(default);
    if template.contains("{serial}") && spec.serial.is_none() {
        return Err(Error::Usage(
            "the device template uses {serial}, but the run has no serial numbers (--serials)"
                .into(),
        ));
    }
    Ok(template
        .replace("{name}", name)
        .replace("{serial}", spec.serial.as_deref().unwrap_or_default())
        .replace("{index}", &index.to_string()))
}

/// A random secret of [`SECRET_LEN`] characters from [`SECRET_ALPHABET`].
fn random_secret(rng: &mut dyn CryptoRngCore) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(
        (0..SECRET_LEN)
            .map(|_| SECRET_ALPHABET[rng.gen_range(0..SECRET_ALPHABET.len())])
            .collect(),
    )
}

/// Refuses requests whose devices could not all be written, before any secret is drawn.
fn check(request: &FactoryRequest) -> Result<(), Error> {
    let usage = |m: String| Err(Error::Usage(m));
    if !matches!(request.sec, 1 | 2) {
        return usage(format!(
            "factory data carries security 1 or 2, not {}",
            request.sec
        ));
    }
    if request.devices.is_empty() || request.devices.len() > MAX_DEVICES {
        return usage(format!("a run makes 1 to {MAX_DEVICES} devices"));
    }
    if request.sec == 2 && !(1..=64).contains(&request.username.len()) {
        return usage("the security 2 username must be 1 to 64 bytes".into());
    }
    // 6 hex digits follow; a service name holds 32 bytes at most.
    if request.name_prefix.len() > 26 {
        return usage(format!(
            "the name prefix {:?} is longer than 26 bytes; names are the prefix + 6 hex digits, 32 at most",
            request.name_prefix
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    fn request(sec: u8, count: usize) -> FactoryRequest {
        FactoryRequest {
            devices: DeviceSpec::anonymous(count),
            sec,
            username: "wifiprov".into(),
            name_prefix: "PROV_".into(),
            transport: QrTransport::Softap,
            ble_service_uuid: None,
            device_template: None,
        }
    }

    #[test]
    fn each_device_gets_its_own_name_and_secret_and_a_record_that_reads_back() {
        let devices = generate(&request(1, 200), &mut StdRng::seed_from_u64(3)).expect("run");
        let names: std::collections::HashSet<_> = devices
            .iter()
            .map(|d| d.data.service_name.clone())
            .collect();
        let secrets: std::collections::HashSet<_> =
            devices.iter().map(|d| d.secret.expose().to_vec()).collect();
        assert_eq!((names.len(), secrets.len()), (200, 200));
        let first = &devices[0];
        assert_eq!(first.secret.expose().len(), SECRET_LEN);
        assert!(first
            .secret
            .expose()
            .iter()
            .all(|b| SECRET_ALPHABET.contains(b)));
        assert_eq!(first.device, format!("mdns:{}", first.data.service_name));
        assert_eq!(first.qr.security, Some(1));
        let image = first.data.to_partition_image().expect("image");
        assert_eq!(FactoryData::decode(&image).expect("decode"), first.data);
        assert!(!format!("{first:?}").contains(std::str::from_utf8(first.secret.expose()).unwrap()));
    }

    #[test]
    fn impossible_requests_are_refused_before_any_secret_is_drawn() {
        let mut rng = StdRng::seed_from_u64(4);
        assert!(generate(&request(0, 1), &mut rng).is_err());
        assert!(generate(&request(2, 0), &mut rng).is_err());
        let mut long = request(2, 1);
        long.name_prefix = "x".repeat(27);
        assert!(generate(&long, &mut rng).is_err());
        let mut serial = request(2, 1);
        serial.device_template = Some("serial:/dev/{serial}".into());
        assert!(generate(&serial, &mut rng).is_err());
        let mut bad_cell = request(2, 1);
        bad_cell.device_template = Some("127.0.0.1".into());
        assert!(
            generate(&bad_cell, &mut rng).is_err(),
            "a device cell without port"
        );
    }
}
