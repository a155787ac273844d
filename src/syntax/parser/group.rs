//! The entry structure as grammar: nom parsers over the sequence of
//! classified lines.
//!
//! Each line is first given its class by its text ([`Class`]: blank,
//! authors, tags or other text). [`Lines`], a window onto the classes,
//! implements nom's `Input`, so the productions of level 2 of
//! grammar/digest.ebnf (`group`, `entry`, `entry_body`, ...) are nom
//! parsers like those of a line's text, and the recovery of FORMAT.md is
//! written as their alternatives and optional parts. Two things stay plain
//! code (see grammar/digest.ebnf and ARCHITECTURE.md): the roles of the
//! body lines (`roles.rs`) and the tests of a line's shape (`shapes.rs`).

use super::authors::parse_authors;
use super::error::{Expected, Failure, fail_at};
use super::roles::classify_body;
use super::shapes::{is_authors_like, is_hangul_authors_like, is_hash_title};
use super::tags::{is_tags_like, parse_tags};
use crate::syntax::date;
use crate::syntax::links::find_links;
use crate::syntax::text::{self, has_hangul, is_blank};
use crate::syntax::{Entry, Item, Line, LineKind};
use nom::{
    IResult, Input, Needed, Offset, Parser,
    branch::alt,
    combinator::{eof, not, opt, peek, recognize},
    multi::{fold_many0, many0_count, many1_count},
};
use std::ops::Range;

/// The class of a line, from its text alone (and, for a title that opens
/// with a tag mark, the line after it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    Blank,
    /// Reads as an authors line (`is_authors_like`).
    Authors,
    /// Reads as a tags line (`is_tags_like`), and is not a title that
    /// opens with a tag mark.
    Tags,
    /// Any other line.
    Text,
}

/// What the grammar of lines reads beside the classes: the text.
pub(super) struct Source<'a> {
    pub(super) src: &'a str,
    pub(super) lines: &'a [Line],
    pub(super) classes: Vec<Class>,
    /// For each line, the first line at or after it that is not a body
    /// line (`body_line`): computed once, backwards, so that `closed_body`
    /// knows at once whether a tags line ends the body. Scanning for it at
    /// every one of many stray lines made parsing quadratic.
    body_end: Vec<usize>,
}

impl Source<'_> {
    pub(super) fn text(&self, i: usize) -> &str {
        self.lines.get(i).map_or("", |l| l.text.text(self.src))
    }

    pub(super) fn class(&self, i: usize) -> Option<Class> {
        self.classes.get(i).copied()
    }

    pub(super) fn is_blank(&self, i: usize) -> bool {
        self.class(i) == Some(Class::Blank)
    }

    pub(super) fn is_link_only(&self, i: usize) -> bool {
        self.lines.get(i).is_some_and(|l| l.is_link_only(self.src))
    }

    /// A new entry starts at `i` when the next line is an authors line and
    /// `i` itself could be a title.
    fn starts_entry(&self, i: usize) -> bool {
        self.class(i) == Some(Class::Text) && self.class(i + 1) == Some(Class::Authors)
    }
}

/// The input of the grammar of lines: the classes of the lines
/// `start..end`, with the source they came from.
#[derive(Clone, Copy)]
pub(super) struct Lines<'a> {
    source: &'a Source<'a>,
    start: usize,
    end: usize,
}

impl<'a> Lines<'a> {
    fn new(source: &'a Source<'a>) -> Self {
        Lines {
            source,
            start: 0,
            end: source.classes.len(),
        }
    }

    fn classes(&self) -> &'a [Class] {
        self.source.classes.get(self.start..self.end).unwrap_or(&[])
    }

    /// The index (in the whole file) of the first line of the input.
    fn at(&self) -> usize {
        self.start
    }
}

impl<'a> Input for Lines<'a> {
    type Item = Class;
    type Iter = std::iter::Copied<std::slice::Iter<'a, Class>>;
    type IterIndices = std::iter::Enumerate<Self::Iter>;

    fn input_len(&self) -> usize {
        self.end - self.start
    }

    fn take(&self, index: usize) -> Self {
        Lines {
            end: (self.start + index).min(self.end),
            ..*self
        }
    }

