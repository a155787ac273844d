//! The arguments of every subcommand (clap). The configuration they ask
//! for is built in `settings`.

use super::help;
use super::report::ReportArgs;
use super::settings::ConfigArgs;
use crate::output::OutputFormat;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "digest-lint",
    version,
    about = "Linter and formatter for bilingual paper digests"
)]
#[command(after_help = help::TOP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check digests and report findings.
    Check(CheckArgs),
    /// Rewrite digests into the canonical form.
    Fmt(FmtArgs),
    /// Print a rule's documentation, or list every rule.
    Rule(RuleArgs),
    /// Run the language server for editors (LSP over standard input and
    /// output).
    ///
    /// Findings as you type, quick fixes, fix-all, formatting, rule
    /// documentation on hover and tag completion.
    #[command(after_help = help::SERVER)]
    Server(ServerArgs),
    /// Print a completion script for a shell.
    #[command(after_help = help::COMPLETIONS)]
    Completions(CompletionsArgs),
    /// Print the version, with the commit it was built from.
    #[command(after_help = help::VERSION)]
    Version,
    /// List the tags in use with counts and dates, and likely duplicates.
    Tags(super::tags::TagsArgs),
    /// Write a commented starter .digest-lint.toml (--learn-tags fills its
    /// vocabulary from the tags in use).
    Init(super::init::InitArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug)]
#[command(after_help = help::CHECK)]
pub struct CheckArgs {
    /// Files, or folders to search for `*.txt`; `-` reads standard input.
    /// Without any: the current folder, or standard input when
    /// `--stdin-filename` is given.
    pub paths: Vec<PathBuf>,
    /// Apply safe fixes, writing files in place.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, apply unsafe fixes too (an error without them).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change; write nothing.
    #[arg(long)]
    pub diff: bool,
    /// How to print the findings: `full` shows each with the lines it is
    /// about, `concise` one line each, `json`, `json-lines`, `sarif`,
    /// `github` and `gitlab` for programs and CI. The default is
    /// DIGEST_LINT_OUTPUT_FORMAT when it is set, else `full`.
    #[arg(long, value_enum, env = "DIGEST_LINT_OUTPUT_FORMAT", default_value_t = OutputFormat::Full)]
    pub output_format: OutputFormat,
    /// Only run these rules (codes, names or prefixes, comma separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not run these rules (codes, names or prefixes, comma separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// The name to report standard input under (its date is read from it).
    #[arg(long)]
    pub stdin_filename: Option<String>,
    #[command(flatten)]
    pub style: StyleArgs,
    #[command(flatten)]
    pub settings: ConfigArgs,
    #[command(flatten)]
    pub baseline: super::baseline::BaselineArgs,
    /// When to colour the report: `auto` when it goes to a terminal and
    /// `NO_COLOR` is unset or empty, `always`, or `never`.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    #[command(flatten)]
    pub report: ReportArgs,
}

#[derive(Args, Debug, Clone, Copy)]
pub struct StyleArgs {
    /// Blank lines between entries: 0 or 1 (default: the configuration's
    /// `format.blank-lines-between-entries`, else 0).
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=1))]
    pub blank_lines_between_entries: Option<u8>,
}

#[derive(Args, Debug)]
#[command(after_help = help::FMT)]
pub struct FmtArgs {
    /// Files, or folders to search for `*.txt`; `-` formats standard input to
    /// standard output. Without any: the current folder, or standard input
    /// when `--stdin-filename` is given.
    pub paths: Vec<PathBuf>,
    /// List the files that would change and exit 1 if any; write nothing.
    #[arg(long)]
    pub check: bool,
    /// Print a unified diff of the changes; write nothing.
    #[arg(long)]
    pub diff: bool,
    /// The name to report standard input under.
    #[arg(long)]
    pub stdin_filename: Option<String>,
    #[command(flatten)]
    pub style: StyleArgs,
    #[command(flatten)]
    pub settings: ConfigArgs,
}

#[derive(Args, Debug)]
#[command(after_help = help::RULE)]
pub struct RuleArgs {
    /// A rule code (`E006`) or name (`unpaired-commentary`).
    pub rule: Option<String>,
    /// List every rule.
    #[arg(long, conflicts_with = "rule")]
    pub all: bool,
}

#[derive(Args, Debug)]
pub struct ServerArgs {
    #[command(flatten)]
    pub settings: ConfigArgs,
}

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
