//! C007 reads words two ways: against a kept list of common misspellings
//! (`typos-dict`, the list the `typos` tool uses), and against the partner
//! paragraph, where the same term is usually written again.

use super::IndexAfterSearches;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::text::{ascii_letter_runs, ascii_letters_end, eight_at};
use crate::syntax::{Digest, Line, LineKind, Span};
use list_format::{
    EMPTY, SEPARATOR, filter_bits, hash_end, hash_mix, hash_start, index_slot, word_hash,
};
use wide::u8x16;

mod list_format;

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

Abstracts are the paper's own text and are left alone by default. With
`check-abstracts` (below), a word of an abstract is reported when it is
written once in the file and is a near miss of a word of the entry's
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

## Options
```toml
[spelling]
check-abstracts = true   # default: false
```
Reads the abstracts too, for near misses of the title's words. Off by
default: abstracts are most of a digest's text, and reading them makes
C007 about half as costly again, for a slip that is rare (three in 243
days of one author's digests).
"#,
};

/// One word of Latin letters in a line.
#[derive(Clone, Copy, Debug)]
struct Word<'s> {
    span: Span,
    text: &'s str,
    /// `text` in ASCII lower case: a slice of the file lowercased once, so
    /// comparing words allocates nothing.
    lower: &'s str,
    /// The letters the word holds, one bit each (`a` is bit 0), for a word
    /// of five letters or more (a shorter one is never compared: zero).
    letters: u32,
    /// Whether the list of misspellings may hold the word (its filter,
    /// [`may_be_listed`], asked as the word is read); false for words of
    /// an abstract, which are never looked up.
    listed: bool,
}

/// Appends to `out` the words of Latin letters in `line`, outside links,
/// that are not glued to digits or to other scripts (`Qwen2`, `H100`), and
/// that can matter: those the list's filter may hold (looked up), and
/// those of five letters or more whose first letter and length `compared`
/// holds (compared with the other language's words: a near miss of one
/// starts with its letter and is at most two letters longer or shorter).
/// `src` is the file, `lower` the file in ASCII lower case (same byte
/// offsets).
fn words_into<'s>(
    digest: &Digest<'_>,
    text: (&'s str, &'s str),
    line: usize,
    compared: &Lengths,
    out: &mut Vec<Word<'s>>,
) {
    let Some(line) = LineText::new(digest, text, line) else {
        return;
    };
    let b = line.lower;
    // Words under three letters are never compared or looked up (near
    // misses have five letters or more, the list's words three).
    for_each_run::<3>(b, ALL_LETTERS, |start, end| {
        // The cheap tests first: most words are neither.
        let at = line.base;
        let listed = in_filter(word_hash_in(line.file, at + start, at + end));
        let len = end - start;
        // `&`, not `&&`: one branch a word fewer to guess.
        let compared = (len >= 5)
            & b.get(start).is_some_and(|&c| {
                compared
                    .get(usize::from(c.wrapping_sub(b'a') & 31))
                    .is_some_and(|&lengths| lengths >> len.min(63) & 1 == 1)
            });
        if listed | compared {
            out.extend(line.word(start, end, listed));
        }
    });
}

/// One line as [`words_into`] reads it.
struct LineText<'s, 'd> {
    line: &'d Line,
    /// The line's text, and the same in ASCII lower case (`lower`).
    text: &'s str,
    lower_text: &'s str,
    lower: &'s [u8],
    /// The whole file in ASCII lower case.
    file: &'s [u8],
    /// Where the line starts in the file.
    base: usize,
}

impl<'s, 'd> LineText<'s, 'd> {
    fn new(digest: &'d Digest<'_>, (src, lower): (&'s str, &'s str), line: usize) -> Option<Self> {
        let line = digest.lines.get(line)?;
        let text = line.text.text(src);
        let base = line.text.start;
        let lower_text = lower.get(base..base + text.len())?;
        Some(LineText {
            line,
            text,
            lower_text,
            lower: lower_text.as_bytes(),
            file: lower.as_bytes(),
            base,
        })
    }

    /// The run of letters at `start..end` (in the line) as a word, if it
    /// is one that counts: not glued to digits or other scripts, outside
    /// links. `listed`: whether the list's filter holds it.
    fn word(&self, start: usize, end: usize, listed: bool) -> Option<Word<'s>> {
        let b = self.lower;
        let glued =
            |c: Option<&u8>| c.is_some_and(|&c| c.is_ascii_digit() || c == b'_' || c == b'\\');
        // `(Mis)Fitting`: a prefix in parentheses, glued to its word.
        let prefix = b.get(end) == Some(&b')') && b.get(end + 1).is_some_and(|&c| is_letter(c));
        let at = self.base + start;
        let in_link = crate::syntax::links::in_links(&self.line.links, at);
        if glued(start.checked_sub(1).and_then(|s| b.get(s)))
            || glued(b.get(end))
            || prefix
            || in_link
        {
            return None;
        }
        let long = end - start >= 5;
        let lower = self.lower_text.get(start..end)?;
        Some(Word {
            span: Span::new(at, self.base + end),
            text: self.text.get(start..end)?,
            lower,
            letters: if long {
                lower
                    .bytes()
                    .fold(0, |m, c| m | 1u32 << (c.wrapping_sub(b'a') & 31))
            } else {
                0
            },
            listed,
        })
    }
}

