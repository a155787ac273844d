//! C002 is one piece, over the size of most files: its reader of numbers
//! (units, fractions, number words in both languages) serves only this
//! rule, and a rule keeps its check, fix, documentation and tests together.

use super::{holds_copy, lines_span, side_name};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::links::SkipLinks;
use crate::syntax::{Digest, Link, Span, text};
use std::collections::VecDeque;

pub struct UnpairedNumber;

static META: RuleMeta = RuleMeta {
    code: "C002",
    name: "unpaired-number",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "A number in one language's commentary that the other lacks.",
    doc: r#"
## What it does
Compares the figures of each Korean paragraph with those of its English
partner (paragraph *i* with paragraph *i*, or the whole blocks when their
paragraph counts differ) and reports a figure that only one of the two has.
When each side has one figure the other lacks, both are reported together
(`37B` in Korean, `32B` in English).

A figure is a quantity worth translating: a number with a unit (`79.2%`,
`2.7B`, `16K`, `8x`, `3배`, `1억`), a price (`$0.15`), a decimal (`0.5`),
a grouped number (`1,600`), a size (`2048x2048`), a power (`2^32`), or a
whole number of at least 10 (`80 프레임`). Left out, because the two
languages write them differently or they are names rather than
quantities: whole numbers below 10 (`3개`, list items `1)`), the parts
of a fraction (`1/10`, which English often writes as `a tenth`), years
(`2024`), numbers inside words and model names (`H100`, `GPT-4o`, `R1`,
`FP8`, `Qwen2.5`), versions after a capitalised name (`Llama 3`,
`Gemini 1.5`), arXiv identifiers (`arXiv:2401.04088`) and everything inside
links.

Matching is lenient: `1,600` matches `1600`, `79.2 %` matches `79.2%`, `16K`
matches `16k` and `16,000`, `1억` matches `100M`, and the same value with any
unit counts as present. The English words `two` to `ten`, `twice`,
`double`, `triple`, `twofold` to `fivefold`, `tenfold`, `an order of
magnitude`, `hundred`, `thousand`, `million` and `billion` and the Korean
`두 배` to `열 배` match their numbers, so `2배` and `twice` agree.

A pair where one paragraph copies another entry's is left to
`copied-commentary` (C005) while that rule runs: the copy is the defect.

## Why is this bad?
A figure present in one language only was dropped in translation, and two
different figures (`37B` against `32B`) mean one of them is wrong.

## Example
```text
37B 활성 파라미터의 MoE 모델.
An MoE model with 32B active parameters.
```
is reported as `37B` in Korean against `32B` in English.

## Fix
None: only the author knows which figure is right.
"#,
    default_enabled: true,
};

/// What follows a number's digits.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    None,
    Percent,
    /// `8x`, `3배`.
    Times,
    /// `16K`, `2.7B`, `1억`: the factor.
    Scale(f64),
    /// `$0.15`.
    Money,
    /// `2048x2048`: `scaled` holds the product of the sides.
    Size,
    /// `2^32`: `scaled` holds the power.
    Power,
}

