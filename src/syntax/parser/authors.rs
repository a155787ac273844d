//! The authors line as grammar: `authors` (any line the parser takes for
//! one: the names, their separators, the notes in parentheses and the
//! affiliation markers) and `canonical_authors` (the one well-formed
//! shape, which says what it expected where a line departs from it).
//!
//! Each function named after a production of grammar/digest.ebnf is a nom
//! parser of that production.

use super::error::{Expected, Failure, SyntaxError, TextResult, expect, fail_at};
use crate::syntax::text::{self, offset_in};
use crate::syntax::{Authors, Span};
use nom::{
    Parser,
    branch::alt,
    bytes::complete::{tag, take_till, take_while, take_while1},
    character::complete::{anychar, char, satisfy},
    combinator::{cut, eof, opt, recognize},
    multi::{fold_many0, many0, separated_list1},
    sequence::preceded,
};

/// White space and zero-width characters, which pad an authors line.
fn is_padding(c: char) -> bool {
    c.is_whitespace() || text::is_zero_width(c)
}

/// `(` or the fullwidth `（`.
pub(super) fn open_parenthesis(i: &str) -> TextResult<'_, &str> {
    expect(Expected::OPEN_PARENTHESIS, alt((tag("("), tag("（")))).parse(i)
}

/// `)` or the fullwidth `）`.
fn close_parenthesis(i: &str) -> TextResult<'_, &str> {
    expect(Expected::CLOSE_PARENTHESIS, alt((tag(")"), tag("）")))).parse(i)
}

/// `,` or the fullwidth `，`.
fn name_separator(i: &str) -> TextResult<'_, &str> {
    expect(Expected::NAME_SEPARATOR, alt((tag(","), tag("，")))).parse(i)
}

/// One name: the text up to the next separator, trimmed of white space.
/// Empty where two separators meet; its span is then where the name would
/// be (after the white space).
fn name(i: &str) -> TextResult<'_, &str> {
    // `take_till(is_name_separator)`, with the separators found by memchr
    // (the fullwidth comma by its first byte, EF) rather than by reading
    // every character: an authors line has dozens of names.
    let b = i.as_bytes();
    let end = memchr::memchr2_iter(b',', 0xEF, b)
        .find(|&at| matches!(text::list_punctuation_at(b, at), Some((b',', _))))
        .unwrap_or(b.len());
    // A separator starts a character: `end` is a boundary of `i`.
    let (part, rest) = (i.get(..end).unwrap_or(i), i.get(end..).unwrap_or(""));
    Ok((rest, part.trim_start().trim_end()))
}

/// The names of an authors line and the separators between them.
#[derive(Debug, Default)]
struct NameList<'a> {
    names: Vec<&'a str>,
    separators: Vec<&'a str>,
}

/// `name, { name_separator, name }`: the text between the parentheses.
fn author_list(i: &str) -> TextResult<'_, NameList<'_>> {
    // Room for every name from the start: a separator starts with `,` or
    // with the first byte of `，` (EF), so there are no more of them than
    // such bytes. An authors line has dozens of names, and growing the
    // lists one name at a time allocated several times a line.
    let room = memchr::memchr2_iter(b',', 0xEF, i.as_bytes()).count();
    let (mut i, first) = name(i)?;
    let mut names = Vec::with_capacity(room + 1);
    names.push(first);
    let mut list = NameList {
        names,
        separators: Vec::with_capacity(room),
    };
    while let Ok((rest, (separator, next))) = (name_separator, name).parse(i) {
        list.separators.push(separator);
        list.names.push(next);
        i = rest;
    }
    Ok((i, list))
}

/// The parts of an authors line, as slices of the line.
#[derive(Debug)]
struct AuthorsParts<'a> {
    open: &'a str,
    close: Option<&'a str>,
    /// Between the parentheses.
    inner: &'a str,
    list: NameList<'a>,
}

