//! `digest-lint fmt`: the canonical form of a digest.
//!
//! The canonical form:
//! - UTF-8 without a byte-order mark, `\n` line endings, exactly one final
//!   newline and no blank lines at the end (an empty or all-blank file
//!   becomes empty);
//! - every line in Unicode NFC;
//! - no white space at either end of a line; inside a line, words are
//!   separated by single ASCII spaces: tabs, no-break spaces, the
//!   ideographic space and other Unicode spaces become a space, runs
//!   collapse to one, zero-width characters are removed (on a tags line,
//!   right before a `#`, where they separate two tags, they become a space;
//!   a zero-width joiner inside an emoji stays);
//! - the date header written `YYYY년 M월 D일` when the first line of text
//!   reads as a real date in any shape the parser knows;
//! - authors lines written `(` names joined by `, ` `)`, with ASCII
//!   parentheses and commas and no space inside the parentheses; tags lines
//!   with ASCII `#` and single spaces between tags;
//! - no blank line inside an entry or before the date header; between the
//!   header and the first entry, and between two entries, exactly
//!   [`FormatOptions::blank_lines_between_entries`] blank lines (0 or 1);
//!   next to a line outside any entry at most that many (none is added).
//!
//! Nothing else changes. A file with structural errors is still formatted:
//! each line is canonicalised as far as its role is known and otherwise
//! kept as it is, in place. The formatter never drops, reorders or merges
//! lines of text; it only removes or adds blank lines. Control characters
//! are left alone (removing one is an unsafe fix of `W007`): a line of
//! nothing but a form feed or vertical tab is kept, and so is an authors
//! line holding one.
//!
//! Every repair goes through [`crate::format::normalize`], the helpers the `W`
//! rules build their fixes from, so formatted text draws no finding from
//! `W001`–`W006`, nor from `D002` unless the header names a weekday that
//! contradicts its date (`2025년 4월 25일 (토)`): which of the two is wrong
//! is left to a person, and `D002` offers no fix there either.
//!
//! Layer: uses only [`crate::syntax`]. The rules use this layer (the `W`
//! fixes), so it never uses them.

pub mod normalize;

use crate::syntax::parser::{self, is_tags_like};
use crate::syntax::text::is_blank;
use crate::syntax::{LineEnd, LineKind};
use normalize::Place;
use std::borrow::Cow;

/// What the formatter may be told.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FormatOptions {
    /// Blank lines between entries: 0 (default) or 1.
    pub blank_lines_between_entries: usize,
}

/// What formatting changed, counted in lines: the reasons `fmt --check`
/// gives.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub byte_order_mark: bool,
    pub line_endings: usize,
    pub trailing_space: usize,
    pub leading_space: usize,
    pub repeated_spaces: usize,
    pub irregular_space: usize,
    pub non_nfc: usize,
    pub date_header: bool,
    pub authors: usize,
    pub fullwidth: usize,
    pub blank_removed: usize,
    pub blank_added: usize,
    pub missing_final_newline: bool,
    pub blank_at_end: usize,
}

