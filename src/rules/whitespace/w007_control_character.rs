use super::plural;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::format::normalize::{control_runs, may_have_control};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::Span;

pub struct ControlCharacter;

static META: RuleMeta = RuleMeta {
    code: "W007",
    name: "control-character",
    severity: Severity::Error,
    fix: FixAvailability::Unsafe,
    summary: "C0/C1 control characters other than the line break and the tab.",
    doc: r#"
## What it does
Finds control characters in the text: the C0 controls U+0000–U+001F other
than the line feed, the carriage return and the tab (those are line breaks
and white space, see `W003` and `W004`), DEL (U+007F) and the C1 controls
U+0080–U+009F. The vertical tab and the form feed count as controls here.
Each run is one finding.

## Why is this bad?
Control characters are invisible or render as boxes, usually come from a
bad copy out of a PDF or a terminal, and can break tools that read the
file (a NUL ends a C string; a form feed starts a new page).

## Example
```text
A short note␇ about an invented paper.
```
should be
```text
A short note about an invented paper.
```

## Fix
Unsafe: removes the run. A control character sometimes stands for a
character that was lost (a ligature, a quote), so the text should be read
again after the fix; `fmt` leaves control characters alone.
"#,
    default_enabled: true,
};

impl Rule for ControlCharacter {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if !may_have_control(cx.src) {
            return;
        }
        for line in &cx.digest.lines {
            let text = line.text.text(cx.src);
            for range in control_runs(text) {
                let span = Span::new(line.text.start + range.start, line.text.start + range.end);
                let codes: Vec<String> = span
                    .text(cx.src)
                    .chars()
                    .take(4)
                    .map(|c| format!("U+{:04X}", u32::from(c)))
                    .collect();
                let n = span.text(cx.src).chars().count();
                let message = if n == 1 {
                    format!("control character {} in the text", codes.join(""))
                } else {
                    format!(
                        "{} in the text ({}{})",
                        plural(n, "control character"),
                        codes.join(", "),
                        if n > codes.len() { ", ..." } else { "" }
                    )
                };
                out.push(
                    Diagnostic::new(&META, span, message)
                        .help("control characters are invisible; check whether one stands for a lost character")
                        .fix(Fix::unsafe_(
                            if n == 1 {
                                "Remove the control character"
                            } else {
                                "Remove the control characters"
                            },
                            vec![Edit::delete(span)],
                        )),
                );
            }
        }
    }
}
