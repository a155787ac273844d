//! The tags line as grammar: `tags` (any line the parser takes for one:
//! tags, the separators between them and the stray words that do not
//! belong there) and `canonical_tags` (the one well-formed shape, which
//! says what it expected where a line departs from it).
//!
//! Each function named after a production of grammar/digest.ebnf is a nom
//! parser of that production.

use super::error::{Expected, Failure, SyntaxError, TextResult, expect};
use super::shapes::is_tag_separator;
use crate::syntax::text::offset_in;
use crate::syntax::{Span, Tags};
use nom::{
    Parser,
    branch::alt,
    bytes::complete::{take_till, take_till1, take_while, take_while1},
    character::complete::{char, satisfy},
    combinator::{cut, eof, opt, peek, recognize},
    multi::many0,
    sequence::preceded,
};

/// `#` or the fullwidth `＃`.
fn tag_mark(i: &str) -> TextResult<'_, char> {
    expect(Expected::TAG_MARK, alt((char('#'), char('＃')))).parse(i)
}

/// A run of separators: white space and zero-width characters.
fn tag_separator(i: &str) -> TextResult<'_, &str> {
    expect(Expected::SPACE, take_while1(is_tag_separator)).parse(i)
}

/// A tag: its mark and the text up to the next separator.
fn tag(i: &str) -> TextResult<'_, &str> {
    recognize((tag_mark, take_till(is_tag_separator))).parse(i)
}

/// A word of a tags line that is not a tag (T004).
fn stray_word(i: &str) -> TextResult<'_, &str> {
    expect(Expected::TAG_MARK, take_till1(is_tag_separator)).parse(i)
}

/// The tags and stray words of a line, in order.
#[derive(Debug, Default)]
struct TagList<'a> {
    tags: Vec<&'a str>,
    words: Vec<&'a str>,
}

/// `{ tag_separator }, { ( tag | stray_word ), { tag_separator } }`: every
/// word of the line, a tag or not.
fn tag_list(i: &str) -> TextResult<'_, TagList<'_>> {
    let (mut i, _) = opt(tag_separator).parse(i)?;
    let mut list = TagList::default();
    loop {
        if let Ok((rest, t)) = tag(i) {
            list.tags.push(t);
            i = rest;
        } else if let Ok((rest, w)) = stray_word(i) {
            list.words.push(w);
            i = rest;
        } else {
            return Ok((i, list));
        }
        (i, _) = opt(tag_separator).parse(i)?;
    }
}

/// `tags`: a line whose first word is a tag, then tags and stray words.
fn tags(i: &str) -> TextResult<'_, TagList<'_>> {
    let (_, _) = preceded(take_while(is_tag_separator), peek(tag_mark)).parse(i)?;
    let (i, list) = tag_list(i)?;
    let (i, _) = eof(i)?;
    Ok((i, list))
}

/// Whether the line can be a tags line: its first word starts with a tag
/// mark (`tags` would read it).
pub fn is_tags_like(line: &str) -> bool {
    (take_while(is_tag_separator), tag_mark).parse(line).is_ok()
}

/// Reads a tags line: words starting with `#` are tags, the rest are words
/// that do not belong there. Never fails: on a line whose first word is not
/// a tag, that word is a stray word too.
pub fn parse_tags(line: &str, offset: usize, index: usize) -> Tags {
    let list = match tags(line).or_else(|_| tag_list(line)) {
        Ok((_, list)) => list,
        Err(_) => TagList::default(),
    };
    let span = |s: &str| {
        let at = offset + offset_in(line, s);
        Span::new(at, at + s.len())
    };
    Tags {
        line: index,
        tags: list.tags.into_iter().map(span).collect(),
        words: list.words.into_iter().map(span).collect(),
    }
}

// ------------------------------------------------------- well-formed --

/// Lowercase ASCII letters and digits.
fn tag_word(i: &str) -> TextResult<'_, &str> {
    expect(
        Expected::TAG_WORD,
        recognize((
            satisfy(|c| c.is_ascii_lowercase() || c.is_ascii_digit()),
            take_while(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit()),
        )),
    )
    .parse(i)
}

