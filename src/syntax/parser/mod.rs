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

mod authors;
pub mod error;
mod group;
mod roles;
mod shapes;
mod tags;

pub use authors::{
    AuthorsLine, authors_expectation, authors_expectations, authors_line, is_affiliation_group,
    is_marker_sign, parse_authors,
};
pub use error::{Expected, SyntaxError};
pub use roles::in_papers_voice;
pub use shapes::{
    is_authors_like, is_hangul_authors_like, is_hash_title, is_name_separator, is_tag,
    is_tag_separator,
};
pub use tags::{is_tags_like, parse_tags, tags_expectation};

use crate::syntax::{Digest, Line, LineEnd, LineKind, Span};
use error::{TextResult, expect};
use nom::{
    Parser,
    branch::alt,
    bytes::complete::tag,
    combinator::{eof, opt, value},
};

/// Parses a whole digest. Never fails and never panics.
pub fn parse(src: &str) -> Digest<'_> {
    let (rest, bom) = opt(byte_order_mark).parse(src).unwrap_or((src, None));
    // `split_lines` reads any text.
    let mut lines = split_lines(rest).map_or_else(|_| Vec::new(), |(_, lines)| lines);
    if let Some(mark) = bom {
        // The mark belongs to the first line, not to its text.
        for line in &mut lines {
            line.start += mark.len();
            line.text = line.text.shift(mark.len());
        }
        if let Some(first) = lines.first_mut() {
            first.start = 0;
        }
    }
    let items = group::group_lines(src, &mut lines);
    Digest {
        src,
        bom: bom.is_some(),
        lines,
        items,
    }
}

// ---------------------------------------------------------------- lines --

/// U+FEFF at the very start of the text.
fn byte_order_mark(i: &str) -> TextResult<'_, &str> {
    expect(Expected::BYTE_ORDER_MARK, tag("\u{FEFF}")).parse(i)
}

fn cr_lf(i: &str) -> TextResult<'_, LineEnd> {
    value(LineEnd::CrLf, tag("\r\n")).parse(i)
}

fn lf(i: &str) -> TextResult<'_, LineEnd> {
    value(LineEnd::Lf, tag("\n")).parse(i)
}

fn cr(i: &str) -> TextResult<'_, LineEnd> {
    value(LineEnd::Cr, tag("\r")).parse(i)
}

fn line_end(i: &str) -> TextResult<'_, LineEnd> {
    expect(
        Expected::LINE_END,
        alt((cr_lf, lf, cr, value(LineEnd::None, eof))),
    )
    .parse(i)
}

/// One physical line: its text, then its terminator.
fn physical_line(i: &str) -> TextResult<'_, (&str, LineEnd)> {
    // The text runs to the first CR or LF, found by memchr's vectorised
    // search (what `take_till` over decoded characters did, at a fraction
    // of the cost). Both are ASCII, so the cut is a character boundary.
    let cut = memchr::memchr2(b'\n', b'\r', i.as_bytes()).unwrap_or(i.len());
    let (text, rest) = i.split_at_checked(cut).unwrap_or((i, ""));
    let (rest, end) = line_end(rest)?;
    Ok((rest, (text, end)))
}

/// `split_lines`: the lines of `i`, whose full spans tile it (offsets from
/// the start of `i`). An empty text is one empty line; a text that ends
/// with a line break has no empty line after it.
fn split_lines(i: &str) -> TextResult<'_, Vec<Line>> {
    let mut lines = Vec::with_capacity(i.len() / 64 + 1);
    let mut rest = i;
    loop {
        let (after, (text, end)) = physical_line(rest)?;
        let text_start = i.len() - rest.len();
        lines.push(Line {
            start: text_start,
            text: Span::new(text_start, text_start + text.len()),
            end,
            kind: LineKind::Stray,
            links: Vec::new(),
        });
        if end == LineEnd::None || after.is_empty() {
            return Ok((after, lines));
        }
        rest = after;
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
