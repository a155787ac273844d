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
use crate::output::github::Annotations;
use crate::output::json::JsonArray;
use crate::output::statistics::Tally;
use crate::output::{self, FileFindings, OutputFormat, Summary, github, statistics};
use clap::Args;
use codespan_reporting::term::termcolor::{Buffer, BufferWriter, WriteColor};
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

/// The report of a run, written file by file as the run goes (see
/// `check.rs`): [`Stream::render`] turns one file's findings into their
/// text on any thread while the file's text is at hand, [`Stream::write`]
/// prints it in the run's order, and [`Stream::finish`] closes the
/// report. What a format must hold to the end (GitHub's plain lines, the
/// statistics, the step summary) is findings, never texts.
pub(super) struct Stream<'a> {
    args: &'a CheckArgs,
    sink: Sink,
    /// For `json`, `gitlab` and `sarif`: the array being written.
    array: Option<JsonArray>,
    /// The tail of the SARIF log, after its results.
    sarif_tail: String,
    github: Annotations,
    /// The rows of `$GITHUB_STEP_SUMMARY`, when it is written.
    summary_rows: Option<Vec<String>>,
    tally: Tally,
    cwd: Option<PathBuf>,
    error: Option<std::io::Error>,
}

enum Sink {
    /// Standard output or standard error, coloured or not.
    Stream(BufferWriter),
    /// `--output-file`: written whole at the end.
    File(Vec<u8>),
    /// `--diff`: no report.
    Nothing,
}

/// One file's part of the report.
pub(super) enum Piece {
    Text(Buffer),
    Elements(Vec<String>),
    Github(Vec<github::Item>, Vec<String>),
    /// A file with very many findings, rendered when it is written, a
    /// slice of findings at a time, so that its report is never held
    /// whole.
    Later,
    Nothing,
}

/// Findings rendered at once, at most, for a file that has more (a line
/// of half a million `#` has as many findings).
const SLICE: usize = 16_384;

impl<'a> Stream<'a> {
    pub(super) fn new(args: &'a CheckArgs, to_stderr: bool) -> Self {
        let format = args.output_format;
        let sink = if args.report.output_file.is_some() {
            Sink::File(Vec::new())
        } else if args.diff {
            Sink::Nothing
        } else {
            let choice = if format == OutputFormat::Full {
                color_choice(args.color, to_stderr)
            } else {
                color_choice(ColorWhen::Never, to_stderr)
            };
            Sink::Stream(if to_stderr {
                BufferWriter::stderr(choice)
            } else {
                BufferWriter::stdout(choice)
            })
        };
        let cwd = std::env::current_dir().ok();
        let mut stream = Stream {
            args,
            sink,
            array: None,
            sarif_tail: String::new(),
            github: Annotations::default(),
            summary_rows: (format == OutputFormat::Github
                && !args.diff
                && step_summary_path().is_some())
            .then(Vec::new),
            tally: Tally::default(),
            cwd,
            error: None,
        };
        if !args.report.statistics && !matches!(stream.sink, Sink::Nothing) {
            match format {
                OutputFormat::Json | OutputFormat::Gitlab => stream.array = Some(JsonArray::new(1)),
                OutputFormat::Sarif => {
                    let (head, tail) = output::sarif::sarif_frame(stream.cwd.as_deref());
                    stream.put(head.as_bytes());
                    stream.sarif_tail = tail;
                    stream.array = Some(JsonArray::new(4));
                }
                _ => {}
            }
        }
        stream
    }

    /// An empty buffer to render one file's text into.
    pub(super) fn buffer(&self) -> Buffer {
        match &self.sink {
            Sink::Stream(w) => w.buffer(),
            _ => Buffer::no_color(),
        }
    }

    /// Whether [`Stream::render`] has anything to do.
    pub(super) fn renders(&self) -> bool {
        !self.args.report.statistics && !matches!(self.sink, Sink::Nothing) && self.error.is_none()
    }

    /// One file's part of the report (any thread).
    pub(super) fn render(&self, file: &FileFindings<'_>, buffer: Buffer) -> Piece {
        if !self.renders() || (file.diagnostics.is_empty() && self.summary_rows.is_none()) {
            return Piece::Nothing;
        }
        // Formats whose findings render each on its own can go a slice at
        // a time.
        let sliced = matches!(
            self.args.output_format,
            OutputFormat::Full
                | OutputFormat::Concise
                | OutputFormat::JsonLines
                | OutputFormat::Json
        );
        if sliced && file.diagnostics.len() > SLICE {
            return Piece::Later;
        }
        self.render_now(file, buffer)
    }

    fn render_now(&self, file: &FileFindings<'_>, mut buffer: Buffer) -> Piece {
        // Writing into memory cannot fail.
        let _ = match self.args.output_format {
            OutputFormat::Full => output::full(&mut buffer, file),
            OutputFormat::Concise => output::concise(&mut buffer, file),
            OutputFormat::JsonLines => output::json_lines(&mut buffer, std::slice::from_ref(file)),
            OutputFormat::Json => return Piece::Elements(output::json::json_elements(file)),
            OutputFormat::Gitlab => return Piece::Elements(output::gitlab::gitlab_elements(file)),
            OutputFormat::Sarif => {
                return Piece::Elements(output::sarif::sarif_results(file, self.cwd.as_deref()));
            }
            OutputFormat::Github => {
                let rows = if self.summary_rows.is_some() {
                    github::summary_rows(file)
                } else {
                    Vec::new()
                };
                return Piece::Github(github::items(file), rows);
            }
        };
        Piece::Text(buffer)
    }

