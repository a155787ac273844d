use super::c007_misspelling::{FormIndex, distance};
use super::{IndexAfterSearches, lines_span};
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

/// Whether a text holds a string anywhere: the first questions are
/// searches; past [`IndexAfterSearches::SEARCHES`], the text's pieces of
/// each length asked are read once into a sorted list of their hashes,
/// so that a paragraph of thousands of terms is not searched once per
/// term.
struct Holds<'t> {
    text: &'t [u8],
    /// Counts the searches; past them, the pieces answer.
    searched: IndexAfterSearches<()>,
    /// Per length: (hash, start) of every piece of the text of that length.
    pieces: rustc_hash::FxHashMap<usize, Vec<(u64, usize)>>,
}

impl<'t> Holds<'t> {
    fn new(text: &'t [u8]) -> Self {
        Holds {
            text,
            searched: IndexAfterSearches::new(),
            pieces: rustc_hash::FxHashMap::default(),
        }
    }

    fn holds(&mut self, needle: &[u8]) -> bool {
        let text = self.text;
        if needle.is_empty() {
            return true;
        }
        if needle.len() > text.len() {
            return false;
        }
        if self.searched.get(|| ()).is_none() {
            return memchr::memmem::find(text, needle).is_some();
        }
        let pieces = self
            .pieces
            .entry(needle.len())
            .or_insert_with(|| pieces_of(text, needle.len()));
        let h = piece_hash(needle);
        let from = pieces.partition_point(|&(p, _)| p < h);
        pieces
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&(p, _)| p == h)
            .any(|&(_, at)| text.get(at..at + needle.len()) == Some(needle))
    }
}

/// The hash of a piece of text ([`Holds`]): one multiply per byte, so that
/// the pieces of one length are hashed as a window moving along the text.
const PIECE_K: u64 = 0x9e37_79b9_7f4a_7c15;

fn piece_hash(piece: &[u8]) -> u64 {
    piece.iter().fold(0u64, |h, &c| {
        h.wrapping_mul(PIECE_K).wrapping_add(u64::from(c))
    })
}

/// (hash, start) of every piece of `text` of `len` bytes, sorted: each
/// hash from the one before by taking the leaving byte out and the
/// entering byte in.
fn pieces_of(text: &[u8], len: usize) -> Vec<(u64, usize)> {
    let mut out = Vec::with_capacity(text.len().saturating_sub(len) + 1);
    let Some(first) = text.get(..len) else {
        return out;
    };
    // PIECE_K to the power len - 1: the weight of a piece's first byte.
    let top = (1..len).fold(1u64, |p, _| p.wrapping_mul(PIECE_K));
    let mut h = piece_hash(first);
    out.push((h, 0));
    for (at, (&leaving, &entering)) in text
        .iter()
        .zip(text.get(len..).unwrap_or_default())
        .enumerate()
    {
        h = h
            .wrapping_sub(u64::from(leaving).wrapping_mul(top))
            .wrapping_mul(PIECE_K)
            .wrapping_add(u64::from(entering));
        out.push((h, at + 1));
    }
    out.sort_unstable();
    out
}

/// What a pair's English is read into once, for every term of the Korean.
struct English<'s> {
    /// The English text squashed (see [`squash`]).
    squashed: Holds<'s>,
    /// The first letters of its words, in lower case, in order: a term
    /// spelled out has its capitals as consecutive initials.
    initials: Holds<'s>,
    /// Its terms squashed, and an index of their forms once there are many.
    terms: Vec<String>,
    forms: Option<FormIndex>,
}

/// Past this many English terms, [`English::slip_of`] asks a [`FormIndex`].
const SLIP_INDEX_FROM: usize = 32;

