//! `--stock-line-limit`: the console as an unmodified ESP-IDF device runs it, with the line rules
//! of `esprov_device::console::StockLineReader` and ESP-IDF's timing around the prompt.

use std::time::Duration;

use esprov_device::console::{
    parse_request, stock_answer_frame, stock_command, stock_text, StockLineReader,
    STOCK_PROMPT_DELAY_MS,
};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::{Console, PROMPT, TAG};
use crate::SimError;

/// Bytes read from the stream at once.
const CHUNK: usize = 4096;

impl<W: AsyncWrite + Unpin> Console<W> {
    /// Serves lines until end of input: echo byte by byte, answer, then the prompt 10 ms later.
    pub(super) async fn run_stock<R: AsyncRead + Unpin>(
        &mut self,
        mut reader: R,
    ) -> Result<(), SimError> {
        let mut lines = StockLineReader::default();
        let mut pending: Vec<u8> = Vec::new();
        self.write(PROMPT).await?;
        loop {
            if pending.is_empty() && !read_some(&mut reader, &mut pending).await {
                return Ok(());
            }
            let step = lines.feed(&pending);
            pending.drain(..step.consumed);
            for byte in step.echo {
                self.write_bytes(&[byte]).await?;
            }
            let Some(line) = step.line else { continue };
            let output = self.stock_answer(&line);
            self.write(&output).await?;
            tokio::time::sleep(Duration::from_millis(STOCK_PROMPT_DELAY_MS)).await;
            self.write(PROMPT).await?;
            // The device reads whatever arrived meanwhile in one go, leftovers first.
            read_ready(&mut reader, &mut pending).await;
        }
    }

    /// What a stock device prints for one line: the answer frame, a handler's error log line, or
    /// nothing for a line whose command matches no endpoint (esp_console stays silent).
    fn stock_answer(&mut self, line: &[u8]) -> String {
        let Some(command) = stock_command(line) else {
            return String::new();
        };
        let known = self
            .device
            .lock()
            .map(|device| device.has_endpoint(&command))
            .unwrap_or(false);
        if !known {
            return String::new();
        }
        let Ok(request) = parse_request(&stock_text(line)) else {
            return String::new();
        };
        let output = match self.call(&request) {
            Ok(response) => {
                let chatter = self.log.chatter().unwrap_or_default();
                format!("{chatter}{}", stock_answer_frame(&response))
            }
            Err(why) => self.log.error(TAG, &why),
        };
        format!("{}{output}", self.manager_log())
    }

    async fn write_bytes(&mut self, bytes: &[u8]) -> Result<(), SimError> {
        let io = |source| SimError::Io {
            context: "writing console output".into(),
            source,
        };
        self.writer.write_all(bytes).await.map_err(io)?;
        self.writer.flush().await.map_err(io)
    }
}

/// Waits for input; `false` at end of input or on a read error.
async fn read_some<R: AsyncRead + Unpin>(reader: &mut R, pending: &mut Vec<u8>) -> bool {
    let mut chunk = [0u8; CHUNK];
    match reader.read(&mut chunk).await {
        Ok(0) | Err(_) => false,
        Ok(n) => {
            pending.extend_from_slice(chunk.get(..n).unwrap_or_default());
            true
        }
    }
}

/// Takes what can be read without waiting (a zero timeout polls the read once).
async fn read_ready<R: AsyncRead + Unpin>(reader: &mut R, pending: &mut Vec<u8>) {
    let mut chunk = [0u8; CHUNK];
    while let Ok(Ok(n)) = tokio::time::timeout(Duration::ZERO, reader.read(&mut chunk)).await {
        if n == 0 {
            return;
        }
        pending.extend_from_slice(chunk.get(..n).unwrap_or_default());
    }
}
