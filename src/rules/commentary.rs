//! Commentary (`C`) rules: the Korean and English commentary read as two
//! versions of one text.

use super::Rule;
use crate::syntax::{Digest, Entry, LineKind, Span, text};

mod c001_unpaired_link;
mod c002_unpaired_number;
mod c003_not_english;
mod c004_latex_escape;
mod c005_copied_commentary;
mod c006_unpaired_term;
mod c007_misspelling;
mod c008_broken_hyphenation;

pub static RULES: &[&dyn Rule] = &[
    &c001_unpaired_link::UnpairedLink,
    &c002_unpaired_number::UnpairedNumber,
    &c003_not_english::NotEnglish,
    &c004_latex_escape::LatexEscape,
    &c005_copied_commentary::CopiedCommentary,
    &c006_unpaired_term::UnpairedTerm,
    &c007_misspelling::Misspelling,
    &c008_broken_hyphenation::BrokenHyphenation,
];

/// One unit of comparison: Korean lines and the English lines that say the
/// same thing (in file order).
pub(crate) struct Pair<'e> {
    pub korean: &'e [usize],
    pub english: &'e [usize],
    /// Whether the pair is a whole block (the entry's paragraph counts
    /// differ, which E006 reports) rather than paragraph *i* with *i*.
    pub whole: bool,
}

/// An entry's commentary, split the way the pairing rules compare it.
pub(crate) struct Commentary {
    /// Each Korean paragraph with the link-only lines that follow it.
    korean: Vec<Vec<usize>>,
    english: Vec<Vec<usize>>,
    /// The whole blocks, in file order.
    korean_block: Vec<usize>,
    english_block: Vec<usize>,
}

/// The paragraphs of one block. A line that is only a link is not a
/// paragraph (E006 does not count it either): it belongs with the paragraph
/// before it, or with the first one when it leads the block.
fn paragraphs(digest: &Digest<'_>, block: &[usize]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut leading = Vec::new();
    for &l in block {
        let link_only = digest
            .lines
            .get(l)
            .is_some_and(|line| line.is_link_only(digest.src));
        match groups.last_mut() {
            Some(group) if link_only => group.push(l),
            None if link_only => leading.push(l),
            _ => {
                let mut group = std::mem::take(&mut leading);
                group.push(l);
                groups.push(group);
            }
        }
    }
    if !leading.is_empty() {
        // A block of nothing but links.
        groups.push(leading);
    }
    groups
}

impl Commentary {
    /// The entry's Korean and English paragraphs; `None` when either block
    /// is missing (E003 and E004 say so; comparing with nothing would only
    /// repeat them once per link or number).
    pub fn of(digest: &Digest<'_>, entry: &Entry) -> Option<Self> {
        let korean_block: Vec<usize> = digest.body_lines(entry, LineKind::Korean).collect();
        // An abstract pasted after the commentary is not English commentary
        // (E010 reports it).
        let pasted = crate::rules::structure::misplaced_abstract(digest, entry);
        let english_block: Vec<usize> = digest
            .body_lines(entry, LineKind::English)
            .filter(|l| !pasted.contains(l))
            .collect();
        if korean_block.is_empty() || english_block.is_empty() {
            return None;
        }
        Some(Commentary {
            korean: paragraphs(digest, &korean_block),
            english: paragraphs(digest, &english_block),
            korean_block,
            english_block,
        })
    }

    /// Korean paragraph *i* with English paragraph *i* when the blocks have
    /// as many paragraphs; otherwise one pair of the two whole blocks.
    pub fn pairs(&self) -> Vec<Pair<'_>> {
        if self.korean.len() == self.english.len() {
            self.korean
                .iter()
                .zip(&self.english)
                .map(|(k, e)| Pair {
                    korean: k,
                    english: e,
                    whole: false,
                })
                .collect()
        } else {
            vec![Pair {
                korean: &self.korean_block,
                english: &self.english_block,
                whole: true,
            }]
        }
    }
}

/// The text span covering `lines` (the first line's start to the last line's
/// end), for labels on a paragraph or a block.
pub(crate) fn lines_span(digest: &Digest<'_>, lines: &[usize]) -> Span {
    let span_of = |l: &usize| digest.lines.get(*l).map(|line| line.text);
    match (
        lines.first().and_then(span_of),
        lines.last().and_then(span_of),
    ) {
        (Some(a), Some(b)) => a.cover(b),
        _ => Span::default(),
    }
}

