//! Reads a secret from the terminal with echo turned off BEFORE the prompt is shown, so keys
//! typed as soon as the prompt appears are never echoed (a prompt-then-silence order races).

use std::io;

/// Shows `prompt` on the controlling terminal and reads one line without echo.
#[cfg(unix)]
pub fn prompt_password(prompt: &str) -> io::Result<String> {
    use std::fs::OpenOptions;
    use std::io::{BufRead, BufReader, Write};
    use std::os::fd::AsRawFd;

    let mut tty = OpenOptions::new().read(true).write(true).open("/dev/tty")?;
    let _echo_off = EchoOff::new(tty.as_raw_fd())?;
    tty.write_all(prompt.as_bytes())?;
    tty.flush()?;
    let mut line = String::new();
    BufReader::new(&tty).read_line(&mut line)?;
    // The Enter key was not echoed either: end the prompt's line ourselves.
    tty.write_all(b"\n")?;
    // Cut in place: a trimmed copy would leave the secret behind in the dropped buffer.
    let kept = line.trim_end_matches(['\r', '\n']).len();
    line.truncate(kept);
    Ok(line)
}

/// Falls back to rpassword where there are no termios.
#[cfg(not(unix))]
pub fn prompt_password(prompt: &str) -> io::Result<String> {
    rpassword::prompt_password(prompt)
}

/// The terminal's settings with echo cleared; restored when dropped, whatever happens.
#[cfg(unix)]
struct EchoOff {
    fd: std::os::fd::RawFd,
    saved: libc::termios,
}

#[cfg(unix)]
impl EchoOff {
    fn new(fd: std::os::fd::RawFd) -> io::Result<Self> {
        // SAFETY: termios is plain data; tcgetattr fills it or fails.
        let mut saved: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: fd is an open terminal owned by the caller for this guard's lifetime.
        if unsafe { libc::tcgetattr(fd, &mut saved) } != 0 {
            return Err(io::Error::last_os_error());
        }
        let mut quiet = saved;
        quiet.c_lflag &= !(libc::ECHO | libc::ECHOE | libc::ECHOK | libc::ECHONL);
        // SAFETY: as above; `quiet` is a valid termios derived from the terminal's own.
        if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &quiet) } != 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Self { fd, saved })
    }
}

#[cfg(unix)]
impl Drop for EchoOff {
    fn drop(&mut self) {
        // SAFETY: restores the settings read from the same fd in `new`.
        unsafe { libc::tcsetattr(self.fd, libc::TCSANOW, &self.saved) };
    }
}
