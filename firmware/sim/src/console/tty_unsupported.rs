//! PTYs and serial devices by path need a Unix system; elsewhere `esprov sim --transport console`
//! serves stdin and stdout, and `--pty` or `--tty` fail with a clear error.

use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// No PTY pair exists here; the type only keeps the API the same.
pub struct PtyHold;

/// A terminal device; none can be opened on this system.
pub enum Tty {}

fn unsupported() -> io::Error {
    io::Error::new(
        io::ErrorKind::Unsupported,
        "console devices (--pty, --tty) need a Unix system; use the console on stdin/stdout",
    )
}

impl Tty {
    /// Always fails: no terminal devices by path here.
    pub fn open(_path: &Path) -> io::Result<Tty> {
        Err(unsupported())
    }

    /// Always fails, so the console falls back to tokio's stdin.
    pub fn reopen_stdin() -> io::Result<Tty> {
        Err(unsupported())
    }

    /// Always fails: no PTYs here.
    pub fn open_pty() -> io::Result<(Tty, PathBuf, PtyHold)> {
        Err(unsupported())
    }
}

impl AsyncRead for Tty {
    fn poll_read(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        _: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        match *self {}
    }
}

impl AsyncWrite for Tty {
    fn poll_write(self: Pin<&mut Self>, _: &mut Context<'_>, _: &[u8]) -> Poll<io::Result<usize>> {
        match *self {}
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        match *self {}
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        match *self {}
    }
}
