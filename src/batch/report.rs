//! The durable report: one writer thread owns the file; every record is on disk before it is
//! acknowledged, and records that arrive together share one write and one fsync (group commit).

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use tokio::sync::{mpsc, oneshot};

use super::record::Record;
use crate::Error;

/// Bound on waiting for one record to reach the disk.
pub const ACK_TIMEOUT: Duration = Duration::from_secs(60);
/// Most records in one group commit.
const MAX_GROUP: usize = 1024;

/// What the writer did, for the summary and the benchmark's breakdown.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WriterStats {
    /// Records written.
    pub records: u64,
    /// Write + fsync rounds (fewer than records when group commit batched them).
    pub commits: u64,
    /// Time in `write_all`.
    pub write_time: Duration,
    /// Time in `sync_data`.
    pub sync_time: Duration,
    /// The largest group.
    pub max_group: usize,
}

struct Pending {
    line: String,
    done: oneshot::Sender<Result<(), String>>,
}

/// The report's one writer; clone-free: share it by reference.
pub struct ReportWriter {
    tx: Option<mpsc::UnboundedSender<Pending>>,
    thread: Option<std::thread::JoinHandle<WriterStats>>,
    path: String,
}

impl ReportWriter {
    /// Opens `path` for appending (creating it) and starts the writer; `group` enables group commit.
    pub fn open(path: &Path, group: bool) -> Result<Self, Error> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| Error::Io {
                context: format!("opening the report {}", path.display()),
                source: e,
            })?;
        // One run per report: a second run would interleave records and provision twice.
        // The lock lives as long as the file, held by the writer thread until the run ends.
        file.try_lock().map_err(|e| match e {
            std::fs::TryLockError::WouldBlock => Error::Usage(format!(
                "the report {} is in use by another esprov batch run: wait for it, or choose \
                 another --report",
                path.display()
            )),
            std::fs::TryLockError::Error(source) => Error::Io {
                context: format!("locking the report {}", path.display()),
                source,
            },
        })?;
        let (tx, rx) = mpsc::unbounded_channel();
        let thread = std::thread::Builder::new()
            .name("esprov-report".into())
            .spawn(move || write_loop(file, rx, group))
            .map_err(|e| Error::Io {
                context: "starting the report writer".into(),
                source: e,
            })?;
        Ok(ReportWriter {
            tx: Some(tx),
            thread: Some(thread),
            path: path.display().to_string(),
        })
    }

    /// Writes one record and returns once it is fsynced.
    pub async fn write(&self, record: &Record) -> Result<(), Error> {
        let (done, acked) = oneshot::channel();
        let pending = Pending {
            line: record.to_line(),
            done,
        };
        let sent = self
            .tx
            .as_ref()
            .map(|tx| tx.send(pending).is_ok())
            .unwrap_or(false);
        let failed = |why: String| Error::Io {
            context: format!("writing the report {}", self.path),
            source: std::io::Error::other(why),
        };
        if !sent {
            return Err(failed("the report writer has stopped".into()));
        }
        match tokio::time::timeout(ACK_TIMEOUT, acked).await {
            Ok(Ok(Ok(()))) => Ok(()),
            Ok(Ok(Err(why))) => Err(failed(why)),
            Ok(Err(_)) => Err(failed("the report writer has stopped".into())),
            Err(_) => Err(failed(format!(
                "the disk did not confirm a record within {ACK_TIMEOUT:?}"
            ))),
        }
    }

    /// Stops the writer once every queued record is written, and returns its statistics.
    pub async fn finish(mut self) -> WriterStats {
        self.tx = None;
        match self.thread.take() {
            Some(thread) => tokio::task::spawn_blocking(move || thread.join().unwrap_or_default())
                .await
                .unwrap_or_default(),
            None => WriterStats::default(),
        }
    }
}

fn write_loop(
    mut file: File,
    mut rx: mpsc::UnboundedReceiver<Pending>,
    group: bool,
) -> WriterStats {
    let mut stats = WriterStats::default();
    let mut broken: Option<String> = None;
    let mut batch = Vec::new();
    let mut buf = Vec::new();
    while let Some(first) = rx.blocking_recv() {
        batch.push(first);
        while group && batch.len() < MAX_GROUP {
            match rx.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        let result = match &broken {
            Some(why) => Err(why.clone()),
            None => commit(&mut file, &batch, &mut buf, &mut stats),
        };
        if let Err(why) = &result {
            broken = Some(why.clone());
        }
        for pending in batch.drain(..) {
            let _ = pending.done.send(result.clone());
        }
    }
    stats
}

/// Writes the group as one `write_all` of complete lines, then `sync_data`; a failed write is cut
/// back so the file never keeps half a line.
fn commit(
    file: &mut File,
    batch: &[Pending],
    buf: &mut Vec<u8>,
    stats: &mut WriterStats,
) -> Result<(), String> {
    buf.clear();
    for pending in batch {
        buf.extend_from_slice(pending.line.as_bytes());
    }
    let before = file
        .metadata()
        .map(|m| m.len())
        .map_err(|e| e.to_string())?;
    let started = Instant::now();
    if let Err(e) = file.write_all(buf) {
        let _ = file.set_len(before);
        return Err(e.to_string());
    }
    let written = Instant::now();
    file.sync_data().map_err(|e| e.to_string())?;
    stats.write_time += written - started;
    stats.sync_time += written.elapsed();
    stats.records += batch.len() as u64;
    stats.commits += 1;
    stats.max_group = stats.max_group.max(batch.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::record::OK;

    fn record(device: usize) -> Record {
        Record {
            device: format!("127.0.0.1:{device}"),
            label: None,
            attempt: 1,
            result: OK.into(),
            reason: None,
            exit_code: 0,
            ip: None,
            thread: None,
            session_ms: None,
            config_ms: None,
            connect_ms: None,
            total_ms: crate::contract::Millis(0.0),
            message: None,
            help: None,
            note: None,
            is_final: true,
            ts_ms: 0,
        }
    }

    #[tokio::test]
    async fn a_report_in_use_is_refused_at_once() {
        let path = std::env::temp_dir().join(format!("esprov-locked-{}.jsonl", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let first = ReportWriter::open(&path, false).expect("open");
        let second = ReportWriter::open(&path, false).err().expect("refused");
        assert_eq!(second.exit_code(), crate::exit::USAGE);
        assert!(second.to_string().contains("in use"), "{second}");
        first.finish().await;
        let again = ReportWriter::open(&path, false).expect("free again after the run");
        again.finish().await;
        let _ = std::fs::remove_file(&path);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_records_are_all_written_whole_and_grouped() {
        let path = std::env::temp_dir().join(format!("esprov-report-{}.jsonl", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let writer = std::sync::Arc::new(ReportWriter::open(&path, true).expect("open"));
        let tasks: Vec<_> = (0..200)
            .map(|i| {
                let writer = writer.clone();
                tokio::spawn(async move { writer.write(&record(i)).await })
            })
            .collect();
        for task in tasks {
            task.await.expect("task").expect("written");
        }
        let writer = std::sync::Arc::into_inner(writer).expect("sole owner");
        let stats = writer.finish().await;
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(text.lines().count(), 200);
        assert!(text
            .lines()
            .all(|l| serde_json::from_str::<Record>(l).is_ok()));
        assert_eq!(stats.records, 200);
        assert!(stats.commits <= 200);
        let _ = std::fs::remove_file(&path);
    }
}