/// How to name a side in messages: "Korean paragraph", "English block".
pub(crate) fn side_name(korean: bool, whole: bool) -> &'static str {
    match (korean, whole) {
        (true, false) => "Korean paragraph",
        (true, true) => "Korean commentary",
        (false, false) => "English paragraph",
        (false, true) => "English commentary",
    }
}

/// An index of a file that a rule builds only after answering
/// [`Self::SEARCHES`] questions by searching the file: most files ask a
/// handful, for which searching is cheaper than reading the file into an
/// index, and a file that asks thousands pays for one reading instead of
/// a search each (C007's word counts, C008's written words).
pub(crate) struct IndexAfterSearches<T> {
    pub(crate) searches: usize,
    pub(crate) built: Option<T>,
}

impl<T> IndexAfterSearches<T> {
    pub(crate) const SEARCHES: usize = 16;

    pub(crate) fn new() -> Self {
        IndexAfterSearches {
            searches: 0,
            built: None,
        }
    }

    /// `None` while the next question is to be answered by a search (and
    /// counted as one); then the index, built by `build` the first time.
    pub(crate) fn get(&mut self, build: impl FnOnce() -> T) -> Option<&T> {
        if self.built.is_none() {
            if self.searches < Self::SEARCHES {
                self.searches += 1;
                return None;
            }
            self.built = Some(build());
        }
        self.built.as_ref()
    }
}

/// Shortest paragraph, in characters of its comparison key, that C005
/// compares: short remarks (`흥미롭네요.`, `Interesting.`) recur on purpose.
pub(crate) const MIN_COPY_CHARS: usize = 30;

/// A commentary paragraph as C005 compares it: without its links, without
/// white space, in lower case (ASCII letters; other scripts have no case
/// that copies differ in), and without the `()` a link leaves behind, as
/// a 64-bit hash and a length in characters. What is kept is gathered in
/// `kept` (a buffer kept between paragraphs) and hashed ([`key_hash`]);
/// two different paragraphs with one hash are not a concern at the size of
/// a run.
pub(crate) fn paragraph_key(digest: &Digest<'_>, line: usize, kept: &mut Vec<u8>) -> (u64, usize) {
    kept.clear();
    let Some(l) = digest.lines.get(line) else {
        return (0, 0);
    };
    let src = digest.src;
    let mut open = false;
    let mut at = l.text.start;
    for link in &l.links {
        keep_for_key(
            Span::new(at, link.span.start.max(at)).text(src),
            &mut open,
            kept,
        );
        at = link.span.end.max(at);
    }
    keep_for_key(Span::new(at, l.text.end.max(at)).text(src), &mut open, kept);
    if open {
        kept.push(b'(');
    }
    let (hash, continuing) = key_hash(kept);
    (hash, kept.len() - continuing)
}

/// The hash of the bytes `kept`, and how many of them continue a
/// character (`10xxxxxx`), eight bytes at a time. Thirty-two bytes a step
/// go to four hashes side by side, since one chain of hashes waits on
/// each multiplication; then the rest, eight at a time.
fn key_hash(kept: &[u8]) -> (u64, usize) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit set and the next one clear; a zero byte is neither.
    let continuing = |x: u64| (x & !(x << 1) & HIGH).count_ones() as usize;
    let eight = |chunk: &[u8]| {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        u64::from_le_bytes(eight)
    };
    let mut count = 0;
    let mut lanes = [0u64; 4];
    let mut blocks = kept.chunks_exact(32);
    for block in &mut blocks {
        for (lane, chunk) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            let x = eight(chunk);
            count += continuing(x);
            *lane = key_mix(*lane, x);
        }
    }
    let mut hash = lanes.iter().fold(0, |hash, &lane| key_mix(hash, lane));
    let mut chunks = blocks.remainder().chunks_exact(8);
    for chunk in &mut chunks {
        let x = eight(chunk);
        count += continuing(x);
        hash = key_mix(hash, x);
    }
    let rest = chunks.remainder();
    let last = rest.iter().rev().fold(0u64, |x, &b| x << 8 | u64::from(b));
    count += continuing(last);
    // The length sets apart keys that differ only by trailing zero bytes.
    (key_mix(key_mix(hash, last), kept.len() as u64), count)
}