    /// Takes one file's findings and its rendered part, in the run's order.
    pub(super) fn write(&mut self, file: &FileFindings<'_>, piece: Piece) {
        if self.args.report.statistics {
            self.tally.add(file.diagnostics);
        }
        self.write_piece(file, piece);
    }

    fn write_piece(&mut self, file: &FileFindings<'_>, piece: Piece) {
        match piece {
            Piece::Nothing => {}
            Piece::Later => {
                for slice in file.diagnostics.chunks(SLICE) {
                    let part = FileFindings {
                        path: file.path,
                        src: file.src,
                        diagnostics: slice,
                    };
                    let piece = self.render_now(&part, self.buffer());
                    self.write_piece(&part, piece);
                }
            }
            Piece::Text(buffer) => self.put_buffer(&buffer),
            Piece::Elements(elements) => {
                for element in elements {
                    let Some(array) = self.array.as_mut() else {
                        break;
                    };
                    let before = array.separator();
                    self.put(before.as_bytes());
                    self.put(element.as_bytes());
                }
            }
            Piece::Github(items, rows) => {
                let mut text = Vec::new();
                let _ = self.github.add(&mut text, items);
                self.put(&text);
                if let Some(all) = self.summary_rows.as_mut() {
                    all.extend(rows);
                }
            }
        }
    }

    fn put(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        let mut buffer = self.buffer();
        let _ = buffer.write_all(bytes);
        self.put_buffer(&buffer);
    }

    fn put_buffer(&mut self, buffer: &Buffer) {
        if self.error.is_some() || buffer.is_empty() {
            return;
        }
        let result = match &mut self.sink {
            Sink::Stream(w) => w.print(buffer),
            Sink::File(text) => {
                text.extend_from_slice(buffer.as_slice());
                Ok(())
            }
            Sink::Nothing => Ok(()),
        };
        if let Err(e) = result {
            self.error = Some(e);
        }
    }

    /// Closes the report: what a format keeps to the end, the fixes, the
    /// summary line; the output file written; the step summary. An error
    /// message when the report could not be written (a closed pipe is
    /// not an error).
    pub(super) fn finish(
        mut self,
        summary: &Summary,
        fixed: Option<(&[FixedFile<'_>], bool)>,
    ) -> Result<(), String> {
        let args = self.args;
        let format = args.output_format;
        let fixes_apart = !format.is_text() || args.diff;
        if !matches!(self.sink, Sink::Nothing) {
            let mut out = self.buffer();
            let _ = self.close(&mut out, summary, fixed, !fixes_apart);
            self.put_buffer(&out);
        }
        if let Sink::File(text) = &self.sink
            && let Some(path) = &args.report.output_file
        {
            let text = String::from_utf8_lossy(text).into_owned();
            if !path.exists() {
                // A new report gets the permissions any new file gets (the
                // umask's), which the atomic write then keeps; its temporary
                // file alone would be private to the user.
                let _ = std::fs::File::create(path);
            }
            io::write_atomic(path, &text)
                .map_err(|e| format!("{}: cannot write the report: {e}", path.display()))?;
        }
        match self.error.take() {
            Some(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                return Err(format!("cannot write output: {e}"));
            }
            _ => {}
        }
        if let Some((files, applied)) = fixed
            && fixes_apart
        {
            let _ = show_fixes(&mut std::io::stderr().lock(), files, applied);
        }
        if let Some(rows) = &self.summary_rows {
            write_step_summary(rows, summary);
        }
        Ok(())
    }

    fn close(
        &mut self,
        out: &mut Buffer,
        summary: &Summary,
        fixed: Option<(&[FixedFile<'_>], bool)>,
        with_fixes: bool,
    ) -> std::io::Result<()> {
        let args = self.args;
        let format = args.output_format;
        if args.report.statistics {
            let counts = std::mem::take(&mut self.tally).counts();
            if format == OutputFormat::Json {
                writeln!(out, "{}", statistics::json(&counts))?;
            } else {
                statistics::write_text(out, &counts)?;
            }
        } else {
            match format {
                OutputFormat::Json | OutputFormat::Gitlab => {
                    let close = self
                        .array
                        .as_ref()
                        .map(JsonArray::close)
                        .unwrap_or_default();
                    writeln!(out, "{close}")?;
                }
                OutputFormat::Sarif => {
                    let close = self
                        .array
                        .as_ref()
                        .map(JsonArray::close)
                        .unwrap_or_default();
                    writeln!(out, "{close}{}", self.sarif_tail)?;
                }
                // The rows for the step summary are kept only when it has a
                // path: whether there is one is the question.
                OutputFormat::Github => {
                    std::mem::take(&mut self.github).finish(out, step_summary_path().is_some())?
                }
                _ => {}
            }
        }
        if with_fixes && let Some((fixed, applied)) = fixed {
            show_fixes(out, fixed, applied)?;
        }
        if format.is_text() && !args.report.quiet {
            summary_line(out, summary, format == OutputFormat::Full)?;
        }
        Ok(())
    }
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
fn write_step_summary(rows: &[String], summary: &Summary) {
    let Some(path) = step_summary_path() else {
        return;
    };
    let used =
        std::fs::metadata(&path).map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
    let budget = github::SUMMARY_LIMIT.saturating_sub(used);
    let text = github::step_summary_of(rows, &summary.line(), budget);
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
