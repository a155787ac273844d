//! What `check` prints and how it exits, for people and for CI: the
//! format (`--output-format`, or `DIGEST_LINT_OUTPUT_FORMAT`), where it goes
//! (`--output-file`), `--statistics`, `--show-fixes`, `--quiet`, the
//! `$GITHUB_STEP_SUMMARY` table, and the exit code (`--exit-zero`,
//! `--exit-non-zero-on-fix`, `--diff`).

use super::args::{CheckArgs, ColorWhen};
use super::color::color_choice;
use super::exit::{EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE, say};
use crate::io;
use crate::output::fixes::{FixedFile, show_fixes};
use crate::output::{self, FileFindings, OutputFormat, Summary, github, statistics};
use clap::Args;
use codespan_reporting::term::termcolor::{NoColor, StandardStream, WriteColor};
use std::io::Write;
use std::path::PathBuf;

/// `check`'s options for reports and exit codes.
#[derive(Args, Debug, Default)]
pub struct ReportArgs {
    /// Write the report to this file (replaced atomically) instead of
    /// standard output.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output_file: Option<PathBuf>,
    /// Print how many findings each rule has (and how many a fix reaches)
    /// instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// List the fixes applied by --fix (or that --fix would apply).
    #[arg(long)]
    pub show_fixes: bool,
    /// Exit 0 even when error findings remain (2 still means trouble).
    #[arg(long, conflicts_with = "exit_non_zero_on_fix")]
    pub exit_zero: bool,
    /// Exit 1 when --fix changed a file, even if no error finding remains.
    #[arg(long)]
    pub exit_non_zero_on_fix: bool,
    /// Print the findings and nothing else: no summary line.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Flag combinations that would otherwise do nothing, silently.
pub(super) fn validate(args: &CheckArgs) -> Result<(), String> {
    let r = &args.report;
    if args.unsafe_fixes && !args.fix && !args.diff {
        return Err(
            "--unsafe-fixes only changes what --fix or --diff applies; add one of them".to_string(),
        );
    }
    if args.diff && (r.statistics || r.output_file.is_some()) {
        return Err(format!(
            "--diff prints a diff, not a report; it does not take {}",
            if r.statistics {
                "--statistics"
            } else {
                "--output-file"
            }
        ));
    }
    if r.statistics
        && !matches!(args.output_format, OutputFormat::Json)
        && !args.output_format.is_text()
    {
        return Err(
            "--statistics prints a table, or JSON with --output-format json; not another format"
                .to_string(),
        );
    }
    Ok(())
}

/// What the run found, for the exit code.
pub(super) struct Outcome {
    /// Inputs that could not be read or written.
    pub failures: usize,
    /// Error-severity findings left (after the fixes, with --fix or --diff).
    pub errors: usize,
    /// Fixes applied by --fix, or (with --diff) files the diff changes.
    pub changes: usize,
}

/// The exit status:
/// - 2 when an input could not be read or written, or the report not
///   written, whatever the flags;
/// - 0 with `--exit-zero`;
/// - with `--diff`: 1 when there is a change to show or an error finding
///   that the fixes do not reach, else 0;
/// - 1 when an error finding remains, or with `--exit-non-zero-on-fix`
///   when `--fix` changed something; else 0.
pub(super) fn exit_code(args: &CheckArgs, outcome: &Outcome) -> u8 {
    if outcome.failures > 0 {
        EXIT_TROUBLE
    } else if args.report.exit_zero {
        EXIT_OK
    } else if outcome.errors > 0
        || (args.diff && outcome.changes > 0)
        || (args.fix && args.report.exit_non_zero_on_fix && outcome.changes > 0)
    {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// `--diff`'s word on findings the diff does not fix, on standard error.
pub(super) fn diff_leftovers(args: &CheckArgs, errors: usize) {
    if errors > 0 && !args.report.quiet {
        say(format_args!(
            "digest-lint: {errors} error finding{} would remain after these fixes; `digest-lint check{}` shows {}",
            if errors == 1 { "" } else { "s" },
            if args.fix { " --fix" } else { "" },
            if errors == 1 { "it" } else { "them" }
        ));
    }
}

/// Everything the report needs.
pub(super) struct Report<'a> {
    pub files: &'a [FileFindings<'a>],
    pub summary: &'a Summary,
    /// For `--show-fixes`: the fixes per file, and whether they were
    /// applied (`--fix`) or would be.
    pub fixed: Option<(&'a [FixedFile<'a>], bool)>,
}

