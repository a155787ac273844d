use super::readings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::Span;
use std::collections::HashMap;
use std::collections::hash_map::Entry;

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

Off by default: select it by its code or name (`--select A002`,
`extend-select = ["A002"]` in `[lint]`); `ALL` and the prefix `A` do not
turn it on.

## Why is this bad?
A repeated name can be a copy-and-paste slip that also hides a missing
author. It is off by default and only a warning because in arXiv metadata
a repeated common name is usually two people (the same doubled name turns
up in different papers of one group).

## Example
```text
(Ann Lee, Bo Kim, Ann Lee)
```
The second `Ann Lee` is reported, with the first one labelled.

## Fix
None: only the author knows whether a name was doubled or a different
person with the same name was meant.
"#,
    default_enabled: false,
};

/// A name as compared: lowercase words joined by single spaces.
fn key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

impl Rule for DuplicateAuthor {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (_, reading) in readings(cx) {
            let names = reading.names;
            // Each name's key once; the first place each key was seen.
            let mut seen: HashMap<String, Span> = HashMap::with_capacity(names.len());
            for name in &names {
                let text = name.text(cx.src);
                let first = match seen.entry(key(text)) {
                    Entry::Occupied(e) => *e.get(),
                    Entry::Vacant(e) => {
                        e.insert(*name);
                        continue;
                    }
                };
                out.push(
                    Diagnostic::new(
                        &META,
                        *name,
                        format!("`{text}` is listed twice in the authors line"),
                    )
                    .label(first, "first listed here")
                    .help("remove the repeat, unless two authors share this name"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn a_key_is_lowercase_words_joined_by_one_space() {
        assert_eq!(key(" Ann   LEE "), "ann lee");
        assert_ne!(key("Ann Lee"), key("Annl Ee"));
    }
}