fn key_mix(hash: u64, x: u64) -> u64 {
    (hash ^ x)
        .wrapping_mul(0x9e37_79b9_7f4a_7c15)
        .rotate_left(29)
}

/// What a byte is to [`keep_for_key`]: kept (in lower case) or dropped,
/// or one to look at closer (`(`, `)`, and the first bytes of the only
/// characters that can be white space or zero-width: U+0085, U+00A0,
/// U+1680, U+2000 to U+2060, U+3000 and U+FEFF). Per byte, its class in
/// the high byte and its lower case in the low one.
const KEY_KEEP: u16 = 0;
const KEY_DROP: u16 = 1;
const KEY_LOOK: u16 = 2;

static KEY_BYTES: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        let class = match c {
            b' ' | b'\t'..=b'\r' => KEY_DROP,
            b'(' | b')' | 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => KEY_LOOK,
            _ => KEY_KEEP,
        };
        t[b] = class << 8 | c.to_ascii_lowercase() as u16;
        b += 1;
    }
    t
};

/// Appends to `kept` what [`paragraph_key`] keeps of `s`. `open`: a `(`
/// was read and waits for the next character kept: a `)` drops both.
/// A byte at a time through [`KEY_BYTES`]: each byte's lower case is
/// written at `n`, which moves on only for a byte kept, so the common
/// bytes take no branch but the one for a byte to look at closer (rare:
/// `(`, `)` and a few first bytes). Reading sixteen bytes at a time into
/// masks was tried and was slower: prose drops a space every few bytes.
fn keep_for_key(s: &str, open: &mut bool, kept: &mut Vec<u8>) {
    let b = s.as_bytes();
    let mut n = kept.len();
    // Room for every byte, for a `(` read before `s` began, and for the
    // whole eight bytes that a step of eight writes.
    kept.resize(n + b.len() + 8, 0);
    let mut i = 0;
    while i < b.len() {
        if !*open {
            // Eight bytes at a time, while none of them is to be looked at
            // closer: a step writes all eight at `n` and moves `n` on past
            // those kept. A step that meets a byte to look at is undone
            // (`n` stays) and left to the loop below.
            while let (Some(eight), Some(to)) = (
                b.get(i..i + 8),
                kept.get_mut(n..).and_then(|to| to.first_chunk_mut::<8>()),
            ) {
                let (mut m, mut classes) = (0, 0);
                for &c in eight {
                    let entry = KEY_BYTES.get(usize::from(c)).copied().unwrap_or(0);
                    // `m` is at most the number of bytes before this one.
                    to[m & 7] = entry as u8;
                    m += usize::from(entry >> 8 == KEY_KEEP);
                    classes |= entry;
                }
                if classes >> 8 & KEY_LOOK != 0 {
                    break;
                }
                n += m;
                i += 8;
            }
            while let Some(&c) = b.get(i) {
                let entry = KEY_BYTES.get(usize::from(c)).copied().unwrap_or(0);
                let class = entry >> 8;
                if class == KEY_LOOK {
                    break;
                }
                if let Some(slot) = kept.get_mut(n) {
                    *slot = entry as u8;
                }
                n += usize::from(class == KEY_KEEP);
                i += 1;
            }
        }
        i = keep_one(b, i, open, kept, &mut n);
    }
    kept.truncate(n);
}

