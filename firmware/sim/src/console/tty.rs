//! A PTY or serial device opened by path, in raw mode, as a non-blocking tokio stream.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use nix::fcntl::OFlag;
use nix::sys::termios::{cfmakeraw, tcgetattr, tcsetattr, SetArg};
use tokio::io::unix::AsyncFd;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// What keeps a PTY pair alive between clients: its slave descriptor.
pub type PtyHold = std::os::fd::OwnedFd;

/// A terminal device that reads and writes without blocking the runtime, so shutdown never waits on it.
pub struct Tty {
    fd: AsyncFd<File>,
}

impl Tty {
    /// Opens `path` read-write, non-blocking, without making it the controlling terminal, in raw mode.
    pub fn open(path: &Path) -> io::Result<Tty> {
        let file = open_nonblocking(path, true)?;
        make_raw(&file);
        Tty::register(file)
    }

    /// Re-opens this process's stdin as a separate non-blocking description (terminal modes
    /// untouched), so a pending read never holds up shutdown. Fails for regular files and sockets.
    pub fn reopen_stdin() -> io::Result<Tty> {
        Tty::register(open_nonblocking(Path::new("/proc/self/fd/0"), false)?)
    }

    /// Creates a PTY pair in raw mode: the device serves the returned master, and clients open
    /// the returned path as they would a serial port. The slave descriptor keeps the pair alive
    /// between clients.
    pub fn open_pty() -> io::Result<(Tty, std::path::PathBuf, PtyHold)> {
        let pty = nix::pty::openpty(None, None)?;
        let path = nix::unistd::ttyname(&pty.slave)?;
        make_raw(&File::from(pty.slave.try_clone()?));
        let master = File::from(pty.master);
        nix::fcntl::fcntl(&master, nix::fcntl::FcntlArg::F_SETFL(OFlag::O_NONBLOCK))?;
        Ok((Tty::register(master)?, path, pty.slave))
    }

    fn register(file: File) -> io::Result<Tty> {
        // SAFETY: `file` owns its descriptor; nothing replaces or closes it while the AsyncFd holds it.
        let fd = unsafe { AsyncFd::register(file) }?;
        Ok(Tty { fd })
    }
}

fn open_nonblocking(path: &Path, write: bool) -> io::Result<File> {
    let flags = OFlag::O_NOCTTY | OFlag::O_NONBLOCK;
    OpenOptions::new()
        .read(true)
        .write(write)
        .custom_flags(flags.bits())
        .open(path)
}

/// Raw mode: no echo, no line editing, no CR/LF translation; ignored for non-terminals.
fn make_raw(file: &File) {
    if let Ok(mut attrs) = tcgetattr(file) {
        cfmakeraw(&mut attrs);
        let _ = tcsetattr(file, SetArg::TCSANOW, &attrs);
    }
}

impl AsyncRead for Tty {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        loop {
            let mut guard = ready!(self.fd.poll_read_ready(cx))?;
            let unfilled = buf.initialize_unfilled();
            match guard.try_io(|inner| inner.get_ref().read(unfilled)) {
                Ok(Ok(n)) => {
                    buf.advance(n);
                    return Poll::Ready(Ok(()));
                }
                Ok(Err(err)) => return Poll::Ready(Err(err)),
                Err(_would_block) => continue,
            }
        }
    }
}

impl AsyncWrite for Tty {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        loop {
            let mut guard = ready!(self.fd.poll_write_ready(cx))?;
            match guard.try_io(|inner| inner.get_ref().write(data)) {
                Ok(result) => return Poll::Ready(result),
                Err(_would_block) => continue,
            }
        }
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}
