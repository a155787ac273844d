//! The driver: text and a configuration in, findings (or fixed text) out.
//! Nothing here touches the file system.
//!
//! Layer: uses the rules, the fix engine, the configuration and the tree;
//! the command line (and an editor's server) use it.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::fix::{self, FixMode};
use crate::rules::structure::{SeenTitles, TitleKey};
use crate::rules::{self, Context, ProjectFile};
use crate::syntax::Digest;
use crate::syntax::parser;

/// How many parse-check-fix passes `fix` makes at most. Fixes converge in
/// one or two passes; reaching the bound means a fix keeps re-firing.
pub const MAX_FIX_PASSES: usize = 8;

/// The hard bound on passes, for fixes that still make progress after
/// [`MAX_FIX_PASSES`]: each pass leaves fewer fixes than the one before.
pub const MAX_PROGRESS_PASSES: usize = 64;

/// Parses `src` and runs every enabled rule on it. Findings are sorted by
/// position, then code.
pub fn check(src: &str, file_name: Option<&str>, config: &Config) -> Vec<Diagnostic> {
    let digest = parser::parse(src);
    check_digest(&digest, file_name, config)
}

/// Runs every enabled rule on a parsed digest.
pub fn check_digest(
    digest: &Digest<'_>,
    file_name: Option<&str>,
    config: &Config,
) -> Vec<Diagnostic> {
    let cx = Context {
        src: digest.src,
        digest,
        file_name,
        config,
    };
    let mut out = Vec::new();
    for rule in rules::all().filter(|r| config.is_enabled(r.meta())) {
        rule.check(&cx, &mut out);
    }
    sort(&mut out);
    out
}

/// Runs the rules that compare files with each other. Findings come with
/// the index of their file.
pub fn check_project(files: &[ProjectFile<'_>], config: &Config) -> Vec<(usize, Diagnostic)> {
    let mut out = Vec::new();
    if files.len() < 2 {
        return out;
    }
    for rule in rules::all().filter(|r| config.is_enabled(r.meta())) {
        rule.check_project(files, config, &mut out);
    }
    out
}

/// The rules that compare files, fed one file at a time in the run's
/// order: what [`check_project`] finds, keeping only small keys of the
/// files already done (E008: each title's key and place), never their
/// texts, so that checking an archive takes memory for one file at a time.
pub struct ProjectCheck {
    titles: Option<SeenTitles>,
}

/// What one file gives [`ProjectCheck`], computed where it is parsed.
#[derive(Default)]
pub struct ProjectKeys(Option<Vec<TitleKey>>);

impl ProjectCheck {
    pub fn new(config: &Config) -> Self {
        let on = rules::by_code_or_name("E008").is_some_and(|r| config.is_enabled(r.meta()));
        ProjectCheck {
            titles: on.then(SeenTitles::default),
        }
    }

    /// Whether the enabled rules compare files at all.
    pub fn wanted(&self) -> bool {
        self.titles.is_some()
    }

    /// The keys of one file (none when `wanted` is false).
    pub fn keys(digest: &Digest<'_>, wanted: bool) -> ProjectKeys {
        ProjectKeys(wanted.then(|| SeenTitles::keys(digest)))
    }

    /// The next file in the run's order: its findings against the files
    /// before it.
    pub fn add(&mut self, path: &str, src: &str, keys: ProjectKeys) -> Vec<Diagnostic> {
        match (&mut self.titles, keys.0) {
            (Some(seen), Some(keys)) => seen.add(path, src, keys),
            _ => Vec::new(),
        }
    }
}

pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code))
    });
}

/// The result of fixing one text.
#[derive(Debug)]
pub struct FixOutcome {
    pub text: String,
    /// How many fixes were applied, over all passes.
    pub applied: usize,
    /// The findings left in `text`.
    pub remaining: Vec<Diagnostic>,
    /// False when the pass bound was reached with fixes still applying.
    pub converged: bool,
}

/// Applies fixes until none applies, re-parsing and re-checking after each
/// pass. After [`MAX_FIX_PASSES`] passes the loop goes on only while each
/// pass leaves fewer fixes to apply than the one before (copies of a line
/// written hundreds of times go half at a time), up to
/// [`MAX_PROGRESS_PASSES`]; a fix that keeps re-firing stops it.
pub fn fix(src: &str, file_name: Option<&str>, config: &Config, mode: FixMode) -> FixOutcome {
    let mut text = src.to_string();
    let mut applied = 0;
    let mut previous = usize::MAX;
    for pass in 0..MAX_PROGRESS_PASSES {
        let diagnostics = check(&text, file_name, config);
        let fixes: Vec<_> = fix::applicable(&diagnostics, mode).collect();
        if pass >= MAX_FIX_PASSES && fixes.len() >= previous {
            break;
        }
        previous = fixes.len();
        let (next, n) = fix::apply_fixes(&text, fixes);
        if n == 0 || next == text {
            return FixOutcome {
                text,
                applied,
                remaining: diagnostics,
                converged: true,
            };
        }
        applied += n;
        text = next;
    }
    let remaining = check(&text, file_name, config);
    let converged = fix::applicable(&remaining, mode).next().is_none();
    FixOutcome {
        text,
        applied,
        remaining,
        converged,
    }
}
