//! Finding links in a line of text.
//!
//! A link starts at `http://` or `https://` and ends at white space, at the
//! `)` that closes a `(` opened before it, or where Korean text begins; a
//! final `.`, `,`, `;` or `:` is sentence punctuation and stays outside.

use crate::syntax::parser::error::{Expected, TextResult, expect};
use crate::syntax::text::{is_hangul_jamo, is_hangul_syllable};
use crate::syntax::{Link, Span};
use nom::{
    Parser,
    branch::alt,
    bytes::complete::{tag_no_case, take_while},
};

/// `https://` or `http://`, in any case.
fn scheme(i: &str) -> TextResult<'_, &str> {
    expect(
        Expected::SCHEME,
        alt((tag_no_case("https://"), tag_no_case("http://"))),
    )
    .parse(i)
}

/// `link`: a scheme, then the URL up to the first character that
/// `ends_url`, or earlier at a `)` that closes no `(` of its own inside the
/// URL; trailing sentence punctuation stays outside. Returns the URL and
/// whether such a `)` follows right after it.
fn link(i: &str) -> TextResult<'_, (&str, bool)> {
    let (after_scheme, _) = scheme(i)?;
    let (_, run) = take_while(|c| !ends_url(c)).parse(after_scheme)?;
    let candidate = &i[..i.len() - after_scheme.len() + run.len()];
    // Cut at the first `)` that has no `(` of its own inside the URL.
    let mut depth = 0usize;
    let mut end = candidate.len();
    let mut closed_outer = false;
    for (at, c) in candidate.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                end = at;
                closed_outer = true;
                break;
            }
            ')' => depth -= 1,
            _ => {}
        }
    }
    let mut url = &candidate[..end];
    while let Some(stripped) = url.strip_suffix(['.', ',', ';', ':', '!', '?']) {
        url = stripped;
    }
    Ok((&i[url.len()..], (url, closed_outer && url.len() == end)))
}

/// Characters that can never be part of a URL as the format writes them.
pub fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || is_hangul_syllable(c)
        || is_hangul_jamo(c)
        || matches!(c, '<' | '>' | '"' | '`' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// Whether byte `at` lies in one of `links`, which are in order and apart
/// (as [`find_links`] gives them): a binary search, so that a line of
/// thousands of links costs each question a few steps, not a pass over
/// the links.
pub fn in_links(links: &[Link], at: usize) -> bool {
    let i = links.partition_point(|l| l.span.end <= at);
    links.get(i).is_some_and(|l| l.span.contains(at))
}

/// Finds the links in `line`. Spans are relative to `offset`, the position of
/// `line` in the whole source.
pub fn find_links(line: &str, offset: usize) -> Vec<Link> {
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(found) = next_scheme(line, from) {
        let rest = &line[found..];
        // `next_scheme` has just read a scheme at `found`, and after a
        // scheme `link` cannot fail (the rest of the URL may be empty), so
        // this `else` is never taken.
        let Ok((_, (url, closed))) = link(rest) else {
            break;
        };
        let opened_before = line[..found].ends_with('(');
        let start = offset + found;
        links.push(Link {
            span: Span::new(start, start + url.len()),
            parenthesized: opened_before && closed,
        });
        from = found + url.len().max(1);
    }
    links
}

/// Where the next `http://` or `https://` starts, at or after `from`.
/// Found by its `://` (rare in prose, where the `p` of `http` is not),
/// then the four or five letters before it, in any case.
fn next_scheme(line: &str, from: usize) -> Option<usize> {
    static COLON_SLASHES: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let finder = COLON_SLASHES.get_or_init(|| memchr::memmem::Finder::new(b"://"));
    let b = line.as_bytes();
    let mut at = from;
    loop {
        let q = at + finder.find(b.get(at..)?)?;
        let is = |start: Option<usize>, name: &[u8]| {
            start
                .filter(|&s| s >= from)
                .filter(|&s| b.get(s..q).is_some_and(|w| w.eq_ignore_ascii_case(name)))
        };
        if let Some(start) =
            is(q.checked_sub(5), b"https").or_else(|| is(q.checked_sub(4), b"http"))
        {
            return Some(start);
        }
        at = q + 1;
    }
}

/// Walks a line's text and steps over its links, for scanners that look
/// for things (numbers, LaTeX) only in the prose around the links.
pub struct SkipLinks<'a> {
    links: &'a [Link],
    /// The line's position in the source: link spans are absolute.
    base: usize,
    next: usize,
}

impl<'a> SkipLinks<'a> {
    pub fn new(links: &'a [Link], base: usize) -> Self {
        SkipLinks {
            links,
            base,
            next: 0,
        }
    }

