//! The rule machinery and the registry of every rule.
//!
//! One rule, one file: each rule's file holds its [`RuleMeta`] (code, name,
//! default severity, fix availability and user documentation), its check
//! and its fix. Families group the files the way codes are grouped (`D`
//! date, `E` entry structure, `A` authors, `C` commentary, `T` tags, `L`
//! links, `W` white space and encoding); each family's `mod.rs` lists its
//! rules, and [`all`] chains the families.
//!
//! Layer: uses [`crate::syntax`], [`crate::diagnostic`], [`crate::format`]
//! (the shared normalisations) and [`crate::config`]; never the driver,
//! the output or the command line.

use crate::config::{Config, Selector};
use crate::diagnostic::Diagnostic;
pub use crate::diagnostic::{FixAvailability, RuleMeta};
use crate::syntax::Digest;
use crate::syntax::date::{self, Date};

pub mod authors;
pub mod commentary;
pub mod date_header;
pub mod links;
pub mod structure;
pub mod tags;
pub mod whitespace;

/// What a rule sees of one file.
pub struct Context<'a> {
    pub src: &'a str,
    pub digest: &'a Digest<'a>,
    /// The file's name without folders (`2025-04-25.txt`), when it has one.
    pub file_name: Option<&'a str>,
    pub config: &'a Config,
    /// The paragraphs C005 compares (within the file and across files),
    /// keyed once per file.
    comparable: std::cell::OnceCell<Vec<commentary::Comparable>>,
    /// C005's copies, which C001 and C002 read too: found once per file.
    copies: std::cell::OnceCell<Vec<commentary::CopiedParagraph>>,
    /// Each entry's commentary split into paragraphs, which C001, C002,
    /// C006 and C007 all compare: split once per file.
    commentaries: std::cell::OnceCell<Vec<Option<commentary::Commentary>>>,
    /// Per line, whether its text holds `arxiv` in any case: where L001
    /// and L003 look for links without a scheme. Found by one search of
    /// the file.
    arxiv_lines: std::cell::OnceCell<Vec<bool>>,
}

impl<'a> Context<'a> {
    pub fn new(digest: &'a Digest<'a>, file_name: Option<&'a str>, config: &'a Config) -> Self {
        Context {
            src: digest.src,
            digest,
            file_name,
            config,
            comparable: std::cell::OnceCell::new(),
            copies: std::cell::OnceCell::new(),
            commentaries: std::cell::OnceCell::new(),
            arxiv_lines: std::cell::OnceCell::new(),
        }
    }

    /// Whether the text of line `line` holds `arxiv` (ASCII case ignored),
    /// as a search of that line would say. The file is searched once for
    /// every line: two rules searching each line of every file for it
    /// cost more than the search of the whole file.
    pub fn mentions_arxiv(&self, line: usize) -> bool {
        let lines = self.arxiv_lines.get_or_init(|| {
            let mut found = vec![false; self.digest.lines.len()];
            let src = self.src.as_bytes();
            let (mut from, mut index) = (0, 0);
            while let Some(at) = crate::syntax::text::find_ascii_ci(src, b"arxiv", from) {
                // `arxiv` cannot overlap itself: the next one starts after.
                from = at + "arxiv".len();
                // Lines are in order and so are the finds: the line that
                // holds this one is at or after the last.
                while self
                    .digest
                    .lines
                    .get(index)
                    .is_some_and(|l| l.text.end < at + "arxiv".len())
                {
                    index += 1;
                }
                match (self.digest.lines.get(index), found.get_mut(index)) {
                    (Some(l), Some(slot)) if l.text.start <= at => *slot = true,
                    _ => {}
                }
            }
            found
        });
        lines.get(line).copied().unwrap_or(false)
    }

    /// The commentary paragraphs that copy one of an earlier entry of the
    /// file (computed on first use), as C005 reports them. None while C005
    /// is off: C001 and C002 leave a copy to C005, and with C005 off they
    /// are what reports the pair (and a run without C005 pays nothing for
    /// finding copies).
    pub(crate) fn copied_paragraphs(&self) -> &[commentary::CopiedParagraph] {
        if !self.config.is_enabled(commentary::copied_commentary_meta()) {
            return &[];
        }
        self.copies.get_or_init(|| {
            commentary::copied_paragraphs(self.digest, self.comparable_paragraphs())
        })
    }

    /// The commentary paragraphs long enough to compare for copies, with
    /// their keys (computed on first use).
    pub(crate) fn comparable_paragraphs(&self) -> &[commentary::Comparable] {
        self.comparable
            .get_or_init(|| commentary::comparable_paragraphs(self.digest))
    }

