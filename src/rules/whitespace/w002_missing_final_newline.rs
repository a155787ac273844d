use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::format::normalize::is_deletable_blank;
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::{LineEnd, Span};

pub struct MissingFinalNewline;

static META: RuleMeta = RuleMeta {
    code: "W002",
    name: "missing-final-newline",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "The file does not end with exactly one newline.",
    doc: r#"
## What it does
Checks that a non-empty file ends with one line break, and not with blank
lines after the last line of text. A file of nothing but blank lines is
flagged too: an empty digest is an empty file. A line holding a form feed
or another control character is not blank here (see `W007`).

## Why is this bad?
Without a final newline, appending the next entry glues it to the last
line, and many tools show the last line as changed in every diff. Extra
blank lines at the end are noise that `fmt` would remove anyway.

## Example
```text
#pretraining #rl⏎
⏎
```
should end after `#pretraining #rl⏎`. A file whose last line is
`#pretraining #rl` with no line break gets one added.

## Fix
Safe: adds the missing newline, or removes the blank lines after the last
line of text (all of them, in a file without text).
"#,
    default_enabled: true,
};

impl Rule for MissingFinalNewline {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let lines = &cx.digest.lines;
        let src = cx.src;
        let Some(last) = lines.last() else { return };
        // The last line that is not a deletable blank (one holding a form
        // feed or another control character stays, see W007).
        let Some(last_text) = lines
            .iter()
            .rposition(|l| !is_deletable_blank(l.text.text(src)))
        else {
            // Nothing but blank lines: `fmt` empties the file. The mark of
            // a byte-order mark stays: it is `W004`'s to remove.
            let from = lines.first().map_or(0, |l| l.text.start);
            if from < src.len() {
                let span = Span::new(from, src.len());
                let n = lines.iter().filter(|l| !l.full().is_empty()).count();
                out.push(
                    Diagnostic::new(
                        &META,
                        span,
                        format!("the file holds nothing but {}", plural(n, "blank line")),
                    )
                    .help("an empty digest is an empty file")
                    .fix(Fix::safe(
                        "Remove the blank lines",
                        vec![Edit::delete(span)],
                    )),
                );
            }
            return;
        };
        if last_text + 1 == lines.len() && last.end == LineEnd::None {
            let at = last.text.end;
            let newline = if lines.iter().any(|l| l.end == LineEnd::CrLf) {
                "\r\n"
            } else {
                "\n"
            };
            out.push(
                Diagnostic::new(&META, Span::new(at, at), "no newline at end of file").fix(
                    Fix::safe("Add a final newline", vec![Edit::insert(at, newline)]),
                ),
            );
            return;
        }
        // Blank lines at the very end: every line after the last text line.
        let Some(kept) = lines.get(last_text) else {
            return;
        };
        let keep_end = kept.text.end + kept.end.byte_len();
        if keep_end < src.len() {
            let span = Span::new(keep_end, src.len());
            let extra = lines[last_text + 1..]
                .iter()
                .filter(|l| !l.full().is_empty())
                .count();
            out.push(
                Diagnostic::new(
                    &META,
                    span,
                    format!("{} at end of file", plural(extra, "blank line")),
                )
                .fix(Fix::safe(
                    "Remove the blank lines at the end",
                    vec![Edit::delete(span)],
                )),
            );
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::fix::FixMode;
    use crate::lint;
    use crate::rules::only;

    fn config() -> Config {
        only(&["W002"])
    }

    #[test]
    fn the_final_newline_added_is_the_files_own() {
        let lf = "2025년 4월 25일\nT\n(Ann Lee)\n한 줄.\nOne.\n#x";
        assert_eq!(
            lint::fix(lf, None, &config(), FixMode::Safe).text,
            format!("{lf}\n")
        );
        let crlf = "2025년 4월 25일\r\nT\r\n(Ann Lee)\r\n한 줄.\r\nOne.\r\n#x";
        assert_eq!(
            lint::fix(crlf, None, &config(), FixMode::Safe).text,
            format!("{crlf}\r\n")
        );
    }

    #[test]
    fn an_empty_file_or_a_lone_byte_order_mark_is_no_finding() {
        assert!(lint::check("", None, &config()).is_empty());
        assert!(lint::check("\u{feff}", None, &config()).is_empty());
        // A blank line is one.
        assert_eq!(lint::check("\u{feff}\n", None, &config()).len(), 1);
    }
}