/// The words of the abstract `lines` that may equal or nearly match a
/// title word as [`compare`] reads an abstract, in `out` in file order:
/// six letters or more, with the same first and last letters as a title
/// word of six letters or more, at most one letter longer or shorter. No
/// other abstract word can change a finding, and the test needs only the
/// ends of each run of letters. A word equal to a title word is kept the
/// first time only: [`compare`] asks only whether the abstract writes it,
/// and abstracts repeat their title's words many times.
fn near_title_words<'s>(
    digest: &Digest<'_>,
    text: (&'s str, &'s str),
    (lines, title): (impl Iterator<Item = usize>, &[Word<'_>]),
    out: &mut Vec<Word<'s>>,
) {
    // Per first letter of the title's words of six letters or more: their
    // last letters (one bit each) and the lengths within one of theirs (one
    // bit each, 63 for longer): the quick tests.
    // Indexed by a letter's offset from `a` masked to five bits: every
    // lowered byte has a cell, and those of letters are the first 26.
    let mut lasts = [0u32; 32];
    let mut lengths = [0u64; 32];
    let mut firsts = 0u32;
    for t in title.iter().map(|t| t.lower.as_bytes()) {
        if let (true, Some(&first), Some(&last)) = (t.len() >= 6, t.first(), t.last()) {
            let k = first.wrapping_sub(b'a') & 31;
            firsts |= 1 << k;
            lasts[usize::from(k)] |= 1 << (last.wrapping_sub(b'a') & 31);
            lengths[usize::from(k)] |= lengths_within(t.len(), 1);
        }
    }
    if lengths.iter().all(|&m| m == 0) {
        return;
    }
    // Title words (by index) already met in the abstract: a later copy of
    // one changes no finding.
    let mut met = 0u128;
    for l in lines {
        let Some(line) = LineText::new(digest, text, l) else {
            continue;
        };
        let b = line.lower;
        // The quick tests in one: the last letter and the length of a
        // title word of the same first letter (no title word of the first
        // letter: no bits). Most words fail; then one title word must fit
        // them all.
        let fits = |start: usize, end: usize| {
            let first = b.get(start).copied().unwrap_or(0);
            let last = b.get(end.wrapping_sub(1)).copied().unwrap_or(0);
            let k = usize::from(first.wrapping_sub(b'a') & 31);
            u64::from(lasts[k] >> (last.wrapping_sub(b'a') & 31))
                & lengths[k] >> (end - start).min(63)
                & 1
                == 1
        };
        for_each_run_where::<6>(b, firsts, fits, |start, end| {
            let Some(run) = b.get(start..end) else {
                return;
            };
            let mut near = false;
            for (j, t) in title.iter().map(|t| t.lower.as_bytes()).enumerate() {
                if t == run {
                    // Past the 128th title word, every copy is kept.
                    let bit = 1u128.checked_shl(j as u32).unwrap_or(0);
                    if met & bit != 0 {
                        return;
                    }
                    met |= bit;
                    near = true;
                    break;
                }
                near |= t.len() >= 6
                    && t.first() == run.first()
                    && t.last() == run.last()
                    && t.len().abs_diff(run.len()) <= 1;
            }
            if near {
                out.extend(line.word(start, end, false));
            }
        });
    }
}

/// Calls `each(start, end)` for each run of `MIN` letters or more of the
/// lowered bytes `b` that starts with a letter of `firsts` (one bit each,
/// `a` bit 0), in order. A run of letters is a word: a byte of a
/// character of several bytes (Hangul, CJK) is never a letter, so such
/// characters end words as they should.
fn for_each_run<const MIN: u32>(b: &[u8], firsts: u32, each: impl FnMut(usize, usize)) {
    runs::<MIN, false>(b, firsts, |_, _| true, each);
}

/// Calls `each(start, end)` for each run of `MIN` letters or more of the
/// lowered bytes `b` that starts with a letter of `firsts` (one bit each,
/// `a` bit 0) and for which `fits(start, end)` holds, in order.
/// Sixty-four bytes are read at a time into masks of one bit per byte (the
/// letters, and the letters of `firsts`), and the starts of runs long
/// enough are found in the masks, so that a shorter run, or one of another
/// first letter, costs nothing of its own. `fits` is asked of every other
/// run of a block before any is given to `each`, and its answers are
/// gathered without a branch: it should be cheap, and most runs are
/// expected to fail it.
fn for_each_run_where<const MIN: u32>(
    b: &[u8],
    firsts: u32,
    fits: impl FnMut(usize, usize) -> bool,
    each: impl FnMut(usize, usize),
) {
    runs::<MIN, true>(b, firsts, fits, each);
}

/// [`for_each_run_where`], asking `fits` only when `FITS`. Without it, and
/// when the masks alone tell the first letters, the runs of a block go to
/// `each` in one loop: a second loop over the block's runs is one more
/// exit from a loop per block that the processor guesses wrong.
fn runs<const MIN: u32, const FITS: bool>(
    b: &[u8],
    firsts: u32,
    mut fits: impl FnMut(usize, usize) -> bool,
    mut each: impl FnMut(usize, usize),
) {
    let firsts = FirstLetters::new(firsts);
    let direct = !FITS && firsts.in_masks();
    let mut at = 0;
    let (mut letters, mut first) = firsts.masks(b, 0);
    // Bit 0: whether the byte before the block is a letter.
    let mut after_letter = 0u64;
    while at < b.len() {
        let (next, next_first) = firsts.masks(b, at + 64);
        let wide = u128::from(letters) | u128::from(next) << 64;
        // The starts of runs of `MIN` letters or more, by doubling: `long`
        // marks the starts of `have` letters in a row.
        let (mut long, mut have) = (wide, 1);
        while have * 2 <= MIN {
            long &= long >> have;
            have *= 2;
        }
        if have < MIN {
            long &= long >> (MIN - have);
        }
        // The last letter of each run of the block.
        let lasts = letters & !(letters >> 1 | next << 63);
        let end_of = |i: u32| {
            let ends = lasts >> i;
            if ends != 0 {
                at + i as usize + ends.trailing_zeros() as usize + 1
            } else {
                // The run goes on into the next block, and past it too
                // when that block is all letters.
                let run = (!next).trailing_zeros() as usize;
                if run < 64 {
                    at + 64 + run
                } else {
                    ascii_letters_end(b, at + 64)
                }
            }
        };
        let mut starts = first & !(letters << 1 | after_letter) & long as u64;
        if direct {
            while starts != 0 {
                let i = starts.trailing_zeros();
                starts &= starts - 1;
                each(at + i as usize, end_of(i));
            }
        }
        let mut hits = 0u64;
        while starts != 0 {
            let i = starts.trailing_zeros();
            starts &= starts - 1;
            let start = at + i as usize;
            let fit = firsts.holds(b, start) && fits(start, end_of(i));
            hits |= u64::from(fit) << i;
        }
        while hits != 0 {
            let i = hits.trailing_zeros();
            hits &= hits - 1;
            each(at + i as usize, end_of(i));
        }
        after_letter = letters >> 63;
        letters = next;
        first = next_first;
        at += 64;
    }
}

/// The letters a run may start with, as [`for_each_run_where`] reads
/// them: up to [`FirstLetters::TESTED`] letters are found sixty-four bytes
/// at a time, one comparison of sixteen bytes each; more are left to a
/// test of each run's first byte.
struct FirstLetters {
    /// One bit per letter, `a` bit 0.
    set: u32,
    /// The letters, each in every byte of a vector, when there are few;
    /// `None` when every letter may start a run or there are more.
    tested: Option<([u8x16; Self::TESTED], usize)>,
}

impl FirstLetters {
    const TESTED: usize = 8;

    fn new(set: u32) -> Self {
        let set = set & ALL_LETTERS;
        let tested = (set != ALL_LETTERS && set.count_ones() as usize <= Self::TESTED).then(|| {
            let mut letters = [u8x16::splat(0); Self::TESTED];
            let mut n = 0;
            for (k, slot) in (0u8..26)
                .filter(|k| set >> k & 1 == 1)
                .zip(letters.iter_mut())
            {
                *slot = u8x16::splat(b'a' + k);
                n += 1;
            }
            (letters, n)
        });
        FirstLetters { set, tested }
    }

    /// Whether the masks alone tell the runs that start with one of the
    /// letters.
    fn in_masks(&self) -> bool {
        self.tested.is_some() || self.set == ALL_LETTERS
    }

    /// Whether the run starting at `start` of `b` starts with one of the
    /// letters: true without a look when the masks already said so.
    fn holds(&self, b: &[u8], start: usize) -> bool {
        self.in_masks()
            || b.get(start)
                .is_some_and(|&c| self.set >> (c.wrapping_sub(b'a') & 31) & 1 == 1)
    }

    /// Two masks of the 64 bytes of `b` from `at` (bit 0 for `b[at]`): the
    /// lowercase ASCII letters, and those of them that are tested letters
    /// (all letters when none are tested). Bytes past the end are neither.
    fn masks(&self, b: &[u8], at: usize) -> (u64, u64) {
        match b
            .get(at..at.saturating_add(64))
            .and_then(|s| <&[u8; 64]>::try_from(s).ok())
        {
            Some(block) => self.block_masks(block),
            None => {
                let mut block = [0u8; 64];
                let rest = b.get(at..).unwrap_or_default();
                let n = rest.len().min(64);
                if let (Some(to), Some(from)) = (block.get_mut(..n), rest.get(..n)) {
                    to.copy_from_slice(from);
                }
                self.block_masks(&block)
            }
        }
    }

    /// [`Self::masks`] of one block of 64 bytes.
    fn block_masks(&self, block: &[u8; 64]) -> (u64, u64) {
        let mut x = [u8x16::splat(0); 4];
        for (x, sixteen) in x.iter_mut().zip(block.chunks_exact(16)) {
            let mut bytes = [0u8; 16];
            bytes.copy_from_slice(sixteen);
            *x = u8x16::new(bytes);
        }
        // Sixteen bits of a mask of sixteen bytes, one bit per byte, put
        // in place in the mask of 64.
        let gather = |m: [u8x16; 4]| {
            m.iter().enumerate().fold(0u64, |all, (i, m)| {
                all | u64::from(m.to_bitmask() as u16) << (16 * i)
            })
        };
        // A letter is at most 25 past `a` (bytes below `a` wrap high).
        let letters = gather(x.map(|x| (x - u8x16::splat(b'a')).simd_lt(u8x16::splat(26))));
        let first = match &self.tested {
            Some((tested, n)) => {
                let mut any = [u8x16::splat(0); 4];
                for letter in tested.iter().take(*n) {
                    for (any, x) in any.iter_mut().zip(&x) {
                        *any |= x.simd_eq(*letter);
                    }
                }
                gather(any)
            }
            None => letters,
        };
        (letters, first)
    }
}

/// Whether a byte of the lowered file is a letter.
fn is_letter(c: u8) -> bool {
    c.wrapping_sub(b'a') < 26
}

/// Whether a word is a name rather than a dictionary word: an acronym or
/// a word with capitals after its first letter.
fn is_name(word: &str) -> bool {
    word.bytes().skip(1).any(|c| c.is_ascii_uppercase())
}

/// The list's corrections for `word`, if it is a known misspelling (in
/// any case but a name's: [`is_name`]).
fn known_misspelling(word: &str) -> Option<Corrections> {
    if word.len() < 3 || is_name(word) {
        return None;
    }
    look_up(word.as_bytes())
}

/// [`word_hash`] of the word at `start..end` of `b`. A word of up to
/// sixteen letters with sixteen bytes of `b` from its start (nearly every
/// word, as `b` is the whole file) is read as two words of eight bytes,
/// the bytes past its end masked off: no branch on where the word ends,
/// which varies from word to word and would be guessed wrong about once a
/// word.
fn word_hash_in(b: &[u8], start: usize, end: usize) -> u64 {
    let len = end.saturating_sub(start);
    if len <= 16
        && let (Some(x), Some(y)) = (eight_at(b, start), eight_at(b, start + 8))
    {
        // The low `n` bytes (all eight from eight on), from a table: a
        // shift of 128 bits was a dozen instructions a word.
        const KEEP: [u64; 9] = {
            let mut t = [u64::MAX; 9];
            let mut n = 0;
            while n < 8 {
                t[n] = (1u64 << (8 * n)) - 1;
                n += 1;
            }
            t
        };
        let keep = |n: usize| KEEP.get(n.min(8)).copied().unwrap_or(u64::MAX);
        let h = hash_mix(hash_start(len), x & keep(len));
        return hash_end(hash_mix(h, y & keep(len.saturating_sub(8))));
    }
    word_hash(b.get(start..end).unwrap_or_default())
}

/// The list's tables, written by `build.rs` (see [`list_format`]).
mod tables {
    include!(concat!(env!("OUT_DIR"), "/misspelling-tables.rs"));
}

/// The list's corrections of one misspelling, as its record holds them
/// (separated by [`SEPARATOR`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Corrections(&'static str);

impl Corrections {
    fn all(self) -> std::str::Split<'static, char> {
        self.0.split(SEPARATOR)
    }

    /// The correction, when the list gives one only.
    fn only(self) -> Option<&'static str> {
        (!self.0.contains(SEPARATOR)).then_some(self.0)
    }
}

/// The `i`th little-endian `u32` of a table.
fn u32_at(table: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(*table.get(4 * i..)?.first_chunk()?))
}

/// Where the `i`th record starts in [`tables::RECORDS`] (the end of the
/// last one for `i` the number of records).
fn record_start(i: usize) -> Option<usize> {
    usize::try_from(u32_at(tables::OFFSETS, i)?).ok()
}

/// The list's corrections of `word` (ASCII letters, in any case), found
/// through the index: from the slot its hash gives, the records of the
/// slots up to the first empty one.
fn look_up(word: &[u8]) -> Option<Corrections> {
    let slots = tables::INDEX.len() / 4;
    let mut slot = index_slot(word_hash(word));
    // The index has empty slots, so the search ends; the bound only makes
    // sure of it.
    for _ in 0..slots {
        let number = u32_at(tables::INDEX, slot)?;
        if number == EMPTY {
            return None;
        }
        let number = usize::try_from(number).ok()?;
        let record = tables::RECORDS.get(record_start(number)?..record_start(number + 1)?)?;
        let (key, corrections) = record.split_once(SEPARATOR)?;
        if key.as_bytes().eq_ignore_ascii_case(word) {
            return Some(Corrections(corrections));
        }
        slot = (slot + 1) % slots;
    }
    None
}

/// Whether the list may know `word` (ASCII letters): false means it does
/// not.
#[cfg(test)]
fn may_be_listed(word: &str) -> bool {
    in_filter(word_hash(word.as_bytes()))
}

/// Whether the three bits of the hash `h` are set in the list's filter.
fn in_filter(h: u64) -> bool {
    let (cell, set) = filter_bits(h);
    eight_at(tables::FILTER, 8 * cell).is_some_and(|word| word & set == set)
}

