//! One missing tags line must not hide the rest of the file: the entry
//! without tags is reported once, and the entry after it is read and
//! checked like any other.

use digest_lint::config::Config;
use digest_lint::line_index::LineIndex;
use digest_lint::lint;
use digest_lint::parser;
use digest_lint::syntax::LineKind;

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
