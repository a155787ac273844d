//! The command line: `check`, `fmt` and `rule`. Parses arguments, reads and
//! writes files, and prints; all judgement lives in the library.

use crate::config::{Config, Selector};
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::FixMode;
use crate::format::{self, FormatOptions};
use crate::io::{self, SourceError};
use crate::lint;
use crate::output::{self, FileFindings, OutputFormat, Summary};
use crate::parser;
use crate::rules::{self, ProjectFile};
use clap::{Args, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status: no error-severity finding.
pub const EXIT_OK: u8 = 0;
/// Exit status: an error-severity finding, or a change `--check`/`--diff` found.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: bad usage, an unreadable file, or a file that is not UTF-8 text.
pub const EXIT_TROUBLE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "digest-lint",
    version,
    about = "Linter and formatter for bilingual paper digests"
)]
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files, or folders to search for `*.txt`; `-` reads standard input.
    /// Without any: the current folder, or standard input when
    /// `--stdin-filename` is given.
    pub paths: Vec<PathBuf>,
    /// Apply safe fixes, writing files in place.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, apply unsafe fixes too.
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print a unified diff of what --fix would change; write nothing.
    #[arg(long)]
    pub diff: bool,
    #[arg(long, value_enum, default_value_t = OutputFormat::Full)]
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
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

#[derive(Args, Debug, Clone, Copy)]
pub struct StyleArgs {
    /// Blank lines between entries: 0 (the default) or 1.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=1))]
    pub blank_lines_between_entries: u8,
}

#[derive(Args, Debug)]
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
}

#[derive(Args, Debug)]
pub struct RuleArgs {
    /// A rule code (`E006`) or name (`unpaired-commentary`).
    pub rule: Option<String>,
    /// List every rule.
    #[arg(long, conflicts_with = "rule")]
    pub all: bool,
}

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
        Command::Check(args) => check(args),
        Command::Fmt(args) => fmt(args),
        Command::Rule(args) => rule(args),
    };
    ExitCode::from(code)
}

fn trouble(message: impl std::fmt::Display) -> u8 {
    say(format_args!("digest-lint: error: {message}"));
    EXIT_TROUBLE
}

/// A line on standard error. Unlike `eprintln!` it does not panic when
/// standard error is a closed pipe (`2>&1 | head`).
fn say(message: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}

/// Colour for the report, which goes to standard error when `to_stderr`.
fn color_choice(when: ColorWhen, to_stderr: bool) -> ColorChoice {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let terminal = if to_stderr {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    match when {
        ColorWhen::Always => ColorChoice::Always,
        ColorWhen::Never => ColorChoice::Never,
        ColorWhen::Auto if no_color || !terminal => ColorChoice::Never,
        ColorWhen::Auto if cfg!(windows) => ColorChoice::Auto,
        // termcolor's `Auto` also turns colour off for an empty `NO_COLOR`,
        // which the convention says to ignore: read `TERM` here instead.
        ColorWhen::Auto => {
            if std::env::var_os("TERM").is_some_and(|t| t != "dumb") {
                ColorChoice::Always
            } else {
                ColorChoice::Never
            }
        }
    }
}

fn config(select: &[String], ignore: &[String], style: StyleArgs) -> Result<Config, String> {
    let parse = |list: &[String]| -> Result<Vec<Selector>, String> {
        list.iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| Selector::parse(s))
            .collect()
    };
    Ok(Config {
        select: parse(select)?,
        ignore: parse(ignore)?,
        blank_lines_between_entries: usize::from(style.blank_lines_between_entries),
    })
}

/// The paths to work on. None given means the current folder, or standard
/// input when `--stdin-filename` names it; a name for standard input with
/// paths that do not include `-` is a mistake (silently walking the folder
/// instead could rewrite files the user never meant to touch).
fn input_paths(paths: &[PathBuf], stdin_name: Option<&str>) -> Result<Vec<PathBuf>, String> {
    let reads_stdin = paths.iter().any(|p| p.as_os_str() == "-");
    match (paths.is_empty(), stdin_name) {
        (true, Some(_)) => Ok(vec![PathBuf::from("-")]),
        (true, None) => Ok(vec![PathBuf::from(".")]),
        (false, Some(name)) if !reads_stdin => Err(format!(
            "--stdin-filename {name} names standard input, but no `-` is among the paths"
        )),
        (false, _) => Ok(paths.to_vec()),
    }
}

/// A source to work on: a file, or standard input under a name.
struct Source {
    path: String,
    /// `None` for standard input.
    file: Option<PathBuf>,
    text: String,
}

