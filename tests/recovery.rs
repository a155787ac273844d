//! One missing tags line must not hide the rest of the file: the entry
//! without tags is reported once, and the entry after it is read and
//! checked like any other.

use digest_lint::config::Config;
use digest_lint::lint;
use digest_lint::syntax::LineKind;
use digest_lint::syntax::line_index::LineIndex;
use digest_lint::syntax::parser;

/// Three entries; the second (lines 8-13) has no tags line.
const SRC: &str = include_str!("../fixtures/rules/E005/second-of-three-untagged-hit.txt");

/// Every finding as (code, 1-based line), with every rule enabled.
fn findings(src: &str) -> Vec<(&'static str, usize)> {
    let index = LineIndex::new(src);
    lint::check(src, Some("2025-04-25.txt"), &Config::default())
        .iter()
        .map(|d| (d.code, index.position(src, d.span.start).line))
        .collect()
}

#[test]
fn missing_tags_is_reported_once_on_the_second_entry() {
    // Line 13 is the second entry's last line, its English paragraph.
    assert_eq!(findings(SRC), [("E005", 13)]);
}

#[test]
fn the_third_entry_is_parsed_normally() {
    let digest = parser::parse(SRC);
    let entries: Vec<_> = digest.entries().collect();
    assert_eq!(entries.len(), 3);
    // 0-based line indices: the third entry is lines 13..18 (1-based 14-18).
    let third = entries[2];
    assert_eq!(third.lines, 13..18);
    assert_eq!(third.title, Some(13));
    assert_eq!(third.authors.as_ref().map(|a| a.line), Some(14));
    assert_eq!(third.tags.as_ref().map(|t| t.line), Some(17));
    let kinds: Vec<LineKind> = third.body.iter().map(|&l| digest.lines[l].kind).collect();
    assert_eq!(kinds, [LineKind::Korean, LineKind::English]);
    // The second entry keeps its own lines, and only them.
    assert_eq!(entries[1].lines, 7..13);
    assert!(entries[1].tags.is_none());
}

#[test]
fn the_third_entry_is_still_checked() {
    // Drop the third entry's English line (line 17): it must be reported
    // as well as the missing tags of the second entry.
    let english = "A benchmark of counting sheep with vision models.\n";
    assert!(SRC.contains(english));
    let src = SRC.replace(english, "");
    assert_eq!(findings(&src), [("E005", 13), ("E004", 16)]);
}

/// An invented digest of three well-formed entries. Each case below makes
/// one mistake in it, as a person writing the day's digest might.
const CLEAN: &str = "2025년 4월 25일
Folding Tokens for Faster Decoders
(Mina Park, John Smith)
We fold adjacent tokens into one and show that decoding gets faster.
인접한 토큰을 하나로 접어서 시퀀스를 줄이는 방법.
A method that folds adjacent tokens into one to shorten sequences.
#efficiency #tokenizer
Counting Sheep with Vision Models
(Oren Blum, Lea Novak)
비전 모델로 양을 세는 벤치마크.
A benchmark of counting sheep with vision models.
#benchmark #vision
Quiet Gradients in Small Networks
(Ada Stone)
작은 네트워크에서 그래디언트가 조용해지는 구간에 대한 관찰.
훈련 초기에만 나타난다는 점이 흥미롭네요.
An observation about the stretch where gradients go quiet in small networks.
It is interesting that it only shows up early in training.
#optimization
";

/// `CLEAN` with its lines (1-based) rearranged: each item is a line number
/// of `CLEAN`, or new text.
fn edit(lines: &[Part]) -> String {
    let clean: Vec<&str> = CLEAN.lines().collect();
    let mut out = String::new();
    for part in lines {
        match part {
            Part::Line(n) => out.push_str(clean[n - 1]),
            Part::Text(t) => out.push_str(t),
        }
        out.push('\n');
    }
    out
}

