//! Grouping lines into the date header, entries, blank and stray lines,
//! with the recovery rules of FORMAT.md (see the module comment of
//! [`super`]).

use super::roles::classify_body;
use super::shapes::{
    is_authors_like, is_hangul_authors_like, is_hash_title, is_tags_like, parse_authors, parse_tags,
};
use crate::syntax::date;
use crate::syntax::links::find_links;
use crate::syntax::text::{self, has_hangul, is_blank};
use crate::syntax::{Authors, Entry, Item, Line, LineKind};

pub(super) struct Grouper<'a, 's> {
    pub(super) src: &'s str,
    pub(super) lines: &'a mut [Line],
    pub(super) blank: Vec<bool>,
    pub(super) authors: Vec<bool>,
    pub(super) tags: Vec<bool>,
    /// Whether a tags line comes after line `i` before the next entry
    /// starts: computed once, backwards, so that deciding whether each of
    /// many stray lines is a title costs O(1), not a scan to the end.
    tags_ahead: Vec<bool>,
}

impl Grouper<'_, '_> {
    pub(super) fn text(&self, i: usize) -> &str {
        self.lines[i].text.text(self.src)
    }

    /// A new entry starts at `i` when the next line is an authors line and
    /// `i` itself could be a title.
    fn starts_entry(&self, i: usize) -> bool {
        !self.blank[i]
            && !self.tags[i]
            && !self.authors[i]
            && self.authors.get(i + 1) == Some(&true)
    }
}

pub(super) fn group(src: &str, lines: &mut [Line]) -> Vec<Item> {
    for line in lines.iter_mut() {
        line.links = find_links(line.text.text(src), line.text.start);
    }
    let n = lines.len();
    let mut g = Grouper {
        src,
        blank: (0..n).map(|i| is_blank(lines[i].text.text(src))).collect(),
        authors: (0..n)
            .map(|i| is_authors_like(lines[i].text.text(src)))
            .collect(),
        tags: (0..n)
            .map(|i| is_tags_like(lines[i].text.text(src)))
            .collect(),
        tags_ahead: vec![false; n],
        lines,
    };
    // A title that opens with a tag mark is a title, not a tags line.
    for i in 0..n.saturating_sub(1) {
        if g.tags[i] && g.authors[i + 1] && is_hash_title(g.text(i)) {
            g.tags[i] = false;
        }
    }
    for i in (0..n.saturating_sub(1)).rev() {
        let j = i + 1;
        g.tags_ahead[i] = if g.tags[j] {
            true
        } else if g.starts_entry(j) || g.authors[j] {
            false
        } else {
            g.tags_ahead[j]
        };
    }
    let mut items = Vec::new();
    let mut i = 0;

    // Blank lines before the header are kept as blank items.
    while i < n && g.blank[i] {
        g.lines[i].kind = LineKind::Blank;
        items.push(Item::Blank(i));
        i += 1;
    }
    if i < n
        && (date::parse_header(g.text(i)).is_some()
            || (date::looks_like_date(g.text(i)) && !g.starts_entry(i)))
    {
        g.lines[i].kind = LineKind::Header;
        items.push(Item::Header(i));
        i += 1;
    }

    while i < n {
        if g.blank[i] {
            g.lines[i].kind = LineKind::Blank;
            items.push(Item::Blank(i));
            i += 1;
        } else if g.starts_entry(i) || g.authors[i] {
            let entry = entry(&mut g, i);
            i = entry.lines.end;
            items.push(Item::Entry(entry));
        } else if let Some(authors_line) = title_before_blank(&g, i) {
            let entry = entry_at(&mut g, Some(i), authors_line);
            i = entry.lines.end;
            items.push(Item::Entry(entry));
        } else if title_without_authors(&g, i) {
            let entry = entry_body(&mut g, i, Some(i), None, i + 1);
            i = entry.lines.end;
            items.push(Item::Entry(entry));
        } else {
            g.lines[i].kind = LineKind::Stray;
            items.push(Item::Stray(i));
            i += 1;
        }
    }
    items
}

/// A title with no authors line still starts an entry when a tags line
/// follows before the next entry begins.
fn title_without_authors(g: &Grouper, i: usize) -> bool {
    !g.tags[i] && g.tags_ahead.get(i) == Some(&true)
}

/// An entry that starts at `i`: a title followed by authors, or an authors
/// line with no title.
fn entry(g: &mut Grouper, i: usize) -> Entry {
    let (title, authors_line) = if g.authors[i] && !parenthesized_title(g, i) {
        (None, i)
    } else {
        (Some(i), i + 1)
    };
    entry_at(g, title, authors_line)
}

/// An entry whose authors line is `authors_line`.
fn entry_at(g: &mut Grouper, title: Option<usize>, authors_line: usize) -> Entry {
    let authors = parse_authors(
        g.text(authors_line),
        g.lines[authors_line].text.start,
        authors_line,
    );
    for l in title.map_or(authors_line, |t| t + 1)..authors_line {
        g.lines[l].kind = LineKind::Blank;
    }
    entry_body(
        g,
        title.unwrap_or(authors_line),
        title,
        Some(authors),
        authors_line + 1,
    )
}

