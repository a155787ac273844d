//! What a run is asked to do: which rules, and the settings rules read.
//! Built from the command line today; a `digest-lint.toml` will fill the
//! same struct.

use crate::rules::{self, RuleMeta};

/// A rule selector: `ALL`, a code (`E006`), a name (`unpaired-commentary`)
/// or a code prefix (`E`, `L0`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selector(String);

impl Selector {
    /// Parses a selector; an error when it matches no rule.
    pub fn parse(text: &str) -> Result<Self, String> {
        let s = Selector(text.trim().to_string());
        if rules::all().any(|r| s.matches(r.meta())) {
            Ok(s)
        } else {
            Err(format!(
                "`{text}` matches no rule code, name or prefix (see `digest-lint rule --all`)"
            ))
        }
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

    #[test]
    fn selectors() {
        assert!(Selector::parse("ALL").is_ok());
        assert!(Selector::parse("W002").is_ok());
        assert!(Selector::parse("w").is_ok());
        assert!(Selector::parse("missing-final-newline").is_ok());
        assert!(Selector::parse("Z9").is_err());
    }

    #[test]
    fn select_and_ignore() {
        let w002 = rules::by_code_or_name("W002").map(|r| r.meta());
        let Some(w002) = w002 else {
            panic!("W002 is registered")
        };
        let mut c = Config::default();
        assert!(c.is_enabled(w002));
        c.ignore.push(Selector("W".into()));
        assert!(!c.is_enabled(w002));
        c.ignore.clear();
        c.select.push(Selector("D".into()));
        assert!(!c.is_enabled(w002));
    }
}
