//! Running `esprov` on a pseudo-terminal (stdin and stderr on the PTY, stdout piped), to see what
//! a person at a terminal sees: spinners, prompts, and what is left on screen.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A fresh PTY of 30 rows and 100 columns: `(master, slave)`.
pub fn open_pty() -> (File, File) {
    let (mut master_fd, mut slave_fd) = (-1, -1);
    let size = libc::winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors into our locals; the size struct outlives the call.
    let rc = unsafe {
        libc::openpty(
            &mut master_fd,
            &mut slave_fd,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: both descriptors were just opened by openpty and are owned by nobody else.
    unsafe {
        (
            File::from_raw_fd(master_fd),
            File::from(OwnedFd::from_raw_fd(slave_fd)),
        )
    }
}

/// An `esprov` process whose stdin and stderr are a PTY of 100 columns.
pub struct PtyRun {
    child: Child,
    master: File,
    screen: mpsc::Receiver<Vec<u8>>,
    stdout: mpsc::Receiver<String>,
    /// Every byte the PTY showed so far.
    pub seen: Vec<u8>,
}

impl PtyRun {
    /// Starts `esprov ARGS` on a fresh PTY.
    pub fn start(args: &[&str]) -> PtyRun {
        let (master, slave) = open_pty();
        let mut command = super::esprov();
        command
            .args(args)
            .env("TERM", "xterm")
            .env_remove("NO_COLOR")
            .stdin(Stdio::from(slave.try_clone().expect("dup slave")))
            .stderr(Stdio::from(slave))
            .stdout(Stdio::piped());
        // The PTY becomes the child's controlling terminal, as a shell's is: hidden prompts
        // (rpassword) read /dev/tty.
        // SAFETY: between fork and exec only async-signal-safe calls are made (setsid, ioctl).
        unsafe {
            std::os::unix::process::CommandExt::pre_exec(&mut command, || {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = command.spawn().expect("esprov starts on the PTY");
        let mut reader = master.try_clone().expect("dup master");
        let (tx, screen) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            // EIO once the child side closes: the end of the screen.
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        let mut out = child.stdout.take().expect("piped stdout");
        let (tx, stdout) = mpsc::channel();
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = out.read_to_string(&mut text);
            let _ = tx.send(text);
        });
        PtyRun {
            child,
            master,
            screen,
            stdout,
            seen: Vec::new(),
        }
    }

    /// Reads the screen until `needle` appears (failing after `limit`); returns all bytes so far.
    #[track_caller]
    pub fn wait_for(&mut self, needle: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        while !String::from_utf8_lossy(&self.seen).contains(needle) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.screen.recv_timeout(left) {
                Ok(bytes) => self.seen.extend_from_slice(&bytes),
                Err(_) => panic!(
                    "{needle:?} not on the screen within {limit:?}:\n{:?}",
                    String::from_utf8_lossy(&self.seen)
                ),
            }
        }
        String::from_utf8_lossy(&self.seen).into_owned()
    }

    /// The bytes the screen gets during `time` (nothing typed meanwhile).
    pub fn drain_for(&mut self, time: Duration) -> Vec<u8> {
        let deadline = Instant::now() + time;
        let mut got = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            if let Ok(bytes) = self.screen.recv_timeout(left) {
                got.extend_from_slice(&bytes);
            }
        }
        self.seen.extend_from_slice(&got);
        got
    }

    /// Types `text` on the terminal.
    pub fn type_text(&mut self, text: &str) {
        self.master.write_all(text.as_bytes()).expect("type");
    }

    /// Waits for the exit (bounded), then returns the code and what stdout carried.
    #[track_caller]
    pub fn finish(mut self, limit: Duration) -> (i32, String, String) {
        let deadline = Instant::now() + limit;
        let status = loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                break status;
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!(
                    "esprov on the PTY did not finish within {limit:?}:\n{:?}",
                    String::from_utf8_lossy(&self.seen)
                );
            }
            while let Ok(bytes) = self.screen.try_recv() {
                self.seen.extend_from_slice(&bytes);
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let _ = self.drain_for(Duration::from_millis(100));
        let stdout = self
            .stdout
            .recv_timeout(Duration::from_secs(5))
            .unwrap_or_default();
        (
            status.code().unwrap_or(-1),
            stdout,
            String::from_utf8_lossy(&self.seen).into_owned(),
        )
    }
}

impl Drop for PtyRun {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
