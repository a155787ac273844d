//! `check --statistics`: how many findings each rule has, and how many of
//! them a fix reaches, instead of the findings themselves.
//!
//! Text, one rule a line, most findings first (ties by code):
//!
//! ```text
//!  3  W001  [*] trailing-whitespace     3 fixable with --fix
//!  1  E007  [?] misordered-commentary   1 fixable with --fix --unsafe-fixes
//!  2  C002      unpaired-number
//! ```
//!
//! The mark is the concise format's: `[*]` when `--fix` repairs every
//! finding of the rule, `[?]` when every one has a fix but some only with
//! `--unsafe-fixes`. With `--output-format json` it is a JSON array with
//! ruff's keys (`code`, `name`, `count`, `fixable`, `fixable_count`) plus
//! `unsafe_fixable_count`.

use super::FileFindings;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub code: &'static str,
    pub name: &'static str,
    #[serde(skip)]
    pub severity: Severity,
    pub count: usize,
    /// Whether `--fix` repairs every finding counted.
    pub fixable: bool,
    /// Findings with a safe fix.
    pub fixable_count: usize,
    /// Findings with only an unsafe fix.
    pub unsafe_fixable_count: usize,
}

/// The counts, most findings first, then by code.
pub fn statistics(files: &[FileFindings<'_>]) -> Vec<RuleCount> {
    let mut tally = Tally::default();
    for file in files {
        tally.add(file.diagnostics);
    }
    tally.counts()
}

/// The counts of a run, taken file by file.
#[derive(Default)]
pub struct Tally {
    by_code: BTreeMap<&'static str, RuleCount>,
}

impl Tally {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            let c = self.by_code.entry(d.code).or_insert(RuleCount {
                code: d.code,
                name: d.rule,
                severity: d.severity,
                count: 0,
                fixable: false,
                fixable_count: 0,
                unsafe_fixable_count: 0,
            });
            c.count += 1;
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => c.fixable_count += 1,
                Some(Applicability::Unsafe) => c.unsafe_fixable_count += 1,
                None => {}
            }
            // A rule's severity can differ between findings (E008 across
            // files is a warning): the worst one is shown.
            c.severity = c.severity.max(d.severity);
        }
    }

    /// Most findings first, then by code.
    pub fn counts(self) -> Vec<RuleCount> {
        let mut counts: Vec<RuleCount> = self
            .by_code
            .into_values()
            .map(|mut c| {
                c.fixable = c.fixable_count == c.count;
                c
            })
            .collect();
        counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
        counts
    }
}

/// The text table; nothing for a clean run.
pub fn write_text(out: &mut dyn Write, counts: &[RuleCount]) -> std::io::Result<()> {
    let width = counts
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1);
    let name_width = counts.iter().map(|c| c.name.len()).max().unwrap_or(0);
    for c in counts {
        let mark = if c.fixable {
            "[*]"
        } else if c.fixable_count + c.unsafe_fixable_count == c.count {
            "[?]"
        } else {
            "   "
        };
        let mut fixable = Vec::new();
        if c.fixable_count > 0 {
            fixable.push(format!("{} fixable with --fix", c.fixable_count));
        }
        if c.unsafe_fixable_count > 0 {
            fixable.push(format!(
                "{} fixable with --fix --unsafe-fixes",
                c.unsafe_fixable_count
            ));
        }
        let line = format!(
            "{:>width$}  {}  {mark} {:<name_width$}  {}",
            c.count,
            c.code,
            c.name,
            fixable.join(", ")
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

pub fn json(counts: &[RuleCount]) -> String {
    serde_json::to_string_pretty(counts).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Edit, Fix, RuleMeta};
    use crate::rules::FixAvailability;
    use crate::syntax::Span;

    static A: RuleMeta = RuleMeta {
        code: "A100",
        name: "aaa",
        severity: Severity::Warning,
        fix: FixAvailability::Sometimes,
        default_enabled: true,
        summary: "",
        doc: "",
    };
    static B: RuleMeta = RuleMeta {
        code: "B100",
        name: "bbbbbb",
        severity: Severity::Error,
        fix: FixAvailability::Unsafe,
        default_enabled: true,
        summary: "",
        doc: "",
    };

    #[test]
    fn counts_marks_and_order() {
        let edit = || vec![Edit::delete(Span::new(0, 1))];
        let ds = vec![
            Diagnostic::new(&A, Span::new(0, 1), "m").fix(Fix::safe("f", edit())),
            Diagnostic::new(&A, Span::new(0, 1), "m"),
            Diagnostic::new(&A, Span::new(0, 1), "m").fix(Fix::unsafe_("f", edit())),
            Diagnostic::new(&B, Span::new(0, 1), "m").fix(Fix::unsafe_("f", edit())),
        ];
        let files = [FileFindings {
            path: "a.txt",
            src: "x",
            diagnostics: &ds,
        }];
        let counts = statistics(&files);
        assert_eq!(counts.len(), 2);
        assert_eq!(
            (counts[0].code, counts[0].count, counts[0].fixable_count),
            ("A100", 3, 1)
        );
        assert_eq!(counts[0].unsafe_fixable_count, 1);
        assert!(!counts[0].fixable);
        let mut out = Vec::new();
        write_text(&mut out, &counts).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "3  A100      aaa     1 fixable with --fix, 1 fixable with --fix --unsafe-fixes\n\
             1  B100  [?] bbbbbb  1 fixable with --fix --unsafe-fixes\n"
        );
        let v: serde_json::Value = serde_json::from_str(&json(&counts)).unwrap();
        assert_eq!(v[1]["code"], "B100");
        assert_eq!(v[1]["fixable"], false);
        assert_eq!(v[0]["fixable_count"], 1);
        assert!(v[0].get("severity").is_none());
    }
}
