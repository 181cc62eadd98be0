//! The console transport: protocomm requests as text lines on a serial port (ESP-IDF's console scheme).

mod board;
mod device_log;
mod line;
mod manual;

use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use tokio::sync::mpsc;

pub use device_log::DeviceLog;
pub use line::{classify, request_line, ConsoleLine, LineSplitter};
pub use manual::ManualConsole;

use super::Transport;
use crate::Error;
use esprov_proto::endpoint::Endpoint;

/// ESP-IDF's stock console reads at most this many bytes per line, its CR included
/// (`LINE_BUF_SIZE - 1` in protocomm_console.c): 254 characters and the CR.
pub const STOCK_LINE_LIMIT: usize = 255;

/// How long to wait for the device's `>> ` prompt after an answer before sending the next line:
/// ESP-IDF prints it about 10 ms after the answer; a device that never prints one costs this once
/// per request.
pub const PROMPT_WAIT: Duration = Duration::from_millis(500);

/// How a console transport behaves.
#[derive(Debug, Clone)]
pub struct ConsoleOptions {
    /// The bound on each request, from writing the line to reading the answer.
    pub request_timeout: Duration,
    /// Refuse requests whose line, CR included, would exceed this many bytes (None: let the
    /// device decide; [`STOCK_LINE_LIMIT`] for a stock ESP-IDF device).
    pub line_limit: Option<usize>,
    /// Reset the board into its app after opening the port (`--reset-board`); otherwise the
    /// port opens with RTS and DTR released, so the board keeps running.
    pub reset_board: bool,
}

impl Default for ConsoleOptions {
    fn default() -> Self {
        ConsoleOptions {
            request_timeout: Duration::from_secs(10),
            line_limit: None,
            reset_board: false,
        }
    }
}

type LineEvent = Result<ConsoleLine, String>;

/// Lines read but not yet consumed. When it is full the reader stops reading, so a device that
/// floods its console between requests costs a bounded queue (each line is at most 64 KiB),
/// not memory growing with the flood; the kernel's and the device's buffers take the rest.
const LINE_BACKLOG: usize = 256;

/// A protocomm session over a console byte stream (a serial port or PTY).
pub struct ConsoleTransport {
    peer: String,
    writer: Box<dyn Write + Send>,
    lines: mpsc::Receiver<LineEvent>,
    stop_reader: Arc<AtomicBool>,
    session_id: u32,
    options: ConsoleOptions,
    /// An answer was read and the device's prompt after it not yet.
    prompt_due: bool,
    /// What the device printed besides answers, prompts and echo.
    log: DeviceLog,
    /// The port's modem lines, to reset the board (a serial port only).
    control: Option<Box<dyn serialport::SerialPort>>,
}

impl ConsoleTransport {
    /// Opens a serial port (or PTY) at `baud`.
    pub fn open_serial(path: &str, baud: u32, options: ConsoleOptions) -> Result<Self, Error> {
        let unreachable = |e: serialport::Error| Error::SerialPort {
            port: path.to_string(),
            reason: e.to_string(),
        };
        let mut port = serialport::new(path, baud)
            .timeout(Duration::from_millis(100))
            .dtr_on_open(false)
            .open()
            .map_err(unreachable)?;
        board::release(port.as_mut());
        if options.reset_board {
            board::reset_into_app(port.as_mut()).map_err(|e| Error::SerialPort {
                port: path.to_string(),
                reason: format!("cannot drive RTS/DTR to reset the board: {e}"),
            })?;
        }
        let reader = port.try_clone().map_err(unreachable)?;
        let control = port.try_clone().map_err(unreachable)?;
        let mut console = Self::from_stream(path.to_string(), reader, port, options);
        console.control = Some(control);
        Ok(console)
    }

    /// Runs the transport over any byte stream; reads happen on a background thread.
    pub fn from_stream(
        peer: String,
        reader: impl Read + Send + 'static,
        writer: impl Write + Send + 'static,
        options: ConsoleOptions,
    ) -> Self {
        let (sender, lines) = mpsc::channel(LINE_BACKLOG);
        let stop_reader = Arc::new(AtomicBool::new(false));
        let log = DeviceLog::default();
        spawn_reader(reader, sender, Arc::clone(&stop_reader), log.clone());
        ConsoleTransport {
            peer,
            writer: Box::new(writer),
            lines,
            stop_reader,
            session_id: new_session_id(),
            options,
            prompt_due: false,
            log,
            control: None,
        }
    }

    /// The session id sent on every line; fresh per transport so the device starts a new session.
    pub fn session_id(&self) -> u32 {
        self.session_id
    }

