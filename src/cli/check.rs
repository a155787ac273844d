//! `digest-lint check`: report findings, and with `--fix` or `--diff`
//! repair them.
//!
//! Files are checked in parallel (rayon), a chunk at a time, and reported
//! in the run's fixed order (standard input first, then the files sorted
//! as `io::discover` lists them). A file's text is dropped as soon as its
//! findings are printed; the rules that compare files keep small keys
//! ([`lint::ProjectCheck`]), so memory does not grow with the archive.

use super::args::{CheckArgs, config};
use super::color::color_choice;
use super::diff::unified_diff;
use super::exit::{EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE, Stdout, say, trouble};
use super::input::{Input, discover_inputs, prepare_to_write, read_input, write_back};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::FixMode;
use crate::io;
use crate::lint::{self, ProjectCheck, ProjectKeys};
use crate::output::{self, FileFindings, OutputFormat, Summary};
use crate::syntax::parser;
use codespan_reporting::term::termcolor::{StandardStream, WriteColor};
use rayon::prelude::*;
use std::io::Write;

/// Files checked at once: enough to keep every core busy, few enough that
/// their texts take little memory.
const CHUNK: usize = 256;

/// One input after the parallel part of the work: everything the ordered
/// part needs to print it.
struct Checked {
    path: String,
    /// The text checked (after fixing); `None` when it could not be read,
    /// or under `--diff`, which reports nothing else.
    text: Option<String>,
    diagnostics: Vec<Diagnostic>,
    keys: ProjectKeys,
    /// Lines for standard error, in order.
    messages: Vec<String>,
    /// Bytes for standard output: the fixed text of `--fix -`, or a diff.
    stdout: Vec<u8>,
    /// Inputs that could not be read, and files that could not be written.
    unreadable: bool,
    unwritten: bool,
    fixed: usize,
    diff_found: bool,
}

impl Checked {
    fn new(path: String) -> Self {
        Checked {
            path,
            text: None,
            diagnostics: Vec::new(),
            keys: ProjectKeys::default(),
            messages: Vec::new(),
            stdout: Vec::new(),
            unreadable: false,
            unwritten: false,
            fixed: 0,
            diff_found: false,
        }
    }
}

struct Job<'a> {
    args: &'a CheckArgs,
    config: &'a Config,
    mode: FixMode,
    keys: bool,
}

fn input_name(input: &Input) -> String {
    match input {
        Input::Stdin(name) => name.clone(),
        Input::File(file) => file.display().to_string(),
    }
}

/// Reads, fixes (and writes) and checks one input. Pure but for the file
/// it reads and writes: nothing is printed here.
fn process(job: &Job<'_>, input: &Input) -> Checked {
    let mut out = Checked::new(input_name(input));
    let mut source = match read_input(input) {
        Ok(s) => s,
        Err(e) => {
            out.messages.push(format!("digest-lint: error: {e}"));
            out.unreadable = true;
            return out;
        }
    };
    let args = job.args;
    let name = io::file_name(&source.path);
    if args.fix || args.diff {
        let outcome = lint::fix(&source.text, name, job.config, job.mode);
        if !outcome.converged {
            out.messages.push(format!(
                "digest-lint: warning: {}: fixes did not settle after {} passes; please report this",
                source.path,
                lint::MAX_FIX_PASSES
            ));
        }
        if outcome.text == source.text {
            if args.fix && !args.diff && source.file.is_none() {
                // `--fix -` is a filter: the text goes through even when
                // nothing needed fixing.
                out.stdout = source.text.as_bytes().to_vec();
            }
        } else if args.diff {
            out.diff_found = true;
            out.stdout = unified_diff(&source.path, &source.text, &outcome.text).into_bytes();
        } else {
            match write_back(&source, &outcome.text) {
                Ok(note) => {
                    out.messages.extend(note);
                    if source.file.is_none() {
                        out.stdout = outcome.text.as_bytes().to_vec();
                    }
                    out.fixed = outcome.applied;
                    source.text = outcome.text;
                }
                Err(e) => {
                    // One file that cannot be written does not stop the
                    // others; the exit status says it. Its text as it is
                    // on disk is what gets checked.
                    out.messages.push(format!(
                        "digest-lint: error: {}: cannot write: {e}",
                        source.path
                    ));
                    out.unwritten = true;
                }
            }
        }
        if args.diff {
            return out;
        }
    }
    let digest = parser::parse(&source.text);
    out.diagnostics = lint::check_digest(&digest, name, job.config);
    out.keys = ProjectCheck::keys(&digest, job.keys);
    drop(digest);
    out.text = Some(source.text);
    out
}