#[derive(Clone, Copy, Debug)]
struct Number {
    span: Span,
    /// The value as written (`16` for `16K`, the first side of a size).
    mantissa: f64,
    /// The value with its scale applied (`16000` for `16K`).
    scaled: f64,
    unit: Unit,
    /// Whether a missing partner is worth reporting. Other numbers only
    /// serve as partners.
    significant: bool,
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

impl Number {
    /// Whether two numbers say the same figure: what [`Matcher`] asks of
    /// many numbers at once.
    fn matches(&self, other: &Number) -> bool {
        match (self.unit, other.unit) {
            (Unit::Size, Unit::Size) | (Unit::Power, Unit::Power) => {
                close(self.scaled, other.scaled)
            }
            _ => close(self.mantissa, other.mantissa) || close(self.scaled, other.scaled),
        }
    }
}

/// Capitalised words after which a small number is still a quantity
/// (`About 1.5`), not a version (`Gemini 1.5`).
const NOT_NAMES: &[&str] = &[
    "The", "About", "Only", "Over", "Under", "With", "Around", "Nearly", "Almost", "Up", "By",
];

/// English number words, matched but never required.
const EN_WORDS: &[(&str, f64)] = &[
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("twice", 2.0),
    ("double", 2.0),
    ("doubled", 2.0),
    ("doubles", 2.0),
    ("triple", 3.0),
    ("tripled", 3.0),
    ("thrice", 3.0),
    ("quadruple", 4.0),
    ("twofold", 2.0),
    ("threefold", 3.0),
    ("fourfold", 4.0),
    ("fivefold", 5.0),
    ("tenfold", 10.0),
    // `an order of magnitude`: ten times.
    ("magnitude", 10.0),
    ("twenty", 20.0),
    ("hundred", 100.0),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
];

/// For each first letter `a`..`z` and length under 16, the last letters
/// of the [`EN_WORDS`] of that first letter and length, as bits (`a` bit
/// 0): a word whose first letter, length and last letter match no entry
/// (nearly every word of a paragraph: `the` is not `two` or `ten`) is not
/// looked up in the list.
const EN_WORD_SHAPES: [[u32; 16]; 26] = {
    let mut shapes = [[0u32; 16]; 26];
    let mut i = 0;
    while i < EN_WORDS.len() {
        let word = EN_WORDS[i].0.as_bytes();
        let last = word[word.len() - 1] - b'a';
        shapes[(word[0] - b'a') as usize][word.len()] |= 1 << last;
        i += 1;
    }
    shapes
};

/// Whether some [`EN_WORDS`] entry has the first letter, the length and
/// the last letter (any case) of `word` (ASCII letters).
fn may_be_number_word(word: &[u8]) -> bool {
    let (Some(&first), Some(&last)) = (word.first(), word.last()) else {
        return false;
    };
    let letter = |c: u8| (c | 0x20).wrapping_sub(b'a');
    EN_WORD_SHAPES
        .get(usize::from(letter(first)))
        .and_then(|lengths| lengths.get(word.len()))
        .is_some_and(|lasts| lasts.checked_shr(u32::from(letter(last))).unwrap_or(0) & 1 == 1)
}

/// Korean native numerals before `배` (times): `두 배` is `2x`.
const KO_TIMES: &[(&str, f64)] = &[
    ("두", 2.0),
    ("세", 3.0),
    ("네", 4.0),
    ("다섯", 5.0),
    ("여섯", 6.0),
    ("일곱", 7.0),
    ("여덟", 8.0),
    ("아홉", 9.0),
    ("열", 10.0),
];

/// English scale words after a number (`1.5 million`).
const EN_SCALES: &[(&str, f64)] = &[
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
];

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

/// Reads digits with optional `,ddd` groups and one `.ddd` fraction from
/// `b[i..]`. Returns (end, value, has_fraction, has_groups, dots).
fn read_digits(b: &[u8], mut i: usize) -> (usize, f64, bool, bool, usize) {
    let mut value = 0.0f64;
    let mut scale = 0.0f64;
    let (mut fraction, mut groups, mut dots) = (false, false, 0);
    while let Some(&c) = b.get(i) {
        if c.is_ascii_digit() {
            let d = f64::from(c - b'0');
            if scale > 0.0 {
                value += d * scale;
                scale /= 10.0;
            } else {
                value = value * 10.0 + d;
            }
            i += 1;
        } else if c == b','
            && !fraction
            && b.get(i + 1..i + 4)
                .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            groups = true;
            i += 1;
        } else if c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            dots += 1;
            fraction = true;
            scale = 0.1;
            i += 1;
        } else {
            break;
        }
    }
    (i, value, fraction, groups, dots)
}

/// Whether `text[..end]` ends with a capitalised Latin word and one space:
/// the name in `Llama 3`.
fn after_name(text: &str, end: usize) -> bool {
    let Some(before) = text.get(..end).and_then(|t| t.strip_suffix(' ')) else {
        return false;
    };
    let word_start = before
        .bytes()
        .rposition(|b| !b.is_ascii_alphabetic())
        .map_or(0, |p| p + 1);
    let word = before.get(word_start..).unwrap_or("");
    word.len() >= 2
        && word.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
        && !NOT_NAMES.contains(&word)
}

/// The unit written right after the digits at `text[i..]` and where it ends.
fn read_unit(text: &str, i: usize) -> (Unit, usize) {
    let b = text.as_bytes();
    let rest = text.get(i..).unwrap_or("");
    let letter_after = |at: usize| b.get(at).is_some_and(|&c| is_word_byte(c));
    // `79.2 %`, `3 배`, `1.5 million`: one space before the unit.
    if let Some(spaced) = rest.strip_prefix(' ') {
        if spaced.starts_with('%') {
            return (Unit::Percent, i + 2);
        }
        if spaced.starts_with('배') {
            return (Unit::Times, i + 1 + '배'.len_utf8());
        }
        for (word, factor) in EN_SCALES {
            if spaced
                .get(..word.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(word))
                && !letter_after(i + 1 + word.len())
            {
                return (Unit::Scale(*factor), i + 1 + word.len());
            }
        }
        return (Unit::None, i);
    }
    let mut chars = rest.chars();
    let Some(c) = chars.next() else {
        return (Unit::None, i);
    };
    let end = i + c.len_utf8();
    match c {
        '%' => (Unit::Percent, end),
        'x' | 'X' | '×' if !letter_after(end) => (Unit::Times, end),
        'k' | 'K' if !letter_after(end) => (Unit::Scale(1e3), end),
        'm' | 'M' if !letter_after(end) => (Unit::Scale(1e6), end),
        'b' | 'B' if !letter_after(end) => (Unit::Scale(1e9), end),
        't' | 'T' if !letter_after(end) => (Unit::Scale(1e12), end),
        '배' => (Unit::Times, end),
        '만' => (Unit::Scale(1e4), end),
        '억' => (Unit::Scale(1e8), end),
        '조' => (Unit::Scale(1e12), end),
        _ => (Unit::None, i),
    }
}

