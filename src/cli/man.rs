//! Man pages from the clap definition (clap_mangen): `digest-lint.1` and
//! one page per command (`digest-lint-check.1`, ...), as
//! `clap_mangen::generate_to` writes them. They are committed under `man/`;
//! `tests/cli_commands.rs` checks that they are current and rewrites them
//! with `DIGEST_LINT_WRITE_MAN=1`.

use super::args::Cli;
use clap::CommandFactory;

/// Each page's file name and its roff text, the top page first.
pub fn pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    fn render(cmd: clap::Command, out: &mut Vec<(String, Vec<u8>)>) -> std::io::Result<()> {
        let man = clap_mangen::Man::new(cmd.clone());
        let mut page = Vec::new();
        man.render(&mut page)?;
        out.push((man.get_filename(), page));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            render(sub.clone(), out)?;
        }
        Ok(())
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    // Gives each command its display name (`digest-lint-check`).
    cmd.build();
    let mut pages = Vec::new();
    render(cmd, &mut pages)?;
    Ok(pages)
}
