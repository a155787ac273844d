//! The configuration options every file-taking subcommand shares
//! (`--config`, `--isolated`, `--force-exclude`), and turning the settings
//! that apply to a file, with the command line's own options over them,
//! into the [`Config`] the file is checked with.

use super::args::StyleArgs;
use super::suggest;
use crate::config::discover::{self, Located, Resolver, Settings};
use crate::config::{Config, Selector};
use crate::format::FormatOptions;
use crate::rules;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug, Clone, Default)]
pub struct ConfigArgs {
    /// A configuration file to use for every file (instead of the nearest
    /// `.digest-lint.toml` or `digest-lint.toml`), or a `key = value` line
    /// of TOML that overrides one key (`--config "lint.ignore = ['C']"`).
    /// May be repeated.
    #[arg(long = "config", value_name = "PATH | KEY=VALUE")]
    pub config: Vec<String>,
    /// Read no configuration file (overrides given with --config still
    /// apply).
    #[arg(long)]
    pub isolated: bool,
    /// Leave out files named on the command line that the configuration
    /// excludes (or does not include), as a folder walk would; for
    /// pre-commit, which names every staged file.
    #[arg(long)]
    pub force_exclude: bool,
}

impl ConfigArgs {
    pub(super) fn resolver(&self) -> Result<Resolver, String> {
        let cwd = std::env::current_dir().map_err(|e| format!("no current folder: {e}"))?;
        Resolver::new(&self.config, self.isolated, &cwd).map_err(|e| e.to_string())
    }
}

/// The command line's own choices, which override any file.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct CliChoices<'a> {
    pub select: &'a [String],
    pub ignore: &'a [String],
    pub style: Option<StyleArgs>,
}

/// The paths a run takes, after the configuration's `include` and
/// `exclude`. Walk errors are printed and counted.
pub(super) fn select_paths(
    paths: &[PathBuf],
    args: &ConfigArgs,
    resolver: &mut Resolver,
) -> Result<(Vec<PathBuf>, usize), String> {
    let (files, errors) =
        discover::select_files(paths, args.force_exclude, resolver).map_err(|e| e.to_string())?;
    for e in &errors {
        super::exit::say(format_args!("digest-lint: error: {e}"));
    }
    Ok((files, errors.len()))
}

/// The settings for a source: by its file, or for standard input by the
/// name it is given (or the current folder).
pub(super) fn settings_for(
    resolver: &mut Resolver,
    file: Option<&Path>,
    shown: &str,
) -> Result<std::rc::Rc<Settings>, String> {
    let path = match file {
        Some(f) => f.to_path_buf(),
        None if shown != "-" => PathBuf::from(shown),
        None => PathBuf::from("."),
    };
    resolver.settings_for(&path).map_err(|e| e.to_string())
}

fn selectors(list: &[Located]) -> Result<Vec<Selector>, String> {
    list.iter()
        .map(|s| {
            rules::selector(&s.text)
                .map_err(|e| format!("{}: {}", s.origin, suggest::with_hint(e, &s.text)))
        })
        .collect()
}

fn cli_selectors(list: &[String]) -> Result<Vec<Selector>, String> {
    list.iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| rules::selector(s).map_err(|e| suggest::with_hint(e, s)))
        .collect()
}

/// The configuration one file is checked with. `path` (canonical) picks
/// the `per-file-ignores` that apply.
pub(super) fn config_for(
    settings: &Settings,
    path: Option<&Path>,
    cli: CliChoices<'_>,
) -> Result<Config, String> {
    let mut select = selectors(settings.select.as_deref().unwrap_or_default())?;
    let cli_select = cli_selectors(cli.select)?;
    if !cli_select.is_empty() {
        select = cli_select;
    }
    let mut ignore = selectors(settings.ignore.as_deref().unwrap_or_default())?;
    ignore.extend(cli_selectors(cli.ignore)?);
    if let Some(path) = path {
        let canon = discover::canonical(path);
        for s in settings.ignored_in(&canon) {
            ignore.push(rules::selector(&s.text).map_err(|e| format!("{}: {e}", s.origin))?);
        }
    }
    let severity = settings
        .severity
        .iter()
        .flatten()
        .map(|(s, sev)| {
            rules::selector(&s.text)
                .map(|sel| (sel, *sev))
                .map_err(|e| format!("{}: `lint.severity`: {e}", s.origin))
        })
        .collect::<Result<_, _>>()?;
    Ok(Config {
        select,
        extend_select: selectors(settings.extend_select.as_deref().unwrap_or_default())?,
        ignore,
        severity,
        blank_lines_between_entries: blank_lines(settings, cli.style),
        tags: settings.vocabulary(),
        date_patterns: settings.date_patterns.clone().unwrap_or_default(),
        check_abstracts: settings.check_abstracts.unwrap_or(false),
    })
}

fn blank_lines(settings: &Settings, style: Option<StyleArgs>) -> usize {
    style
        .and_then(|s| s.blank_lines_between_entries)
        .map(usize::from)
        .or(settings.blank_lines_between_entries)
        .unwrap_or(0)
}

/// What `fmt` makes of a file, by its settings and the command line.
pub(super) fn format_options(settings: &Settings, style: StyleArgs) -> FormatOptions {
    FormatOptions {
        blank_lines_between_entries: blank_lines(settings, Some(style)),
    }
}
