//! arXiv identifiers and links to arXiv papers.
//!
//! New-style identifiers are `YYMM.NNNN` (2007-04 to 2014-12) or
//! `YYMM.NNNNN` (from 2015-01), optionally followed by a version `vN`.
//! Old-style ones are `archive/YYMMNNN` (`hep-th/9901001`). The canonical
//! link to a paper is `https://arxiv.org/abs/ID`.

use crate::syntax::date::Date;
use crate::syntax::links::ends_url;
use crate::syntax::parser::error::{Expected, TextResult, expect};
use crate::syntax::text::find_ascii_ci;
use crate::syntax::{Link, Span};
use nom::{
    Parser,
    bytes::complete::{take_while_m_n, take_while1},
    character::complete::{char, digit1},
    combinator::{eof, opt, recognize},
    sequence::preceded,
};

/// A new-style identifier, read loosely: four digits, a dot, one or more
/// digits and an optional `v` with digits. [`NewId::problem`] says whether
/// such an identifier can exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NewId<'a> {
    /// The two-digit year, `25` for 2025.
    pub yy: u32,
    pub month: u32,
    /// The sequence number's digits.
    pub number: &'a str,
    /// The digits after `v`, when there is a version.
    pub version: Option<&'a str>,
}

/// Why a new-style identifier cannot exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdProblem {
    /// The month is not 01–12.
    Month(u32),
    /// Before April 2007, when new-style identifiers began.
    BeforeScheme,
    /// A sequence number of this many digits, where the date needs `expected`.
    Digits { found: usize, expected: usize },
    /// Version 0: versions count from 1.
    VersionZero,
    /// Later than the month of the digest that cites it.
    Newer(Date),
}

fn two_digits(s: &str) -> u32 {
    s.bytes()
        .fold(0, |acc, b| acc * 10 + u32::from(b.saturating_sub(b'0')))
}

/// `v` and the version's digits.
fn version(i: &str) -> TextResult<'_, &str> {
    expect(Expected::VERSION, preceded(char('v'), digit1)).parse(i)
}

/// `new_id`: `YYMM.NNNNN` with an optional version, read loosely (any
/// number of digits after the dot), to the end of the text.
fn new_id(i: &str) -> TextResult<'_, NewId<'_>> {
    let (i, (yy, mm, _, number, version, _)) = (
        expect(
            Expected::YEAR,
            take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
        ),
        expect(
            Expected::MONTH,
            take_while_m_n(2, 2, |c: char| c.is_ascii_digit()),
        ),
        expect(Expected::DOT, char('.')),
        expect(Expected::DIGIT, digit1),
        opt(version),
        expect(Expected::END_OF_LINE, eof),
    )
        .parse(i)?;
    Ok((
        i,
        NewId {
            yy: two_digits(yy),
            month: two_digits(mm),
            number,
            version,
        },
    ))
}

/// Reads a new-style identifier (`2503.01307`, `1412.6980v9`), loosely.
pub fn parse_new(id: &str) -> Option<NewId<'_>> {
    new_id(id).ok().map(|(_, id)| id)
}

/// `old_id`: `archive(.XX)?/YYMMNNN(vN)?`, to the end of the text.
fn old_id(i: &str) -> TextResult<'_, &str> {
    recognize((
        expect(
            Expected::ARCHIVE,
            take_while1(|c: char| c.is_ascii_lowercase() || c == '-'),
        ),
        opt(preceded(
            char('.'),
            take_while_m_n(2, 2, |c: char| c.is_ascii_uppercase()),
        )),
        expect(Expected::SLASH, char('/')),
        expect(
            Expected::DIGIT,
            take_while_m_n(7, 7, |c: char| c.is_ascii_digit()),
        ),
        opt(version),
        expect(Expected::END_OF_LINE, eof),
    ))
    .parse(i)
}

/// Whether `id` is an old-style identifier: `archive(.XX)?/YYMMNNN(vN)?`.
pub fn is_old_style(id: &str) -> bool {
    old_id(id).is_ok()
}

