use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::LineKind;

use super::{entry_name, lines_span, plural};

pub struct MissingEnglish;

static META: RuleMeta = RuleMeta {
    code: "E004",
    name: "missing-english",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "An entry with Korean commentary but no English commentary.",
    doc: r#"
## What it does
Reports an entry that has Korean commentary and no English line after it
(nor a translation placed before it). An entry with no Korean at all is
left to `missing-korean` (`E003`): without Korean, the English commentary
cannot be told from the abstract.

## Why is this bad?
Every Korean paragraph has an English counterpart saying the same thing:
readers of either language get the whole note.

## Example
```text
Token Folding for Faster Decoders
(Mina Park, John Smith)
토큰을 접어서 디코더를 빠르게 만드는 방법.
#efficiency
```
needs `A method that folds tokens to speed up decoders.` before the tags.

## Fix
None: the translation has to be written.
"#,
    default_enabled: true,
};

impl Rule for MissingEnglish {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        for entry in digest.entries() {
            let mut korean = digest.body_lines(entry, LineKind::Korean);
            let Some(first) = korean.next() else { continue };
            let last = korean.last().unwrap_or(first);
            if digest.body_lines(entry, LineKind::English).next().is_some() {
                continue;
            }
            let count = super::paragraphs(digest, entry, LineKind::Korean)
                .count()
                .max(1);
            out.push(
                Diagnostic::new(
                    &META,
                    lines_span(digest, first, last),
                    format!(
                        "entry {} has Korean commentary ({}) but no English commentary",
                        entry_name(digest, entry),
                        plural(count, "paragraph")
                    ),
                )
                .help(if count == 1 {
                    "add the English translation on the line after the Korean".to_string()
                } else {
                    format!(
                        "add the English translation after the Korean, one line for each of the {count} Korean paragraphs"
                    )
                }),
            );
        }
    }
}
