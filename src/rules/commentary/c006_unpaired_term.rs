use super::c007_misspelling::distance;
use super::lines_span;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::{Digest, Span};

pub struct UnpairedTerm;

static META: RuleMeta = RuleMeta {
    code: "C006",
    name: "unpaired-term",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    default_enabled: false,
    summary: "An acronym or named model, method or dataset in the Korean paragraph that its English partner lacks or names differently.",
    doc: r#"
## What it does
Reads the terms a Korean paragraph writes in Latin script, the acronyms
and names with two capitals or a version number (`GRPO`, `KV`, `DeepSeek`,
`Qwen2.5`, `BPC`), and reports one that its English partner paragraph
(paragraph *i* with paragraph *i*) does not name. When the English names a
term the Korean lacks, the message says so: the English may have named a
different scheme in its place.

A term counts as named when the English writes it in any case, with or
without spaces, dots or hyphens (`Qwen 2.5`), in the plural (`LLMs`), or
spelled out, the initials of consecutive words (`key-value` for `KV`,
`reinforcement learning` for `RL`). A term that the English writes with a
slip (`DeepSeekMode`) is `misspelling` (`C007`), not this rule.

Only the Korean side is read: the Korean often writes an English name in
Hangul (`바이트댄스` for `ByteDance`), which cannot be matched.

Off by default: on the shared corpus 5 of its 7 findings are omissions a
careful author would fix (`BPC` in Korean, `BPE` in English; a dropped
`LR`), and 2 are paraphrase (`FFN` translated as `experts`), under the
nine in ten that a rule on by default must reach. Enable it with
`--select C006` (or `unpaired-term`) when reviewing a translation.

## Why is this bad?
The Korean and the English are one note in two languages. A term in one
only, or a different term in each, leaves the reader of one language
without the name to search for, or with a wrong one.

## Example
```text
KV 캐시를 GQA와 MQA로 줄인 가상의 방법.
A made-up method that shrinks the key-value cache with GQA and MLA.
```
`MQA` is missing from the English, which names `MLA` instead.

## Fix
None: only the author knows which term is meant.
"#,
};

/// One term: its span and text.
struct Term<'s> {
    span: Span,
    text: &'s str,
}

/// The Latin-script terms of `lines`: runs of letters and digits (with
/// inner `.` and `-`) that hold two capitals, or a capital and a digit
/// after a letter (`Qwen2.5`, `R1`), outside links.
fn terms<'s>(digest: &Digest<'s>, lines: &[usize]) -> Vec<Term<'s>> {
    let mut out = Vec::new();
    for &l in lines {
        let Some(line) = digest.lines.get(l) else {
            continue;
        };
        let text = line.text.text(digest.src);
        let b = text.as_bytes();
        let base = line.text.start;
        let mut i = 0;
        while i < b.len() {
            if !b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() {
                let c = b.get(i).copied().unwrap_or(b' ');
                let inner = matches!(c, b'.' | b'-')
                    && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric)
                    && i > start;
                if c.is_ascii_alphanumeric() || inner {
                    i += 1;
                } else {
                    break;
                }
            }
            let Some(t) = text.get(start..i) else {
                continue;
            };
            let in_link = crate::syntax::links::in_links(&line.links, base + start);
            let upper = t.bytes().filter(u8::is_ascii_uppercase).count();
            let digit = t.bytes().any(|c| c.is_ascii_digit());
            let starts_letter = t.starts_with(|c: char| c.is_ascii_alphabetic());
            if !in_link && starts_letter && (upper >= 2 || (upper >= 1 && digit)) {
                out.push(Term {
                    span: Span::new(base + start, base + i),
                    text: t,
                });
            }
        }
    }
    out
}

