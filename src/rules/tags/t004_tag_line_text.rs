use super::{body, is_kebab};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::Span;

pub struct TagLineText;

static META: RuleMeta = RuleMeta {
    code: "T004",
    name: "tag-line-text",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "Words on the tags line that are not tags.",
    doc: r#"
## What it does
Reports text on the tags line that does not start with `#`. Words that
follow each other are reported together. One or two words right after a
tag are most likely the rest of it written with a space
(`#mechanistic interpretation`): the help suggests the tag with its words
joined by `-` (`#mechanistic-interpretation`).

## Why is this bad?
The tags line holds only tags. Other text there is either a tag that lost
its `#` (and is then missing from searches) or a sentence that belongs in
the commentary, where the other language's reader will miss it.

## Example
```text
#reasoning rl #distillation see also the appendix
```
`rl` (probably `#rl`) and `see also the appendix` are reported.

## Fix
None: only the author knows whether a word is a tag without its `#` or
text that belongs elsewhere.
"#,
    default_enabled: true,
};

impl Rule for TagLineText {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for tags in cx.digest.entries().filter_map(|e| e.tags.as_ref()) {
            let mut groups: Vec<Span> = Vec::new();
            for &word in &tags.words {
                let joins = groups.last().is_some_and(|g| {
                    !tags
                        .tags
                        .iter()
                        .any(|t| t.start >= g.end && t.start < word.start)
                });
                match groups.last_mut() {
                    Some(g) if joins => *g = g.cover(word),
                    _ => groups.push(word),
                }
            }
            for group in groups {
                let text = group.text(cx.src);
                // Words right after a tag are most likely the rest of it,
                // written with a space: `#mechanistic interpretation`.
                let before = tags.tags.iter().rev().find(|t| {
                    t.end <= group.start
                        && cx
                            .src
                            .get(t.end..group.start)
                            .is_some_and(|gap| gap.chars().all(|c| c == ' ' || c == '\t'))
                });
                let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
                // A phrase of three words or more is commentary, not a tag.
                let spaced = before.filter(|_| words.len() <= 2).and_then(|t| {
                    let (tag_body, _) = body(cx.src, *t);
                    let joined = format!("{tag_body}-{}", words.join("-"));
                    is_kebab(&joined).then(|| (t.text(cx.src).to_string(), joined))
                });
                let help = if let Some((tag, joined)) = spaced {
                    format!(
                        "if `{tag} {text}` is one tag, write `#{joined}`; words in a tag are joined by `-`"
                    )
                } else if is_kebab(text) {
                    format!("if `{text}` is a tag, write `#{text}`")
                } else {
                    "the tags line holds only `#tags` separated by spaces; move other text into the commentary".to_string()
                };
                out.push(
                    Diagnostic::new(
                        &META,
                        group,
                        format!("`{text}` on the tags line is not a tag"),
                    )
                    .help(help),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint;
    use crate::rules::only;

    fn help(tags: &str) -> Option<String> {
        let config = only(&["T004"]);
        let src = format!("2025년 4월 25일\nT\n(Ann Lee)\n한 줄.\nOne.\n{tags}\n");
        let found = lint::check(&src, None, &config);
        assert_eq!(found.len(), 1, "{found:#?}");
        found[0].help.as_deref().map(str::to_string)
    }

    #[test]
    fn words_after_a_tag_across_spaces_or_a_tab_are_its_rest() {
        let joined = "if `#mechanistic interpretation` is one tag, write `#mechanistic-interpretation`; words in a tag are joined by `-`";
        assert_eq!(help("#mechanistic interpretation").as_deref(), Some(joined));
        assert_eq!(
            help("#mechanistic\tinterpretation").as_deref(),
            Some(joined)
        );
        // A zero-width space between them is not a space typed in a tag.
        assert_eq!(
            help("#mechanistic\u{200b} interpretation").as_deref(),
            Some("if `interpretation` is a tag, write `#interpretation`")
        );
    }
}