impl Changes {
    /// Why the text changed, one phrase per kind of change.
    pub fn reasons(&self) -> Vec<String> {
        let lines = |n: usize| {
            if n == 1 {
                "1 line".into()
            } else {
                format!("{n} lines")
            }
        };
        let mut out = Vec::new();
        let mut on = |n: usize, what: &str| {
            if n > 0 {
                out.push(format!("{what} on {}", lines(n)));
            }
        };
        on(self.line_endings, "CRLF or CR line endings");
        on(self.trailing_space, "trailing white space");
        on(self.leading_space, "leading white space");
        on(self.repeated_spaces, "repeated spaces");
        on(self.irregular_space, "tabs, Unicode or zero-width spaces");
        on(self.non_nfc, "non-NFC text");
        on(self.authors, "authors spacing");
        on(self.fullwidth, "fullwidth punctuation");
        if self.byte_order_mark {
            out.insert(0, "byte-order mark".into());
        }
        if self.date_header {
            out.push("date header not in canonical form".into());
        }
        if self.blank_removed > 0 {
            out.push(format!(
                "{} removed",
                plural(self.blank_removed, "blank line")
            ));
        }
        if self.blank_added > 0 {
            out.push(format!(
                "{} added to set entries apart",
                plural(self.blank_added, "blank line")
            ));
        }
        if self.blank_at_end > 0 {
            out.push(format!(
                "{} at the end of the file",
                plural(self.blank_at_end, "blank line")
            ));
        }
        if self.missing_final_newline {
            out.push("missing final newline".into());
        }
        out
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Formatting settles in one pass except when a repair changes how the
/// parser reads a line (a blank line removed between a title and its
/// authors): later passes pick that up. The bound is never reached in
/// practice.
const MAX_PASSES: usize = 4;

/// Formats a digest into its canonical form.
pub fn format(src: &str, options: &FormatOptions) -> String {
    format_with_changes(src, options).0
}

/// Formats a digest and says what changed.
pub fn format_with_changes(src: &str, options: &FormatOptions) -> (String, Changes) {
    let mut changes = Changes::default();
    let mut text = pass(src, options, &mut changes);
    for _ in 1..MAX_PASSES {
        if text == src {
            break;
        }
        let next = pass(&text, options, &mut changes);
        if next == text {
            break;
        }
        text = next;
    }
    (text, changes)
}

/// One parse, one walk over the lines.
fn pass(src: &str, options: &FormatOptions, changes: &mut Changes) -> String {
    let digest = parser::parse(src);
    let lines = &digest.lines;
    let mut out = String::with_capacity(src.len() + 1);
    let Some(last_text) = lines
        .iter()
        .rposition(|l| !normalize::is_deletable_blank(l.text.text(src)))
    else {
        changes.byte_order_mark |= digest.bom;
        changes.blank_at_end += lines.iter().filter(|l| !l.full().is_empty()).count();
        return out;
    };
    let first_text = lines
        .iter()
        .position(|l| !is_blank(l.text.text(src)))
        .unwrap_or(0);
    changes.byte_order_mark |= digest.bom;

    let mut delete = vec![false; lines.len()];
    let mut insert = vec![0usize; lines.len()];
    for gap in normalize::blank_gaps(&digest, options.blank_lines_between_entries) {
        for l in gap.delete {
            if let Some(d) = delete.get_mut(l) {
                *d = true;
            }
        }
        if let Some(n) = insert.get_mut(gap.lines.end) {
            *n += gap.insert;
        }
    }

    for (i, line) in lines.iter().enumerate() {
        if i > last_text {
            changes.blank_at_end += 1;
            continue;
        }
        if delete.get(i) == Some(&true) {
            changes.blank_removed += 1;
            continue;
        }
        let add = insert.get(i).copied().unwrap_or(0);
        for _ in 0..add {
            out.push('\n');
        }
        changes.blank_added += add;
        let text = line.text.text(src);
        out.push_str(&canonical_line(text, line.kind, i == first_text, changes));
        out.push('\n');
        match line.end {
            LineEnd::Lf => {}
            LineEnd::CrLf | LineEnd::Cr => changes.line_endings += 1,
            LineEnd::None => changes.missing_final_newline = true,
        }
    }
    out
}

/// One line in canonical form. `first` says it is the first line of text,
/// where the date header belongs.
fn canonical_line<'a>(
    text: &'a str,
    kind: LineKind,
    first: bool,
    changes: &mut Changes,
) -> Cow<'a, str> {
    let tags = is_tags_like(text);
    let runs = normalize::space_runs(text, tags);
    if !runs.is_empty() {
        let has = |f: &dyn Fn(&normalize::SpaceRun) -> bool| runs.iter().any(f);
        changes.trailing_space += usize::from(has(&|r| r.place == Place::Trailing));
        changes.leading_space += usize::from(has(&|r| r.place == Place::Leading));
        changes.repeated_spaces +=
            usize::from(has(&|r| r.place == Place::Inside && !r.is_irregular()));
        changes.irregular_space += usize::from(has(&|r| r.is_irregular()));
    }
    let mut line = normalize::apply(text, runs.iter().map(|r| (r.range.clone(), r.replacement)));

    let nfc = normalize::to_nfc(&line);
    if let Cow::Owned(s) = nfc {
        changes.non_nfc += 1;
        line = Cow::Owned(s);
    }

