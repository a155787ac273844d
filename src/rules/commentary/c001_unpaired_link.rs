use super::{holds_copy, lines_span, side_name};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::{Digest, Link};

pub struct UnpairedLink;

static META: RuleMeta = RuleMeta {
    code: "C001",
    name: "unpaired-link",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "A link in one language's commentary that the other lacks.",
    doc: r#"
## What it does
Compares the links of each Korean paragraph with those of its English
partner (paragraph *i* with paragraph *i*) and reports a link that only one
of the two has. When the two blocks have different numbers of paragraphs
(E006 reports that), the blocks are compared as wholes, so a link is only
reported when it is missing from the other language altogether. A line
that is only a link is not a paragraph of its own: it is read with the
paragraph before it.

Links are compared after light normalisation: `http` and `https`, a leading
`www.`, a trailing `/` and the case of letters do not matter, and arXiv links
are compared by paper ID (`/abs/2404.12358`, `/pdf/2404.12358v2`,
`/html/2404.12358v1` and `/abs/2404.12358.pdf` are the same paper). A
`#fragment` points into the same page and is ignored. Entries that lack one of the two
blocks are left to E003 and E004.

A pair where one paragraph copies another entry's is left to
`copied-commentary` (C005) while that rule runs: the copy is the defect.

## Why is this bad?
The two paragraphs are one text in two languages: a reader of either should
find the same references. A link present in one only is almost always one
the author forgot while translating.

## Example
```text
MoE 라우팅을 단순화한 연구. (https://arxiv.org/abs/2401.00001)
A study that simplifies MoE routing.
```
The English paragraph lacks the link; it should read
`A study that simplifies MoE routing (https://arxiv.org/abs/2401.00001).`

## Fix
None: the link has to be placed by hand, where the sentence that cites it
is.
"#,
    default_enabled: true,
};

/// A link reduced to what identifies it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LinkKey<'a> {
    /// An arXiv paper, by ID without version.
    Arxiv(&'a str),
    /// Host and path without scheme, `www.` or trailing slashes; compared
    /// ignoring ASCII case.
    Other(&'a str),
}

impl LinkKey<'_> {
    fn same(self, other: LinkKey<'_>) -> bool {
        match (self, other) {
            (LinkKey::Arxiv(a), LinkKey::Arxiv(b)) => a.eq_ignore_ascii_case(b),
            (LinkKey::Other(a), LinkKey::Other(b)) => a.eq_ignore_ascii_case(b),
            _ => false,
        }
    }
}

/// A [`LinkKey`] as a set holds it: equal when [`LinkKey::same`] says so,
/// hashed ignoring ASCII case to match. A paragraph's links are looked up
/// in a set, not against each other link: a line of thousands of links
/// costs each one look-up, not a pass over the others.
#[derive(Clone, Copy)]
struct Folded<'a>(LinkKey<'a>);

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.same(other.0)
    }
}

impl Eq for Folded<'_> {}

impl std::hash::Hash for Folded<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let (kind, text) = match self.0 {
            LinkKey::Arxiv(id) => (0u8, id),
            LinkKey::Other(rest) => (1, rest),
        };
        state.write_u8(kind);
        for b in text.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        state.write_usize(text.len());
    }
}

type KeySet<'a> = rustc_hash::FxHashSet<Folded<'a>>;

fn key_set<'a>(links: &[(Link, LinkKey<'a>)]) -> KeySet<'a> {
    links.iter().map(|&(_, k)| Folded(k)).collect()
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

fn link_key(url: &str) -> LinkKey<'_> {
    if let Some(paper) = crate::syntax::arxiv::paper_link(url) {
        let id = paper.id;
        let id = match id.rfind(['v', 'V']) {
            Some(v)
                if v > 0
                    && id
                        .as_bytes()
                        .get(v + 1..)
                        .is_some_and(|d| !d.is_empty() && d.iter().all(u8::is_ascii_digit)) =>
            {
                id.get(..v).unwrap_or(id)
            }
            _ => id,
        };
        if !id.is_empty() {
            return LinkKey::Arxiv(id);
        }
    }
    let rest = match url.find("://") {
        Some(i) => url.get(i + 3..).unwrap_or(""),
        None => url,
    };
    let rest = strip_prefix_ignore_case(rest, "www.").unwrap_or(rest);
    // A fragment points into the same page.
    let rest = rest.split_once('#').map_or(rest, |(page, _)| page);
    LinkKey::Other(rest.trim_end_matches('/'))
}

