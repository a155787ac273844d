use super::body;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::Span;
use crate::syntax::text::is_zero_width;

pub struct DuplicateTag;

static META: RuleMeta = RuleMeta {
    code: "T002",
    name: "duplicate-tag",
    severity: Severity::Error,
    fix: FixAvailability::Safe,
    summary: "The same tag twice on one tags line.",
    doc: r#"
## What it does
Reports a tag that already appeared earlier on the same tags line. Tags
are compared by their text after the `#`, exactly: `#RL` and `#rl` differ
until `malformed-tag` (T001) has lowercased the first.

## Why is this bad?
A repeated tag adds nothing and usually means a tag meant to be different
was pasted twice.

## Example
```text
#reasoning #rl #reasoning
```
becomes
```text
#reasoning #rl
```

## Fix
Safe: the repeat is removed together with the space before it. The first
occurrence stays where the author put it.
"#,
    default_enabled: true,
};

impl Rule for DuplicateTag {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for tags in cx.digest.entries().filter_map(|e| e.tags.as_ref()) {
            // Each tag's body with its first appearance: a look-up per tag,
            // so a line of thousands of tags is not read once per tag.
            let mut firsts: rustc_hash::FxHashMap<&str, Span> = Default::default();
            for &tag in &tags.tags {
                let (text, _) = body(cx.src, tag);
                let first = *firsts.entry(text).or_insert(tag);
                if first == tag {
                    continue;
                }
                let before = cx.src.get(..tag.start).and_then(|s| s.chars().next_back());
                let delete = match before {
                    Some(c) if c.is_whitespace() || is_zero_width(c) => {
                        Span::new(tag.start - c.len_utf8(), tag.end)
                    }
                    _ => tag,
                };
                out.push(
                    Diagnostic::new(
                        &META,
                        tag,
                        format!("tag `{}` is repeated", tag.text(cx.src)),
                    )
                    .label(first, "first here")
                    .fix(Fix::safe(
                        "Remove the repeated tag",
                        vec![Edit::delete(delete)],
                    )),
                );
            }
        }
    }
}
