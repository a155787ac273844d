//! The lossless syntax tree of a digest.
//!
//! The tree is flat and line based: [`Digest::lines`] holds one [`Line`] per
//! physical line, and the lines' full ranges tile the input exactly (a
//! byte-order mark belongs to the first line, a line terminator to the line
//! it ends). Every line belongs to exactly one top-level [`Item`]: the date
//! header, an [`Entry`], a blank line between entries, or a stray line.

use serde::Serialize;

/// A byte range `start..end` into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Whether the byte at `at` lies inside the span (`start` included,
    /// `end` not).
    pub const fn contains(self, at: usize) -> bool {
        self.start <= at && at < self.end
    }

    /// This span moved right by `offset` bytes.
    pub const fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    pub fn text(self, src: &str) -> &str {
        src.get(self.start..self.end).unwrap_or("")
    }
}

/// How a line is terminated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum LineEnd {
    /// The last line of a file without a final newline.
    None,
    Lf,
    CrLf,
    /// A lone carriage return (old Mac style).
    Cr,
}

impl LineEnd {
    /// How many bytes the terminator takes.
    pub const fn byte_len(self) -> usize {
        match self {
            LineEnd::None => 0,
            LineEnd::Lf | LineEnd::Cr => 1,
            LineEnd::CrLf => 2,
        }
    }
}

/// The role a line plays in the digest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum LineKind {
    /// Empty or white space only.
    Blank,
    /// The date header (`2025년 4월 25일`), in any shape the parser could read.
    Header,
    Title,
    Authors,
    /// An English line between the authors and the commentary.
    Abstract,
    Korean,
    English,
    Tags,
    /// A line that belongs to no entry.
    Stray,
}

/// One physical line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    /// Where the line starts, including a byte-order mark on the first line.
    pub start: usize,
    /// The line's text, without the terminator (and without a byte-order mark).
    pub text: Span,
    pub end: LineEnd,
    pub kind: LineKind,
    /// Links found in the line's text.
    pub links: Vec<Link>,
}

impl Line {
    /// The whole line: mark, text and terminator. These tile the input.
    pub const fn full(&self) -> Span {
        Span::new(self.start, self.text.end + self.end.byte_len())
    }

    /// The line terminator's bytes.
    pub const fn terminator(&self) -> Span {
        Span::new(self.text.end, self.text.end + self.end.byte_len())
    }

    /// Whether the line holds one link and nothing else (maybe inside
    /// parentheses or followed by punctuation). Such a line belongs to
    /// neither language: it takes the role of the block it sits in, but it
    /// is not a paragraph of commentary.
    pub fn is_link_only(&self, src: &str) -> bool {
        let [link] = self.links.as_slice() else {
            return false;
        };
        let before = src.get(self.text.start..link.span.start).unwrap_or("");
        let after = src.get(link.span.end..self.text.end).unwrap_or("");
        let is_frame = |s: &str| s.chars().all(|c| c.is_whitespace() || "().,;:".contains(c));
        is_frame(before) && is_frame(after)
    }
}

/// An `http://` or `https://` URL found in a text line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    pub span: Span,
    /// Whether a `(` opened just before the URL is closed right after it.
    pub parenthesized: bool,
}

/// The authors line: `(` names separated by `, ` `)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Authors {
    pub line: usize,
    /// The opening parenthesis (ASCII or fullwidth).
    pub open: Span,
    /// The closing parenthesis, when there is one at the end of the line.
    pub close: Option<Span>,
    /// Each comma-separated name, trimmed of white space. An empty name
    /// (`a, , b`) has an empty span where it would be.
    pub names: Vec<Span>,
}

/// The tags line that closes an entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tags {
    pub line: usize,
    /// Each white-space separated word that starts with `#` (or `＃`),
    /// including the mark.
    pub tags: Vec<Span>,
    /// Words on the line that are not tags.
    pub words: Vec<Span>,
}

/// One paper.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The entry's lines: `first..last + 1`, indices into [`Digest::lines`].
    pub lines: std::ops::Range<usize>,
    pub title: Option<usize>,
    pub authors: Option<Authors>,
    /// The lines between the authors and the tags (abstract, Korean,
    /// English and blank lines), in file order. Their role is their
    /// [`Line::kind`]. An authors line written twice, or names in Hangul
    /// after a title with no authors line, is the first body line, with
    /// the kind [`LineKind::Authors`].
    pub body: Vec<usize>,
    /// The tags line: the entry's last line, except when it was written
    /// before the commentary, which the parser then reads on as body lines.
    pub tags: Option<Tags>,
}

/// A top-level node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Item {
    Header(usize),
    /// Boxed: an entry is large, and a file of many blank or stray lines
    /// has an item for each of them.
    Entry(Box<Entry>),
    /// A blank line outside any entry.
    Blank(usize),
    /// A non-blank line that belongs to no entry.
    Stray(usize),
}

impl Item {
    /// The line indices this item owns.
    pub fn line_range(&self) -> std::ops::Range<usize> {
        match self {
            Item::Header(l) | Item::Blank(l) | Item::Stray(l) => *l..*l + 1,
            Item::Entry(e) => e.lines.clone(),
        }
    }
}

/// A parsed digest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Digest<'s> {
    #[serde(skip)]
    pub src: &'s str,
    /// Whether the text starts with a byte-order mark.
    pub bom: bool,
    pub lines: Vec<Line>,
    pub items: Vec<Item>,
}

impl<'s> Digest<'s> {
    pub fn line_text(&self, line: usize) -> &'s str {
        match self.lines.get(line) {
            Some(l) => l.text.text(self.src),
            None => "",
        }
    }

    /// The date header's line index, if the file has one.
    pub fn header(&self) -> Option<usize> {
        self.items.iter().find_map(|item| match item {
            Item::Header(l) => Some(*l),
            _ => None,
        })
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.items.iter().filter_map(|item| match item {
            Item::Entry(e) => Some(e.as_ref()),
            _ => None,
        })
    }

    /// Body lines of `entry` with the given role, in file order.
    pub fn body_lines<'a>(
        &'a self,
        entry: &'a Entry,
        kind: LineKind,
    ) -> impl Iterator<Item = usize> + 'a {
        entry
            .body
            .iter()
            .copied()
            .filter(move |&l| self.lines.get(l).is_some_and(|line| line.kind == kind))
    }

    /// Prints the tree back: always equal to the input.
    pub fn to_source(&self) -> String {
        let mut out = String::with_capacity(self.src.len());
        for line in &self.lines {
            out.push_str(line.full().text(self.src));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Span;

    #[test]
    fn a_span_holds_its_start_and_not_its_end() {
        let s = Span::new(3, 6);
        assert_eq!(
            (0..8).filter(|&at| s.contains(at)).collect::<Vec<_>>(),
            [3, 4, 5]
        );
        assert!(!Span::new(4, 4).contains(4));
    }

    #[test]
    fn a_span_is_as_long_as_the_bytes_it_holds() {
        assert_eq!(Span::new(3, 6).len(), 3);
        assert_eq!(Span::new(10, 17).len(), 7);
        assert_eq!(Span::new(5, 5).len(), 0);
        assert!(Span::new(5, 5).is_empty());
        assert!(!Span::new(5, 6).is_empty());
        assert_eq!(
            Span::new(2, 9).text("0123456789").len(),
            Span::new(2, 9).len()
        );
    }
}