/// Finds the numbers of one line. `base` is the line's position in the
/// source; the line's links are skipped.
fn scan_line(text: &str, base: usize, links: &[Link], out: &mut Vec<Number>) {
    let b = text.as_bytes();
    let mut skip = SkipLinks::new(links, base);
    let mut i = 0;
    while i < b.len() {
        if let Some(after) = skip.past_link(i) {
            i = after;
            continue;
        }
        let Some(&c) = b.get(i) else { break };
        if !c.is_ascii_digit() {
            // On to the next digit; a link passed on the way is skipped
            // above, as it would have been one byte at a time.
            i = b
                .get(i..)
                .and_then(text::find_ascii_digit)
                .map_or(b.len(), |p| i + p);
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| b.get(p)).copied();
        let money = prev == Some(b'$');
        let before = if money {
            i.checked_sub(2)
        } else {
            i.checked_sub(1)
        }
        .and_then(|p| b.get(p))
        .copied();
        let before2 = i.checked_sub(2).and_then(|p| b.get(p)).copied();
        let attached = match before {
            Some(p) if p.is_ascii_alphanumeric() => true,
            Some(b'_' | b'.' | b'@' | b'^') => true,
            Some(b'-') => before2.is_some_and(|p| p.is_ascii_alphabetic()),
            _ => false,
        };
        // The denominator of `1/10`: English writes fractions as words
        // (`a tenth`), so neither side of one is required.
        let denominator = prev == Some(b'/') && before2.is_some_and(|p| p.is_ascii_digit());
        let numerator = {
            let (e, ..) = read_digits(b, i);
            b.get(e) == Some(&b'/') && b.get(e + 1).is_some_and(u8::is_ascii_digit)
        };
        let (digits_end, value, fraction, groups, dots) = read_digits(b, i);
        let mut end = digits_end;
        let mantissa = value;
        let mut scaled = value;
        let unit;
        if b.get(end) == Some(&b'^') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
            let (e_end, exponent, ..) = read_digits(b, end + 1);
            scaled = value.powf(exponent);
            end = e_end;
            unit = Unit::Power;
        } else if matches!(text.get(end..), Some(r) if (r.starts_with(['x', 'X', '×']))
            && r.chars().nth(1).is_some_and(|d| d.is_ascii_digit()))
        {
            // A size: sides joined by `x`.
            let mut product = value;
            while let Some(r) = text.get(end..) {
                let Some(sep) = r.chars().next().filter(|c| matches!(c, 'x' | 'X' | '×')) else {
                    break;
                };
                let next = end + sep.len_utf8();
                if !b.get(next).is_some_and(u8::is_ascii_digit) {
                    break;
                }
                let (side_end, side, ..) = read_digits(b, next);
                product *= side;
                end = side_end;
            }
            scaled = product;
            unit = Unit::Size;
        } else {
            let (u, unit_end) = read_unit(text, end);
            // `1/3만`: after a fraction `만` is the particle "only".
            let only = denominator && text.get(end..).is_some_and(|r| r.starts_with('만'));
            if !only {
                unit = u;
                end = unit_end;
                if let Unit::Scale(f) = u {
                    scaled = value * f;
                }
            } else {
                unit = Unit::None;
            }
        }
        let unit = if money && unit == Unit::None {
            Unit::Money
        } else {
            unit
        };
        let trailing_word = b.get(end).is_some_and(|&c| is_word_byte(c));
        let start = if money { i.saturating_sub(1) } else { i };
        // `2401.04088` (`arXiv:2401.04088`, a link without its scheme): an
        // identifier, not a quantity.
        let arxiv_id = unit == Unit::None
            && text.get(i..digits_end).is_some_and(|d| {
                d.split_once('.').is_some_and(|(yymm, n)| {
                    yymm.len() == 4 && (4..=5).contains(&n.len()) && !groups
                })
            });
        let name = attached || trailing_word || dots > 1 || arxiv_id;
        let whole = !fraction && !groups;
        let year = whole
            && unit == Unit::None
            && digits_end - i == 4
            && (1900.0..=2039.0).contains(&value);
        let version =
            unit == Unit::None && !money && value < 10.0 && !groups && after_name(text, start);
        let part_of_fraction = (numerator || denominator) && unit == Unit::None && !money;
        let significant = !name
            && !part_of_fraction
            && !year
            && !version
            && (unit != Unit::None || fraction || groups || value >= 10.0);
        out.push(Number {
            span: Span::new(base + start, base + end),
            mantissa,
            scaled,
            unit,
            significant,
        });
        i = end.max(i + 1);
        // Skip the rest of a word the digits were part of (`8x8x4a`, `3D`).
        while b.get(i).is_some_and(|&c| c.is_ascii_alphanumeric()) {
            i += 1;
        }
    }
}

