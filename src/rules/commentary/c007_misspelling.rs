//! C007 reads words two ways: against a kept list of common misspellings
//! (`typos-dict`, the list the `typos` tool uses), and against the partner
//! paragraph, where the same term is usually written again.

use super::{Commentary, word_count};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::{Digest, LineKind, Span};

pub struct Misspelling;

static META: RuleMeta = RuleMeta {
    code: "C007",
    name: "misspelling",
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    default_enabled: true,
    summary: "A common misspelling, or a Latin word spelled differently in the partner paragraph.",
    doc: r#"
## What it does
Looks for misspelt words in the commentary, the titles and the tags, in
two ways:

- **Known misspellings.** A word of Latin letters that the list of common
  misspellings of [`typos`](https://github.com/crate-ci/typos) (the
  `typos-dict` crate) knows, such as `recieve` or `langauge`, anywhere in
  the commentary (English words inside Korean paragraphs too), in a title,
  or in a tag (`#self-improvment`). Acronyms (`KV`), words with capitals
  inside (`DeepSeek`) and words joined to digits (`Qwen2`) are names, not
  checked against the list.
- **Near misses of the partner paragraph.** A Korean paragraph names its
  terms in English, and its English partner repeats them. A word of one
  paragraph that the partner lacks, while the partner has a word one edit
  away (a letter left out, added, changed or two letters swapped; two
  edits for words of eight letters or more) that starts with the same
  letter, is reported: `Normlization` beside `normalization`. Inflections
  and derived forms are not near misses (`model`/`models`,
  `generate`/`generator`, `continuous`/`continuously`), and neither is a
  word that its own paragraph also writes the other way (`though` beside
  `Thought`).

Which of the two spellings is right: one the list knows as a misspelling
is wrong; otherwise the one the file writes more often wins; on a tie,
the one with more capitals inside (a name such as `MoE` is written as
meant), then the longer one (a left-out letter is the commonest slip).
The message says which paragraph's spelling was taken. When nothing
tells (`Quantizaiton` beside `quantization`, each written once), the pair
is one finding without a fix.

Abstracts are the paper's own text and are left alone, except for a word
written once in the file that is a near miss of a word of the entry's
title with the slip inside the word (`learining` under a title with
`Learning`); abstracts hold every form of a title's words, so
`efficiency` under `Efficient` is not one.

Below eight letters, one letter changed for another (`later`/`layer`,
`content`/`context`) is not a near miss: it makes another word too often.

## Why is this bad?
A misspelt term is hard to search for and looks careless; a term spelled
two ways in the two languages leaves the reader unsure which is the name.

## Example
```text
정규화 대신 Normlization을 빼는 가상의 방법.
A made-up method that drops normalization.
```
`Normlization` in the Korean paragraph should be written as the English
paragraph does, `Normalization`.

## Fix
Unsafe: the word is replaced with the list's correction (when the list
gives exactly one) or with the partner's spelling, in the case the word
was written in. Proper names can look like misspellings: review the
change. The list does not know what the text is about: when the file
writes another word that a slip at least as likely turns into the
misspelling (a letter left out, added or swapped, or a neighbouring key,
counts as likelier than any other letter changed), and that word is not a
form of the list's correction, the help names both and there is no fix
(`optiomal`: the list says `optional`, the file writes `optimal`).
"#,
};

/// One word of Latin letters in a line.
#[derive(Clone, Copy, Debug)]
struct Word<'s> {
    span: Span,
    text: &'s str,
}

/// The words of Latin letters in `line`, outside links, that are not
/// glued to digits or to other scripts (`Qwen2`, `H100`).
fn words<'s>(digest: &Digest<'s>, line: usize) -> Vec<Word<'s>> {
    let Some(l) = digest.lines.get(line) else {
        return Vec::new();
    };
    let src = digest.src;
    let text = l.text.text(src);
    let b = text.as_bytes();
    let base = l.text.start;
    let in_link = |i: usize| {
        l.links
            .iter()
            .any(|k| k.span.start <= base + i && base + i < k.span.end)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
        }
        let glued =
            |c: Option<&u8>| c.is_some_and(|&c| c.is_ascii_digit() || c == b'_' || c == b'\\');
        // `(Mis)Fitting`: a prefix in parentheses, glued to its word.
        let prefix = b.get(i) == Some(&b')') && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic);
        if glued(start.checked_sub(1).and_then(|s| b.get(s)))
            || glued(b.get(i))
            || prefix
            || in_link(start)
        {
            continue;
        }
        if let Some(w) = text.get(start..i) {
            out.push(Word {
                span: Span::new(base + start, base + i),
                text: w,
            });
        }
    }
    out
}

