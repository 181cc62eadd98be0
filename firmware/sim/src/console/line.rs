//! Reading console input as lines (esprov-device's `LineAssembler`) from an async byte stream.

use esprov_device::console::{Line, LineAssembler};
use tokio::io::{AsyncRead, AsyncReadExt};

/// Reads lines of at most `max` bytes; longer ones come back as [`Line::TooLong`].
pub struct LineReader<R> {
    reader: R,
    lines: LineAssembler,
    pending: std::collections::VecDeque<u8>,
}

impl<R: AsyncRead + Unpin> LineReader<R> {
    /// Wraps `reader`; lines longer than `max` bytes come back as [`Line::TooLong`].
    pub fn new(reader: R, max: usize) -> Self {
        Self {
            reader,
            lines: LineAssembler::new(max),
            pending: std::collections::VecDeque::new(),
        }
    }

    /// The next non-empty line; `None` at end of input or on a read error.
    pub async fn next_line(&mut self) -> Option<Line> {
        loop {
            while let Some(byte) = self.pending.pop_front() {
                if let Some(line) = self.lines.push(byte) {
                    return Some(line);
                }
            }
            let mut chunk = [0u8; 1024];
            match self.reader.read(&mut chunk).await {
                Ok(0) | Err(_) => return None,
                Ok(n) => self.pending.extend(&chunk[..n]),
            }
        }
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
