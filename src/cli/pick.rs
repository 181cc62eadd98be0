//! Choosing a network from the device's own scan, at a terminal: `provision` without `--ssid`
//! and `esp-prov` without `--ssid` share this loop and differ only in looks.

use esprov::provision::{self, ScanEntry};
use esprov::Error;

use super::budget::Budget;
use super::secrets;
use super::session::CliSession;

/// How one command shows the list and asks.
pub struct PickStyle {
    /// Prints the scan results (numbered from 1).
    pub show: fn(&[ScanEntry]),
    /// The question; the answer is a number, `0` rescans.
    pub prompt: &'static str,
    /// The error when the device cannot scan.
    pub no_scan: &'static str,
    /// The flag that would have spared the question, for the error without a terminal.
    pub flag: &'static str,
    /// Whether `o` lets the user type an SSID that is not listed (a hidden network).
    pub other: bool,
}

/// Scans on the device and lets the user pick; `None` when the device saw no network.
pub async fn pick_ssid(
    session: &mut CliSession,
    budget: &mut Budget,
    style: &PickStyle,
) -> Result<Option<String>, Error> {
    if session.info().proto_ver.prov.is_some()
        && !session
            .info()
            .has_cap(esprov::proto::version::CAP_WIFI_SCAN)
    {
        return Err(Error::Unsupported(style.no_scan.into()));
    }
    if !secrets::interactive() {
        return Err(Error::Usage(format!(
            "{} is required without a terminal to choose a network on",
            style.flag
        )));
    }
    loop {
        let options = super::ble::scan_options(session.transport_mut());
        let entries = budget
            .run("the Wi-Fi scan", provision::scan(session, &options))
            .await?;
        if entries.is_empty() && !style.other {
            eprintln!("No APs found!");
            return Ok(None);
        }
        (style.show)(&entries);
        let answer = secrets::prompt_visible(style.prompt, style.flag)?;
        match answer_to_choice(answer.trim(), entries.len(), style.other) {
            Choice::Rescan => continue,
            Choice::Listed(n) => return Ok(entries.get(n - 1).map(|e| e.ssid.clone())),
            Choice::Other => return ask_hidden_ssid(style.flag).map(Some),
            Choice::Invalid => eprintln!("Invalid input! Retry"),
        }
    }
}

/// What the user's answer means.
#[derive(Debug, PartialEq, Eq)]
enum Choice {
    Rescan,
    Listed(usize),
    Other,
    Invalid,
}

fn answer_to_choice(answer: &str, listed: usize, other: bool) -> Choice {
    if other && answer.eq_ignore_ascii_case("o") {
        return Choice::Other;
    }
    match answer.parse::<usize>() {
        Ok(0) => Choice::Rescan,
        Ok(n) if n <= listed => Choice::Listed(n),
        _ => Choice::Invalid,
    }
}

fn ask_hidden_ssid(flag: &str) -> Result<String, Error> {
    let ssid = secrets::prompt_visible("SSID of the other network", flag)?;
    if ssid.is_empty() {
        return Err(Error::Usage("the SSID is empty".into()));
    }
    Ok(ssid)
}

#[cfg(test)]
mod tests {
    use super::{answer_to_choice, Choice};

    #[test]
    fn answers_map_to_choices() {
        assert_eq!(answer_to_choice("0", 3, true), Choice::Rescan);
        assert_eq!(answer_to_choice("3", 3, true), Choice::Listed(3));
        assert_eq!(answer_to_choice("4", 3, true), Choice::Invalid);
        assert_eq!(answer_to_choice("O", 3, true), Choice::Other);
        assert_eq!(answer_to_choice("o", 3, false), Choice::Invalid);
    }
}
