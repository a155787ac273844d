//! Printing findings. One module per format: [`full`] (codespan-reporting
//! with source snippets), [`concise`] (`path:line:col: CODE message`),
//! [`json`] (RULES.md's shape) and [`json_lines`], and for CI [`github`]
//! (workflow commands), [`sarif`] (SARIF 2.1.0) and [`gitlab`] (Code
//! Quality). [`summary`] is the closing line of the text formats,
//! [`statistics`] and [`fixes`] are what `--statistics` and `--show-fixes`
//! print, [`fingerprint`] gives findings a stable identity, and `excerpt`
//! cuts long lines for `full`.
//!
//! Every format takes the findings of the whole run at once (cross-file
//! rules included), in the order it is given: the caller sorts the files.
//!
//! This layer reads findings and line positions; it uses
//! [`crate::diagnostic`] and [`crate::syntax`] and never runs a rule.

pub mod concise;
mod excerpt;
pub mod fingerprint;
pub mod fixes;
pub mod full;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod json_lines;
pub mod sarif;
pub mod statistics;
pub mod summary;

pub use concise::concise;
pub use full::full;
pub use github::github;
pub use gitlab::gitlab;
pub use json::json;
pub use json_lines::json_lines;
pub use sarif::sarif;
pub use summary::Summary;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::syntax::line_index::{LineIndex, Position};
use std::cell::RefCell;
use std::collections::HashMap;

/// Lines at least this long get checkpoints.
const LONG_LINE: usize = 4096;
/// Bytes between two checkpoints of a long line.
const STEP: usize = 1024;

/// [`LineIndex::position`] for many findings of one file: on a long line,
/// the column is counted from the nearest checkpoint (one every kilobyte,
/// set the first time the line is asked about) rather than from the line
/// start, so that a line with thousands of findings is read once, not once
/// per finding.
pub(crate) struct Positions<'a> {
    src: &'a str,
    index: LineIndex,
    /// Per long line: (offset, 1-based column) at each checkpoint.
    checkpoints: RefCell<HashMap<usize, Vec<(usize, usize)>>>,
    /// The last place asked on a long line (line, offset, column):
    /// findings are asked in order, so the next is usually a few bytes on.
    last: std::cell::Cell<Option<(usize, usize, usize)>>,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Positions {
            src,
            index: LineIndex::new(src),
            checkpoints: RefCell::new(HashMap::new()),
            last: std::cell::Cell::new(None),
        }
    }

    pub(crate) fn position(&self, offset: usize) -> Position {
        let src = self.src;
        let offset = offset.min(src.len());
        let line = self.index.line_of(offset);
        let Some(content) = self.index.line_content(src, line) else {
            return self.index.position(src, offset);
        };
        if content.len() < LONG_LINE || offset > content.end {
            return self.index.position(src, offset);
        }
        let mut cache = self.checkpoints.borrow_mut();
        let points = cache.entry(line).or_insert_with(|| {
            let mut points = vec![(content.start, 1)];
            let (mut at, mut column) = (content.start, 1);
            while at + STEP < content.end {
                let mut next = at + STEP;
                while !src.is_char_boundary(next) {
                    next += 1;
                }
                column += src.get(at..next).map_or(0, |s| s.chars().count());
                at = next;
                points.push((at, column));
            }
            points
        });
        let i = points
            .partition_point(|&(o, _)| o <= offset)
            .saturating_sub(1);
        let (mut from, mut column) = points.get(i).copied().unwrap_or((content.start, 1));
        // From the last place asked instead, when it is on the way.
        if let Some((l, o, c)) = self.last.get()
            && l == line
            && o > from
            && o <= offset
        {
            (from, column) = (o, c);
        }
        // Characters that start before `offset` (one it falls inside
        // counts), as `LineIndex::position` counts them: the bytes that do
        // not continue a character (`10xxxxxx`), counted without decoding.
        let more = src
            .as_bytes()
            .get(from..offset.max(from))
            .unwrap_or_default()
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count();
        self.last.set(Some((line, offset, column + more)));
        Position {
            line: line + 1,
            column: column + more,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_match_the_line_index_on_long_lines() {
        let src = format!(
            "x\n{}e\u{301}\r\n{}\r{}",
            "ab가 ".repeat(900),
            "글 ".repeat(2000),
            "y".repeat(5000)
        );
        let index = LineIndex::new(&src);
        let positions = Positions::new(&src);
        // Out of order, as a finding's end comes before the next start.
        for offset in (0..=src.len() + 2).rev().chain(0..=src.len()) {
            assert_eq!(
                positions.position(offset),
                index.position(&src, offset),
                "offset {offset}"
            );
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Full,
    Concise,
    Json,
    JsonLines,
    Github,
    Sarif,
    Gitlab,
}

impl OutputFormat {
    /// Formats for people, which end with the summary line.
    pub fn is_text(self) -> bool {
        matches!(self, OutputFormat::Full | OutputFormat::Concise)
    }
}

/// The mark of a finding's fix: `[*]` when plain `--fix` applies it, `[?]`
/// when it takes `--fix --unsafe-fixes`, nothing without a fix.
pub fn fix_mark(d: &Diagnostic) -> Option<&'static str> {
    d.fix.as_ref().map(|f| match f.applicability {
        Applicability::Safe => "[*]",
        Applicability::Unsafe => "[?]",
    })
}

/// One checked file and what was found in it.
pub struct FileFindings<'a> {
    pub path: &'a str,
    pub src: &'a str,
    pub diagnostics: &'a [Diagnostic],
}
