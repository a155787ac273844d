//! What a run is asked to do: which rules, and the settings rules read.
//! Built from the command line today; a `digest-lint.toml` will fill the
//! same struct.
//!
//! Plain data over [`crate::diagnostic`]'s [`RuleMeta`]: checking that a
//! selector names a rule that exists is the registry's job
//! ([`crate::rules::selector`]), so this layer never sees the rules.
//!
//! Layer: uses [`crate::diagnostic`] and the layers below it.

use crate::diagnostic::RuleMeta;

/// A rule selector: `ALL`, a code (`E006`), a name (`unpaired-commentary`)
/// or a code prefix (`E`, `L0`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector(String);

impl Selector {
    /// A selector as written, trimmed; not checked against the rules.
    pub fn new(text: &str) -> Self {
        Selector(text.trim().to_string())
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
    /// Rules to run; empty means every rule.
    pub select: Vec<Selector>,
    /// Rules to leave out, even when selected.
    pub ignore: Vec<Selector>,
    /// Blank lines wanted between entries: 0 (the default) or 1.
    pub blank_lines_between_entries: usize,
}

impl Config {
    pub fn is_enabled(&self, meta: &RuleMeta) -> bool {
        (self.select.is_empty() || self.select.iter().any(|s| s.matches(meta)))
            && !self.ignore.iter().any(|s| s.matches(meta))
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
    };

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
