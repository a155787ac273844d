//! Commentary (`C`) rules: the Korean and English commentary read as two
//! versions of one text.

use super::Rule;
use crate::syntax::{Digest, Entry, LineKind, Span};

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

/// Shortest paragraph, in characters of its comparison key, that C005
/// compares: short remarks (`흥미롭네요.`, `Interesting.`) recur on purpose.
pub(crate) const MIN_COPY_CHARS: usize = 30;

/// A commentary paragraph as C005 compares it: without its links, without
/// white space, in lower case (ASCII letters; other scripts have no case
/// that copies differ in), as a 64-bit FNV-1a hash and a length in
/// characters. Hashing as it reads keeps the comparison free of
/// allocations; two different paragraphs with one hash are not a concern
/// at the size of a run.
pub(crate) fn paragraph_key(digest: &Digest<'_>, line: usize) -> (u64, usize) {
    let Some(l) = digest.lines.get(line) else {
        return (0, 0);
    };
    let src = digest.src;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chars = 0;
    let mut previous_open = false;
    let mut push = |s: &str, hash: &mut u64, chars: &mut usize| {
        for c in s.chars() {
            // Above U+3000 (Hangul, CJK) no character is white space and
            // only U+FEFF is zero-width: one comparison for most Korean text.
            let skip = if c > '\u{3000}' {
                c == '\u{FEFF}'
            } else {
                c.is_whitespace() || crate::syntax::text::is_zero_width(c)
            };
            if skip {
                continue;
            }
            // `(https://...)` leaves `()` behind: an empty pair is dropped.
            if c == '(' {
                previous_open = true;
                continue;
            }
            if previous_open {
                previous_open = false;
                if c == ')' {
                    continue;
                }
                *hash = (*hash ^ u64::from(b'(')).wrapping_mul(0x0100_0000_01b3);
                *chars += 1;
            }
            let c = c.to_ascii_lowercase();
            *hash = (*hash ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3);
            *chars += 1;
        }
    };
    let mut at = l.text.start;
    for link in &l.links {
        push(
            Span::new(at, link.span.start.max(at)).text(src),
            &mut hash,
            &mut chars,
        );
        at = link.span.end.max(at);
    }
    push(
        Span::new(at, l.text.end.max(at)).text(src),
        &mut hash,
        &mut chars,
    );
    if previous_open {
        hash = (hash ^ u64::from(b'(')).wrapping_mul(0x0100_0000_01b3);
        chars += 1;
    }
    (hash, chars)
}

/// An entry's title as compared for "the same paper" (E008's key).
pub(crate) fn title_key(digest: &Digest<'_>, entry: &Entry) -> String {
    title_key_chars(digest, entry).collect()
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
    for (entry, e) in digest.entries().enumerate() {
        for &line in &e.body {
            let Some(l) = digest.lines.get(line) else {
                continue;
            };
            if !matches!(l.kind, LineKind::Korean | LineKind::English) || l.is_link_only(digest.src)
            {
                continue;
            }
            let (key, chars) = paragraph_key(digest, line);
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
    let mut seen: std::collections::HashMap<u64, (usize, usize)> = std::collections::HashMap::new();
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

/// Whether a pair holds a paragraph that is a copy: C001 and C002 leave
/// such a pair to C005, since the copy is the defect, not its links or
/// numbers.
pub(crate) fn holds_copy(pair: &Pair<'_>, copies: &[CopiedParagraph]) -> bool {
    !copies.is_empty()
        && pair
            .korean
            .iter()
            .chain(pair.english)
            .any(|l| copies.iter().any(|c| c.line == *l))
}
