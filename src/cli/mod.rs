//! Everything the command line owns: arguments, prompts and output. The work is the library's.

mod args;
mod batch;
mod batch_check;
mod ble;
mod budget;
mod check;
mod commands;
mod compat;
mod completions;
mod events;
mod factory;
mod help;
mod hidden_prompt;
mod logging;
mod man;
mod output;
mod pick;
mod progress;
mod qr;
mod report;
mod sec2_creds;
mod secrets;
mod serial;
mod session;
mod table;
mod target;
mod term;
mod transport;
mod version;

use std::future::Future;
use std::process::ExitCode;

use clap::Parser;
use esprov::Error;

pub use args::{Cli, Command};
use output::Output;

/// Parses the command line, runs the chosen command and turns its outcome into an exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    term::init(cli.color, cli.quiet);
    logging::init(cli.verbose);
    let code = dispatch(cli.command);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn dispatch(command: Command) -> i32 {
    match command {
        Command::Provision(args) => block_on_code(commands::provision::run(&args)),
        Command::Info(args) => with_output(args.output.json, |out| async move {
            commands::info::run(&args, &out).await
        }),
        Command::Status(net) => with_output(net.conn.output.json, |out| async move {
            commands::ops::status(&net, &out).await
        }),
        Command::Scan(net) => with_output(net.conn.output.json, |out| async move {
            commands::ops::scan(&net, &out).await
        }),
        Command::Reset(net) => with_output(net.conn.output.json, |out| async move {
            commands::ops::ctrl(&net, &out, false).await
        }),
        Command::Reprov(net) => with_output(net.conn.output.json, |out| async move {
            commands::ops::ctrl(&net, &out, true).await
        }),
        Command::Check(args) => {
            let json = args.conn.output.json;
            block_on_code(async move {
                let out = Output::new(json);
                match commands::check::run(&args, &out).await {
                    Ok(code) => code,
                    Err(error) => report::report(&error, json),
                }
            })
        }
        Command::Send(args) => with_output(args.conn.output.json, |out| async move {
            commands::ops::send(&args, &out).await
        }),
        Command::Discover(args) => with_output(args.output.json, |out| async move {
            commands::discover::run(&args, &out).await
        }),
        Command::Sec2Creds(args) => plain(false, commands::creds::run(&args)),
        Command::Qr(args) => plain(args.json, qr::run(&args)),
        Command::Batch(args) => batch::run(args),
        Command::FactoryData(args) => plain(args.json, factory::run(&args)),
        Command::Sim(args) => run_sim(args),
        Command::Completions(args) => {
            use std::io::Write;
            let script = completions::script(args.shell);
            let _ = std::io::stdout().write_all(&script);
            esprov::exit::OK
        }
        Command::EspProv(args) => commands::esp_prov::run(&args),
        Command::Man(args) => plain(false, man::run(&args)),
    }
}

/// Reports a synchronous command's result.
fn plain(json: bool, result: Result<(), Error>) -> i32 {
    match result {
        Ok(()) => esprov::exit::OK,
        Err(error) => report::report(&error, json),
    }
}

/// Runs an async command that prints through an [`Output`], reporting its error the same way.
fn with_output<F, Fut>(json: bool, command: F) -> i32
where
    F: FnOnce(Output) -> Fut,
    Fut: Future<Output = Result<(), Error>>,
{
    block_on(json, async move {
        let out = Output::new(json);
        let result = command(out).await;
        result
    })
}

/// Runs the virtual device on a multi-threaded runtime (it serves many connections and timers).
fn run_sim(args: esprov_sim::SimArgs) -> i32 {
    let json = args.json;
    match tokio::runtime::Runtime::new() {
        Ok(rt) => plain(json, rt.block_on(commands::sim::run(args))),
        Err(e) => report::report(
            &Error::Io {
                context: "starting the async runtime".into(),
                source: e,
            },
            json,
        ),
    }
}

/// Runs a future on a fresh single-threaded runtime and reports its error.
fn block_on(json: bool, future: impl Future<Output = Result<(), Error>>) -> i32 {
    match runtime() {
        Ok(rt) => plain(json, rt.block_on(future)),
        Err(error) => report::report(&error, json),
    }
}

/// Runs a future that already produces an exit code.
fn block_on_code(future: impl Future<Output = i32>) -> i32 {
    match runtime() {
        Ok(rt) => rt.block_on(future),
        Err(error) => report::report(&error, false),
    }
}

/// The async runtime every command runs on.
fn runtime() -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Io {
            context: "starting the async runtime".into(),
            source: e,
        })
}