    if normalize::has_punctuation_syntax(kind)
        && let Cow::Owned(s) = normalize::to_ascii_punctuation(&line)
    {
        changes.fullwidth += 1;
        line = Cow::Owned(s);
    }
    if kind == LineKind::Authors
        && let Cow::Owned(s) = normalize::canonical_authors(&line)
    {
        changes.authors += 1;
        line = Cow::Owned(s);
    }
    if first && let Some(header) = normalize::canonical_header(&line) {
        changes.date_header = true;
        line = Cow::Owned(header);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(s: &str) -> String {
        format(s, &FormatOptions::default())
    }

    #[test]
    fn empty_and_blank_files() {
        assert_eq!(fmt(""), "");
        assert_eq!(fmt("\n \n\t\n"), "");
        assert_eq!(fmt("\u{FEFF}"), "");
    }

    /// One entry, and the options that want a blank line after the header.
    const ENTRY: &str = "A Title\n(Ann Lee)\n한국어.\nEnglish.\n#x\n";
    const SEPARATED: FormatOptions = FormatOptions {
        blank_lines_between_entries: 1,
    };

    /// A line that becomes the date header only once the first pass has
    /// cleaned it (here a zero-width no-break space inside the date) gets
    /// the separator after it from the second pass.
    #[test]
    fn what_the_first_pass_uncovers_the_next_one_formats() {
        let src = format!("2\u{feff}022-09-13\n{ENTRY}");
        let mut changes = Changes::default();
        let first = pass(&src, &SEPARATED, &mut changes);
        assert_eq!(first, format!("2022년 9월 13일\n{ENTRY}"));
        assert_eq!(
            format(&src, &SEPARATED),
            format!("2022년 9월 13일\n\n{ENTRY}")
        );
    }

    /// The header is made canonical on the first line of text, after any
    /// blank lines at the top of the file (and with blank lines below it).
    #[test]
    fn the_first_line_of_text_gets_the_canonical_header() {
        let want = format!("2022년 9월 13일\n\n{ENTRY}");
        for top in ["", "\n", "\n \n\n"] {
            let src = format!("{top}2022-09-13\n\n{ENTRY}");
            assert_eq!(format(&src, &SEPARATED), want, "{top:?}");
        }
    }

    #[test]
    fn canonical_text_is_unchanged() {
        let src = "2025년 4월 25일\nT\n(A B, C D)\n한국어.\nEnglish.\n#x #y\n";
        assert_eq!(fmt(src), src);
    }

    #[test]
    fn reasons() {
        let (_, c) = format_with_changes("2025-04-25 \r\nT", &FormatOptions::default());
        assert_eq!(
            c.reasons(),
            [
                "CRLF or CR line endings on 1 line",
                "trailing white space on 1 line",
                "date header not in canonical form",
                "missing final newline",
            ]
        );
        let one = FormatOptions {
            blank_lines_between_entries: 1,
        };
        let (_, c) = format_with_changes("2025년 4월 25일\nT\n(A)\n한.\nE.\n#x\n", &one);
        assert_eq!(c.reasons(), ["1 blank line added to set entries apart"]);
    }

    /// Every counter has its phrase, in this order, the byte-order mark
    /// first; one line is said in the singular.
    #[test]
    fn every_reason_in_its_order() {
        assert!(Changes::default().reasons().is_empty());
        let c = Changes {
            byte_order_mark: true,
            line_endings: 2,
            trailing_space: 1,
            leading_space: 3,
            repeated_spaces: 1,
            irregular_space: 2,
            non_nfc: 1,
            date_header: true,
            authors: 1,
            fullwidth: 2,
            blank_removed: 1,
            blank_added: 2,
            missing_final_newline: true,
            blank_at_end: 1,
        };
        assert_eq!(
            c.reasons(),
            [
                "byte-order mark",
                "CRLF or CR line endings on 2 lines",
                "trailing white space on 1 line",
                "leading white space on 3 lines",
                "repeated spaces on 1 line",
                "tabs, Unicode or zero-width spaces on 2 lines",
                "non-NFC text on 1 line",
                "authors spacing on 1 line",
                "fullwidth punctuation on 2 lines",
                "date header not in canonical form",
                "1 blank line removed",
                "2 blank lines added to set entries apart",
                "1 blank line at the end of the file",
                "missing final newline",
            ]
        );
    }

    /// Each counter counts lines, not runs: one line with two runs of a
    /// kind counts once, two lines count twice.
    #[test]
    fn counters_count_lines() {
        let (_, c) = format_with_changes(
            "2025년 4월 25일\n  a  b  c\t\n\td\u{3000}e \n",
            &FormatOptions::default(),
        );
        assert_eq!(
            (
                c.leading_space,
                c.repeated_spaces,
                c.irregular_space,
                c.trailing_space
            ),
            (2, 1, 2, 2)
        );
        // A byte-order mark on an all-blank file is still a reason.
        let (out, c) = format_with_changes("\u{FEFF}\n\n", &FormatOptions::default());
        assert_eq!(out, "");
        assert_eq!(
            c.reasons(),
            ["byte-order mark", "2 blank lines at the end of the file"]
        );
    }
}