/// Prints the report where it belongs. An error message when it could not
/// be written (a closed pipe is not an error).
pub(super) fn emit(args: &CheckArgs, report: &Report<'_>, to_stderr: bool) -> Result<(), String> {
    let format = args.output_format;
    // --show-fixes goes beside a text report; beside a machine-readable
    // one, or a --diff, it goes to standard error.
    let fixes_apart = !format.is_text() || args.diff;
    let result = if let Some(path) = &args.report.output_file {
        let mut buffer = NoColor::new(Vec::new());
        render(&mut buffer, args, report, !fixes_apart)
            .map_err(|e| format!("cannot write the report: {e}"))?;
        let text = String::from_utf8_lossy(buffer.get_ref()).into_owned();
        if !path.exists() {
            // A new report gets the permissions any new file gets (the
            // umask's), which the atomic write then keeps; its temporary
            // file alone would be private to the user.
            let _ = std::fs::File::create(path);
        }
        io::write_atomic(path, &text)
            .map_err(|e| format!("{}: cannot write the report: {e}", path.display()))?;
        Ok(())
    } else if args.diff {
        Ok(())
    } else {
        let choice = if format == OutputFormat::Full {
            color_choice(args.color, to_stderr)
        } else {
            color_choice(ColorWhen::Never, to_stderr)
        };
        let mut out = if to_stderr {
            StandardStream::stderr(choice)
        } else {
            StandardStream::stdout(choice)
        };
        render(&mut out, args, report, !fixes_apart)
    };
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(format!("cannot write output: {e}"));
        }
        _ => {}
    }
    if let Some((files, applied)) = report.fixed
        && fixes_apart
    {
        let _ = show_fixes(&mut std::io::stderr().lock(), files, applied);
    }
    if format == OutputFormat::Github && !args.diff {
        write_step_summary(report);
    }
    Ok(())
}

fn render(
    out: &mut dyn WriteColor,
    args: &CheckArgs,
    report: &Report<'_>,
    with_fixes: bool,
) -> std::io::Result<()> {
    let files = report.files;
    let format = args.output_format;
    if args.report.statistics {
        let counts = statistics::statistics(files);
        if format == OutputFormat::Json {
            writeln!(out, "{}", statistics::json(&counts))?;
        } else {
            statistics::write_text(out, &counts)?;
        }
    } else {
        match format {
            OutputFormat::Full => files.iter().try_for_each(|f| output::full(out, f))?,
            OutputFormat::Concise => files.iter().try_for_each(|f| output::concise(out, f))?,
            OutputFormat::Json => writeln!(out, "{}", output::json(files))?,
            OutputFormat::JsonLines => output::json_lines(out, files)?,
            OutputFormat::Github => output::github(out, files, step_summary_path().is_some())?,
            OutputFormat::Sarif => {
                let cwd = std::env::current_dir().ok();
                writeln!(out, "{}", output::sarif(files, cwd.as_deref()))?;
            }
            OutputFormat::Gitlab => writeln!(out, "{}", output::gitlab(files))?,
        }
    }
    if with_fixes && let Some((fixed, applied)) = report.fixed {
        show_fixes(out, fixed, applied)?;
    }
    if format.is_text() && !args.report.quiet {
        summary_line(out, report.summary, format == OutputFormat::Full)?;
    }
    Ok(())
}

fn summary_line(out: &mut dyn WriteColor, summary: &Summary, colour: bool) -> std::io::Result<()> {
    use codespan_reporting::term::termcolor::{Color, ColorSpec};
    if !colour {
        return writeln!(out, "{}", summary.line());
    }
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

/// The runner's `$GITHUB_STEP_SUMMARY` file, when it set one.
fn step_summary_path() -> Option<PathBuf> {
    std::env::var_os("GITHUB_STEP_SUMMARY")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

/// Appends the table of every finding to `$GITHUB_STEP_SUMMARY` when the
/// runner set it; trouble there is a warning, not a failed check.
fn write_step_summary(report: &Report<'_>) {
    let Some(path) = step_summary_path() else {
        return;
    };
    let used =
        std::fs::metadata(&path).map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
    let budget = github::SUMMARY_LIMIT.saturating_sub(used);
    let text = github::step_summary(report.files, &report.summary.line(), budget);
    if text.is_empty() {
        say(format_args!(
            "digest-lint: warning: {}: no room left in the step summary (1 MiB)",
            path.display()
        ));
        return;
    }
    let written = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()));
    if let Err(e) = written {
        say(format_args!(
            "digest-lint: warning: {}: cannot write the step summary: {e}",
            path.display()
        ));
    }
}
