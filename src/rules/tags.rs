//! Tags line (`T`) rules.

use super::Rule;
use crate::syntax::Span;

pub mod similar;
mod t001_malformed_tag;
mod t002_duplicate_tag;
mod t003_unknown_tag;
mod t004_tag_line_text;

pub static RULES: &[&dyn Rule] = &[
    &t001_malformed_tag::MalformedTag,
    &t002_duplicate_tag::DuplicateTag,
    &t003_unknown_tag::UnknownTag,
    &t004_tag_line_text::TagLineText,
];

/// A tag's text after its mark (`#` or the fullwidth `＃`, which is
/// `fullwidth-punctuation`'s business), and where that text starts.
pub(crate) fn body(src: &str, tag: Span) -> (&str, usize) {
    let text = tag.text(src);
    let mark = text.chars().next().map_or(0, char::len_utf8);
    (text.get(mark..).unwrap_or(""), tag.start + mark)
}

/// Whether `body` is lowercase kebab-case ASCII: `[a-z0-9]+(-[a-z0-9]+)*`.
pub(crate) fn is_kebab(body: &str) -> bool {
    !body.is_empty()
        && body.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab() {
        for ok in ["rl", "scaling-law", "gpt-4o", "3d"] {
            assert!(is_kebab(ok), "{ok}");
        }
        for bad in ["", "-rl", "rl-", "a--b", "Scaling", "a_b", "café", "a.b"] {
            assert!(!is_kebab(bad), "{bad}");
        }
    }
}
