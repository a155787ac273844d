//! The command line: `check`, `fmt`, `rule`, `tags`, `init`, `server`,
//! `completions` and `version`, one module each. Parses
//! arguments, reads and writes files, and prints; all judgement lives in
//! the library.
//!
//! The top layer: it may use every other module of the crate, and none of
//! them uses it.

mod args;
mod baseline;
mod check;
mod color;
mod completions;
mod diff;
mod exit;
mod fmt;
mod help;
mod init;
mod input;
pub mod man;
mod report;
mod rule;
mod server;
mod settings;
mod suggest;
mod version;

mod tags;

pub use args::{
    CheckArgs, Cli, ColorWhen, Command, CompletionsArgs, FmtArgs, RuleArgs, ServerArgs, StyleArgs,
};
pub use baseline::BaselineArgs;
pub use exit::{EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE};
pub use init::InitArgs;
pub use report::ReportArgs;
pub use settings::ConfigArgs;
pub use tags::{TagsArgs, TagsFormat};
pub use version::version_line;

use clap::Parser;
use std::process::ExitCode;

/// Runs the command line and returns the process's exit status.
pub fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_TROUBLE
            } else {
                EXIT_OK
            });
        }
    };
    let code = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Rule(args) => rule::run(args),
        Command::Server(args) => server::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Version => version::run(),
        Command::Tags(args) => tags::run(args),
        Command::Init(args) => init::run(args),
    };
    ExitCode::from(code)
}
