//! A private `dbus-daemon` with a permissive system-bus-like policy, killed on drop.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const DAEMON: &str = "/usr/bin/dbus-daemon";

/// A running private bus; `address` goes into DBUS_SYSTEM_BUS_ADDRESS.
pub struct DbusDaemon {
    child: Child,
    dir: PathBuf,
    pub address: String,
}

impl DbusDaemon {
    /// Starts a bus, or says why it cannot (the caller prints one SKIP line).
    pub fn start() -> Result<Self, String> {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "esprov-bus-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::SeqCst)
        );
        let dir = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&dir).map_err(|e| format!("temp dir: {e}"))?;
        let config = dir.join("bus.conf");
        std::fs::write(&config, policy(&dir.join("socket")))
            .map_err(|e| format!("bus config: {e}"))?;
        let mut child = Command::new(DAEMON)
            .arg(format!("--config-file={}", config.display()))
            .args(["--print-address", "--nofork", "--nopidfile"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{DAEMON} cannot start: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let deadline = Instant::now() + Duration::from_secs(5);
        let address = rx
            .recv_timeout(deadline - Instant::now())
            .map_err(|_| "dbus-daemon printed no address".to_string())?;
        let address = address.trim().to_string();
        if address.is_empty() {
            let _ = child.kill();
            return Err("dbus-daemon exited without an address".into());
        }
        Ok(DbusDaemon {
            child,
            dir,
            address,
        })
    }
}

fn policy(socket: &std::path::Path) -> String {
    format!(
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
  </policy>
</busconfig>
"#,
        socket.display()
    )
}

impl Drop for DbusDaemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
