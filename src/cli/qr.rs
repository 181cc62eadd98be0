//! `esprov qr`, and reading `--qr` payloads for the device commands.

use esprov::proto::qr::{QrPayload, QrTransport, QR_VERSION};
use esprov::Error;
use qrcode::render::unicode::Dense1x2;
use qrcode::QrCode;

use super::args::{QrArgs, QrTransportArg};

/// Parses a `--qr` payload, as a usage error when it is not one.
pub fn parse(json: &str) -> Result<QrPayload, Error> {
    QrPayload::parse(json).map_err(|e| Error::Usage(format!("--qr: {e}")))
}

/// Builds the payload from `esprov qr`'s flags, or takes the one given with `--qr`.
pub fn payload(args: &QrArgs) -> Result<QrPayload, Error> {
    if let Some(json) = &args.qr {
        return parse(json);
    }
    let name = args
        .name
        .clone()
        .ok_or_else(|| Error::Usage("--name or --qr is required".into()))?;
    Ok(QrPayload {
        ver: QR_VERSION.into(),
        name,
        username: args.username.clone(),
        pop: args.pop.clone(),
        transport: match args.transport {
            QrTransportArg::Softap => QrTransport::Softap,
            QrTransportArg::Ble => QrTransport::Ble,
        },
        security: args.sec,
        password: args.password.clone(),
    })
}

/// The payload as a QR symbol drawn with half-block characters, dark on light.
pub fn terminal_code(payload: &QrPayload) -> Result<String, Error> {
    let code = QrCode::new(payload.to_bytes())
        .map_err(|e| Error::Usage(format!("the payload does not fit a QR code: {e}")))?;
    Ok(code
        .render::<Dense1x2>()
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .quiet_zone(true)
        .build())
}

/// Runs `esprov qr`: the symbol for people, then the JSON the symbol holds.
pub fn run(args: &QrArgs) -> Result<(), Error> {
    let payload = payload(args)?;
    if !args.json {
        println!("{}", terminal_code(&payload)?);
    }
    // The firmware's key order, not a re-serialized map's.
    println!("{}", payload.to_json());
    Ok(())
}
