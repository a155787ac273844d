use super::plural;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::normalize::{BlankGap, BlankPlace, blank_gaps};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::{Digest, LineEnd, Span};

pub struct BlankLines;

static META: RuleMeta = RuleMeta {
    code: "W006",
    name: "blank-lines",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "Blank lines inside an entry, or between entries other than the configured separator.",
    doc: r#"
## What it does
Checks blank lines against the layout:
- inside an entry (from its title to its tags line): none;
- between two entries: exactly the configured separator,
  `blank-lines-between-entries` (0 by default, or 1);
- before the date header, and between the header and the first entry:
  none;
- next to a line that belongs to no entry: at most the separator (none
  are added there, so a stray line is never pushed away from the entry it
  may belong to).

Blank lines at the end of the file are `missing-final-newline` (`W002`).
A line holding only white space counts as blank. Each run of blank lines
is one finding.

## Why is this bad?
One paragraph is one line and an entry is a block of lines, so a blank
line inside an entry reads as the end of the entry. Separators that vary
from one gap to the next make the file look like it has structure it does
not have.

## Example
```text
A Study of Invented Things
(Mina Park, John Smith)

가상의 논문에 대한 짧은 설명입니다.
```
should have no blank line after the authors line. With the default
separator, two entries follow each other directly; with
`--blank-lines-between-entries 1`, exactly one blank line separates them.

## Fix
Safe: deletes the extra blank lines, or adds the missing one between two
entries. Deleting a blank line never joins two lines of text. `fmt` does
the same.
"#,
};

impl Rule for BlankLines {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let wanted = cx.config.blank_lines_between_entries;
        for gap in blank_gaps(cx.digest, wanted) {
            if let Some(d) = diagnostic(cx.digest, &gap) {
                out.push(d);
            }
        }
    }
}

fn diagnostic(digest: &Digest<'_>, gap: &BlankGap) -> Option<Diagnostic> {
    let lines = &digest.lines;
    if gap.insert > 0 {
        let next = lines.get(gap.lines.end)?;
        let at = next.text.start;
        let newline = match lines.get(gap.lines.end.checked_sub(1)?)?.end {
            LineEnd::CrLf => "\r\n",
            LineEnd::Cr => "\r",
            _ => "\n",
        };
        let message = format!(
            "no blank line between entries; the configured separator is {}",
            plural(gap.wanted, "blank line")
        );
        return Some(
            Diagnostic::new(&META, Span::new(at, at), message)
                .help("`--blank-lines-between-entries` sets the separator (0 or 1)")
                .fix(Fix::safe(
                    "Add a blank line",
                    vec![Edit::insert(at, newline.repeat(gap.insert))],
                )),
        );
    }
    let first = lines.get(gap.delete.start)?;
    let last = lines.get(gap.delete.end.checked_sub(1)?)?;
    // The mark of a byte-order mark stays: it is `W004`'s to remove.
    let delete = Span::new(first.text.start, last.full().end);
    let span = Span::new(first.text.start, last.text.end);
    let n = gap.lines.len();
    let blank = plural(n, "blank line");
    let message = match gap.place {
        BlankPlace::InsideEntry => format!("{blank} inside an entry"),
        BlankPlace::StartOfFile => format!("{blank} at the start of the file"),
        BlankPlace::AfterHeader => format!("{blank} after the date header"),
        BlankPlace::BetweenEntries => format!(
            "{blank} between entries; the configured separator is {}",
            plural(gap.wanted, "blank line")
        ),
        BlankPlace::NextToStray => format!(
            "{blank} next to a line outside any entry; at most {} expected",
            plural(gap.wanted, "blank line")
        ),
    };
    let mut d = Diagnostic::new(&META, span, message).fix(Fix::safe(
        if gap.delete.len() == 1 {
            "Remove the blank line".to_string()
        } else {
            format!("Remove {}", plural(gap.delete.len(), "blank line"))
        },
        vec![Edit::delete(delete)],
    ));
    match gap.place {
        BlankPlace::InsideEntry => {
            if let Some(title) = gap.entry_start.and_then(|l| lines.get(l)) {
                d = d.label(title.text, "the entry starts here");
            }
            d = d.help("an entry runs from its title to its tags line with no blank line");
        }
        BlankPlace::BetweenEntries | BlankPlace::NextToStray => {
            d = d.help("`--blank-lines-between-entries` sets the separator (0 or 1)");
        }
        BlankPlace::StartOfFile | BlankPlace::AfterHeader => {}
    }
    Some(d)
}
