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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    /// The span is where the trimmed text stands in the source: the line's
    /// start plus the white space before the text (a header after a blank
    /// line, indented by two spaces, starts at byte 1 + 2).
    #[test]
    fn header_text_is_the_trimmed_line_and_where_it_stands() {
        let src = "\n  2025-04-05 \nA Title\n";
        let digest = parse(src);
        let (text, span) = header_text(&digest, 1);
        assert_eq!(text, "2025-04-05");
        assert_eq!(span, Span::new(3, 13));
        assert_eq!(span.text(src), text);
        assert_eq!(header_text(&digest, 99), ("", Span::default()));
    }
}
