//! `--output-format json`: every finding of the run as one JSON array, in
//! RULES.md's shape plus `labels` and `help`.

use super::FileFindings;
use crate::diagnostic::{Applicability, Severity};
use crate::syntax::Span;
use crate::syntax::line_index::{LineIndex, Position};
use serde::Serialize;

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

/// One finding in RULES.md's shape; also one line of `json-lines`.
#[derive(Serialize)]
pub(super) struct JsonFinding<'a> {
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
    serde_json::to_string_pretty(&findings(files)).unwrap_or_else(|_| "[]".to_string())
}

/// Every finding of the run, file by file.
pub(super) fn findings<'a>(files: &[FileFindings<'a>]) -> Vec<JsonFinding<'a>> {
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
    all
}
