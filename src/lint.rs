//! The driver: text and a configuration in, findings (or fixed text) out.
//! Nothing here touches the file system.
//!
//! Layer: uses the rules, the fix engine, the configuration and the tree;
//! the command line (and an editor's server) use it.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::fix::{self, FixMode};
use crate::rules::{self, AddedFile, Context, ProjectFile};
use crate::syntax::Digest;
use crate::syntax::parser;

/// How many parse-check-fix passes `fix` makes at most. Fixes converge in
/// one or two passes; reaching the bound means a fix keeps re-firing.
pub const MAX_FIX_PASSES: usize = 8;

/// The hard bound on passes, for fixes that still make progress after
/// [`MAX_FIX_PASSES`]: each pass leaves fewer fixes, or a shorter text,
/// than the one before.
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
    check_context(&Context::new(digest, file_name, config))
}

/// Runs every enabled rule (by the context's configuration) with one
/// context: what rules share of a file is computed once.
fn check_context(cx: &Context<'_>) -> Vec<Diagnostic> {
    let config = cx.config;
    let mut out = Vec::new();
    for rule in rules::all().filter(|r| config.is_enabled(r.meta())) {
        let from = out.len();
        rule.check(cx, &mut out);
        set_severity(config, rule.meta(), out.get_mut(from..).unwrap_or_default());
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
    let mut project = Project::new(config);
    for (index, file) in files.iter().enumerate() {
        let keys = project.keys(file, &Context::new(file.digest, None, config));
        out.extend(
            project
                .add(&file.added(), keys)
                .into_iter()
                .map(|d| (index, d)),
        );
    }
    out
}

/// The rules across files for a run that goes through its files one at a
/// time, in order: [`Project::keys`] reads a file on any thread,
/// [`Project::add`] takes the files in the run's order and returns each
/// one's findings against the files before it. Only small keys of the
/// files done are kept, never their texts.
pub struct Project {
    rules: Vec<(&'static rules::RuleMeta, Box<dyn rules::CrossFile>)>,
    config: Config,
}

/// What the rules across files keep of one file, one entry per rule.
pub struct ProjectKeys(Vec<Box<dyn std::any::Any + Send>>);

impl Project {
    /// The enabled rules across files, by `config` (the run's own, not a
    /// file's).
    pub fn new(config: &Config) -> Self {
        let rules = rules::all()
            .filter(|r| config.is_enabled(r.meta()))
            .filter_map(|r| Some((r.meta(), r.cross_file()?)))
            .collect();
        Project {
            rules,
            config: config.clone(),
        }
    }

    /// What the rules across files keep of `file`, read with the context
    /// of its per-file check (see [`Project::check`]).
    pub fn keys(&self, file: &ProjectFile<'_>, cx: &Context<'_>) -> ProjectKeys {
        ProjectKeys(self.rules.iter().map(|(_, r)| r.keys(file, cx)).collect())
    }

    /// Checks one file (as [`check_digest`], with the file's own
    /// `config`) and reads its keys for [`Project::add`], with one
    /// context, so that what both need is computed once.
    pub fn check(
        &self,
        file: &ProjectFile<'_>,
        file_name: Option<&str>,
        config: &Config,
    ) -> (Vec<Diagnostic>, ProjectKeys) {
        let cx = Context::new(file.digest, file_name, config);
        let found = check_context(&cx);
        (found, self.keys(file, &cx))
    }

    /// The next file of the run: its findings across files, rule by rule
    /// in the registry's order, with configured severities.
    pub fn add(&mut self, file: &AddedFile<'_>, keys: ProjectKeys) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for ((meta, rule), keys) in self.rules.iter_mut().zip(keys.0) {
            let from = out.len();
            out.extend(rule.add(file, keys));
            set_severity(&self.config, meta, out.get_mut(from..).unwrap_or_default());
        }
        out
    }
}

/// A severity configured for the rule (`[lint.severity]`) replaces the one
/// its findings came with.
fn set_severity(config: &Config, meta: &rules::RuleMeta, found: &mut [Diagnostic]) {
    if config.overrides_severity(meta) {
        let severity = config.severity_of(meta);
        for d in found {
            d.severity = severity;
        }
    }
}

/// Puts findings in the order they are reported: by place, then by rule,
/// the order found kept among equals. A stable sort of the findings
/// themselves would take room for half of them besides (a file of a
/// million findings: 90 MB), so their positions are sorted, and the
/// findings moved into place along the cycles of that order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    let key = |d: &Diagnostic| (d.span.start, d.span.end, d.code);
    if diagnostics.is_sorted_by(|a, b| key(a) <= key(b)) {
        return;
    }
    let Ok(n) = u32::try_from(diagnostics.len()) else {
        diagnostics.sort_by(|a, b| key(a).cmp(&key(b)));
        return;
    };
    let mut order: Vec<u32> = (0..n).collect();
    order.sort_by(
        |&i, &j| match (diagnostics.get(i as usize), diagnostics.get(j as usize)) {
            (Some(a), Some(b)) => key(a).cmp(&key(b)),
            _ => std::cmp::Ordering::Equal,
        },
    );
    permute(diagnostics, &mut order);
}

/// Moves the items of `items` so that the one at `order[k]` ends at `k`:
/// each cycle of the permutation is followed once, by swaps. `order` is
/// used up (each position is marked done as it is filled).
fn permute<T>(items: &mut [T], order: &mut [u32]) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(from) = order.get(at).map(|&f| f as usize) {
            // Marked done: `at` holds what belongs there.
            if let Some(o) = order.get_mut(at) {
                *o = at as u32;
            }
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
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
    /// The rule (code, name) of each fix applied, in the order applied.
    pub fixed: Vec<(&'static str, &'static str)>,
}

