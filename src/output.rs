//! Printing findings: `full` (codespan-reporting with source snippets),
//! `concise` (`path:line:col: CODE message`) and `json` (RULES.md's shape).

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::line_index::{LineIndex, Position};
use crate::syntax::Span;
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor};
use serde::Serialize;
use std::io::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Full,
    Concise,
    Json,
}

/// One checked file and what was found in it.
pub struct FileFindings<'a> {
    pub path: &'a str,
    pub src: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct JsonRange {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    range: JsonRange,
    content: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: Applicability,
    message: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    range: JsonRange,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    path: &'a str,
    range: JsonRange,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

fn range(index: &LineIndex, src: &str, span: Span) -> JsonRange {
    JsonRange {
        start: index.position(src, span.start),
        end: index.position(src, span.end),
    }
}

/// All findings of all files as one JSON array.
pub fn json(files: &[FileFindings<'_>]) -> String {
    let mut all = Vec::new();
    for file in files {
        let index = LineIndex::new(file.src);
        for d in file.diagnostics {
            all.push(JsonFinding {
                code: d.code,
                rule: d.rule,
                severity: d.severity,
                message: &d.message,
                path: file.path,
                range: range(&index, file.src, d.span),
                labels: d
                    .labels
                    .iter()
                    .map(|l| JsonLabel {
                        range: range(&index, file.src, l.span),
                        message: &l.message,
                    })
                    .collect(),
                help: d.help.as_deref(),
                fix: d.fix.as_ref().map(|f| JsonFix {
                    applicability: f.applicability,
                    message: &f.message,
                    edits: f
                        .edits
                        .iter()
                        .map(|e| JsonEdit {
                            range: range(&index, file.src, e.span),
                            content: &e.content,
                        })
                        .collect(),
                }),
            });
        }
    }
    serde_json::to_string_pretty(&all).unwrap_or_else(|_| "[]".to_string())
}

/// `path:line:col: CODE [*] message`, one finding a line; `[*]` marks a fix.
pub fn concise(out: &mut dyn Write, file: &FileFindings<'_>) -> std::io::Result<()> {
    let index = LineIndex::new(file.src);
    for d in file.diagnostics {
        let p = index.position(file.src, d.span.start);
        let mark = if d.fix.is_some() { " [*]" } else { "" };
        writeln!(
            out,
            "{}:{}:{}: {}{} {}",
            file.path, p.line, p.column, d.code, mark, d.message
        )?;
    }
    Ok(())
}

/// codespan-reporting's rich view, with the source lines.
pub fn full(out: &mut dyn WriteColor, file: &FileFindings<'_>) -> std::io::Result<()> {
    let files = SimpleFile::new(file.path, file.src);
    let config = term::Config::default();
    for d in file.diagnostics {
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let mut labels = vec![cs::Label::primary((), d.span.start..d.span.end)];
        labels.extend(
            d.labels.iter().map(|l| {
                cs::Label::secondary((), l.span.start..l.span.end).with_message(&l.message)
            }),
        );
        let mut notes = Vec::new();
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        if let Some(fix) = &d.fix {
            let kind = match fix.applicability {
                Applicability::Safe => "fix available (--fix)",
                Applicability::Unsafe => "unsafe fix available (--fix --unsafe-fixes)",
            };
            notes.push(format!("[*] {kind}: {}", fix.message));
        }
        let diag = cs::Diagnostic::new(severity)
            .with_code(format!("{}/{}", d.code, d.rule))
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        term::emit(out, &config, &files, &diag).map_err(std::io::Error::other)?;
    }
    Ok(())
}

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