    fn send_line(&mut self, line: &str) -> Result<(), Error> {
        let mut bytes = line.as_bytes().to_vec();
        bytes.push(b'\r');
        self.writer
            .write_all(&bytes)
            .and_then(|()| self.writer.flush())
            .map_err(|e| Error::TransportLost {
                peer: self.peer.clone(),
                reason: format!("writing to the console failed: {e}"),
            })
    }

    fn drain_stale(&mut self) {
        while self.lines.try_recv().is_ok() {}
    }

    /// Waits (at most [`PROMPT_WAIT`]) for the prompt that follows the previous answer, so the
    /// next line reaches a device that is reading again; what arrives meanwhile is discarded.
    async fn await_prompt(&mut self) -> Result<(), Error> {
        if !std::mem::take(&mut self.prompt_due) {
            return Ok(());
        }
        let bound = PROMPT_WAIT.min(self.options.request_timeout);
        let deadline = tokio::time::Instant::now() + bound;
        loop {
            match tokio::time::timeout_at(deadline, self.lines.recv()).await {
                Err(_) => {
                    tracing::debug!(target: "esprov::console", ?bound, "no prompt after the answer; sending anyway");
                    return Ok(());
                }
                Ok(None) => return Err(self.lost("the console stream closed")),
                Ok(Some(Err(reason))) => return Err(self.lost(&reason)),
                Ok(Some(Ok(ConsoleLine::Prompt))) => return Ok(()),
                Ok(Some(Ok(ConsoleLine::Reset(banner)))) => {
                    return Err(self.lost(&format!(
                        "the device reset ({}); start a new session",
                        crate::device_text::escape(&banner)
                    )))
                }
                Ok(Some(Ok(line))) => {
                    let line = crate::device_text::escape(&format!("{line:?}"));
                    tracing::trace!(target: "esprov::console", "device before its prompt: {line}");
                }
            }
        }
    }

    async fn await_response(&mut self, endpoint: &str, line: &str) -> Result<Vec<u8>, Error> {
        let deadline = tokio::time::Instant::now() + self.options.request_timeout;
        let echo_prefix = format!("{endpoint} {} ", self.session_id);
        let mut echoed = false;
        loop {
            let event = tokio::time::timeout_at(deadline, self.lines.recv()).await;
            match event {
                Err(_) => return Err(self.no_answer(endpoint, line, None)),
                Ok(None) => return Err(self.lost("the console stream closed")),
                Ok(Some(Err(reason))) => return Err(self.lost(&reason)),
                Ok(Some(Ok(ConsoleLine::Response(bytes)))) => {
                    self.prompt_due = true;
                    return Ok(bytes);
                }
                Ok(Some(Ok(ConsoleLine::Prompt))) if echoed => {
                    return Err(self.no_answer(
                        endpoint,
                        line,
                        Some("the device printed its prompt without an answer"),
                    ))
                }
                Ok(Some(Ok(ConsoleLine::Prompt))) => {}
                Ok(Some(Ok(ConsoleLine::Reset(banner)))) => {
                    return Err(self.lost(&format!(
                        "the device reset ({}); start a new session",
                        crate::device_text::escape(&banner)
                    )))
                }
                Ok(Some(Ok(ConsoleLine::Other(text)))) => {
                    if text.starts_with(&echo_prefix) {
                        // The echo repeats the request, which over security 0 holds the
                        // passphrase in hex: never logged, not even its length.
                        echoed = true;
                        tracing::trace!(target: "esprov::console", "device echoed the request (<redacted>)");
                    } else {
                        let text = crate::device_text::escape(&text);
                        tracing::trace!(target: "esprov::console", "device: {text}");
                    }
                }
            }
        }
    }

    fn lost(&self, reason: &str) -> Error {
        Error::TransportLost {
            peer: self.peer.clone(),
            reason: reason.to_string(),
        }
    }

    /// The error for a request the device did not answer: a line too long for a stock console,
    /// a refused handshake, a refused request, or silence.
    fn no_answer(&self, endpoint: &str, line: &str, refused: Option<&str>) -> Error {
        if line.len() + 1 > STOCK_LINE_LIMIT {
            return line_limit_error(line.len(), STOCK_LINE_LIMIT);
        }
        match refused {
            Some(how) if endpoint == Endpoint::ProvSession.name() => Error::Security(format!(
                "{how} during the handshake: wrong PoP or credentials?"
            )),
            Some(how) => Error::Rejected {
                endpoint: endpoint.to_string(),
                reason: how.to_string(),
            },
            None => Error::RequestTimeout {
                what: format!("an answer on {endpoint} from the console at {}", self.peer),
                after: self.options.request_timeout,
            },
        }
    }
}