    /// Each entry (in [`Digest::entries`] order) with its commentary, when
    /// it has both blocks (see [`commentary::Commentary::of`]; computed on
    /// first use).
    pub(crate) fn commentaries(
        &self,
    ) -> impl Iterator<Item = (&'a crate::syntax::Entry, Option<&commentary::Commentary>)> {
        let all = self.commentaries.get_or_init(|| {
            self.digest
                .entries()
                .map(|entry| commentary::Commentary::of(self.digest, entry))
                .collect()
        });
        self.digest.entries().zip(all.iter().map(Option::as_ref))
    }

    /// The date in the header, when the header can be read as a date.
    pub fn header_date(&self) -> Option<Date> {
        let line = self.digest.header()?;
        date::parse_header(self.digest.line_text(line)).map(|h| h.date())
    }
}

/// One file of a run that checks several files together.
pub struct ProjectFile<'a> {
    pub path: &'a str,
    pub digest: &'a Digest<'a>,
}

impl<'a> ProjectFile<'a> {
    /// The file as [`CrossFile::add`] takes it.
    pub fn added(&self) -> AddedFile<'a> {
        AddedFile {
            path: self.path,
            src: self.digest.src,
        }
    }
}

/// A file as the rules across files take it in order
/// ([`CrossFile::add`]): its path and its text. Its tree is not needed
/// there (what the rules need of it is in the file's keys), so `check`
/// can drop a file's tree once it is checked and meet the rules across
/// files later.
#[derive(Clone, Copy, Debug)]
pub struct AddedFile<'a> {
    pub path: &'a str,
    pub src: &'a str,
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Checks one file, pushing findings onto `out`.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);

    /// Checks files against each other (for example the same paper in two
    /// files). Findings come with the index of the file they belong to.
    /// By default: the files one at a time, in order, through
    /// [`Rule::cross_file`]'s state.
    fn check_project(
        &self,
        files: &[ProjectFile<'_>],
        config: &Config,
        out: &mut Vec<(usize, Diagnostic)>,
    ) {
        let Some(mut state) = self.cross_file() else {
            return;
        };
        for (index, file) in files.iter().enumerate() {
            let cx = Context::new(file.digest, None, config);
            let keys = state.keys(file, &cx);
            out.extend(
                state
                    .add(&file.added(), keys)
                    .into_iter()
                    .map(|d| (index, d)),
            );
        }
    }

    /// For a rule that compares files with each other: a fresh state for
    /// one run, which takes the run's files one at a time, in order, and
    /// keeps small keys of them rather than their texts.
    fn cross_file(&self) -> Option<Box<dyn CrossFile>> {
        None
    }
}

/// What a rule across files keeps while a run goes through its files.
/// `keys` reads one file (on any thread, in any order, with the
/// [`Context`] its per-file check used, so work both need is done once);
/// `add` takes each
/// file's keys in the run's order, while the file's text is still at hand,
/// and returns the file's findings: a finding is always reported on the
/// later file, so taking files in order finds everything.
pub trait CrossFile: Send + Sync {
    /// What the rule needs of one file.
    fn keys(&self, file: &ProjectFile<'_>, cx: &Context<'_>) -> Box<dyn std::any::Any + Send>;