/// Whether a word is a name rather than a dictionary word: an acronym or
/// a word with capitals after its first letter.
fn is_name(word: &str) -> bool {
    word.bytes().skip(1).any(|c| c.is_ascii_uppercase())
}

/// The list's corrections for `word`, if it is a known misspelling.
fn known_misspelling(word: &str) -> Option<&'static [&'static str]> {
    if word.len() < 3 || is_name(word) {
        return None;
    }
    typos_dict::WORD.find(&unicase::UniCase::new(word)).copied()
}

/// `correction` written in the case of `word` (`Recieve` → `Receive`).
fn in_case_of(word: &str, correction: &str) -> String {
    if is_name(correction) {
        return correction.to_string();
    }
    let upper_first = word.starts_with(|c: char| c.is_ascii_uppercase());
    let lower = correction.to_ascii_lowercase();
    if word.len() > 1 && word.bytes().all(|c| c.is_ascii_uppercase()) {
        return correction.to_ascii_uppercase();
    }
    if upper_first {
        let mut c = lower.chars();
        match c.next() {
            Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
            None => lower,
        }
    } else {
        lower
    }
}

/// A cheap bound before the distance table: each edit changes the counts
/// of at most two letters by one, so words within `max` edits differ in at
/// most `2 * max` letter counts. Most pairs of unrelated words fail here.
fn letters_close(a: &[u8], b: &[u8], max: usize) -> bool {
    let mut counts = [0i32; 37];
    let slot = |c: u8| match c {
        b'a'..=b'z' => usize::from(c - b'a'),
        b'A'..=b'Z' => usize::from(c - b'A'),
        b'0'..=b'9' => 26 + usize::from(c - b'0'),
        _ => 36,
    };
    for &c in a {
        if let Some(n) = counts.get_mut(slot(c)) {
            *n += 1;
        }
    }
    for &c in b {
        if let Some(n) = counts.get_mut(slot(c)) {
            *n -= 1;
        }
    }
    counts
        .iter()
        .map(|n| n.unsigned_abs() as usize)
        .sum::<usize>()
        <= 2 * max
}

/// Optimal string alignment distance between two ASCII-lowercased words,
/// or `None` when it is over `max`.
pub(super) fn distance(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max || !letters_close(a, b, max) {
        return None;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (i, row) in d.chunks_mut(w).enumerate() {
        if let Some(first) = row.first_mut() {
            *first = i;
        }
    }
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a.get(i - 1) != b.get(j - 1));
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d.last().copied().filter(|&v| v <= max)
}

/// Endings of inflected and derived forms: `models`, `normalized`,
/// `generator`, `continuously`.
const INFLECTIONS: &[&str] = &[
    "s", "es", "d", "ed", "ing", "ly", "er", "ers", "al", "ally", "ion", "ions", "ive", "ness",
    "ment", "ments", "r", "ity", "ities",
];
/// Endings stripped to find a shared stem (`generat-ion`, `generat-or`).
const SUFFIXES: &[&str] = &[
    "s", "es", "d", "ed", "ing", "ly", "er", "ers", "or", "ors", "al", "ally", "ion", "ions",
    "ive", "ively", "ation", "ations", "e", "y", "ies", "ity", "ize", "ized", "izes", "ous",
    "ously", "ness", "ment", "ments", "able", "ant", "ance", "ent", "ence", "ate", "ated", "ates",
    "ical", "ic", "r", "ional", "is",
];