/// The error naming the firmware setting to raise when a request line (`line_len` characters
/// before its CR) does not fit `limit` bytes, CR included.
pub fn line_limit_error(line_len: usize, limit: usize) -> Error {
    let fits = limit.saturating_sub(1);
    Error::Unsupported(format!(
        "this request needs a {line_len}-character console line plus its CR, but the device's console \
         reads at most {fits} characters and the CR ({limit} bytes; stock ESP-IDF: LINE_BUF_SIZE - 1 = 255 \
         in components/protocomm/src/transports/protocomm_console.c). Raise LINE_BUF_SIZE in the \
         firmware (security 2 needs about 830), or provision over BLE or HTTP"
    ))
}

#[async_trait]
impl Transport for ConsoleTransport {
    async fn request(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        let line = request_line(endpoint, self.session_id, payload);
        if let Some(limit) = self.options.line_limit {
            if line.len() + 1 > limit {
                return Err(line_limit_error(line.len(), limit));
            }
        }
        self.await_prompt().await?;
        self.drain_stale();
        tracing::debug!(
            target: "esprov::console",
            endpoint,
            bytes = %super::logged_len(endpoint, payload.len()),
            "request"
        );
        self.send_line(&line)?;
        self.await_response(endpoint, &line).await
    }

    async fn request_raw(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        let line = request_line(endpoint, self.session_id, payload);
        self.drain_stale();
        self.send_line(&line)?;
        self.await_response(endpoint, &line).await
    }

    async fn new_transport_session(&mut self) -> Result<(), Error> {
        self.session_id = new_session_id();
        Ok(())
    }

    fn max_request_len(&self) -> Option<usize> {
        let limit = self.options.line_limit?;
        let overhead = "prov-session 2147483647 ".len() + 1;
        Some(limit.saturating_sub(overhead) / 2)
    }

    fn peer(&self) -> String {
        self.peer.clone()
    }

    fn device_log(&self) -> Option<DeviceLog> {
        Some(self.log.clone())
    }

    /// Resets the board into its app (the same RTS/DTR sequence as `--reset-board` at open),
    /// then starts a fresh session: whatever the old firmware said is stale.
    async fn reset_board(&mut self) -> Result<bool, Error> {
        let Some(mut port) = self.control.take() else {
            return Ok(false);
        };
        let (port, reset) = tokio::task::spawn_blocking(move || {
            let reset = board::reset_into_app(port.as_mut());
            (port, reset)
        })
        .await
        .map_err(|e| self.lost(&format!("the reset task failed: {e}")))?;
        self.control = Some(port);
        reset.map_err(|e| Error::SerialPort {
            port: self.peer.clone(),
            reason: format!("cannot drive RTS/DTR to reset the board: {e}"),
        })?;
        self.drain_stale();
        self.prompt_due = false;
        self.session_id = new_session_id();
        Ok(true)
    }

    async fn close(&mut self) {
        self.stop_reader.store(true, Ordering::Relaxed);
    }
}

impl Drop for ConsoleTransport {
    fn drop(&mut self) {
        self.stop_reader.store(true, Ordering::Relaxed);
    }
}

fn new_session_id() -> u32 {
    rand::random::<u32>() % (i32::MAX as u32) + 1
}

fn spawn_reader(
    mut reader: impl Read + Send + 'static,
    sender: mpsc::Sender<LineEvent>,
    stop: Arc<AtomicBool>,
    log: DeviceLog,
) {
    std::thread::spawn(move || {
        let mut splitter = LineSplitter::default();
        let mut buffer = [0u8; 1024];
        while !stop.load(Ordering::Relaxed) {
            let lines = match reader.read(&mut buffer) {
                Ok(0) => {
                    let _ = sender.blocking_send(Err("the console stream closed".into()));
                    return;
                }
                Ok(n) => splitter.push(&buffer[..n]),
                Err(e) if is_transient(&e) => continue,
                Err(e) => {
                    let _ = sender.blocking_send(Err(format!("reading the console failed: {e}")));
                    return;
                }
            };
            for line in lines {
                match &line {
                    ConsoleLine::Other(text) | ConsoleLine::Reset(text) => log.push(text),
                    ConsoleLine::Response(_) | ConsoleLine::Prompt => {}
                }
                if sender.blocking_send(Ok(line)).is_err() {
                    return;
                }
            }
        }
    });
}

fn is_transient(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::TimedOut
            | std::io::ErrorKind::WouldBlock
            | std::io::ErrorKind::Interrupted
    )
}

#[cfg(test)]
#[path = "console_tests.rs"]
mod tests;
