//! `esprov provision` on Thread: the dataset from a flag, a file, `ESPROV_DATASET` or a pick list
//! of the device's Thread scan plus the network key (the library's `provision_session` sends it).

use esprov::proto::dataset;
use esprov::provision;
use esprov::session::Secret;
use esprov::Error;

use crate::cli::args::ProvisionArgs;
use crate::cli::budget::Budget;
use crate::cli::commands::ops::thread_table;
use crate::cli::secrets::{self, SecretSource};
use crate::cli::session::CliSession;

/// The environment variable holding a dataset (hex), so it never needs argv.
pub const ENV_DATASET: &str = "ESPROV_DATASET";

/// The dataset from `--dataset-tlvs`, `--dataset-file` or `ESPROV_DATASET`, checked; `None` when
/// none was given.
pub fn given_dataset(args: &ProvisionArgs) -> Result<Option<Secret>, Error> {
    dataset_from(
        args.thread.dataset_tlvs.as_deref(),
        args.thread.dataset_file.as_deref(),
    )
}

/// The dataset from `--dataset-tlvs HEX`, `--dataset-file PATH|-` or `ESPROV_DATASET`, checked.
pub fn dataset_from(
    tlvs: Option<&str>,
    file: Option<&std::path::Path>,
) -> Result<Option<Secret>, Error> {
    let source = SecretSource {
        what: "Thread dataset",
        flag: "--dataset-tlvs",
        value: tlvs,
        file,
        env: ENV_DATASET,
    };
    let Some(text) = source.given()? else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(text.expose());
    let tlvs = provision::dataset_from_hex(&text)?;
    provision::check_dataset(&tlvs)?;
    Ok(Some(tlvs))
}

/// No dataset: on a terminal, pick a network from the device's Thread scan and type its network
/// key (esp_prov's flow); a device without `thread_scan` is asked for the dataset hex instead.
pub async fn pick(session: &mut CliSession, budget: &mut Budget) -> Result<Secret, Error> {
    if !secrets::interactive() {
        return Err(Error::Usage(format!(
            "the device provisions Thread: pass --dataset-tlvs HEX, --dataset-file PATH|- or set {ENV_DATASET} (no terminal to ask on)"
        )));
    }
    let scans = session
        .info()
        .proto_ver
        .scans(esprov::proto::version::NetworkType::Thread);
    if !scans {
        let typed = secrets::prompt_hidden(&dataset_prompt())?;
        return provision::dataset_from_hex(&String::from_utf8_lossy(typed.expose()));
    }
    loop {
        let remaining = budget.remaining();
        let networks = budget
            .run(
                "the Thread scan",
                provision::scan_thread(session, 4, remaining),
            )
            .await?;
        if networks.is_empty() {
            eprintln!("The device hears no Thread network.");
        } else {
            eprintln!("{}", thread_table(&networks));
        }
        let answer = secrets::prompt_visible("Network number (0 to scan again)", "--dataset-tlvs")?;
        let Ok(choice) = answer.trim().parse::<usize>() else {
            eprintln!(
                "Not a number: {}",
                esprov::device_text::escape(answer.trim())
            );
            continue;
        };
        if choice == 0 {
            continue;
        }
        let Some(network) = networks.get(choice - 1) else {
            eprintln!("No network {choice}.");
            continue;
        };
        let Some(ext_pan_id) = network.ext_pan_id_bytes else {
            return Err(Error::Usage(
                "the device sent no 8-byte extended PAN ID for that network: pass --dataset-tlvs"
                    .into(),
            ));
        };
        let key = network_key()?;
        let tlvs = dataset::from_scan_pick(network.channel, network.pan_id, &ext_pan_id, &key);
        return Ok(Secret::new(tlvs.to_vec()));
    }
}

fn dataset_prompt() -> SecretSource<'static> {
    SecretSource {
        what: "Thread dataset (hex TLVs)",
        flag: "--dataset-tlvs",
        value: None,
        file: None,
        env: ENV_DATASET,
    }
}

/// The network key, typed without echo as 32 hex digits.
fn network_key() -> Result<zeroize::Zeroizing<[u8; 16]>, Error> {
    let source = SecretSource {
        what: "Thread network key (32 hex digits)",
        flag: "--dataset-tlvs",
        value: None,
        file: None,
        env: ENV_DATASET,
    };
    let typed = secrets::prompt_hidden(&source)?;
    let text = String::from_utf8_lossy(typed.expose());
    let bytes = zeroize::Zeroizing::new(
        hex::decode(text.trim()).map_err(|_| Error::Usage("the network key is not hex".into()))?,
    );
    let mut key = zeroize::Zeroizing::new([0u8; 16]);
    if bytes.len() != 16 {
        return Err(Error::Usage(
            "the network key must be 16 bytes (32 hex digits)".into(),
        ));
    }
    key.copy_from_slice(&bytes);
    Ok(key)
}
