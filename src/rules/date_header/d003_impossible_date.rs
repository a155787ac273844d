use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::Span;
use crate::syntax::date::{self, Date};

pub struct ImpossibleDate;

static META: RuleMeta = RuleMeta {
    code: "D003",
    name: "impossible-date",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "The date header is not a calendar date.",
    doc: r#"
## What it does
Checks that the date in the header exists: the month is 1 to 12 and the
day is within the month (`2월 29일` only in leap years). The header is read
in any shape `malformed-date` (`D002`) understands; for an impossible date
only this rule reports, not `D002`.

## Why is this bad?
A date that does not exist is a typo, and nothing tells which part is
wrong: the digest can no longer be placed in time, and arXiv links cannot
be checked against it.

## Example
```text
2025년 2월 30일
```
February 2025 has 28 days: the header should carry the real day, for
example `2025년 2월 28일` or `2025년 3월 2일`.

When the file name carries a valid date, the help suggests it
(`date-filename-mismatch`, `D004`, stays silent about an impossible header).

## Fix
None: only the author knows the intended day.
"#,
    default_enabled: true,
};

impl Rule for ImpossibleDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(line) = cx.digest.header() else {
            return;
        };
        let (shown, span) = super::header_text(cx.digest, line);
        let Some(d) = date::parse_header(cx.digest.line_text(line)).map(|h| h.date()) else {
            return;
        };
        if d.is_valid() {
            return;
        }
        let (which, message) = if (1..=12).contains(&d.month) {
            (
                2,
                format!(
                    "`{shown}` is not a calendar date: {} {} has {} days",
                    month_name(d.month),
                    d.year,
                    days_in(d)
                ),
            )
        } else {
            (
                1,
                format!(
                    "`{shown}` is not a calendar date: there is no month {}",
                    d.month
                ),
            )
        };
        // Point at the wrong number: the header's digit runs are the year,
        // the month and the day, in that order, in every shape read.
        let at = digit_runs(shown).nth(which).map_or(span, |r| {
            Span::new(span.start + r.start, span.start + r.end)
        });
        let help = match cx
            .file_name
            .and_then(|n| cx.config.file_date(n))
            .filter(|n| n.is_valid())
        {
            Some(named) => format!(
                "the file name says {named}: if that is the day, write `{}`",
                named.header()
            ),
            None => "write the day this digest was made, like `2025년 4월 25일`".to_string(),
        };
        out.push(Diagnostic::new(&META, at, message).help(help));
    }
}

fn days_in(d: Date) -> u32 {
    (28..=31)
        .rev()
        .find(|&day| Date { day, ..d }.is_valid())
        .unwrap_or(0)
}

fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    usize::try_from(month)
        .ok()
        .and_then(|m| m.checked_sub(1))
        .and_then(|m| NAMES.get(m))
        .copied()
        .unwrap_or("that month")
}

/// Byte ranges of the runs of ASCII digits in `s`.
fn digit_runs(s: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() && !bytes[i].is_ascii_digit() {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        Some(start..i)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_and_days() {
        let runs: Vec<_> = digit_runs("2025년 2월 30일").collect();
        assert_eq!(runs.len(), 3);
        assert_eq!(&"2025년 2월 30일"[runs[2].clone()], "30");
        let d = |year, month| Date {
            year,
            month,
            day: 1,
        };
        assert_eq!(days_in(d(2024, 2)), 29);
        assert_eq!(days_in(d(2025, 2)), 28);
        assert_eq!(days_in(d(2025, 4)), 30);
        assert_eq!(month_name(13), "that month");
    }
}
