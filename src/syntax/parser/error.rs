//! Why a production of the grammar did not match: what it expected, and
//! where.
//!
//! Every nom parser of the grammar fails with a [`Failure`]: the input
//! where it stopped and the set of things that would have let it go on
//! ([`Expected`]). When `alt` tries several branches, the branch that got
//! furthest wins, and branches that stopped at the same place pool what
//! they expected, so the message names every way the text could have gone
//! on (`expected `, ` or `)``). [`SyntaxError`] is the same in byte offsets
//! into the source, for rules to build messages and spans from.

use crate::syntax::Span;
use nom::error::{ErrorKind, FromExternalError, ParseError};
use nom::{IResult, Input, Parser};
use std::fmt;

/// A set of things a production expected. Cheap to copy and to combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Expected(u64);

macro_rules! expected {
    ($($(#[$doc:meta])* $name:ident = $bit:expr, $words:expr;)*) => {
        impl Expected {
            $($(#[$doc])* pub const $name: Expected = Expected(1 << $bit);)*
            const WORDS: &[(Expected, &str)] = &[$((Expected::$name, $words)),*];
        }
    };
}

expected! {
    OPEN_PARENTHESIS = 0, "`(`";
    NAME = 2, "a name";
    NAME_SEPARATOR = 1, "`, `";
    NAME_WORD = 4, "a word of a name";
    CLOSE_PARENTHESIS = 3, "`)`";
    TAG_MARK = 6, "`#`";
    TAG_WORD = 7, "a lowercase ASCII letter or digit";
    HYPHEN = 5, "`-`";
    SPACE = 8, "one space";
    END_OF_LINE = 9, "the end of the line";
    LINE_END = 10, "a line break";
    BYTE_ORDER_MARK = 11, "a byte-order mark";
    YEAR = 12, "a four-digit year";
    MONTH = 13, "a month";
    DAY = 14, "a day";
    NUMBER = 15, "a number";
    PLAIN_NUMBER = 16, "a number without a leading zero";
    YEAR_MARK = 17, "`년`";
    MONTH_MARK = 18, "`월`";
    DAY_MARK = 19, "`일`";
    DATE_SEPARATOR = 20, "`-`, `.` or `/`";
    WEEKDAY = 21, "a weekday";
    SCHEME = 22, "`https://` or `http://`";
    URL = 23, "the rest of a URL";
    ARXIV_ID = 24, "an arXiv identifier";
    DIGIT = 25, "a digit";
    DOT = 26, "`.`";
    SLASH = 27, "`/`";
    ARCHIVE = 28, "an archive name";
    VERSION = 29, "`v` and a version number";
    NOTE = 30, "a note in parentheses";
    MARKER = 31, "an affiliation marker";
    BLANK_LINE = 32, "a blank line";
    HEADER_LINE = 33, "the date header";
    TITLE_LINE = 34, "a title";
    AUTHORS_LINE = 35, "an authors line";
    TAGS_LINE = 36, "a tags line";
    BODY_LINE = 37, "a line of commentary";
    TEXT_LINE = 38, "a line of text";
    HANGUL_AUTHORS_LINE = 39, "names in Hangul";
    ENTRY = 40, "an entry";
    COMMENTARY = 41, "the missing commentary";
    ANY = 42, "more text";
}

impl Expected {
    /// Nothing in particular (a nom combinator failed without a name).
    pub const NOTHING: Expected = Expected(0);

    pub const fn union(self, other: Expected) -> Expected {
        Expected(self.0 | other.0)
    }

    pub const fn contains(self, other: Expected) -> bool {
        self.0 & other.0 == other.0 && other.0 != 0
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The expected things in words, in a fixed order.
    pub fn words(self) -> impl Iterator<Item = &'static str> {
        Self::WORDS
            .iter()
            .filter(move |(e, _)| self.contains(*e))
            .map(|(_, w)| *w)
    }
}

impl std::ops::BitOr for Expected {
    type Output = Expected;
    fn bitor(self, other: Expected) -> Expected {
        self.union(other)
    }
}

/// `a`, `a or b`, `a, b or c`.
impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words: Vec<&str> = self.words().collect();
        match words.as_slice() {
            [] => f.write_str("something else"),
            [one] => f.write_str(one),
            [init @ .., last] => write!(f, "{} or {last}", init.join(", ")),
        }
    }
}

/// The error of every nom parser of the grammar: where it stopped (the
/// rest of the input there) and what it expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failure<I> {
    pub input: I,
    pub expected: Expected,
}

impl<I: Input> ParseError<I> for Failure<I> {
    fn from_error_kind(input: I, _kind: ErrorKind) -> Self {
        Failure {
            input,
            expected: Expected::NOTHING,
        }
    }

    fn append(_input: I, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    /// The branch that got further wins; at the same place, what both
    /// expected.
    fn or(self, other: Self) -> Self {
        let (a, b) = (self.input.input_len(), other.input.input_len());
        if a < b {
            self
        } else if b < a {
            other
        } else {
            Failure {
                input: other.input,
                expected: self.expected | other.expected,
            }
        }
    }
}

/// A conversion that failed inside `map_res` (a number too large): nothing
/// in particular was expected; the parser that called it names what.
impl<I, E> FromExternalError<I, E> for Failure<I> {
    fn from_external_error(input: I, _kind: ErrorKind, _e: E) -> Self {
        Failure {
            input,
            expected: Expected::NOTHING,
        }
    }
}

/// A parser of text (a line, or a part of one).
pub type TextResult<'a, O> = IResult<&'a str, O, Failure<&'a str>>;

/// `parser`, which when it fails without a name for what it wanted says it
/// expected `what`. Leaves an inner parser's more precise expectation from
/// further on alone.
pub fn expect<I, O, P>(
    what: Expected,
    mut parser: P,
) -> impl Parser<I, Output = O, Error = Failure<I>>
where
    I: Input,
    P: Parser<I, Output = O, Error = Failure<I>>,
{
    move |input: I| {
        let len = input.input_len();
        match parser.parse(input) {
            Err(nom::Err::Error(e)) if e.expected.is_empty() || e.input.input_len() == len => {
                Err(nom::Err::Error(Failure {
                    input: e.input,
                    expected: what,
                }))
            }
            other => other,
        }
    }
}

/// Fails at `input`, expecting `what`.
pub fn fail_at<I, O>(input: I, what: Expected) -> Result<(I, O), nom::Err<Failure<I>>> {
    Err(nom::Err::Error(Failure {
        input,
        expected: what,
    }))
}

/// Why a line (or part of one) does not read as a production: what was
/// expected, at which byte offset of the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub expected: Expected,
    /// Where the text stopped fitting, in bytes from the start of the source.
    pub offset: usize,
}

impl SyntaxError {
    /// From a failure inside `line`, which starts at `offset` in the source.
    pub fn in_line(line: &str, offset: usize, failure: Failure<&str>) -> SyntaxError {
        SyntaxError {
            expected: failure.expected,
            offset: offset + line.len().saturating_sub(failure.input.len()),
        }
    }

    /// `expected `, ` or `)`, found `;``: the expectation and what the
    /// source holds at the offset instead.
    pub fn message(&self, src: &str) -> String {
        match self.found(src) {
            Some(c) => format!("expected {}, found `{c}`", self.expected),
            None => format!("expected {}, found the end of the line", self.expected),
        }
    }

    /// The character the source holds where the text stopped fitting;
    /// `None` at the end of the line.
    pub fn found(&self, src: &str) -> Option<char> {
        src.get(self.offset..)
            .and_then(|s| s.chars().next())
            .filter(|c| !matches!(c, '\n' | '\r'))
    }

    /// The span of [`SyntaxError::found`]: that character, or an empty span
    /// at the end of the line.
    pub fn span(&self, src: &str) -> Span {
        let len = self.found(src).map_or(0, char::len_utf8);
        Span::new(self.offset, self.offset + len)
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {} at byte {}", self.expected, self.offset)
    }
}

impl std::error::Error for SyntaxError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expectations_in_words() {
        assert_eq!(Expected::CLOSE_PARENTHESIS.to_string(), "`)`");
        assert_eq!(
            (Expected::NAME_SEPARATOR | Expected::CLOSE_PARENTHESIS).to_string(),
            "`, ` or `)`"
        );
        assert_eq!(
            (Expected::SPACE | Expected::HYPHEN | Expected::END_OF_LINE).to_string(),
            "`-`, one space or the end of the line"
        );
    }

    #[test]
    fn the_branch_that_got_further_wins() {
        let a = Failure {
            input: "xyz",
            expected: Expected::NAME,
        };
        let b = Failure {
            input: "z",
            expected: Expected::SPACE,
        };
        assert_eq!(a.or(b), b);
        assert_eq!(b.or(a), b);
        let c = Failure {
            input: "z",
            expected: Expected::HYPHEN,
        };
        assert_eq!(b.or(c).expected, Expected::SPACE | Expected::HYPHEN);
    }

    #[test]
    fn a_set_holds_each_thing_once() {
        let both = Expected::SPACE | Expected::HYPHEN;
        assert_eq!(both | Expected::SPACE, both);
        assert!((both | both).contains(Expected::HYPHEN));
        assert!(Expected::NOTHING.is_empty());
        assert!(Expected::default().is_empty());
        assert!(!Expected::SPACE.is_empty());
        assert!(!both.is_empty());
    }

    /// Reads `a`, then fails at what follows, expecting `then`.
    fn a_then_fail(input: &str, then: Expected) -> TextResult<'_, ()> {
        let (rest, _) = nom::bytes::complete::tag("a").parse(input)?;
        fail_at(rest, then)
    }

    fn expected_after_expect(
        parser: impl Fn(&str) -> TextResult<'_, ()>,
        input: &str,
    ) -> Option<(usize, Expected)> {
        match expect(Expected::TAGS_LINE, parser).parse(input) {
            Err(nom::Err::Error(e)) => Some((input.len() - e.input.len(), e.expected)),
            _ => None,
        }
    }

    #[test]
    fn expect_names_a_failure_at_the_start_or_without_a_name() {
        // At the start: the inner name gives way to the outer one.
        assert_eq!(
            expected_after_expect(|i| fail_at(i, Expected::NAME), "ab"),
            Some((0, Expected::TAGS_LINE))
        );
        // Further on, with a name: the inner, more precise one stays.
        assert_eq!(
            expected_after_expect(|i| a_then_fail(i, Expected::NAME), "ab"),
            Some((1, Expected::NAME))
        );
        // Further on, without a name: the outer one, at the inner place.
        assert_eq!(
            expected_after_expect(|i| a_then_fail(i, Expected::NOTHING), "ab"),
            Some((1, Expected::TAGS_LINE))
        );
    }

    #[test]
    fn a_syntax_error_points_at_the_whole_character_found() {
        let e = SyntaxError {
            expected: Expected::CLOSE_PARENTHESIS,
            offset: 4,
        };
        assert_eq!(e.span("(Ann한)"), Span::new(4, 7));
        assert_eq!(e.span("(Ann;"), Span::new(4, 5));
        assert_eq!(e.span("(Ann"), Span::new(4, 4));
        assert_eq!(e.span("(Ann\n"), Span::new(4, 4));
        assert_eq!(e.to_string(), "expected `)` at byte 4");
    }

    #[test]
    fn messages_name_what_was_found() {
        let e = SyntaxError {
            expected: Expected::CLOSE_PARENTHESIS,
            offset: 4,
        };
        assert_eq!(e.message("(Ann;"), "expected `)`, found `;`");
        assert_eq!(e.message("(Ann"), "expected `)`, found the end of the line");
    }
}
