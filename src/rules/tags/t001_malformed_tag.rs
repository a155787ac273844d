use super::{body, is_kebab};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::Span;
use crate::syntax::parser::tags_expectation;

pub struct MalformedTag;

static META: RuleMeta = RuleMeta {
    code: "T001",
    name: "malformed-tag",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    summary: "A tag that is not lowercase kebab-case ASCII (`#scaling-law`).",
    doc: r#"
## What it does
Checks that every tag is `#` followed by lowercase ASCII letters and
digits, in words joined by single hyphens: `#rl`, `#scaling-law`,
`#autoregressive-model`. It reports uppercase letters, `_` between words,
doubled or dangling hyphens, a doubled `#`, punctuation after the tag, an
empty tag, letters outside ASCII, and tags written together without a
space (`#moe,#rl`).

The message says what the grammar of a well-formed tag expected where the
tag departs from it, and what it found ("expected a lowercase ASCII letter
or digit, found `S` in tag `#Scaling_Law`"); the finding points at that
character, and a label on the whole tag lists everything wrong with it.

A fullwidth `＃` is `fullwidth-punctuation` (W008); this rule looks only at
what follows the mark.

## Why is this bad?
Tags are how digests are searched and grouped. `#Video_Generation`,
`#video_generation` and `#video-generation` name one topic three ways, and
a search for one misses the others.

## Example
```text
#Scaling_Law #LLM #rl, ##moe
```
becomes
```text
#scaling-law #llm #rl #moe
```

## Fix
Safe where the mapping is clear: letters are lowercased, `_` becomes `-`,
hyphens are tidied, a doubled `#` or a trailing `,` `;` `.` goes, and
tags written together are put apart (`#moe,#rl` becomes `#moe #rl`). A tag
written in camel case (`#ScalingLaw`) gets an unsafe fix to `#scalinglaw`,
since the words might have been meant apart (`#scaling-law`). A tag with
letters outside ASCII (`#확산`, `#café`) or other punctuation has no fix.
"#,
    default_enabled: true,
};

/// What is wrong with a tag's text and, where clear, its repair.
struct Diagnosis {
    reasons: Vec<String>,
    fixed: Option<String>,
    /// The repair may split or join words the author meant otherwise.
    ambiguous: bool,
}

fn diagnose(body: &str) -> Diagnosis {
    let mut reasons = Vec::new();
    let mut fixable = true;
    let mut ambiguous = false;
    let mut text = body;
    if text.starts_with(['#', '＃']) {
        reasons.push("a doubled `#`".to_string());
        text = text.trim_start_matches(['#', '＃']);
    }
    if let Some(c) = text
        .chars()
        .next_back()
        .filter(|c| matches!(c, ',' | ';' | '.'))
    {
        reasons.push(format!("a trailing `{c}`"));
        text = text.trim_end_matches([',', ';', '.']);
    }
    let mut out = String::with_capacity(text.len());
    let (mut upper, mut underscore) = (false, false);
    let mut prev = None::<char>;
    for c in text.chars() {
        match c {
            'a'..='z' | '0'..='9' | '-' => out.push(c),
            'A'..='Z' => {
                upper = true;
                if prev.is_some_and(|p| p.is_ascii_lowercase()) {
                    ambiguous = true;
                }
                out.push(c.to_ascii_lowercase());
            }
            '_' => {
                underscore = true;
                out.push('-');
            }
            _ => {
                if fixable {
                    reasons.push(format!(
                        "`{c}` is not a lowercase ASCII letter, digit or `-`"
                    ));
                }
                fixable = false;
            }
        }
        prev = Some(c);
    }
    if upper {
        reasons.push("uppercase letters".to_string());
    }
    if underscore {
        reasons.push("`_` between words".to_string());
    }
    let words: Vec<&str> = out.split('-').filter(|w| !w.is_empty()).collect();
    let tidy = words.join("-");
    if fixable && tidy != out {
        reasons.push("a doubled or dangling `-`".to_string());
    }
    if tidy.is_empty() && fixable {
        reasons.clear();
        reasons.push("no letters or digits".to_string());
        fixable = false;
    }
    Diagnosis {
        reasons,
        fixed: (fixable && is_kebab(&tidy)).then_some(tidy),
        ambiguous,
    }
}

impl Rule for MalformedTag {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for tags in cx.digest.entries().filter_map(|e| e.tags.as_ref()) {
            for &tag in &tags.tags {
                let (text, start) = body(cx.src, tag);
                if is_kebab(text) {
                    continue;
                }
                if let Some(d) = joined(cx.src, tag, text) {
                    out.push(worded(cx.src, tag, start, d));
                    continue;
                }
                let d = diagnose(text);
                let shown = tag.text(cx.src);
                let mut diag = Diagnostic::new(
                    &META,
                    tag,
                    format!(
                        "tag `{shown}` is not lowercase kebab-case: {}",
                        d.reasons.join(", ")
                    ),
                );
                match d.fixed {
                    Some(fixed) => {
                        let edit = vec![Edit::replace(Span::new(start, tag.end), fixed.as_str())];
                        let message = format!("Write `#{fixed}`");
                        diag = if d.ambiguous {
                            diag.help(format!(
                                "if the words are meant apart, write them with `-`, like `#{}`",
                                camel_to_kebab(text)
                            ))
                            .fix(Fix::unsafe_(message, edit))
                        } else {
                            diag.fix(Fix::safe(message, edit))
                        };
                    }
                    None => {
                        diag = diag.help(
                            "a tag is lowercase ASCII letters and digits in words joined by `-`, like `#scaling-law`",
                        );
                    }
                }
                out.push(worded(cx.src, tag, start, diag));
            }
        }
    }
}

