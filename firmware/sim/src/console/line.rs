//! Splitting console input into lines without ever holding more than the line limit.

use tokio::io::{AsyncRead, AsyncReadExt};

/// One input line, or the news that a line was too long and has been discarded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// A complete line, without its terminator.
    Text(String),
    /// A line of `len` bytes that exceeded the limit: the part that fit, then the rest dropped.
    TooLong(usize, String),
}

/// Reads `\r`, `\n` or `\r\n` terminated lines of at most `max` bytes.
pub struct LineReader<R> {
    reader: R,
    max: usize,
    buf: Vec<u8>,
    pending: Vec<u8>,
    overflow: usize,
}

impl<R: AsyncRead + Unpin> LineReader<R> {
    /// Wraps `reader`; lines longer than `max` bytes come back as [`Line::TooLong`].
    pub fn new(reader: R, max: usize) -> Self {
        Self {
            reader,
            max,
            buf: Vec::new(),
            pending: Vec::new(),
            overflow: 0,
        }
    }

    /// The next non-empty line; `None` at end of input or on a read error.
    pub async fn next_line(&mut self) -> Option<Line> {
        loop {
            while let Some(byte) = self.take_byte() {
                if let Some(line) = self.push(byte) {
                    return Some(line);
                }
            }
            let mut chunk = [0u8; 1024];
            match self.reader.read(&mut chunk).await {
                Ok(0) | Err(_) => return None,
                Ok(n) => self.pending.extend_from_slice(&chunk[..n]),
            }
        }
    }

    fn take_byte(&mut self) -> Option<u8> {
        if self.pending.is_empty() {
            None
        } else {
            Some(self.pending.remove(0))
        }
    }

    fn push(&mut self, byte: u8) -> Option<Line> {
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
        let text = std::mem::take(&mut self.buf);
        let overflow = std::mem::take(&mut self.overflow);
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

    #[tokio::test]
    async fn splits_on_any_terminator_and_bounds_length() {
        let input: &[u8] = b"a b\r\n\r\ncd\rxxxxxx\nlast";
        let mut r = LineReader::new(input, 4);
        assert_eq!(r.next_line().await, Some(Line::Text("a b".into())));
        assert_eq!(r.next_line().await, Some(Line::Text("cd".into())));
        assert_eq!(r.next_line().await, Some(Line::TooLong(6, "xxxx".into())));
        assert_eq!(r.next_line().await, None);
    }
}