    fn take_from(&self, index: usize) -> Self {
        Lines {
            start: (self.start + index).min(self.end),
            ..*self
        }
    }

    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }

    fn position<P: Fn(Class) -> bool>(&self, predicate: P) -> Option<usize> {
        self.classes().iter().position(|&c| predicate(c))
    }

    fn iter_elements(&self) -> Self::Iter {
        self.classes().iter().copied()
    }

    fn iter_indices(&self) -> Self::IterIndices {
        self.iter_elements().enumerate()
    }

    fn slice_index(&self, count: usize) -> Result<usize, Needed> {
        let len = self.input_len();
        if count <= len {
            Ok(count)
        } else {
            Err(Needed::new(count - len))
        }
    }
}

impl Offset for Lines<'_> {
    fn offset(&self, second: &Self) -> usize {
        second.start.saturating_sub(self.start)
    }
}

/// A parser of classified lines.
pub(super) type LineResult<'a, O> = IResult<Lines<'a>, O, Failure<Lines<'a>>>;

/// One line for which `test(source, index)` holds; its index.
fn line<'a>(
    what: Expected,
    test: impl Fn(&Source<'a>, usize) -> bool,
) -> impl Fn(Lines<'a>) -> LineResult<'a, usize> {
    move |i: Lines<'a>| {
        let at = i.at();
        if i.input_len() > 0 && test(i.source, at) {
            Ok((i.take_from(1), at))
        } else {
            fail_at(i, what)
        }
    }
}

// ------------------------------------------------------ line classes --