/// Where the report goes, and how it is drawn.
enum Report {
    Full(StandardStream),
    Concise(std::io::BufWriter<Box<dyn Write>>),
    /// JSON is one array: the files with findings are kept to the end.
    Json(Vec<(String, String, Vec<Diagnostic>)>),
}

pub(super) fn run(args: CheckArgs) -> u8 {
    let config = match config(&args.select, &args.ignore, args.style) {
        Ok(c) => c,
        Err(e) => return trouble(e),
    };
    let paths = match super::input::input_paths(&args.paths, args.stdin_filename.as_deref()) {
        Ok(p) => p,
        Err(e) => return trouble(e),
    };
    let (inputs, mut failures) = discover_inputs(&paths, args.stdin_filename.as_deref());
    let mode = if args.unsafe_fixes {
        FixMode::Unsafe
    } else {
        FixMode::Safe
    };
    if args.fix && !args.diff {
        let files: Vec<_> = inputs
            .iter()
            .filter_map(|i| match i {
                Input::File(f) => Some(f.clone()),
                Input::Stdin(_) => None,
            })
            .collect();
        prepare_to_write(&files);
    }
    let mut summary = Summary {
        unreadable: failures,
        ..Summary::default()
    };
    let mut project = ProjectCheck::new(&config);
    let job = Job {
        args: &args,
        config: &config,
        mode,
        keys: project.wanted(),
    };
    // With `--fix -` the fixed text owns standard output; the report goes
    // to standard error.
    let report_to_stderr = args.fix && inputs.iter().any(|i| matches!(i, Input::Stdin(_)));
    let mut report = match args.output_format {
        OutputFormat::Json => Report::Json(Vec::new()),
        OutputFormat::Concise => {
            let sink: Box<dyn Write> = if report_to_stderr {
                Box::new(std::io::stderr())
            } else {
                Box::new(std::io::stdout())
            };
            Report::Concise(std::io::BufWriter::new(sink))
        }
        OutputFormat::Full => {
            let choice = color_choice(args.color, report_to_stderr);
            Report::Full(if report_to_stderr {
                StandardStream::stderr(choice)
            } else {
                StandardStream::stdout(choice)
            })
        }
    };
    let mut text_out = Stdout::default();
    let mut diff_found = false;
    let mut any_error = false;
    // The first error writing the report (a closed pipe ends the report
    // but not the run, whose exit status still counts every file).
    let mut report_error: Option<std::io::Error> = None;

    for chunk in inputs.chunks(CHUNK) {
        let done: Vec<Checked> = chunk.par_iter().map(|i| process(&job, i)).collect();
        for c in done {
            if !c.messages.is_empty() {
                if let Report::Concise(w) = &mut report {
                    let _ = w.flush();
                }
                c.messages.iter().for_each(say);
            }
            if !c.stdout.is_empty() {
                text_out.write(&c.stdout);
            }
            summary.unreadable += usize::from(c.unreadable);
            failures += usize::from(c.unreadable) + usize::from(c.unwritten);
            summary.fixed += c.fixed;
            diff_found |= c.diff_found;
            let Some(text) = c.text else { continue };
            summary.files += 1;
            let mut diagnostics = c.diagnostics;
            let across = project.add(&c.path, &text, c.keys);
            if !across.is_empty() {
                diagnostics.extend(across);
                lint::sort(&mut diagnostics);
            }
            summary.add(&diagnostics);
            any_error |= diagnostics.iter().any(|d| d.severity == Severity::Error);
            if diagnostics.is_empty() || report_error.is_some() {
                continue;
            }
            let file = FileFindings {
                path: &c.path,
                src: &text,
                diagnostics: &diagnostics,
            };
            let written = match &mut report {
                Report::Full(out) => output::full(out, &file),
                Report::Concise(out) => output::concise(out, &file),
                Report::Json(kept) => {
                    kept.push((c.path, text, diagnostics));
                    Ok(())
                }
            };
            if let Err(e) = written {
                report_error = Some(e);
            }
        }
    }
    if text_out.failed() {
        failures += 1;
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

    let closing = match &mut report {
        Report::Full(out) => summary_line(out, &summary).and_then(|()| out.flush()),
        Report::Concise(out) => writeln!(out, "{}", summary.line()).and_then(|()| out.flush()),
        Report::Json(kept) => {
            let files: Vec<FileFindings<'_>> = kept
                .iter()
                .map(|(path, src, diagnostics)| FileFindings {
                    path,
                    src,
                    diagnostics,
                })
                .collect();
            let json = output::json(&files);
            if report_to_stderr {
                writeln!(std::io::stderr().lock(), "{json}")
            } else {
                let mut out = std::io::stdout().lock();
                writeln!(out, "{json}").and_then(|()| out.flush())
            }
        }
    };
    if let Some(e) = report_error.or(closing.err())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        return trouble(format!("cannot write output: {e}"));
    }
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
