//! `--timeout`: one time budget for a whole run, spent by its network phases.

use std::future::Future;
use std::time::Duration;

use esprov::Error;
use tokio::time::Instant;

/// What is left of the run's time bound; prompts in between do not spend it.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    total: Duration,
    spent: Duration,
}

impl Budget {
    /// A budget of `total`.
    pub fn new(total: Duration) -> Self {
        Budget {
            total,
            spent: Duration::ZERO,
        }
    }

    /// The whole bound, for messages.
    pub fn total(&self) -> Duration {
        self.total
    }

    /// What is left.
    pub fn remaining(&self) -> Duration {
        self.total.saturating_sub(self.spent)
    }

    /// The instant the remaining budget runs out, if a phase started now.
    pub fn deadline(&self) -> Instant {
        Instant::now() + self.remaining()
    }

    /// Runs one phase within the remaining budget; `what` names it if it runs out.
    pub async fn run<R>(
        &mut self,
        what: &str,
        phase: impl Future<Output = Result<R, Error>>,
    ) -> Result<R, Error> {
        let started = Instant::now();
        let result = tokio::time::timeout(self.remaining(), phase).await;
        self.spent += started.elapsed();
        result.map_err(|_| Error::Timeout {
            what: what.to_owned(),
            after: self.total,
        })?
    }
}