impl NewId<'_> {
    pub fn year(&self) -> u32 {
        2000 + self.yy
    }

    /// Why this identifier cannot exist in a digest dated `cited_on`, if it
    /// cannot.
    pub fn problem(&self, cited_on: Option<Date>) -> Option<IdProblem> {
        if !(1..=12).contains(&self.month) {
            return Some(IdProblem::Month(self.month));
        }
        if (self.yy, self.month) < (7, 4) {
            return Some(IdProblem::BeforeScheme);
        }
        let expected = if self.yy >= 15 { 5 } else { 4 };
        if self.number.len() != expected {
            return Some(IdProblem::Digits {
                found: self.number.len(),
                expected,
            });
        }
        if self.version.is_some_and(|v| v.bytes().all(|b| b == b'0')) {
            return Some(IdProblem::VersionZero);
        }
        match cited_on {
            Some(d) if (self.year(), self.month) > (d.year, d.month) => Some(IdProblem::Newer(d)),
            _ => None,
        }
    }
}

/// Which page of a paper a link opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Abs,
    Pdf,
    Html,
}

/// A link to one arXiv paper, with or without a scheme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaperLink<'a> {
    pub page: Page,
    /// The identifier as written (with its version), without `.pdf`.
    pub id: &'a str,
    /// Where `id` starts in the URL.
    pub id_start: usize,
    /// Whether a query, a fragment or more path follows the identifier.
    pub extra: bool,
    /// Whether the link is exactly `https://arxiv.org/abs/ID`.
    pub canonical: bool,
}

const HOSTS: [&str; 3] = ["arxiv.org", "www.arxiv.org", "export.arxiv.org"];

/// Splits a URL into its scheme (`https://`, maybe absent), host and the
/// rest (path, query, fragment).
pub fn split_url(url: &str) -> (Option<&str>, &str, &str) {
    let scheme_len = ["https://", "http://"]
        .iter()
        .find(|s| {
            url.get(..s.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(s))
        })
        .map_or(0, |s| s.len());
    let (scheme, rest) = url.split_at(scheme_len);
    let host_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, path) = rest.split_at(host_len);
    ((scheme_len > 0).then_some(scheme), host, path)
}

/// Reads `url` as a link to an arXiv paper's abstract, PDF or HTML page.
pub fn paper_link(url: &str) -> Option<PaperLink<'_>> {
    let (scheme, host, path) = split_url(url);
    if !HOSTS.iter().any(|h| h.eq_ignore_ascii_case(host)) {
        return None;
    }
    let (page, rest) = [
        ("/abs/", Page::Abs),
        ("/pdf/", Page::Pdf),
        ("/html/", Page::Html),
    ]
    .iter()
    .find_map(|(p, page)| path.strip_prefix(p).map(|r| (*page, r)))?;
    let id_start = url.len() - rest.len();
    let mut id = rest;
    let mut extra = false;
    if let Some(cut) = id.find(['?', '#']) {
        id = &id[..cut];
        extra = true;
    }
    let mut tail = false;
    if let Some(s) = id.strip_suffix('/') {
        id = s;
        tail = true;
    }
    if let Some(s) = id.strip_suffix(".pdf") {
        id = s;
        tail = true;
    }
    // Old-style identifiers hold one `/`; anything further is more path.
    let slashes = id.matches('/').count();
    if slashes > 1 || (slashes == 1 && !is_old_style(id)) {
        extra = true;
    }
    if id.is_empty() {
        return None;
    }
    let canonical =
        scheme == Some("https://") && host == "arxiv.org" && page == Page::Abs && !extra && !tail;
    Some(PaperLink {
        page,
        id,
        id_start,
        extra,
        canonical,
    })
}

/// The canonical form of `url` when it is a link to a paper's abstract or
/// PDF in another form (`/pdf/ID`, `ID.pdf`, `www.`, `export.`, `http://`),
/// the `vN` suffix kept. `None` for canonical links, for links with a query,
/// a fragment or more path, and for identifiers that are not arXiv's.
pub fn canonical_url(url: &str) -> Option<String> {
    let link = paper_link(url)?;
    let known = parse_new(link.id).is_some() || is_old_style(link.id);
    (!link.canonical && !link.extra && link.page != Page::Html && known)
        .then(|| format!("https://arxiv.org/abs/{}", link.id))
}

