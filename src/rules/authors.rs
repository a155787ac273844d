//! Authors line (`A`) rules, and how they read an authors line.
//!
//! The parser splits names at commas only. The rules read the line more
//! closely: `;` also separates names, and so does `and` where every name
//! around it looks like a person's name (`Alice Kim and Bob Lee`), but not
//! where it may be part of a name (`Institute of Science and Technology`).

use super::{Context, Rule};
use crate::syntax::{Authors, Span, text};

mod a001_malformed_authors;
mod a002_duplicate_author;
mod a003_authors_note;

pub static RULES: &[&dyn Rule] = &[
    &a001_malformed_authors::MalformedAuthors,
    &a002_duplicate_author::DuplicateAuthor,
    &a003_authors_note::AuthorsNote,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SepKind {
    /// `,` or a fullwidth `，` (the latter is W008's business).
    Comma,
    Semicolon,
    /// `and` between two names (`Alice Kim and Bob Lee`).
    And,
    /// `and` right after a comma (`Alice Kim, and Bob Lee`).
    AndAfterComma,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Separator {
    pub span: Span,
    pub kind: SepKind,
}

/// An authors line, read closely.
#[derive(Debug, Default)]
pub(crate) struct Reading {
    /// Between the parentheses (or to the end of the text when `)` is
    /// missing).
    pub inner: Span,
    /// The text between two punctuation separators (`,` `，` `;`), trimmed;
    /// empty where a name is missing.
    pub segments: Vec<Span>,
    /// Every separator in order, `and` included.
    pub separators: Vec<Separator>,
    /// The names: segments, split further at `and` where that is clear.
    pub names: Vec<Span>,
}

/// Lowercase words that occur inside personal names.
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el",
    "la", "le", "st.", "ten", "ter", "van", "von", "y", "zu",
];

/// Whether `words` look like one person's name: two to five words, each
/// capitalised (or an initial), bar name particles inside (`Ona de Gibert`).
fn person_like(words: &[(usize, &str)]) -> bool {
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    words.iter().enumerate().all(|(i, &(_, w))| {
        let capital = w
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase());
        let letters = w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'));
        letters && (capital || (i > 0 && i + 1 < words.len() && PARTICLES.contains(&w)))
    })
}

/// The words of `span` (split at white space) with where each starts, in
/// `out` (cleared first).
fn words_into<'s>(src: &'s str, span: Span, out: &mut Vec<(usize, &'s str)>) {
    out.clear();
    let text = span.text(src);
    out.extend(text.split_whitespace().map(|w| {
        // `w` is a slice of `text`: its offset in it.
        let at = w.as_ptr() as usize - text.as_ptr() as usize;
        (span.start + at, w)
    }));
}

/// The commas (`,` `，`) and semicolons of `text` outside parentheses, in
/// order: where each starts, its length and its kind. Only the bytes that
/// can start one of these or a parenthesis are looked at
/// ([`text::list_punctuation_at`]).
fn punctuation_separators(text: &str) -> impl Iterator<Item = (usize, usize, SepKind)> + '_ {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let i = at + b.get(at..).and_then(find_punctuation)?;
            let (mark, len) = text::list_punctuation_at(b, i).unwrap_or((0, 1));
            at = i + len;
            match mark {
                b'(' => depth += 1,
                b')' => depth = depth.saturating_sub(1),
                b',' if depth == 0 => return Some((i, len, SepKind::Comma)),
                b';' if depth == 0 => return Some((i, len, SepKind::Semicolon)),
                _ => {}
            }
        }
    })
}

/// The first byte of `b` that [`punctuation_separators`] looks at, sixteen
/// bytes at a time.
fn find_punctuation(b: &[u8]) -> Option<usize> {
    text::find_any_of(b, [b'(', b')', b',', b';', 0xEF])
}

fn trimmed(src: &str, span: Span) -> Span {
    let text = span.text(src);
    let start = span.start + (text.len() - text.trim_start().len());
    Span::new(start, start + text.trim().len())
}