/// Lowercase letters and digits only.
fn squash(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether the English text names `term`.
fn named_in(term: &str, english: &str, english_squashed: &str) -> bool {
    let t = squash(term);
    if t.is_empty() || english_squashed.contains(&t) {
        return true;
    }
    // The plural written on the Korean side (`LLMs`) against `LLM`.
    if let Some(singular) = t.strip_suffix('s')
        && singular.len() >= 2
        && english_squashed.contains(singular)
    {
        return true;
    }
    // Spelled out: the capitals are the initials of consecutive words.
    let initials: Vec<u8> = term
        .bytes()
        .filter(u8::is_ascii_uppercase)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if initials.len() < 2 {
        return false;
    }
    let words: Vec<u8> = english
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter_map(|w| w.bytes().next())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    words
        .windows(initials.len())
        .any(|w| w == initials.as_slice())
}

/// Whether the English holds a slip of the term (`DeepSeekMode` for
/// `DeepSeekMoE`), which `misspelling` reports.
fn slip_in(term: &str, english_terms: &[Term<'_>]) -> bool {
    let t = squash(term);
    english_terms.iter().any(|e| {
        let s = squash(e.text);
        s.get(..1) == t.get(..1)
            && t.len().min(s.len()) >= 4
            && distance(t.as_bytes(), s.as_bytes(), 2).is_some()
    })
}

impl Rule for UnpairedTerm {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        for (_, commentary) in cx.commentaries() {
            let Some(commentary) = commentary else {
                continue;
            };
            for pair in commentary.pairs() {
                if pair.whole {
                    // Blocks that do not pair line by line (E006) are not
                    // compared term by term.
                    continue;
                }
                let korean = terms(digest, pair.korean);
                if korean.is_empty() {
                    continue;
                }
                let english_text: String = pair
                    .english
                    .iter()
                    .map(|&l| digest.line_text(l))
                    .collect::<Vec<_>>()
                    .join(" ");
                let english_squashed = squash(&english_text);
                let english = terms(digest, pair.english);
                let korean_squashed = squash(
                    &pair
                        .korean
                        .iter()
                        .map(|&l| digest.line_text(l))
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                // Terms the English has and the Korean lacks.
                let only_english: Vec<&str> = english
                    .iter()
                    .filter(|e| !korean_squashed.contains(&squash(e.text)))
                    .map(|e| e.text)
                    .collect();
                let mut seen: rustc_hash::FxHashSet<String> = Default::default();
                for term in &korean {
                    if !seen.insert(squash(term.text)) {
                        continue;
                    }
                    if named_in(term.text, &english_text, &english_squashed)
                        || slip_in(term.text, &english)
                    {
                        continue;
                    }
                    let mut message = format!(
                        "`{}` is in the Korean paragraph but not in the English paragraph",
                        term.text
                    );
                    // A term of the same shape that only the English has
                    // (`MLA` for `MQA`) is likely what it wrote instead.
                    let shape = |t: &str| {
                        (
                            t.bytes().all(|c| !c.is_ascii_lowercase()),
                            t.bytes().any(|c| c.is_ascii_digit()),
                        )
                    };
                    let alike: Vec<&&str> = only_english
                        .iter()
                        .filter(|o| {
                            shape(o) == shape(term.text) && o.len().abs_diff(term.text.len()) <= 1
                        })
                        .collect();
                    if let [other] = alike.as_slice() {
                        message.push_str(&format!(", which names `{other}` instead"));
                    }
                    out.push(
                        Diagnostic::new(&META, term.span, message)
                            .label(
                                lines_span(digest, pair.english),
                                "the English paragraph does not name it",
                            )
                            .help(format!(
                                "name `{}` in the English paragraph too (spelled out or in the plural counts)",
                                term.text
                            )),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(term: &str, english: &str) -> bool {
        named_in(term, english, &squash(english))
    }

    #[test]
    fn terms_keep_their_inner_dots_and_hyphens() {
        let src = "2025년 4월 25일\nA Title\n(Ann Lee)\nQwen2.5와 GPT-4o를 비교한 -R1- 실험 (https://example.org/Qwen3 참고).\nEnglish.\n#x\n";
        let digest = crate::syntax::parse(src);
        let found: Vec<&str> = terms(&digest, &[3]).iter().map(|t| t.text).collect();
        // `Qwen3` is in a link.
        assert_eq!(found, ["Qwen2.5", "GPT-4o", "R1"]);
    }

    /// C006's messages on a digest whose one entry has `korean` and
    /// `english` as its commentary.
    fn messages(korean: &str, english: &str) -> Vec<String> {
        let src = format!("2025년 4월 25일\nA Title\n(Ann Lee)\n{korean}\n{english}\n#x\n");
        crate::lint::check(&src, None, &crate::rules::only(&["C006"]))
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn a_term_of_the_same_shape_is_named_as_the_likely_stand_in() {
        assert_eq!(
            messages("MQA를 쓴다.", "It uses MLA."),
            [
                "`MQA` is in the Korean paragraph but not in the English paragraph, which names `MLA` instead"
            ]
        );
        // `SWIGLU` has the shape but not the length (within one letter).
        assert_eq!(
            messages("MQA를 쓴다.", "It uses MLA and SWIGLU."),
            [
                "`MQA` is in the Korean paragraph but not in the English paragraph, which names `MLA` instead"
            ]
        );
        // `MlA` is not all capitals: not the same shape.
        assert_eq!(
            messages("MQA를 쓴다.", "It uses MlA."),
            ["`MQA` is in the Korean paragraph but not in the English paragraph"]
        );
    }

    #[test]
    fn a_slip_in_the_english_is_left_to_c007() {
        let english = |text: &'static str| Term {
            span: Span::new(0, text.len()),
            text,
        };
        assert!(slip_in("DeepSeekMoE", &[english("DeepSeekMode")]));
        assert!(!slip_in("DeepSeekMoE", &[english("EeepSeekMoE")]));
        assert!(!slip_in("GRPO", &[english("PPO")]));
        assert!(messages("DeepSeekMoE를 쓴다.", "It uses DeepSeekMode.").is_empty());
    }

    #[test]
    fn spelled_out_plural_and_spacing_count() {
        assert!(named("GQA", "grouped query attention"));
        assert!(named("KV", "a smaller key-value cache"));
        assert!(named("RL", "with reinforcement learning"));
        assert!(named("LLM", "three LLMs"));
        assert!(named("LLMs", "one LLM"));
        assert!(named("Qwen2.5", "based on Qwen 2.5"));
        assert!(named("GRPO", "unlike grpo"));
        assert!(!named("MQA", "with GQA and MLA"));
        assert!(!named("BPC", "code BPE and performance"));
    }
}
