//! Where secrets come from: a flag, a file or stdin, an environment variable, or a hidden prompt
//! on a terminal. A secret is never printed or logged.

use std::io::IsTerminal;

use esprov::secret_file::read_secret;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use esprov::session::Secret;
use esprov::Error;

/// Environment variable holding the security 1 PoP.
pub const ENV_POP: &str = "ESPROV_POP";
/// Environment variable holding the security 2 password.
pub const ENV_PASSWORD: &str = "ESPROV_PASSWORD";
/// Environment variable holding the Wi-Fi passphrase.
pub const ENV_PASSPHRASE: &str = "ESPROV_PASSPHRASE";

/// Set once stdin has been consumed by a `--*-file -`, so a second one fails clearly.
static STDIN_TAKEN: AtomicBool = AtomicBool::new(false);

/// One secret's possible sources, in the order they are tried.
#[derive(Debug, Clone, Copy)]
pub struct SecretSource<'a> {
    /// What the secret is, for messages ("PoP").
    pub what: &'static str,
    /// The flag that gives it directly (`--pop`), for messages.
    pub flag: &'static str,
    /// The value of that flag.
    pub value: Option<&'a str>,
    /// The value of its `--*-file` flag.
    pub file: Option<&'a Path>,
    /// Its environment variable.
    pub env: &'static str,
}

impl SecretSource<'_> {
    /// The secret from the flag, the file or the environment, if any of them has it.
    pub fn given(&self) -> Result<Option<Secret>, Error> {
        if let Some(value) = self.value {
            return Ok(Some(Secret::from(value)));
        }
        if let Some(path) = self.file {
            return read_secret_file(path, self.what).map(Some);
        }
        Ok(std::env::var_os(self.env).map(|v| Secret::from(v.to_string_lossy().into_owned())))
    }

    /// The secret from any source, asking on the terminal as the last resort.
    pub fn given_or_prompt(&self) -> Result<Secret, Error> {
        match self.given()? {
            Some(secret) => Ok(secret),
            None => prompt_hidden(self),
        }
    }
}

/// Whether esprov may ask the user: stdin and stderr are both terminals.
pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// Asks for a secret without echo, or fails with a usage error when there is no terminal.
pub fn prompt_hidden(source: &SecretSource<'_>) -> Result<Secret, Error> {
    if !interactive() {
        return Err(missing(source));
    }
    super::progress::hide();
    super::hidden_prompt::prompt_password(&format!("{}: ", source.what))
        .map(Secret::from)
        .map_err(|e| Error::Io {
            context: format!("reading the {} from the terminal", source.what),
            source: e,
        })
}

/// Asks for a value that is not secret (the SRP username), echoing it.
pub fn prompt_visible(what: &str, flag: &str) -> Result<String, Error> {
    if !interactive() {
        return Err(Error::Usage(format!(
            "the device needs a {what}: pass {flag} (no terminal to ask on)"
        )));
    }
    super::progress::hide();
    eprint!("{what}: ");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| Error::Io {
            context: format!("reading the {what} from the terminal"),
            source: e,
        })?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// The usage error for a secret that is needed and has no source.
pub fn missing(source: &SecretSource<'_>) -> Error {
    let file_flag = format!("{}-file", source.flag);
    Error::Usage(format!(
        "the device needs a {what}: pass {flag}, {file_flag} PATH|-, or set {env} \
         (no terminal to ask on)",
        what = source.what,
        flag = source.flag,
        env = source.env,
    ))
}

/// Reads a secret from a file, or from stdin for `-`; one trailing line break is dropped.
pub fn read_secret_file(path: &Path, what: &str) -> Result<Secret, Error> {
    let result = if path == Path::new("-") {
        if STDIN_TAKEN.swap(true, Ordering::SeqCst) {
            return Err(Error::Usage(
                "only one secret can be read from stdin (`-`); use a file for the others".into(),
            ));
        }
        read_secret(std::io::stdin())
    } else {
        std::fs::File::open(path).and_then(read_secret)
    };
    result.map_err(|e| Error::Io {
        context: format!("reading the {what} from {}", path.display()),
        source: e,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_secret_names_every_source() {
        let source = SecretSource {
            what: "PoP",
            flag: "--pop",
            value: None,
            file: None,
            env: ENV_POP,
        };
        let message = missing(&source).to_string();
        assert!(message.contains("--pop-file"), "{message}");
        assert!(message.contains(ENV_POP), "{message}");
    }
}
