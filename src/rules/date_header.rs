//! Date header (`D`) rules.

use super::Rule;
use crate::syntax::text;
use crate::syntax::{Digest, Span};

mod d001_missing_date;
mod d002_malformed_date;
mod d003_impossible_date;
mod d004_date_filename_mismatch;

pub static RULES: &[&dyn Rule] = &[
    &d001_missing_date::MissingDate,
    &d002_malformed_date::MalformedDate,
    &d003_impossible_date::ImpossibleDate,
    &d004_date_filename_mismatch::DateFilenameMismatch,
];

/// The header line's text without surrounding white space, and its span.
fn header_text<'s>(digest: &Digest<'s>, line: usize) -> (&'s str, Span) {
    let Some(l) = digest.lines.get(line) else {
        return ("", Span::default());
    };
    let full = l.text.text(digest.src);
    let trimmed = text::trim(full);
    let start = l.text.start + text::offset_in(full, trimmed);
    (trimmed, Span::new(start, start + trimmed.len()))
}
