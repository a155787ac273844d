use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::LineKind;

use super::{excerpt, trimmed_span};

pub struct MissingAuthors;

static META: RuleMeta = RuleMeta {
    code: "E002",
    name: "missing-authors",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "A title with no authors line after it.",
    doc: r#"
## What it does
Reports an entry whose title is not followed by an authors line
(`(` names separated by `, ` `)`). Such an entry is recognised because a
tags line closes it before the next entry starts.

## Why is this bad?
The authors line is part of every entry, and it is what tells a title from
a paragraph: without it the entry's first line is read as a title only by
luck, and the next mistake nearby can merge two entries.

## Example
```text
Token Folding for Faster Decoders
가상의 논문에 대한 설명입니다.
A note about an invented paper.
#testing
```
The line after the title should be the authors, like
`(Mina Park, John Smith)`. Names written in Hangul (`(김민지, 박철수)`) are
not taken for an authors line, since a Korean paragraph may open with a
parenthesis: the finding then points at that line and asks for the names
in Latin letters, as the paper lists them. That line is not read as
Korean commentary either, so it does not also unbalance the commentary.

## Fix
None: only the author knows the names.
"#,
    default_enabled: true,
};

impl Rule for MissingAuthors {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for entry in cx.digest.entries() {
            let (Some(title), None) = (entry.title, &entry.authors) else {
                continue;
            };
            // The parser keeps names in Hangul as the first body line, with
            // the role of an authors line.
            let hangul_names = entry.body.first().is_some_and(|&l| {
                cx.digest.lines.get(l).map(|l| l.kind) == Some(LineKind::Authors)
            });
            let mut d = Diagnostic::new(
                &META,
                trimmed_span(cx.digest, title),
                format!(
                    "title `{}` has no authors line after it",
                    excerpt(cx.digest.line_text(title))
                ),
            );
            d = if hangul_names {
                d.label(
                    trimmed_span(cx.digest, title + 1),
                    "read as Korean commentary, because it holds Hangul",
                )
                .help("write the authors' names in Latin letters, as the paper lists them, like `(Cheol-su Kim, Young-hee Lee)`")
            } else {
                d.help(
                    "put the authors on the line after the title, like `(Mina Park, John Smith)`",
                )
            };
            out.push(d);
        }
    }
}
