//! How the parser groups lines, through the public `parse` only (so the
//! tests hold for any implementation of it): the behaviours mutation
//! testing found unpinned. Every text here is invented; each expected
//! list of line kinds was worked out by hand from FORMAT.md's grouping
//! rules, then checked against the parser.

use digest_lint::syntax::LineKind::{self, *};
use digest_lint::syntax::parse;

const HEADER: &str = "2025년 4월 25일\n";

fn kinds(src: &str) -> Vec<LineKind> {
    parse(src).lines.iter().map(|l| l.kind).collect()
}

/// The lines of each entry: (first, one past the last).
fn entries(src: &str) -> Vec<(usize, usize)> {
    parse(src)
        .entries()
        .map(|e| (e.lines.start, e.lines.end))
        .collect()
}

// ---------------------------------------------------------- date header --

#[test]
fn a_prose_first_line_is_not_a_date_header() {
    for first in [
        "Notes on the papers I read this week.",
        // Digits, a year and a date, but too many letters for a header.
        "We read 12 papers on 2025-04-25 and 2025-04-26, notes below.",
        // Fewer than four digits.
        "Week 17 notes",
        // A year, five digits, short, but more than 10 letters.
        "Notes 2025-04: papers",
        // A year and five digits, but longer than 30 characters.
        "Reading list 2025, issue 42 of a long running series",
    ] {
        let src = format!("{first}\nT\n(A B)\n한.\nE.\n#x\n");
        let d = parse(&src);
        assert_eq!(d.header(), None, "{first:?}");
        assert_eq!(
            kinds(&src),
            [Stray, Title, Authors, Korean, English, Tags],
            "{first:?}"
        );
    }
}

#[test]
fn a_date_in_another_shape_is_still_the_header() {
    for first in [
        "2025년 4월 25일",
        "2025-04-25",
        "2025.04.25",
        "2025년 4월 25일 금요일",
        // Marks and digits only, up to 20 characters.
        "2025 - 04 - 25",
        // A year, five digits or more, few letters.
        "Apr 25 2025",
    ] {
        let src = format!("{first}\nT\n(A B)\n한.\nE.\n#x\n");
        assert_eq!(parse(&src).header(), Some(0), "{first:?}");
        assert_eq!(kinds(&src)[0], Header, "{first:?}");
    }
}

#[test]
fn a_date_like_first_line_before_an_authors_line_is_a_title() {
    let src = "2025: 10000 Steps\n(A B)\n한.\nE.\n#x\n";
    assert_eq!(parse(src).header(), None);
    assert_eq!(kinds(src), [Title, Authors, Korean, English, Tags]);
    // A date the header reader accepts stays the header even then.
    let src = "2025년 4월 25일\n(A B)\n한.\nE.\n#x\n";
    assert_eq!(kinds(src), [Header, Authors, Korean, English, Tags]);
}

#[test]
fn blank_lines_before_the_header() {
    let src = format!("\n \n{HEADER}T\n(A B)\n한.\nE.\n#x\n");
    assert_eq!(
        kinds(&src),
        [Blank, Blank, Header, Title, Authors, Korean, English, Tags]
    );
}

// ---------------------------------------------- title before a blank line --

#[test]
fn a_tags_line_before_a_blank_line_is_not_a_title() {
    let src = format!("{HEADER}#x\n\n(A B)\n한.\nE.\n#y\n");
    assert_eq!(
        kinds(&src),
        [Header, Stray, Blank, Authors, Korean, English, Tags]
    );
    assert_eq!(parse(&src).entries().next().and_then(|e| e.title), None);
}

#[test]
fn a_title_several_blank_lines_before_its_authors_line() {
    let src = format!("{HEADER}T\n\n\n(A B)\n한.\nE.\n#x\n");
    assert_eq!(
        kinds(&src),
        [Header, Title, Blank, Blank, Authors, Korean, English, Tags]
    );
    assert_eq!(entries(&src), [(1, 8)]);
    // Something other than an authors line after the blank: no entry.
    let src = format!("{HEADER}T\n\nmore\n");
    assert_eq!(kinds(&src), [Header, Stray, Blank, Stray]);
}

// -------------------------------------- tags line before the commentary --

#[test]
fn english_after_an_early_tags_line_is_the_entrys() {
    // Korean before the tags line and no English: the English after it is
    // the entry's.
    let src = format!("{HEADER}T\n(A B)\n한.\n#x\nE.\n");
    assert_eq!(kinds(&src), [Header, Title, Authors, Korean, Tags, English]);
    assert_eq!(entries(&src), [(1, 6)]);
}

#[test]
fn korean_after_an_early_tags_line_is_the_entrys() {
    // No Korean before the tags line: Korean after it is the entry's, and
    // so is the English with it.
    let src = format!("{HEADER}T\n(A B)\n#x\n한.\nE.\n");
    assert_eq!(kinds(&src), [Header, Title, Authors, Tags, Korean, English]);
    assert_eq!(entries(&src), [(1, 6)]);
    // Korean alone after it.
    let src = format!("{HEADER}T\n(A B)\n#x\n한.\n");
    assert_eq!(kinds(&src), [Header, Title, Authors, Tags, Korean]);
    assert_eq!(entries(&src), [(1, 5)]);
}

#[test]
fn what_follows_an_early_tags_line_stays_out_unless_it_is_missing() {
    // Korean before, and only a bare link after: nothing missing follows.
    let src = format!("{HEADER}T\n(A B)\n한.\n#x\nhttps://x.org/a\n");
    assert_eq!(kinds(&src), [Header, Title, Authors, Korean, Tags, Stray]);
    assert_eq!(entries(&src), [(1, 5)]);
    // No Korean before, and only English after.
    let src = format!("{HEADER}T\n(A B)\n#x\nE.\n");
    assert_eq!(kinds(&src), [Header, Title, Authors, Tags, Stray]);
    assert_eq!(entries(&src), [(1, 4)]);
}

