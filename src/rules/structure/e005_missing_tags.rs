use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};

use super::{anchor_line, entry_name, trimmed_span};

pub struct MissingTags;

static META: RuleMeta = RuleMeta {
    code: "E005",
    name: "missing-tags",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "The entry is not closed by a tags line.",
    doc: r#"
## What it does
Reports an entry that ends without a tags line (`#tag #tag`): the next
entry, a stray line or the end of the file comes first. The finding points
at the entry's last line, after which the tags line belongs.

The rest of the file is still read: the next entry starts at the next line
that is followed by an authors line, and is checked as usual.

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

## Fix
None: only the author knows the topics.
"#,
};

impl Rule for MissingTags {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        for entry in digest.entries() {
            if entry.tags.is_some() {
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