/// `d`, a finding on `tag` (whose text after the mark starts at `start`),
/// worded from what the grammar of a well-formed tags line expected where
/// the tag departs from it: the message says what was expected and found
/// (`expected a lowercase ASCII letter or digit, found `S` in tag
/// `#Scaling_Law``), the primary place is the character found, and the
/// whole tag is a label with the rule's own account of it. The mark is
/// read as `#` (a fullwidth `＃` is W008's business).
fn worded(src: &str, tag: Span, start: usize, mut d: Diagnostic) -> Diagnostic {
    let (body, _) = body(src, tag);
    let line = format!("#{body}");
    let Some(e) = start
        .checked_sub(1)
        .and_then(|at| tags_expectation(&line, at))
        .filter(|e| e.offset >= start && e.offset <= tag.end)
    else {
        return d;
    };
    let former = std::mem::replace(
        &mut d.message,
        format!("{} in tag `{}`", e.message(src), tag.text(src)),
    );
    // The message names the tag; the label says what the rule makes of it.
    let shown = tag.text(src);
    let account = [format!("tag `{shown}` is "), format!("`{shown}` is ")]
        .iter()
        .find_map(|p| former.strip_prefix(p.as_str()))
        .unwrap_or(&former)
        .to_string();
    d.first_label(d.span, account);
    d.span = e.span(src);
    d
}

/// Tags written together without a space (`#moe,#rl`, `#moe#rl`): one
/// finding for the run, fixed by putting the tags apart (each is then
/// judged on its own).
fn joined(src: &str, tag: Span, text: &str) -> Option<Diagnostic> {
    let inner = text.trim_start_matches(['#', '＃']);
    if !inner.contains(['#', '＃']) {
        return None;
    }
    let parts: Vec<&str> = inner
        .split(['#', '＃'])
        .map(|p| p.trim_end_matches([',', ';']))
        .collect();
    if parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let shown = tag.text(src);
    let apart = parts
        .iter()
        .map(|p| format!("#{p}"))
        .collect::<Vec<_>>()
        .join(" ");
    Some(
        Diagnostic::new(
            &META,
            tag,
            format!("`{shown}` is {} tags written together", parts.len()),
        )
        .fix(Fix::safe(
            format!("Write `{apart}`"),
            vec![Edit::replace(tag, apart.as_str())],
        )),
    )
}

/// `ScalingLaw_v2` → `scaling-law-v2`: a guess at the words of a camel-case
/// tag, for the help text.
fn camel_to_kebab(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 4);
    let mut prev = None::<char>;
    for c in body.trim_start_matches(['#', '＃']).chars() {
        if c.is_ascii_uppercase() && prev.is_some_and(|p| p.is_ascii_lowercase()) {
            out.push('-');
        }
        match c {
            '_' => out.push('-'),
            c if c.is_ascii_alphanumeric() || c == '-' => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs() {
        let fixed = |s: &str| diagnose(s).fixed;
        assert_eq!(fixed("Scaling_Law").as_deref(), Some("scaling-law"));
        assert_eq!(
            fixed("video_generation").as_deref(),
            Some("video-generation")
        );
        assert_eq!(fixed("LLM").as_deref(), Some("llm"));
        assert_eq!(fixed("#moe").as_deref(), Some("moe"));
        assert_eq!(fixed("rl,").as_deref(), Some("rl"));
        assert_eq!(fixed("a--b-").as_deref(), Some("a-b"));
        assert_eq!(fixed("확산"), None);
        assert_eq!(fixed("café"), None);
        assert_eq!(fixed("gpt-4.5"), None);
        assert_eq!(fixed(""), None);
        assert_eq!(fixed("_"), None);
        assert!(diagnose("ScalingLaw").ambiguous);
        assert!(!diagnose("Scaling_Law").ambiguous);
        assert_eq!(camel_to_kebab("ScalingLaw"), "scaling-law");
        // Underscores become hyphens, hyphens stay, other marks go.
        assert_eq!(camel_to_kebab("ScalingLaw_v2"), "scaling-law-v2");
        assert_eq!(camel_to_kebab("Scaling-Law!v2"), "scaling-lawv2");
    }
}