/// Applies fixes until none applies, re-parsing and re-checking after each
/// pass. After [`MAX_FIX_PASSES`] passes the loop goes on only while each
/// pass leaves fewer fixes to apply, or a shorter text, than the one
/// before (copies of a line written hundreds of times go half at a time,
/// and the last two copies are one fix, as the last three were), up to
/// [`MAX_PROGRESS_PASSES`]; a fix that keeps re-firing stops it.
pub fn fix(src: &str, file_name: Option<&str>, config: &Config, mode: FixMode) -> FixOutcome {
    let mut text = src.to_string();
    let mut applied = 0;
    let mut fixed = Vec::new();
    // Fixes left to apply and the text's length, after the pass before.
    let mut previous = (usize::MAX, usize::MAX);
    for pass in 0..MAX_PROGRESS_PASSES {
        let diagnostics = check(&text, file_name, config);
        let candidates: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| mode.allows(f.applicability)))
            .collect();
        let left = (candidates.len(), text.len());
        if pass >= MAX_FIX_PASSES && left.0 >= previous.0 && left.1 >= previous.1 {
            break;
        }
        previous = left;
        let (next, taken) =
            fix::apply_fixes_taken(&text, candidates.iter().filter_map(|d| d.fix.as_ref()));
        // Nothing taken leaves the text as it was: one test covers both.
        if next == text {
            return FixOutcome {
                text,
                applied,
                remaining: diagnostics,
                converged: true,
                fixed,
            };
        }
        applied += taken.len();
        fixed.extend(
            taken
                .iter()
                .filter_map(|&i| candidates.get(i))
                .map(|d| (d.code, d.rule)),
        );
        text = next;
    }
    let remaining = check(&text, file_name, config);
    let converged = fix::applicable(&remaining, mode).next().is_none();
    FixOutcome {
        text,
        applied,
        remaining,
        converged,
        fixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parser::parse;

    /// An entry whose authors line is written `copies` times.
    fn authors_written(copies: usize) -> String {
        let mut src = String::from("2025년 4월 25일\nSome Title\n");
        src.push_str(&"(Ann Lee)\n".repeat(copies));
        src.push_str("한국어 설명입니다.\nAn English note.\n#tag\n");
        src
    }

    #[test]
    fn permuting_moves_each_item_to_its_place() {
        // Cycles of one, two and four, written by hand.
        let mut items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
        let mut order = [0, 2, 1, 5, 3, 6, 4];
        permute(&mut items, &mut order);
        assert_eq!(items, ['a', 'c', 'b', 'f', 'd', 'g', 'e']);
    }

    #[test]
    fn sorting_orders_by_place_and_rule_and_keeps_equals_in_order() {
        let meta = |code: &str| {
            rules::by_code_or_name(code)
                .map(|r| r.meta())
                .expect("a rule of that code")
        };
        let d = |start: usize, code: &str, message: &str| {
            Diagnostic::new(
                meta(code),
                crate::syntax::Span::new(start, start + 1),
                message.to_string(),
            )
        };
        let mut found = vec![
            d(5, "W001", "w at 5"),
            d(1, "T002", "first t at 1"),
            d(1, "E009", "e at 1"),
            d(1, "T002", "second t at 1"),
            d(0, "W001", "w at 0"),
            d(1, "T002", "third t at 1"),
        ];
        sort(&mut found);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "w at 0",
                "e at 1",
                "first t at 1",
                "second t at 1",
                "third t at 1",
                "w at 5"
            ]
        );
    }

    #[test]
    fn copies_that_take_more_passes_than_the_bound_are_all_removed() {
        // 257 copies go 128, 64, ... 2, 1, 1 fixes a pass: nine passes, and
        // the last two leave as many fixes but a shorter text.
        for copies in [2, 9, 257, 300] {
            let outcome = fix(
                &authors_written(copies),
                None,
                &Config::default(),
                FixMode::Safe,
            );
            assert!(outcome.converged, "{copies}");
            assert_eq!(outcome.text, authors_written(1), "{copies}");
            assert_eq!(outcome.applied, copies - 1, "{copies}");
            assert!(outcome.remaining.is_empty(), "{copies}");
        }
    }

    #[test]
    fn a_project_reports_each_finding_with_its_file() {
        let day = |n: u32, english: &str| {
            format!(
                "2025년 4월 {n}일\nInvented Paper Number {n}\n(Ann Lee)\n\
                 가상의 논문 {n}에 대한 짧은 설명입니다.\n{english}\n#x\n"
            )
        };
        let copied = "A made-up note on folding tokens to speed up small decoders.";
        let texts = [
            day(1, copied),
            day(2, "Another made-up note, on lanterns."),
            day(3, copied),
        ];
        let digests: Vec<_> = texts.iter().map(|t| parse(t)).collect();
        let mut files: Vec<ProjectFile<'_>> = digests
            .iter()
            .zip(["1.txt", "2.txt", "3.txt"])
            .map(|(digest, path)| ProjectFile { path, digest })
            .collect();
        let found: Vec<(usize, &str)> = check_project(&files, &Config::default())
            .iter()
            .map(|(i, d)| (*i, d.code))
            .collect();
        // The third file copies the first; one file alone compares nothing.
        assert_eq!(found, [(2, "C005")]);
        assert!(check_project(&files[..1], &Config::default()).is_empty());
        // Two files are enough.
        let two = [files.swap_remove(2), files.swap_remove(0)];
        let found: Vec<usize> = check_project(&two, &Config::default())
            .iter()
            .map(|(i, _)| *i)
            .collect();
        assert_eq!(found, [1]);
    }
}
