use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::format::normalize::{fullwidth_runs, has_punctuation_syntax};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::{LineKind, Span};

pub struct FullwidthPunctuation;

static META: RuleMeta = RuleMeta {
    code: "W008",
    name: "fullwidth-punctuation",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "Fullwidth `（ ） ， ＃` in authors or tags lines.",
    doc: r#"
## What it does
Finds the fullwidth parenthesis, comma and number sign (`（ ） ， ＃`,
typed by a Korean or Japanese input method left in full-width mode) in
authors and tags lines, where these characters are syntax. In commentary
they are prose and are left alone. Each run is one finding.

## Why is this bad?
The authors line is `(` names separated by `, ` `)` and a tag starts with
`#`; tools that read the format, and searches for `#rl`, do not see the
fullwidth forms as the same characters.

## Example
```text
（Mina Park，John Smith）
＃testing
```
should be
```text
(Mina Park, John Smith)
#testing
```

## Fix
Safe: replaces each character with its ASCII form. A fullwidth comma
carries its own spacing, so it becomes `, ` unless white space already
follows. `fmt` does the same.
"#,
    default_enabled: true,
};

impl Rule for FullwidthPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for line in &cx.digest.lines {
            if !has_punctuation_syntax(line.kind) {
                continue;
            }
            let text = line.text.text(cx.src);
            let place = if line.kind == LineKind::Authors {
                "authors"
            } else {
                "tags"
            };
            for (range, ascii) in fullwidth_runs(text) {
                let span = Span::new(line.text.start + range.start, line.text.start + range.end);
                let shown = span.text(cx.src);
                out.push(
                    Diagnostic::new(
                        &META,
                        span,
                        format!("fullwidth `{shown}` in the {place} line"),
                    )
                    .fix(Fix::safe(
                        format!("Replace with `{}`", ascii.trim_end()),
                        vec![Edit::replace(span, ascii)],
                    )),
                );
            }
        }
    }
}