/// The line after its opening parenthesis: the names up to the closing
/// parenthesis, which is the line's last character that is not white
/// space, when that is `)` or `）`; then white space to the end.
fn authors_rest<'a>(open: &'a str) -> impl Fn(&'a str) -> TextResult<'a, AuthorsParts<'a>> {
    move |i: &'a str| {
        let content = i.trim_end_matches(is_padding);
        let close_len = match content.chars().next_back() {
            Some(c @ (')' | '）')) => c.len_utf8(),
            _ => 0,
        };
        let inner = &content[..content.len() - close_len];
        let (_, list) = author_list(inner)?;
        let rest = &i[inner.len()..];
        let (rest, close) = opt(close_parenthesis).parse(rest)?;
        let (rest, _) = (take_while(is_padding), eof).parse(rest)?;
        Ok((
            rest,
            AuthorsParts {
                open,
                close,
                inner,
                list,
            },
        ))
    }
}

/// `authors`: padding, `(`, the names, an optional `)`, padding.
fn authors(i: &str) -> TextResult<'_, AuthorsParts<'_>> {
    let (i, _) = take_while(is_padding).parse(i)?;
    let (i, open) = open_parenthesis(i)?;
    authors_rest(open)(i)
}

/// `authors`, or on a line that does not open with a parenthesis the same
/// reading with the line's first character in its place (callers pass
/// authors lines, so this is only ever a fallback).
fn authors_or_first_char(line: &str) -> AuthorsParts<'_> {
    if let Ok((_, parts)) = authors(line) {
        return parts;
    }
    let lead = line.trim_start_matches(is_padding);
    let open_len = lead.chars().next().map_or(0, char::len_utf8);
    let (open, rest) = lead.split_at(open_len);
    match authors_rest(open)(rest) {
        Ok((_, parts)) => parts,
        // `authors_rest` reads any text; an empty one has no names.
        Err(_) => AuthorsParts {
            open,
            close: None,
            inner: rest,
            list: NameList::default(),
        },
    }
}

/// A marker in parentheses, `(1)`, `(1,2)`, `(*)`, `(a)`: what follows a
/// name to point at an affiliation.
fn affiliation_marker(i: &str) -> TextResult<'_, &str> {
    let mark = || {
        alt((
            recognize((
                satisfy(|c| c.is_ascii_digit()),
                opt(satisfy(|c| c.is_ascii_digit())),
            )),
            recognize(satisfy(|c| c.is_ascii_lowercase() || is_marker_sign(c))),
        ))
    };
    expect(
        Expected::MARKER,
        alt((
            recognize((
                open_parenthesis,
                separated_list1(name_separator, mark()),
                close_parenthesis,
            )),
            take_while1(is_marker_sign),
        )),
    )
    .parse(i)
}

/// Signs that mark an affiliation or an equal contribution after a name:
/// `*`, daggers, superscript digits.
pub fn is_marker_sign(c: char) -> bool {
    matches!(c, '*' | '†' | '‡' | '§' | '¹' | '²' | '³' | '⁰' | '⁴'..='⁹')
}

/// A note in parentheses inside the list, `(Equal contribution)`, `((1)
/// Example University)`, `(MIT)`: from a `(` to the `)` that closes it
/// (parentheses inside it balanced), when it is not an affiliation marker.
fn note(i: &str) -> TextResult<'_, &str> {
    let (_, _) = open_parenthesis(i)?;
    if affiliation_marker(i).is_ok() {
        return fail_at(i, Expected::NOTE);
    }
    let mut depth = 0usize;
    for (at, c) in i.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let end = at + c.len_utf8();
                    return Ok((&i[end..], &i[..end]));
                }
            }
            _ => {}
        }
    }
    fail_at(i, Expected::CLOSE_PARENTHESIS)
}

/// What the list holds besides names: notes and affiliation markers.
#[derive(Debug, Default)]
struct Annotations<'a> {
    notes: Vec<&'a str>,
    markers: Vec<&'a str>,
}

