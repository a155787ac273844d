//! What a run is asked to do: which rules, and the settings rules read.
//! [`Config`] is what one file is checked with, built by the command line
//! from the configuration file that applies to the file ([`file`] reads
//! one, [`discover`] finds the nearest and says which files a folder walk
//! takes) and from the command line's own options.
//!
//! Plain data over [`crate::diagnostic`]'s [`RuleMeta`]: checking that a
//! selector names a rule that exists is the registry's job
//! ([`crate::rules::selector`]), so this layer never sees the rules.
//!
//! Layer: uses [`crate::diagnostic`] and the layers below it.

use crate::diagnostic::{RuleMeta, Severity};
use crate::syntax::date::{self, Date};
use std::collections::{BTreeMap, BTreeSet};

pub mod discover;
pub mod file;
pub mod pattern;

pub use pattern::{DatePattern, Pattern};

/// A rule selector: `ALL`, a code (`E006`), a name (`unpaired-commentary`)
/// or a code prefix (`E`, `L0`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector(String);

impl Selector {
    /// A selector as written, trimmed; not checked against the rules.
    pub fn new(text: &str) -> Self {
        Selector(text.trim().to_string())
    }

    /// The selector as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the selector names this rule by its code or its name, not
    /// through `ALL` or a prefix: how a rule that is off by default is
    /// turned on.
    pub fn names(&self, meta: &RuleMeta) -> bool {
        self.0.eq_ignore_ascii_case(meta.code) || self.0.eq_ignore_ascii_case(meta.name)
    }

    pub fn matches(&self, meta: &RuleMeta) -> bool {
        let s = self.0.as_str();
        s.eq_ignore_ascii_case("ALL")
            || s.eq_ignore_ascii_case(meta.name)
            || (!s.is_empty()
                && meta.code.len() >= s.len()
                && meta.code[..s.len()].eq_ignore_ascii_case(s))
    }
}

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Rules to run; empty means every rule that is on by default.
    pub select: Vec<Selector>,
    /// Rules to run on top of `select` (or of the default set).
    pub extend_select: Vec<Selector>,
    /// Rules to leave out, even when selected.
    pub ignore: Vec<Selector>,
    /// Severities that replace the rules' own, first match wins.
    pub severity: Vec<(Selector, Severity)>,
    /// Blank lines wanted between entries: 0 (the default) or 1.
    pub blank_lines_between_entries: usize,
    /// The tag vocabulary, when one is configured.
    pub tags: Option<Vocabulary>,
    /// Patterns that read a date from a file name, tried before the
    /// built-in ones ([`date::from_file_name`]).
    pub date_patterns: Vec<DatePattern>,
    /// Whether C007 reads abstracts for near misses of the title's words
    /// (`[spelling] check-abstracts`; off by default).
    pub check_abstracts: bool,
}

/// The tags an archive uses, and the spellings that stand for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vocabulary {
    /// Known tags, without the `#`.
    pub known: BTreeSet<String>,
    /// Alias → canonical tag (typos' convention); an empty canonical tag
    /// means the alias is forbidden.
    pub aliases: BTreeMap<String, String>,
    /// Severity of a tag outside the vocabulary.
    pub unknown_severity: Severity,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary {
            known: BTreeSet::new(),
            aliases: BTreeMap::new(),
            unknown_severity: Severity::Warning,
        }
    }
}

impl Config {
    /// Whether a rule runs. A rule that is off by default
    /// ([`RuleMeta::default_enabled`]) runs only when `select` or
    /// `extend-select` names it by code or name; `ALL` and prefixes do not
    /// turn it on.
    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        let picks = |s: &Selector| {
            if meta.default_enabled {
                s.matches(meta)
            } else {
                s.names(meta)
            }
        };
        let selected = if self.select.is_empty() {
            meta.default_enabled
        } else {
            self.select.iter().any(picks)
        };
        (selected || self.extend_select.iter().any(picks))
            && !self.ignore.iter().any(|s| s.matches(meta))
    }

    /// The severity a rule's findings get: a configured one, or the rule's.
    pub fn severity_of(&self, meta: &RuleMeta) -> Severity {
        self.severity
            .iter()
            .find(|(s, _)| s.matches(meta))
            .map_or(meta.severity, |&(_, sev)| sev)
    }

    /// Whether `severity` replaces the rule's own for this rule.
    pub fn overrides_severity(&self, meta: &RuleMeta) -> bool {
        self.severity.iter().any(|(s, _)| s.matches(meta))
    }

    /// The date a file name carries: by the configured patterns first, then
    /// the built-in shapes (`2025-04-25.txt`, `250425.txt`).
    pub fn file_date(&self, name: &str) -> Option<Date> {
        self.date_patterns
            .iter()
            .find_map(|p| p.date(name))
            .or_else(|| date::from_file_name(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{FixAvailability, Severity};

    const W002: RuleMeta = RuleMeta {
        code: "W002",
        name: "missing-final-newline",
        severity: Severity::Warning,
        fix: FixAvailability::Safe,
        summary: "",
        doc: "",
        default_enabled: true,
    };

    const OFF: RuleMeta = RuleMeta {
        code: "A002",
        name: "duplicate-author",
        severity: Severity::Warning,
        fix: FixAvailability::None,
        summary: "",
        doc: "",
        default_enabled: false,
    };

    #[test]
    fn off_by_default_needs_its_code_or_name() {
        let mut c = Config::default();
        assert!(!c.is_enabled(&OFF));
        c.select = vec![Selector::new("ALL")];
        assert!(!c.is_enabled(&OFF));
        c.select = vec![Selector::new("A")];
        assert!(!c.is_enabled(&OFF));
        c.select = vec![Selector::new("a002")];
        assert!(c.is_enabled(&OFF));
        c.select.clear();
        c.extend_select = vec![Selector::new("duplicate-author")];
        assert!(c.is_enabled(&OFF));
        assert!(c.is_enabled(&W002), "extend-select keeps the default set");
        c.ignore = vec![Selector::new("A")];
        assert!(!c.is_enabled(&OFF));
    }

    #[test]
    fn severity_overrides() {
        let c = Config {
            severity: vec![(Selector::new("W"), Severity::Error)],
            ..Config::default()
        };
        assert_eq!(c.severity_of(&W002), Severity::Error);
        assert_eq!(c.severity_of(&OFF), Severity::Warning);
        assert!(c.overrides_severity(&W002));
        assert!(!c.overrides_severity(&OFF));
        assert!(!Config::default().overrides_severity(&W002));
        // A selector keeps what was written, trimmed.
        assert_eq!(Selector::new(" E00 ").as_str(), "E00");
    }

    #[test]
    fn selector_forms() {
        for s in [
            "ALL",
            "all",
            "W002",
            "w",
            "W0",
            " w00 ",
            "missing-final-newline",
        ] {
            assert!(Selector::new(s).matches(&W002), "{s}");
        }
        for s in ["", "E", "W003", "W0020", "missing"] {
            assert!(!Selector::new(s).matches(&W002), "{s}");
        }
    }

    #[test]
    fn select_and_ignore() {
        let mut c = Config::default();
        assert!(c.is_enabled(&W002));
        c.ignore.push(Selector::new("W"));
        assert!(!c.is_enabled(&W002));
        c.ignore.clear();
        c.select.push(Selector::new("D"));
        assert!(!c.is_enabled(&W002));
    }
}