/// Every link of `lines`, with its key.
fn links<'d>(digest: &Digest<'d>, lines: &[usize]) -> Vec<(Link, LinkKey<'d>)> {
    let src = digest.src;
    lines
        .iter()
        .filter_map(|&l| digest.lines.get(l))
        .flat_map(|line| line.links.iter())
        .map(|link| (*link, link_key(link.span.text(src))))
        .collect()
}

impl Rule for UnpairedLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        let copies = cx.copied_paragraphs();
        for (_, commentary) in cx.commentaries() {
            let Some(commentary) = commentary else {
                continue;
            };
            for pair in commentary.pairs() {
                if holds_copy(&pair, copies) {
                    continue;
                }
                let korean = links(digest, pair.korean);
                let english = links(digest, pair.english);
                if korean.is_empty() && english.is_empty() {
                    continue;
                }
                let (korean_keys, english_keys) = (key_set(&korean), key_set(&english));
                for (from_korean, mine, theirs, their_lines) in [
                    (true, &korean, &english_keys, pair.english),
                    (false, &english, &korean_keys, pair.korean),
                ] {
                    // A link already met in this paragraph was reported
                    // (or found in the partner) the first time.
                    let mut met = KeySet::default();
                    for &(link, key) in mine {
                        if !met.insert(Folded(key)) || theirs.contains(&Folded(key)) {
                            continue;
                        }
                        let url = link.span.text(cx.src);
                        let here = side_name(from_korean, pair.whole);
                        let there = side_name(!from_korean, pair.whole);
                        let language = if from_korean { "English" } else { "Korean" };
                        let mut d = Diagnostic::new(
                            &META,
                            link.span,
                            format!("link `{url}` is in the {here} but not in the {there}"),
                        )
                        .label(
                            lines_span(digest, their_lines),
                            format!("the {there} has no link to this address"),
                        );
                        d = d.help(if pair.whole {
                            format!(
                                "add the link to the {language} commentary; the blocks have \
                                 different paragraph counts (E006), so they were compared as wholes"
                            )
                        } else {
                            format!(
                                "add the link to the {language} paragraph too (http/https, \
                                 `www.` and a trailing `/` do not matter)"
                            )
                        });
                        out.push(d);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A copy silences C001 on the copy's own pair only: an unpaired link
    /// in another entry of the same file is still reported.
    #[test]
    fn a_copy_silences_only_its_own_pair() {
        let copied = "The same English paragraph, copied word for word into the next entry.";
        let src = format!(
            "2025년 4월 25일\nFirst Title\n(Ann Lee)\n가상의 방법 https://example.org/a 입니다.\n\
             A made-up method.\n#a\nSecond Title\n(Bo Kim)\n두 번째 방법입니다.\n\
             {copied}\n#b\nThird Title\n(Cy Park)\n세 번째 https://example.org/c 방법.\n{copied}\n#c\n"
        );
        let found = crate::lint::check(&src, None, &crate::rules::only(&["C001", "C005"]));
        let line = |at: usize| src.get(..at).map_or(0, |s| s.matches('\n').count() + 1);
        let codes: Vec<(&str, usize)> =
            found.iter().map(|d| (d.code, line(d.span.start))).collect();
        // The first entry's Korean link (line 4); the third entry's
        // English is the copy (line 15), so its pair's link is left alone.
        assert_eq!(codes, [("C001", 4), ("C005", 15)], "{found:#?}");
    }

    fn same(a: &str, b: &str) -> bool {
        link_key(a).same(link_key(b))
    }

    /// A set's keys are equal exactly when the links are the same address.
    #[test]
    fn folded_keys_are_equal_when_the_links_are_the_same() {
        fn folded(url: &str) -> Folded<'_> {
            Folded(link_key(url))
        }
        for (a, b, equal) in [
            ("https://example.org/a", "http://www.EXAMPLE.org/A/", true),
            (
                "https://arxiv.org/abs/2404.12358",
                "https://arxiv.org/pdf/2404.12358v2",
                true,
            ),
            ("https://example.org/a", "https://example.org/b", false),
            (
                "https://arxiv.org/abs/2404.12358",
                "https://example.org/2404.12358",
                false,
            ),
        ] {
            assert_eq!(folded(a) == folded(b), equal, "{a} {b}");
            assert_eq!(same(a, b), equal, "{a} {b}");
        }
    }

    proptest::proptest! {
        /// The set answers what a pass over the links would: a link's key
        /// is in it exactly when one of its links is the same address.
        #[test]
        fn a_set_of_keys_finds_the_same_addresses(
            urls in proptest::collection::vec(
                proptest::sample::select(vec![
                    "https://example.org/a", "http://www.Example.org/A/", "https://example.org/b",
                    "https://arxiv.org/abs/2404.12358", "http://arxiv.org/pdf/2404.12358V2",
                    "https://arxiv.org/abs/2404.12359", "https://example.org/a#x",
                    "https://arxiv.org/abs/math.CV/0101001", "https://arxiv.org/abs/math.cv/0101001",
                ]),
                0..8,
            ),
            asked in proptest::sample::select(vec![
                "https://EXAMPLE.org/a", "https://arxiv.org/abs/2404.12358v1", "https://example.org/c",
                "https://arxiv.org/abs/MATH.CV/0101001",
            ]),
        ) {
            let keys: Vec<LinkKey<'_>> = urls.iter().map(|u| link_key(u)).collect();
            let set: KeySet<'_> = keys.iter().map(|&k| Folded(k)).collect();
            let key = link_key(asked);
            proptest::prop_assert_eq!(
                set.contains(&Folded(key)),
                keys.iter().any(|k| k.same(key)),
                "{:?} {}", urls, asked
            );
        }
    }

    #[test]
    fn normalisation() {
        assert!(same("https://example.org/a/", "http://www.example.org/a"));
        assert!(same("https://Example.org/A", "https://example.org/a"));
        assert!(!same("https://example.org/a", "https://example.org/b"));
        assert!(same(
            "https://arxiv.org/abs/2404.12358",
            "http://arxiv.org/pdf/2404.12358v2"
        ));
        assert!(same(
            "https://arxiv.org/pdf/2404.12358.pdf",
            "https://www.arxiv.org/abs/2404.12358"
        ));
        assert!(!same(
            "https://arxiv.org/abs/2404.12358",
            "https://arxiv.org/abs/2404.12359"
        ));
        assert!(!same(
            "https://arxiv.org/abs/2404.12358",
            "https://example.org/abs/2404.12358"
        ));
        assert!(same(
            "https://arxiv.org/html/2404.12358v1",
            "https://arxiv.org/abs/2404.12358#S3"
        ));
        assert!(same(
            "https://example.org/a#intro",
            "https://example.org/a/"
        ));
        assert!(!same(
            "https://example.org/a?v=1",
            "https://example.org/a?v=2"
        ));
    }

    #[test]
    fn old_style_ids_are_compared_whole() {
        // The `V` of an archive name is not a version.
        assert!(!same(
            "https://arxiv.org/abs/math.CV/0101001",
            "https://arxiv.org/abs/math.CV/0202002"
        ));
        assert!(!same(
            "https://arxiv.org/abs/solv-int/9901001",
            "https://arxiv.org/abs/solv-int/9902002"
        ));
        assert!(same(
            "https://arxiv.org/abs/math.CV/0101001v2",
            "https://arxiv.org/pdf/math.CV/0101001"
        ));
        assert!(same(
            "https://arxiv.org/abs/hep-th/9901001v12",
            "https://arxiv.org/abs/HEP-TH/9901001"
        ));
    }

    #[test]
    fn odd_urls_do_not_panic() {
        for url in [
            "https://",
            "https://arxiv.org/abs/",
            "https://arxiv.org/abs/v",
            "x",
            "https://arxiv.org/abs/2404.12358v",
            "https://arxiv.org/abs/v2",
            "https://arxiv.org/pdf/2404.12358v2.pdf#page=2",
            "https://www.",
            "https:///#",
            "https://example.org/가/#",
        ] {
            // A key is a piece of the URL with no scheme, `www.`, fragment,
            // trailing `/` or (for arXiv) version left.
            let (arxiv, text) = match link_key(url) {
                LinkKey::Arxiv(id) => (true, id),
                LinkKey::Other(rest) => (false, rest),
            };
            assert!(url.contains(text), "{url}: key {text:?}");
            assert!(
                !text.contains("://") && !text.starts_with("www.") && !text.contains('#'),
                "{url}: key {text:?}"
            );
            assert!(!text.ends_with('/'), "{url}: key {text:?}");
            if arxiv {
                let version = text.rsplit_once('v').is_some_and(|(id, n)| {
                    !id.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
                });
                assert!(!text.is_empty() && !version, "{url}: key {text:?}");
            }
        }
        assert!(matches!(
            link_key("https://arxiv.org/pdf/2404.12358v2.pdf#page=2"),
            LinkKey::Arxiv("2404.12358")
        ));
        // A version needs an ID before it: `v2` alone is kept whole, so
        // its abstract and PDF links are still one paper.
        assert!(matches!(
            link_key("https://arxiv.org/abs/v2"),
            LinkKey::Arxiv("v2")
        ));
        assert!(same("https://arxiv.org/abs/v2", "https://arxiv.org/pdf/v2"));
    }
}