/// Scheme-less arXiv links (`arxiv.org/abs/2503.01307`) in `line`, whose
/// text starts at `offset` in the source. Text inside `links` (the line's
/// links with a scheme) is skipped.
pub fn bare_links(line: &str, offset: usize, links: &[Link]) -> Vec<Span> {
    const NEEDLE: &str = "arxiv.org/";
    let mut found = Vec::new();
    let lower = line.as_bytes();
    let mut from = 0;
    while let Some(pos) = find_ascii_ci(lower, NEEDLE.as_bytes(), from) {
        from = pos + NEEDLE.len();
        let mut start = pos;
        for prefix in ["www.", "export."] {
            if start >= prefix.len()
                && line
                    .get(start - prefix.len()..start)
                    .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
            {
                start -= prefix.len();
                break;
            }
        }
        let at = offset + start;
        if crate::syntax::links::in_links(links, at) {
            continue;
        }
        let before = line.get(..start).and_then(|s| s.chars().next_back());
        if before.is_some_and(|c| c.is_alphanumeric() || "./:-@_~%".contains(c)) {
            continue;
        }
        let rest = line.get(start..).unwrap_or("");
        let mut end = rest.len();
        let mut depth = 0usize;
        for (i, c) in rest.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 0 => {
                    end = i;
                    break;
                }
                ')' => depth -= 1,
                c if ends_url(c) => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        let mut url = rest.get(..end).unwrap_or("");
        while let Some(s) = url.strip_suffix(['.', ',', ';', ':', '!', '?']) {
            url = s;
        }
        if url.len() > start.abs_diff(pos) + NEEDLE.len() {
            found.push(Span::new(at, at + url.len()));
            from = start + url.len();
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::links::find_links;

    fn date(year: u32, month: u32) -> Option<Date> {
        Some(Date {
            year,
            month,
            day: 1,
        })
    }

    #[test]
    fn reads_new_identifiers() {
        let id = parse_new("2503.01307v2").unwrap();
        assert_eq!(
            (id.yy, id.month, id.number, id.version),
            (25, 3, "01307", Some("2"))
        );
        assert!(parse_new("250.01307").is_none());
        assert!(parse_new("2503.").is_none());
        assert!(parse_new("2503.0130x").is_none());
        assert!(parse_new("2503.01307v").is_none());
        assert!(parse_new("hep-th/9901001").is_none());
    }

    #[test]
    fn problems() {
        let p = |s: &str, d| parse_new(s).unwrap().problem(d);
        assert_eq!(p("2503.01307", date(2025, 4)), None);
        assert_eq!(p("2504.01307", date(2025, 4)), None);
        assert_eq!(p("1412.6980v9", None), None);
        assert_eq!(p("0704.0001", None), None);
        assert_eq!(p("2513.01307", None), Some(IdProblem::Month(13)));
        assert_eq!(p("2500.01307", None), Some(IdProblem::Month(0)));
        assert_eq!(p("0703.0001", None), Some(IdProblem::BeforeScheme));
        assert_eq!(
            p("2503.0130", None),
            Some(IdProblem::Digits {
                found: 4,
                expected: 5
            })
        );
        assert_eq!(
            p("1412.69801", None),
            Some(IdProblem::Digits {
                found: 5,
                expected: 4
            })
        );
        assert_eq!(p("1501.00001v0", None), Some(IdProblem::VersionZero));
        assert_eq!(
            p("2505.01307", date(2025, 4)),
            Some(IdProblem::Newer(date(2025, 4).unwrap()))
        );
        assert!(matches!(
            p("2601.00001", date(2025, 12)),
            Some(IdProblem::Newer(_))
        ));
    }

    #[test]
    fn old_identifiers() {
        assert!(is_old_style("hep-th/9901001"));
        assert!(is_old_style("math.GT/0309136v2"));
        assert!(!is_old_style("hep-th/990100"));
        assert!(!is_old_style("2503.01307"));
    }

    /// A URL without a scheme has none (not an empty one).
    #[test]
    fn urls_split_into_scheme_host_and_rest() {
        assert_eq!(
            split_url("HTTP://Example.org/a?b#c"),
            (Some("HTTP://"), "Example.org", "/a?b#c")
        );
        assert_eq!(split_url("arxiv.org/abs/1"), (None, "arxiv.org", "/abs/1"));
        assert_eq!(split_url("example.org#x"), (None, "example.org", "#x"));
    }

    #[test]
    fn paper_links() {
        let l = paper_link("https://arxiv.org/abs/2503.01307").unwrap();
        assert!(l.canonical);
        assert_eq!((l.page, l.id, l.id_start), (Page::Abs, "2503.01307", 22));
        for url in [
            "http://arxiv.org/abs/2503.01307",
            "https://www.arxiv.org/abs/2503.01307",
            "https://export.arxiv.org/abs/2503.01307",
            "https://arxiv.org/pdf/2503.01307",
            "https://arxiv.org/pdf/2503.01307.pdf",
            "https://arxiv.org/abs/2503.01307/",
            "arxiv.org/abs/2503.01307",
            "HTTPS://ArXiv.org/abs/2503.01307",
        ] {
            let l = paper_link(url).unwrap();
            assert!(!l.canonical, "{url}");
            assert!(!l.extra, "{url}");
            assert_eq!(l.id, "2503.01307", "{url}");
        }
        let l = paper_link("https://arxiv.org/pdf/2503.01307v3.pdf").unwrap();
        assert_eq!((l.page, l.id), (Page::Pdf, "2503.01307v3"));
        assert!(
            paper_link("https://arxiv.org/abs/2503.01307#S2")
                .unwrap()
                .extra
        );
        assert!(
            paper_link("https://arxiv.org/abs/hep-th/9901001")
                .unwrap()
                .canonical
        );
        // More path after an identifier is extra: after a new-style one,
        // and after an old-style one's own `/`.
        for url in [
            "https://arxiv.org/abs/2503.01307/v2",
            "https://arxiv.org/abs/hep-th/9901001/x",
        ] {
            assert!(paper_link(url).is_some_and(|l| l.extra), "{url}");
        }
        assert!(paper_link("https://arxiv.org/list/cs.CL/recent").is_none());
        assert!(paper_link("https://notarxiv.org/abs/2503.01307").is_none());
        assert!(paper_link("https://arxiv.org/abs/").is_none());
    }

    #[test]
    fn canonical_urls() {
        assert_eq!(
            canonical_url("http://www.arxiv.org/pdf/2503.01307v2.pdf").as_deref(),
            Some("https://arxiv.org/abs/2503.01307v2")
        );
        assert_eq!(canonical_url("https://arxiv.org/abs/2503.01307"), None);
        assert_eq!(canonical_url("https://arxiv.org/html/2503.01307"), None);
        assert_eq!(
            canonical_url("https://arxiv.org/pdf/2503.01307#page=2"),
            None
        );
        assert_eq!(canonical_url("https://arxiv.org/pdf/not-an-id"), None);
    }

    #[test]
    fn finds_bare_links() {
        let bare = |line: &str| {
            let links = find_links(line, 0);
            bare_links(line, 0, &links)
                .iter()
                .map(|s| s.text(line).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            bare("see arxiv.org/abs/2503.01307."),
            ["arxiv.org/abs/2503.01307"]
        );
        assert_eq!(
            bare("(www.arxiv.org/pdf/2503.01307)"),
            ["www.arxiv.org/pdf/2503.01307"]
        );
        assert_eq!(
            bare("arxiv.org/abs/2503.01307에서"),
            ["arxiv.org/abs/2503.01307"]
        );
        assert!(bare("https://arxiv.org/abs/2503.01307").is_empty());
        assert!(bare("http://export.arxiv.org/abs/2503.01307").is_empty());
        assert!(bare("on arxiv.org today").is_empty());
        assert!(bare("notarxiv.org/abs/1 and ftp://arxiv.org/x").is_empty());
        assert!(bare("arxiv.org/ alone").is_empty());
        // Parentheses inside the link are its own; the one closing around
        // it is not.
        assert_eq!(
            bare("(arxiv.org/abs/2503.01307(v2)) more"),
            ["arxiv.org/abs/2503.01307(v2)"]
        );
    }
}
