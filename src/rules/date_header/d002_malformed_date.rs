use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::date::{self, HeaderDate};

pub struct MalformedDate;

static META: RuleMeta = RuleMeta {
    code: "D002",
    name: "malformed-date",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    summary: "The date header is written in another shape than `YYYY년 M월 D일`.",
    doc: r#"
## What it does
Checks that the date header is written exactly `YYYY년 M월 D일`: a four-digit
year, month and day without leading zeros, one space after `년` and after
`월`, nothing around it. It reports headers such as `2025-04-25`,
`2025.4.25`, `2025. 4. 25.`, `2025/04/25`, `2025년 04월 25일` and
`2025년4월25일`, a header with a weekday or a closing period
(`2025년 4월 25일 (금)`, `2025년 4월 25일 금요일`, `2025년 4월 25일.`), and white space before the
header. (White space only after it is left to `trailing-whitespace`,
`W001`.)

A header that is not a calendar date (`2025-02-30`) is left to
`impossible-date` (`D003`): rewriting the shape of a wrong date would only
make the mistake look finished.

## Why is this bad?
One shape makes the digests easy to search, sort and read, and lets tools
find the header without guessing.

## Example
```text
2025-04-05
```
should be
```text
2025년 4월 5일
```

## Fix
Safe: rewrites the header line in the canonical shape. The date itself
does not change. A stated weekday that does not fit the date gets no fix:
either could be the mistake, and the help names the date's real weekday.
"#,
    default_enabled: true,
};

impl Rule for MalformedDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(line) = cx.digest.header() else {
            return;
        };
        let Some(full) = cx.digest.lines.get(line).map(|l| l.text) else {
            return;
        };
        let (shown, span) = super::header_text(cx.digest, line);
        let Some(HeaderDate::Malformed(d)) = date::parse_header(cx.digest.line_text(line)) else {
            return;
        };
        if !d.is_valid() {
            return;
        }
        let text = cx.digest.line_text(line);
        if matches!(
            date::parse_header(text.trim_end()),
            Some(HeaderDate::Canonical(_))
        ) {
            // Only trailing white space: `trailing-whitespace` reports it.
            return;
        }
        let canonical = d.header();
        if let Some(stated) = date::stated_weekday(text)
            && stated != d.weekday()
        {
            // Dropping a weekday that contradicts the date would hide which
            // of the two the author got wrong.
            out.push(
                Diagnostic::new(&META, span, format!("date header `{shown}` should be written `{canonical}`"))
                    .help(format!(
                        "{d} is a {}요일, not what the header says: check the date, then write it as `{canonical}`",
                        d.weekday_name()
                    )),
            );
            return;
        }
        let (span, message) = if shown == canonical {
            (
                full,
                format!("date header `{shown}` has white space before it"),
            )
        } else {
            (
                span,
                format!("date header `{shown}` should be written `{canonical}`"),
            )
        };
        out.push(Diagnostic::new(&META, span, message).fix(Fix::safe(
            format!("Rewrite the header as `{canonical}`"),
            vec![Edit::replace(full, canonical.clone())],
        )));
    }
}
