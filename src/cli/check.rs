//! `digest-lint check`: report findings, and with `--fix` or `--diff`
//! repair them.
//!
//! The run streams: the inputs, sorted by path, go through in chunks of a
//! few dozen files. A chunk is read, parsed and checked on every core
//! ([`prepare`]; its trees are dropped once checked); then, in its turn
//! and in the fixed order, each file's text meets the rules across files
//! (which keep small keys of the files before it, never their texts), the
//! baseline, and the report, which prints the file's findings; then the
//! chunk's texts are dropped ([`Run::finish`]). The turns run on a thread
//! of their own while the next chunks are prepared. With `--fix` or
//! `--diff` a chunk is fixed in its turn, then checked, and chunks go one
//! at a time. Memory is a few chunks' texts plus the keys, whatever the
//! size of the archive.

use super::args::CheckArgs;
use super::diff::unified_diff;
use super::exit::{Stdout, say, trouble};
use super::input::{
    CHUNK_BYTES, CHUNK_FILES, Input, Source, chunks, gather_sources, prepare_to_write, write_back,
};
use super::report::{self, Outcome, Stream};
use super::settings::{CliChoices, config_for, settings_for};
use crate::config::Config;
use crate::config::discover::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::FixMode;
use crate::io;
use crate::lint;
use crate::lint::ProjectKeys;
use crate::output::fixes::FixedFile;
use crate::output::{FileFindings, Summary};
use crate::rules::{AddedFile, ProjectFile};
use crate::syntax::parser;
use rayon::prelude::*;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

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
    let (mut inputs, mut failures) = match gather_sources(
        &args.paths,
        args.stdin_filename.as_deref(),
        &args.settings,
        &mut resolver,
    ) {
        Ok(found) => found,
        Err(e) => return trouble(e),
    };
    // One order for every output, whatever order the files were found in.
    inputs.sort_by(|a, b| Path::new(&a.path).cmp(Path::new(&b.path)));
    // Each file is checked with the configuration that applies to it (all
    // resolved before any file is read, so a bad configuration file stops
    // the run before it prints anything); the rules across files with the
    // current folder's.
    let configs = match configs(&inputs, &mut resolver, choices) {
        Ok(c) => c,
        Err(e) => return trouble(e),
    };
    let config =
        match settings_for(&mut resolver, None, "-").and_then(|s| config_for(&s, None, choices)) {
            Ok(c) => c,
            Err(e) => return trouble(e),
        };
    let baseline = match super::baseline::Run::start(&args.baseline) {
        Ok(b) => b,
        Err(e) => return trouble(e),
    };
    let mode = if args.unsafe_fixes {
        FixMode::Unsafe
    } else {
        FixMode::Safe
    };
    if args.fix && !args.diff {
        let files: Vec<_> = inputs.iter().filter_map(|s| s.file.clone()).collect();
        prepare_to_write(&files);
    }
    // With `--fix -` the fixed text owns standard output; the report goes
    // to standard error.
    let report_to_stderr = args.fix && inputs.iter().any(|s| s.file.is_none());

    let mut run = Run {
        args: &args,
        mode,
        summary: Summary::default(),
        changes: 0,
        errors: 0,
        failures: 0,
        unreadable: 0,
        fixed: Vec::new(),
        text_out: Stdout::default(),
        project: lint::Project::new(&config),
        baseline,
        stream: Stream::new(&args, report_to_stderr),
    };
    // The chunks go through a pipeline of two steps: a thread of its own
    // gives each chunk its turn (the rules across files, the baseline and
    // the report, in order) while the next chunks are read and checked on
    // every core. The turns were the part of a run that kept one core
    // waiting. With --fix or --diff a chunk is fixed and written in its
    // turn, before it is checked, and the next waits for it.
    let keys = lint::Project::new(&config);
    let mut configs = configs.into_iter();
    let prepared = chunks(inputs, CHUNK_FILES, CHUNK_BYTES)
        .into_iter()
        .map(|chunk| {
            let chunk_configs: Vec<Arc<Config>> = configs.by_ref().take(chunk.len()).collect();
            prepare(&args, mode, &keys, (chunk, chunk_configs))
        });
    if args.fix || args.diff {
        prepared.for_each(|p| run.finish(p));
    } else {
        std::thread::scope(|scope| {
            let (to_turn, turns) = std::sync::mpsc::sync_channel::<Prepared>(1);
            let run = &mut run;
            scope.spawn(move || turns.into_iter().for_each(|p| run.finish(p)));
            for p in prepared {
                if to_turn.send(p).is_err() {
                    break;
                }
            }
        });
    }
    // Unreadable inputs, for the summary: those the walk met and those
    // that failed when read (not files that could not be written).
    run.summary.unreadable = failures + run.unreadable;
    failures += run.failures;
    if run.text_out.failed() {
        failures += 1;
    }
    let baseline = match run.baseline.finish() {
        Ok(b) => b,
        Err(e) => return trouble(e),
    };
    if let Some(note) = &baseline.note {
        say(note);
    }
    if args.diff {
        report::diff_leftovers(&args, run.errors);
    }
    let fixed_files: Vec<FixedFile<'_>> = run
        .fixed
        .iter()
        .map(|(path, fixes)| FixedFile { path, fixes })
        .collect();
    let fixed = args
        .report
        .show_fixes
        .then_some((fixed_files.as_slice(), args.fix && !args.diff));
    if let Err(e) = run.stream.finish(&run.summary, fixed) {
        trouble(e);
        failures += 1;
    }
    report::exit_code(
        &args,
        &Outcome {
            failures,
            // A stale baseline count fails the run like an error finding
            // (ESLint's unpruned suppressions).
            errors: run.errors + baseline.stale.len(),
            changes: run.changes,
        },
    )
}