enum Part {
    Line(usize),
    Text(&'static str),
}
use Part::{Line as L, Text as T};

fn range(from: usize, to: usize) -> impl Iterator<Item = Part> {
    (from..=to).map(Part::Line)
}

/// One mistake gives one finding, on the line where it is.
fn one_finding(name: &str, src: &str, want: (&str, usize)) {
    assert_eq!(findings(src), [want], "{name}:\n{src}");
}

#[test]
fn the_clean_digest_is_clean() {
    assert_eq!(findings(CLEAN), []);
}

#[test]
fn tags_line_before_the_commentary() {
    // Second entry: title, authors, tags, Korean, English.
    let parts: Vec<Part> = range(1, 9)
        .chain([L(12), L(10), L(11)])
        .chain(range(13, 19))
        .collect();
    one_finding("tags first", &edit(&parts), ("E005", 10));
    // Only the English after the tags line.
    let parts: Vec<Part> = range(1, 10)
        .chain([L(12), L(11)])
        .chain(range(13, 19))
        .collect();
    one_finding("tags before English", &edit(&parts), ("E005", 11));
    // The last entry, two paragraphs.
    let parts: Vec<Part> = range(1, 14).chain([L(19)]).chain(range(15, 18)).collect();
    one_finding("last entry", &edit(&parts), ("E005", 15));
    // A note after a complete entry's tags line stays a stray line.
    let parts: Vec<Part> = range(1, 12)
        .chain([T("Read the appendix tomorrow.")])
        .chain(range(13, 19))
        .collect();
    one_finding("note after tags", &edit(&parts), ("E009", 13));
}

#[test]
fn a_line_written_twice() {
    // The authors line pasted twice.
    let parts: Vec<Part> = range(1, 9).chain(range(9, 19)).collect();
    one_finding("authors twice", &edit(&parts), ("E009", 10));
    // The title pasted twice.
    let parts: Vec<Part> = range(1, 8).chain(range(8, 19)).collect();
    one_finding("title twice", &edit(&parts), ("E009", 8));
    // A second tags line.
    let parts: Vec<Part> = range(1, 12)
        .chain([T("#counting")])
        .chain(range(13, 19))
        .collect();
    one_finding("two tags lines", &edit(&parts), ("E009", 13));
}

#[test]
fn titles_that_open_with_a_parenthesis_or_a_tag_mark() {
    for title in [
        "(Re)thinking Sheep Counting",
        "(Counting Sheep)",
        "#1 Ranked Vision Models Still Miscount Sheep",
    ] {
        let parts: Vec<Part> = range(1, 7).chain([T(title)]).chain(range(9, 19)).collect();
        assert_eq!(findings(&edit(&parts)), [], "{title}");
    }
}

#[test]
fn a_date_header_with_a_slip_is_still_the_header() {
    for header in [
        "2025년 4윌 25일",
        "2025넌 4월 25일",
        "April 25, 2025",
        "2025년 4월",
    ] {
        let parts: Vec<Part> = [T(header)].into_iter().chain(range(2, 19)).collect();
        one_finding(header, &edit(&parts), ("D001", 1));
    }
    for header in [
        "2025년 4월 25일 금요일",
        "2025년 4월 25일 (금)",
        "2025-04-25",
    ] {
        let parts: Vec<Part> = [T(header)].into_iter().chain(range(2, 19)).collect();
        one_finding(header, &edit(&parts), ("D002", 1));
    }
}

#[test]
fn authors_in_hangul_are_one_finding() {
    // The first entry, which has an abstract: the names must not be read
    // as Korean commentary that puts the abstract after it.
    let parts: Vec<Part> = range(1, 2)
        .chain([T("(박미나, 존 스미스)")])
        .chain(range(4, 19))
        .collect();
    one_finding("hangul names", &edit(&parts), ("E002", 2));
    let parts: Vec<Part> = range(1, 13)
        .chain([T("(에이다 스톤)")])
        .chain(range(15, 19))
        .collect();
    one_finding("one hangul name", &edit(&parts), ("E002", 13));
}

#[test]
fn a_blank_line_inside_an_entry_is_one_warning() {
    for after in [8, 9, 10, 11] {
        let parts: Vec<Part> = range(1, after)
            .chain([T("")])
            .chain(range(after + 1, 19))
            .collect();
        one_finding("blank line", &edit(&parts), ("W006", after + 1));
    }
}
