//! Every BLE wait goes through here, so none can hang.

use std::future::Future;
use std::time::Duration;

use crate::Error;

/// One request's write or read: its timeout names `--request-timeout`, not the whole run.
pub async fn bounded_request<T>(
    after: Duration,
    what: &str,
    future: impl Future<Output = T>,
) -> Result<T, Error> {
    tokio::time::timeout(after, future)
        .await
        .map_err(|_| Error::RequestTimeout {
            what: what.to_string(),
            after,
        })
}

/// Runs `future` for at most `after`, naming `what` in the timeout error.
pub async fn bounded<T>(
    after: Duration,
    what: &str,
    future: impl Future<Output = T>,
) -> Result<T, Error> {
    tokio::time::timeout(after, future)
        .await
        .map_err(|_| Error::Timeout {
            what: what.to_string(),
            after,
        })
}
