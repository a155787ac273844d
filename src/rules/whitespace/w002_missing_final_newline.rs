use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::{LineEnd, Span};

pub struct MissingFinalNewline;

static META: RuleMeta = RuleMeta {
    code: "W002",
    name: "missing-final-newline",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "The file does not end with exactly one newline.",
    doc: r#"
## What it does
Checks that a non-empty file ends with one line break, and not with blank
lines after the last line of text.

## Why is this bad?
Without a final newline, appending the next entry glues it to the last
line, and many tools show the last line as changed in every diff. Extra
blank lines at the end are noise that `fmt` would remove anyway.

## Example
```text
#pretraining #rl⏎
⏎
```
should end after `#pretraining #rl⏎`. A file whose last line is
`#pretraining #rl` with no line break gets one added.

## Fix
Safe: adds the missing newline, or removes the blank lines after the last
line of text.
"#,
};

impl Rule for MissingFinalNewline {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let lines = &cx.digest.lines;
        let Some(last) = lines.last() else { return };
        if cx.src.is_empty() {
            return;
        }
        if last.end == LineEnd::None && !last.text.is_empty() {
            let at = last.text.end;
            let newline = if lines.iter().any(|l| l.end == LineEnd::CrLf) {
                "\r\n"
            } else {
                "\n"
            };
            out.push(
                Diagnostic::new(&META, Span::new(at, at), "no newline at end of file").fix(
                    Fix::safe("Add a final newline", vec![Edit::insert(at, newline)]),
                ),
            );
            return;
        }
        // Blank lines at the very end: every line after the last text line.
        let src = cx.src;
        let Some(last_text) = lines
            .iter()
            .rposition(|l| !crate::text::is_blank(l.text.text(src)))
        else {
            return;
        };
        let keep_end = lines[last_text].text.end + lines[last_text].end.byte_len();
        if keep_end < src.len() {
            let span = Span::new(keep_end, src.len());
            let extra = lines.len() - last_text - 1;
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!(
                        "{extra} blank line{} at end of file",
                        if extra == 1 { "" } else { "s" }
                    ),
                )
                .fix(Fix::safe(
                    "Remove the blank lines at the end",
                    vec![Edit::delete(span)],
                )),
            );
        }
    }
}
