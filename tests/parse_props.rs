//! Properties of the parser on any input: it never panics, the tree is
//! lossless, every line has one owner, and every span is sound.

mod common;

use digest_lint::syntax::parser::parse;
use digest_lint::syntax::{Digest, Item, LineKind, Span};
use proptest::prelude::*;

/// Checks every invariant of the tree for `src`.
fn check_tree(src: &str) -> Result<(), TestCaseError> {
    let d = parse(src);
    prop_assert_eq!(d.to_source(), src);
    prop_assert_eq!(d.bom, src.starts_with('\u{FEFF}'));

    // The lines' full spans tile the input.
    prop_assert!(!d.lines.is_empty(), "there is always at least one line");
    let mut at = 0;
    for (i, line) in d.lines.iter().enumerate() {
        prop_assert_eq!(line.start, at, "line {} starts in the wrong place", i);
        let full = line.full();
        prop_assert!(line.start <= line.text.start && line.text.end <= full.end);
        prop_assert!(src.is_char_boundary(line.text.start) && src.is_char_boundary(line.text.end));
        let text = line.text.text(src);
        prop_assert!(
            !text.contains(['\n', '\r']),
            "line {} holds a line break",
            i
        );
        prop_assert_eq!(
            &src[line.text.end..full.end],
            match line.end {
                digest_lint::syntax::LineEnd::None => "",
                digest_lint::syntax::LineEnd::Lf => "\n",
                digest_lint::syntax::LineEnd::CrLf => "\r\n",
                digest_lint::syntax::LineEnd::Cr => "\r",
            }
        );
        if i > 0 {
            prop_assert_eq!(line.start, line.text.start, "only line 0 carries a mark");
        }
        at = full.end;
    }
    prop_assert_eq!(at, src.len());

    // Every line belongs to exactly one item, and items come in file order.
    let mut owners = vec![0usize; d.lines.len()];
    let mut next = 0;
    for item in &d.items {
        let range = item.line_range();
        prop_assert_eq!(range.start, next, "items leave a gap or overlap");
        prop_assert!(range.end > range.start, "an item owns no line");
        for l in range.clone() {
            prop_assert!(l < owners.len());
            owners[l] += 1;
        }
        next = range.end;
        check_item(&d, item)?;
    }
    prop_assert!(owners.iter().all(|&n| n == 1), "owners: {:?}", owners);

    // Spans inside lines: links, authors names, tags and words.
    for (i, line) in d.lines.iter().enumerate() {
        for link in &line.links {
            in_line(&d, i, link.span)?;
        }
    }
    for entry in d.entries() {
        if let Some(a) = &entry.authors {
            in_line(&d, a.line, a.open)?;
            prop_assert!(!a.open.is_empty());
            if let Some(c) = a.close {
                in_line(&d, a.line, c)?;
            }
            for &n in &a.names {
                in_line(&d, a.line, n)?;
            }
        }
        if let Some(t) = &entry.tags {
            for &s in t.tags.iter().chain(&t.words) {
                in_line(&d, t.line, s)?;
                prop_assert!(!s.is_empty());
            }
        }
    }
    Ok(())
}

/// The item's lines have the kinds the item says.
fn check_item(d: &Digest<'_>, item: &Item) -> Result<(), TestCaseError> {
    let kind = |l: usize| d.lines[l].kind;
    match item {
        Item::Header(l) => prop_assert_eq!(kind(*l), LineKind::Header),
        Item::Blank(l) => prop_assert_eq!(kind(*l), LineKind::Blank),
        Item::Stray(l) => prop_assert_eq!(kind(*l), LineKind::Stray),
        Item::Entry(e) => {
            let inside = |l: usize| e.lines.contains(&l);
            let mut owned = Vec::new();
            if let Some(t) = e.title {
                prop_assert_eq!(kind(t), LineKind::Title);
                owned.push(t);
            }
            if let Some(a) = &e.authors {
                prop_assert_eq!(kind(a.line), LineKind::Authors);
                owned.push(a.line);
            }
            for (i, &b) in e.body.iter().enumerate() {
                // Only the first body line may be an authors line: the
                // authors line written twice, or names in Hangul after a
                // title with no authors line.
                prop_assert!(
                    matches!(
                        kind(b),
                        LineKind::Abstract | LineKind::Korean | LineKind::English | LineKind::Blank
                    ) || (i == 0
                        && kind(b) == LineKind::Authors
                        && (e.authors.is_some() || e.title.is_some()))
                );
                owned.push(b);
            }
            prop_assert!(
                owned.windows(2).all(|w| w[0] < w[1]),
                "entry parts out of order"
            );
            if let Some(t) = &e.tags {
                prop_assert_eq!(kind(t.line), LineKind::Tags);
                // The tags line closes the entry, unless it was written
                // before the commentary (read on as the entry's body).
                let last_text = e.body.iter().rev().find(|&&b| kind(b) != LineKind::Blank);
                prop_assert!(
                    t.line + 1 == e.lines.end || last_text.is_some_and(|&b| b + 1 == e.lines.end),
                    "the entry ends neither at its tags line nor at its commentary"
                );
                let head = e.authors.as_ref().map(|a| a.line).or(e.title);
                prop_assert!(
                    head.is_some_and(|h| h < t.line),
                    "tags before the entry's head"
                );
                owned.push(t.line);
                owned.sort_unstable();
                prop_assert!(
                    owned.windows(2).all(|w| w[0] < w[1]),
                    "a line with two roles"
                );
            }
            prop_assert!(owned.iter().all(|&l| inside(l)));
            // Every line has a role, but for blank lines between the title
            // and the authors line (W006).
            let between = |l: usize| {
                e.title.is_some_and(|t| t < l) && e.authors.as_ref().is_some_and(|a| l < a.line)
            };
            for l in e.lines.clone().filter(|l| !owned.contains(l)) {
                prop_assert!(
                    between(l) && kind(l) == LineKind::Blank,
                    "entry line {} has no role",
                    l
                );
            }
        }
    }
    Ok(())
}

/// `span` lies inside line `line`'s text, on character boundaries.
fn in_line(d: &Digest<'_>, line: usize, span: Span) -> Result<(), TestCaseError> {
    let text = d.lines[line].text;
    prop_assert!(span.start <= span.end, "{:?} is reversed", span);
    prop_assert!(
        text.start <= span.start && span.end <= text.end,
        "{:?} leaves line {} ({:?})",
        span,
        line,
        text
    );
    prop_assert!(d.src.is_char_boundary(span.start) && d.src.is_char_boundary(span.end));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_strings(src in any::<String>()) {
        check_tree(&src)?;
    }

    #[test]
    fn char_soup(src in common::char_soup()) {
        check_tree(&src)?;
    }

    #[test]
    fn digest_like_text(src in common::digest_text()) {
        check_tree(&src)?;
    }
}

#[test]
fn edge_cases() {
    for src in [
        "",
        "\u{FEFF}",
        "\n",
        "\r",
        "\r\n",
        "\n\r",
        "\r\r\n",
        "(",
        "（",
        "#",
        "( ,",
        "(，",
        "https://",
        "(https://)",
        "2025년 4월 25일",
        "\u{FEFF}2025년 4월 25일\r\nT\r\n(A B)\r\n가\r\nE\r\n#t",
    ] {
        check_tree(src).unwrap_or_else(|e| panic!("{src:?}: {e}"));
    }
}
