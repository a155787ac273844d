use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::{Digest, Entry, LineEnd, Tags};

use super::{anchor_line, entry_name, trimmed_span};

pub struct MissingTags;

static META: RuleMeta = RuleMeta {
    code: "E005",
    name: "missing-tags",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    summary: "The entry is not closed by a tags line.",
    doc: r#"
## What it does
Reports an entry that ends without a tags line (`#tag #tag`): the next
entry, a stray line or the end of the file comes first. The finding points
at the entry's last line, after which the tags line belongs.

The rest of the file is still read: the next entry starts at the next line
that is followed by an authors line, and is checked as usual.

It also reports a tags line written before the commentary: when the lines
right after an entry's tags line hold the Korean (or English) commentary
the entry lacks, they are read as the entry's body, and the tags line is
reported once, here, instead of the commentary as stray text.

## Why is this bad?
The tags line closes the entry and files the paper under its topics. An
entry without one is missing from every topic search, and its end can only
be guessed from where the next entry starts.

## Example
```text
Token Folding for Faster Decoders
(Mina Park, John Smith)
토큰을 접어서 디코더를 빠르게 만드는 방법.
A method that folds tokens to speed up decoders.
Sparse Routing at Scale
(Ana Silva)
...
```
needs a line such as `#efficiency` after
`A method that folds tokens to speed up decoders.`

```text
Token Folding for Faster Decoders
(Mina Park, John Smith)
#efficiency
토큰을 접어서 디코더를 빠르게 만드는 방법.
A method that folds tokens to speed up decoders.
```
has its tags line before the commentary instead of after it.

## Fix
None for a missing tags line: only the author knows the topics. A tags
line written before the commentary has an unsafe fix that moves it after
the entry's last line; it is unsafe because the lines after it might be
something else than this entry's commentary.
"#,
    default_enabled: true,
};

impl Rule for MissingTags {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        for entry in digest.entries() {
            if let Some(tags) = &entry.tags {
                if let Some(d) = misplaced(digest, entry, tags) {
                    out.push(d);
                }
                continue;
            }
            let Some(last) = entry.lines.clone().next_back() else {
                continue;
            };
            let first = anchor_line(entry);
            let mut d = Diagnostic::new(
                &META,
                trimmed_span(digest, last),
                format!(
                    "entry {} is not closed by a tags line, which belongs after line {}",
                    entry_name(digest, entry),
                    last + 1
                ),
            )
            .help("add a line of tags such as `#topic` after the entry's last line");
            if first != last {
                d = d.label(trimmed_span(digest, first), "the entry starts here");
            }
            out.push(d);
        }
    }
}

/// A tags line with commentary after it: the parser reads the commentary
/// that follows a misplaced tags line as the entry's body.
fn misplaced(digest: &Digest<'_>, entry: &Entry, tags: &Tags) -> Option<Diagnostic> {
    let last = entry
        .body
        .iter()
        .copied()
        .rev()
        .find(|&l| !crate::syntax::text::is_blank(digest.line_text(l)))?;
    if last < tags.line {
        return None;
    }
    let tags_line = digest.lines.get(tags.line)?;
    let last_line = digest.lines.get(last)?;
    let text = tags_line.text.text(digest.src);
    // The moved line keeps a newline; after a last line that has none,
    // the newline goes before it instead.
    let insert = if last_line.end == LineEnd::None {
        Edit::insert(last_line.text.end, format!("\n{text}"))
    } else {
        let newline = tags_line.terminator().text(digest.src);
        let newline = if newline.is_empty() { "\n" } else { newline };
        Edit::insert(last_line.full().end, format!("{text}{newline}"))
    };
    let fix = Fix::unsafe_(
        format!("Move the tags line after line {}", last + 1),
        vec![Edit::delete(tags_line.full()), insert],
    );
    Some(
        Diagnostic::new(
            &META,
            trimmed_span(digest, tags.line),
            format!(
                "entry {}: the tags line comes before the commentary; it belongs after line {}",
                entry_name(digest, entry),
                last + 1
            ),
        )
        .label(trimmed_span(digest, last), "the entry's last line")
        .help("the tags line closes the entry: move it after the English commentary")
        .fix(fix),
    )
}

#[cfg(test)]
mod tests {
    use crate::fix::FixMode;
    use crate::lint;
    use crate::rules::only;

    fn fixed(src: &str) -> String {
        let config = only(&["E005"]);
        assert_eq!(lint::check(src, None, &config).len(), 1, "{src:?}");
        let outcome = lint::fix(src, None, &config, FixMode::Unsafe);
        assert!(outcome.converged);
        assert!(outcome.remaining.is_empty());
        outcome.text
    }

    #[test]
    fn a_misplaced_tags_line_moves_after_the_last_line() {
        let src = "2025년 4월 25일\nT\n(Ann Lee)\n#x\n한 줄.\nOne.\n";
        assert_eq!(
            fixed(src),
            "2025년 4월 25일\nT\n(Ann Lee)\n한 줄.\nOne.\n#x\n"
        );
    }

    #[test]
    fn after_a_last_line_without_a_newline_the_newline_goes_before_the_tags() {
        let src = "2025년 4월 25일\nT\n(Ann Lee)\n#x\n한 줄.\nOne.";
        assert_eq!(
            fixed(src),
            "2025년 4월 25일\nT\n(Ann Lee)\n한 줄.\nOne.\n#x"
        );
    }
}
