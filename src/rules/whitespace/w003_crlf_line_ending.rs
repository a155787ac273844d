use super::plural;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::{LineEnd, Span};

pub struct CrlfLineEnding;

static META: RuleMeta = RuleMeta {
    code: "W003",
    name: "crlf-line-ending",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "Lines end with `\\r\\n` or a lone `\\r` instead of `\\n`.",
    doc: r#"
## What it does
Finds line breaks written `\r\n` (Windows) or a lone `\r` (old Mac)
instead of `\n`. Consecutive lines ending the same way make one finding,
which points at the first of their carriage returns and names how many lines
it covers.

## Why is this bad?
A file that mixes line endings shows every line as changed when an editor
converts it, and tools that split on `\n` keep a stray `\r` at the end of
each line.

## Example
```text
2025년 4월 25일␍␊
A Study of Invented Things␍␊
```
should end each line with `␊` alone.

## Fix
Safe: rewrites each line break of the run as `\n`. `fmt` does the same.
"#,
    default_enabled: true,
};

impl Rule for CrlfLineEnding {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        // memchr's vectorised search: `str::contains` reads a word at a time.
        if memchr::memchr(b'\r', cx.src.as_bytes()).is_none() {
            return;
        }
        let lines = &cx.digest.lines;
        let mut i = 0;
        while i < lines.len() {
            let end = lines[i].end;
            if !matches!(end, LineEnd::CrLf | LineEnd::Cr) {
                i += 1;
                continue;
            }
            let first = i;
            while i < lines.len() && lines[i].end == end {
                i += 1;
            }
            let run = &lines[first..i];
            let (shown, name) = match end {
                LineEnd::CrLf => ("`\\r\\n`", "CRLF"),
                _ => ("a lone `\\r`", "CR"),
            };
            let message = if run.len() == 1 {
                format!("line ends with {shown} ({name}) instead of `\\n`")
            } else {
                format!(
                    "{} end with {shown} ({name}) instead of `\\n`, through line {}",
                    plural(run.len(), "line"),
                    i
                )
            };
            // The `\r` is the offending character: a CRLF loses it, a lone
            // CR becomes `\n`.
            let cr = |l: &crate::syntax::Line| Span::new(l.text.end, l.text.end + 1);
            let edits = run
                .iter()
                .map(|l| match end {
                    LineEnd::CrLf => Edit::delete(cr(l)),
                    _ => Edit::replace(cr(l), "\n"),
                })
                .collect();
            out.push(
                Diagnostic::new(&META, cr(&run[0]), message)
                    .fix(Fix::safe("Use `\\n` line endings", edits)),
            );
        }
    }
}