/// The configuration of each input, in order. Inputs that share settings
/// and have no per-file ignores share one `Config`.
fn configs(
    inputs: &[Input],
    resolver: &mut crate::config::discover::Resolver,
    choices: CliChoices<'_>,
) -> Result<Vec<Arc<Config>>, String> {
    let mut shared: Vec<(Rc<Settings>, Arc<Config>)> = Vec::new();
    let mut out = Vec::with_capacity(inputs.len());
    for input in inputs {
        let settings = settings_for(resolver, input.file.as_deref(), &input.path)?;
        let plain = match input.file.as_deref() {
            Some(f) => settings.ignored_in(&resolver.canonical(f)).is_empty(),
            None => true,
        };
        if plain && let Some((_, c)) = shared.iter().find(|(s, _)| Rc::ptr_eq(s, &settings)) {
            out.push(Arc::clone(c));
            continue;
        }
        let config = Arc::new(config_for(&settings, input.file.as_deref(), choices)?);
        if plain {
            shared.push((settings, Arc::clone(&config)));
        }
        out.push(config);
    }
    Ok(out)
}

/// A chunk read and, unless `--fix` or `--diff` change its texts first,
/// checked: the work that needs no order. While one chunk waits for its
/// turn ([`Run::finish`]), the next is prepared on the other cores.
struct Prepared {
    sources: Vec<Source>,
    configs: Vec<Arc<Config>>,
    /// Why each input that could not be read was not, in order: reported
    /// at the chunk's turn, so that messages keep the order of the files.
    unreadable: Vec<String>,
    /// Per source, the rule of each fix: with `--show-fixes` alone, what
    /// `--fix` would do; filled by [`Run::fix`] otherwise.
    fixed: Vec<Vec<(&'static str, &'static str)>>,
    /// Per source, its findings and its keys for the rules across files;
    /// `None` when `--fix` or `--diff` are to change the texts first.
    checked: Option<Vec<(Vec<Diagnostic>, ProjectKeys)>>,
}

/// Reads a chunk on every core and, when its texts are not to be fixed
/// first, checks it. `keys` reads the keys of the rules across files
/// (it holds no file's keys: those are kept by the run's own
/// [`lint::Project`]).
fn prepare(
    args: &CheckArgs,
    mode: FixMode,
    keys: &lint::Project,
    (inputs, configs): (Vec<Input>, Vec<Arc<Config>>),
) -> Prepared {
    let fixing = args.fix || args.diff;
    // Each file is checked as soon as it is read, unless its text is to
    // change first: one pass over the chunk on every core, where reading
    // all and then checking all kept a core waiting at the turn between.
    let check_now = !fixing && !args.report.show_fixes;
    let read: Vec<_> = inputs
        .into_par_iter()
        .zip(configs)
        .map(|(input, config)| -> Result<_, io::SourceError> {
            let source = input.read()?;
            let checked = check_now.then(|| check_source(&source, &config, keys));
            Ok((source, config, checked))
        })
        .collect();
    let mut sources = Vec::with_capacity(read.len());
    let mut kept = Vec::with_capacity(read.len());
    let mut checked = Vec::with_capacity(read.len());
    let mut unreadable = Vec::new();
    for r in read {
        match r {
            Ok((source, config, found)) => {
                sources.push(source);
                kept.push(config);
                checked.extend(found);
            }
            Err(e) => unreadable.push(e.to_string()),
        }
    }
    let configs = kept;
    let fixed = if args.report.show_fixes && !fixing {
        // What --fix would do; nothing is written.
        sources
            .par_iter()
            .zip(&configs)
            .map(|(s, config)| lint::fix(&s.text, io::file_name(&s.path), config, mode).fixed)
            .collect()
    } else {
        vec![Vec::new(); sources.len()]
    };
    let checked = match (fixing, check_now) {
        (true, _) => None,
        (false, true) => Some(checked),
        (false, false) => Some(check_sources(&sources, &configs, keys)),
    };
    Prepared {
        sources,
        configs,
        unreadable,
        fixed,
        checked,
    }
}

/// Parses and checks each source on every core, each file on its own,
/// with the keys the rules across files need; a file's tree is dropped
/// once it is checked.
fn check_sources(
    sources: &[Source],
    configs: &[Arc<Config>],
    keys: &lint::Project,
) -> Vec<(Vec<Diagnostic>, ProjectKeys)> {
    sources
        .par_iter()
        .zip(configs)
        .map(|(s, config)| check_source(s, config, keys))
        .collect()
}