/// `#`, words joined by `-`: `#scaling-law`.
fn canonical_tag(i: &str) -> TextResult<'_, &str> {
    recognize((
        expect(Expected::TAG_MARK, char('#')),
        cut(tag_word),
        many0(preceded(char('-'), cut(tag_word))),
    ))
    .parse(i)
}

/// The well-formed tags line: tags one space apart, nothing else.
fn canonical_tags(i: &str) -> TextResult<'_, Vec<&str>> {
    let (mut i, first) = canonical_tag(i)?;
    let mut tags = vec![first];
    loop {
        let next = alt((
            preceded(expect(Expected::SPACE, char(' ')), cut(canonical_tag)).map(Some),
            expect(Expected::END_OF_LINE, eof).map(|_| None),
        ))
        .parse(i);
        match next {
            Ok((rest, Some(t))) => {
                tags.push(t);
                i = rest;
            }
            Ok((rest, None)) => return Ok((rest, tags)),
            Err(nom::Err::Error(f)) => {
                // After a word: more of it, a hyphen, a space or the end.
                return Err(nom::Err::Error(Failure {
                    input: f.input,
                    expected: f.expected | Expected::HYPHEN,
                }));
            }
            Err(e) => return Err(e),
        }
    }
}

/// What the well-formed tags line expected where `line` (at `offset`)
/// departs from it; `None` when the line is well-formed.
pub fn tags_expectation(line: &str, offset: usize) -> Option<SyntaxError> {
    match canonical_tags(line) {
        Ok(_) => None,
        Err(nom::Err::Error(f) | nom::Err::Failure(f)) => {
            Some(SyntaxError::in_line(line, offset, f))
        }
        Err(nom::Err::Incomplete(_)) => Some(SyntaxError {
            expected: Expected::ANY,
            offset: offset + line.len(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_separators_and_stray_words() {
        let line = " #a-b \u{200B} #c word ＃d";
        let t = parse_tags(line, 0, 0);
        let text = |s: &[Span]| s.iter().map(|s| s.text(line)).collect::<Vec<_>>();
        assert_eq!(text(&t.tags), ["#a-b", "#c", "＃d"]);
        assert_eq!(text(&t.words), ["word"]);
        assert!(tags(line).is_ok());
        // A line whose first word is not a tag is not a tags line.
        let e = tags("word #a").unwrap_err();
        assert!(matches!(e, nom::Err::Error(f) if f.expected == Expected::TAG_MARK));
        assert_eq!(parse_tags("word #a", 0, 0).words.len(), 1);
        assert!(is_tags_like("  ＃x"));
        assert!(!is_tags_like("x #y"));
        assert!(!is_tags_like(" \u{200B} "));
    }

    #[test]
    fn well_formed_lines_pass() {
        for line in ["#rl", "#scaling-law #llm #gpt-4o"] {
            assert_eq!(tags_expectation(line, 0), None, "{line}");
        }
    }

    #[test]
    fn malformed_lines_say_what_was_expected() {
        let cases = [
            (
                "#Scaling_Law",
                1,
                "expected a lowercase ASCII letter or digit, found `S`",
            ),
            (
                "#rl,#moe",
                3,
                "expected `-`, one space or the end of the line, found `,`",
            ),
            (
                "#rl--moe",
                4,
                "expected a lowercase ASCII letter or digit, found `-`",
            ),
            ("#rl  #moe", 4, "expected `#`, found ` `"),
            ("#rl #moe ", 9, "expected `#`, found the end of the line"),
            ("rl", 0, "expected `#`, found `r`"),
            ("#rl todo", 4, "expected `#`, found `t`"),
        ];
        for (line, offset, message) in cases {
            let e = tags_expectation(line, 0).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(
                (e.offset, e.message(line).as_str()),
                (offset, message),
                "{line}"
            );
        }
    }
}