/// Whether two different lowercase words are forms of one word, or one is
/// the other with a prefix (`duplication`, `deduplication`).
fn related_forms(a: &str, b: &str) -> bool {
    if a.ends_with(b) || b.ends_with(a) {
        return true;
    }
    let p = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let (ta, tb) = (a.get(p..).unwrap_or(""), b.get(p..).unwrap_or(""));
    if ta.is_empty() || tb.is_empty() {
        return INFLECTIONS.contains(&ta) || INFLECTIONS.contains(&tb);
    }
    let stems = |w: &str| {
        SUFFIXES
            .iter()
            .filter_map(|s| w.strip_suffix(s))
            .filter(|s| s.len() >= 3)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let sa = stems(a);
    stems(b).iter().any(|s| sa.contains(s))
}

/// Whether `a` and `b` (lowercase) are near misses: same first letter,
/// one edit apart (two for long words), and not forms of one word.
fn near_miss(a: &str, b: &str) -> bool {
    if a == b || a.get(..1) != b.get(..1) {
        return false;
    }
    let shorter = a.len().min(b.len());
    if shorter < 5 {
        return false;
    }
    // One letter changed for another turns a word into another word too
    // often (`later`/`layer`, `content`/`context`) below eight letters.
    let differing = a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count();
    if a.len() == b.len() && differing == 1 && shorter < 8 {
        return false;
    }
    let max = if shorter >= 8 { 2 } else { 1 };
    distance(a.as_bytes(), b.as_bytes(), max).is_some() && !related_forms(a, b)
}

/// Whether two near misses keep their first and last letters, the slip
/// being inside the word (`Univeral`, `spase`, `Crticial`), which a word
/// and its inflection (`though`, `thought`) do not.
fn internal_slip(a: &str, b: &str) -> bool {
    a.len().min(b.len()) >= 5 && a.bytes().last() == b.bytes().last()
}

/// Which of two spellings is right: `Some(true)` for `a`, `Some(false)`
/// for `b`, `None` when nothing tells. A spelling the list of misspellings
/// knows is wrong; otherwise the one the file writes more often wins, then
/// the one with more capitals inside (a name such as `MoE` is written as
/// meant), then the longer (a left-out letter is the commonest slip).
fn right_spelling(src: &str, a: &str, b: &str) -> Option<bool> {
    match (
        known_misspelling(a).is_some(),
        known_misspelling(b).is_some(),
    ) {
        (true, false) => return Some(false),
        (false, true) => return Some(true),
        _ => {}
    }
    let key = |w: &str| {
        (
            word_count(src, w),
            w.bytes().skip(1).filter(u8::is_ascii_uppercase).count(),
            w.len(),
        )
    };
    match key(a).cmp(&key(b)) {
        std::cmp::Ordering::Greater => Some(true),
        std::cmp::Ordering::Less => Some(false),
        std::cmp::Ordering::Equal => None,
    }
}

fn lower(w: &str) -> String {
    w.to_ascii_lowercase()
}

/// Reports words of `mine` that are near misses of a word of `theirs`.
/// `theirs_name` names where the right spelling was taken from.
fn compare(
    src: &str,
    (mine, theirs): (&[Word<'_>], &[Word<'_>]),
    theirs_name: &str,
    strict: bool,
    reported: &mut Vec<Span>,
    out: &mut Vec<Diagnostic>,
) {
    let their_lower: Vec<String> = theirs.iter().map(|w| lower(w.text)).collect();
    let my_lower: Vec<String> = mine.iter().map(|w| lower(w.text)).collect();
    // Their words by first letter: a near miss starts with the same one.
    let mut buckets: [Vec<usize>; 26] = Default::default();
    for (i, vl) in their_lower.iter().enumerate() {
        if let Some(b) = vl
            .bytes()
            .next()
            .and_then(|c| buckets.get_mut(usize::from(c.wrapping_sub(b'a'))))
        {
            b.push(i);
        }
    }
    for (w, wl) in mine.iter().zip(&my_lower) {
        // Near misses are five letters or more.
        if wl.len() < 5 || reported.contains(&w.span) {
            continue;
        }
        let Some(bucket) = wl
            .bytes()
            .next()
            .and_then(|c| buckets.get(usize::from(c.wrapping_sub(b'a'))))
        else {
            continue;
        };
        if bucket.iter().any(|&i| their_lower.get(i) == Some(wl)) {
            continue;
        }
        // A word its own paragraph also writes the other way is two words
        // in use (`though` and `Thought`), unless it is written only once in
        // the file (`spase` beside `Sparse`).
        // Counted only for a near miss: it reads the whole file.
        let once = std::cell::OnceCell::new();
        let once = || *once.get_or_init(|| word_count(src, w.text) <= 1);
        // Abstracts hold every form of a title's words (`efficiency` beside
        // `Efficient`, `myopic` beside `Myopia`): there only a single slip
        // inside a word of six letters or more, written once, counts
        // (`modes` beside `Models` is two words).
        let candidates = bucket
            .iter()
            .filter_map(|&i| Some((theirs.get(i)?, their_lower.get(i)?)));
        let Some((v, _)) = candidates.into_iter().find(|(_, vl)| {
            near_miss(wl, vl)
                && (!my_lower.contains(vl) || (internal_slip(wl, vl) && once()))
                && (!strict
                    || (wl.len().min(vl.len()) >= 6
                        && once()
                        && internal_slip(wl, vl)
                        && distance(wl.as_bytes(), vl.as_bytes(), 1).is_some()))
        }) else {
            continue;
        };
        if reported.contains(&v.span) {
            continue;
        }
        match right_spelling(src, w.text, v.text) {
            Some(true) => continue,
            Some(false) => {}
            None => {
                // Nothing tells which is right: one finding for the pair,
                // without a fix.
                reported.push(w.span);
                reported.push(v.span);
                out.push(
                    Diagnostic::new(
                        &META,
                        w.span,
                        format!(
                            "`{}` here and `{}` in the {theirs_name} are spelled differently",
                            w.text, v.text
                        ),
                    )
                    .label(v.span, "spelled this way here")
                    .help("one of the two is misspelt and the file does not tell which: write the term the same way in both"),
                );
                continue;
            }
        }
        let right = in_case_of(w.text, v.text);
        reported.push(w.span);
        out.push(
            Diagnostic::new(
                &META,
                w.span,
                format!(
                    "`{}` may be misspelt: the {theirs_name} writes `{}`",
                    w.text, v.text
                ),
            )
            .label(v.span, "spelled this way here")
            .help(format!(
                "write `{right}` as the {theirs_name} does (the file writes that spelling at least as often)"
            ))
            .fix(Fix::unsafe_(
                format!("Replace with `{right}` (the {theirs_name}'s spelling)"),
                vec![Edit::replace(w.span, right.clone())],
            )),
        );
    }
}

/// Where a letter sits on a QWERTY keyboard: its row, and its place along
/// the row in quarter keys (each row is shifted right of the one above).
fn key_position(c: u8) -> Option<(i32, i32)> {
    const ROWS: [(&[u8], i32); 3] = [(b"qwertyuiop", 0), (b"asdfghjkl", 1), (b"zxcvbnm", 3)];
    let c = c.to_ascii_lowercase();
    ROWS.iter().enumerate().find_map(|(row, (keys, shift))| {
        let at = keys.iter().position(|&k| k == c)?;
        Some((row as i32, 4 * at as i32 + shift))
    })
}

/// Whether two letters are neighbouring keys, the commonest slip of a
/// finger (`n` and `m`, `e` and `d`).
fn neighbouring_keys(a: u8, b: u8) -> bool {
    match (key_position(a), key_position(b)) {
        (Some((ra, xa)), Some((rb, xb))) => match ra.abs_diff(rb) {
            0 => xa.abs_diff(xb) == 4,
            1 => xa.abs_diff(xb) <= 3,
            _ => false,
        },
        _ => false,
    }
}

/// How far a slip takes `intended` to `typed` (lowercase), or `None` over
/// `max`: a letter left out, added or two swapped cost 1, one changed for
/// a neighbouring key 1, for any other letter 2.
fn slip_cost(typed: &[u8], intended: &[u8], max: usize) -> Option<usize> {
    if typed.len().abs_diff(intended.len()) > max {
        return None;
    }
    let w = intended.len() + 1;
    let mut d = vec![0usize; (typed.len() + 1) * w];
    for i in 0..=typed.len() {
        for j in 0..=intended.len() {
            if i == 0 || j == 0 {
                d[i * w + j] = i + j;
                continue;
            }
            let (a, b) = (typed[i - 1], intended[j - 1]);
            let change = if a == b {
                0
            } else if neighbouring_keys(a, b) {
                1
            } else {
                2
            };
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + change);
            if i > 1 && j > 1 && a == intended[j - 2] && typed[i - 2] == b {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d.last().copied().filter(|&v| v <= max)
}

/// A word of the file, other than the list's `correction` and not a form
/// of it, that a slip as likely (by [`slip_cost`]) turns into the misspelt
/// `word`: `optimal` for `optiomal`, whose listed correction is
/// `optional` (an `o` typed twice, or `n` and `m` side by side). The list
/// does not know what the text is about; a spelling the file uses that
/// fits the slip as well is as likely meant.
fn rival_spelling<'s>(src: &'s str, word: &str, correction: &str) -> Option<&'s str> {
    let word = lower(word);
    let correction = lower(correction);
    let max = slip_cost(word.as_bytes(), correction.as_bytes(), 3)?;
    let first = word.bytes().next()?;
    src.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 4 && w.len().abs_diff(word.len()) <= max)
        .filter(|w| w.bytes().next().map(|c| c.to_ascii_lowercase()) == Some(first))
        .find(|w| {
            let l = lower(w);
            l != word
                && l != correction
                && !is_name(w)
                && !related_forms(&l, &correction)
                && known_misspelling(w).is_none()
                && slip_cost(word.as_bytes(), l.as_bytes(), max).is_some()
        })
}

