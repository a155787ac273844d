//! `digest-lint server`: the language server over standard input and
//! output, for editors. Everything it does is in [`crate::server`]; this
//! module gives it the command line's configuration discovery.

use super::args::ServerArgs;
use super::exit::{EXIT_OK, EXIT_TROUBLE};
use super::settings::{CliChoices, ConfigArgs, config_for, settings_for};
use crate::config::Config;
use crate::server::{self, Project};
use std::path::Path;
use std::sync::Arc;

/// A document's configuration as `check` finds it for the same file (the
/// nearest configuration file, `--config`, `--isolated`), with the
/// editor's settings on top. A new resolver for every check: configuration
/// files are read again, so an edit to one applies on the next change
/// without a restart.
struct Discovered {
    args: ConfigArgs,
}

impl Project for Discovered {
    fn config(&self, path: Option<&Path>, editor: &server::Settings) -> Result<Config, String> {
        let mut resolver = self.args.resolver()?;
        let shown = path.map_or_else(|| "-".to_string(), |p| p.display().to_string());
        let settings = settings_for(&mut resolver, path, &shown)?;
        let config = config_for(&settings, path, CliChoices::default())?;
        Ok(server::apply_settings(config, editor))
    }
}

pub(super) fn run(args: ServerArgs) -> u8 {
    // A broken --config is reported before an editor gets to talk.
    if let Err(e) = args.settings.resolver() {
        return super::exit::trouble(e);
    }
    match server::run_stdio(Arc::new(Discovered {
        args: args.settings,
    })) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("digest-lint: error: server: {e}");
            EXIT_TROUBLE
        }
    }
}
