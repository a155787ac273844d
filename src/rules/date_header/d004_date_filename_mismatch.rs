use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};

pub struct DateFilenameMismatch;

static META: RuleMeta = RuleMeta {
    code: "D004",
    name: "date-filename-mismatch",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "The file name carries another date than the header.",
    doc: r#"
## What it does
When the file's name carries a date (`2025-04-25.txt`,
`2025-04-25-notes.txt`, `250425.txt`), checks that the date header names
the same day. A header that is not a calendar date is left to
`impossible-date` (`D003`), which then suggests the file name's date.
Files whose names carry no date, and input read from
standard input without `--stdin-filename`, are not checked.

## Why is this bad?
One of the two is wrong: a digest copied from yesterday's file with the
header left unchanged, or a file saved under the wrong name. Tools that
find a day's digest by its name would then show another day's papers.

## Example
A file named `2025-04-26.txt` that starts with
```text
2025년 4월 25일
```

## Fix
None: only the author knows which of the two is right. Correct the header
or rename the file.
"#,
    default_enabled: true,
};

impl Rule for DateFilenameMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(name) = cx.file_name else { return };
        let Some(named) = cx.config.file_date(name) else {
            return;
        };
        let Some(line) = cx.digest.header() else {
            return;
        };
        let Some(header) = cx.header_date() else {
            return;
        };
        // An impossible header is `impossible-date`'s, which names the file's
        // date in its help.
        if header == named || !header.is_valid() {
            return;
        }
        let (_, span) = super::header_text(cx.digest, line);
        out.push(
            Diagnostic::new(
                &META,
                span,
                format!("the header says {header} but the file name `{name}` says {named}"),
            )
            .help("correct the header or rename the file, whichever is wrong"),
        );
    }
}
