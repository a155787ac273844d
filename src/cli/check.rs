//! `digest-lint check`: report findings, and with `--fix` or `--diff`
//! repair them.

use super::args::CheckArgs;
use super::color::color_choice;
use super::diff::unified_diff;
use super::exit::{EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE, say, trouble};
use super::input::{input_paths, read_sources};
use super::settings::{CliChoices, config_for, select_paths, settings_for};
use crate::config::Config;
use crate::config::discover::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::FixMode;
use crate::io;
use crate::lint;
use crate::output::{self, FileFindings, OutputFormat, Summary};
use crate::rules::ProjectFile;
use crate::syntax::parser;
use codespan_reporting::term::termcolor::{StandardStream, WriteColor};
use std::io::Write;

pub(super) fn run(args: CheckArgs) -> u8 {
    let choices = CliChoices {
        select: &args.select,
        ignore: &args.ignore,
        style: Some(args.style),
    };
    // The command line's selectors are checked before any file is read.
    if let Err(e) = config_for(&Settings::default(), None, choices) {
        return trouble(e);
    }
    let mut resolver = match args.settings.resolver() {
        Ok(r) => r,
        Err(e) => return trouble(e),
    };
    let paths = match input_paths(&args.paths, args.stdin_filename.as_deref()) {
        Ok(p) => p,
        Err(e) => return trouble(e),
    };
    let (paths, walk_failures) = match select_paths(&paths, &args.settings, &mut resolver) {
        Ok(p) => p,
        Err(e) => return trouble(e),
    };
    let (mut sources, mut failures) = read_sources(&paths, args.stdin_filename.as_deref());
    failures += walk_failures;
    // Each file is checked with the configuration that applies to it; the
    // rules across files with the current folder's.
    let configs: Result<Vec<Config>, String> = sources
        .iter()
        .map(|s| {
            let settings = settings_for(&mut resolver, s.file.as_deref(), &s.path)?;
            config_for(&settings, s.file.as_deref(), choices)
        })
        .collect();
    let configs = match configs {
        Ok(c) => c,
        Err(e) => return trouble(e),
    };
    let config =
        match settings_for(&mut resolver, None, "-").and_then(|s| config_for(&s, None, choices)) {
            Ok(c) => c,
            Err(e) => return trouble(e),
        };
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
        for (source, config) in sources.iter_mut().zip(&configs) {
            let name = io::file_name(&source.path);
            let outcome = lint::fix(&source.text, name, config, mode);
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
        .zip(&configs)
        .map(|((s, d), config)| {
            let name = io::file_name(&s.path);
            lint::check_digest(d, name, config)
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