/// Number words (`twice`, `두 배`): partners only, never reported.
fn scan_words(text: &str, base: usize, out: &mut Vec<Number>) {
    let word = |span: Span, value: f64| Number {
        span,
        mantissa: value,
        scaled: value,
        unit: Unit::None,
        significant: false,
    };
    let b = text.as_bytes();
    let mut i = 0;
    // From one run of ASCII letters to the next.
    loop {
        let start = text::next_ascii_letter(b, i);
        if start >= b.len() {
            break;
        }
        i = text::ascii_letters_end(b, start);
        let w = text.get(start..i).unwrap_or("");
        if (3..=9).contains(&w.len())
            && may_be_number_word(w.as_bytes())
            && let Some((_, v)) = EN_WORDS.iter().find(|(n, _)| n.eq_ignore_ascii_case(w))
        {
            out.push(word(Span::new(base + start, base + i), *v));
        }
    }
    let mut from = 0;
    // Built once: building a searcher for every line cost more than the
    // search.
    static TIMES: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let times = TIMES.get_or_init(|| memchr::memmem::Finder::new("배".as_bytes()));
    while let Some(p) = text.get(from..).and_then(|r| times.find(r.as_bytes())) {
        let at = from + p;
        from = at + '배'.len_utf8();
        let before = text.get(..at).unwrap_or("");
        let before = before.strip_suffix(' ').unwrap_or(before);
        for (numeral, v) in KO_TIMES {
            if let Some(head) = before.strip_suffix(numeral)
                && (head.is_empty() || head.ends_with([' ', '(']))
            {
                out.push(word(Span::new(base + head.len(), base + from), *v));
                break;
            }
        }
    }
}

/// The numbers written in figures in `lines`.
fn numbers(digest: &Digest<'_>, lines: &[usize]) -> Vec<Number> {
    let mut out = Vec::new();
    for line in lines.iter().filter_map(|&l| digest.lines.get(l)) {
        let text = line.text.text(digest.src);
        scan_line(text, line.text.start, &line.links, &mut out);
    }
    out
}

/// Adds the number words of each side (`words` adds them) where they can
/// change what [`unmatched`] finds. Number words are never reported, only
/// partners: a side's are read when the other side has a figure that its
/// own figures leave alone (most pairs have none). `unmatched` reads the
/// partners in no order, so where they are added does not matter.
fn with_partner_words(
    (korean, korean_words): (&mut Vec<Number>, impl FnOnce(&mut Vec<Number>)),
    (english, english_words): (&mut Vec<Number>, impl FnOnce(&mut Vec<Number>)),
) {
    if !unmatched(korean, english).is_empty() {
        english_words(english);
    }
    if !unmatched(english, korean).is_empty() {
        korean_words(korean);
    }
}

/// Adds to `out` the number words of `lines` (see [`scan_words`]).
fn number_words(digest: &Digest<'_>, lines: &[usize], out: &mut Vec<Number>) {
    for line in lines.iter().filter_map(|&l| digest.lines.get(l)) {
        scan_words(line.text.text(digest.src), line.text.start, out);
    }
}

/// A value as [`Values`] orders it (`f64::total_cmp`).
#[derive(Clone, Copy, Debug)]
struct Ordered(f64);

impl PartialEq for Ordered {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Ordered {}

impl PartialOrd for Ordered {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ordered {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Values kept in order, to ask whether any is [`close`] to a given one by
/// reading only its neighbours: a paragraph of thousands of numbers costs
/// each number a look-up, not a pass over the others.
#[derive(Default)]
struct Values {
    finite: std::collections::BTreeSet<Ordered>,
    /// Whether an infinite value was added (digits too many for an `f64`):
    /// [`close`] finds it close to every finite value.
    infinite: bool,
}

impl Values {
    fn add(&mut self, x: f64) {
        if x.is_finite() {
            self.finite.insert(Ordered(x));
        } else if x.is_infinite() {
            self.infinite = true;
        }
        // NaN (`0x` times an infinite side) is close to nothing.
    }

    /// Whether `close(a, b)` holds for some value `b` added.
    fn any_close(&self, a: f64) -> bool {
        if a.is_nan() {
            return false;
        }
        if a.is_infinite() {
            // Close to every finite value, to no infinite one.
            return !self.finite.is_empty();
        }
        if self.infinite {
            return true;
        }
        // `close` needs |a - b| <= 1e-9 * max(|a|, |b|, 1), so b is within
        // 2e-9 * max(|a|, 1) of a: only those are asked.
        let w = 2e-9 * a.abs().max(1.0);
        self.finite
            .range(Ordered(a - w)..=Ordered(a + w))
            .any(|b| close(a, b.0))
    }
}

/// Numbers as [`Number::matches`] pairs them, for asking whether any of
/// them matches a number without reading them all.
#[derive(Default)]
struct Matcher {
    scaled: Values,
    mantissas: Values,
    /// The mantissas of the numbers that are not sizes, and of those that
    /// are not powers: a size's mantissa is not compared with another
    /// size's, nor a power's with another power's.
    mantissas_but_sizes: Values,
    mantissas_but_powers: Values,
}

impl Matcher {
    fn add(&mut self, n: &Number) {
        self.scaled.add(n.scaled);
        self.mantissas.add(n.mantissa);
        if n.unit != Unit::Size {
            self.mantissas_but_sizes.add(n.mantissa);
        }
        if n.unit != Unit::Power {
            self.mantissas_but_powers.add(n.mantissa);
        }
    }

