//! Commentary (`C`) rules: the Korean and English commentary read as two
//! versions of one text.

use super::Rule;
use crate::syntax::{Digest, Entry, LineKind, Span};

mod c001_unpaired_link;
mod c002_unpaired_number;
mod c003_not_english;
mod c004_latex_escape;

pub static RULES: &[&dyn Rule] = &[
    &c001_unpaired_link::UnpairedLink,
    &c002_unpaired_number::UnpairedNumber,
    &c003_not_english::NotEnglish,
    &c004_latex_escape::LatexEscape,
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
        let english_block: Vec<usize> = digest.body_lines(entry, LineKind::English).collect();
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
