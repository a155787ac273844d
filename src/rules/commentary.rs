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
/// same thing.
pub(crate) struct Pair<'e> {
    pub korean: &'e [usize],
    pub english: &'e [usize],
    /// Whether the pair is a whole block (the entry's paragraph counts
    /// differ, which E006 reports) rather than paragraph *i* with *i*.
    pub whole: bool,
}

/// An entry's commentary, split the way the pairing rules compare it.
pub(crate) struct Commentary {
    korean: Vec<usize>,
    english: Vec<usize>,
}

impl Commentary {
    /// The entry's Korean and English paragraphs; `None` when either block
    /// is missing (E003 and E004 say so; comparing with nothing would only
    /// repeat them once per link or number).
    pub fn of(digest: &Digest<'_>, entry: &Entry) -> Option<Self> {
        let korean: Vec<usize> = digest.body_lines(entry, LineKind::Korean).collect();
        let english: Vec<usize> = digest.body_lines(entry, LineKind::English).collect();
        (!korean.is_empty() && !english.is_empty()).then_some(Commentary { korean, english })
    }

    /// Korean paragraph *i* with English paragraph *i* when the blocks have
    /// as many paragraphs; otherwise one pair of the two whole blocks.
    pub fn pairs(&self) -> Vec<Pair<'_>> {
        if self.korean.len() == self.english.len() {
            self.korean
                .iter()
                .zip(&self.english)
                .map(|(k, e)| Pair {
                    korean: std::slice::from_ref(k),
                    english: std::slice::from_ref(e),
                    whole: false,
                })
                .collect()
        } else {
            vec![Pair {
                korean: &self.korean,
                english: &self.english,
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