    /// Whether `n.matches(t)` for some number `t` added.
    fn matches(&self, n: &Number) -> bool {
        let mantissas = match n.unit {
            Unit::Size => &self.mantissas_but_sizes,
            Unit::Power => &self.mantissas_but_powers,
            _ => &self.mantissas,
        };
        self.scaled.any_close(n.scaled) || mantissas.any_close(n.mantissa)
    }
}

/// The significant numbers of `mine` that nothing in `theirs` matches, each
/// value once. Most paragraphs hold a few numbers, which are compared in
/// pairs; past [`PAIRWISE`] on a side they are looked up in a [`Matcher`],
/// whose answer is the same.
fn unmatched<'n>(mine: &'n [Number], theirs: &[Number]) -> Vec<&'n Number> {
    if mine.len().max(theirs.len()) <= PAIRWISE {
        unmatched_pairwise(mine, theirs)
    } else {
        unmatched_matched(mine, theirs)
    }
}

/// How many numbers a side may hold for [`unmatched`] to compare them in
/// pairs.
const PAIRWISE: usize = 16;

/// [`unmatched`] one pair of numbers at a time, as the definition reads.
fn unmatched_pairwise<'n>(mine: &'n [Number], theirs: &[Number]) -> Vec<&'n Number> {
    let mut out: Vec<&Number> = Vec::new();
    for n in mine.iter().filter(|n| n.significant) {
        if !theirs.iter().any(|t| n.matches(t)) && !out.iter().any(|o| o.matches(n)) {
            out.push(n);
        }
    }
    out
}

/// [`unmatched`] through [`Matcher`]s: each number a look-up.
fn unmatched_matched<'n>(mine: &'n [Number], theirs: &[Number]) -> Vec<&'n Number> {
    let mut partners = Matcher::default();
    for t in theirs {
        partners.add(t);
    }
    let mut out: Vec<&Number> = Vec::new();
    let mut kept = Matcher::default();
    for n in mine.iter().filter(|n| n.significant) {
        // `matches` is symmetric, so asking the kept numbers whether one
        // matches `n` is asking whether `n` matches one of them.
        if !partners.matches(n) && !kept.matches(n) {
            kept.add(n);
            out.push(n);
        }
    }
    out
}

/// A unit as a key: lone numbers pair with the first lone number of the
/// other side in the same unit.
fn unit_key(unit: Unit) -> (u8, u64) {
    match unit {
        Unit::None => (0, 0),
        Unit::Percent => (1, 0),
        Unit::Times => (2, 0),
        Unit::Scale(f) => (3, f.to_bits()),
        Unit::Money => (4, 0),
        Unit::Size => (5, 0),
        Unit::Power => (6, 0),
    }
}

impl Rule for UnpairedNumber {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        let src = cx.src;
        let copies = cx.copied_paragraphs();
        for (_, commentary) in cx.commentaries() {
            let Some(commentary) = commentary else {
                continue;
            };
            for pair in commentary.pairs() {
                if holds_copy(&pair, copies) {
                    continue;
                }
                let mut korean = numbers(digest, pair.korean);
                let mut english = numbers(digest, pair.english);
                with_partner_words(
                    (&mut korean, |v| number_words(digest, pair.korean, v)),
                    (&mut english, |v| number_words(digest, pair.english, v)),
                );
                let lone_korean = unmatched(&korean, &english);
                let lone_english = unmatched(&english, &korean);
                let ko_side = side_name(true, pair.whole);
                let en_side = side_name(false, pair.whole);
                // The lone English numbers of each unit, in order, and
                // which of them a Korean number took as its partner.
                let mut by_unit: rustc_hash::FxHashMap<(u8, u64), VecDeque<usize>> =
                    Default::default();
                for (i, e) in lone_english.iter().enumerate() {
                    by_unit.entry(unit_key(e.unit)).or_default().push_back(i);
                }
                let mut taken = vec![false; lone_english.len()];
                for k in lone_korean {
                    let k_text = k.span.text(src);
                    let partner = by_unit
                        .get_mut(&unit_key(k.unit))
                        .and_then(VecDeque::pop_front);
                    let partner = partner.and_then(|p| {
                        *taken.get_mut(p)? = true;
                        lone_english.get(p)
                    });
                    if let Some(e) = partner {
                        let e_text = e.span.text(src);
                        out.push(
                            Diagnostic::new(
                                &META,
                                k.span,
                                format!(
                                    "the {ko_side} says `{k_text}` where the {en_side} says \
                                     `{e_text}`"
                                ),
                            )
                            .label(e.span, format!("the {en_side} has `{e_text}`"))
                            .help("one of the two figures is probably a typo: make them agree"),
                        );
                    } else {
                        out.push(lone(
                            k,
                            k_text,
                            true,
                            ko_side,
                            en_side,
                            digest,
                            pair.english,
                        ));
                    }
                }
                for (e, _) in lone_english.iter().zip(&taken).filter(|(_, t)| !**t) {
                    let e_text = e.span.text(src);
                    out.push(lone(
                        e,
                        e_text,
                        false,
                        en_side,
                        ko_side,
                        digest,
                        pair.korean,
                    ));
                }
            }
        }
    }
}