/// `annotations`: the notes and markers of the text between the authors
/// line's parentheses, read over the same text as the names (a note may
/// hold a comma, where the names are cut).
fn annotations(i: &str) -> TextResult<'_, Annotations<'_>> {
    enum Part<'a> {
        Note(&'a str),
        Marker(&'a str),
        Other,
    }
    let plain = |c: char| c == '(' || c == '（' || is_marker_sign(c);
    let (rest, found) = fold_many0(
        preceded(
            take_till(plain),
            alt((
                affiliation_marker.map(Part::Marker),
                note.map(Part::Note),
                anychar.map(|_| Part::Other),
            )),
        ),
        Annotations::default,
        |mut found, part| {
            match part {
                Part::Note(n) => found.notes.push(n),
                Part::Marker(m) => found.markers.push(m),
                Part::Other => {}
            }
            found
        },
    )
    .parse(i)?;
    let (rest, _) = take_till(|_| false).parse(rest)?;
    Ok((rest, found))
}

/// Whether a note is a list of affiliations keyed by markers, `((1)
/// Example University, (2) Example Labs)` or `(¹Example University)`: its
/// text opens with an affiliation marker.
pub fn is_affiliation_group(note: &str) -> bool {
    (open_parenthesis, take_while(is_padding), affiliation_marker)
        .parse(note)
        .is_ok()
}

/// An authors line as the grammar reads it. Spans are into the source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuthorsLine {
    /// The opening parenthesis (ASCII or fullwidth).
    pub open: Span,
    /// The closing parenthesis, when it is the line's last character that
    /// is not white space.
    pub close: Option<Span>,
    /// The text between the parentheses.
    pub inner: Span,
    /// Each name: the text between two separators, trimmed of white space
    /// (notes and markers included); empty where a name is missing.
    pub names: Vec<Span>,
    /// The separators between names, `,` or `，` (one fewer than names).
    pub separators: Vec<Span>,
    /// Notes in parentheses: `(Equal contribution)`, `((1) Example
    /// University)`.
    pub notes: Vec<Span>,
    /// Affiliation markers: `(1)`, `(1,2)`, `*`, `†`, `¹`.
    pub markers: Vec<Span>,
}

/// Reads `line` (at `offset` in the source) as an authors line: `Err` says
/// what was expected where, when the line does not open with a
/// parenthesis.
pub fn authors_line(line: &str, offset: usize) -> Result<AuthorsLine, SyntaxError> {
    let (_, parts) = authors(line).map_err(|e| error_in(line, offset, e))?;
    let span = |s: &str| {
        Span::new(
            offset + offset_in(line, s),
            offset + offset_in(line, s) + s.len(),
        )
    };
    let (_, found) = annotations(parts.inner).map_err(|e| error_in(line, offset, e))?;
    Ok(AuthorsLine {
        open: span(parts.open),
        close: parts.close.map(span),
        inner: span(parts.inner),
        names: names_of(&parts.list, span),
        separators: parts.list.separators.iter().map(|s| span(s)).collect(),
        notes: found.notes.into_iter().map(span).collect(),
        markers: found.markers.into_iter().map(span).collect(),
    })
}

/// The names as `Authors` keeps them: none when the list is empty.
fn names_of(list: &NameList<'_>, span: impl Fn(&str) -> Span) -> Vec<Span> {
    if let [only] = list.names.as_slice()
        && only.is_empty()
    {
        return Vec::new();
    }
    list.names.iter().map(|n| span(n)).collect()
}

/// Reads an authors line into its parts. `offset` is the line's position,
/// `index` its line number. Never fails: on a line that does not open with
/// a parenthesis, its first character stands in for one.
pub fn parse_authors(line: &str, offset: usize, index: usize) -> Authors {
    let parts = authors_or_first_char(line);
    let span = |s: &str| {
        Span::new(
            offset + offset_in(line, s),
            offset + offset_in(line, s) + s.len(),
        )
    };
    Authors {
        line: index,
        open: span(parts.open),
        close: parts.close.map(span),
        names: names_of(&parts.list, span),
    }
}

fn error_in(line: &str, offset: usize, e: nom::Err<Failure<&str>>) -> SyntaxError {
    match e {
        nom::Err::Error(f) | nom::Err::Failure(f) => SyntaxError::in_line(line, offset, f),
        nom::Err::Incomplete(_) => SyntaxError {
            expected: Expected::ANY,
            offset: offset + line.len(),
        },
    }
}