    /// The next file of the run with its [`CrossFile::keys`]: its findings
    /// against the files before it.
    fn add(&mut self, file: &AddedFile<'_>, keys: Box<dyn std::any::Any + Send>)
    -> Vec<Diagnostic>;
}

/// Every rule, in code order within each family.
pub fn all() -> impl Iterator<Item = &'static dyn Rule> {
    [
        date_header::RULES,
        structure::RULES,
        authors::RULES,
        commentary::RULES,
        tags::RULES,
        links::RULES,
        whitespace::RULES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// Looks a rule up by its code or its name (case-insensitive).
pub fn by_code_or_name(key: &str) -> Option<&'static dyn Rule> {
    all().find(|r| {
        r.meta().code.eq_ignore_ascii_case(key) || r.meta().name.eq_ignore_ascii_case(key)
    })
}

/// Reads a selector (`ALL`, a code, a name or a code prefix); an error
/// when it matches no registered rule.
pub fn selector(text: &str) -> Result<Selector, String> {
    let s = Selector::new(text);
    if all().any(|r| s.matches(r.meta())) {
        Ok(s)
    } else {
        Err(format!(
            "`{text}` matches no rule code, name or prefix (see `digest-lint rule --all`)"
        ))
    }
}

/// A configuration that runs only the rules `codes` select, otherwise the
/// default: what the rules' unit tests check a digest with.
#[cfg(test)]
pub(crate) fn only(codes: &[&str]) -> crate::config::Config {
    crate::config::Config {
        select: codes.iter().map(|c| selector(c).unwrap()).collect(),
        ..crate::config::Config::default()
    }
}

/// The messages of the rules `codes` on a digest of one entry whose
/// commentary is `korean` and `english`: how the commentary rules' unit
/// tests read a pair of paragraphs.
#[cfg(test)]
pub(crate) fn pair_messages(codes: &[&str], korean: &str, english: &str) -> Vec<String> {
    let src = format!("2025년 4월 25일\nA Title\n(Ann Lee)\n{korean}\n{english}\n#tag\n");
    crate::lint::check(&src, None, &only(codes))
        .into_iter()
        .map(|d| d.message)
        .collect()
}

/// The full documentation of a rule, as `digest-lint rule` prints it.
pub fn render_doc(meta: &RuleMeta) -> String {
    let off = if meta.default_enabled {
        ""
    } else {
        ", off by default (select it by its code or name)"
    };
    format!(
        "# {} ({})\n\nDefault severity: {}{off}. Fix: {}.\n\n{}\n\n{}\n",
        meta.name,
        meta.code,
        meta.severity.as_str(),
        meta.fix.describe(),
        meta.summary,
        meta.doc.trim()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    proptest::proptest! {
        /// The one search of the file marks the lines a search of each
        /// line would: an `arxiv` at either end of a line, twice in one,
        /// split by a line end, in any case.
        #[test]
        fn the_lines_that_mention_arxiv_are_those_a_line_search_finds(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "arxiv", "ArXiv", "ARXIV.org/abs/1", "arx", "iv", "x", "\n", "\r\n", " ",
                    "가", "(https://arxiv.org/abs/2501.00001)",
                ]),
                0..24,
            ),
        ) {
            let src = pieces.concat();
            let digest = crate::syntax::parser::parse(&src);
            let config = Config::default();
            let cx = Context::new(&digest, None, &config);
            for (i, line) in digest.lines.iter().enumerate() {
                let text = line.text.text(&src).as_bytes();
                let by_line = crate::syntax::text::find_ascii_ci(text, b"arxiv", 0).is_some();
                proptest::prop_assert_eq!(cx.mentions_arxiv(i), by_line, "line {}", i);
            }
        }
    }

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for rule in all() {
            let m = rule.meta();
            assert!(codes.insert(m.code), "duplicate code {}", m.code);
            assert!(names.insert(m.name), "duplicate name {}", m.name);
            assert_eq!(m.code.len(), 4, "{}", m.code);
            assert!(
                m.code.as_bytes()[0].is_ascii_uppercase()
                    && m.code[1..].bytes().all(|b| b.is_ascii_digit())
            );
            assert!(
                m.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                m.name
            );
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in all() {
            let m = rule.meta();
            for section in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Fix",
            ] {
                assert!(m.doc.contains(section), "{} lacks `{section}`", m.code);
            }
            assert!(!m.summary.is_empty());
        }
    }

    #[test]
    fn selectors() {
        for ok in ["ALL", "W002", "w", "missing-final-newline"] {
            assert!(selector(ok).is_ok(), "{ok}");
        }
        let err = selector("Z9").err().unwrap_or_default();
        assert!(err.contains("`Z9` matches no rule"), "{err}");
    }

    #[test]
    fn lookup() {
        assert_eq!(
            by_code_or_name("w002").map(|r| r.meta().name),
            Some("missing-final-newline")
        );
        assert_eq!(
            by_code_or_name("missing-final-newline").map(|r| r.meta().code),
            Some("W002")
        );
        assert!(by_code_or_name("nope").is_none());
    }
}

#[cfg(test)]
mod copies_tests {
    use crate::lint;

    /// An entry whose English paragraph copies the one before, and whose
    /// Korean paragraph holds a link and a number its English lacks.
    const COPY: &str = include_str!("../../fixtures/rules/C005/hit_previous_entry.txt");

    fn codes(config: &crate::config::Config) -> Vec<&'static str> {
        lint::check(COPY, None, config)
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn a_copy_is_left_to_c005_only_while_c005_runs() {
        let with = codes(&super::only(&["C001", "C002", "C005"]));
        assert_eq!(with, ["C005"]);
        // With C005 off, nothing else would report the copy: C001 and C002
        // speak of the pair as they would of any other.
        let without = codes(&super::only(&["C001", "C002"]));
        assert_eq!(without, ["C002", "C001"]);
    }
}
