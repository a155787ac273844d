//! `--output-format github`: GitHub Actions workflow commands, which the
//! runner turns into annotations on the pull request.
//!
//! ```text
//! ::error file=d/2025-03-14.txt,line=3,endLine=3,col=5,endColumn=9,title=T001 malformed-tag::message
//! ```
//!
//! - Escaping is that of GitHub's toolkit (`actions/toolkit`,
//!   `packages/core/src/command.ts`): the message escapes `%`, `\r` and
//!   `\n`; property values escape those and `:` and `,` as well. `%` goes
//!   first, so an escape is never escaped twice.
//! - `col` and `endColumn` (1-based, both inclusive, in characters) are sent
//!   only when the finding starts and ends on one line: GitHub rejects them
//!   on a span across lines.
//! - GitHub shows at most 10 annotations per severity in a step and drops
//!   the rest without a word. Errors come first, then warnings, each in
//!   the report's order; past the tenth of a severity a finding is printed
//!   as a plain log line (`path:line:col: CODE message`), and a closing
//!   `::notice` says how many were not annotated.
//! - [`step_summary`] is the Markdown table of every finding that goes to
//!   `$GITHUB_STEP_SUMMARY` (at most 1 MiB per step).

use super::FileFindings;
use super::Positions;
use super::fingerprint::display_path;
use crate::diagnostic::{Diagnostic, Severity};
use crate::syntax::line_index::Position;
use std::io::Write;

/// Annotations GitHub shows per severity and step.
pub const MAX_PER_SEVERITY: usize = 10;

/// GitHub's size limit for one step's summary.
pub const SUMMARY_LIMIT: usize = 1024 * 1024;

/// Escapes a command's message (`escapeData` in the toolkit).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`escapeProperty` in the toolkit).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Where a finding is, as annotation properties want it.
#[derive(Debug, PartialEq, Eq)]
struct Place {
    start: Position,
    /// The position of the last character of the span (inclusive); the
    /// start for an empty span.
    last: Position,
}

fn place(index: &Positions<'_>, src: &str, d: &Diagnostic) -> Place {
    let start = index.position(d.span.start);
    let end = d.span.end.min(src.len());
    let last = if end > d.span.start {
        let mut at = end - 1;
        while at > d.span.start && !src.is_char_boundary(at) {
            at -= 1;
        }
        index.position(at)
    } else {
        start
    };
    Place { start, last }
}

/// One workflow command for one finding.
fn annotation(path: &str, place: &Place, d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut props = format!(
        "file={},line={},endLine={}",
        escape_property(path),
        place.start.line,
        place.last.line
    );
    if place.start.line == place.last.line {
        props += &format!(
            ",col={},endColumn={}",
            place.start.column, place.last.column
        );
    }
    props += &format!(
        ",title={}",
        escape_property(&format!("{} {}", d.code, d.rule))
    );
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!("::{level} {props}::{}", escape_data(&message))
}

/// A finding as a plain log line. Line breaks are shown as `\n`, and a line
/// that would start with `::` gets a space first, so that no text of the
/// digest can be read by the runner as a workflow command.
fn plain_line(path: &str, place: &Place, d: &Diagnostic) -> String {
    let line = format!(
        "{path}:{}:{}: {} {}",
        place.start.line, place.start.column, d.code, d.message
    )
    .replace('\r', "\\r")
    .replace('\n', "\\n");
    if line.starts_with("::") {
        format!(" {line}")
    } else {
        line
    }
}