/// `correction` written in the case of `word` (`Recieve` → `Receive`).
fn in_case_of(word: &str, correction: &str) -> String {
    if is_name(correction) {
        return correction.to_string();
    }
    let upper_first = word.starts_with(|c: char| c.is_ascii_uppercase());
    let lower = correction.to_ascii_lowercase();
    // (Words of one letter are never reported: no length test.)
    if word.bytes().all(|c| c.is_ascii_uppercase()) {
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
/// The words are ASCII-lowercased, as [`distance`]'s are.
fn letters_close(a: &[u8], b: &[u8], max: usize) -> bool {
    let mut counts = [0i32; 37];
    let slot = |c: u8| match c {
        b'a'..=b'z' => usize::from(c - b'a'),
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
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if max <= 1 {
        return within_one(a, b).filter(|&v| v <= max);
    }
    if !letters_close(a, b, max) {
        return None;
    }
    // A common beginning or end changes no distance (no edit spans its
    // edge more cheaply), so only the middles are measured.
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (
        a.get(p..).unwrap_or_default(),
        b.get(p..).unwrap_or_default(),
    );
    let q = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (
        a.get(..a.len() - q).unwrap_or_default(),
        b.get(..b.len() - q).unwrap_or_default(),
    );
    // Three rows of the table are enough (the transposition looks two rows
    // back); words of ordinary length keep them on the stack.
    const ON_STACK: usize = 64;
    let w = b.len() + 1;
    let d = if w <= ON_STACK {
        let mut rows = [0usize; 3 * ON_STACK];
        osa(a, b, max, rows.get_mut(..3 * w).unwrap_or_default())
    } else {
        osa(a, b, max, &mut vec![0usize; 3 * w])
    };
    d.filter(|&v| v <= max)
}

/// The distance of two words when it is at most one, in one pass: past
/// their common beginning, the rest must be equal once one letter is
/// skipped (changed, or left out of the shorter) or two are swapped.
fn within_one(a: &[u8], b: &[u8]) -> Option<usize> {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let i = long.iter().zip(short).take_while(|(x, y)| x == y).count();
    if long.len() == short.len() + 1 {
        return (long.get(i + 1..) == short.get(i..)).then_some(1);
    }
    if long.len() != short.len() {
        return None;
    }
    if i == long.len() {
        return Some(0);
    }
    let same_from = |k: usize| long.get(k..) == short.get(k..);
    let swapped = long.get(i) == short.get(i + 1) && long.get(i + 1) == short.get(i);
    (same_from(i + 1) || (swapped && same_from(i + 2))).then_some(1)
}

/// The optimal string alignment distance, in `rows` (three rows of
/// `b.len() + 1` cells), or `None` once it is sure to be over `max`.
/// Only the band of cells within `max` of the diagonal is computed: a cell
/// farther off needs more than `max` edits, and every cell's value is
/// capped at `max + 1`, which stands for "too far" (`distance` has already
/// checked that the lengths differ by at most `max`).
fn osa(a: &[u8], b: &[u8], max: usize, rows: &mut [usize]) -> Option<usize> {
    let w = b.len() + 1;
    let far = max + 1;
    let (before, rest) = rows.split_at_mut(w);
    let (previous, current) = rest.split_at_mut(w);
    let (mut before, mut previous, mut current) = (before, previous, current);
    for (j, cell) in previous.iter_mut().enumerate() {
        *cell = j.min(far);
    }
    before.fill(far);
    for i in 1..=a.len() {
        let (lo, hi) = (i.saturating_sub(max).max(1), (i + max).min(b.len()));
        // The cells this row and the next read just outside the band.
        if let Some(first) = current.first_mut() {
            *first = i.min(far);
        }
        if lo > 1
            && let Some(cell) = current.get_mut(lo - 1)
        {
            *cell = far;
        }
        if let Some(cell) = current.get_mut(hi + 1) {
            *cell = far;
        }
        let mut best = if lo == 1 {
            current.first().copied().unwrap_or(far)
        } else {
            far
        };
        for j in lo..=hi {
            let cost = usize::from(a.get(i - 1) != b.get(j - 1));
            let mut v = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                v = v.min(before[j - 2] + 1);
            }
            let v = v.min(far);
            current[j] = v;
            best = best.min(v);
        }
        if best > max {
            return None;
        }
        (before, previous, current) = (previous, current, before);
    }
    previous.last().copied()
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
    fn stems(w: &str) -> impl Iterator<Item = &str> {
        SUFFIXES
            .iter()
            .filter_map(move |s| w.strip_suffix(s))
            .filter(|s| s.len() >= 3)
    }
    stems(b).any(|s| stems(a).any(|t| t == s))
}

/// Whether `a` and `b` (lowercase) are near misses: same first letter,
/// one edit apart (two for long words), and not forms of one word.
fn near_miss(a: &str, b: &str) -> bool {
    if a == b || a.get(..1) != b.get(..1) {
        return false;
    }
    let shorter = a.len().min(b.len());
    // Never more than two edits apart (the distance below says so too).
    if shorter < 5 || a.len().abs_diff(b.len()) > MAX_LENGTH_GAP {
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

/// A bound that rules out most pairs before [`near_miss`] measures them:
/// an edit adds or removes at most two letters from the set of letters a
/// word holds, so words whose sets differ in more than twice the edits
/// [`near_miss`] allows are never near misses.
fn may_be_near(a: &Word<'_>, b: &Word<'_>) -> bool {
    let max = if a.lower.len().min(b.lower.len()) >= 8 {
        2
    } else {
        1
    };
    (a.letters ^ b.letters).count_ones() <= 2 * max
}

/// How often `word` appears in the file as a whole word of Latin letters,
/// ignoring ASCII case (`lower`: the file in ASCII lower case). A whole
/// word is preceded by no letter, so no two of them overlap, and a search
/// that skips past each match finds them all.
fn word_count(lower: &str, word: &str) -> usize {
    let word = word.to_ascii_lowercase();
    if word.is_empty() {
        return 0;
    }
    let hay = lower.as_bytes();
    let letter = |at: Option<&u8>| at.is_some_and(u8::is_ascii_alphabetic);
    memchr::memmem::find_iter(hay, word.as_bytes())
        .filter(|&at| {
            !letter(at.checked_sub(1).and_then(|b| hay.get(b))) && !letter(hay.get(at + word.len()))
        })
        .count()
}

/// The words already reported (by their spans): each is reported once.
type Reported = rustc_hash::FxHashSet<Span>;

/// How often the file writes each word, for [`compare`] and
/// [`right_spelling`]: by searching the file ([`word_count`]) for the
/// first questions, then from the file's words counted once (see
/// [`IndexAfterSearches`]).
struct WordCounts<'s> {
    /// The file in ASCII lower case.
    lower: &'s str,
    counts: IndexAfterSearches<rustc_hash::FxHashMap<&'s str, usize>>,
}

impl<'s> WordCounts<'s> {
    fn new(lower: &'s str) -> Self {
        WordCounts {
            lower,
            counts: IndexAfterSearches::new(),
        }
    }

    /// [`word_count`] of `word` (letters).
    fn of(&mut self, word: &str) -> usize {
        let lower = self.lower;
        match self.counts.get(|| count_words(lower)) {
            Some(counts) => counts
                .get(word.to_ascii_lowercase().as_str())
                .copied()
                .unwrap_or(0),
            None => word_count(lower, word),
        }
    }
}

/// How often each run of ASCII letters stands in `lower`: a word that
/// [`word_count`] finds, bounded by bytes that are not letters, is one
/// whole run.
fn count_words(lower: &str) -> rustc_hash::FxHashMap<&str, usize> {
    let mut counts = rustc_hash::FxHashMap::default();
    for run in ascii_letter_runs(lower) {
        if let Some(word) = lower.get(run) {
            *counts.entry(word).or_insert(0) += 1;
        }
    }
    counts
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
fn right_spelling(counts: &mut WordCounts<'_>, a: &str, b: &str) -> Option<bool> {
    match (
        known_misspelling(a).is_some(),
        known_misspelling(b).is_some(),
    ) {
        (true, false) => return Some(false),
        (false, true) => return Some(true),
        _ => {}
    }
    let mut key = |w: &str| {
        (
            counts.of(w),
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

/// The indices of a list of words grouped by first letter (a near miss
/// starts with the same one), each group in the list's order. Kept between
/// comparisons so that grouping allocates once per file.
#[derive(Default)]
struct Buckets {
    order: Vec<usize>,
    /// Where each letter's group starts in `order`; the last is the end.
    starts: [usize; 27],
}

impl Buckets {
    fn slot(w: &Word<'_>) -> Option<usize> {
        let c = w.lower.bytes().next()?.wrapping_sub(b'a');
        (c < 26).then_some(usize::from(c))
    }

    /// The slot of a word of five letters or more: shorter words are
    /// neither near misses nor equal to one.
    fn long_slot(w: &Word<'_>) -> Option<usize> {
        if w.lower.len() < 5 {
            return None;
        }
        Self::slot(w)
    }

    fn fill(&mut self, words: &[Word<'_>]) {
        let mut counts = [0usize; 27];
        for w in words {
            if let Some(n) = Self::long_slot(w).and_then(|k| counts.get_mut(k + 1)) {
                *n += 1;
            }
        }
        for k in 1..counts.len() {
            counts[k] += counts[k - 1];
        }
        self.starts = counts;
        let mut next = counts;
        self.order.clear();
        self.order.resize(counts[26], 0);
        for (i, w) in words.iter().enumerate() {
            if let Some(k) = Self::long_slot(w)
                && let Some(at) = next.get_mut(k)
            {
                if let Some(cell) = self.order.get_mut(*at) {
                    *cell = i;
                }
                *at += 1;
            }
        }
    }

    /// The indices of the words starting with the first letter of `w`.
    fn of(&self, w: &Word<'_>) -> Option<&[usize]> {
        let k = Self::slot(w)?;
        self.order
            .get(*self.starts.get(k)?..*self.starts.get(k + 1)?)
    }
}

/// Past this many words of `theirs` sharing a first letter, [`compare`]
/// asks a [`NearIndex`] rather than reading the whole group for each word.
const NEAR_INDEX_FROM: usize = 32;

/// Words read so that a word's near misses are found without reading
/// every word: each word under every way of leaving out one letter (two,
/// for words of `two_from` letters or more). Two words within one edit (a
/// letter changed, added, left out, or two swapped) become the same string
/// once one letter is left out of each; within two edits, once two are.
/// C007's [`NearIndex`] and C006's slips of a term ask it.
pub(super) struct FormIndex {
    /// (hash of a word with letters left out, the word's index), sorted.
    forms: Vec<(u64, u32)>,
}

impl FormIndex {
    /// The index of `words`, each given with the index [`Self::near`]
    /// answers with.
    pub(super) fn new<'w>(words: impl Iterator<Item = (usize, &'w [u8])>, two_from: usize) -> Self {
        let mut forms = Vec::new();
        for (i, w) in words {
            let Ok(i) = u32::try_from(i) else { break };
            left_out_forms(w, two_from, |h| forms.push((h, i)));
        }
        forms.sort_unstable();
        forms.dedup();
        FormIndex { forms }
    }

    /// The indices of the words that may be within one edit of `word` (two,
    /// when both have `two_from` letters or more), in order, in `into`
    /// (cleared first): every such word, and a few more.
    pub(super) fn near(&self, word: &[u8], two_from: usize, into: &mut Vec<usize>) {
        into.clear();
        left_out_forms(word, two_from, |h| {
            let from = self.forms.partition_point(|&(f, _)| f < h);
            for &(f, i) in self.forms.get(from..).unwrap_or_default() {
                if f != h {
                    break;
                }
                into.push(i as usize);
            }
        });
        into.sort_unstable();
        into.dedup();
    }
}

/// Calls `each` with a hash of `word` as it is, without each one letter,
/// and, for a word of `two_from` letters or more, without each two letters.
fn left_out_forms(word: &[u8], two_from: usize, mut each: impl FnMut(u64)) {
    // One letter mixed in at a time: forms of different lengths differ.
    let hash = |skip: [usize; 2]| {
        let mut h = 0;
        for (k, &c) in word.iter().enumerate() {
            if k != skip[0] && k != skip[1] {
                h = hash_mix(h, u64::from(c));
            }
        }
        hash_end(h)
    };
    let n = word.len();
    each(hash([n, n]));
    for a in 0..n {
        each(hash([a, n]));
        if n >= two_from {
            for b in 0..a {
                each(hash([b, a]));
            }
        }
    }
}

/// [`near_miss`] allows two edits only when both words have eight letters
/// or more: shorter words need only their forms without one letter.
const TWO_EDITS_FROM: usize = 8;

/// The words of five letters or more of one side of [`compare`], for a
/// group of many words: whether a word is written there, and the words
/// that may be its near misses (a [`FormIndex`]).
struct NearIndex<'s> {
    /// The side's words in lower case.
    words: rustc_hash::FxHashSet<&'s str>,
    forms: FormIndex,
}

impl<'s> NearIndex<'s> {
    fn new(theirs: &[Word<'s>]) -> Self {
        let long = || {
            theirs
                .iter()
                .enumerate()
                .filter(|(_, v)| v.lower.len() >= 5)
        };
        NearIndex {
            words: long().map(|(_, v)| v.lower).collect(),
            forms: FormIndex::new(long().map(|(i, v)| (i, v.lower.as_bytes())), TWO_EDITS_FROM),
        }
    }

    /// The indices of the side's words that may be near misses of `word`,
    /// in the side's order, in `into` (cleared first): every word that
    /// [`near_miss`] holds to be one, and a few more.
    fn near(&self, word: &[u8], into: &mut Vec<usize>) {
        self.forms.near(word, TWO_EDITS_FROM, into);
    }
}

/// Reports words of `mine` that are near misses of a word of `theirs`.
/// `theirs_name` names where the right spelling was taken from; `counts`
/// tells how often the file writes a word.
fn compare(
    counts: &mut WordCounts<'_>,
    (mine, theirs): (&[Word<'_>], &[Word<'_>]),
    theirs_name: &str,
    strict: bool,
    (buckets, reported): (&mut Buckets, &mut Reported),
    out: &mut Vec<Diagnostic>,
) {
    // Near misses are five letters or more on both sides and start with
    // the same letter: sides without a first letter in common among such
    // words (many Korean paragraphs have none) have nothing to compare.
    if first_letters(mine) & first_letters(theirs) == 0 {
        return;
    }
    buckets.fill(theirs);
    let mut mine_words: Option<rustc_hash::FxHashSet<&str>> = None;
    // For groups of many words: the index, and the indices it gives.
    let mut index: Option<NearIndex<'_>> = None;
    let mut near = Vec::new();
    for w in mine {
        let wl = w.lower;
        // Near misses are five letters or more.
        if wl.len() < 5 || reported.contains(&w.span) {
            continue;
        }
        let Some(mut bucket) = buckets.of(w) else {
            continue;
        };
        if bucket.len() > NEAR_INDEX_FROM {
            let index = index.get_or_insert_with(|| NearIndex::new(theirs));
            if index.words.contains(wl) {
                continue;
            }
            index.near(wl.as_bytes(), &mut near);
            bucket = &near;
        } else if bucket.iter().any(|&i| {
            theirs
                .get(i)
                .is_some_and(|v| v.letters == w.letters && v.lower == wl)
        }) {
            continue;
        }
        // A word its own paragraph also writes the other way is two words
        // in use (`though` and `Thought`), unless it is written only once in
        // the file (`spase` beside `Sparse`).
        // Counted only for a near miss: it reads the whole file.
        let once = std::cell::OnceCell::new();
        let mut once = || *once.get_or_init(|| counts.of(w.text) <= 1);
        // Abstracts hold every form of a title's words (`efficiency` beside
        // `Efficient`, `myopic` beside `Myopia`): there only a single slip
        // inside a word of six letters or more, written once, counts
        // (`modes` beside `Models` is two words).
        // Whether `mine` writes a word: read into a set the first time a
        // near miss asks, not once per near miss.
        let mut written_in = |vl: &str| {
            mine_words
                .get_or_insert_with(|| mine.iter().map(|m| m.lower).collect())
                .contains(vl)
        };
        let candidates = bucket.iter().filter_map(|&i| {
            let v = theirs.get(i)?;
            Some((v, v.lower))
        });
        // In an abstract only a slip of one edit inside a word of six
        // letters or more counts (below): those cheap tests go first.
        let strict_shape = |vl: &str| {
            wl.len().min(vl.len()) >= 6 && wl.len().abs_diff(vl.len()) <= 1 && internal_slip(wl, vl)
        };
        let Some((v, _)) = candidates.into_iter().find(|&(v, vl)| {
            (!strict || strict_shape(vl))
                && may_be_near(w, v)
                && near_miss(wl, vl)
                && (!written_in(vl) || (internal_slip(wl, vl) && once()))
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
        match right_spelling(counts, w.text, v.text) {
            Some(true) => continue,
            Some(false) => {}
            None => {
                // Nothing tells which is right: one finding for the pair,
                // without a fix.
                reported.insert(w.span);
                reported.insert(v.span);
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
        reported.insert(w.span);
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

/// The rows of a QWERTY keyboard, each with how far it is shifted right
/// of the top row, in quarter keys.
const KEY_ROWS: [(&[u8], i32); 3] = [(b"qwertyuiop", 0), (b"asdfghjkl", 1), (b"zxcvbnm", 3)];

/// Where a lowercase letter sits on the keyboard: its row, and its place
/// along the row in quarter keys.
const fn key_position(c: u8) -> Option<(i32, i32)> {
    let mut row = 0;
    while row < KEY_ROWS.len() {
        let (keys, shift) = KEY_ROWS[row];
        let mut at = 0;
        while at < keys.len() {
            if keys[at] == c {
                return Some((row as i32, 4 * at as i32 + shift));
            }
            at += 1;
        }
        row += 1;
    }
    None
}

/// Per lowercase letter, the letters on neighbouring keys (one bit each,
/// `a` bit 0): the same row one key away, or the row above or below at
/// most three quarter keys along.
const NEIGHBOURS: [u32; 26] = {
    let mut table = [0u32; 26];
    let mut a = 0;
    while a < 26 {
        let mut b = 0;
        while b < 26 {
            if let (Some((ra, xa)), Some((rb, xb))) =
                (key_position(b'a' + a as u8), key_position(b'a' + b as u8))
            {
                let near = match ra.abs_diff(rb) {
                    0 => xa.abs_diff(xb) == 4,
                    1 => xa.abs_diff(xb) <= 3,
                    _ => false,
                };
                if near {
                    table[a] |= 1 << b;
                }
            }
            b += 1;
        }
        a += 1;
    }
    table
};

/// Whether two lowercase letters are neighbouring keys, the commonest slip
/// of a finger (`n` and `m`, `e` and `d`).
fn neighbouring_keys(a: u8, b: u8) -> bool {
    let (a, b) = (a.wrapping_sub(b'a'), b.wrapping_sub(b'a'));
    b < 26
        && NEIGHBOURS
            .get(usize::from(a))
            .is_some_and(|m| m >> b & 1 == 1)
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

/// For each (misspelt word, the list's correction) of `asks`, a rival
/// spelling: the first word of the file, in file order, other than the
/// correction and not a form of it, that a slip as likely (by
/// [`slip_cost`]) turns into the misspelt word: `optimal` for `optiomal`,
/// whose listed correction is `optional` (an `o` typed twice, or `n` and
/// `m` side by side). The list does not know what the text is about; a
/// spelling the file uses that fits the slip as well is as likely meant.
/// One reading of the file answers every ask.
fn rival_spellings<'s>(
    (src, lower): (&'s str, &str),
    asks: &[(&str, &str)],
) -> Vec<Option<&'s str>> {
    struct Ask {
        word: String,
        correction: String,
        max: usize,
        first: u8,
    }
    // The same misspelling asked again (`recieve` in every paragraph) has
    // the same answer: each distinct ask is read once, and each ask given
    // its answer.
    let mut distinct: rustc_hash::FxHashMap<(String, String), usize> = Default::default();
    let mut unique: Vec<Option<Ask>> = Vec::new();
    let which: Vec<usize> = asks
        .iter()
        .map(|(word, correction)| {
            let key = (word.to_ascii_lowercase(), correction.to_ascii_lowercase());
            *distinct
                .entry(key)
                .or_insert_with_key(|(word, correction)| {
                    let ask =
                        slip_cost(word.as_bytes(), correction.as_bytes(), 3).and_then(|max| {
                            Some(Ask {
                                word: word.clone(),
                                correction: correction.clone(),
                                max,
                                first: word.bytes().next()?,
                            })
                        });
                    unique.push(ask);
                    unique.len() - 1
                })
        })
        .collect();
    // The asks by first letter: a word is asked only of those that share
    // its first letter.
    let mut by_first: [Vec<usize>; 32] = Default::default();
    for (k, ask) in unique.iter().enumerate() {
        if let Some(ask) = ask
            && let Some(list) = by_first.get_mut(usize::from(ask.first.wrapping_sub(b'a') & 31))
        {
            list.push(k);
        }
    }
    let mut found: Vec<Option<&'s str>> = vec![None; unique.len()];
    let firsts = unique
        .iter()
        .flatten()
        .fold(0u32, |f, a| f | 1 << (a.first.wrapping_sub(b'a') & 31));
    if firsts != 0 {
        // Each word of four letters or more (a rival has as many) that
        // starts with the first letter of a word asked about.
        let bytes = lower.as_bytes();
        for_each_run::<4>(bytes, firsts & ALL_LETTERS, |start, end| {
            let len = end - start;
            let Some(list) = bytes
                .get(start)
                .and_then(|&c| by_first.get(usize::from(c.wrapping_sub(b'a') & 31)))
            else {
                return;
            };
            for &k in list {
                let (Some(Some(ask)), Some(found)) = (unique.get(k), found.get_mut(k)) else {
                    continue;
                };
                if found.is_some() || len.abs_diff(ask.word.len()) > ask.max {
                    continue;
                }
                let (Some(w), Some(l)) = (src.get(start..end), lower.get(start..end)) else {
                    continue;
                };
                // Cheapest tests first: the letter counts bound the edits,
                // and each edit costs at least 1 in `slip_cost`.
                if l != ask.word
                    && l != ask.correction
                    && letters_close(ask.word.as_bytes(), l.as_bytes(), ask.max)
                    && slip_cost(ask.word.as_bytes(), l.as_bytes(), ask.max).is_some()
                    && !is_name(w)
                    && !related_forms(l, &ask.correction)
                    && known_misspelling(w).is_none()
                {
                    *found = Some(w);
                }
            }
        });
    }
    which
        .iter()
        .map(|&k| found.get(k).copied().flatten())
        .collect()
}

/// Reports the words of `words` that the list of misspellings knows. A
/// word the list corrects one way is kept in `known` for [`report_known`],
/// which reads the file once for the rival spellings of all of them.
fn check_known<'s>(
    words: &[Word<'s>],
    reported: &mut Reported,
    known: &mut Vec<(Span, &'s str, &'static str)>,
    out: &mut Vec<Diagnostic>,
) {
    for w in words {
        if !w.listed {
            continue;
        }
        let Some(corrections) = known_misspelling(w.text) else {
            continue;
        };
        if reported.contains(&w.span) {
            continue;
        }
        reported.insert(w.span);
        match corrections.only() {
            Some(one) => known.push((w.span, w.text, one)),
            None => {
                let list = corrections
                    .all()
                    .map(|c| format!("`{}`", in_case_of(w.text, c)))
                    .collect::<Vec<_>>()
                    .join(" or ");
                out.push(
                    Diagnostic::new(
                        &META,
                        w.span,
                        format!("`{}` is a common misspelling", w.text),
                    )
                    .help(format!("did you mean {list}?")),
                );
            }
        }
    }
}

/// Reports the misspellings [`check_known`] kept, each with the list's
/// correction, or with a spelling of the file as near as it
/// ([`rival_spellings`]) and no fix.
fn report_known(
    text: (&str, &str),
    known: &[(Span, &str, &'static str)],
    out: &mut Vec<Diagnostic>,
) {
    let asks: Vec<(&str, &str)> = known.iter().map(|&(_, word, one)| (word, one)).collect();
    let rivals = rival_spellings(text, &asks);
    for (&(span, word, one), rival) in known.iter().zip(rivals) {
        let d = Diagnostic::new(&META, span, format!("`{word}` is a common misspelling"));
        out.push(match rival {
            // Two spellings fit the slip: a person chooses.
            Some(rival) => d.help(format!(
                "did you mean `{}` (written elsewhere in this file) or `{}` (the list's correction)?",
                in_case_of(word, rival),
                in_case_of(word, one)
            )),
            None => {
                let right = in_case_of(word, one);
                d.help(format!("write `{right}`")).fix(Fix::unsafe_(
                    format!("Replace with `{right}` (from the list of common misspellings)"),
                    vec![Edit::replace(span, right.clone())],
                ))
            }
        });
    }
}

/// The lengths within `d` of `len`, one bit each (lengths over 63 count
/// as 63, as the words measured against them do).
fn lengths_within(len: usize, d: usize) -> u64 {
    let len = len.min(63);
    let (lo, hi) = (len.saturating_sub(d), (len + d).min(63));
    (u64::MAX >> (63 - (hi - lo))) << lo
}

/// Every lowercase letter, one bit each (`a` is bit 0).
const ALL_LETTERS: u32 = (1 << 26) - 1;

/// Per first letter (its offset from `a`, masked to five bits), the
/// lengths of the words [`words_into`] keeps for comparison, one bit each
/// (lengths over 63 count as 63).
type Lengths = [u64; 32];

/// Every word of five letters or more is kept for comparison.
const EVERY_LENGTH: Lengths = [u64::MAX; 32];

/// No word is kept for comparison: only those the list may hold.
const NO_LENGTH: Lengths = [0; 32];

/// How many letters longer or shorter than a word its near miss may be
/// ([`near_miss`], and the words [`near_lengths_of`] keeps for it).
const MAX_LENGTH_GAP: usize = 2;

/// The words that may be a near miss of one of `words` (five letters or
/// more): of its first letter, and at most [`MAX_LENGTH_GAP`] letters
/// longer or shorter ([`near_miss`]'s bounds).
fn near_lengths_of(words: &[Word<'_>]) -> Lengths {
    let mut out = NO_LENGTH;
    for w in words {
        let b = w.lower.as_bytes();
        if let (true, Some(&c)) = (b.len() >= 5, b.first())
            && let Some(lengths) = out.get_mut(usize::from(c.wrapping_sub(b'a') & 31))
        {
            *lengths |= lengths_within(b.len(), MAX_LENGTH_GAP);
        }
    }
    out
}

/// The first letters of the words of five letters or more, one bit each.
fn first_letters(words: &[Word<'_>]) -> u32 {
    words
        .iter()
        .filter(|w| w.lower.len() >= 5)
        .filter_map(Buckets::slot)
        .fold(0, |m, k| m | 1 << k)
}

/// The words of each line, read once per file: a line's words serve both
/// the comparison of its paragraph and the look-up in the list.
struct LineWords<'s> {
    text: (&'s str, &'s str),
    all: Vec<Word<'s>>,
    /// Per line, its words' range in `all` once read.
    at: Vec<Option<(usize, usize)>>,
}

impl<'s> LineWords<'s> {
    fn new(digest: &Digest<'_>, text: (&'s str, &'s str)) -> Self {
        LineWords {
            text,
            // Few words are kept (about one in two hundred bytes of text
            // over the corpus): no room is set aside.
            all: Vec::new(),
            at: vec![None; digest.lines.len()],
        }
    }

    /// The words of `line` (see [`words_into`]): those the list's filter
    /// may hold, and those of five letters or more of a first letter and
    /// length that `compared` holds (compared with the partner
    /// paragraph's). A line is read once: asked again, it gives the words
    /// of its first reading, which hold every word the filter may hold
    /// (all that [`check_known`] needs).
    fn of(&mut self, digest: &Digest<'_>, line: usize, compared: &Lengths) -> &[Word<'s>] {
        let range = match self.at.get(line).copied().flatten() {
            Some(range) => range,
            None => {
                let start = self.all.len();
                words_into(digest, self.text, line, compared, &mut self.all);
                let range = (start, self.all.len());
                if let Some(slot) = self.at.get_mut(line) {
                    *slot = Some(range);
                }
                range
            }
        };
        self.all.get(range.0..range.1).unwrap_or_default()
    }

    /// The words of `lines`, in `into` (cleared first); see [`Self::of`].
    fn gather(
        &mut self,
        digest: &Digest<'_>,
        (lines, compared): (&[usize], &Lengths),
        into: &mut Vec<Word<'s>>,
    ) {
        into.clear();
        for &l in lines {
            into.extend_from_slice(self.of(digest, l, compared));
        }
    }
}

impl Rule for Misspelling {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        with_lowered(cx.src, |lower| check_lowered(cx, lower, out));
    }
}

thread_local! {
    /// The buffer [`with_lowered`] writes a file's lower case into, kept
    /// on each thread between files: one allocation of a file's size per
    /// file cost C007 about half a point of `check`'s time.
    static LOWERED: std::cell::Cell<String> = const { std::cell::Cell::new(String::new()) };
}

/// A buffer larger than this (in bytes) is let go after its file.
const LOWERED_KEPT: usize = 1 << 20;

/// Calls `f` with `src` in ASCII lower case (the same byte offsets), in
/// the thread's buffer. The buffer is taken out while `f` runs, so a call
/// inside `f` (or one while the thread ends) works on a buffer of its own.
fn with_lowered<R>(src: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = LOWERED.try_with(std::cell::Cell::take).unwrap_or_default();
    buf.clear();
    buf.push_str(src);
    buf.make_ascii_lowercase();
    let r = f(&buf);
    if buf.capacity() <= LOWERED_KEPT {
        // Gone only when the thread ends.
        let _ = LOWERED.try_with(|cell| cell.set(buf));
    }
    r
}

/// C007 on the file of `cx`, `lower` being its text in ASCII lower case:
/// every word's lower case is a slice of it.
fn check_lowered(cx: &Context<'_>, lower: &str, out: &mut Vec<Diagnostic>) {
    let digest = cx.digest;
    let src = cx.src;
    let mut reported = Reported::default();
    let mut counts = WordCounts::new(lower);
    let mut known = Vec::new();
    let mut buckets = Buckets::default();
    let mut cache = LineWords::new(digest, (src, lower));
    // Word lists kept between entries, so that reading words does not
    // allocate per line.
    let (mut korean, mut english) = (Vec::new(), Vec::new());
    for (entry, commentary) in cx.commentaries() {
        // Near misses between the two languages.
        if let Some(commentary) = commentary {
            for pair in commentary.pairs() {
                // The English words compared are those that may be a
                // near miss of one of the Korean paragraph's: its first
                // letter, and within two letters of its length.
                cache.gather(digest, (pair.korean, &EVERY_LENGTH), &mut korean);
                let lengths = near_lengths_of(&korean);
                cache.gather(digest, (pair.english, &lengths), &mut english);
                let (ko_name, en_name) = if pair.whole {
                    ("Korean commentary", "English commentary")
                } else {
                    ("Korean paragraph", "English paragraph")
                };
                // Each way round: the words of one side against the other's.
                let pair = (korean.as_slice(), english.as_slice());
                for (sides, theirs) in [(pair, en_name), ((pair.1, pair.0), ko_name)] {
                    let scratch = (&mut buckets, &mut reported);
                    compare(&mut counts, sides, theirs, false, scratch, out);
                }
            }
        }
        if let Some(title) = entry.title {
            let (title_words, abstract_words) = (&mut korean, &mut english);
            // A title's words are compared only with an abstract's;
            // else only those the list may hold are kept.
            let compared = if cx.config.check_abstracts {
                &EVERY_LENGTH
            } else {
                &NO_LENGTH
            };
            cache.gather(digest, (&[title], compared), title_words);
            // Abstract words that are near misses of the title's
            // words, when the configuration asks for them.
            if cx.config.check_abstracts {
                abstract_words.clear();
                let lines = digest.body_lines(entry, LineKind::Abstract);
                let title_words = title_words.as_slice();
                near_title_words(digest, (src, lower), (lines, title_words), abstract_words);
                let pair = (abstract_words.as_slice(), title_words);
                for (sides, theirs) in [(pair, "title"), ((pair.1, pair.0), "abstract")] {
                    let scratch = (&mut buckets, &mut reported);
                    compare(&mut counts, sides, theirs, true, scratch, out);
                }
            }
            check_known(title_words, &mut reported, &mut known, out);
        }
        // Known misspellings in the commentary and the tags (the words
        // of each tag: `#self-improvment` holds `self`, `improvment`).
        for &l in &entry.body {
            let kind = digest.lines.get(l).map(|line| line.kind);
            if matches!(kind, Some(LineKind::Korean | LineKind::English)) {
                let words = cache.of(digest, l, &NO_LENGTH);
                check_known(words, &mut reported, &mut known, out);
            }
        }
        if let Some(tags) = &entry.tags {
            check_known(
                cache.of(digest, tags.line, &NO_LENGTH),
                &mut reported,
                &mut known,
                out,
            );
        }
    }
    report_known((src, lower), &known, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rival<'s>(src: &'s str, word: &str, correction: &str) -> Option<&'s str> {
        rival_spellings((src, &src.to_ascii_lowercase()), &[(word, correction)])
            .into_iter()
            .next()
            .flatten()
    }

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
            // Eight letters, one changed: long enough to be a slip.
            ("basiline", "baseline"),
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
            // Another first letter, or the same word.
            ("training", "draining"),
            ("sparse", "parse"),
            ("normalization", "normalization"),
        ] {
            assert!(!near_miss(a, b), "{a} {b}");
        }
    }

    #[test]
    fn the_letter_bound_keeps_every_near_miss() {
        let word = |s: &'static str| Word {
            span: Span::default(),
            text: s,
            lower: s,
            letters: s.bytes().fold(0, |m, c| m | 1u32 << (c - b'a')),
            listed: false,
        };
        for (a, b) in [
            ("normlization", "normalization"),
            ("insturction", "instruction"),
            ("spase", "sparse"),
            ("prefence", "preference"),
            // Two edits from eight letters on: up to four letters differ.
            ("instruction", "instructive"),
        ] {
            assert!(may_be_near(&word(a), &word(b)), "{a} {b}");
        }
        assert!(!may_be_near(&word("model"), &word("mixer")));
        // One edit below eight letters: three letters differing is too many.
        assert!(!may_be_near(&word("tokens"), &word("tokenize")));
    }

    fn owned_word(s: &str) -> Word<'_> {
        Word {
            span: Span::default(),
            text: s,
            lower: s,
            letters: s
                .bytes()
                .fold(0, |m, c| m | 1u32 << (c.wrapping_sub(b'a') & 31)),
            listed: false,
        }
    }

    fn index_near(theirs: &[&str], word: &str) -> Vec<usize> {
        let theirs: Vec<Word<'_>> = theirs.iter().map(|s| owned_word(s)).collect();
        let mut near = Vec::new();
        NearIndex::new(&theirs).near(word.as_bytes(), &mut near);
        near
    }

    #[test]
    fn the_index_finds_slips_of_each_kind() {
        let theirs = [
            "normalization",
            "model",
            "sparse",
            "layer",
            "instruction",
            "nor",
        ];
        // Changed, left out, added, swapped; two edits in long words.
        assert_eq!(index_near(&theirs, "modal"), [1]);
        assert_eq!(index_near(&theirs, "spase"), [2]);
        assert_eq!(index_near(&theirs, "sparrse"), [2]);
        assert_eq!(index_near(&theirs, "layre"), [3]);
        assert_eq!(index_near(&theirs, "insturction"), [4]);
        assert_eq!(index_near(&theirs, "normliztion"), [0]);
        // Eight letters on both sides: two letters changed.
        assert_eq!(index_near(&["training"], "trsinimg"), [0]);
        // Two edits apart with a word under eight letters: not asked.
        assert_eq!(index_near(&theirs, "modsle"), Vec::<usize>::new());
        // Words under five letters are never near misses, so not indexed.
        assert_eq!(index_near(&theirs, "norm"), Vec::<usize>::new());
        // The side's words: what it writes, five letters or more.
        let theirs: Vec<Word<'_>> = theirs.iter().map(|s| owned_word(s)).collect();
        let index = NearIndex::new(&theirs);
        assert!(index.words.contains("layer") && !index.words.contains("nor"));
    }

    #[test]
    fn lengths_within_a_distance() {
        assert_eq!(lengths_within(6, 1), 0b111 << 5);
        assert_eq!(lengths_within(0, 1), 0b11);
        assert_eq!(lengths_within(62, 1), 0b111 << 61);
        assert_eq!(lengths_within(100, 1), 0b11 << 62);
        assert_eq!(lengths_within(6, 3), 0b111_1111 << 3);
        assert_eq!(lengths_within(1, 2), 0b1111);
    }

    #[test]
    fn the_lowered_buffer_is_reused_and_let_go_when_large() {
        // On a new thread, whose buffer starts empty and grows to exactly
        // what it is given.
        let kept_after = |len: usize| {
            std::thread::spawn(move || {
                let text = "A".repeat(len);
                let lowered = with_lowered(&text, |l| l.bytes().all(|c| c == b'a'));
                let kept = LOWERED.with(|b| {
                    let buf = b.take();
                    let capacity = buf.capacity();
                    b.set(buf);
                    capacity
                });
                (lowered, kept)
            })
            .join()
            .ok()
        };
        // A digest of a few hundred kilobytes keeps its buffer.
        assert_eq!(kept_after(300_000), Some((true, 300_000)));
        assert_eq!(kept_after(LOWERED_KEPT), Some((true, LOWERED_KEPT)));
        assert_eq!(kept_after(LOWERED_KEPT + 1), Some((true, 0)));
        // Asked again inside, a buffer of its own; the same byte offsets.
        let inner = with_lowered("Ab 한글 C", |outer| {
            with_lowered("Xy Z", |inner| format!("{outer}|{inner}"))
        });
        assert_eq!(inner, "ab 한글 c|xy z");
    }

    #[test]
    fn near_lengths_are_of_the_first_letter_within_two() {
        let words = ["sparse", "spare", "tok", "qwen", "routing"].map(owned_word);
        let lengths = near_lengths_of(&words);
        // `sparse` (6) and `spare` (5): lengths 3 to 8 of `s`; `routing`
        // (7): 5 to 9 of `r`.
        assert_eq!(lengths[usize::from(b's' - b'a')], 0b11_1111 << 3);
        assert_eq!(lengths[usize::from(b'r' - b'a')], 0b1_1111 << 5);
        // Words under five letters add nothing.
        assert_eq!(lengths.iter().filter(|&&m| m != 0).count(), 2);
        // Long words count as 63.
        let long = "a".repeat(70);
        assert_eq!(
            near_lengths_of(&[owned_word(&long)])[0],
            0b11 << 62 | 1 << 61
        );
    }

    #[test]
    fn only_words_near_a_partner_length_are_kept_for_comparison() {
        let src = "2025년 4월 25일\nT\n(A B)\n\
                   sparse spase spas sparsities sparsely routers\n";
        let digest = crate::syntax::parser::parse(src);
        let lower = src.to_ascii_lowercase();
        let korean = [owned_word("sparse")];
        let kept = |compared: &Lengths| {
            let mut out = Vec::new();
            words_into(&digest, (src, &lower), 3, compared, &mut out);
            out.iter().map(|w| w.text).collect::<Vec<_>>()
        };
        // Of `s`, five to eight letters (`sparsities` has ten); `spas`
        // is too short to compare.
        assert_eq!(
            kept(&near_lengths_of(&korean)),
            ["sparse", "spase", "sparsely"]
        );
        assert_eq!(kept(&NO_LENGTH), [] as [&str; 0]);
        assert_eq!(kept(&EVERY_LENGTH).len(), 5);
    }

    #[test]
    fn short_words_and_korean_are_skipped() {
        let src = "2025년 4월 25일\nT\n(A B)\n한국어 NVIDA의 a of modle 문장.\nx\n";
        let digest = crate::syntax::parser::parse(src);
        let lower = src.to_ascii_lowercase();
        let mut out = Vec::new();
        for l in 0..digest.lines.len() {
            words_into(&digest, (src, &lower), l, &EVERY_LENGTH, &mut out);
        }
        let texts: Vec<&str> = out.iter().map(|w| w.text).collect();
        assert!(texts.contains(&"NVIDA"), "{texts:?}");
        assert!(texts.contains(&"modle"), "{texts:?}");
        assert!(!texts.contains(&"of") && !texts.contains(&"a"), "{texts:?}");
    }

    /// Pseudo-random lowered lines of letters, spaces, digits, a hyphen
    /// and Hangul, up to 300 bytes, from a fixed sequence.
    fn random_lines() -> Vec<String> {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            state >> 33
        };
        let pieces = ["a", "b", "e", "z", " ", "1", "-", "한", "`", "{"];
        (0..400)
            .map(|_| {
                let len = next() % 300;
                let mut line = String::new();
                while line.len() < len as usize {
                    // Runs of letters more often than not, so that long
                    // words and words across 64-byte blocks occur.
                    let piece = pieces[(next() % 10) as usize];
                    let times = if piece.len() == 1 && piece.as_bytes()[0].is_ascii_lowercase() {
                        1 + next() % 12
                    } else {
                        1
                    };
                    for _ in 0..times {
                        line.push_str(piece);
                    }
                }
                line
            })
            .collect()
    }

    /// The runs of lowercase letters of `b`, one byte at a time.
    fn runs_one_byte_at_a_time(b: &[u8]) -> Vec<(usize, usize)> {
        let mut runs = Vec::new();
        let mut start = None;
        for (i, &c) in b.iter().chain([b' '].iter()).enumerate() {
            match (start, c.is_ascii_lowercase()) {
                (None, true) => start = Some(i),
                (Some(s), false) => {
                    runs.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        runs
    }

    fn runs_of<const MIN: u32>(b: &[u8], firsts: u32) -> Vec<(usize, usize)> {
        let mut runs = Vec::new();
        for_each_run::<MIN>(b, firsts, |s, e| runs.push((s, e)));
        runs
    }

    #[test]
    fn masks_agree_with_a_byte_at_a_time() {
        let reference = |b: &[u8], at: usize, firsts: u32| {
            let (mut letters, mut first) = (0u64, 0u64);
            for i in 0..64 {
                if let Some(&c) = b.get(at + i)
                    && c.is_ascii_lowercase()
                {
                    letters |= 1 << i;
                    first |= u64::from(firsts >> (c - b'a') & 1 == 1) << i;
                }
            }
            (letters, first)
        };
        // No first letter, one, eight (tested in the masks), nine and all
        // (every letter in the second mask).
        let sets = [
            0,
            1 << 25,
            0b1010_1010_1010_1010_1010_1010,
            0b1_1111_1111 << 9,
        ];
        for line in random_lines() {
            let b = line.as_bytes();
            for at in [
                0,
                1,
                63,
                64,
                65,
                b.len().saturating_sub(1),
                b.len(),
                b.len() + 7,
            ] {
                for set in sets {
                    let firsts = FirstLetters::new(set);
                    let expected = if firsts.tested.is_some() {
                        reference(b, at, set)
                    } else {
                        let letters = reference(b, at, 0).0;
                        (letters, letters)
                    };
                    assert_eq!(firsts.masks(b, at), expected, "{line} at {at}, {set:b}");
                }
                let all = reference(b, at, ALL_LETTERS);
                assert_eq!(all.0, all.1);
                assert_eq!(FirstLetters::new(ALL_LETTERS).masks(b, at), all, "{line}");
            }
        }
        // Every byte value, as letters or not, and at the ends of a block.
        let bytes: Vec<u8> = (0..=255).collect();
        for at in [0, 64, 128, 192] {
            assert_eq!(
                FirstLetters::new(ALL_LETTERS).masks(&bytes, at),
                reference(&bytes, at, ALL_LETTERS)
            );
            assert_eq!(
                FirstLetters::new(0b101).masks(&bytes, at),
                reference(&bytes, at, 0b101)
            );
        }
    }

    #[test]
    fn runs_are_read_as_one_byte_at_a_time_would() {
        let mut long = 0;
        // Runs that end anywhere near the end of the two blocks read at a
        // time, or go on past it.
        let ends = (0..70)
            .map(|pad| (pad, 120 + pad % 20))
            .chain([(0, 140), (64, 140), (0, 128), (64, 128)])
            .map(|(pad, len)| format!("{}{} b", " ".repeat(pad), "a".repeat(len)));
        for line in random_lines().into_iter().chain(ends) {
            let b = line.as_bytes();
            let all = runs_one_byte_at_a_time(b);
            let expect = |min: usize, firsts: u32| -> Vec<(usize, usize)> {
                all.iter()
                    .copied()
                    .filter(|&(s, e)| e - s >= min && firsts >> (b[s] - b'a') & 1 == 1)
                    .collect()
            };
            long += all.iter().filter(|&&(s, e)| e - s > 64).count();
            assert_eq!(
                runs_of::<1>(b, ALL_LETTERS),
                expect(1, ALL_LETTERS),
                "{line}"
            );
            assert_eq!(
                runs_of::<3>(b, ALL_LETTERS),
                expect(3, ALL_LETTERS),
                "{line}"
            );
            assert_eq!(runs_of::<4>(b, 0b10011), expect(4, 0b10011), "{line}");
            assert_eq!(runs_of::<6>(b, 1 << 25), expect(6, 1 << 25), "{line}");
            // Eight first letters are found in the masks, nine by a test
            // of each run.
            let (eight, nine) = (0b1010_1010_1010_1010_1010_1010, 0b1_1111_1111 << 9);
            assert_eq!(runs_of::<3>(b, eight), expect(3, eight), "{line}");
            assert_eq!(runs_of::<3>(b, nine), expect(3, nine), "{line}");
            // Asked of each run of six letters or more of the first
            // letters, in order.
            let mut asked = Vec::new();
            let mut given = Vec::new();
            let firsts = 0b0101_0101_0101_0101;
            for_each_run_where::<6>(
                b,
                firsts,
                |s, e| {
                    asked.push((s, e));
                    (e - s) % 2 == 0
                },
                |s, e| given.push((s, e)),
            );
            let six = expect(6, firsts);
            assert_eq!(asked.len(), six.len(), "{line}");
            let even: Vec<_> = six.into_iter().filter(|&(s, e)| (e - s) % 2 == 0).collect();
            assert_eq!(given, even, "{line}");
        }
        // Runs longer than a block were met (and followed to their end).
        assert!(long > 0);
    }

    #[test]
    fn one_reading_finds_each_asks_first_rival() {
        // `optiomal` has two rivals, `optimal` first and `optiomak` (`k`
        // beside `l`); `amout` none nearer than `amount`; `Recieve` none.
        // Each source read once for all its asks, in ASCII lower case too.
        let rivals = |src: &'static str, asks: &[(&str, &str)]| {
            rival_spellings((src, &src.to_ascii_lowercase()), asks)
        };
        let asks = [
            ("optiomal", "optional"),
            ("amout", "amount"),
            ("Recieve", "receive"),
            ("xq", "xz"),
        ];
        assert_eq!(
            rivals(
                "optimal, then optimally, optiomak and optimum; amount about recieve receive",
                &asks
            ),
            [Some("optimal"), None, None, None]
        );
        // A rival as long as the word; a word of another ask's first
        // letter (`pptiomal`, a slip of `p` for `o`) is not a rival.
        assert_eq!(
            rivals(
                "pptiomal, optiomak",
                &[("optiomal", "optional"), ("pefrom", "perform")]
            ),
            [Some("optiomak"), None]
        );
        assert_eq!(
            rivals(
                "Optimus and optimal",
                &[("optiomal", "optional"), ("optiomal", "optional")]
            ),
            [Some("optimal"), Some("optimal")]
        );
    }

    #[test]
    fn few_words_the_list_lacks_pass_the_filter() {
        // Made-up words of four to twelve letters from a fixed sequence:
        // nearly all are not in the list, and the filter lets through
        // about one in three hundred of those (0.37%).
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            state
        };
        let (mut unlisted, mut passed) = (0, 0);
        for _ in 0..100_000 {
            let mut word = String::new();
            for _ in 0..4 + (next() >> 60) % 9 {
                word.push(char::from(b'a' + ((next() >> 33) % 26) as u8));
            }
            if known_misspelling(&word).is_none() {
                unlisted += 1;
                passed += usize::from(may_be_listed(&word));
            }
        }
        assert!(unlisted > 99_000, "{unlisted}");
        assert!(passed * 250 < unlisted, "{passed} of {unlisted}");
    }

    #[test]
    fn words_are_read_the_same_wherever_eight_bytes_fall() {
        // Each shift moves every word against the eight-byte steps.
        for pad in 0..8 {
            let src = format!(
                "2025년 4월 25일\nT\n(A B)\n{}가 Sparse 학습된teh modle2 x abc (Mis)Fitting (Pruned){{x}} snake_Tokens \\Overfit Normlization, ab 한국어Quantizaiton\nx\n",
                "한".repeat(pad % 3) + &" ".repeat(pad)
            );
            let digest = crate::syntax::parser::parse(&src);
            let lower = src.to_ascii_lowercase();
            let mut out = Vec::new();
            for l in 0..digest.lines.len() {
                words_into(&digest, (&src, &lower), l, &EVERY_LENGTH, &mut out);
            }
            let texts: Vec<&str> = out.iter().map(|w| w.text).collect();
            assert_eq!(
                texts,
                // `abc`: under five letters and not in the list's filter;
                // `(Pruned)` is no prefix, with no letter after it (`{`
                // follows `z` in ASCII, but is no letter); words
                // glued to `_` or `\` are names and commands.
                [
                    "Sparse",
                    "teh",
                    "Fitting",
                    "Pruned",
                    "Normlization",
                    "Quantizaiton"
                ],
                "{pad}"
            );
            // The set of letters, `a` as bit 0, for five letters or more.
            for w in &out {
                let set = w.lower.bytes().fold(0, |m, c| m | 1 << (c - b'a'));
                let want = if w.lower.len() >= 5 { set } else { 0 };
                assert_eq!(w.letters, want, "{} {pad}", w.text);
            }
            assert_eq!(
                out.first().map(|w| w.letters),
                Some(0b110_1000_0000_0001_0001)
            );
        }
    }

    /// Slips of five letters are found on either side, among other words
    /// of the same first letter.
    #[test]
    fn slips_are_found_among_words_of_their_first_letter() {
        let messages = crate::rules::pair_messages(
            &["C007"],
            "가상의 sclae 방법과 spase 모델.",
            "Models that scale well, sparse and simple, sized small.",
        );
        assert_eq!(
            messages,
            [
                // Nothing tells which of the two is right.
                "`sclae` here and `scale` in the English paragraph are spelled differently",
                "`spase` may be misspelt: the English paragraph writes `sparse`"
            ]
        );
    }

    /// A slip two letters shorter or longer than the partner's spelling
    /// (two edits, for words of eight letters or more) is found either
    /// way round: the English words kept for comparison reach two letters
    /// either side of the Korean's.
    #[test]
    fn slips_two_letters_apart_in_length_are_found() {
        let found =
            |korean: &str, english: &str| crate::rules::pair_messages(&["C007"], korean, english);
        assert_eq!(
            found("가상의 normalization 방법.", "A new normlizaton step."),
            ["`normlizaton` may be misspelt: the Korean paragraph writes `normalization`"]
        );
        assert_eq!(
            found("가상의 normlizaton 방법.", "A new normalization step."),
            ["`normlizaton` may be misspelt: the English paragraph writes `normalization`"]
        );
    }

    /// A word the partner writes the same way is not a slip of another
    /// partner word, and a slip both sources know is reported once (with
    /// the partner's spelling).
    #[test]
    fn each_word_is_reported_once_and_not_when_the_partner_writes_it() {
        let found =
            |korean: &str, english: &str| crate::rules::pair_messages(&["C007"], korean, english);
        assert_eq!(
            found(
                "가상의 spase 모델.",
                "The spase model, sparse and sparse again."
            ),
            [] as [String; 0]
        );
        assert_eq!(
            found("가상의 recieve 방법.", "A way to receive it."),
            ["`recieve` may be misspelt: the English paragraph writes `receive`"]
        );
        // `scale` is in the first finding, beside `sclae`; the Korean's
        // other spelling is not made a second finding with it.
        assert_eq!(
            found("가상의 scaale 와 sclae 방법.", "A way to scale it."),
            ["`sclae` here and `scale` in the English paragraph are spelled differently"]
        );
    }

    /// The words C007 reports in an entry titled `Pruning Recurrent
    /// Decoders` with `abstract_text` and `english`, abstracts read or not.
    fn flagged_beside_an_abstract(
        abstract_text: &str,
        english: &str,
        check_abstracts: bool,
    ) -> Vec<String> {
        let src = format!(
            "2025년 4월 25일\nPruning Recurrent Decoders\n(Ann Lee)\n{abstract_text}\n\
             가상의 가지치기 방법.\n{english}\n#tag\n"
        );
        let config = crate::config::Config {
            check_abstracts,
            ..crate::rules::only(&["C007"])
        };
        crate::lint::check(&src, None, &config)
            .iter()
            .filter_map(|d| src.get(d.span.start..d.span.end))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn abstracts_are_read_only_when_asked() {
        // A slip in the abstract (`recurent`) and one in the commentary
        // (`recieve`): the second is reported either way.
        let found = |check_abstracts| {
            flagged_beside_an_abstract(
                "We prune recurent decoders.",
                "A made-up way to recieve pruned decoders.",
                check_abstracts,
            )
        };
        assert_eq!(found(false), ["recieve"]);
        assert_eq!(found(true), ["recurent", "recieve"]);
    }

    /// In an abstract only a slip written once and one edit from a title
    /// word counts: the paper may well write a word twice the way it means.
    #[test]
    fn an_abstracts_slip_is_one_edit_written_once() {
        let found = |abstract_text: &str| {
            flagged_beside_an_abstract(abstract_text, "A made-up way to prune decoders.", true)
        };
        assert_eq!(found("We prune recurent decoders."), ["recurent"]);
        assert_eq!(
            found("We prune recurent and recurent decoders."),
            [] as [String; 0]
        );
        assert_eq!(found("We prune recarrant decoders."), [] as [String; 0]);
    }

    /// A paragraph with many words of one first letter is read through
    /// the index and finds what a short one finds, and only that.
    /// (`Quantizaiton` is not in the list: only the comparison finds it.)
    #[test]
    fn many_words_of_one_letter_find_the_same_slips() {
        let found = |fillers: usize| {
            // Invented words of six letters starting with `q`, far from each
            // other and from `quantization`: `qxabzz` and `qzabww`.
            let filler = |i: usize, shape: fn(char, char) -> String| {
                let letter = |k: usize| char::from(b'a' + (k % 26) as u8);
                shape(letter(i), letter(i / 26))
            };
            let korean: Vec<String> = (0..fillers)
                .map(|i| filler(i, |a, b| format!("qx{a}{b}zz")))
                .collect();
            let english: Vec<String> = (0..fillers)
                .map(|i| filler(i, |a, b| format!("qz{a}{b}ww")))
                .collect();
            let src = format!(
                "2025년 4월 25일\nT\n(Ann Lee)\n가상의 Quantizaiton과 {} 설명.\n\
                 A made-up quantization, quick and {}.\n#tag\n",
                korean.join(" "),
                english.join(" ")
            );
            let config = crate::rules::only(&["C007"]);
            crate::lint::check(&src, None, &config)
                .iter()
                .filter_map(|d| src.get(d.span.start..d.span.end))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(found(0), ["Quantizaiton"]);
        assert_eq!(found(2 * NEAR_INDEX_FROM), ["Quantizaiton"]);
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
        assert_eq!(in_case_of("QUANTIZAITON", "Quantization"), "QUANTIZATION");
        assert_eq!(in_case_of("Quantizaiton", "quantization"), "Quantization");
    }

    #[test]
    fn a_word_hashes_the_same_inside_a_line() {
        // Whatever follows the word, and wherever the line ends.
        // Lengths of seven, eight (whole eight-byte steps, inside the line
        // and at its end), twelve, three, four, seventeen (past the two
        // eights read at once), sixteen, and five at the end of the line.
        let line = b"recieve, an acommodation; transformers teh sentence sentence; implemememntation, characterizations and words";
        for (start, end) in [
            (0, 7),
            (12, 24),
            (26, 38),
            (39, 42),
            (26, 30),
            (43, 51),
            (52, 60),
            (62, 79),
            (81, 97),
            (103, 108),
        ] {
            let word = &line[start..end];
            assert_eq!(word_hash_in(line, start, end), word_hash(word), "{start}");
            assert_eq!(word_hash_in(word, 0, word.len()), word_hash(word));
        }
        assert_ne!(word_hash(b"teh"), word_hash(b"the"));
    }

    #[test]
    fn abstract_words_kept_are_those_near_a_title_word() {
        // A six-letter title word with its third and fourth letters
        // swapped (`Vaccum`), a slip in a long one (`transfomers`), an
        // exact copy, and words that cannot be near a title word: another
        // last letter, too short, two letters longer.
        // `transformer` has the first letter, last letter and length of
        // title words, but not of one title word; `tides` is one letter
        // short of six.
        let src = "2025년 4월 25일\nVacuum Transformers for Tables and Tokenizer\n(Ann Lee)\n\
                   Vacuum and vaucum meet transfomers, transformer, Tables, tabled, tab, tides, vacuumss, \
                   vacuum, vaucum.\n\
                   한국어 문장.\nEnglish.\n#tag\n";
        let digest = crate::syntax::parser::parse(src);
        let lower = src.to_ascii_lowercase();
        let Some(entry) = digest.entries().next() else {
            panic!("no entry");
        };
        let lines: Vec<usize> = digest.body_lines(entry, LineKind::Abstract).collect();
        assert_eq!(lines.len(), 1);
        let mut title = Vec::new();
        if let Some(t) = entry.title {
            words_into(&digest, (src, &lower), t, &EVERY_LENGTH, &mut title);
        }
        let mut out = Vec::new();
        near_title_words(
            &digest,
            (src, &lower),
            (lines.into_iter(), &title),
            &mut out,
        );
        let texts: Vec<&str> = out.iter().map(|w| w.text).collect();
        // A title word met again (`vacuum`) is kept once; a near one
        // (`vaucum`) each time.
        assert_eq!(
            texts,
            ["Vacuum", "vaucum", "transfomers", "Tables", "vaucum"]
        );
    }

    #[test]
    fn the_filter_holds_every_listed_word() {
        let mut ascii = 0;
        for key in typos_dict::WORD.map.keys() {
            let key = key.into_inner();
            if key.bytes().all(|c| c.is_ascii_lowercase()) {
                ascii += 1;
                assert!(may_be_listed(key), "{key}");
                assert!(may_be_listed(&key.to_ascii_uppercase()), "{key}");
            } else {
                // The hash lowers only ASCII letters: a key of other
                // characters must not equal a word of ASCII letters, in
                // any case.
                assert!(!key.to_lowercase().bytes().all(|c| c.is_ascii_alphabetic()));
            }
        }
        assert!(ascii > 90_000, "{ascii}");
        // Words spelled right mostly miss the filter.
        let right = ["language", "receive", "model", "training", "the", "which"];
        assert!(right.iter().filter(|w| may_be_listed(w)).count() <= 1);
    }

    /// The whole optimal string alignment table, for checking the banded
    /// one.
    fn full_osa(a: &[u8], b: &[u8]) -> usize {
        let w = b.len() + 1;
        let mut d = vec![0usize; (a.len() + 1) * w];
        for i in 0..=a.len() {
            for j in 0..=b.len() {
                d[i * w + j] = if i == 0 || j == 0 {
                    i + j
                } else {
                    let cost = usize::from(a[i - 1] != b[j - 1]);
                    let mut v = (d[(i - 1) * w + j] + 1)
                        .min(d[i * w + j - 1] + 1)
                        .min(d[(i - 1) * w + j - 1] + cost);
                    if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                        v = v.min(d[(i - 2) * w + j - 2] + 1);
                    }
                    v
                };
            }
        }
        d[d.len() - 1]
    }

    #[test]
    fn the_banded_distance_agrees_with_the_whole_table() {
        // Every word of up to five letters over `abc`, against every other.
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        for len in 1..=5 {
            let mut next = Vec::new();
            for w in words.iter().filter(|w| w.len() == len - 1) {
                for c in b"abc" {
                    let mut v = w.clone();
                    v.push(*c);
                    next.push(v);
                }
            }
            words.extend(next);
        }
        assert_eq!(words.len(), 364);
        for a in &words {
            for b in &words {
                let full = full_osa(a, b);
                for max in 0..=3 {
                    let expected = (full <= max).then_some(full);
                    assert_eq!(distance(a, b, max), expected, "{a:?} {b:?} {max}");
                }
            }
        }
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance(b"normlization", b"normalization", 2), Some(1));
        assert_eq!(distance(b"abcd", b"abdc", 1), Some(1));
        assert_eq!(distance(b"", b"ab", 2), Some(2));
        assert_eq!(distance(b"kitten", b"sitting", 3), Some(3));
        assert_eq!(distance(b"kitten", b"sitting", 2), None);
        let long_a = "a".repeat(100) + "bc";
        let long_b = "a".repeat(100) + "cb";
        assert_eq!(distance(long_a.as_bytes(), long_b.as_bytes(), 1), Some(1));
        // Words that differ at both ends are measured whole: middles of 32
        // letters (the table on the stack) and of 72 (on the heap).
        for n in [30, 70] {
            let middle = "a".repeat(n);
            let (a, b) = (format!("x{middle}y"), format!("z{middle}w"));
            assert_eq!(distance(a.as_bytes(), b.as_bytes(), 2), Some(2), "{n}");
        }
    }

    /// The bound holds for pairs within `max` edits, letters and digits,
    /// and rules out pairs whose letters or digits differ more.
    #[test]
    fn letter_counts_bound_the_edits() {
        for (a, b, max, close) in [
            ("recieve", "receive", 1, true),
            ("kitten", "sitting", 3, true),
            ("qwen2", "qwen3", 1, true),
            ("abcdef", "uvwxyz", 1, false),
            ("abcdef", "abcxyz", 2, false),
            ("a1234", "a5678", 2, false),
            // Digits have slots of their own, apart from the letters'.
            ("ab99", "abrr", 1, false),
            ("a00", "aaa", 1, false),
            ("abc", "abd", 0, false),
        ] {
            assert_eq!(
                letters_close(a.as_bytes(), b.as_bytes(), max),
                close,
                "{a} {b} {max}"
            );
        }
    }

    #[test]
    fn the_list_knows_common_slips() {
        assert!(known_misspelling("recieve").is_some());
        assert!(known_misspelling("langauge").is_some());
        assert!(known_misspelling("language").is_none());
        assert!(known_misspelling("KV").is_none());
        // Three letters are enough; a capital after the first makes a name
        // (`TEh`, `ACN`), which the list is not asked about.
        assert_eq!(known_misspelling("teh"), Some(Corrections("the")));
        assert_eq!(known_misspelling("Teh"), Some(Corrections("the")));
        assert!(known_misspelling("TEh").is_none());
        assert!(known_misspelling("RECIEVE").is_none());
    }

    #[test]
    fn the_tables_hold_every_word_of_the_list_with_its_corrections() {
        let mut ascii = 0;
        for (key, corrections) in typos_dict::WORD.map.entries() {
            let key = key.into_inner();
            if !key.is_ascii() {
                continue;
            }
            ascii += 1;
            let found = look_up(key.as_bytes());
            assert_eq!(
                found.map(|c| c.all().collect::<Vec<_>>()),
                Some(corrections.to_vec()),
                "{key}"
            );
        }
        // One record per word of ASCII letters, and nothing else.
        assert_eq!(tables::OFFSETS.len() / 4 - 1, ascii);
        assert_eq!(record_start(ascii), Some(tables::RECORDS.len()));
        assert_eq!(record_start(ascii + 1), None);
    }

    #[test]
    fn the_tables_answer_as_the_list_does() {
        // Words of the list in several cases, words near them, words
        // before the first record and after the last, and a word that is
        // the start of a record's word.
        let mut words: Vec<String> = typos_dict::WORD
            .map
            .keys()
            .map(|k| k.into_inner())
            .filter(|k| k.is_ascii())
            .step_by(97)
            .flat_map(|k| {
                let mut first = k.to_string();
                first[..1].make_ascii_uppercase();
                [
                    k.to_string(),
                    first,
                    format!("{k}s"),
                    k[..k.len() - 1].to_string(),
                ]
            })
            .collect();
        words.extend(["aaa", "zzzzzzz", "the", "Teh", "recieve", "optiomal"].map(String::from));
        let mut listed = 0;
        for word in &words {
            let theirs = typos_dict::WORD
                .find(&unicase::UniCase::new(word.as_str()))
                .map(|c| c.to_vec());
            let ours = look_up(word.as_bytes()).map(|c| c.all().collect::<Vec<_>>());
            assert_eq!(ours, theirs, "{word}");
            listed += usize::from(ours.is_some());
        }
        // Both answers are met many times.
        assert!(listed > 1000 && words.len() - listed > 500, "{listed}");
    }

    #[test]
    fn corrections_are_one_or_several() {
        assert_eq!(Corrections("the").only(), Some("the"));
        assert_eq!(Corrections("the\tthen").only(), None);
        assert_eq!(
            Corrections("the\tthen").all().collect::<Vec<_>>(),
            ["the", "then"]
        );
    }

    #[test]
    fn a_spelling_of_the_file_as_near_as_the_lists_correction_is_a_rival() {
        // `optiomal` is one edit from the list's `optional` and one from
        // `optimal`, which the file writes.
        let src = "the optimal exponent; optiomal widths";
        assert_eq!(rival(src, "optiomal", "optional"), Some("optimal"));
        // Nothing as near: the list's correction stands.
        assert_eq!(
            rival("an optional optiomal flag", "optiomal", "optional"),
            None
        );
        assert_eq!(rival("we recieve it", "recieve", "receive"), None);
        // Farther than the list's correction: no rival.
        assert_eq!(rival("optimally optiomal", "optiomal", "optional"), None);
        // A letter left out (`amount`) is likelier than `b` for `m`, which
        // are not neighbours (`about`).
        assert_eq!(rival("about amout", "amout", "amount"), None);
        // A form of the correction is the list's choice to make.
        assert_eq!(rival("similar similary", "similary", "similarly"), None);
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
        // Two letters swapped further in.
        assert_eq!(slip_cost(b"optinoal", b"optional", 3), Some(1));
        assert_eq!(slip_cost(b"abc", b"xyz", 3), None);
    }

    /// [`right_spelling`] on the file `lower`, asked both ways: counting
    /// by search, and from the file's counted words (the searches spent).
    /// Both must answer alike.
    fn right(lower: &str, a: &str, b: &str) -> Option<bool> {
        let searched = right_spelling(&mut WordCounts::new(lower), a, b);
        let mut counted = WordCounts::new(lower);
        counted.counts.searches = IndexAfterSearches::<()>::SEARCHES;
        assert_eq!(right_spelling(&mut counted, a, b), searched, "{lower:?}");
        searched
    }

    #[test]
    fn the_more_frequent_spelling_wins() {
        let lower = "universal universal univeral";
        assert_eq!(right(lower, "universal", "Univeral"), Some(true));
        assert_eq!(right(lower, "Univeral", "universal"), Some(false));
        assert_eq!(right("a b", "DeepSeekMoE", "DeepSeekMode"), Some(true));
        assert_eq!(right("a b", "Likert", "Liker"), Some(true));
        assert_eq!(right("a b", "Quantizaiton", "quantization"), None);
        // The list outweighs the count.
        assert_eq!(right("recieve recieve", "recieve", "receive"), Some(false));
        assert_eq!(right("recieve recieve", "receive", "recieve"), Some(true));
    }

    #[test]
    fn words_are_counted_once_the_searches_are_spent() {
        let mut counts = WordCounts::new("model, models and model-free 가model");
        for _ in 0..IndexAfterSearches::<()>::SEARCHES {
            assert_eq!(counts.of("Model"), 3);
        }
        assert!(counts.counts.built.is_none());
        assert_eq!(counts.of("MODEL"), 3);
        assert!(counts.counts.built.is_some());
        assert_eq!(
            (counts.of("models"), counts.of("mode"), counts.of("free")),
            (1, 0, 1)
        );
    }

    proptest::proptest! {
        #[test]
        fn counted_words_agree_with_the_search(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["model", "models", "mode", " ", "-", "가", "1", "é", "_"]),
                0..24,
            ),
            word in proptest::sample::select(vec!["model", "models", "mode", "modelmodel"]),
        ) {
            let lower: String = pieces.concat();
            let counts = count_words(&lower);
            proptest::prop_assert_eq!(
                counts.get(word).copied().unwrap_or(0),
                word_count(&lower, word),
                "{:?} {}", lower, word
            );
        }

        /// Every word of a side that is a near miss of a word is among the
        /// index's answers, which are in the side's order: [`compare`]'s
        /// first near miss is the same whether it reads the whole group or
        /// the index's answers.
        #[test]
        fn the_index_keeps_every_near_miss(
            word in "[ab][abc]{4,11}",
            edits in proptest::collection::vec((0usize..4, 0usize..16, "[abc]"), 1..3),
            others in proptest::collection::vec("[ab][abc]{4,11}", 0..6),
        ) {
            // Each edit is one of the slips near_miss counts, so many of
            // the edited words are near misses of `word`.
            let mut v = word.clone().into_bytes();
            for (kind, at, c) in &edits {
                let at = at % v.len();
                let c = c.as_bytes()[0];
                match kind {
                    0 => v[at] = c,
                    1 => v.insert(at, c),
                    2 if v.len() > 1 => { v.remove(at); }
                    _ if at + 1 < v.len() => v.swap(at, at + 1),
                    _ => {}
                }
            }
            let edited = String::from_utf8(v).unwrap_or_default();
            let mut theirs: Vec<&str> = others.iter().map(String::as_str).collect();
            theirs.push(&edited);
            let found = index_near(&theirs, &word);
            proptest::prop_assert!(found.windows(2).all(|w| w[0] < w[1]));
            for (i, v) in theirs.iter().enumerate() {
                if near_miss(&word, v) {
                    proptest::prop_assert!(found.contains(&i), "{} {}: {:?}", word, v, found);
                }
            }
        }

        /// Asks repeated or sharing a first letter get what each would get
        /// asked alone.
        #[test]
        fn each_ask_gets_its_own_rival(
            asks in proptest::collection::vec(
                proptest::sample::select(vec![
                    ("optiomal", "optional"), ("Optiomal", "optional"), ("recieve", "receive"),
                    ("amout", "about"), ("teh", "the"),
                ]),
                0..6,
            ),
            text in proptest::sample::select(vec![
                "an optimal plan, received", "amount about the optimal", "", "optimal optional",
            ]),
        ) {
            let lower = text.to_ascii_lowercase();
            let together = rival_spellings((text, &lower), &asks);
            let alone: Vec<Option<&str>> = asks
                .iter()
                .map(|&ask| rival_spellings((text, &lower), &[ask]).first().copied().flatten())
                .collect();
            proptest::prop_assert_eq!(together, alone);
        }
    }
}