// ------------------------------------------------------- well-formed --

/// A character of a name's word: not white space, a separator or a
/// parenthesis.
fn is_name_char(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, ',' | '，' | ';' | '(' | ')' | '（' | '）')
}

/// A word of a name.
fn name_word(i: &str) -> TextResult<'_, &str> {
    expect(Expected::NAME_WORD, take_while1(is_name_char)).parse(i)
}

/// A well-formed name: words one space apart; a word may be a note or a
/// marker in parentheses (`Tsinghua AIR (AIR)`, `Ann Lee (1)`: A003's
/// business, not a malformed line).
fn canonical_name(i: &str) -> TextResult<'_, &str> {
    expect(
        Expected::NAME,
        recognize((
            name_word,
            many0(preceded(
                char(' '),
                alt((name_word, affiliation_marker, note)),
            )),
        )),
    )
    .parse(i)
}

/// The well-formed authors line: `(`, names joined by `, `, `)`, nothing
/// after. Fails with what it expected where the line departs from it.
fn canonical_authors(i: &str) -> TextResult<'_, Vec<&str>> {
    let separator = || (char(','), cut(expect(Expected::SPACE, char(' '))));
    let (i, _) = expect(Expected::OPEN_PARENTHESIS, char('(')).parse(i)?;
    let (i, first) = canonical_name(i)?;
    let mut names = vec![first];
    let mut i = i;
    loop {
        match alt((
            preceded(separator(), cut(canonical_name)).map(Some),
            expect(Expected::CLOSE_PARENTHESIS, char(')')).map(|_| None),
        ))
        .parse(i)
        {
            Ok((rest, Some(name))) => {
                names.push(name);
                i = rest;
            }
            Ok((rest, None)) => {
                i = rest;
                break;
            }
            Err(nom::Err::Error(f)) => {
                // Neither `, ` nor `)`: say both.
                return Err(nom::Err::Error(Failure {
                    input: f.input,
                    expected: f.expected | Expected::NAME_SEPARATOR,
                }));
            }
            Err(e) => return Err(e),
        }
    }
    let (i, _) = expect(Expected::END_OF_LINE, eof).parse(i)?;
    Ok((i, names))
}

/// What the well-formed authors line expected where `line` (at `offset`)
/// departs from it; `None` when the line is well-formed.
pub fn authors_expectation(line: &str, offset: usize) -> Option<SyntaxError> {
    canonical_authors(line)
        .err()
        .map(|e| error_in(line, offset, e))
}

/// Whether a character separates names, well or badly: `,`, `，`, `;`.
fn is_any_name_separator(c: char) -> bool {
    matches!(c, ',' | '，' | ';')
}

/// Past the next separator (and the white space after it) in `at`, where
/// the next name should begin; `None` when no separator follows.
fn past_next_separator(at: &str) -> Option<&str> {
    let from = at.find(is_any_name_separator)?;
    let rest = at.get(from..)?;
    let sep = rest.chars().next()?;
    Some(rest.get(sep.len_utf8()..)?.trim_start_matches(' '))
}

