//! The digest parser: any text in, a lossless [`Digest`] out.
//!
//! Parsing never fails. It runs in three steps, each a single pass:
//! 1. split the text into physical lines (nom, over `&str`);
//! 2. group the lines into the date header, entries, blank and stray lines,
//!    recovering as FORMAT.md says (an entry without a tags line ends where
//!    the next line followed by an authors line begins; the commentary
//!    right after a tags line written too early is still the entry's body;
//!    an authors line written twice stays in its entry; a blank line
//!    between a title and its authors line does not cut them apart);
//! 3. give each body line its role (abstract, Korean, English).
//!
//! What is wrong with the file is the rules' business: the parser only
//! records what it saw.

use crate::date;
use crate::links::find_links;
use crate::syntax::{Authors, Digest, Entry, Item, Line, LineEnd, LineKind, Span, Tags};
use crate::text::{self, has_hangul, is_blank, offset_in, trim};
use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_till},
    combinator::{eof, value},
};

const BOM: &str = "\u{FEFF}";

/// Parses a whole digest. Never fails and never panics.
pub fn parse(src: &str) -> Digest<'_> {
    let bom = src.starts_with(BOM);
    let mut lines = split_lines(src, if bom { BOM.len() } else { 0 });
    let items = group(src, &mut lines);
    Digest {
        src,
        bom,
        lines,
        items,
    }
}

// ---------------------------------------------------------------- lines --

fn line_end(i: &str) -> IResult<&str, LineEnd> {
    alt((
        value(LineEnd::CrLf, tag("\r\n")),
        value(LineEnd::Lf, tag("\n")),
        value(LineEnd::Cr, tag("\r")),
        value(LineEnd::None, eof),
    ))
    .parse(i)
}

/// One physical line: its text, then its terminator.
fn physical_line(i: &str) -> IResult<&str, (&str, LineEnd)> {
    (take_till(|c| c == '\n' || c == '\r'), line_end).parse(i)
}

/// Splits `src` into lines whose full spans tile it. `skip` bytes at the
/// start (a byte-order mark) belong to the first line but not to its text.
fn split_lines(src: &str, skip: usize) -> Vec<Line> {
    let mut lines = Vec::with_capacity(src.len() / 64 + 1);
    let mut start = 0;
    let mut rest = src.get(skip..).unwrap_or("");
    while let Ok((after, (text, end))) = physical_line(rest) {
        let text_start = offset_in(src, text);
        lines.push(Line {
            start,
            text: Span::new(text_start, text_start + text.len()),
            end,
            kind: LineKind::Stray,
            links: Vec::new(),
        });
        start = text_start + text.len() + end.byte_len();
        if end == LineEnd::None || after.is_empty() {
            break;
        }
        rest = after;
    }
    lines
}

// ------------------------------------------------------ line predicates --

/// Whether the line can be an authors line: `(` names `)`. Strict enough
/// that a commentary paragraph opening with a parenthesis is not taken for
/// one, loose enough that a malformed authors line still is.
pub fn is_authors_like(line: &str) -> bool {
    let t = trim(line);
    let Some(inner) = t.strip_prefix('(').or_else(|| t.strip_prefix('（')) else {
        return false;
    };
    if inner.contains("://") || has_hangul(inner) || closes_before_end(inner) {
        return false;
    }
    let closed = inner.ends_with(')') || inner.ends_with('）');
    let inner = inner.trim_end_matches([')', '）']);
    let names: Vec<&str> = inner
        .split([',', ';', '，'])
        .flat_map(|s| s.split(" and "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if names.is_empty() {
        return closed;
    }
    if !closed && names.len() < 2 {
        return false;
    }
    let name_like = |n: &str| {
        n.split_whitespace().count() <= 6
            && n.chars().count() <= 60
            && n.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || (!c.is_ascii() && c.is_alphabetic()))
    };
    names
        .iter()
        .all(|n| n.split_whitespace().count() <= 6 && n.chars().count() <= 60)
        && names.iter().filter(|n| name_like(n)).count() * 2 >= names.len()
}

/// Whether the parenthesis that opens the line (already stripped from
/// `inner`) closes before the line ends, with words after it: a title or a
/// paragraph that opens with a parenthetical (`(Mis)Fitting: ...`,
/// `(Follow-up) A study ...`), not an authors line. Sentence punctuation or
/// `et al.` after the `)` still leave an authors line, for A001 to report.
fn closes_before_end(inner: &str) -> bool {
    let mut depth = 0usize;
    for (i, c) in inner.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => depth -= 1,
            ')' | '）' => {
                let after = inner.get(i + c.len_utf8()..).unwrap_or("");
                let words = after
                    .trim_matches(|c: char| c.is_whitespace() || text::is_zero_width(c))
                    .trim_matches(['.', ',', ';', ':']);
                return !(words.is_empty() || words.eq_ignore_ascii_case("et al"));
            }
            _ => {}
        }
    }
    false
}