fn blank(i: Lines<'_>) -> LineResult<'_, usize> {
    line(Expected::BLANK_LINE, |s, l| s.is_blank(l))(i)
}

fn authors(i: Lines<'_>) -> LineResult<'_, usize> {
    line(Expected::AUTHORS_LINE, |s, l| {
        s.class(l) == Some(Class::Authors)
    })(i)
}

fn tags(i: Lines<'_>) -> LineResult<'_, usize> {
    line(Expected::TAGS_LINE, |s, l| s.class(l) == Some(Class::Tags))(i)
}

/// A line that is not blank.
fn stray(i: Lines<'_>) -> LineResult<'_, usize> {
    line(Expected::TEXT_LINE, |s, l| !s.is_blank(l))(i)
}

/// The first line that is not blank, when it reads as a date or has the
/// look of one and does not start an entry.
fn header(i: Lines<'_>) -> LineResult<'_, usize> {
    line(Expected::HEADER_LINE, |s, l| {
        let text = s.text(l);
        date::parse_header(text).is_some() || (date::looks_like_date(text) && !s.starts_entry(l))
    })(i)
}

/// A line that could be a title (not blank, authors or tags), followed by
/// an authors line.
fn title(i: Lines<'_>) -> LineResult<'_, usize> {
    line(Expected::TITLE_LINE, |s, l| s.starts_entry(l))(i)
}

/// A title written wholly in parentheses (`(Almost) Free Lunch` is not
/// one: it closes early): a line that reads as an authors line, followed
/// by a different line that reads as one too. Taking the second for the
/// authors line explains the pair with no mistake at all.
fn parenthesized_title(i: Lines<'_>) -> LineResult<'_, usize> {
    line(Expected::TITLE_LINE, |s, l| {
        s.class(l) == Some(Class::Authors)
            && s.class(l + 1) == Some(Class::Authors)
            && text::trim(s.text(l + 1)) != text::trim(s.text(l))
    })(i)
}

/// Names written in Hangul on the line after a title that has no authors
/// line (E002 asks for them in Latin letters).
fn hangul_authors(i: Lines<'_>) -> LineResult<'_, usize> {
    line(Expected::HANGUL_AUTHORS_LINE, |s, l| {
        is_hangul_authors_like(s.text(l))
    })(i)
}

/// The authors line written twice: a line right after the entry's authors
/// line that reads as one too. It stays in the entry, with the role of an
/// authors line, rather than starting an entry with no title and leaving
/// this one empty.
fn repeated_authors(i: Lines<'_>) -> LineResult<'_, usize> {
    authors(i)
}

/// A line of an entry's body: not a tags line, and not where the next
/// entry starts (an authors line, or a title followed by one).
fn body_line(i: Lines<'_>) -> LineResult<'_, usize> {
    line(Expected::BODY_LINE, |s, l| {
        !matches!(s.class(l), Some(Class::Tags | Class::Authors) | None) && !s.starts_entry(l)
    })(i)
}

/// A body line that is not blank.
fn text_line(i: Lines<'_>) -> LineResult<'_, usize> {
    line(Expected::BODY_LINE, |s, l| {
        s.class(l) == Some(Class::Text) && !s.starts_entry(l)
    })(i)
}

// ----------------------------------------------------------- entries --

/// An entry, with the roles of its body lines (parallel to `Entry::body`).
/// The entry is boxed, as in [`Item::Entry`], so that the nodes of blank
/// and stray lines stay small.
pub(super) struct Parsed {
    entry: Box<Entry>,
    roles: Vec<LineKind>,
}

/// `title_before_blank`: a title cut off from its authors line by blank
/// lines (W006): a line without Hangul that could be a title, then blank
/// lines, then an authors line. (A Korean line there is more likely a
/// note.) Returns the title and the authors line.
fn title_before_blank(i: Lines<'_>) -> LineResult<'_, (usize, usize)> {
    let (i, title) = line(Expected::TITLE_LINE, |s, l| {
        s.class(l) == Some(Class::Text) && !has_hangul(s.text(l))
    })(i)?;
    let (i, _) = many1_count(blank).parse(i)?;
    let (_, authors) = peek(authors).parse(i)?;
    Ok((i, (title, authors)))
}

/// `entry`: where an entry starts, tried in this order: a title and its
/// authors line; a title in parentheses and its authors line; an authors
/// line with no title (E001); a title, blank lines, its authors line
/// (W006); a title whose authors line is missing (E002), which needs a
/// tags line before the next entry.
fn entry(i: Lines<'_>) -> LineResult<'_, Parsed> {
    if let Ok((i, (title, authors))) = alt((
        (title, authors),
        (parenthesized_title, authors),
        authors.map(|a| (usize::MAX, a)),
    ))
    .parse(i)
    {
        let title = (title != usize::MAX).then_some(title);
        return entry_body(title, Some(authors), false).parse(i);
    }
    if let Ok((i, (title, authors))) = title_before_blank(i) {
        let (i, _) = self::authors(i)?;
        return entry_body(Some(title), Some(authors), false).parse(i);
    }
    title_without_authors(i)
}

/// `title_without_authors`: a line that is not a tags line starts an
/// entry without an authors line when a tags line comes before the next
/// line that starts an entry. Otherwise it is a stray line.
fn title_without_authors(i: Lines<'_>) -> LineResult<'_, Parsed> {
    let (i, title) = line(Expected::TITLE_LINE, |s, l| s.class(l) == Some(Class::Text))(i)?;
    entry_body(Some(title), None, true).parse(i)
}

/// `entry_body`: the lines after the authors line, up to and including
/// the tags line that closes the entry, or (`tags` required only for an
/// entry without authors) up to the next entry, its trailing blank lines
/// left to the top level. An authors line written twice, or names in
/// Hangul after a title without authors, come first.
fn entry_body<'a>(
    title: Option<usize>,
    authors_line: Option<usize>,
    needs_tags: bool,
) -> impl Parser<Lines<'a>, Output = Parsed, Error = Failure<Lines<'a>>> {
    move |i: Lines<'a>| {
        let source = i.source;
        let extra = if authors_line.is_some() {
            opt(repeated_authors).parse(i)?
        } else {
            opt(hangul_authors).parse(i)?
        };
        let (i, extra) = extra;
        let body_start = i.at();
        let (i, body, tags_line) = match closed_body(i) {
            Ok((rest, (body, t))) => (rest, body, Some(t)),
            Err(nom::Err::Error(_)) if !needs_tags => {
                let (rest, body) = open_body(i)?;
                (rest, body, None)
            }
            Err(e) => return Err(e),
        };
        let mut lines: Vec<usize> = Vec::with_capacity(body.len() + 1);
        lines.extend(body.clone());
        let mut roles = classify_body(source, &lines);
        let mut i = i;
        let more = if tags_line.is_some() {
            tags_before_commentary(&roles).parse(i).ok()
        } else {
            None
        };
        if let Some((rest, more)) = more {
            lines.extend(more);
            roles = classify_body(source, &lines);
            i = rest;
        }
        if let Some(r) = extra {
            lines.insert(0, r);
            roles.insert(0, LineKind::Authors);
        }
        let first = title.or(authors_line).unwrap_or(body_start);
        let entry = Box::new(Entry {
            lines: first..i.at(),
            title,
            authors: authors_line.map(|a| parse_authors(source.text(a), line_start(source, a), a)),
            body: lines,
            tags: tags_line.map(|t| parse_tags(source.text(t), line_start(source, t), t)),
        });
        Ok((i, Parsed { entry, roles }))
    }
}

/// `closed_body`: body lines, then the tags line that closes the entry.
fn closed_body(i: Lines<'_>) -> LineResult<'_, (Range<usize>, usize)> {
    let from = i.at();
    // Where the body lines stop, known beforehand: fail there at once
    // unless a tags line stands there, as the scan below would.
    let stop = i
        .source
        .body_end
        .get(from)
        .copied()
        .unwrap_or(from)
        .min(from + i.input_len());
    if stop == from + i.input_len() || i.source.class(stop) != Some(Class::Tags) {
        return fail_at(i.take_from(stop - from), Expected::TAGS_LINE);
    }
    let (i, (n, t)) = (many0_count(body_line), tags).parse(i)?;
    Ok((i, (from..from + n, t)))
}

/// `open_body`: body lines up to where the next entry starts, without the
/// blank lines at the end.
fn open_body(i: Lines<'_>) -> LineResult<'_, Range<usize>> {
    let from = i.at();
    let (i, run) = recognize(many0_count((many0_count(blank), text_line))).parse(i)?;
    Ok((i, from..from + run.input_len()))
}

/// [`Source::body_end`], from the last line back.
fn body_ends(s: &Source<'_>) -> Vec<usize> {
    let n = s.classes.len();
    let mut ends = vec![n; n + 1];
    for l in (0..n).rev() {
        let body =
            !matches!(s.class(l), Some(Class::Tags | Class::Authors) | None) && !s.starts_entry(l);
        ends[l] = if body { ends[l + 1] } else { l };
    }
    ends
}

fn line_start(source: &Source<'_>, i: usize) -> usize {
    source.lines.get(i).map_or(0, |l| l.text.start)
}

/// `tags_before_commentary`: a tags line written before the commentary.
/// When the entry it closes has no Korean commentary, or Korean but no
/// English, the lines right after it (up to a blank line, another tags
/// line, the next entry or the end) are still the entry's body if they
/// hold what is missing. Not taken when a tags line ends them: that is an
/// entry that lacks its authors line.
fn tags_before_commentary<'a, 'b>(
    roles: &'b [LineKind],
) -> impl Parser<Lines<'a>, Output = Range<usize>, Error = Failure<Lines<'a>>> + 'b {
    move |i: Lines<'a>| {
        let source = i.source;
        let has_korean = roles.contains(&LineKind::Korean);
        if has_korean && roles.contains(&LineKind::English) {
            return fail_at(i, Expected::COMMENTARY);
        }
        let from = i.at();
        let (rest, (n, _)) = (many1_count(text_line), not(tags)).parse(i)?;
        let missing = |l: usize| {
            let hangul = has_hangul(source.text(l));
            if has_korean {
                !hangul && !source.is_link_only(l)
            } else {
                hangul
            }
        };
        if (from..from + n).any(missing) {
            Ok((rest, from..from + n))
        } else {
            fail_at(i, Expected::COMMENTARY)
        }
    }
}

/// One top-level item, with the roles of an entry's body lines.
enum Node {
    Header(usize),
    Blank(usize),
    Stray(usize),
    Entry(Parsed),
}

/// `group`: blank lines, the date header, then entries, blank lines and
/// stray lines to the end.
fn group(i: Lines<'_>) -> LineResult<'_, Vec<Node>> {
    let (i, mut nodes) = fold_many0(blank, Vec::new, |mut v, l| {
        v.push(Node::Blank(l));
        v
    })
    .parse(i)?;
    let (i, head) = opt(header).parse(i)?;
    nodes.extend(head.map(Node::Header));
    let (i, nodes) = fold_many0(
        alt((
            blank.map(Node::Blank),
            entry.map(Node::Entry),
            stray.map(Node::Stray),
        )),
        move || std::mem::take(&mut nodes),
        |mut v, node| {
            v.push(node);
            v
        },
    )
    .parse(i)?;
    let (i, _) = eof(i)?;
    Ok((i, nodes))
}

/// The class of every line. A line that reads as a tags line is a title
/// when an authors line follows and it has more words than tags
/// (`hash_title`).
fn classify(src: &str, lines: &[Line]) -> Vec<Class> {
    let mut classes: Vec<Class> = lines
        .iter()
        .map(|l| {
            let t = l.text.text(src);
            if is_blank(t) {
                Class::Blank
            } else if is_authors_like(t) {
                Class::Authors
            } else if is_tags_like(t) {
                Class::Tags
            } else {
                Class::Text
            }
        })
        .collect();
    for i in 0..classes.len().saturating_sub(1) {
        if classes[i] == Class::Tags
            && classes[i + 1] == Class::Authors
            && is_hash_title(lines[i].text.text(src))
        {
            classes[i] = Class::Text;
        }
    }
    classes
}

/// Groups `lines` (of `src`) into items and gives each line its role.
pub(super) fn group_lines(src: &str, lines: &mut [Line]) -> Vec<Item> {
    for line in lines.iter_mut() {
        line.links = find_links(line.text.text(src), line.text.start);
    }
    let mut source = Source {
        src,
        lines,
        classes: classify(src, lines),
        body_end: Vec::new(),
    };
    source.body_end = body_ends(&source);
    // `group` reads every sequence of lines: a line no other part takes is
    // a stray line.
    let nodes = match group(Lines::new(&source)) {
        Ok((_, nodes)) => nodes,
        Err(_) => Vec::new(),
    };
    let mut kinds = vec![LineKind::Stray; lines.len()];
    let mut items = Vec::with_capacity(nodes.len());
    for node in nodes {
        match node {
            Node::Header(l) => {
                kinds[l] = LineKind::Header;
                items.push(Item::Header(l));
            }
            Node::Blank(l) => {
                kinds[l] = LineKind::Blank;
                items.push(Item::Blank(l));
            }
            Node::Stray(l) => {
                kinds[l] = LineKind::Stray;
                items.push(Item::Stray(l));
            }
            Node::Entry(Parsed { entry, roles }) => {
                if let Some(t) = entry.title {
                    kinds[t] = LineKind::Title;
                }
                if let Some(a) = &entry.authors {
                    for k in &mut kinds[entry.title.map_or(a.line, |t| t + 1)..a.line] {
                        *k = LineKind::Blank;
                    }
                    kinds[a.line] = LineKind::Authors;
                }
                if let Some(t) = &entry.tags {
                    kinds[t.line] = LineKind::Tags;
                }
                for (&l, &role) in entry.body.iter().zip(&roles) {
                    kinds[l] = role;
                }
                items.push(Item::Entry(entry));
            }
        }
    }
    for (line, kind) in lines.iter_mut().zip(kinds) {
        line.kind = kind;
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The grammar itself reads lines with `line(...)`, but `Lines` is a
    /// nom input like any other, so nom's own combinators (`take_while`,
    /// `position`-based searches) may be used on it: its trait methods
    /// must agree with the window of lines it stands for.
    #[test]
    fn lines_is_a_window_over_the_classes() {
        use Class::{Authors, Blank, Tags, Text};
        let source = Source {
            src: "",
            lines: &[],
            classes: vec![Text, Authors, Text, Tags, Blank, Tags],
            body_end: Vec::new(),
        };
        let all = Lines::new(&source);
        assert_eq!(all.input_len(), 6);
        assert_eq!(all.position(|c| c == Tags), Some(3));
        assert_eq!(all.position(|c| c == Text), Some(0));
        let rest = all.take_from(2);
        assert_eq!(rest.at(), 2);
        assert_eq!(
            rest.iter_elements().collect::<Vec<_>>(),
            [Text, Tags, Blank, Tags]
        );
        assert_eq!(rest.position(|c| c == Tags), Some(1));
        assert_eq!(rest.position(|c| c == Authors), None);
        assert_eq!(
            rest.iter_indices().collect::<Vec<_>>(),
            [(0, Text), (1, Tags), (2, Blank), (3, Tags)]
        );
        let (after, before) = rest.take_split(2);
        assert_eq!(before.iter_elements().collect::<Vec<_>>(), [Text, Tags]);
        assert_eq!(after.iter_elements().collect::<Vec<_>>(), [Blank, Tags]);
        assert_eq!(rest.offset(&after), 2);
        assert_eq!(after.offset(&rest), 0);
        assert_eq!(before.slice_index(2), Ok(2));
        assert_eq!(before.slice_index(3), Err(Needed::new(1)));
        assert_eq!(before.slice_index(5), Err(Needed::new(3)));
        // Taking past the end stops at the end.
        assert_eq!(all.take_from(9).input_len(), 0);
        assert_eq!(all.take(9).input_len(), 6);
    }
}