/// [`keep_for_key`] on the byte of `b` at `i`, or on the character that
/// starts there: writes what is kept at `n` in `kept` (which has room).
/// Returns where the next byte or character starts.
fn keep_one(b: &[u8], i: usize, open: &mut bool, kept: &mut [u8], n: &mut usize) -> usize {
    let put = |kept: &mut [u8], n: &mut usize, byte: u8| {
        if let Some(slot) = kept.get_mut(*n) {
            *slot = byte;
            *n += 1;
        }
    };
    let Some(&c) = b.get(i) else {
        return b.len();
    };
    let entry = KEY_BYTES.get(usize::from(c)).copied().unwrap_or(0);
    let class = entry >> 8;
    if class != KEY_LOOK && !*open {
        if let Some(slot) = kept.get_mut(*n) {
            *slot = entry as u8;
        }
        *n += usize::from(class == KEY_KEEP);
        return i + 1;
    }
    if class == KEY_DROP {
        return i + 1;
    }
    // A character to look at closer, or the first kept after a `(`.
    let len = match c {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let Some(bytes) = b.get(i..i + len) else {
        return b.len();
    };
    if class == KEY_LOOK
        && std::str::from_utf8(bytes)
            .ok()
            .and_then(|ch| ch.chars().next())
            .is_some_and(|ch| ch.is_whitespace() || crate::syntax::text::is_zero_width(ch))
    {
        return i + len;
    }
    match (std::mem::take(open), c) {
        (was_open, b'(') => {
            if was_open {
                put(kept, n, b'(');
            }
            *open = true;
        }
        (true, b')') => {}
        (was_open, _) => {
            if was_open {
                put(kept, n, b'(');
            }
            for &byte in bytes {
                put(kept, n, byte.to_ascii_lowercase());
            }
        }
    }
    i + len
}

/// An entry's title as compared for "the same paper" (E008's key).
pub(crate) fn title_key(digest: &Digest<'_>, entry: &Entry) -> String {
    let title = entry.title.map(|t| digest.line_text(t)).unwrap_or_default();
    text::lowercase_without(title, char::is_whitespace)
}

/// The characters of [`title_key`]: the title without white space, in
/// lower case (none without a title).
pub(crate) fn title_key_chars<'d>(
    digest: &'d Digest<'_>,
    entry: &Entry,
) -> impl Iterator<Item = char> + 'd {
    entry
        .title
        .map(|t| digest.line_text(t))
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
}

/// A Korean or English paragraph long enough to compare for copies: the
/// index of its entry among the digest's entries, its line and its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Comparable {
    pub entry: usize,
    pub line: usize,
    pub key: u64,
}

/// The Korean and English paragraphs long enough to compare for copies,
/// in file order. Rules ask [`crate::rules::Context::comparable_paragraphs`],
/// which reads them once per file for C005 within the file, C005 across
/// files, C001 and C002.
pub(crate) fn comparable_paragraphs(digest: &Digest<'_>) -> Vec<Comparable> {
    let mut out = Vec::new();
    let mut kept = Vec::new();
    for (entry, e) in digest.entries().enumerate() {
        for &line in &e.body {
            let Some(l) = digest.lines.get(line) else {
                continue;
            };
            if !matches!(l.kind, LineKind::Korean | LineKind::English) || l.is_link_only(digest.src)
            {
                continue;
            }
            let (key, chars) = paragraph_key(digest, line, &mut kept);
            if chars >= MIN_COPY_CHARS {
                out.push(Comparable { entry, line, key });
            }
        }
    }
    out
}

/// A paragraph that repeats one of an earlier entry of the same file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CopiedParagraph {
    pub line: usize,
    pub original: usize,
}

/// The paragraphs of `comparable` (see [`comparable_paragraphs`]) that
/// copy a paragraph of an earlier entry (not of the same paper: a paper
/// written twice is E008's finding). Rules ask
/// [`crate::rules::Context::copied_paragraphs`], which keeps the answer for
/// the file.
pub(crate) fn copied_paragraphs(
    digest: &Digest<'_>,
    comparable: &[Comparable],
) -> Vec<CopiedParagraph> {
    // Key -> (entry, line) of the paragraph's first appearance. Titles are
    // read only when two entries share a key.
    let mut seen: rustc_hash::FxHashMap<u64, (usize, usize)> = rustc_hash::FxHashMap::default();
    let mut entries: Option<Vec<&Entry>> = None;
    let mut out = Vec::new();
    for p in comparable {
        match seen.get(&p.key) {
            Some(&(first, original)) if first != p.entry => {
                let entries = entries.get_or_insert_with(|| digest.entries().collect());
                let title = |e: usize| {
                    entries
                        .get(e)
                        .map(|e| title_key(digest, e))
                        .unwrap_or_default()
                };
                let first_title = title(first);
                if first_title.is_empty() || first_title != title(p.entry) {
                    out.push(CopiedParagraph {
                        line: p.line,
                        original,
                    });
                }
            }
            Some(_) => {}
            None => {
                seen.insert(p.key, (p.entry, p.line));
            }
        }
    }
    out
}

