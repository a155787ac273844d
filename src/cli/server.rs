//! `digest-lint server`: the language server over standard input and
//! output, for editors. Everything it does is in [`crate::server`].

use super::exit::{EXIT_OK, EXIT_TROUBLE};
use crate::server::{self, CommandLineDefaults};
use std::sync::Arc;

pub(super) fn run() -> u8 {
    // The configuration an editor's document gets: what `check` uses for
    // the same file, with the editor's settings on top.
    match server::run_stdio(Arc::new(CommandLineDefaults)) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("digest-lint: error: server: {e}");
            EXIT_TROUBLE
        }
    }
}