/// Reports the words of `words` that the list of misspellings knows.
fn check_known(src: &str, words: &[Word<'_>], reported: &mut Vec<Span>, out: &mut Vec<Diagnostic>) {
    for w in words {
        let Some(corrections) = known_misspelling(w.text) else {
            continue;
        };
        if reported.contains(&w.span) {
            continue;
        }
        reported.push(w.span);
        let mut d = Diagnostic::new(
            &META,
            w.span,
            format!("`{}` is a common misspelling", w.text),
        );
        match corrections {
            [one] => match rival_spelling(src, w.text, one) {
                Some(rival) => {
                    // Two spellings fit the slip: a person chooses.
                    d = d.help(format!(
                        "did you mean `{}` (written elsewhere in this file) or `{}` (the list's correction)?",
                        in_case_of(w.text, rival),
                        in_case_of(w.text, one)
                    ));
                }
                None => {
                    let right = in_case_of(w.text, one);
                    d = d.help(format!("write `{right}`")).fix(Fix::unsafe_(
                        format!("Replace with `{right}` (from the list of common misspellings)"),
                        vec![Edit::replace(w.span, right.clone())],
                    ));
                }
            },
            many => {
                let list = many
                    .iter()
                    .map(|c| format!("`{}`", in_case_of(w.text, c)))
                    .collect::<Vec<_>>()
                    .join(" or ");
                d = d.help(format!("did you mean {list}?"));
            }
        }
        out.push(d);
    }
}

/// The words of each tag of a tags line (`#self-improvment`: `self`,
/// `improvment`).
fn tag_words<'s>(digest: &Digest<'s>, line: usize) -> Vec<Word<'s>> {
    words(digest, line)
}

