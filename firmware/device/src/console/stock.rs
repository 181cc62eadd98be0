//! The line rules of ESP-IDF's own console transport as measured (PROTOCOL.md §3.3: v5.5.5's
//! protocomm_console.c on a PTY), so the virtual device's stock mode behaves like an unmodified
//! ESP-IDF device:
//!
//! - the reader keeps at most `LINE_BUF_SIZE - 1` = 255 bytes, the CR included, so a line holds
//!   254 characters and its CR; a longer line is executed in 255-byte pieces, and the CR of a
//!   255-character line stays for the next line, in front of the next command;
//! - only CR ends a line (an LF after it starts the next line), except a CR that is the line's
//!   first byte: that is the one left over from a full buffer;
//! - every byte is echoed as read, a CR as CR LF;
//! - esp_console splits the line on spaces only, so a leading CR or LF (left over from the
//!   previous line) makes the command name match nothing, and the line gets no answer;
//! - an answer is printed as `\r\r\n<hex>\r\r\n` (the answer's `\r\n` after stdout's LF → CR LF),
//!   and the prompt follows about 10 ms later.

use alloc::string::String;
use alloc::vec::Vec;

/// Bytes the stock reader keeps per line, its CR included (`LINE_BUF_SIZE - 1`).
pub const STOCK_LINE_BYTES: usize = 255;

/// Milliseconds between an answer and the next prompt: the console task's 10 ms stop poll.
pub const STOCK_PROMPT_DELAY_MS: u64 = 10;

/// Collects one stock console line from the bytes that arrive, echoing them as it goes.
#[derive(Debug, Default)]
pub struct StockLineReader {
    buf: Vec<u8>,
}

/// What one batch of arrived bytes did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StockStep {
    /// How many of the offered bytes were read; the rest wait for the next line.
    pub consumed: usize,
    /// The echo to print, in order.
    pub echo: Vec<u8>,
    /// The line to execute, when this batch completed one (raw, its CR included if read).
    pub line: Option<Vec<u8>>,
}

impl StockLineReader {
    /// Reads from `available` (bytes that arrived and are not yet read) until a line ends: at a
    /// CR that is not the line's first byte, or when the buffer holds 255 bytes.
    pub fn feed(&mut self, available: &[u8]) -> StockStep {
        let mut step = StockStep::default();
        for &byte in available {
            step.consumed += 1;
            if byte == b'\r' {
                step.echo.extend_from_slice(b"\r\n");
            } else {
                step.echo.push(byte);
            }
            self.buf.push(byte);
            let ends = byte == b'\r' && self.buf.len() > 1;
            if ends || self.buf.len() >= STOCK_LINE_BYTES {
                step.line = Some(core::mem::take(&mut self.buf));
                break;
            }
        }
        step
    }
}

/// The command name esp_console sees in a line: everything before the first space, where CR and
/// LF are ordinary characters; `None` for a line without one.
pub fn stock_command(line: &[u8]) -> Option<String> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    line.split(|&b| b == b' ')
        .find(|word| !word.is_empty())
        .map(|word| String::from_utf8_lossy(word).into_owned())
}

/// The line as text for the request parser, its final CR removed.
pub fn stock_text(line: &[u8]) -> String {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    String::from_utf8_lossy(line).into_owned()
}

/// One answer as a stock device prints it: `\r\r\n<hex>\r\r\n`.
pub fn stock_answer_frame(response: &[u8]) -> String {
    let mut frame = String::with_capacity(response.len() * 2 + 6);
    frame.push_str("\r\r\n");
    frame.push_str(&hex::encode(response));
    frame.push_str("\r\r\n");
    frame
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn feed_all(reader: &mut StockLineReader, mut bytes: &[u8]) -> (Vec<Vec<u8>>, Vec<u8>) {
        let (mut lines, mut echo) = (Vec::new(), Vec::new());
        while !bytes.is_empty() {
            let step = reader.feed(bytes);
            echo.extend(step.echo);
            lines.extend(step.line);
            bytes = &bytes[step.consumed..];
        }
        (lines, echo)
    }

    #[test]
    fn a_line_of_254_characters_and_its_cr_is_one_line() {
        let mut line = vec![b'a'; 254];
        line.push(b'\r');
        let (lines, echo) = feed_all(&mut StockLineReader::default(), &line);
        assert_eq!(lines, [line.clone()]);
        assert!(echo.ends_with(b"a\r\n"));
    }

    #[test]
    fn a_255_character_line_leaves_its_cr_for_the_next_line() {
        let mut input = vec![b'a'; 255];
        input.extend_from_slice(b"\rprov-config 1 00\r");
        let (lines, _) = feed_all(&mut StockLineReader::default(), &input);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], vec![b'a'; 255]);
        assert_eq!(lines[1], b"\rprov-config 1 00\r");
        assert_eq!(stock_command(&lines[1]).as_deref(), Some("\rprov-config"));
    }

    #[test]
    fn an_over_long_line_runs_as_255_byte_pieces() {
        let mut input = vec![b'x'; 600];
        input.push(b'\r');
        let (lines, echo) = feed_all(&mut StockLineReader::default(), &input);
        let lens: Vec<usize> = lines.iter().map(Vec::len).collect();
        assert_eq!(lens, [255, 255, 91]);
        assert_eq!(echo.len(), 602, "600 bytes and CR LF");
    }

    #[test]
    fn only_cr_ends_a_line_and_an_lf_after_it_starts_the_next() {
        let mut reader = StockLineReader::default();
        let step = reader.feed(b"proto-ver 1 00\n");
        assert_eq!((step.consumed, step.line), (15, None));
        assert_eq!(step.echo, b"proto-ver 1 00\n");
        let step = reader.feed(b"a\r\nb");
        assert_eq!(step.consumed, 2);
        assert_eq!(step.line.as_deref(), Some(&b"proto-ver 1 00\na\r"[..]));
        assert_eq!(step.echo, b"a\r\n");
        let (lines, _) = feed_all(&mut reader, b"\nproto-ver 2 00\r");
        assert_eq!(stock_command(&lines[0]).as_deref(), Some("\nproto-ver"));
    }

    #[test]
    fn a_leading_cr_does_not_end_a_line() {
        let (lines, echo) = feed_all(&mut StockLineReader::default(), b"\rproto-ver 1 00\r");
        assert_eq!(lines, [b"\rproto-ver 1 00\r".to_vec()]);
        assert!(echo.starts_with(b"\r\nproto-ver"));
    }

    #[test]
    fn commands_split_on_spaces_only() {
        assert_eq!(
            stock_command(b"proto-ver 1 00\r").as_deref(),
            Some("proto-ver")
        );
        assert_eq!(stock_command(b"  proto-ver").as_deref(), Some("proto-ver"));
        assert_eq!(
            stock_command(b"\nproto-ver 1 00\r").as_deref(),
            Some("\nproto-ver")
        );
        assert_eq!(stock_command(b"\r"), None);
        assert_eq!(stock_text(b"proto-ver 1 00\r"), "proto-ver 1 00");
    }

    #[test]
    fn answers_are_framed_as_stdout_prints_them() {
        assert_eq!(stock_answer_frame(&[0x0a, 0xbc]), "\r\r\n0abc\r\r\n");
    }
}
