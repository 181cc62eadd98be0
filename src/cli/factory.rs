//! `esprov factory-data`: the arguments and what is printed; the work is `esprov::factory`.

use std::path::PathBuf;

use esprov::contract::{FactoryDataDevice, FactoryDataOutput};
use esprov::factory::{
    generate, read_serials, write_outputs, DeviceSpec, FactoryDevice, FactoryRequest, Written,
    MAX_DEVICES,
};
use esprov::proto::factory::PARTITION_SIZE;
use esprov::proto::qr::QrTransport;
use esprov::proto::uuid::Uuid128;
use esprov::Error;

use super::args::QrTransportArg;
use super::help;

/// What a run writes, and how to use it; README.md ("Factory data") says more.
const FACTORY_HELP: &str = "\
Writes into --out: <serial or name>.bin per device (the factory-data partition image, 4096 bytes),
labels.csv (serial, name, QR payload) and manifest.csv (for `esprov batch`; the Wi-Fi passphrase
is read from ESPROV_PASSPHRASE when the batch runs). Every file holds secrets and is created
with mode 0600; existing files are never overwritten.";

/// Generate per-device credentials: partition images, label QR payloads and a batch manifest.
#[derive(Debug, clap::Args)]
#[command(after_help = format!("{}\n\n{FACTORY_HELP}", help::FACTORY_DATA_EXAMPLES))]
pub struct FactoryDataArgs {
    /// Directory for the outputs (created with mode 0700 if absent).
    #[arg(long, value_name = "DIR", help_heading = help::FACTORY)]
    pub out: PathBuf,
    /// Number of devices (service names PREFIX + 6 random hex digits).
    #[arg(long, value_name = "N", help_heading = help::FACTORY, required_unless_present = "serials", conflicts_with = "serials",
          value_parser = clap::value_parser!(u32).range(1..=MAX_DEVICES as i64))]
    pub count: Option<u32>,
    /// Serial numbers: one per line, or a CSV with a `serial` and an optional `device` column.
    #[arg(long, value_name = "FILE", help_heading = help::FACTORY)]
    pub serials: Option<PathBuf>,
    /// The Wi-Fi network the batch manifest provisions the devices onto.
    #[arg(long, help_heading = help::WIFI)]
    pub ssid: String,
    /// Security scheme: 2 (SRP; the password never reaches the device) or 1 (PoP).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=2), help_heading = help::SECURITY)]
    pub sec: u8,
    /// Security 2 SRP username, the same on every device.
    #[arg(long, default_value = "wifiprov", help_heading = help::SECURITY)]
    pub username: String,
    /// Service-name prefix (BLE name or SoftAP SSID), at most 26 bytes.
    #[arg(long, default_value = "PROV_", help_heading = help::FACTORY)]
    pub name_prefix: String,
    /// The transport the label's QR payload names.
    #[arg(long, value_enum, default_value_t = QrTransportArg::Ble, help_heading = help::FACTORY)]
    pub transport: QrTransportArg,
    /// BLE service UUID to store, when the firmware should not use its default.
    #[arg(long, value_name = "UUID", help_heading = help::FACTORY)]
    pub ble_service_uuid: Option<Uuid128>,
    /// The manifest's device cell: {name}, {serial} and {index} are replaced
    /// [default: ble:{name}, or mdns:{name} with --transport softap].
    #[arg(long, value_name = "TEMPLATE", help_heading = help::FACTORY)]
    pub device: Option<String>,
    /// Print what was written as one JSON line (no secrets) instead of the file paths.
    #[arg(long, help_heading = help::OUTPUT)]
    pub json: bool,
}

/// Runs `esprov factory-data`: file paths (or one JSON line) on stdout, the 0600 notice on stderr.
pub fn run(args: &FactoryDataArgs) -> Result<(), Error> {
    let devices = match (&args.serials, args.count) {
        (Some(path), _) => read_serials(path)?,
        (None, Some(count)) => DeviceSpec::anonymous(count as usize),
        (None, None) => return Err(Error::Usage("give --count N or --serials FILE".into())),
    };
    let request = FactoryRequest {
        devices,
        sec: args.sec,
        username: args.username.clone(),
        name_prefix: args.name_prefix.clone(),
        transport: match args.transport {
            QrTransportArg::Ble => QrTransport::Ble,
            QrTransportArg::Softap => QrTransport::Softap,
        },
        ble_service_uuid: args.ble_service_uuid,
        device_template: args.device.clone(),
    };
    let devices = generate(&request, &mut rand::rngs::OsRng)?;
    let written = write_outputs(&args.out, &devices, &args.ssid)?;
    if args.json {
        esprov::contract::print(&json_output(args, &devices, &written));
    } else {
        let paths = written
            .images
            .iter()
            .chain([&written.labels, &written.manifest]);
        paths.for_each(|path| println!("{}", path.display()));
    }
    eprintln!(
        "Wrote {} partition images ({PARTITION_SIZE} bytes each), {} and {} in {}.\n\
         These files hold secrets (PoP or password, salt and verifier) and are readable by you only (0600): \
         keep them off shared drives, and delete them when the run is provisioned.",
        written.images.len(),
        written.labels.display(),
        written.manifest.display(),
        args.out.display()
    );
    Ok(())
}

/// The `--json` line: files and devices, secrets left out.
fn json_output(
    args: &FactoryDataArgs,
    devices: &[FactoryDevice],
    written: &Written,
) -> FactoryDataOutput {
    let path = |p: &std::path::Path| p.display().to_string();
    FactoryDataOutput {
        out: path(&args.out),
        labels: path(&written.labels),
        manifest: path(&written.manifest),
        devices: devices
            .iter()
            .zip(&written.images)
            .map(|(device, image)| FactoryDataDevice {
                serial: device.serial.clone(),
                name: device.data.service_name.clone(),
                sec_ver: device.data.security.sec_ver(),
                image: path(image),
                device: device.device.clone(),
            })
            .collect(),
    }
}