impl Rule for Misspelling {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        let src = cx.src;
        let mut reported: Vec<Span> = Vec::new();
        for entry in digest.entries() {
            // Near misses between the two languages.
            if let Some(commentary) = Commentary::of(digest, entry) {
                for pair in commentary.pairs() {
                    let gather = |lines: &[usize]| -> Vec<Word<'_>> {
                        lines.iter().flat_map(|&l| words(digest, l)).collect()
                    };
                    let korean = gather(pair.korean);
                    let english = gather(pair.english);
                    let (ko_name, en_name) = if pair.whole {
                        ("Korean commentary", "English commentary")
                    } else {
                        ("Korean paragraph", "English paragraph")
                    };
                    compare(src, (&korean, &english), en_name, false, &mut reported, out);
                    compare(src, (&english, &korean), ko_name, false, &mut reported, out);
                }
            }
            // Abstract words that are near misses of the title's words.
            if let Some(title) = entry.title {
                let title_words = words(digest, title);
                let abstract_words: Vec<Word<'_>> = digest
                    .body_lines(entry, LineKind::Abstract)
                    .flat_map(|l| words(digest, l))
                    .collect();
                let pair = (abstract_words.as_slice(), title_words.as_slice());
                compare(src, pair, "title", true, &mut reported, out);
                compare(src, (pair.1, pair.0), "abstract", true, &mut reported, out);
                check_known(src, &title_words, &mut reported, out);
            }
            // Known misspellings in the commentary and the tags.
            for &l in &entry.body {
                let kind = digest.lines.get(l).map(|line| line.kind);
                if matches!(kind, Some(LineKind::Korean | LineKind::English)) {
                    check_known(src, &words(digest, l), &mut reported, out);
                }
            }
            if let Some(tags) = &entry.tags {
                check_known(src, &tag_words(digest, tags.line), &mut reported, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses() {
        for (a, b) in [
            ("normlization", "normalization"),
            ("prefence", "preference"),
            ("univeral", "universal"),
            ("liker", "likert"),
            ("insturction", "instruction"),
            ("deepseekmode", "deepseekmoe"),
            ("spase", "sparse"),
        ] {
            assert!(near_miss(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("model", "models"),
            ("generate", "generator"),
            ("generation", "generative"),
            ("prediction", "predicting"),
            ("continuous", "continuously"),
            ("duplication", "deduplication"),
            ("positions", "positional"),
            ("important", "importance"),
            ("cat", "cut"),
            ("later", "layer"),
            ("analyses", "analysis"),
            ("content", "context"),
        ] {
            assert!(!near_miss(a, b), "{a} {b}");
        }
    }

    #[test]
    fn abstracts_need_a_slip_inside_the_word() {
        assert!(internal_slip("transusion", "transfusion"));
        assert!(internal_slip("spase", "sparse"));
        assert!(!internal_slip("though", "thought"));
        assert!(!internal_slip("myopia", "myopic"));
    }

    #[test]
    fn case_follows_the_word() {
        assert_eq!(in_case_of("Recieve", "receive"), "Receive");
        assert_eq!(in_case_of("normlization", "Normalization"), "normalization");
        assert_eq!(in_case_of("DeepSeekMode", "DeepSeekMoE"), "DeepSeekMoE");
    }

    #[test]
    fn the_list_knows_common_slips() {
        assert!(known_misspelling("recieve").is_some());
        assert!(known_misspelling("langauge").is_some());
        assert!(known_misspelling("language").is_none());
        assert!(known_misspelling("KV").is_none());
    }

    #[test]
    fn a_spelling_of_the_file_as_near_as_the_lists_correction_is_a_rival() {
        // `optiomal` is one edit from the list's `optional` and one from
        // `optimal`, which the file writes.
        let src = "the optimal exponent; optiomal widths";
        assert_eq!(rival_spelling(src, "optiomal", "optional"), Some("optimal"));
        // Nothing as near: the list's correction stands.
        assert_eq!(
            rival_spelling("an optional optiomal flag", "optiomal", "optional"),
            None
        );
        assert_eq!(rival_spelling("we recieve it", "recieve", "receive"), None);
        // Farther than the list's correction: no rival.
        assert_eq!(
            rival_spelling("optimally optiomal", "optiomal", "optional"),
            None
        );
        // A letter left out (`amount`) is likelier than `b` for `m`, which
        // are not neighbours (`about`).
        assert_eq!(rival_spelling("about amout", "amout", "amount"), None);
        // A form of the correction is the list's choice to make.
        assert_eq!(
            rival_spelling("similar similary", "similary", "similarly"),
            None
        );
    }

    #[test]
    fn slips_by_keyboard() {
        assert!(neighbouring_keys(b'n', b'm'));
        assert!(neighbouring_keys(b'e', b'd'));
        assert!(neighbouring_keys(b'j', b'm'));
        assert!(!neighbouring_keys(b'm', b'b'));
        assert!(!neighbouring_keys(b'e', b'f'));
        assert_eq!(slip_cost(b"optiomal", b"optional", 3), Some(1));
        assert_eq!(slip_cost(b"optiomal", b"optimal", 3), Some(1));
        assert_eq!(slip_cost(b"amout", b"about", 3), Some(2));
        assert_eq!(slip_cost(b"teh", b"the", 3), Some(1));
        assert_eq!(slip_cost(b"abc", b"xyz", 3), None);
    }

    #[test]
    fn the_more_frequent_spelling_wins() {
        let src = "universal universal Univeral";
        assert_eq!(right_spelling(src, "universal", "Univeral"), Some(true));
        assert_eq!(right_spelling(src, "Univeral", "universal"), Some(false));
        assert_eq!(
            right_spelling("a b", "DeepSeekMoE", "DeepSeekMode"),
            Some(true)
        );
        assert_eq!(right_spelling("a b", "Likert", "Liker"), Some(true));
        assert_eq!(right_spelling("a b", "Quantizaiton", "quantization"), None);
        // The list outweighs the count.
        assert_eq!(
            right_spelling("recieve recieve", "recieve", "receive"),
            Some(false)
        );
    }
}