/// Every place where `line` (at `offset`) departs from the well-formed
/// authors line, each with what the grammar expected there, in order.
/// `authors_expectation` stops at the first; this one reads on: after a
/// departure it resumes at the next name (past the next separator, `;`
/// included), so that each defect of a line is named from the grammar.
/// A departure can be followed by a second one that it caused at the same
/// place; callers pick the expectation that fits what they report.
pub fn authors_expectations(line: &str, offset: usize) -> Vec<SyntaxError> {
    let mut out = Vec::new();
    let mut record = |e: nom::Err<Failure<&str>>| out.push(error_in(line, offset, e));
    let mut i = match expect(Expected::OPEN_PARENTHESIS, char('(')).parse(line) {
        Ok((rest, _)) => rest,
        Err(e) => {
            record(e);
            return out;
        }
    };
    loop {
        // A name.
        match canonical_name(i) {
            Ok((rest, _)) => i = rest,
            Err(e) => {
                record(e);
                // A separator where the name should be is read as one.
                if i.starts_with(is_any_name_separator) {
                    // fall through to what follows a name
                } else {
                    match past_next_separator(i) {
                        Some(rest) => {
                            i = rest;
                            continue;
                        }
                        None => return out,
                    }
                }
            }
        }
        // What follows a name: `, ` and a name, or `)` and the end.
        if let Ok((rest, _)) = char::<_, Failure<&str>>(',').parse(i) {
            match expect(Expected::SPACE, char(' ')).parse(rest) {
                Ok((rest, _)) => i = rest,
                Err(e) => {
                    record(e);
                    i = rest;
                }
            }
            continue;
        }
        match expect(Expected::CLOSE_PARENTHESIS, char(')')).parse(i) {
            Ok((rest, _)) => {
                if let Err(e) = expect(Expected::END_OF_LINE, eof::<_, Failure<&str>>).parse(rest) {
                    record(e);
                }
                return out;
            }
            Err(nom::Err::Error(f)) => record(nom::Err::Error(Failure {
                input: f.input,
                expected: f.expected | Expected::NAME_SEPARATOR,
            })),
            Err(e) => record(e),
        }
        match past_next_separator(i) {
            Some(rest) => i = rest,
            None => return out,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(line: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| s.text(line)).collect()
    }

    proptest::proptest! {
        /// `name` ends where `take_till(is_name_separator)` ends, among
        /// other fullwidth forms that start with the same byte (EF).
        #[test]
        fn a_name_ends_at_the_first_separator(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Ann Lee", " ", ",", "，", "；", "（", "）", "\u{FF0A}", ";", "가", "é",
                ]),
                0..12,
            ),
        ) {
            let i = pieces.concat();
            let by_chars: TextResult<'_, &str> =
                take_till(super::super::shapes::is_name_separator).parse(i.as_str());
            let by_chars = by_chars.map(|(rest, part)| (rest, part.trim_start().trim_end()));
            proptest::prop_assert_eq!(name(&i).ok(), by_chars.ok());
        }
    }

    #[test]
    fn names_and_separators() {
        let line = "(Ann Lee,  Bo Kim ，)";
        let a = authors_line(line, 0).unwrap();
        assert_eq!(texts(line, &a.names), ["Ann Lee", "Bo Kim", ""]);
        assert_eq!(texts(line, &a.separators), [",", "，"]);
        assert_eq!(a.open.text(line), "(");
        assert_eq!(a.close.map(|c| c.text(line)), Some(")"));
        assert_eq!(a.inner.text(line), "Ann Lee,  Bo Kim ，");
    }

    #[test]
    fn notes_and_markers() {
        let line = "(Ann Lee (1), Bo Kim (1,2)*, Cy Park† ((1) Example University, Seoul) (Equal contribution))";
        let a = authors_line(line, 10).unwrap();
        let text = |s: &Span| &line[s.start - 10..s.end - 10];
        assert_eq!(
            a.notes.iter().map(text).collect::<Vec<_>>(),
            ["((1) Example University, Seoul)", "(Equal contribution)"]
        );
        assert_eq!(
            a.markers.iter().map(text).collect::<Vec<_>>(),
            ["(1)", "(1,2)", "*", "†"]
        );
        // The names are cut at every comma, as before.
        assert_eq!(a.names.len(), 5);
    }

    #[test]
    fn affiliation_groups_open_with_a_marker() {
        assert!(is_affiliation_group(
            "((1) Example University, (2) Example Labs)"
        ));
        assert!(is_affiliation_group("(¹Example University)"));
        assert!(is_affiliation_group("( *Equal contribution)"));
        assert!(!is_affiliation_group("(Equal contribution)"));
        assert!(!is_affiliation_group("(equal contribution, order random)"));
        assert!(!is_affiliation_group("Example University"));
    }

    #[test]
    fn an_unclosed_note_is_not_a_note() {
        let line = "(Ann Lee (MIT, Bo Kim)";
        let a = authors_line(line, 0).unwrap();
        assert!(a.notes.is_empty());
        assert_eq!(a.close.map(|c| c.text(line)), Some(")"));
    }

    #[test]
    fn a_line_without_a_parenthesis_says_what_it_expected() {
        let e = authors_line("  Ann Lee, Bo Kim", 5).unwrap_err();
        assert_eq!(e.expected, Expected::OPEN_PARENTHESIS);
        assert_eq!(e.offset, 7);
        // `parse_authors` still reads it, the first letter standing in.
        let a = parse_authors("  Ann Lee, Bo Kim", 0, 0);
        assert_eq!(a.open, Span::new(2, 3));
        assert_eq!(a.names.len(), 2);
    }

    #[test]
    fn every_departure_of_a_line_says_what_was_expected() {
        let all = |line: &str| -> Vec<(usize, String)> {
            authors_expectations(line, 0)
                .iter()
                .map(|e| (e.offset, e.message(line)))
                .collect()
        };
        let line = "(Mina Park; John Smith;Ona de Vries,Lee Han , Bo Kim)";
        assert_eq!(
            all(line),
            [
                (10, "expected `, ` or `)`, found `;`".to_string()),
                (22, "expected `, ` or `)`, found `;`".to_string()),
                (36, "expected one space, found `L`".to_string()),
                (43, "expected `, ` or `)`, found ` `".to_string()),
            ]
        );
        assert_eq!(
            all("(, Ann Lee, , Bo Kim,, Cy Park, )"),
            [
                (1, "expected a name, found `,`".to_string()),
                (12, "expected a name, found `,`".to_string()),
                (21, "expected one space, found `,`".to_string()),
                (21, "expected a name, found `,`".to_string()),
                (32, "expected a name, found `)`".to_string()),
            ]
        );
        assert_eq!(
            all("(Ann Lee, Bo Kim)."),
            [(17, "expected the end of the line, found `.`".to_string())]
        );
        assert_eq!(
            all("(Ann Lee, Bo Kim"),
            [(
                16,
                "expected `, ` or `)`, found the end of the line".to_string()
            )]
        );
        assert!(all("(Ann Lee, Bo Kim (1) ((1) Example University))").is_empty());
        // The first departure is the one `authors_expectation` names.
        for line in ["(Ann;Bo)", "(Ann,Bo)", "(, Ann)", "()", "Ann", "(Ann) x"] {
            assert_eq!(
                authors_expectations(line, 3).first().copied(),
                authors_expectation(line, 3),
                "{line}"
            );
        }
    }

    #[test]
    fn well_formed_lines_pass() {
        for line in [
            "(Ann Lee)",
            "(Ann Lee, Bo Kim)",
            "(Tsinghua AIR (AIR), Bo Kim)",
            "(Ann Lee (1), Bo Kim (2))",
        ] {
            assert_eq!(authors_expectation(line, 0), None, "{line}");
        }
    }

    #[test]
    fn malformed_lines_say_what_was_expected() {
        let cases = [
            ("(Ann Lee;Bo Kim)", 8, "expected `, ` or `)`, found `;`"),
            ("(Ann Lee,Bo Kim)", 9, "expected one space, found `B`"),
            (
                "(Ann Lee, Bo Kim",
                16,
                "expected `, ` or `)`, found the end of the line",
            ),
            ("(Ann Lee, , Bo Kim)", 10, "expected a name, found `,`"),
            (
                "(Ann Lee, Bo Kim).",
                17,
                "expected the end of the line, found `.`",
            ),
            ("()", 1, "expected a name, found `)`"),
            ("Ann Lee", 0, "expected `(`, found `A`"),
            ("(Ann Lee , Bo Kim)", 8, "expected `, ` or `)`, found ` `"),
        ];
        for (line, offset, message) in cases {
            let e = authors_expectation(line, 0).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(
                (e.offset, e.message(line).as_str()),
                (offset, message),
                "{line}"
            );
        }
    }
}
