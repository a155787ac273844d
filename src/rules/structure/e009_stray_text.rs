use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::parser::is_tags_like;
use crate::syntax::text;
use crate::syntax::{Digest, Item, LineKind};

use super::{excerpt, trimmed_span};

pub struct StrayText;

static META: RuleMeta = RuleMeta {
    code: "E009",
    name: "stray-text",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    summary: "A line that belongs to no entry.",
    doc: r#"
## What it does
Reports each line of text that is neither the date header nor part of an
entry: text between the header and the first entry, after an entry's tags
line, or at the end of the file. (An entry runs from its title to its tags
line; a line followed by an authors line starts a new one.)

Three slips get their own message: a second tags line after the one that
closes an entry, a title written twice (the copy is the stray line), and
an authors line written twice (the copy stays in its entry, and is
reported here rather than as an entry with no title).

## Why is this bad?
Such a line is usually a paragraph written after the tags line by
mistake, a second tags line, or left-over markup. Nothing reads it as
commentary, so it is checked by no other rule and easily lost.

## Example
```text
#efficiency
큰 모델에서의 결과가 궁금하네요.
Sparse Routing at Scale
(Ana Silva)
```
The second line comes after the tags line that closes the entry above.

## Fix
Safe for a title or an authors line written twice, word for word: the
copy is deleted. Otherwise none: move the line into the entry it belongs
to, or delete it.
"#,
    default_enabled: true,
};

impl Rule for StrayText {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        let copies = title_copies(digest);
        // The last non-blank line before the current run of stray lines.
        let mut previous: Option<usize> = None;
        for item in &digest.items {
            match item {
                Item::Stray(line) => out.push(stray(digest, *line, previous, &copies)),
                Item::Blank(_) => {}
                Item::Header(line) => previous = Some(*line),
                Item::Entry(e) => {
                    if let Some(a) = &e.authors {
                        for &r in e.body.iter().filter(|&&l| {
                            digest.lines.get(l).map(|l| l.kind) == Some(LineKind::Authors)
                        }) {
                            out.push(repeated_authors(digest, a.line, r));
                        }
                    }
                    previous = e.lines.clone().rev().find(|&l| {
                        digest
                            .lines
                            .get(l)
                            .is_some_and(|l| l.kind != LineKind::Blank)
                    });
                }
            }
        }
    }
}

/// For each line that is a copy of the title below it, that title's line:
/// the next line is the title, word for word, or another such copy.
/// Computed backwards in one pass, so that every copy of a title written
/// many times is deleted in one pass of `--fix`.
fn title_copies(digest: &Digest<'_>) -> Vec<Option<usize>> {
    let n = digest.lines.len();
    let mut copies = vec![None; n];
    for line in (0..n.saturating_sub(1)).rev() {
        let next = line + 1;
        let same = || text::trim(digest.line_text(next)) == text::trim(digest.line_text(line));
        copies[line] = match digest.lines.get(next).map(|l| l.kind) {
            Some(LineKind::Title) if same() => Some(next),
            Some(LineKind::Stray) if same() => copies[next],
            _ => None,
        };
    }
    copies
}

fn stray(
    digest: &Digest<'_>,
    line: usize,
    previous: Option<usize>,
    copies: &[Option<usize>],
) -> Diagnostic {
    let text = digest.line_text(line);
    let shown = excerpt(text);
    let span = trimmed_span(digest, line);
    let previous_kind = previous.and_then(|p| digest.lines.get(p)).map(|l| l.kind);
    if let (Some(p), Some(LineKind::Tags)) = (previous, previous_kind)
        && is_tags_like(text)
    {
        return Diagnostic::new(
            &META,
            span,
            format!(
                "`{shown}` is a second tags line: the entry above is closed by line {}",
                p + 1
            ),
        )
        .label(trimmed_span(digest, p), "the entry's tags line")
        .help("an entry has one tags line: put these tags on that line and delete this one");
    }
    if let Some(&Some(title)) = copies.get(line) {
        let whereabouts = if title == line + 1 {
            "the next line".to_string()
        } else {
            format!("line {}", title + 1)
        };
        return Diagnostic::new(
            &META,
            span,
            format!("`{shown}` is written twice: the entry's title is {whereabouts}"),
        )
        .help("delete this copy of the title")
        .fix(Fix::safe(
            "Delete the repeated title",
            vec![Edit::delete(
                digest.lines.get(line).map_or(span, |l| l.full()),
            )],
        ));
    }
    let help = match previous_kind {
        Some(LineKind::Tags) => {
            "it follows the tags line that closes the entry above: commentary belongs before the tags line; move the line or delete it"
        }
        Some(LineKind::Header) => {
            "it sits between the date header and the first entry: an entry starts with its title, then its authors line; move the line or delete it"
        }
        _ => {
            "every line after the date header belongs to an entry; move the line into one or delete it"
        }
    };
    Diagnostic::new(&META, span, format!("`{shown}` belongs to no entry")).help(help)
}

/// A second authors line right after the entry's own.
fn repeated_authors(digest: &Digest<'_>, first: usize, repeat: usize) -> Diagnostic {
    let text = digest.line_text(repeat);
    let span = trimmed_span(digest, repeat);
    let same = text::trim(text) == text::trim(digest.line_text(first));
    let message = if same {
        format!("the authors line `{}` is written twice", excerpt(text))
    } else {
        format!(
            "a second authors line `{}` after the entry's authors line",
            excerpt(text)
        )
    };
    let d = Diagnostic::new(&META, span, message)
        .label(trimmed_span(digest, first), "the entry's authors line");
    if same {
        d.help("delete the copy").fix(Fix::safe(
            "Delete the repeated authors line",
            vec![Edit::delete(
                digest.lines.get(repeat).map_or(span, |l| l.full()),
            )],
        ))
    } else {
        d.help("an entry has one authors line: keep the right one and delete the other")
    }
}

#[cfg(test)]
mod tests {
    use crate::lint;
    use crate::rules::only;

    fn messages(src: &str) -> Vec<String> {
        let config = only(&["E009"]);
        lint::check(src, None, &config)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn every_copy_of_a_title_above_it_is_a_copy() {
        let src = "2025년 4월 25일\nT\nT\nT\n(Ann Lee)\n설명.\nNote.\n#x\n";
        assert_eq!(
            messages(src),
            [
                "`T` is written twice: the entry's title is line 4",
                "`T` is written twice: the entry's title is the next line",
            ]
        );
    }

    #[test]
    fn a_different_line_above_a_copy_is_not_one() {
        let src = "2025년 4월 25일\nX\nT\nT\n(Ann Lee)\n설명.\nNote.\n#x\n";
        assert_eq!(
            messages(src),
            [
                "`X` belongs to no entry",
                "`T` is written twice: the entry's title is the next line",
            ]
        );
    }
}
