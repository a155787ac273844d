//! `digest-lint completions SHELL`: a completion script for the shell,
//! generated from the clap definition (clap_complete).

use super::args::{Cli, CompletionsArgs};
use super::exit::EXIT_OK;
use clap::CommandFactory;

pub(super) fn run(args: CompletionsArgs) -> u8 {
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "digest-lint", &mut out);
    EXIT_OK
}
