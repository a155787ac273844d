use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::LineKind;

use super::{anchor_line, entry_name, trimmed_span};

pub struct MissingKorean;

static META: RuleMeta = RuleMeta {
    code: "E003",
    name: "missing-korean",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "An entry with no Korean commentary.",
    doc: r#"
## What it does
Reports an entry with no Korean line (a line holding at least one Hangul
syllable) between its authors line and its tags line.

## Why is this bad?
The commentary is the point of a digest: an entry with only a title, the
authors and an abstract says nothing of its own. Since every line before
the first Korean one is read as abstract, an English-only note is also
taken for abstract and cannot be checked.

## Example
```text
Token Folding for Faster Decoders
(Mina Park, John Smith)
We fold tokens to make decoders faster.
#efficiency
```
needs a Korean paragraph (and its English translation) before the tags.

## Fix
None: the commentary has to be written.
"#,
    default_enabled: true,
};

impl Rule for MissingKorean {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        for entry in digest.entries() {
            if digest.body_lines(entry, LineKind::Korean).next().is_some() {
                continue;
            }
            let mut d = Diagnostic::new(
                &META,
                trimmed_span(digest, anchor_line(entry)),
                format!(
                    "entry {} has no Korean commentary",
                    entry_name(digest, entry)
                ),
            )
            .help("write the Korean commentary after the abstract, then its English translation");
            if let Some(tags) = &entry.tags {
                d = d.label(
                    trimmed_span(digest, tags.line),
                    "the commentary belongs before the tags line",
                );
            }
            out.push(d);
        }
    }
}
