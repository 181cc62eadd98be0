//! Splitting console input into lines, one byte at a time, never holding more than the limit.

use alloc::string::String;
use alloc::vec::Vec;

/// The longest line a device built on esprov accepts: any 4 KiB request (protocomm's
/// `MAX_REQ_BODY_LEN`) in hex, plus endpoint name and session id.
pub const LINE_LIMIT: usize = 8 * 1024 + 128;

/// One input line, or the news that a line was too long and has been discarded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A complete line, without its terminator.
    Text(String),
    /// A line of `len` bytes that exceeded the limit: the part that fit; the rest was dropped.
    TooLong(usize, String),
}

/// Collects `\r`, `\n` or `\r\n` terminated lines of at most `max` bytes; empty lines vanish.
#[derive(Debug)]
pub struct LineAssembler {
    max: usize,
    buf: Vec<u8>,
    overflow: usize,
}

impl LineAssembler {
    /// An assembler whose lines longer than `max` bytes come back as [`Line::TooLong`].
    pub fn new(max: usize) -> Self {
        Self {
            max,
            buf: Vec::new(),
            overflow: 0,
        }
    }

    /// Feeds one byte; returns the line it completed, if any.
    pub fn push(&mut self, byte: u8) -> Option<Line> {
        if byte == b'\r' || byte == b'\n' {
            return self.finish();
        }
        if self.buf.len() < self.max {
            self.buf.push(byte);
        } else {
            self.overflow += 1;
        }
        None
    }

    fn finish(&mut self) -> Option<Line> {
        let len = self.buf.len() + self.overflow;
        let text = core::mem::take(&mut self.buf);
        let overflow = core::mem::take(&mut self.overflow);
        if text.is_empty() {
            return None;
        }
        let text = String::from_utf8_lossy(&text).into_owned();
        if overflow > 0 {
            return Some(Line::TooLong(len, text));
        }
        Some(Line::Text(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_any_terminator_and_bounds_length() {
        let mut a = LineAssembler::new(4);
        let lines: Vec<Line> = b"a b\r\n\r\ncd\rxxxxxx\nlast"
            .iter()
            .filter_map(|b| a.push(*b))
            .collect();
        assert_eq!(
            lines,
            [
                Line::Text("a b".into()),
                Line::Text("cd".into()),
                Line::TooLong(6, "xxxx".into()),
            ]
        );
    }

    #[test]
    fn holds_a_line_of_exactly_the_limit() {
        let mut a = LineAssembler::new(3);
        let lines: Vec<Line> = b"abc\n".iter().filter_map(|b| a.push(*b)).collect();
        assert_eq!(lines, [Line::Text("abc".into())]);
    }
}