/// Reads every input. Errors are printed (naming the file) and counted.
fn read_sources(paths: &[PathBuf], stdin_name: Option<&str>) -> (Vec<Source>, usize) {
    let mut sources = Vec::new();
    let mut failures = 0;
    let mut report = |e: SourceError| {
        say(format_args!("digest-lint: error: {e}"));
        failures += 1;
    };
    let (stdin, files): (Vec<&PathBuf>, Vec<&PathBuf>) =
        paths.iter().partition(|p| p.as_os_str() == "-");
    if !stdin.is_empty() {
        let name = stdin_name.unwrap_or("-");
        match io::read_stdin(name) {
            Ok(text) => sources.push(Source {
                path: name.to_string(),
                file: None,
                text,
            }),
            Err(e) => report(e),
        }
    }
    let files: Vec<PathBuf> = files.into_iter().cloned().collect();
    let (found, errors) = io::discover(&files);
    errors.into_iter().for_each(&mut report);
    for file in found {
        match io::read_file(&file) {
            Ok(text) => sources.push(Source {
                path: file.display().to_string(),
                file: Some(file),
                text,
            }),
            Err(e) => report(e),
        }
    }
    (sources, failures)
}

/// `a/path` for a relative path, as git writes it; an absolute path as is.
fn diff_name(side: &str, path: &str) -> String {
    if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{side}/{path}")
    }
}

fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&diff_name("a", path), &diff_name("b", path))
        .to_string()
}