fn lone(
    n: &Number,
    text: &str,
    korean: bool,
    here: &str,
    there: &str,
    digest: &Digest<'_>,
    their_lines: &[usize],
) -> Diagnostic {
    let language = if korean { "English" } else { "Korean" };
    Diagnostic::new(
        &META,
        n.span,
        format!("`{text}` is in the {here} but not in the {there}"),
    )
    .label(
        lines_span(digest, their_lines),
        format!("no matching figure in the {there}"),
    )
    .help(format!(
        "give the {language} text the same figure, or drop it from both \
         (`1,600`/`1600`, `16K`/`16k` and `2배`/`2x`/`twice` count as the same)"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number() -> impl proptest::strategy::Strategy<Value = Number> {
        use proptest::prelude::*;
        // Few values, so that many numbers match; values a hair apart
        // (within and past `close`'s tolerance), and the infinite and NaN
        // values of digits too many for an `f64`.
        let value = prop_oneof![
            proptest::sample::select(vec![0.0, 1.0, 2.0, 3.0, 16.0, 1000.0, 16000.0, 1e9]),
            Just(3.0 + 1e-9),
            Just(3.0 + 2.9e-9),
            Just(3.0 + 1e-8),
            Just(1e9 * (1.0 + 1e-10)),
            Just(f64::INFINITY),
            Just(f64::NAN),
        ];
        let unit = proptest::sample::select(vec![
            Unit::None,
            Unit::Percent,
            Unit::Times,
            Unit::Scale(1e3),
            Unit::Scale(1e6),
            Unit::Money,
            Unit::Size,
            Unit::Power,
        ]);
        (value.clone(), value, unit, any::<bool>(), 0usize..1000).prop_map(
            |(mantissa, scaled, unit, significant, at)| Number {
                span: Span::new(at, at + 1),
                mantissa,
                scaled,
                unit,
                significant,
            },
        )
    }

    #[test]
    fn number_words_read_on_demand_leave_the_same_lone_numbers() {
        let read = |text: &str, words: bool| {
            let mut v = Vec::new();
            scan_line(text, 0, &[], &mut v);
            if words {
                scan_words(text, 0, &mut v);
            }
            v
        };
        let spans = |v: Vec<&Number>| v.iter().map(|n| n.span).collect::<Vec<_>>();
        let pieces = [
            "2배",
            "두 배",
            "twice",
            "2x",
            "three",
            "3개",
            "10",
            "ten",
            "tenfold",
            "1억",
            "79.2%",
            "an order of magnitude",
            "3",
            "세 배",
            "million",
            "1.5",
        ];
        // Every pair of one or two pieces a side.
        let sides: Vec<String> = pieces
            .iter()
            .flat_map(|a| pieces.iter().map(move |b| format!("{a} {b}")))
            .chain(pieces.iter().map(|p| p.to_string()))
            .collect();
        for ko in sides.iter().step_by(3) {
            for en in sides.iter().step_by(5) {
                let (ko_all, en_all) = (read(ko, true), read(en, true));
                let (mut ko_on_demand, mut en_on_demand) = (read(ko, false), read(en, false));
                with_partner_words(
                    (&mut ko_on_demand, |v| scan_words(ko, 0, v)),
                    (&mut en_on_demand, |v| scan_words(en, 0, v)),
                );
                assert_eq!(
                    spans(unmatched(&ko_on_demand, &en_on_demand)),
                    spans(unmatched(&ko_all, &en_all)),
                    "{ko} / {en}"
                );
                assert_eq!(
                    spans(unmatched(&en_on_demand, &ko_on_demand)),
                    spans(unmatched(&en_all, &ko_all)),
                    "{ko} / {en}"
                );
            }
        }
    }

    #[test]
    fn sizes_and_powers_match_by_their_products_only() {
        let lone = |mine: &str, theirs: &str| {
            let numbers_of = |t: &str| {
                let mut v = Vec::new();
                scan_line(t, 0, &[], &mut v);
                v
            };
            let (mine, theirs) = (numbers_of(mine), numbers_of(theirs));
            unmatched_matched(&mine, &theirs).len()
        };
        // The first side is the mantissa: equal, but the sizes differ.
        assert_eq!(lone("8x8x4", "8x8x8"), 1);
        assert_eq!(lone("2^10", "2^12"), 1);
        assert_eq!(lone("2048x2048", "2048x2048"), 0);
        // A size's first side still matches a plain number.
        assert_eq!(lone("2048x2048", "2048"), 0);
        // Numbers a hair apart are one figure; a size once, however often.
        assert_eq!(lone("3.0000000029", "3"), 0);
        assert_eq!(lone("8x8x4 and 8x8x4", "5"), 1);
        // A unit letter with a letter after it is no unit: `3km` is not
        // three thousand.
        for (mine, theirs) in [
            ("3000", "3km"),
            ("3000000", "3ms"),
            ("3000000000", "3bn"),
            ("3000000000000", "3tb"),
        ] {
            assert_eq!(lone(mine, theirs), 1, "{mine} {theirs}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_matcher_agrees_with_numbers_taken_in_pairs(
            mine in proptest::collection::vec(number(), 0..24),
            theirs in proptest::collection::vec(number(), 0..24),
        ) {
            let spans = |v: Vec<&Number>| v.iter().map(|n| n.span).collect::<Vec<_>>();
            proptest::prop_assert_eq!(
                spans(unmatched_matched(&mine, &theirs)),
                spans(unmatched_pairwise(&mine, &theirs))
            );
        }
    }

    #[test]
    fn the_shape_filter_lets_every_number_word_through() {
        for (word, _) in EN_WORDS {
            assert!(may_be_number_word(word.as_bytes()), "{word}");
            assert!(may_be_number_word(word.to_ascii_uppercase().as_bytes()));
        }
        // Sixteen letters and more: past every number word's length; the
        // first letter and length of one but not its last letter.
        for word in [
            "the",
            "THE",
            "tokens",
            "merges",
            "that",
            "models",
            "a",
            "",
            "zebra",
            "result",
            "data",
            "characterization",
            "internationalization",
        ] {
            assert!(!may_be_number_word(word.as_bytes()), "{word}");
        }
    }

    #[test]
    fn digits_are_read_with_their_groups_and_fraction() {
        // (end, value, has_fraction, has_groups, dots)
        assert_eq!(read_digits(b"12.75 apples", 0), (5, 12.75, true, false, 1));
        assert_eq!(read_digits(b"1,234.5", 0), (7, 1234.5, true, true, 1));
        // A full stop after a number ends it: no fraction.
        assert_eq!(read_digits(b"3. Next", 0), (1, 3.0, false, false, 0));
        // A group is three digits, not four.
        assert_eq!(read_digits(b"1,2345", 0), (1, 1.0, false, false, 0));
        assert_eq!(read_digits(b"v1.2.3", 1), (6, 1.5, true, false, 2));
    }

    #[test]
    fn units_and_their_neighbours() {
        // Korean scales, and a dollar before a small whole number.
        assert_eq!(
            significant("3만 명, 2조 원, 1억 개, $5 each"),
            ["3만", "2조", "1억", "$5"]
        );
        // A unit letter is a unit only when no letter follows it.
        assert!(significant("3km, 5ms, 2bn, 4tb, 7xl").is_empty());
        assert_eq!(significant("4T and 3x"), ["4T", "3x"]);
        // `^` without digits after it is no power.
        assert!(significant("2^x").is_empty());
        assert!(significant("2^ x").is_empty());
        // A number after a letter and a hyphen is part of a name; after a
        // digit and a hyphen, the end of a range.
        assert!(significant("Model-70 and x-2048").is_empty());
        assert_eq!(significant("10-20"), ["10", "20"]);
        // Only `1/10` is a fraction: not `12 34`, nor `50/s`.
        assert_eq!(significant("12 34"), ["12", "34"]);
        assert_eq!(significant("50/s"), ["50"]);
        // An arXiv number has four digits before its dot.
        assert_eq!(significant("12.3456 and 2401.04088"), ["12.3456"]);
        // Two dots make a version, not a figure.
        assert!(significant("release 10.2.3").is_empty());
        // A year is four digits alone: not a grouped number of its value.
        assert_eq!(significant("1,999 samples in 1999"), ["1,999"]);
        // After a name, a number under ten is a version; ten is a figure.
        assert_eq!(significant("Llama 3 and Llama 10"), ["10"]);
    }

    #[test]
    fn a_size_is_the_product_of_its_sides() {
        let scaled = |t: &str| {
            let mut v = Vec::new();
            scan_line(t, 0, &[], &mut v);
            v.iter().map(|n| n.scaled).collect::<Vec<_>>()
        };
        assert_eq!(scaled("2048x2048"), [4_194_304.0]);
        assert_eq!(scaled("2x3x4"), [24.0]);
    }

    /// Lone figures of one unit on each side are one finding, "says X
    /// where the other says Y"; of different units, one finding each.
    #[test]
    fn lone_figures_pair_by_unit() {
        let messages = |ko: &str, en: &str| crate::rules::pair_messages(&["C002"], ko, en);
        assert_eq!(
            messages("가상의 방법은 30% 빠르다.", "A made-up method, 45% faster."),
            ["the Korean paragraph says `30%` where the English paragraph says `45%`"]
        );
        assert_eq!(
            messages("가상의 방법은 30% 빠르다.", "A made-up method, 45x faster."),
            [
                "`30%` is in the Korean paragraph but not in the English paragraph",
                "`45x` is in the English paragraph but not in the Korean paragraph"
            ]
        );
        // Scales pair only with the same scale.
        assert_eq!(
            messages("가상의 모델은 3B 크기다.", "A made-up model of 7M."),
            [
                "`3B` is in the Korean paragraph but not in the English paragraph",
                "`7M` is in the English paragraph but not in the Korean paragraph"
            ]
        );
    }

    #[test]
    fn a_number_glued_to_a_word_is_no_figure() {
        assert!(significant("the 13th and 20th runs").is_empty());
        assert_eq!(significant("the 13 and 20 runs"), ["13", "20"]);
    }

    fn scan(text: &str) -> Vec<(String, bool)> {
        let links = crate::syntax::links::find_links(text, 0);
        let mut out = Vec::new();
        scan_line(text, 0, &links, &mut out);
        out.iter()
            .map(|n| (n.span.text(text).to_string(), n.significant))
            .collect()
    }

    fn significant(text: &str) -> Vec<String> {
        scan(text)
            .into_iter()
            .filter(|(_, s)| *s)
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn figures_worth_pairing() {
        assert_eq!(
            significant("79.2% and 2.7B, 1,600 at 2048x2048 with 16K, $0.15 and 8x"),
            ["79.2%", "2.7B", "1,600", "2048x2048", "16K", "$0.15", "8x"]
        );
        assert_eq!(
            significant("37B를 80 프레임, 3배, 1억 개"),
            ["37B", "80", "3배", "1억"]
        );
        assert_eq!(significant("79.2 % of 2^32 tokens"), ["79.2 %", "2^32"]);
        // A unit after one space is part of the figure.
        assert_eq!(significant("3 배 빠르고 1.5 배 싸다"), ["3 배", "1.5 배"]);
        assert_eq!(significant("1.5 million steps"), ["1.5 million"]);
    }

    #[test]
    fn noise_is_not_significant() {
        for text in [
            "1) 첫째 2) 둘째",
            "in 2024 and 2025년",
            "GPT-4o, Llama 3, Gemini 1.5, R1, V3, H100, FP8, Qwen2.5, o1, 3D",
            "see https://arxiv.org/abs/2503.01307 for 8 more",
            "Top-1 and Pass@32 and v1.2.3",
            "arXiv:2401.04088 and arxiv.org/abs/2401.04088",
        ] {
            assert!(
                significant(text).is_empty(),
                "{text}: {:?}",
                significant(text)
            );
        }
        // A price is not followed by a model name rule.
        assert_eq!(significant("About 1.5 points"), ["1.5"]);
    }

    #[test]
    fn fractions_are_not_required() {
        assert!(significant("1/10 가격, 데이터의 1/3만 사용, 32/64").is_empty());
        assert_eq!(significant("$0.15/1M, 12/100%"), ["$0.15", "1M", "100%"]);
    }

    #[test]
    fn matching() {
        let one = |t: &str| {
            let mut v = Vec::new();
            scan_line(t, 0, &[], &mut v);
            v[0]
        };
        assert!(one("1,600").matches(&one("1600")));
        assert!(one("16K").matches(&one("16k")));
        assert!(one("16K").matches(&one("16,000")));
        assert!(one("1억").matches(&one("100M")));
        assert!(one("3배").matches(&one("3x")));
        assert!(!one("37B").matches(&one("32B")));
        assert!(!one("8x8x4").matches(&one("8x8x8")));
        let mut words = Vec::new();
        scan_words("twice as fast, 두 배", 0, &mut words);
        assert_eq!(words.len(), 2);
        assert!(words.iter().all(|w| w.matches(&one("2배"))));
    }

    /// Odd text neither panics nor yields a figure outside the line: every
    /// figure found sits at `base` plus its place in the line, on character
    /// boundaries, and starts with a digit, `$` or a number word.
    #[test]
    fn odd_text_does_not_panic() {
        let mut found = 0;
        for t in [
            "$", "1,", "1.", "2^", "8x", "x8", "9,99", "$$1", "배", "두배", "1×", "½", "가1가",
            "twice", "두 배", "1,2,", "3.5배", "$1.", "1e9",
        ] {
            for base in [0, 7] {
                let mut numbers = Vec::new();
                scan_line(t, base, &[], &mut numbers);
                scan_words(t, base, &mut numbers);
                for n in &numbers {
                    let (start, end) = (
                        n.span.start.wrapping_sub(base),
                        n.span.end.wrapping_sub(base),
                    );
                    let text = t.get(start..end);
                    assert!(
                        text.is_some_and(|s| !s.is_empty()),
                        "{t:?}: span {start}..{end} is not a piece of the line"
                    );
                    let text = text.unwrap_or_default();
                    assert!(
                        text.starts_with(|c: char| c.is_ascii_digit() || c == '$')
                            || EN_WORDS.iter().any(|(w, _)| text.eq_ignore_ascii_case(w))
                            || text.ends_with('배'),
                        "{t:?}: {text:?} is not a figure"
                    );
                    assert!(
                        n.mantissa.is_finite() && n.scaled.is_finite(),
                        "{t:?}: {text:?}"
                    );
                }
                found += numbers.len();
            }
        }
        // The loop above checked something.
        assert!(found >= 10, "only {found} figures found");
    }
}