/// Whether the line is a list of names in Hangul, `(김민지, 박철수)`: in
/// parentheses, no link, no sentence punctuation, each name at most 4
/// words and 20 characters. Such a line is not an authors line (a Korean
/// paragraph may open with a parenthesis), but right after a title with no
/// authors line it is taken for the authors written in the wrong script.
pub fn is_hangul_authors_like(line: &str) -> bool {
    let t = trim(line);
    let Some(inner) = t
        .strip_prefix(['(', '（'])
        .and_then(|t| t.strip_suffix([')', '）']))
    else {
        return false;
    };
    has_hangul(inner)
        && !inner.contains("://")
        && !inner.contains(['.', '?', '!', '(', ')', '。'])
        && inner
            .split([',', ';', '，', '、'])
            .map(str::trim)
            .all(|n| !n.is_empty() && n.split_whitespace().count() <= 4 && n.chars().count() <= 20)
}

/// Whether the line is a tags line: it starts with `#` (or fullwidth `＃`).
pub fn is_tags_like(line: &str) -> bool {
    is_tag(trim(line))
}

/// Whether a word of a tags line is a tag: it starts with a tag mark.
pub fn is_tag(word: &str) -> bool {
    word.starts_with(['#', '＃'])
}

/// Whether a line that opens with a tag mark reads as a title (`#1 Ranked
/// Models Still Miss`, `#InsTag: Tagging Instructions`): it has more words
/// that are not tags than tags. The parser takes it for a title only when
/// an authors line follows; a tags line with a stray word or two is still
/// a tags line (T004).
pub fn is_hash_title(line: &str) -> bool {
    let (mut tags, mut words) = (0usize, 0usize);
    for word in line.split(is_tag_separator).filter(|w| !w.is_empty()) {
        if is_tag(word) {
            tags += 1;
        } else {
            words += 1;
        }
    }
    words > tags
}

/// What separates the words of a tags line.
pub fn is_tag_separator(c: char) -> bool {
    c.is_whitespace() || text::is_zero_width(c)
}

/// What separates the names of an authors line (ASCII or fullwidth comma).
pub fn is_name_separator(c: char) -> bool {
    c == ',' || c == '，'
}

// -------------------------------------------------------------- groups --

struct Grouper<'a, 's> {
    src: &'s str,
    lines: &'a mut [Line],
    blank: Vec<bool>,
    authors: Vec<bool>,
    tags: Vec<bool>,
}

