use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};

use super::{excerpt, trimmed_span};

pub struct MissingTitle;

static META: RuleMeta = RuleMeta {
    code: "E001",
    name: "missing-title",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "An authors line with no title before it.",
    doc: r#"
## What it does
Reports an entry that starts with its authors line: the line before it is
the date header, a tags line, a blank line or another authors line, so no
title names the paper.

## Why is this bad?
The title is how a reader (and a search) finds the paper. An authors line
with no title usually means the title was lost in copying, or that the
previous entry's tags line sits where the title should be.

## Example
```text
#reasoning #rl
(Mina Park, John Smith)
가상의 논문에 대한 설명입니다.
A note about an invented paper.
#testing
```
The line `(Mina Park, John Smith)` needs the paper's title above it.

## Fix
None: only the author knows the title.
"#,
    default_enabled: true,
};

impl Rule for MissingTitle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for entry in cx.digest.entries() {
            if entry.title.is_some() {
                continue;
            }
            let Some(authors) = &entry.authors else {
                continue;
            };
            out.push(
                Diagnostic::new(
                    &META,
                    trimmed_span(cx.digest, authors.line),
                    format!(
                        "authors line `{}` has no title before it",
                        excerpt(cx.digest.line_text(authors.line))
                    ),
                )
                .help("put the paper's title on the line before its authors"),
            );
        }
    }
}