/// C005's description, for [`crate::rules::Context::copied_paragraphs`].
pub(crate) fn copied_commentary_meta() -> &'static crate::rules::RuleMeta {
    c005_copied_commentary::CopiedCommentary.meta()
}

/// Whether a pair holds a paragraph that is a copy: C001 and C002 leave
/// such a pair to C005, since the copy is the defect, not its links or
/// numbers (`copies` is empty while C005 is off).
pub(crate) fn holds_copy(pair: &Pair<'_>, copies: &[CopiedParagraph]) -> bool {
    !copies.is_empty()
        && pair
            .korean
            .iter()
            .chain(pair.english)
            .any(|l| copies.iter().any(|c| c.line == *l))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line that is only a link joins the paragraph before it, or the
    /// first one when it leads; a block of links alone is one paragraph.
    #[test]
    fn links_alone_join_a_paragraph() {
        let src = "2025년 4월 25일\nT\n(A B)\nhttps://example.org/a\n가나\n\
                   https://example.org/b\n다라\nOne.\n#t\n";
        let digest = crate::syntax::parser::parse(src);
        assert_eq!(paragraphs(&digest, &[3, 4, 5, 6]), [vec![3, 4, 5], vec![6]]);
        assert_eq!(paragraphs(&digest, &[4, 6, 7]), [vec![4], vec![6], vec![7]]);
        assert_eq!(paragraphs(&digest, &[3, 5]), [vec![3, 5]]);
        assert_eq!(paragraphs(&digest, &[]), [] as [Vec<usize>; 0]);
    }

    /// What [`keep_for_key`] keeps of `s`, one character at a time.
    fn kept_one_char_at_a_time(s: &str) -> String {
        let mut out = String::new();
        let mut open = false;
        for c in s.chars() {
            if c.is_whitespace() || crate::syntax::text::is_zero_width(c) {
                continue;
            }
            match (std::mem::take(&mut open), c) {
                (was_open, '(') => {
                    if was_open {
                        out.push('(');
                    }
                    open = true;
                }
                (true, ')') => {}
                (was_open, c) => {
                    if was_open {
                        out.push('(');
                    }
                    out.push(c.to_ascii_lowercase());
                }
            }
        }
        if open {
            out.push('(');
        }
        out
    }

    #[test]
    fn a_key_keeps_what_one_character_at_a_time_keeps() {
        let pieces = [
            "a",
            "Q",
            " ",
            "\t",
            "(",
            ")",
            "한",
            "\u{a0}",
            "\u{85}",
            "\u{200b}",
            "\u{2028}",
            "\u{2010}",
            "\u{3000}",
            "\u{3001}",
            "\u{feff}",
            "\u{ff08}",
            "é",
            "\u{1680}",
            "\u{1f600}",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) as usize
        };
        // Short strings of every piece, then long ones of mostly letters
        // and spaces, with a piece to look at closer here and there.
        for round in 0..4000 {
            let s: String = if round < 2000 {
                (0..next() % 40)
                    .map(|_| pieces[next() % pieces.len()])
                    .collect()
            } else {
                (0..next() % 200)
                    .map(|_| match next() % 40 {
                        0..=19 => "ab",
                        20..=29 => "Q",
                        30..=35 => " ",
                        36 => "\n",
                        _ => pieces[next() % pieces.len()],
                    })
                    .collect()
            };
            // Read alone, and after a piece that ended in `(` (a link
            // splits a paragraph into pieces).
            for before in [false, true] {
                let mut kept = Vec::new();
                let mut open = before;
                keep_for_key(&s, &mut open, &mut kept);
                if open {
                    kept.push(b'(');
                }
                let whole = if before { format!("({s}") } else { s.clone() };
                assert_eq!(
                    String::from_utf8_lossy(&kept),
                    kept_one_char_at_a_time(&whole),
                    "{whole:?}"
                );
            }
        }
    }

    #[test]
    fn the_key_hash_counts_characters_and_hears_every_byte_in_place() {
        let text = "가나다 Sparse 모델을 reads (tokens) in order: 라마바사 the end.";
        let bytes = text.as_bytes();
        for len in 0..=bytes.len() {
            let Some(kept) = bytes.get(..len) else {
                continue;
            };
            // Cut inside a character, the count is of the characters begun.
            let begun = kept.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            let (hash, continuing) = key_hash(kept);
            assert_eq!(len - continuing, begun, "{len}");
            // Any one byte changed, or two bytes of different places
            // swapped (in one hash of the four or in two), changes the hash.
            for at in 0..len {
                let mut changed = kept.to_vec();
                changed[at] ^= 0x01;
                assert_ne!(key_hash(&changed).0, hash, "{len} {at}");
                for other in [at + 1, at + 8, at + 24] {
                    if other < len && kept[other] != kept[at] {
                        let mut swapped = kept.to_vec();
                        swapped.swap(at, other);
                        assert_ne!(key_hash(&swapped).0, hash, "{len} {at} {other}");
                    }
                }
            }
        }
        // Trailing zero bytes are bytes of the key too.
        assert_ne!(
            key_hash(&[b'a'; 32]).0,
            key_hash(&[&[b'a'; 32][..], &[0]].concat()).0
        );
    }

    #[test]
    fn a_paragraph_repeated_in_its_own_entry_is_no_copy() {
        // An entry with no title (an authors line first, E001) that writes
        // its Korean paragraph twice: no other entry's paragraph is copied.
        let src = "2025년 4월 25일\n\
                   (Ann Lee, Bo Kim)\n\
                   이 논문은 작은 언어 모델을 아주 빠르게 학습하는 새로운 방법을 제안합니다.\n\
                   이 논문은 작은 언어 모델을 아주 빠르게 학습하는 새로운 방법을 제안합니다.\n\
                   This paper proposes a new way to train small models quickly.\n\
                   #training\n";
        let digest = crate::syntax::parser::parse(src);
        let entries: Vec<_> = digest.entries().collect();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries.first().and_then(|e| e.title), None);
        let comparable = comparable_paragraphs(&digest);
        // Both Korean lines are compared, with one key.
        let korean: Vec<_> = comparable
            .iter()
            .filter(|p| p.line == 2 || p.line == 3)
            .collect();
        assert_eq!(korean.len(), 2);
        assert_eq!(korean.first().map(|p| p.key), korean.last().map(|p| p.key));
        assert_eq!(copied_paragraphs(&digest, &comparable), []);
    }

    #[test]
    fn copies_share_a_key_up_to_spaces_case_and_links() {
        let src = "2025년 4월 25일\n\
                   Some Title\n\
                   (Ann Lee)\n\
                   이 논문은 Sparse 모델을 (https://example.com/a) 다룹니다.\n\
                   이 논문은 sparse  모델을 () 다룹니다.\n\
                   이 논문은 sparse 모델을 다룹니다. \n\
                   이 논문은 sparse 모델을 다룹니까.\n\
                   이 논문은 sparse 모델을 다룹니다.\u{0}\n\
                   이 논문은 sparse 모델을 다룹니다.ab\n\
                   이 논문은 sparse 모델을 다룹니다.ac\n\
                   #tag\n";
        let digest = crate::syntax::parser::parse(src);
        let mut kept = Vec::new();
        let keys: Vec<(u64, usize)> = (3..10)
            .map(|l| paragraph_key(&digest, l, &mut kept))
            .collect();
        // `이논문은sparse모델을다룹니다.`: 4 + 6 + 3 + 4 + 1 characters.
        assert_eq!(keys[0].1, 18);
        assert_eq!(keys[0], keys[1]);
        assert_eq!(keys[0], keys[2]);
        assert_ne!(keys[0].0, keys[3].0);
        assert_eq!(keys[3].1, 18);
        // A NUL byte kept at the end is not the end of the text.
        assert_ne!(keys[0].0, keys[4].0);
        assert_eq!(keys[4].1, 19);
        // Kept bytes past the last eight (40 here) count, each of them.
        assert_ne!(keys[5].0, keys[6].0);
        assert_ne!(keys[0].0, keys[5].0);
    }
}
