//! `esprov sec2-creds`: a fresh security 2 salt and verifier for firmware.

use esprov::proto::security::{generate_salt_verifier, SaltMode};
use esprov::session::Secret;
use esprov::Error;

use crate::cli::args::Sec2CredsArgs;
use crate::cli::sec2_creds;
use crate::cli::secrets::{SecretSource, ENV_PASSWORD};
use crate::cli::target::SaltModeArg;

/// Runs `esprov sec2-creds`.
pub fn run(args: &Sec2CredsArgs) -> Result<(), Error> {
    let password = SecretSource {
        what: "security 2 password",
        flag: "--password",
        value: args.password.as_deref(),
        file: args.password_file.as_deref(),
        env: ENV_PASSWORD,
    }
    .given_or_prompt()?;
    let mode = match args.sec2_salt_mode {
        SaltModeArg::Strip => SaltMode::StripLeadingZeros,
        SaltModeArg::Full | SaltModeArg::Auto => SaltMode::Full,
    };
    let (salt, verifier) = generate(&args.username, &password, usize::from(args.salt_len), mode)?;
    print!("{}", sec2_creds::render(args.format, &salt, &verifier));
    Ok(())
}

/// A salt and verifier for `username` and `password`, refusing empty credentials.
pub fn generate(
    username: &str,
    password: &Secret,
    salt_len: usize,
    mode: SaltMode,
) -> Result<(Vec<u8>, Vec<u8>), Error> {
    if username.is_empty() || password.is_empty() {
        return Err(Error::Usage(
            "security 2 credentials need a non-empty username and password".into(),
        ));
    }
    let mut rng = rand::rngs::OsRng;
    Ok(generate_salt_verifier(
        username.as_bytes(),
        password.expose(),
        salt_len,
        &mut rng,
        mode,
    ))
}
