//! The closing line of a run: errors, warnings, what `--fix` can do.

use crate::diagnostic::{Applicability, Diagnostic, Severity};

/// Counts for the closing summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    /// Findings with a safe fix.
    pub fixable: usize,
    /// Findings with only an unsafe fix.
    pub unsafe_fixable: usize,
    /// Fixes applied by `--fix` (the findings counted above are what remain).
    pub fixed: usize,
    pub files: usize,
    /// Inputs that could not be read (each already reported on stderr).
    pub unreadable: usize,
}

impl Summary {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => self.fixable += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixable += 1,
                None => {}
            }
        }
    }

    pub fn line(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let remaining = self.errors + self.warnings;
        let mut s = if self.fixed > 0 {
            format!(
                "Fixed {} ({} remaining). ",
                plural(self.fixed, "finding"),
                remaining
            )
        } else {
            String::new()
        };
        s += &if remaining == 0 && self.unreadable > 0 {
            format!("No findings in {} checked.", plural(self.files, "file"))
        } else if remaining == 0 {
            format!(
                "All checks passed ({} checked).",
                plural(self.files, "file")
            )
        } else {
            format!(
                "Found {} and {} in {}.",
                plural(self.errors, "error"),
                plural(self.warnings, "warning"),
                plural(self.files, "file")
            )
        };
        if self.fixable > 0 {
            s.push_str(&format!(" {} fixable with --fix.", self.fixable));
        }
        if self.unreadable > 0 {
            s.push_str(&format!(
                " {} could not be read.",
                plural(self.unreadable, "input")
            ));
        }
        if self.unsafe_fixable > 0 {
            s.push_str(&format!(
                " {} more with --fix --unsafe-fixes.",
                self.unsafe_fixable
            ));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_lines() {
        let mut s = Summary {
            files: 2,
            ..Summary::default()
        };
        assert_eq!(s.line(), "All checks passed (2 files checked).");
        s.errors = 1;
        s.warnings = 2;
        s.fixable = 2;
        s.fixed = 3;
        assert_eq!(
            s.line(),
            "Fixed 3 findings (3 remaining). Found 1 error and 2 warnings in 2 files. 2 fixable with --fix."
        );
        let broken = Summary {
            unreadable: 1,
            ..Summary::default()
        };
        assert_eq!(
            broken.line(),
            "No findings in 0 files checked. 1 input could not be read."
        );
    }
}