/// Every finding of the run as workflow commands: see the module's notes.
/// `with_summary`: the findings also go to the step summary (the closing
/// notice says where to find those not annotated).
pub fn github(
    out: &mut dyn Write,
    files: &[FileFindings<'_>],
    with_summary: bool,
) -> std::io::Result<()> {
    let mut annotations = Annotations::default();
    for file in files {
        annotations.add(out, items(file))?;
    }
    annotations.finish(out, with_summary)
}

/// One finding as the workflow commands may print it: as an annotation or
/// as a plain log line.
pub struct Item {
    severity: Severity,
    annotation: String,
    plain: String,
}

/// One file's findings, in order, for [`Annotations`].
pub fn items(file: &FileFindings<'_>) -> Vec<Item> {
    let index = Positions::new(file.src);
    let path = display_path(file.path);
    file.diagnostics
        .iter()
        .map(|d| {
            let place = place(&index, file.src, d);
            Item {
                severity: d.severity,
                annotation: annotation(&path, &place, d),
                plain: plain_line(&path, &place, d),
            }
        })
        .collect()
}

/// The workflow commands of a run, file by file: the first
/// [`MAX_PER_SEVERITY`] errors are printed as they come; the first warnings
/// wait for the errors to end, and the plain lines for the annotations, so
/// the output is what one pass over the whole run would print (errors
/// first, then warnings, then the plain lines and the notice).
#[derive(Default)]
pub struct Annotations {
    errors: usize,
    warnings: Vec<String>,
    plain_errors: Vec<String>,
    plain_warnings: Vec<String>,
}

impl Annotations {
    pub fn add(&mut self, out: &mut dyn Write, items: Vec<Item>) -> std::io::Result<()> {
        for item in items {
            match item.severity {
                Severity::Error if self.errors < MAX_PER_SEVERITY => {
                    self.errors += 1;
                    writeln!(out, "{}", item.annotation)?;
                }
                Severity::Error => self.plain_errors.push(item.plain),
                Severity::Warning if self.warnings.len() < MAX_PER_SEVERITY => {
                    self.warnings.push(item.annotation);
                }
                Severity::Warning => self.plain_warnings.push(item.plain),
            }
        }
        Ok(())
    }

    pub fn finish(self, out: &mut dyn Write, with_summary: bool) -> std::io::Result<()> {
        for line in &self.warnings {
            writeln!(out, "{line}")?;
        }
        let (errors_left, warnings_left) = (self.plain_errors.len(), self.plain_warnings.len());
        for line in self.plain_errors.iter().chain(&self.plain_warnings) {
            writeln!(out, "{line}")?;
        }
        let plain = errors_left + warnings_left;
        if plain > 0 {
            let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
            let message = format!(
                "{} not shown as annotations ({} and {}): GitHub shows {MAX_PER_SEVERITY} per severity in a step. They are listed in the log above{}.",
                plural(plain, "more finding"),
                plural(errors_left, "error"),
                plural(warnings_left, "warning"),
                if with_summary {
                    " and in the step summary"
                } else {
                    ""
                }
            );
            writeln!(
                out,
                "::notice title={}::{}",
                escape_property("digest-lint"),
                escape_data(&message)
            )?;
        }
        Ok(())
    }
}

/// A Markdown table cell: `|` escaped, line breaks as `<br>`, and HTML's
/// `<`, `>` and `&` as entities so that digest text stays text.
fn cell(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace(['\r', '\n'], "<br>")
}

/// The step summary: a heading, the counts, and a table of every finding,
/// at most `budget` bytes. When the table does not fit, the rows that do
/// are kept and a last line says how many were left out.
pub fn step_summary(files: &[FileFindings<'_>], summary_line: &str, budget: usize) -> String {
    let rows: Vec<String> = files.iter().flat_map(summary_rows).collect();
    step_summary_of(&rows, summary_line, budget)
}

/// One file's rows of the step summary's table.
pub fn summary_rows(file: &FileFindings<'_>) -> Vec<String> {
    let index = Positions::new(file.src);
    let path = display_path(file.path);
    file.diagnostics
        .iter()
        .map(|d| {
            let p = index.position(d.span.start);
            format!(
                "| {} | `{}:{}:{}` | {} `{}` | {} |\n",
                d.severity.as_str(),
                cell(&path).replace('`', "'"),
                p.line,
                p.column,
                d.code,
                d.rule,
                cell(&d.message)
            )
        })
        .collect()
}

/// The step summary of these rows (see [`step_summary`]).
pub fn step_summary_of(rows: &[String], summary_line: &str, budget: usize) -> String {
    let mut text = format!("## digest-lint\n\n{}\n\n", cell(summary_line));
    if rows.is_empty() {
        return if text.len() <= budget {
            text
        } else {
            String::new()
        };
    }
    text.push_str("| severity | where | rule | message |\n|---|---|---|---|\n");
    // Room for the closing line about rows left out.
    let reserve = 200;
    let total = rows.len();
    let mut kept = 0;
    for row in rows {
        if text.len() + row.len() + reserve > budget {
            break;
        }
        text.push_str(row);
        kept += 1;
    }
    if kept < total {
        text.push_str(&format!(
            "\n{} more findings are not listed: a step summary holds at most 1 MiB.\n",
            total - kept
        ));
    }
    text.push('\n');
    if text.len() > budget {
        String::new()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::RuleMeta;
    use crate::rules::FixAvailability;
    use crate::syntax::Span;

    static META: RuleMeta = RuleMeta {
        code: "X001",
        name: "test-rule",
        severity: Severity::Error,
        fix: FixAvailability::None,
        default_enabled: true,
        summary: "",
        doc: "",
    };

    fn diag(span: Span, message: &str, severity: Severity) -> Diagnostic {
        Diagnostic::new(&META, span, message).severity(severity)
    }

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("100% a\r\nb:c,d"), "100%25 a%0D%0Ab:c,d");
        assert_eq!(
            escape_property("100% a\r\nb:c,d"),
            "100%25 a%0D%0Ab%3Ac%2Cd"
        );
        // `%` first: an escape sequence in the text is itself escaped once.
        assert_eq!(escape_data("%0A"), "%250A");
        assert_eq!(escape_property("%3A:"), "%253A%3A");
    }

    #[test]
    fn one_line_spans_have_columns_and_crossing_spans_do_not() {
        let src = "ab가cd\nef\n";
        let index = Positions::new(src);
        // `가cd`: bytes 2..7, characters 3..=5.
        let d = diag(Span::new(2, 7), "m", Severity::Error);
        let a = annotation("f.txt", &place(&index, src, &d), &d);
        assert_eq!(
            a,
            "::error file=f.txt,line=1,endLine=1,col=3,endColumn=5,title=X001 test-rule::m"
        );
        let d = diag(Span::new(3, 10), "m", Severity::Warning);
        let a = annotation("f.txt", &place(&index, src, &d), &d);
        assert_eq!(
            a,
            "::warning file=f.txt,line=1,endLine=2,title=X001 test-rule::m"
        );
        // A span that ends with the line break stays on its line.
        let d = diag(Span::new(0, 8), "m", Severity::Error);
        let a = annotation("f.txt", &place(&index, src, &d), &d);
        assert!(a.contains("line=1,endLine=1,col=1,endColumn=6"), "{a}");
        // An empty span is one column.
        let d = diag(Span::new(10, 10), "m", Severity::Error);
        let a = annotation("f.txt", &place(&index, src, &d), &d);
        assert!(a.contains("line=2,endLine=2,col=3,endColumn=3"), "{a}");
        // A span that ends with a character of several bytes ends at that
        // character: `ab가` is columns 1 to 3.
        let d = diag(Span::new(0, 5), "m", Severity::Error);
        let a = annotation("f.txt", &place(&index, src, &d), &d);
        assert!(a.contains("line=1,endLine=1,col=1,endColumn=3"), "{a}");
    }

    /// The step summary stays within its budget to the byte: every row
    /// that fits with room for the closing line, and nothing at all when
    /// even the heading does not fit.
    #[test]
    fn the_step_summary_fits_its_budget_to_the_byte() {
        let heading = "## digest-lint\n\nFound 2 errors\n\n";
        let table = "| severity | where | rule | message |\n|---|---|---|---|\n";
        // No rows: the heading alone, when it fits.
        assert_eq!(
            step_summary_of(&[], "Found 2 errors", heading.len()),
            heading
        );
        assert_eq!(
            step_summary_of(&[], "Found 2 errors", heading.len() - 1),
            ""
        );
        let rows = vec!["| a |\n".to_string(), "| b |\n".to_string()];
        let all = format!("{heading}{table}| a |\n| b |\n\n");
        // Room for both rows and the reserve of 200 bytes after the second.
        let both = heading.len() + table.len() + 2 * rows[0].len() + 200;
        assert_eq!(step_summary_of(&rows, "Found 2 errors", both), all);
        // One byte less: the second row is left out and said to be.
        let one = step_summary_of(&rows, "Found 2 errors", both - 1);
        assert!(one.contains("| a |\n") && !one.contains("| b |"), "{one}");
        assert!(one.contains("\n1 more findings are not listed"), "{one}");
        // No row fits, the closing line does: kept at exactly its length,
        // dropped one byte short.
        let none = format!(
            "{heading}{table}\n2 more findings are not listed: a step summary holds at most 1 MiB.\n\n"
        );
        assert_eq!(step_summary_of(&rows, "Found 2 errors", none.len()), none);
        assert_eq!(step_summary_of(&rows, "Found 2 errors", none.len() - 1), "");
    }

    #[test]
    fn properties_and_message_are_escaped() {
        let src = "x\n";
        let index = Positions::new(src);
        let d = diag(Span::new(0, 1), "50% off, see: a\nb", Severity::Error).help("h:1");
        let a = annotation("we,ird:100%.txt", &place(&index, src, &d), &d);
        assert_eq!(
            a,
            "::error file=we%2Cird%3A100%25.txt,line=1,endLine=1,col=1,endColumn=1,title=X001 test-rule::50%25 off, see: a%0Ab%0Ahelp: h:1"
        );
    }

    fn run(diagnostics: &[Diagnostic]) -> Vec<String> {
        let src = "line\n";
        let files = [FileFindings {
            path: "./f.txt",
            src,
            diagnostics,
        }];
        let mut out = Vec::new();
        github(&mut out, &files, false).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn ten_per_severity_errors_first_then_a_notice() {
        let mut ds = Vec::new();
        for i in 0..12 {
            ds.push(diag(Span::new(0, 1), &format!("w{i}"), Severity::Warning));
            ds.push(diag(Span::new(0, 1), &format!("e{i}"), Severity::Error));
        }
        let lines = run(&ds);
        let errors: Vec<&String> = lines.iter().filter(|l| l.starts_with("::error")).collect();
        let warnings: Vec<&String> = lines
            .iter()
            .filter(|l| l.starts_with("::warning"))
            .collect();
        assert_eq!(errors.len(), 10);
        assert_eq!(warnings.len(), 10);
        // All annotated errors come before any warning; e0..e9 in order.
        assert!(
            lines[0].ends_with("::e0") && lines[9].ends_with("::e9"),
            "{lines:?}"
        );
        assert!(lines[10].starts_with("::warning") && lines[10].ends_with("::w0"));
        // The four left over are plain lines, then one notice ends it all.
        assert_eq!(
            &lines[20..24],
            [
                "f.txt:1:1: X001 e10",
                "f.txt:1:1: X001 e11",
                "f.txt:1:1: X001 w10",
                "f.txt:1:1: X001 w11"
            ]
        );
        assert_eq!(lines.len(), 25);
        assert!(
            lines[24].starts_with("::notice title=digest-lint::4 more findings not shown as annotations (2 errors and 2 warnings)"),
            "{}",
            lines[24]
        );
    }

    #[test]
    fn no_notice_when_everything_fits() {
        let ds: Vec<Diagnostic> = (0..10)
            .map(|i| diag(Span::new(0, 1), &format!("e{i}"), Severity::Error))
            .collect();
        let lines = run(&ds);
        assert_eq!(lines.len(), 10);
        assert!(lines.iter().all(|l| l.starts_with("::error ")));
    }

    #[test]
    fn a_plain_line_cannot_become_a_command() {
        let src = "x\n";
        let index = Positions::new(src);
        let d = diag(
            Span::new(0, 1),
            "a\n::set-output name=x::y",
            Severity::Error,
        );
        let line = plain_line("::f", &place(&index, src, &d), &d);
        assert_eq!(line, " ::f:1:1: X001 a\\n::set-output name=x::y");
    }

    #[test]
    fn summary_table_escapes_and_keeps_to_its_budget() {
        let src = "x\n";
        let ds: Vec<Diagnostic> = (0..50)
            .map(|i| diag(Span::new(0, 1), &format!("a|b <i>{i}</i>"), Severity::Error))
            .collect();
        let files = [FileFindings {
            path: "d.txt",
            src,
            diagnostics: &ds,
        }];
        let all = step_summary(&files, "Found 50 errors.", SUMMARY_LIMIT);
        assert!(all.starts_with("## digest-lint\n\nFound 50 errors.\n\n| severity |"));
        assert!(
            all.contains(
                "| error | `d.txt:1:1` | X001 `test-rule` | a\\|b &lt;i&gt;0&lt;/i&gt; |\n"
            ),
            "{all}"
        );
        assert_eq!(all.matches("| error |").count(), 50);
        let small = step_summary(&files, "Found 50 errors.", 1500);
        assert!(small.len() <= 1500, "{}", small.len());
        let kept = small.matches("| error |").count();
        assert!(kept > 0 && kept < 50, "{kept}");
        assert!(
            small.contains(&format!("{} more findings are not listed", 50 - kept)),
            "{small}"
        );
        assert_eq!(step_summary(&files, "x", 10), "");
    }
}
