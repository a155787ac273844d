//! `digest-lint check`: report findings, and with `--fix` or `--diff`
//! repair them.

use super::args::CheckArgs;
use super::diff::unified_diff;
use super::exit::{Stdout, say, trouble};
use super::input::{input_paths, prepare_to_write, read_sources, write_back};
use super::report::{self, Outcome, Report};
use super::settings::{CliChoices, config_for, select_paths, settings_for};
use crate::config::Config;
use crate::config::discover::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::FixMode;
use crate::io;
use crate::lint;
use crate::output::fixes::FixedFile;
use crate::output::{FileFindings, Summary};
use crate::rules::ProjectFile;
use crate::syntax::parser;
use rayon::prelude::*;
use std::path::Path;

pub(super) fn run(args: CheckArgs) -> u8 {
    if let Err(e) = report::validate(&args) {
        return trouble(e);
    }
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
    // One order for every output, whatever order the files were read in.
    sources.sort_by(|a, b| Path::new(&a.path).cmp(Path::new(&b.path)));
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
    let mut changes = 0;
    // For --show-fixes: the rule of each fix, per source.
    let mut fixed: Vec<Vec<(&'static str, &'static str)>> = vec![Vec::new(); sources.len()];
    let mut text_out = Stdout::default();

    if args.fix || args.diff {
        if args.fix && !args.diff {
            let files: Vec<_> = sources.iter().filter_map(|s| s.file.clone()).collect();
            prepare_to_write(&files);
        }
        // Fixed on every core; written and reported in order.
        let outcomes: Vec<lint::FixOutcome> = sources
            .par_iter()
            .zip(&configs)
            .map(|(source, config)| {
                lint::fix(&source.text, io::file_name(&source.path), config, mode)
            })
            .collect();
        for ((source, fixed), outcome) in sources.iter_mut().zip(&mut fixed).zip(outcomes) {
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
                    text_out.write(source.text.as_bytes());
                }
                continue;
            }
            *fixed = outcome.fixed;
            if args.diff {
                changes += 1;
                let diff = unified_diff(&source.path, &source.text, &outcome.text);
                text_out.write(diff.as_bytes());
                // Checked below as if fixed, for the exit code; nothing is
                // written.
                source.text = outcome.text;
                continue;
            }
            match write_back(source, &outcome.text) {
                // A file that had hard links says it lost them.
                Ok(note) => note.into_iter().for_each(say),
                Err(e) => {
                    // One file that cannot be written (or that changed on
                    // disk since it was read) does not stop the others;
                    // the exit status says it.
                    say(format_args!(
                        "digest-lint: error: {}: cannot write: {e}",
                        source.path
                    ));
                    failures += 1;
                    fixed.clear();
                    continue;
                }
            }
            if source.file.is_none() {
                text_out.write(outcome.text.as_bytes());
            }
            summary.fixed += outcome.applied;
            changes += outcome.applied;
            source.text = outcome.text;
        }
        if text_out.failed() {
            failures += 1;
        }
    } else if args.report.show_fixes {
        // What --fix would do; nothing is written.
        for ((source, fixed), config) in sources.iter().zip(&mut fixed).zip(&configs) {
            *fixed = lint::fix(&source.text, io::file_name(&source.path), config, mode).fixed;
        }
    }

    // Parse everything once; per-file rules, then rules across files.
    // Parsed and checked on every core, each file on its own.
    let digests: Vec<_> = sources.par_iter().map(|s| parser::parse(&s.text)).collect();
    let mut findings: Vec<Vec<Diagnostic>> = sources
        .par_iter()
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
    let baseline = match super::baseline::apply(&args.baseline, &sources, &mut findings) {
        Ok(b) => b,
        Err(e) => return trouble(e),
    };
    if let Some(note) = &baseline.note {
        say(note);
    }

    for list in &findings {
        summary.add(list);
    }
    let errors = findings
        .iter()
        .flatten()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if args.diff {
        report::diff_leftovers(&args, errors);
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
    let fixed_files: Vec<FixedFile<'_>> = sources
        .iter()
        .zip(&fixed)
        .map(|(s, f)| FixedFile {
            path: &s.path,
            fixes: f,
        })
        .collect();
    // With `--fix -` the fixed text owns standard output; the report goes
    // to standard error.
    let report_to_stderr = args.fix && sources.iter().any(|s| s.file.is_none());
    let report = Report {
        files: &files,
        summary: &summary,
        fixed: args
            .report
            .show_fixes
            .then_some((fixed_files.as_slice(), args.fix && !args.diff)),
    };
    if let Err(e) = report::emit(&args, &report, report_to_stderr) {
        trouble(e);
        failures += 1;
    }
    report::exit_code(
        &args,
        &Outcome {
            failures,
            // A stale baseline count fails the run like an error finding
            // (ESLint's unpruned suppressions).
            errors: errors + baseline.stale.len(),
            changes,
        },
    )
}
