//! The copy-paste console mode: the user relays lines between esprov and the device, as with esp_prov.

use std::io::{BufRead, Write};
use std::time::Duration;

use async_trait::async_trait;

use super::{classify, request_line, ConsoleLine};
use crate::transport::Transport;
use crate::Error;

/// Called before each paste prompt, so a caller's spinner can get off the prompt's line.
pub type PromptHook = std::sync::Arc<dyn Fn() + Send + Sync>;

/// A console transport where a person copies each request to the device and pastes its answer back.
pub struct ManualConsole {
    session_id: u32,
    timeout: Duration,
    before_prompt: Option<PromptHook>,
}

impl ManualConsole {
    /// Relays through stderr and stdin; `timeout` bounds how long a person may take per message.
    pub fn new(timeout: Duration) -> Self {
        ManualConsole {
            session_id: 0,
            timeout,
            before_prompt: None,
        }
    }

    /// Runs `hook` before each prompt (the CLI hides its spinner there).
    pub fn with_prompt_hook(mut self, hook: PromptHook) -> Self {
        self.before_prompt = Some(hook);
        self
    }
}

#[async_trait]
impl Transport for ManualConsole {
    async fn request(&mut self, endpoint: &str, payload: &[u8]) -> Result<Vec<u8>, Error> {
        let line = request_line(endpoint, self.session_id, payload);
        if let Some(hook) = &self.before_prompt {
            hook();
        }
        let mut stderr = std::io::stderr();
        let _ = writeln!(stderr, "Client->Device msg : {line}");
        let _ = write!(stderr, "Enter device->client msg : ");
        let _ = stderr.flush();
        let read = tokio::task::spawn_blocking(|| {
            let mut answer = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut answer)
                .map(|_| answer)
        });
        let answer = tokio::time::timeout(self.timeout, read)
            .await
            .map_err(|_| Error::Timeout {
                what: "the pasted device answer".into(),
                after: self.timeout,
            })?
            .map_err(|e| Error::Usage(format!("reading stdin failed: {e}")))?
            .map_err(|e| Error::Usage(format!("reading stdin failed: {e}")))?;
        match classify(&answer) {
            ConsoleLine::Response(bytes) => Ok(bytes),
            _ if answer.is_empty() => {
                Err(Error::Usage("stdin closed before the device answer".into()))
            }
            _ => Err(Error::Usage(format!(
                "the pasted answer is not a hex string: {:?}",
                answer.trim()
            ))),
        }
    }

    fn peer(&self) -> String {
        "console (manual)".into()
    }
}
