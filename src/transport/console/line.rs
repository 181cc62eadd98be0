//! Reading ESP-IDF's console output: responses, echo, prompts, logs and boot banners on one UART.

/// The prompt protocomm's console prints before reading each command.
pub const PROMPT: &str = ">> ";

/// One piece of console output, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsoleLine {
    /// A response: a line of hex digits only.
    Response(Vec<u8>),
    /// The prompt: the device is waiting for the next command.
    Prompt,
    /// A ROM or bootloader banner: the board has reset and every session is gone.
    Reset(String),
    /// Anything else: command echo, ESP-IDF log lines, help text.
    Other(String),
}

/// Splits a byte stream into [`ConsoleLine`]s, keeping a partial line between reads.
#[derive(Debug, Default)]
pub struct LineSplitter {
    pending: Vec<u8>,
}

/// The longest partial line kept; a longer run without a line break is flushed as `Other`.
const MAX_PENDING: usize = 64 * 1024;

impl LineSplitter {
    /// Feeds bytes read from the port and returns the lines they complete.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<ConsoleLine> {
        let mut lines = Vec::new();
        for &byte in bytes {
            if byte == b'\r' || byte == b'\n' {
                self.finish_line(&mut lines);
                continue;
            }
            self.pending.push(byte);
            if self.pending == PROMPT.as_bytes() {
                self.pending.clear();
                lines.push(ConsoleLine::Prompt);
            } else if self.pending.len() >= MAX_PENDING {
                self.finish_line(&mut lines);
            }
        }
        lines
    }

    fn finish_line(&mut self, lines: &mut Vec<ConsoleLine>) {
        if self.pending.is_empty() {
            return;
        }
        let text = String::from_utf8_lossy(&self.pending).into_owned();
        self.pending.clear();
        lines.push(classify(&text));
    }
}

/// Classifies one complete line of console output.
pub fn classify(raw: &str) -> ConsoleLine {
    let text = strip_ansi(raw);
    let text = text.trim_start_matches(PROMPT).trim();
    if let Some(bytes) = decode_hex(text) {
        return ConsoleLine::Response(bytes);
    }
    if is_boot_banner(text) {
        return ConsoleLine::Reset(text.to_string());
    }
    ConsoleLine::Other(text.to_string())
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if text.is_empty()
        || !text.len().is_multiple_of(2)
        || !text.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return None;
    }
    hex::decode(text).ok()
}

fn is_boot_banner(text: &str) -> bool {
    ["ESP-ROM:", "rst:0x", "ets Jul", "ets Jun", "Rebooting..."]
        .iter()
        .any(|marker| text.starts_with(marker))
}

/// Removes ANSI colour and cursor sequences, which ESP-IDF logs and linenoise emit.
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        }
    }
    out
}

/// The command line for one request: `<endpoint> <session-id> <hex>`.
pub fn request_line(endpoint: &str, session_id: u32, payload: &[u8]) -> String {
    format!("{endpoint} {session_id} {}", hex::encode(payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_responses_echo_prompt_and_logs() {
        let mut splitter = LineSplitter::default();
        let mut lines = splitter.push(b"\n>> prov-session 7 5203a2");
        lines.extend(splitter.push(b"0100\r\n\r\n52050801aa0100\r\n"));
        lines.extend(
            splitter.push(b"\x1b[0;32mI (812) wifi_prov_mgr: Provisioning started\x1b[0m\r\n\n>> "),
        );
        assert_eq!(
            lines,
            vec![
                ConsoleLine::Prompt,
                ConsoleLine::Other("prov-session 7 5203a20100".into()),
                ConsoleLine::Response(vec![0x52, 0x05, 0x08, 0x01, 0xaa, 0x01, 0x00]),
                ConsoleLine::Other("I (812) wifi_prov_mgr: Provisioning started".into()),
                ConsoleLine::Prompt,
            ]
        );
    }

    #[test]
    fn odd_or_non_hex_lines_are_not_responses() {
        assert_eq!(classify("abc"), ConsoleLine::Other("abc".into()));
        assert_eq!(
            classify("deadbeefz0"),
            ConsoleLine::Other("deadbeefz0".into())
        );
        assert_eq!(classify(">> 0a0b"), ConsoleLine::Response(vec![0x0a, 0x0b]));
    }

    #[test]
    fn boot_banners_mean_reset() {
        assert!(matches!(
            classify("ESP-ROM:esp32c3-api1-20210207"),
            ConsoleLine::Reset(_)
        ));
        assert!(matches!(
            classify("rst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)"),
            ConsoleLine::Reset(_)
        ));
    }

    #[test]
    fn unbounded_garbage_is_flushed() {
        let mut splitter = LineSplitter::default();
        let lines = splitter.push(&vec![b'x'; MAX_PENDING + 10]);
        assert_eq!(lines.len(), 1);
    }

    #[test]
    fn request_line_format() {
        assert_eq!(
            request_line("prov-config", 3, &[0x08, 0x04]),
            "prov-config 3 0804"
        );
    }
}
