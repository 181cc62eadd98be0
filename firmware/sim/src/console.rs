//! The console transport (PROTOCOL.md §3.3): `<endpoint> <session-id> <hex>` lines in,
//! `\r\n<hex>\r\n` and the `\n>> ` prompt out, on stdin/stdout or a PTY/serial path; with
//! `stock`, ESP-IDF's own line rules instead (see `esprov_device::console::StockLineReader`).

mod line;
mod logs;
mod stock;
#[cfg(unix)]
mod tty;
#[cfg(not(unix))]
#[path = "console/tty_unsupported.rs"]
mod tty;

use std::future::Future;
use std::path::Path;

use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};

use crate::protocomm::SharedProtocomm;
use crate::SimError;
use esprov_device::console::{answer_frame, parse_request, ConsoleRequest, ConsoleSession, Line};
pub use esprov_device::console::{LINE_LIMIT as DEFAULT_LINE_LIMIT, PROMPT};
use line::LineReader;
use logs::DeviceLog;
pub use tty::Tty;
/// The bytes ESP-IDF's stock console keeps per line, its CR included: 254 characters and the CR.
pub const STOCK_LINE_LIMIT: usize = esprov_device::console::STOCK_LINE_BYTES;

const TAG: &str = "protocomm_console";

/// How the console behaves; the defaults suit clients, `stock()` mimics an unmodified device.
#[derive(Debug, Clone)]
pub struct ConsoleConfig {
    /// Longest accepted line in characters; longer lines get an error line and no answer.
    pub max_line: usize,
    /// Interleave ESP-IDF style log lines with answers, as a real device's UART does.
    pub device_logs: bool,
    /// Behave as stock ESP-IDF does: 255-byte line pieces, only CR ends a line, byte-wise echo,
    /// `\r\r\n<hex>\r\r\n` answers and the prompt 10 ms later (`max_line` is then unused).
    pub stock: bool,
    /// Test fault: exit the process (a crash) on a line over the limit instead of discarding it.
    pub crash_on_oversize: bool,
}

impl Default for ConsoleConfig {
    fn default() -> Self {
        Self {
            max_line: DEFAULT_LINE_LIMIT,
            device_logs: true,
            stock: false,
            crash_on_oversize: false,
        }
    }
}

impl ConsoleConfig {
    /// The configuration for `--stock-line-limit` on or off.
    pub fn with_stock_limit(stock: bool) -> Self {
        let max_line = if stock {
            STOCK_LINE_LIMIT
        } else {
            DEFAULT_LINE_LIMIT
        };
        Self {
            max_line,
            stock,
            ..Self::default()
        }
    }
}

/// Serves the console on this process's stdin and stdout until end of input or `shutdown`.
pub async fn serve_console_stdio(
    device: SharedProtocomm,
    config: ConsoleConfig,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), SimError> {
    let stdout = tokio::io::stdout();
    match Tty::reopen_stdin() {
        Ok(stdin) => serve_console(stdin, stdout, device, config, shutdown).await,
        // A regular file cannot be polled; tokio's blocking stdin reads it to the end quickly.
        Err(_) => serve_console(tokio::io::stdin(), stdout, device, config, shutdown).await,
    }
}

/// Serves the console on the PTY or serial device at `path` until it closes or `shutdown`.
pub async fn serve_console_tty(
    path: &Path,
    device: SharedProtocomm,
    config: ConsoleConfig,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), SimError> {
    let tty = Tty::open(path).map_err(|source| SimError::Io {
        context: format!("opening console {}", path.display()),
        source,
    })?;
    let (reader, writer) = tokio::io::split(tty);
    serve_console(reader, writer, device, config, shutdown).await
}

/// Serves the console on any byte streams until end of input or `shutdown`.
pub async fn serve_console<R, W>(
    reader: R,
    writer: W,
    device: SharedProtocomm,
    config: ConsoleConfig,
    shutdown: impl Future<Output = ()> + Send,
) -> Result<(), SimError>
where
    R: AsyncRead + Unpin + Send,
    W: AsyncWrite + Unpin + Send,
{
    let mut console = Console {
        writer,
        device,
        session: ConsoleSession::default(),
        log: DeviceLog::new(config.device_logs),
        max_line: config.max_line,
        crash_on_oversize: config.crash_on_oversize,
    };
    tokio::pin!(shutdown);
    if config.stock {
        return tokio::select! {
            () = &mut shutdown => Ok(()),
            result = console.run_stock(reader) => result,
        };
    }
    let lines = LineReader::new(reader, config.max_line);
    tokio::select! {
        () = &mut shutdown => Ok(()),
        result = console.run(lines) => result,
    }
}

struct Console<W> {
    writer: W,
    device: SharedProtocomm,
    session: ConsoleSession,
    log: DeviceLog,
    max_line: usize,
    crash_on_oversize: bool,
}

impl<W: AsyncWrite + Unpin> Console<W> {
    async fn run<R: AsyncRead + Unpin>(
        &mut self,
        mut lines: LineReader<R>,
    ) -> Result<(), SimError> {
        self.write(PROMPT).await?;
        while let Some(line) = lines.next_line().await {
            // The device echoes what it reads, its line terminator as CR LF.
            let (echo, output) = match line {
                Line::Text(text) => {
                    let output = self.answer(&text);
                    (text, output)
                }
                Line::TooLong(len, head) => {
                    if self.crash_on_oversize {
                        crate::crash("a console line over the limit");
                    }
                    let limit = self.max_line;
                    let output = self.log.error(
                        TAG,
                        &format!("line of {len} characters exceeds {limit}; discarded"),
                    );
                    (head, output)
                }
            };
            self.write(&format!("{echo}\r\n{output}{PROMPT}")).await?;
        }
        Ok(())
    }

    /// The text printed for one request line, without the prompt.
    fn answer(&mut self, text: &str) -> String {
        let request = match parse_request(text) {
            Ok(request) => request,
            Err(why) => return self.log.error(TAG, &why.to_string()),
        };
        let output = match self.call(&request) {
            Ok(response) => {
                let chatter = self.log.chatter().unwrap_or_default();
                format!("{chatter}{}", answer_frame(&response))
            }
            Err(why) => self.log.error(TAG, &why),
        };
        format!("{}{output}", self.manager_log())
    }

    /// What the manager logged since the last request (its state changes), to print first.
    fn manager_log(&self) -> String {
        let lines = self
            .device
            .lock()
            .map(|mut device| device.take_log())
            .unwrap_or_default();
        self.log.manager(lines)
    }

    fn call(&mut self, request: &ConsoleRequest) -> Result<Vec<u8>, String> {
        let mut device = self
            .device
            .lock()
            .map_err(|_| "device unavailable".to_string())?;
        if !device.has_endpoint(&request.endpoint) {
            return Err(format!("unrecognized command {:?}", request.endpoint));
        }
        if let Some(switch) = self.session.enter(request.session_id) {
            if let Some(old) = switch.close {
                device.close_session(old);
            }
            device.open_session(switch.open);
        }
        device
            .handle(&request.endpoint, request.session_id, &request.payload)
            .map_err(|e| format!("{} failed: {e}", request.endpoint))
    }

    async fn write(&mut self, text: &str) -> Result<(), SimError> {
        let io = |source| SimError::Io {
            context: "writing console output".into(),
            source,
        };
        self.writer.write_all(text.as_bytes()).await.map_err(io)?;
        self.writer.flush().await.map_err(io)
    }
}