impl Grouper<'_, '_> {
    fn text(&self, i: usize) -> &str {
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

fn group(src: &str, lines: &mut [Line]) -> Vec<Item> {
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
        lines,
    };
    // A title that opens with a tag mark is a title, not a tags line.
    for i in 0..n.saturating_sub(1) {
        if g.tags[i] && g.authors[i + 1] && is_hash_title(g.text(i)) {
            g.tags[i] = false;
        }
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
    if g.tags[i] {
        return false;
    }
    for j in i + 1..g.lines.len() {
        if g.tags[j] {
            return true;
        }
        if g.starts_entry(j) || g.authors[j] {
            return false;
        }
    }
    false
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

// --------------------------------------------------------- body roles --

/// English lines placed before the Korean are recognised only when their
/// lengths fit a translation of the Korean lines: an English paragraph is
/// this many times as long (in characters) as its Korean, at least ...
const MIN_TRANSLATION_RATIO: f64 = 0.6;
/// ... and at most. Copied abstracts are far longer than that. (In the
/// corpus the English of a paragraph is at most 2.9 times its Korean; an
/// abstract taken for English would hide a missing translation, so the
/// bound errs towards reading a line as abstract.)
const MAX_TRANSLATION_RATIO: f64 = 3.0;

/// Gives each body line its role: the abstract is every line before the
/// first Korean one; after it, Korean lines are Korean and other lines
/// English. A line that is only a link takes the role of the block it sits
/// in. Blank lines stay blank.
fn classify_body(g: &mut Grouper, body: &[usize]) {
    let korean: Vec<bool> = body.iter().map(|&l| has_hangul(g.text(l))).collect();
    let Some(first_korean) = korean.iter().position(|&k| k) else {
        for &l in body {
            g.lines[l].kind = if g.blank[l] {
                LineKind::Blank
            } else {
                LineKind::Abstract
            };
        }
        return;
    };
    let mut role = LineKind::Abstract;
    for (idx, &l) in body.iter().enumerate() {
        let kind = if g.blank[l] {
            LineKind::Blank
        } else if korean[idx] {
            role = LineKind::Korean;
            role
        } else if idx < first_korean {
            LineKind::Abstract
        } else if g.lines[l].is_link_only(g.src) {
            role
        } else {
            role = LineKind::English;
            role
        };
        g.lines[l].kind = kind;
    }
    english_before_korean(g, body, first_korean);
}

/// When no English follows the Korean block, the English may have been put
/// before it. The lines right before the Korean block are taken for that
/// English when there are as many as Korean lines, none is a bare link or
/// speaks as the paper does (`we propose`: the abstract's last lines), and
/// each is about as long as a translation of its Korean partner.
fn english_before_korean(g: &mut Grouper, body: &[usize], first_korean: usize) {
    let text_lines: Vec<usize> = body.iter().copied().filter(|&l| !g.blank[l]).collect();
    if text_lines
        .iter()
        .any(|&l| g.lines[l].kind == LineKind::English)
    {
        return;
    }
    let koreans: Vec<usize> = text_lines
        .iter()
        .copied()
        .filter(|&l| g.lines[l].kind == LineKind::Korean)
        .collect();
    let before: Vec<usize> = body[..first_korean]
        .iter()
        .copied()
        .filter(|&l| !g.blank[l])
        .collect();
    if koreans.is_empty() || before.len() < koreans.len() {
        return;
    }
    let candidates = &before[before.len() - koreans.len()..];
    let fits = candidates.iter().zip(&koreans).all(|(&e, &k)| {
        let (el, kl) = (
            text::char_len(g.text(e)) as f64,
            text::char_len(g.text(k)) as f64,
        );
        !g.lines[e].is_link_only(g.src)
            && !in_papers_voice(g.text(e))
            && kl > 0.0
            && (MIN_TRANSLATION_RATIO..=MAX_TRANSLATION_RATIO).contains(&(el / kl))
    });
    if fits {
        for &e in candidates {
            g.lines[e].kind = LineKind::English;
        }
    }
}

/// Verbs with which a paper presents itself: `we propose`, `we show`.
const PAPER_VERBS: &[&str] = &[
    "propose",
    "present",
    "introduce",
    "show",
    "demonstrate",
    "develop",
    "release",
    "find",
];

/// Whether an English line speaks as the paper does (`We propose ...`,
/// `we show that ...`): a line of the copied abstract, not the digest
/// author's note about the paper.
fn in_papers_voice(line: &str) -> bool {
    let mut words = line
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty());
    let mut previous_is_we = false;
    for word in words.by_ref() {
        if previous_is_we && PAPER_VERBS.iter().any(|v| v.eq_ignore_ascii_case(word)) {
            return true;
        }
        previous_is_we = word.eq_ignore_ascii_case("we");
    }
    false
}

// ----------------------------------------------------- authors & tags --

/// Reads an authors line into its parts. `offset` is the line's position.
pub fn parse_authors(line: &str, offset: usize, index: usize) -> Authors {
    let skip = |c: char| c.is_whitespace() || text::is_zero_width(c);
    let lead = line.len() - line.trim_start_matches(skip).len();
    let body = &line[lead..];
    let open_len = body.chars().next().map_or(0, char::len_utf8);
    let open = Span::new(offset + lead, offset + lead + open_len);
    let trimmed = body.trim_end_matches(skip);
    let close = trimmed
        .chars()
        .next_back()
        .filter(|&c| (c == ')' || c == '）') && trimmed.len() > open_len)
        .map(|c| {
            Span::new(
                offset + lead + trimmed.len() - c.len_utf8(),
                offset + lead + trimmed.len(),
            )
        });
    let inner_start = open.end;
    let inner_end = close.map_or(offset + lead + trimmed.len(), |c| c.start);
    let inner = line
        .get(inner_start - offset..inner_end - offset)
        .unwrap_or("");
    let mut names = Vec::new();
    let mut pos = inner_start;
    for part in inner.split(is_name_separator) {
        let t = part.trim();
        let start = pos + (part.len() - part.trim_start().len());
        names.push(Span::new(start, start + t.len()));
        pos += part.len();
        // Advance past the separator itself (1 byte for ',', 3 for '，').
        let sep = inner
            .get(pos - inner_start..)
            .and_then(|s| s.chars().next())
            .map_or(0, char::len_utf8);
        pos += sep;
    }
    if names.len() == 1 && names[0].is_empty() {
        names.clear();
    }
    Authors {
        line: index,
        open,
        close,
        names,
    }
}

/// Reads a tags line: words starting with `#` are tags, the rest are words
/// that do not belong there.
pub fn parse_tags(line: &str, offset: usize, index: usize) -> Tags {
    let mut tags = Vec::new();
    let mut words = Vec::new();
    let mut pos = 0;
    for word in line.split(is_tag_separator) {
        if !word.is_empty() {
            let span = Span::new(offset + pos, offset + pos + word.len());
            if is_tag(word) {
                tags.push(span);
            } else {
                words.push(span);
            }
        }
        pos += word.len();
        pos += line[pos..].chars().next().map_or(0, char::len_utf8);
    }
    Tags {
        line: index,
        tags,
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<LineKind> {
        parse(src).lines.iter().map(|l| l.kind).collect()
    }

    const ENTRY: &str =
        "Title A\n(Ann Lee, Bo Kim)\nAbstract text.\n한국어 설명.\nEnglish note.\n#tag-a\n";

    #[test]
    fn lines_tile_the_input() {
        for src in ["", "a", "a\n", "a\r\nb\rc\n\n", "\u{FEFF}x\ny"] {
            let d = parse(src);
            assert_eq!(d.to_source(), src);
            let mut at = 0;
            for l in &d.lines {
                assert_eq!(l.start, at);
                at = l.full().end;
            }
            assert_eq!(at, src.len());
        }
    }

    #[test]
    fn a_well_formed_digest() {
        let src = format!("2025년 4월 25일\n{ENTRY}{ENTRY}");
        use LineKind::*;
        let one = [Title, Authors, Abstract, Korean, English, Tags];
        let mut want = vec![Header];
        want.extend(one);
        want.extend(one);
        assert_eq!(kinds(&src), want);
        assert_eq!(parse(&src).entries().count(), 2);
    }

    #[test]
    fn missing_tags_does_not_swallow_next_entry() {
        let src = "2025년 4월 25일\nT1\n(A B)\n한.\nE.\nT2\n(C D)\n한.\nE.\n#x\n";
        let d = parse(src);
        let entries: Vec<_> = d.entries().collect();
        assert_eq!(entries.len(), 2);
        assert!(entries[0].tags.is_none());
        assert_eq!(entries[1].title, Some(5));
        assert!(entries[1].tags.is_some());
    }

    #[test]
    fn authors_without_title_and_stray_lines() {
        let src = "2025년 4월 25일\n(A B)\n한.\nE.\n#x\nleftover\n";
        let d = parse(src);
        assert_eq!(d.entries().next().and_then(|e| e.title), None);
        assert_eq!(d.lines[5].kind, LineKind::Stray);
    }

    #[test]
    fn title_without_authors() {
        let d = parse("2025년 4월 25일\nT\n한.\nE.\n#x\n");
        let e = d.entries().next().cloned();
        assert!(
            e.as_ref()
                .is_some_and(|e| e.title == Some(1) && e.authors.is_none())
        );
    }

    #[test]
    fn authors_like_lines() {
        assert!(is_authors_like("(Xu Ma, Peize Sun)"));
        assert!(is_authors_like("(Jane Doe)"));
        assert!(is_authors_like("(Xu Ma; Peize Sun)"));
        assert!(is_authors_like("(Xu Ma, Peize Sun"));
        assert!(is_authors_like("()"));
        assert!(!is_authors_like("(시스템 프롬프트로 만든) 메타 모델"));
        assert!(!is_authors_like("(https://arxiv.org/abs/2501.01956) shows"));
        assert!(!is_authors_like("(see the appendix, table 3)"));
        assert!(!is_authors_like("Plain title"));
        // A parenthetical that closes early opens a title or a paragraph.
        assert!(!is_authors_like(
            "(Mis)Fitting: Scaling, Laws and Everything Else"
        ));
        assert!(!is_authors_like(
            "(Follow-up) A study of routing, with more data."
        ));
        assert!(is_authors_like("(Ann Lee (MIT), Bo Kim)"));
        assert!(is_authors_like("(Ann Lee, Bo Kim)."));
        assert!(is_authors_like("(Ann Lee, Bo Kim) et al."));
    }

    #[test]
    fn authors_spans() {
        let line = "(Ann Lee,  Bo Kim , )";
        let a = parse_authors(line, 0, 0);
        let names: Vec<&str> = a.names.iter().map(|s| s.text(line)).collect();
        assert_eq!(names, ["Ann Lee", "Bo Kim", ""]);
        assert_eq!(a.close.map(|c| c.text(line)), Some(")"));
    }

    #[test]
    fn empty_names_between_adjacent_separators() {
        for (line, want) in [
            ("(,Ann Lee)", vec!["", "Ann Lee"]),
            ("(Ann Lee,,Bo Kim)", vec!["Ann Lee", "", "Bo Kim"]),
            ("（，Ann Lee）", vec!["", "Ann Lee"]),
            ("(Ann Lee，，Bo Kim,)", vec!["Ann Lee", "", "Bo Kim", ""]),
        ] {
            let a = parse_authors(line, 0, 0);
            let names: Vec<&str> = a.names.iter().map(|s| s.text(line)).collect();
            assert_eq!(names, want, "{line}");
        }
    }

    #[test]
    fn zero_width_space_before_the_parenthesis() {
        let line = "\u{200B}(Ann Lee)\u{200B}";
        let a = parse_authors(line, 0, 0);
        assert_eq!(a.open.text(line), "(");
        assert_eq!(a.close.map(|c| c.text(line)), Some(")"));
        assert_eq!(a.names.first().map(|n| n.text(line)), Some("Ann Lee"));
    }

    #[test]
    fn fullwidth_authors_spans() {
        let line = "（Ann Lee，Bo Kim）";
        let a = parse_authors(line, 0, 0);
        let names: Vec<&str> = a.names.iter().map(|s| s.text(line)).collect();
        assert_eq!(names, ["Ann Lee", "Bo Kim"]);
    }

    #[test]
    fn tags_spans() {
        let line = "#a-b  #c word";
        let t = parse_tags(line, 0, 0);
        let tags: Vec<&str> = t.tags.iter().map(|s| s.text(line)).collect();
        assert_eq!(tags, ["#a-b", "#c"]);
        assert_eq!(t.words.len(), 1);
    }

    #[test]
    fn link_only_line_in_commentary_keeps_block() {
        let src = "2025년 4월 25일\nT\n(A B)\n한 줄.\nhttps://x.org/a\n두 줄.\n#x\n";
        use LineKind::*;
        assert_eq!(
            kinds(src),
            [Header, Title, Authors, Korean, Korean, Korean, Tags]
        );
    }

    #[test]
    fn authors_line_written_twice_stays_in_its_entry() {
        let src = "2025년 4월 25일\nT\n(A B)\n(A B)\n한.\nE.\n#x\n";
        let d = parse(src);
        let entries: Vec<_> = d.entries().collect();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].body, [3, 4, 5]);
        use LineKind::*;
        assert_eq!(
            kinds(src),
            [Header, Title, Authors, Authors, Korean, English, Tags]
        );
    }

    #[test]
    fn title_in_parentheses_before_a_different_authors_line() {
        use LineKind::*;
        let src = "2025년 4월 25일\n(Counting Sheep)\n(A B)\n한.\nE.\n#x\n";
        assert_eq!(kinds(src), [Header, Title, Authors, Korean, English, Tags]);
        // The same line twice is the authors line twice, with no title.
        let src = "2025년 4월 25일\n(A B)\n(A B)\n한.\nE.\n#x\n";
        assert_eq!(parse(src).entries().next().and_then(|e| e.title), None);
    }

    #[test]
    fn tags_line_before_the_commentary() {
        use LineKind::*;
        let src = "2025년 4월 25일\nT\n(A B)\n#x\n한.\nE.\nT2\n(C D)\n한.\nE.\n#y\n";
        let d = parse(src);
        let first = d.entries().next().cloned();
        assert_eq!(first.as_ref().map(|e| e.lines.clone()), Some(1..6));
        assert_eq!(first.and_then(|e| e.tags).map(|t| t.line), Some(3));
        assert_eq!(
            kinds(src),
            [
                Header, Title, Authors, Tags, Korean, English, Title, Authors, Korean, English,
                Tags
            ]
        );
        // A complete entry is closed by its tags line: what follows is stray.
        let src = "2025년 4월 25일\nT\n(A B)\n한.\nE.\n#x\n메모.\n";
        assert_eq!(kinds(src).last(), Some(&Stray));
    }

    #[test]
    fn title_that_opens_with_a_tag_mark() {
        assert!(is_hash_title("#1 Ranked Models Still Miss"));
        assert!(!is_hash_title("#rl #reasoning todo"));
        use LineKind::*;
        let src = "2025년 4월 25일\n#1 Ranked Models\n(A B)\n한.\nE.\n#x\n";
        assert_eq!(kinds(src), [Header, Title, Authors, Korean, English, Tags]);
        // Without an authors line after it, it stays a tags line.
        let src = "2025년 4월 25일\nT\n(A B)\n한.\nE.\n#x and more words\n";
        assert_eq!(kinds(src).last(), Some(&Tags));
    }

    #[test]
    fn names_in_hangul() {
        assert!(is_hangul_authors_like("(김민지, 박철수)"));
        assert!(is_hangul_authors_like("（에이다 스톤）"));
        assert!(!is_hangul_authors_like("(코드가 공개되었네요.)"));
        assert!(!is_hangul_authors_like("(https://x.org 참고)"));
        assert!(!is_hangul_authors_like("(Ann Lee, Bo Kim)"));
        assert!(!is_hangul_authors_like(
            "(이 논문은 이전 연구의 후속편으로 보이는데 결과가 좀 더 좋아졌습니다)"
        ));
        use LineKind::*;
        let src = "2025년 4월 25일\nT\n(김민지, 박철수)\nAbstract.\n한.\nE.\n#x\n";
        assert_eq!(
            kinds(src),
            [Header, Title, Authors, Abstract, Korean, English, Tags]
        );
        let d = parse(src);
        assert!(d.entries().next().is_some_and(|e| e.authors.is_none()));
    }

    #[test]
    fn blank_line_between_title_and_authors() {
        use LineKind::*;
        let src = "2025년 4월 25일\nT\n\n(A B)\n한.\nE.\n#x\n";
        assert_eq!(
            kinds(src),
            [Header, Title, Blank, Authors, Korean, English, Tags]
        );
        assert_eq!(
            parse(src).entries().next().map(|e| e.lines.clone()),
            Some(1..7)
        );
        // A Korean note is not taken for a title.
        let src = "2025년 4월 25일\n메모\n\n(A B)\n한.\nE.\n#x\n";
        assert_eq!(kinds(src)[1], Stray);
    }

    #[test]
    fn papers_voice() {
        assert!(in_papers_voice("We propose a robot; we show it works."));
        assert!(in_papers_voice("Here, we   Present a method."));
        assert!(!in_papers_voice("They show that we can fold faster."));
        assert!(!in_papers_voice("I think we should fold more."));
    }

    #[test]
    fn english_before_korean_is_recognised() {
        let src = "2025년 4월 25일\nT\n(A B)\nA long abstract that goes on and on about many things, far longer than any note could be, with more words and more words still, padding it out to several hundred characters so that no translation could be this long. And more again.\nA short English note.\n짧은 한국어 설명.\n#x\n";
        use LineKind::*;
        assert_eq!(
            kinds(src),
            [Header, Title, Authors, Abstract, English, Korean, Tags]
        );
    }
}