impl English<'_> {
    /// Whether the English names `term`.
    fn names(&mut self, term: &str) -> bool {
        let t = squash(term);
        if t.is_empty() || self.squashed.holds(t.as_bytes()) {
            return true;
        }
        // The plural written on the Korean side (`LLMs`) against `LLM`.
        if let Some(singular) = t.strip_suffix('s')
            && singular.len() >= 2
            && self.squashed.holds(singular.as_bytes())
        {
            return true;
        }
        // Spelled out: the capitals are the initials of consecutive words.
        let initials: Vec<u8> = term
            .bytes()
            .filter(u8::is_ascii_uppercase)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        initials.len() >= 2 && self.initials.holds(&initials)
    }

    /// Whether the English holds a slip of the term (`DeepSeekMode` for
    /// `DeepSeekMoE`), which `misspelling` reports.
    fn slips(&mut self, term: &str) -> bool {
        let t = squash(term);
        let slip = |s: &String| {
            s.get(..1) == t.get(..1)
                && t.len().min(s.len()) >= 4
                && distance(t.as_bytes(), s.as_bytes(), 2).is_some()
        };
        if self.terms.len() <= SLIP_INDEX_FROM {
            return self.terms.iter().any(slip);
        }
        let terms = &self.terms;
        let forms = self.forms.get_or_insert_with(|| {
            FormIndex::new(terms.iter().map(|s| s.as_bytes()).enumerate(), 0)
        });
        let mut near = Vec::new();
        forms.near(t.as_bytes(), 0, &mut near);
        near.iter().filter_map(|&i| terms.get(i)).any(slip)
    }
}

/// Whether the English text names `term` (one question, for tests).
#[cfg(test)]
fn named_in(term: &str, english: &str, english_squashed: &str) -> bool {
    let initials = initials_of(english);
    English {
        squashed: Holds::new(english_squashed.as_bytes()),
        initials: Holds::new(&initials),
        terms: Vec::new(),
        forms: None,
    }
    .names(term)
}

/// The first letters of the words of `text` (runs of ASCII letters), in
/// lower case.
fn initials_of(text: &str) -> Vec<u8> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter_map(|w| w.bytes().next())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A term's shape: all capitals (and digits), and whether it holds a digit.
fn shape(t: &str) -> (bool, bool) {
    (
        t.bytes().all(|c| !c.is_ascii_lowercase()),
        t.bytes().any(|c| c.is_ascii_digit()),
    )
}

/// The terms only the English has, by shape and length: how many, and
/// the first.
struct Alike<'s>(rustc_hash::FxHashMap<AlikeKey, (usize, &'s str)>);

/// A term's shape and length.
type AlikeKey = ((bool, bool), usize);

