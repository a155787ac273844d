use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::structure::excerpt;
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::date;
use crate::syntax::text;

pub struct MissingDate;

static META: RuleMeta = RuleMeta {
    code: "D001",
    name: "missing-date",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "The file does not start with a date header.",
    doc: r#"
## What it does
Checks that the first line of text is the day's date header,
`YYYY년 M월 D일`. It also reports a first line that has the look of a date
but cannot be read as one: digits and `-`, `.`, `/`, `년`, `월`, `일`
(`2025-04`, `2025년 4월`), or a short line that is mostly a year and other
numbers with a few letters (`2025년 4윌 25일`, `April 25, 2025`). Such a
line is reported once, here, not also as text outside any entry.

Blank lines before the header are a white-space matter (`W006`), not this
rule's. A file with no text at all is not reported.

## Why is this bad?
A digest is one day's reading: the header says which day. Without it the
file cannot be placed in time, arXiv links cannot be checked against the
day, and joining digests loses the day boundaries.

## Example
```text
Token Folding for Faster Decoders
(Mina Park, John Smith)
...
```
should start with the date:
```text
2025년 4월 25일
Token Folding for Faster Decoders
...
```

## Fix
None: only the author knows the day. When the file name carries a date
(`2025-04-25.txt`), the help message suggests that date as the header.
"#,
    default_enabled: true,
};

impl Rule for MissingDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        // Written only for a finding: most files have none.
        let help = || match cx
            .file_name
            .and_then(|n| cx.config.file_date(n))
            .filter(|d| d.is_valid())
        {
            Some(d) => format!(
                "start the file with the date header `{}` (the date in the file name)",
                d.header()
            ),
            None => {
                "start the file with the day's date, written like `2025년 4월 25일`".to_string()
            }
        };
        if let Some(line) = digest.header() {
            // The parser took the line for a date; say so when it cannot be read.
            let (shown, span) = super::header_text(digest, line);
            if date::parse_header(shown).is_none() {
                out.push(
                    Diagnostic::new(
                        &META,
                        span,
                        format!(
                            "the first line `{}` looks like a date but cannot be read as one",
                            excerpt(shown)
                        ),
                    )
                    .help(help()),
                );
            }
            return;
        }
        let Some(first) = digest
            .lines
            .iter()
            .position(|l| !text::is_blank(l.text.text(cx.src)))
        else {
            return;
        };
        // The first line's text, trimmed, and where it stands, as for a header.
        let (trimmed, span) = super::header_text(digest, first);
        out.push(
            Diagnostic::new(
                &META,
                span,
                format!(
                    "the file does not start with a date header: the first line is `{}`",
                    excerpt(trimmed)
                ),
            )
            .help(help()),
        );
    }
}
