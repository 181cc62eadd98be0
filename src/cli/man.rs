//! `esprov man`: a man page for esprov and one per command, also checked in under man/.

use std::path::Path;

use clap::CommandFactory;
use esprov::Error;

use super::args::{Cli, ManArgs};

/// Writes `esprov.1` and `esprov-COMMAND.1` for every visible command into `args.out_dir`.
pub fn run(args: &ManArgs) -> Result<(), Error> {
    write_all(&args.out_dir).map_err(|source| Error::Io {
        context: format!("writing man pages to {}", args.out_dir.display()),
        source,
    })
}

fn write_all(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    // The version without the commit, so the checked-in pages change only with a release.
    let mut command = Cli::command()
        .version(env!("CARGO_PKG_VERSION"))
        .long_version(env!("CARGO_PKG_VERSION"));
    command.build();
    let pages = std::iter::once(command.clone()).chain(
        command
            .get_subcommands()
            .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
            .map(|sub| {
                let name: &'static str =
                    Box::leak(format!("esprov-{}", sub.get_name()).into_boxed_str());
                sub.clone().name(name)
            }),
    );
    for page in pages {
        let mut roff = Vec::new();
        clap_mangen::Man::new(page.clone()).render(&mut roff)?;
        std::fs::write(dir.join(format!("{}.1", page.get_name())), roff)?;
    }
    Ok(())
}