impl<'s> Alike<'s> {
    fn new(only_english: &[&'s str]) -> Self {
        let mut by = rustc_hash::FxHashMap::default();
        for &o in only_english {
            by.entry((shape(o), o.len())).or_insert((0, o)).0 += 1;
        }
        Alike(by)
    }

    /// The one term of the English of the same shape as `term` and within
    /// one letter of its length, when there is exactly one.
    fn only(&self, term: &str) -> Option<&'s str> {
        let mut found = None;
        let mut count = 0;
        for len in term.len().saturating_sub(1)..=term.len() + 1 {
            if let Some(&(n, first)) = self.0.get(&(shape(term), len)) {
                count += n;
                found = Some(first);
            }
        }
        found.filter(|_| count == 1)
    }
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
                let english_initials = initials_of(&english_text);
                let english_terms = terms(digest, pair.english);
                let korean_squashed = squash(
                    &pair
                        .korean
                        .iter()
                        .map(|&l| digest.line_text(l))
                        .collect::<Vec<_>>()
                        .join(" "),
                );
                // Terms the English has and the Korean lacks.
                let mut korean_holds = Holds::new(korean_squashed.as_bytes());
                let only_english: Vec<&str> = english_terms
                    .iter()
                    .filter(|e| !korean_holds.holds(squash(e.text).as_bytes()))
                    .map(|e| e.text)
                    .collect();
                let alike = Alike::new(&only_english);
                let mut english = English {
                    squashed: Holds::new(english_squashed.as_bytes()),
                    initials: Holds::new(&english_initials),
                    terms: english_terms.iter().map(|e| squash(e.text)).collect(),
                    forms: None,
                };
                let mut seen: rustc_hash::FxHashSet<String> = Default::default();
                for term in &korean {
                    if !seen.insert(squash(term.text)) {
                        continue;
                    }
                    if english.names(term.text) || english.slips(term.text) {
                        continue;
                    }
                    let mut message = format!(
                        "`{}` is in the Korean paragraph but not in the English paragraph",
                        term.text
                    );
                    // A term of the same shape that only the English has
                    // (`MLA` for `MQA`) is likely what it wrote instead.
                    if let Some(other) = alike.only(term.text) {
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
        crate::rules::pair_messages(&["C006"], korean, english)
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
        // One letter shorter is alike too.
        assert_eq!(
            messages("MQA를 쓴다.", "It uses ML."),
            [
                "`MQA` is in the Korean paragraph but not in the English paragraph, which names `ML` instead"
            ]
        );
        // Two alike (of one length or of two): neither is named as the
        // stand-in.
        for english in ["It uses MLA and GQA.", "It uses ML and MLAX."] {
            assert_eq!(
                messages("MQA를 쓴다.", english),
                ["`MQA` is in the Korean paragraph but not in the English paragraph"],
                "{english}"
            );
        }
        // `MlA` is not all capitals: not the same shape.
        assert_eq!(
            messages("MQA를 쓴다.", "It uses MlA."),
            ["`MQA` is in the Korean paragraph but not in the English paragraph"]
        );
    }

    /// Whether the English terms `english` hold a slip of `term`.
    fn slip_in(term: &str, english: &[&str]) -> bool {
        English {
            squashed: Holds::new(b""),
            initials: Holds::new(b""),
            terms: english.iter().map(|e| squash(e)).collect(),
            forms: None,
        }
        .slips(term)
    }

    #[test]
    fn a_slip_in_the_english_is_left_to_c007() {
        assert!(slip_in("DeepSeekMoE", &["DeepSeekMode"]));
        assert!(!slip_in("DeepSeekMoE", &["EeepSeekMoE"]));
        assert!(!slip_in("GRPO", &["PPO"]));
        assert!(messages("DeepSeekMoE를 쓴다.", "It uses DeepSeekMode.").is_empty());
        // Among many English terms (read through the index): the same.
        let many: Vec<String> = (0..2 * SLIP_INDEX_FROM)
            .map(|i| format!("Zq{i}X"))
            .collect();
        let with = |last: &'static str| {
            let mut terms: Vec<&str> = many.iter().map(String::as_str).collect();
            terms.push(last);
            terms
        };
        assert!(slip_in("DeepSeekMoE", &with("DeepSeekMode")));
        assert!(slip_in("DeepSeekMoE", &with("DepSeekMo")));
        assert!(!slip_in("DeepSeekMoE", &with("EeepSeekMoE")));
        assert!(!slip_in("GRPO", &with("PPO")));
    }

    proptest::proptest! {
        /// Past its searches, `Holds` answers from the pieces of the text
        /// as a search would.
        #[test]
        fn holds_agrees_with_a_search(
            text in "[abk-]{0,40}",
            asks in proptest::collection::vec("[abk-]{0,5}", 20..40),
        ) {
            let mut holds = Holds::new(text.as_bytes());
            for ask in &asks {
                proptest::prop_assert_eq!(holds.holds(ask.as_bytes()), text.contains(ask.as_str()), "{}", ask);
            }
        }

        /// The slips found among many terms (through the index) are those
        /// found term by term.
        #[test]
        fn slips_among_many_terms_are_found_as_one_by_one(
            term in "[ab][abk]{2,9}",
            terms in proptest::collection::vec("[ab][abk]{1,10}", 0..80),
        ) {
            let one_by_one = terms.iter().any(|e| slip_in(&term, &[e.as_str()]));
            let together: Vec<&str> = terms.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(slip_in(&term, &together), one_by_one);
        }
    }

    /// Whether a text holds a string: the same answer by search and, past
    /// the searches, from the pieces of each length.
    #[test]
    fn holds_answers_as_a_search_does() {
        let text = b"abracadabra-kv-cache";
        let mut holds = Holds::new(text);
        let asks: [&[u8]; 10] = [
            b"abra",
            b"cad",
            b"",
            b"kv-c",
            b"bracx",
            b"a",
            b"che",
            b"zz",
            b"abracadabra-kv-cachex",
            b"abracadabra-kv-cache",
        ];
        for round in 0..4 {
            for ask in asks {
                let want = ask.is_empty() || text.windows(ask.len()).any(|w| w == ask);
                assert_eq!(
                    holds.holds(ask),
                    want,
                    "{round}: {:?}",
                    std::str::from_utf8(ask)
                );
            }
        }
        assert!(holds.pieces.len() >= 5, "the pieces were read");
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