#[test]
fn an_early_tags_line_takes_lines_up_to_a_blank_line_only() {
    let src = format!("{HEADER}T\n(A B)\n#x\n한.\n\nE.\n");
    assert_eq!(
        kinds(&src),
        [Header, Title, Authors, Tags, Korean, Blank, Stray]
    );
    assert_eq!(entries(&src), [(1, 5)]);
}

#[test]
fn lines_ended_by_another_tags_line_are_another_entry() {
    // They are an entry that lacks its authors line, not this one's body.
    let src = format!("{HEADER}T\n(A B)\n#x\n한.\nE.\n#y\n");
    let d = parse(&src);
    let first = d.entries().next();
    assert_eq!(first.map(|e| e.lines.clone()), Some(1..4));
    assert_eq!(first.and_then(|e| e.tags.as_ref()).map(|t| t.line), Some(3));
    assert_eq!(entries(&src), [(1, 4), (4, 7)]);
}

// ------------------------------------------ English before Korean --

#[test]
fn english_before_korean_with_no_abstract() {
    let src = format!("{HEADER}T\n(A B)\nA short English note.\n짧은 한국어 설명.\n#x\n");
    assert_eq!(kinds(&src), [Header, Title, Authors, English, Korean, Tags]);
}

#[test]
fn english_before_korean_must_fit_a_translation() {
    // Far longer than its Korean (more than 3 times): an abstract.
    let long = "An English line that is much longer than the Korean one after it.";
    let src = format!("{HEADER}T\n(A B)\n{long}\n한국어.\n#x\n");
    assert_eq!(
        kinds(&src),
        [Header, Title, Authors, Abstract, Korean, Tags]
    );
    // Far shorter (less than 0.6 times): an abstract too.
    let src =
        format!("{HEADER}T\n(A B)\nShort.\n이 한국어 설명은 영어 줄보다 훨씬 더 깁니다.\n#x\n");
    assert_eq!(
        kinds(&src),
        [Header, Title, Authors, Abstract, Korean, Tags]
    );
    // In the paper's voice: the abstract's last line.
    let src = format!("{HEADER}T\n(A B)\nWe propose a fast router.\n빠른 라우터를 제안한다.\n#x\n");
    assert_eq!(
        kinds(&src),
        [Header, Title, Authors, Abstract, Korean, Tags]
    );
    // Fewer English lines than Korean ones: nothing to pair.
    let src = format!("{HEADER}T\n(A B)\nA short note.\n짧은 설명.\n두 번째 설명.\n#x\n");
    assert_eq!(
        kinds(&src),
        [Header, Title, Authors, Abstract, Korean, Korean, Tags]
    );
}

// ------------------------------------------------------- authors lines --

#[test]
fn a_title_opening_with_a_nested_parenthesis() {
    // The opening parenthesis closes before the line ends, after a nested
    // one: a title, not an authors line.
    let src = format!("{HEADER}((Mis)Fitting) Laws, Scaling and More\n(A B)\n한.\nE.\n#x\n");
    assert_eq!(kinds(&src), [Header, Title, Authors, Korean, English, Tags]);
    // In a commentary, such a line is text, not an authors line that
    // would start an entry of its own.
    let src = format!("{HEADER}T\n(A B)\n((Mis)Fitting) Laws, Scaling and More\n한.\nE.\n#x\n");
    assert_eq!(
        kinds(&src),
        [Header, Title, Authors, Abstract, Korean, English, Tags]
    );
    // A nested parenthesis inside an authors line does not close it.
    let src = format!("{HEADER}T\n(Ann Lee (MIT), Bo Kim)\n한.\nE.\n#x\n");
    assert_eq!(kinds(&src), [Header, Title, Authors, Korean, English, Tags]);
}

/// Kinds of an entry whose second line is `line`: `Authors` when it reads
/// as an authors line, `Abstract` (the entry then has no authors line).
fn second_line(line: &str) -> LineKind {
    kinds(&format!("{HEADER}T\n{line}\n한.\nE.\n#x\n"))[2]
}

#[test]
fn an_authors_line_with_one_long_part_is_not_one() {
    // Six words and 60 characters at most per part.
    assert_eq!(second_line("(Ann Lee, Bo Kim)"), Authors);
    assert_eq!(
        second_line("(Ann Lee, One Two Three Four Five Six)"),
        Authors
    );
    assert_eq!(
        second_line("(Ann Lee, One Two Three Four Five Six Seven)"),
        Abstract
    );
    let sixty = format!("Ann {}", "x".repeat(56));
    assert_eq!(second_line(&format!("(Bo Kim, {sixty})")), Authors);
    assert_eq!(second_line(&format!("(Bo Kim, {sixty}y)")), Abstract);
    // One long part is enough, even when it comes first.
    assert_eq!(
        second_line("(see the appendix for the full list of the authors here, Bo Kim)"),
        Abstract
    );
}

#[test]
fn half_the_parts_of_an_authors_line_look_like_names() {
    assert_eq!(second_line("(Ann Lee, bo kim)"), Authors);
    assert_eq!(second_line("(Ann Lee, bo kim, cy dee)"), Abstract);
    // Unclosed: two parts at least.
    assert_eq!(second_line("(Ann Lee, Bo Kim"), Authors);
    assert_eq!(second_line("(Ann Lee"), Abstract);
}
