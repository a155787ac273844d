//! `--output-format json`: every finding of the run as one JSON array, in
//! RULES.md's shape plus `labels` and `help`.

use super::FileFindings;
use super::Positions;
use crate::diagnostic::{Applicability, Severity};
use crate::syntax::Span;
use crate::syntax::line_index::Position;
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

fn range(positions: &Positions<'_>, span: Span) -> JsonRange {
    JsonRange {
        start: positions.position(span.start),
        end: positions.position(span.end),
    }
}

/// All findings of all files as one JSON array.
pub fn json(files: &[FileFindings<'_>]) -> String {
    JsonArray::whole(1, files.iter().flat_map(json_elements))
}

/// One file's findings as elements of [`json`]'s array, each as
/// `serde_json::to_string_pretty` writes it one level deep, so that a run
/// can print the array file by file (see [`JsonArray`]).
pub fn json_elements(file: &FileFindings<'_>) -> Vec<String> {
    findings(std::slice::from_ref(file))
        .iter()
        .map(|f| pretty_at(f, 1))
        .collect()
}

/// `value` as `serde_json::to_string_pretty` writes it at `depth` levels of
/// nesting (two spaces a level): its first line indented too. Strings in
/// JSON never hold a raw line break, so indenting after every `\n` is
/// exact.
pub(super) fn pretty_at<T: Serialize>(value: &T, depth: usize) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let indent = "  ".repeat(depth);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    out.push_str(&indent);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
            out.push_str(&indent);
        }
        out.push_str(line);
    }
    out
}

/// A pretty-printed JSON array written one element at a time, byte for byte
/// what `serde_json::to_string_pretty` writes for the whole array: `[]`
/// when empty, else `[`, the elements (already indented, see
/// [`json_elements`]) separated by `,` and line breaks, and `]` at the
/// array's own depth.
pub struct JsonArray {
    depth: usize,
    count: usize,
}

impl JsonArray {
    /// An array whose elements sit `depth` levels deep (1 for a top-level
    /// array).
    pub fn new(depth: usize) -> Self {
        JsonArray { depth, count: 0 }
    }

    /// What goes before the next element.
    pub fn separator(&mut self) -> &'static str {
        self.count += 1;
        if self.count == 1 { "[\n" } else { ",\n" }
    }

    /// What closes the array.
    pub fn close(&self) -> String {
        if self.count == 0 {
            "[]".to_string()
        } else {
            format!("\n{}]", "  ".repeat(self.depth.saturating_sub(1)))
        }
    }
    /// The whole array of `elements` (each already indented for `depth`),
    /// written at once.
    pub fn whole(depth: usize, elements: impl IntoIterator<Item = String>) -> String {
        let mut array = JsonArray::new(depth);
        let mut out = String::new();
        for element in elements {
            out.push_str(array.separator());
            out.push_str(&element);
        }
        out.push_str(&array.close());
        out
    }
}

/// Every finding of the run, file by file.
pub(super) fn findings<'a>(files: &[FileFindings<'a>]) -> Vec<JsonFinding<'a>> {
    let mut all = Vec::new();
    for file in files {
        let index = Positions::new(file.src);
        for d in file.diagnostics {
            all.push(JsonFinding {
                code: d.code,
                rule: d.rule,
                severity: d.severity,
                message: &d.message,
                path: file.path,
                range: range(&index, d.span),
                labels: d
                    .labels
                    .iter()
                    .map(|l| JsonLabel {
                        range: range(&index, l.span),
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
                            range: range(&index, e.span),
                            content: &e.content,
                        })
                        .collect(),
                }),
            });
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// Two files with findings (labels, help and fixes among them) and one
    /// without.
    fn checked() -> Vec<(
        &'static str,
        &'static str,
        Vec<crate::diagnostic::Diagnostic>,
    )> {
        [
            (
                "a.txt",
                "2025년 4월 25일\nTitle  \n(Ann Lee)\n가\nE\n#tag #tag",
            ),
            (
                "clean.txt",
                "2025년 4월 25일\nTitle\n(Ann Lee)\n가나\nEnglish.\n#tag\n",
            ),
            ("b.txt", "title\n"),
        ]
        .into_iter()
        .map(|(path, src)| {
            (
                path,
                src,
                crate::lint::check(src, Some(path), &Config::default()),
            )
        })
        .collect()
    }

    #[test]
    fn the_array_is_what_serde_json_writes_for_it() {
        let checked = checked();
        let files: Vec<FileFindings<'_>> = checked
            .iter()
            .map(|(path, src, diagnostics)| FileFindings {
                path,
                src,
                diagnostics,
            })
            .collect();
        let expected = serde_json::to_string_pretty(&findings(&files)).unwrap_or_default();
        assert!(expected.matches("\"code\"").count() >= 4, "{expected}");
        assert_eq!(json(&files), expected);
        // With no finding at all, and element by element for one file.
        assert_eq!(json(&files[1..2]), "[]");
        let one = serde_json::to_string_pretty(&findings(&files[..1])).unwrap_or_default();
        assert_eq!(JsonArray::whole(1, json_elements(&files[0])), one);
    }

    #[test]
    fn a_value_is_indented_on_every_line_at_its_depth() {
        let value = serde_json::json!({ "a": [1], "b": "x" });
        assert_eq!(
            pretty_at(&value, 2),
            "    {\n      \"a\": [\n        1\n      ],\n      \"b\": \"x\"\n    }"
        );
        assert_eq!(pretty_at(&1, 0), "1");
    }
}