    /// When position `i` of the line (relative to the line) has reached the
    /// next link, the position just after that link; scanners call this
    /// with increasing positions.
    pub fn past_link(&mut self, i: usize) -> Option<usize> {
        let link = self.links.get(self.next)?;
        if self.base + i < link.span.start {
            return None;
        }
        self.next += 1;
        Some(i.max(link.span.end.saturating_sub(self.base)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `next_scheme` as it was first written: every `http` in any case,
    /// tried in turn.
    fn next_scheme_by_http(line: &str, from: usize) -> Option<usize> {
        let mut at = from;
        loop {
            let p = crate::syntax::text::find_ascii_ci(line.as_bytes(), b"http", at)?;
            if line.get(p..).is_some_and(|rest| scheme(rest).is_ok()) {
                return Some(p);
            }
            at = p + 1;
        }
    }

    proptest::proptest! {
        #[test]
        fn schemes_are_found_where_the_plain_search_finds_them(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "http", "https", "HTTPS", "hTtP", "://", ":/", "//", ":", "s", "h",
                    "x", " ", "가", "p", "tp", "(", "é",
                ]),
                0..30,
            ),
            from in 0usize..12,
        ) {
            let line: String = pieces.concat();
            let from = (0..=from.min(line.len())).rev().find(|&f| line.is_char_boundary(f)).unwrap_or(0);
            proptest::prop_assert_eq!(next_scheme(&line, from), next_scheme_by_http(&line, from), "{:?} {}", line, from);
        }
    }

    proptest::proptest! {
        #[test]
        fn a_position_is_in_a_link_where_a_pass_over_the_links_says(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "https://a.org/x", "http://b.io", " ", "(", ")", "가", "x", "www.c.org",
                ]),
                0..20,
            ),
            offset in 0usize..5,
        ) {
            let line: String = pieces.concat();
            let links = find_links(&line, offset);
            for at in 0..line.len() + offset + 2 {
                proptest::prop_assert_eq!(
                    in_links(&links, at),
                    links.iter().any(|l| l.span.contains(at)),
                    "{:?} at {}", line, at
                );
            }
        }
    }

    fn urls(line: &str) -> Vec<&str> {
        find_links(line, 0)
            .iter()
            .map(|l| l.span.text(line))
            .collect()
    }

    #[test]
    fn plain_and_parenthesized() {
        assert_eq!(
            urls("see https://example.org/a b"),
            ["https://example.org/a"]
        );
        assert_eq!(
            urls("earlier work (https://arxiv.org/abs/2503.01307) shows"),
            ["https://arxiv.org/abs/2503.01307"]
        );
        let l = find_links("x (https://a.org/b) y", 0);
        assert!(l[0].parenthesized);
    }

    /// `parenthesized` needs both the `(` before the link and the `)` right
    /// after it: a link that ends at a space inside the parentheses, or
    /// whose `)` follows sentence punctuation, is not wrapped by them.
    #[test]
    fn parenthesized_only_when_the_parenthesis_closes_right_after() {
        let wrapped = |line: &str| {
            find_links(line, 0)
                .iter()
                .map(|l| l.parenthesized)
                .collect::<Vec<_>>()
        };
        assert_eq!(wrapped("x (https://a.org/b) y"), [true]);
        assert_eq!(wrapped("x (https://a.org/b and more) y"), [false]);
        assert_eq!(wrapped("x (https://a.org/b.) y"), [false]);
        assert_eq!(urls("x (https://a.org/b.) y"), ["https://a.org/b"]);
        assert_eq!(wrapped("x https://a.org/b) y"), [false]);
    }

    #[test]
    fn trailing_punctuation() {
        assert_eq!(
            urls("at: https://huggingface.co/datasets/x."),
            ["https://huggingface.co/datasets/x"]
        );
        assert_eq!(
            urls("https://a.org/x, and https://b.org/y;"),
            ["https://a.org/x", "https://b.org/y"]
        );
    }

    #[test]
    fn inner_parentheses_and_korean() {
        assert_eq!(
            urls("https://en.wikipedia.org/wiki/A_(b) c"),
            ["https://en.wikipedia.org/wiki/A_(b)"]
        );
        assert_eq!(
            urls("(https://arxiv.org/abs/2310.00426)의 전환"),
            ["https://arxiv.org/abs/2310.00426"]
        );
        assert_eq!(
            urls("https://kellerjordan.github.io/posts/muon/에서"),
            ["https://kellerjordan.github.io/posts/muon/"]
        );
    }

    /// Each kind of character `ends_url` names ends a link on its own:
    /// angle brackets, quotes, backquotes, CJK and fullwidth punctuation,
    /// and Hangul written as jamo.
    #[test]
    fn every_kind_of_end_character_ends_a_link() {
        for line in [
            "<https://a.org/x>",
            "\"https://a.org/x\"",
            "`https://a.org/x`",
            "https://a.org/x\u{3002}다음",
            "https://a.org/x\u{FF0C}y",
            "https://a.org/x\u{1100}\u{1161}",
            "https://a.org/x\u{314B}\u{314B}",
        ] {
            assert_eq!(urls(line), ["https://a.org/x"], "{line}");
        }
    }

    #[test]
    fn skipping_links() {
        let line = "a https://x.org/1 b";
        let links = find_links(line, 10);
        let mut skip = SkipLinks::new(&links, 10);
        assert_eq!(skip.past_link(0), None);
        assert_eq!(skip.past_link(2), Some(17));
        assert_eq!(skip.past_link(18), None);
    }

    #[test]
    fn offsets_and_no_links() {
        assert!(urls("no links here, http:/ broken").is_empty());
        let l = find_links("가 https://a.org", 10);
        assert_eq!(l[0].span, Span::new(14, 14 + "https://a.org".len()));
    }
}