/// Every authors line of the file, read.
pub(crate) fn readings<'a>(
    cx: &'a Context<'_>,
) -> impl Iterator<Item = (&'a Authors, Reading)> + 'a {
    cx.digest.entries().filter_map(move |entry| {
        let authors = entry.authors.as_ref()?;
        let line = cx.digest.lines.get(authors.line)?;
        Some((authors, read(cx.src, authors, line.text)))
    })
}

/// Reads the authors line `authors`, whose text is `line`.
pub(crate) fn read(src: &str, authors: &Authors, line: Span) -> Reading {
    let line_text = line.text(src);
    let text_end = line.start + line_text.trim_end().len();
    let inner = Span::new(
        authors.open.end.min(text_end),
        authors.close.map_or(text_end, |c| c.start),
    );
    // Room for every segment, separator and name from the start: no more
    // separators than bytes that can start one (`,`, `;`, the EF of `，`).
    let room = memchr::memchr3_iter(b',', b';', 0xEF, inner.text(src).as_bytes()).count() + 1;
    let mut reading = Reading {
        inner,
        segments: Vec::with_capacity(room),
        separators: Vec::with_capacity(room),
        names: Vec::with_capacity(room),
    };
    let mut from = inner.start;
    for (i, len, kind) in punctuation_separators(inner.text(src)) {
        let at = inner.start + i;
        reading.segments.push(trimmed(src, Span::new(from, at)));
        reading.separators.push(Separator {
            span: Span::new(at, at + len),
            kind,
        });
        from = at + len;
    }
    reading
        .segments
        .push(trimmed(src, Span::new(from, inner.end)));
    if reading.segments.len() == 1 && reading.segments[0].is_empty() {
        reading.segments.clear();
    }

    // One list of words, refilled for each segment: an authors line has
    // dozens of names, and a list per name was most of the reading's cost.
    let mut ws = Vec::new();
    for (index, &segment) in reading.segments.iter().enumerate() {
        words_into(src, segment, &mut ws);
        let mut rest = ws.as_slice();
        if let ([(at, "and"), _, ..], true) = (rest, index > 0) {
            reading.separators.push(Separator {
                span: Span::new(*at, at + "and".len()),
                kind: SepKind::AndAfterComma,
            });
            rest = rest.get(1..).unwrap_or_default();
        }
        let is_and = |w: &(usize, &str)| w.1 == "and";
        let split = rest.iter().any(is_and) && rest.split(is_and).all(person_like);
        let span_of = |part: &[(usize, &str)]| match (part.first(), part.last()) {
            (Some(first), Some(last)) => Some(Span::new(first.0, last.0 + last.1.len())),
            _ => None,
        };
        if split {
            for &(at, w) in rest.iter().filter(|w| is_and(w)) {
                reading.separators.push(Separator {
                    span: Span::new(at, at + w.len()),
                    kind: SepKind::And,
                });
            }
            reading.names.extend(rest.split(is_and).filter_map(span_of));
        } else {
            reading.names.extend(span_of(rest));
        }
    }
    // No two separators start at one place: an unstable sort puts them in
    // the one order there is, with no room set aside for the sort.
    reading.separators.sort_unstable_by_key(|s| s.span.start);
    reading
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parser::parse_authors;

    /// [`punctuation_separators`] as first written: every character read.
    fn punctuation_by_chars(text: &str) -> Vec<(usize, usize, SepKind)> {
        let mut out = Vec::new();
        let mut depth = 0usize;
        for (i, c) in text.char_indices() {
            let kind = match c {
                '(' | '（' => {
                    depth += 1;
                    None
                }
                ')' | '）' => {
                    depth = depth.saturating_sub(1);
                    None
                }
                ',' | '，' if depth == 0 => Some(SepKind::Comma),
                ';' if depth == 0 => Some(SepKind::Semicolon),
                _ => None,
            };
            if let Some(kind) = kind {
                out.push((i, c.len_utf8(), kind));
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn separators_found_by_search_are_those_read_one_by_one(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "(", ")", "（", "）", ",", "，", ";", "Ann Lee", " ", "가", "＃", "\u{FF0A}", "ü",
                ]),
                0..40,
            ),
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(
                punctuation_separators(&text).collect::<Vec<_>>(),
                punctuation_by_chars(&text)
            );
        }
    }

    fn names(line: &str) -> Vec<&str> {
        let authors = parse_authors(line, 0, 0);
        let r = read(line, &authors, Span::new(0, line.len()));
        r.names.iter().map(|s| s.text(line)).collect()
    }

    #[test]
    fn reads_names() {
        assert_eq!(names("(Ann Lee, Bo Kim)"), ["Ann Lee", "Bo Kim"]);
        assert_eq!(names("(Ann Lee; Bo Kim)"), ["Ann Lee", "Bo Kim"]);
        assert_eq!(
            names("(Ann Lee and Bo Kim and Ona de Gibert)"),
            ["Ann Lee", "Bo Kim", "Ona de Gibert"]
        );
        assert_eq!(names("(Ann Lee, and Bo Kim)"), ["Ann Lee", "Bo Kim"]);
        assert_eq!(
            names("(Institute of Science and Technology, Bo Kim)"),
            ["Institute of Science and Technology", "Bo Kim"]
        );
        assert_eq!(names("(Ann Lee, , Bo Kim,"), ["Ann Lee", "Bo Kim"]);
        assert_eq!(names("()"), Vec::<&str>::new());
        assert_eq!(names("(Lab (AIR), Bo Kim)"), ["Lab (AIR)", "Bo Kim"]);
    }

    #[test]
    fn separators_inside_parentheses_do_not_split() {
        assert_eq!(
            names("(Ann Lee (MIT, CMU), Bo Kim)"),
            ["Ann Lee (MIT, CMU)", "Bo Kim"]
        );
        assert_eq!(
            names("(Ann Lee (MIT; CMU); Bo Kim)"),
            ["Ann Lee (MIT; CMU)", "Bo Kim"]
        );
    }

    #[test]
    fn only_an_and_after_a_comma_that_starts_more_is_a_separator() {
        // `, and` before a name is the serial comma; `and` alone after a
        // comma, or at the start of the list, is text as written.
        assert_eq!(names("(Ann Lee, and)"), ["Ann Lee", "and"]);
        assert_eq!(names("(and Bo Kim, Ann Lee)"), ["and Bo Kim", "Ann Lee"]);
    }

    #[test]
    fn a_particle_stands_only_inside_a_name() {
        // `de` first or last is not a particle inside a name, so the part is
        // not a person's name and `and` does not split the segment.
        assert_eq!(names("(Ann Lee and de Gibert)"), ["Ann Lee and de Gibert"]);
        assert_eq!(names("(Ann Lee and Ona de)"), ["Ann Lee and Ona de"]);
        assert_eq!(
            names("(Ann Lee and Ona de Gibert)"),
            ["Ann Lee", "Ona de Gibert"]
        );
    }
}
