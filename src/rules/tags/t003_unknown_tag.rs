use super::{body, is_kebab, similar};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::Span;

pub struct UnknownTag;

static META: RuleMeta = RuleMeta {
    code: "T003",
    name: "unknown-tag",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    summary: "A tag outside the configured vocabulary.",
    doc: r#"
## What it does
Checks every tag against the vocabulary of the `[tags]` table of the
configuration (`vocabulary`, `vocabulary-file`) and its `aliases`; an
alias is reported even when the vocabulary lists it too. It runs
only when a vocabulary or aliases are configured; with aliases alone, only
aliases are reported. A tag that is not lowercase kebab-case is
`malformed-tag`'s (T001) and is left alone here.

The message names the known tag the unknown one most likely means: one
that differs only in separators, case or a plural (`#pre-training` for
`#pretraining`), one typing slip in a long tag (`#self-improvment`), or
else the nearest by edit distance. A tag that merely starts like a known
one (`#flow` beside `#flow-matching`) gets no suggestion.

`[tags] unknown-tag = "error"` makes an unknown tag an error.

## Why is this bad?
Tags are how an archive is searched. `#self-improvment` beside
`#self-improvement` splits one topic in two, and a search for either misses
the other. A vocabulary keeps the set small and the spellings one.

## Example
With `vocabulary = ["pretraining", "self-improvement"]` and
`aliases = { "pre-training" = "pretraining", "misc" = "" }`:
```text
#pre-training #self-improvment #misc
```
`#pre-training` is an alias of `#pretraining`, `#self-improvment` is
unknown (did you mean `#self-improvement`?), `#misc` is forbidden.

## Fix
Safe through an alias: `#pre-training` becomes `#pretraining`. Unsafe to
the suggested tag, since a new tag may be meant: add it to the vocabulary
instead. A forbidden tag has no fix. `digest-lint tags` lists the tags in
use and clusters of likely duplicates; `digest-lint init --learn-tags`
writes a vocabulary from them.
"#,
    default_enabled: true,
};

impl Rule for UnknownTag {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let Some(vocab) = &cx.config.tags else {
            return;
        };
        for tags in cx.digest.entries().filter_map(|e| e.tags.as_ref()) {
            for &tag in &tags.tags {
                let (text, start) = body(cx.src, tag);
                if !is_kebab(text) {
                    continue;
                }
                let at = Span::new(start, tag.end);
                let severity = vocab.unknown_severity;
                if let Some(canonical) = vocab.aliases.get(text) {
                    if canonical.is_empty() {
                        out.push(
                            Diagnostic::new(&META, tag, format!("tag `#{text}` is forbidden"))
                                .severity(severity)
                                .help("the configuration's `[tags.aliases]` forbids it; use another tag or none"),
                        );
                    } else {
                        out.push(
                            Diagnostic::new(
                                &META,
                                tag,
                                format!("tag `#{text}` is an alias of `#{canonical}`"),
                            )
                            .severity(severity)
                            .fix(Fix::safe(
                                format!("Write `#{canonical}`"),
                                vec![Edit::replace(at, canonical.as_str())],
                            )),
                        );
                    }
                    continue;
                }
                if vocab.known.is_empty() || vocab.known.contains(text) {
                    continue;
                }
                let guess = similar::closest(text, vocab.known.iter().map(String::as_str));
                let mut d = Diagnostic::new(
                    &META,
                    tag,
                    match guess {
                        Some(g) => format!("unknown tag `#{text}`; did you mean `#{g}`?"),
                        None => format!("unknown tag `#{text}`"),
                    },
                )
                .severity(severity)
                .help(format!(
                    "if `#{text}` is a new topic, add it to `[tags] vocabulary`"
                ));
                if let Some(g) = guess {
                    d = d.fix(Fix::unsafe_(
                        format!("Write `#{g}`"),
                        vec![Edit::replace(at, g)],
                    ));
                }
                out.push(d);
            }
        }
    }
}