/// Parses and checks one source, with the keys the rules across files
/// need; its tree is dropped once it is checked.
fn check_source(
    s: &Source,
    config: &Config,
    keys: &lint::Project,
) -> (Vec<Diagnostic>, ProjectKeys) {
    let digest = parser::parse(&s.text);
    let file = ProjectFile {
        path: &s.path,
        digest: &digest,
    };
    keys.check(&file, io::file_name(&s.path), config)
}

/// A run in progress: what it has counted and what it keeps across chunks.
struct Run<'a> {
    args: &'a CheckArgs,
    mode: FixMode,
    summary: Summary,
    /// Fixes applied by --fix, or (with --diff) files the diff changes.
    changes: usize,
    /// Error findings reported (or left, after --fix/--diff).
    errors: usize,
    /// Files that could not be read or written.
    failures: usize,
    /// Files that could not be read (the summary line counts them).
    unreadable: usize,
    /// For --show-fixes: the rule of each fix, per file that has one.
    fixed: Vec<(String, Vec<(&'static str, &'static str)>)>,
    text_out: Stdout,
    project: lint::Project,
    baseline: super::baseline::Run,
    stream: Stream<'a>,
}

impl Run<'_> {
    /// A chunk's turn, in the fixed order: what could not be read is
    /// reported; with `--fix` or `--diff` the texts are fixed (and
    /// written) and only then checked; then the rules across files, the
    /// baseline and the report.
    fn finish(&mut self, prepared: Prepared) {
        let args = self.args;
        let Prepared {
            mut sources,
            configs,
            unreadable,
            mut fixed,
            checked,
        } = prepared;
        for e in unreadable {
            say(format_args!("digest-lint: error: {e}"));
            self.failures += 1;
            self.unreadable += 1;
        }
        self.summary.files += sources.len();
        let checked = match checked {
            Some(checked) => checked,
            None => {
                self.fix(&mut sources, &configs, &mut fixed);
                check_sources(&sources, &configs, &self.project)
            }
        };
        if args.report.show_fixes {
            for (s, f) in sources.iter().zip(fixed) {
                self.fixed.push((s.path.clone(), f));
            }
        }
        // In order: the rules across files.
        let mut findings: Vec<Vec<Diagnostic>> = Vec::with_capacity(checked.len());
        for (source, (mut found, keys)) in sources.iter().zip(checked) {
            let file = AddedFile {
                path: &source.path,
                src: &source.text,
            };
            let across = self.project.add(&file, keys);
            if !across.is_empty() {
                found.extend(across);
                lint::sort(&mut found);
            }
            findings.push(found);
        }
        // The baseline, then the report, file by file.
        let baseline = &self.baseline;
        let marked: Vec<_> = sources
            .par_iter()
            .zip(&findings)
            .map(|(s, f)| baseline.titles(s, f))
            .collect();
        for ((source, found), titles) in sources.iter().zip(&mut findings).zip(marked) {
            self.baseline.take(source, found, titles);
            self.summary.add(found);
            self.errors += found
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
        }
        let buffers: Vec<_> = sources.iter().map(|_| self.stream.buffer()).collect();
        let stream = &self.stream;
        let pieces: Vec<_> = sources
            .par_iter()
            .zip(&findings)
            .zip(buffers)
            .map(|((s, f), buffer)| {
                stream.render(
                    &FileFindings {
                        path: &s.path,
                        src: &s.text,
                        diagnostics: f,
                    },
                    buffer,
                )
            })
            .collect();
        for ((s, f), piece) in sources.iter().zip(&findings).zip(pieces) {
            self.stream.write(
                &FileFindings {
                    path: &s.path,
                    src: &s.text,
                    diagnostics: f,
                },
                piece,
            );
        }
    }

    /// `--fix` and `--diff` on one chunk: fixed on every core; written,
    /// diffed and reported in order. Each source's text becomes its fixed
    /// text, which is then checked.
    fn fix(
        &mut self,
        sources: &mut [Source],
        configs: &[Arc<Config>],
        fixed: &mut [Vec<(&'static str, &'static str)>],
    ) {
        let args = self.args;
        let mode = self.mode;
        let outcomes: Vec<lint::FixOutcome> = sources
            .par_iter()
            .zip(configs)
            .map(|(source, config)| {
                lint::fix(&source.text, io::file_name(&source.path), config, mode)
            })
            .collect();
        for ((source, fixed), outcome) in sources.iter_mut().zip(fixed).zip(outcomes) {
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
                    self.text_out.write(source.text.as_bytes());
                }
                continue;
            }
            *fixed = outcome.fixed;
            if args.diff {
                self.changes += 1;
                let diff = unified_diff(&source.path, &source.text, &outcome.text);
                self.text_out.write(diff.as_bytes());
                // Checked as if fixed, for the exit code; nothing is
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
                    self.failures += 1;
                    fixed.clear();
                    continue;
                }
            }
            if source.file.is_none() {
                self.text_out.write(outcome.text.as_bytes());
            }
            self.summary.fixed += outcome.applied;
            self.changes += outcome.applied;
            source.text = outcome.text;
        }
    }
}
