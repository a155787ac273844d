use super::read;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};

pub struct DuplicateAuthor;

static META: RuleMeta = RuleMeta {
    code: "A002",
    name: "duplicate-author",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "The same name twice in one authors line.",
    doc: r#"
## What it does
Reports a name that appears a second time in the same authors line. Names
are compared ignoring case and runs of white space.

## Why is this bad?
A repeated name is usually a copy-and-paste slip that also hides a missing
author. It is a warning, not an error, because two different people can
share a name.

## Example
```text
(Ann Lee, Bo Kim, Ann Lee)
```
The second `Ann Lee` is reported, with the first one labelled.

## Fix
None: only the author knows whether a name was doubled or a different
person with the same name was meant.
"#,
};

fn same_name(a: &str, b: &str) -> bool {
    let mut a = a.split_whitespace();
    let mut b = b.split_whitespace();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.to_lowercase() == y.to_lowercase() => {}
            _ => return false,
        }
    }
}

impl Rule for DuplicateAuthor {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for entry in cx.digest.entries() {
            let Some(authors) = &entry.authors else {
                continue;
            };
            let Some(line) = cx.digest.lines.get(authors.line) else {
                continue;
            };
            let names = read(cx.src, authors, line.text).names;
            for (i, name) in names.iter().enumerate() {
                let text = name.text(cx.src);
                let Some(first) = names
                    .get(..i)
                    .and_then(|before| before.iter().find(|n| same_name(n.text(cx.src), text)))
                else {
                    continue;
                };
                out.push(
                    Diagnostic::new(
                        &META,
                        *name,
                        format!("`{text}` is listed twice in the authors line"),
                    )
                    .label(*first, "first listed here")
                    .help("remove the repeat, unless two authors share this name"),
                );
            }
        }
    }
}