fn check(args: CheckArgs) -> u8 {
    let config = match config(&args.select, &args.ignore, args.style) {
        Ok(c) => c,
        Err(e) => return trouble(e),
    };
    let paths = match input_paths(&args.paths, args.stdin_filename.as_deref()) {
        Ok(p) => p,
        Err(e) => return trouble(e),
    };
    let (mut sources, mut failures) = read_sources(&paths, args.stdin_filename.as_deref());
    let mode = if args.unsafe_fixes {
        FixMode::Unsafe
    } else {
        FixMode::Safe
    };
    let mut summary = Summary {
        files: sources.len(),
        unreadable: failures,
        ..Summary::default()
    };
    let mut diff_found = false;
    let stdout = std::io::stdout();

    if args.fix || args.diff {
        for source in &mut sources {
            let name = io::file_name(&source.path);
            let outcome = lint::fix(&source.text, name, &config, mode);
            if !outcome.converged {
                say(format_args!(
                    "digest-lint: warning: {}: fixes did not settle after {} passes; please report this",
                    source.path,
                    lint::MAX_FIX_PASSES
                ));
            }
            if outcome.text == source.text {
                if args.fix && !args.diff && source.file.is_none() {
                    // `--fix -` is a filter: the text goes through even when
                    // nothing needed fixing.
                    let _ = stdout.lock().write_all(source.text.as_bytes());
                }
                continue;
            }
            if args.diff {
                diff_found = true;
                // A closed pipe (`| head`) only means the reader has seen
                // enough.
                let diff = unified_diff(&source.path, &source.text, &outcome.text);
                let _ = stdout.lock().write_all(diff.as_bytes());
                continue;
            }
            match &source.file {
                Some(file) => {
                    // One file that cannot be written does not stop the
                    // others; the exit status says it.
                    if let Err(e) = io::write_atomic(file, &outcome.text) {
                        say(format_args!(
                            "digest-lint: error: {}: cannot write: {e}",
                            source.path
                        ));
                        failures += 1;
                        continue;
                    }
                }
                None => {
                    let _ = stdout.lock().write_all(outcome.text.as_bytes());
                }
            }
            summary.fixed += outcome.applied;
            source.text = outcome.text;
        }
        if args.diff {
            return if failures > 0 {
                EXIT_TROUBLE
            } else if diff_found {
                EXIT_FINDINGS
            } else {
                EXIT_OK
            };
        }
    }

    // Parse everything once; per-file rules, then rules across files.
    let digests: Vec<_> = sources.iter().map(|s| parser::parse(&s.text)).collect();
    let mut findings: Vec<Vec<Diagnostic>> = sources
        .iter()
        .zip(&digests)
        .map(|(s, d)| {
            let name = io::file_name(&s.path);
            lint::check_digest(d, name, &config)
        })
        .collect();
    let project: Vec<ProjectFile<'_>> = sources
        .iter()
        .zip(&digests)
        .map(|(s, d)| ProjectFile {
            path: &s.path,
            digest: d,
        })
        .collect();
    for (i, d) in lint::check_project(&project, &config) {
        if let Some(list) = findings.get_mut(i) {
            list.push(d);
        }
    }
    for list in &mut findings {
        lint::sort(list);
    }

    for list in &findings {
        summary.add(list);
    }
    let files: Vec<FileFindings<'_>> = sources
        .iter()
        .zip(&findings)
        .map(|(s, f)| FileFindings {
            path: &s.path,
            src: &s.text,
            diagnostics: f,
        })
        .collect();
    // With `--fix -` the fixed text owns standard output; the report goes
    // to standard error.
    let report_to_stderr = args.fix && sources.iter().any(|s| s.file.is_none());
    let stderr = std::io::stderr();
    let written = match args.output_format {
        OutputFormat::Json if report_to_stderr => {
            writeln!(stderr.lock(), "{}", output::json(&files))
        }
        OutputFormat::Json => writeln!(stdout.lock(), "{}", output::json(&files)),
        OutputFormat::Concise => {
            let mut lock: Box<dyn Write> = if report_to_stderr {
                Box::new(stderr.lock())
            } else {
                Box::new(stdout.lock())
            };
            files
                .iter()
                .try_for_each(|f| output::concise(&mut lock, f))
                .and_then(|_| writeln!(lock, "{}", summary.line()))
        }
        OutputFormat::Full => {
            let choice = color_choice(args.color, report_to_stderr);
            let mut out = if report_to_stderr {
                StandardStream::stderr(choice)
            } else {
                StandardStream::stdout(choice)
            };
            files
                .iter()
                .try_for_each(|f| output::full(&mut out, f))
                .and_then(|_| summary_line(&mut out, &summary))
        }
    };
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return trouble(format!("cannot write output: {e}"));
    }
    let any_error = findings
        .iter()
        .flatten()
        .any(|d| d.severity == Severity::Error);
    if failures > 0 {
        EXIT_TROUBLE
    } else if any_error {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn summary_line(out: &mut dyn WriteColor, summary: &Summary) -> std::io::Result<()> {
    use codespan_reporting::term::termcolor::{Color, ColorSpec};
    let color = if summary.errors > 0 {
        Color::Red
    } else if summary.warnings > 0 {
        Color::Yellow
    } else {
        Color::Green
    };
    out.set_color(ColorSpec::new().set_fg(Some(color)).set_bold(true))?;
    write!(out, "{}", summary.line())?;
    out.reset()?;
    writeln!(out)
}

fn fmt(args: FmtArgs) -> u8 {
    let options = FormatOptions {
        blank_lines_between_entries: usize::from(args.style.blank_lines_between_entries),
    };
    let paths = match input_paths(&args.paths, args.stdin_filename.as_deref()) {
        Ok(p) => p,
        Err(e) => return trouble(e),
    };
    let (sources, mut failures) = read_sources(&paths, args.stdin_filename.as_deref());
    let mut changed = 0;
    let mut unchanged = 0;
    let stdout = std::io::stdout();
    for source in &sources {
        let (formatted, changes) = format::format_with_changes(&source.text, &options);
        let differs = formatted != source.text;
        if source.file.is_none() && !args.check && !args.diff {
            let _ = stdout.lock().write_all(formatted.as_bytes());
            changed += usize::from(differs);
            continue;
        }
        if !differs {
            unchanged += 1;
            continue;
        }
        // Output errors are ignored: a closed pipe (`| head`) only means
        // the reader has seen enough; the exit status still counts.
        if args.diff {
            let diff = unified_diff(&source.path, &source.text, &formatted);
            let _ = stdout.lock().write_all(diff.as_bytes());
        } else if args.check {
            let reasons = changes.reasons();
            let _ = if reasons.is_empty() {
                writeln!(stdout.lock(), "Would reformat: {}", source.path)
            } else {
                writeln!(
                    stdout.lock(),
                    "Would reformat: {} ({})",
                    source.path,
                    reasons.join(", ")
                )
            };
        } else if let Some(file) = &source.file
            && let Err(e) = io::write_atomic(file, &formatted)
        {
            // One file that cannot be written does not stop the others;
            // the exit status says it.
            say(format_args!(
                "digest-lint: error: {}: cannot write: {e}",
                source.path
            ));
            failures += 1;
            continue;
        }
        changed += 1;
    }
    let to_stdout = sources.iter().any(|s| s.file.is_none()) && !args.check && !args.diff;
    if !to_stdout {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let verb = if args.check || args.diff {
            "would be reformatted"
        } else {
            "reformatted"
        };
        say(format_args!(
            "{changed} file{} {verb}, {unchanged} file{} already formatted",
            plural(changed),
            plural(unchanged)
        ));
    }
    if failures > 0 {
        EXIT_TROUBLE
    } else if (args.check || args.diff) && changed > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn rule(args: RuleArgs) -> u8 {
    // Output errors are ignored: a closed pipe (`| head`) only means the
    // reader has seen enough.
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if args.all {
        for r in rules::all() {
            let m = r.meta();
            let line = writeln!(
                out,
                "{}  {:<26} {:<8} {:<16} {}",
                m.code,
                m.name,
                m.severity.as_str(),
                m.fix.describe(),
                m.summary
            );
            if line.is_err() {
                break;
            }
        }
        return EXIT_OK;
    }
    let Some(key) = args.rule else {
        return trouble("name a rule (`digest-lint rule E006`) or pass --all");
    };
    match rules::by_code_or_name(&key) {
        Some(r) => {
            let _ = write!(out, "{}", rules::render_doc(r.meta()));
            EXIT_OK
        }
        None => trouble(format!("no rule `{key}` (see `digest-lint rule --all`)")),
    }
}
