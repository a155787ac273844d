use super::plural;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::format::normalize::{BlankGap, BlankPlace, blank_gaps};
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
- before the date header: none;
- between the header and the first entry: the same as between entries;
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
    default_enabled: true,
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
        let place = if gap.place == BlankPlace::AfterHeader {
            "after the date header"
        } else {
            "between entries"
        };
        let message = format!(
            "no blank line {place}, where the configured separator is {}",
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
        BlankPlace::BetweenEntries if gap.wanted == 0 => {
            format!("{blank} between entries, where entries follow each other directly")
        }
        BlankPlace::BetweenEntries => format!(
            "{blank} between entries, where the configured separator is {}",
            plural(gap.wanted, "blank line")
        ),
        BlankPlace::NextToStray if gap.wanted == 0 => {
            format!("{blank} next to a line outside any entry, where none belongs")
        }
        BlankPlace::NextToStray => format!(
            "{blank} next to a line outside any entry, where at most {} belongs",
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

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::fix::FixMode;
    use crate::lint;
    use crate::rules::only;

    const ONE: &str = "T1\n(A B)\n한.\nE.\n#x\n";
    const TWO: &str = "T2\n(C D)\n한.\nE.\n#y\n";

    fn config(between: usize) -> Config {
        Config {
            blank_lines_between_entries: between,
            ..only(&["W006"])
        }
    }

    #[test]
    fn one_blank_line_between_entries() {
        let c = config(1);
        let src = format!("2025년 4월 25일\n\n{ONE}{TWO}");
        let found = lint::check(&src, None, &c);
        assert_eq!(found.len(), 1);
        assert!(
            found[0]
                .message
                .starts_with("no blank line between entries")
        );
        let fixed = lint::fix(&src, None, &c, FixMode::Safe).text;
        assert_eq!(fixed, format!("2025년 4월 25일\n\n{ONE}\n{TWO}"));
        assert!(lint::check(&fixed, None, &c).is_empty());

        let two_blank = format!("2025년 4월 25일\n\n{ONE}\n\n{TWO}");
        let fixed = lint::fix(&two_blank, None, &c, FixMode::Safe).text;
        assert_eq!(fixed, format!("2025년 4월 25일\n\n{ONE}\n{TWO}"));
    }

    #[test]
    fn the_header_is_set_apart_like_entries() {
        let tight = format!("2025년 4월 25일\n{ONE}\n{TWO}");
        let found = lint::check(&tight, None, &config(1));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(
            found[0].message.contains("after the date header"),
            "{}",
            found[0].message
        );
        let fixed = lint::fix(&tight, None, &config(1), FixMode::Safe).text;
        assert_eq!(fixed, format!("2025년 4월 25일\n\n{ONE}\n{TWO}"));
        // With no separator configured, the header is followed by no blank line.
        assert_eq!(lint::check(&fixed, None, &config(0)).len(), 2);
    }

    #[test]
    fn no_blank_line_is_added_next_to_a_stray_line() {
        let src = format!("2025년 4월 25일\n\n{ONE}stray words\n{TWO}");
        assert!(lint::check(&src, None, &config(1)).is_empty());
        let src = format!("2025년 4월 25일\n\n{ONE}stray words\n\n{TWO}");
        assert!(lint::check(&src, None, &config(1)).is_empty());
        assert_eq!(lint::check(&src, None, &config(0)).len(), 2);
    }

    #[test]
    fn crlf_blank_lines_are_removed_whole() {
        let src = format!(
            "2025년 4월 25일\r\n{}\r\n\r\n{}",
            ONE.replace('\n', "\r\n"),
            TWO.replace('\n', "\r\n")
        );
        let fixed = lint::fix(&src, None, &config(0), FixMode::Safe).text;
        assert_eq!(fixed.lines().count(), 11);
    }

    #[test]
    fn an_added_blank_line_ends_as_the_lines_before_it() {
        for newline in ["\r\n", "\r"] {
            let src = format!("2025년 4월 25일\n\n{ONE}{TWO}").replace('\n', newline);
            let fixed = lint::fix(&src, None, &config(1), FixMode::Safe).text;
            let want = format!("2025년 4월 25일\n\n{ONE}\n{TWO}").replace('\n', newline);
            assert_eq!(fixed, want, "{newline:?}");
        }
    }

    #[test]
    fn messages_name_the_configured_separator() {
        let message = |src: &str, between| {
            let found = lint::check(src, None, &config(between));
            assert_eq!(found.len(), 1, "{found:#?}");
            found[0].message.clone()
        };
        let src = format!("2025년 4월 25일\n\n{ONE}\n\n{TWO}");
        assert_eq!(
            message(&src, 1),
            "2 blank lines between entries, where the configured separator is 1 blank line"
        );
        let src = format!("2025년 4월 25일\n\n{ONE}\n\nstray words\n{TWO}");
        assert_eq!(
            message(&src, 1),
            "2 blank lines next to a line outside any entry, where at most 1 blank line belongs"
        );
    }
}
