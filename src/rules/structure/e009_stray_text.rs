use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::{Item, LineKind};

use super::{excerpt, trimmed_span};

pub struct StrayText;

static META: RuleMeta = RuleMeta {
    code: "E009",
    name: "stray-text",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "A line that belongs to no entry.",
    doc: r#"
## What it does
Reports each line of text that is neither the date header nor part of an
entry: text between the header and the first entry, after an entry's tags
line, or at the end of the file. (An entry runs from its title to its tags
line; a line followed by an authors line starts a new one.)

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
None: move the line into the entry it belongs to, or delete it.
"#,
};

impl Rule for StrayText {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        // The kind of the last non-blank line before the current run of
        // stray lines.
        let mut previous: Option<LineKind> = None;
        for item in &digest.items {
            match item {
                Item::Stray(line) => {
                    let shown = excerpt(digest.line_text(*line));
                    let help = match previous {
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
                    out.push(
                        Diagnostic::new(
                            &META,
                            trimmed_span(digest, *line),
                            format!("`{shown}` belongs to no entry"),
                        )
                        .help(help),
                    );
                }
                Item::Blank(_) => {}
                Item::Header(line) => previous = digest.lines.get(*line).map(|l| l.kind),
                Item::Entry(e) => {
                    previous = e
                        .lines
                        .clone()
                        .rev()
                        .filter_map(|l| digest.lines.get(l))
                        .find(|l| l.kind != LineKind::Blank)
                        .map(|l| l.kind);
                }
            }
        }
    }
}