/// A title cut off from its authors line by blank lines (W006): a line
/// without Hangul that could be a title, then blank lines, then an authors
/// line. Returns the authors line. Only where an entry may start, never
/// inside an open entry. (A Korean line there is more likely a note.)
fn title_before_blank(g: &Grouper, i: usize) -> Option<usize> {
    if g.tags[i] || g.authors[i] || has_hangul(g.text(i)) || g.blank.get(i + 1) != Some(&true) {
        return None;
    }
    let a = (i + 1..g.lines.len()).find(|&l| !g.blank[l])?;
    g.authors[a].then_some(a)
}

/// A title written wholly in parentheses (`(Almost) Free Lunch` is not
/// one: it closes early): a line that reads as an authors line, followed
/// by a different line that reads as one too. Taking the second for the
/// authors line explains the pair with no mistake at all.
fn parenthesized_title(g: &Grouper, i: usize) -> bool {
    g.authors.get(i + 1) == Some(&true)
        && g.lines
            .get(i + 1)
            .is_some_and(|next| text::trim(next.text.text(g.src)) != text::trim(g.text(i)))
}

/// The authors line written twice: a line right after the entry's authors
/// line that reads as one too. It stays in the entry, with the role of an
/// authors line, rather than starting an entry with no title and leaving
/// this one empty.
fn repeated_authors(g: &Grouper, authors: Option<&Authors>, j: usize) -> bool {
    authors.is_some_and(|a| a.line + 1 == j) && g.authors.get(j) == Some(&true)
}

/// Names written in Hangul on the line after a title that has no authors
/// line (E002 asks for them in Latin letters).
fn hangul_authors(g: &Grouper, j: usize) -> bool {
    j < g.lines.len() && is_hangul_authors_like(g.text(j))
}

fn entry_body(
    g: &mut Grouper,
    first: usize,
    title: Option<usize>,
    authors: Option<Authors>,
    body_start: usize,
) -> Entry {
    if let Some(t) = title {
        g.lines[t].kind = LineKind::Title;
    }
    if let Some(a) = &authors {
        g.lines[a.line].kind = LineKind::Authors;
    }
    let n = g.lines.len();
    let mut body = Vec::new();
    let mut tags = None;
    let mut j = body_start;
    // A second authors line, or names in Hangul after a title with no
    // authors line: kept in the entry with the role of an authors line.
    let extra_authors = (repeated_authors(g, authors.as_ref(), j)
        || (authors.is_none() && title.is_some() && hangul_authors(g, j)))
    .then_some(j);
    if extra_authors.is_some() {
        j += 1;
    }
    while j < n {
        if g.tags[j] {
            tags = Some(parse_tags(g.text(j), g.lines[j].text.start, j));
            g.lines[j].kind = LineKind::Tags;
            j += 1;
            break;
        }
        if g.starts_entry(j) || g.authors[j] {
            break;
        }
        body.push(j);
        j += 1;
    }
    if tags.is_some() {
        classify_body(g, &body);
        if let Some(end) = tags_before_commentary(g, &body, j) {
            body.extend(j..end);
            j = end;
            classify_body(g, &body);
        }
    } else {
        // An entry left open gives its trailing blank lines back to the top level.
        while let Some(&last) = body.last() {
            if !g.blank[last] {
                break;
            }
            body.pop();
            j = last;
        }
        classify_body(g, &body);
    }
    if let Some(r) = extra_authors {
        g.lines[r].kind = LineKind::Authors;
        body.insert(0, r);
    }
    Entry {
        lines: first..j,
        title,
        authors,
        body,
        tags,
    }
}

/// Recovery for a tags line written before the commentary: when the entry
/// it closes has no Korean commentary, or Korean but no English, and the
/// lines right after it (up to a blank line, another tags line, the next
/// entry or the end) hold what is missing, those lines are still the
/// entry's body. Returns the index after them. Not taken when a tags line
/// ends them: that is an entry that lacks its authors line.
fn tags_before_commentary(g: &Grouper, body: &[usize], from: usize) -> Option<usize> {
    let kind = |l: usize| g.lines[l].kind;
    let has_korean = body.iter().any(|&l| kind(l) == LineKind::Korean);
    if has_korean && body.iter().any(|&l| kind(l) == LineKind::English) {
        return None;
    }
    let n = g.lines.len();
    let mut end = from;
    while end < n && !g.blank[end] && !g.tags[end] && !g.authors[end] && !g.starts_entry(end) {
        end += 1;
    }
    if end == from || g.tags.get(end) == Some(&true) {
        return None;
    }
    let missing = |l: usize| {
        let hangul = has_hangul(g.text(l));
        if has_korean {
            !hangul && !g.lines[l].is_link_only(g.src)
        } else {
            hangul
        }
    };
    (from..end).any(missing).then_some(end)
}
