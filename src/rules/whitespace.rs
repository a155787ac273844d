//! White space and encoding rules (`W`).
//!
//! The repairs these rules offer are the formatter's own: both go through
//! [`crate::format::normalize`], so `fmt` output draws no `W` finding.

use super::Rule;

mod w001_trailing_whitespace;
mod w002_missing_final_newline;
mod w003_crlf_line_ending;
mod w004_irregular_whitespace;
mod w005_non_nfc;
mod w006_blank_lines;
mod w007_control_character;
mod w008_fullwidth_punctuation;

pub static RULES: &[&dyn Rule] = &[
    &w001_trailing_whitespace::TrailingWhitespace,
    &w002_missing_final_newline::MissingFinalNewline,
    &w003_crlf_line_ending::CrlfLineEnding,
    &w004_irregular_whitespace::IrregularWhitespace,
    &w005_non_nfc::NonNfc,
    &w006_blank_lines::BlankLines,
    &w007_control_character::ControlCharacter,
    &w008_fullwidth_punctuation::FullwidthPunctuation,
];

/// `n thing` or `n things`.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
