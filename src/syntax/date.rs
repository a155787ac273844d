//! Reading the date header and the dates in file names.

use crate::syntax::parser::error::{Expected, SyntaxError, TextResult, expect, fail_at};
use nom::{
    Parser,
    branch::alt,
    bytes::complete::{tag, take_while_m_n, take_while1},
    character::complete::{char, space0},
    combinator::{all_consuming, eof, map_res, opt, value},
};

/// A date as written (not yet known to be a real calendar date).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Whether this is a real day of the Gregorian calendar.
    pub fn is_valid(self) -> bool {
        (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year, self.month)
    }

    /// The day of the week, 0 for Sunday (Gregorian calendar). Meaningful
    /// only for a valid date.
    pub fn weekday(self) -> u32 {
        const OFFSETS: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let y = if self.month < 3 {
            self.year.saturating_sub(1)
        } else {
            self.year
        };
        let m = OFFSETS
            .get(self.month.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(0);
        (y + y / 4 - y / 100 + y / 400 + m + self.day) % 7
    }

    /// The weekday's Korean name (`금` for Friday).
    pub fn weekday_name(self) -> &'static str {
        WEEKDAYS.get(self.weekday() as usize).copied().unwrap_or("")
    }

    /// The canonical header: `2025년 4월 25일`.
    /// The canonical header. The year keeps four digits: `0025년` stays a
    /// date (`25년` does not read as one), as the fuzzer found.
    pub fn header(self) -> String {
        format!("{:04}년 {}월 {}일", self.year, self.month, self.day)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// What the first line says about the date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderDate {
    /// Exactly `YYYY년 M월 D일`.
    Canonical(Date),
    /// A date in another shape (`2025-04-25`, `2025년 04월 25일`, ...).
    Malformed(Date),
}

impl HeaderDate {
    pub fn date(self) -> Date {
        match self {
            HeaderDate::Canonical(d) | HeaderDate::Malformed(d) => d,
        }
    }
}

fn number(min: usize, max: usize) -> impl Fn(&str) -> TextResult<'_, u32> {
    move |i| {
        expect(
            Expected::NUMBER,
            map_res(
                take_while_m_n(min, max, |c: char| c.is_ascii_digit()),
                |d: &str| d.parse::<u32>(),
            ),
        )
        .parse(i)
    }
}

/// `number(4, 4)`, said as a year.
fn year(i: &str) -> TextResult<'_, u32> {
    expect(Expected::YEAR, number(4, 4)).parse(i)
}

/// A month or day as the canonical form writes it: no leading zero.
fn plain_number(i: &str) -> TextResult<'_, u32> {
    let (rest, digits) = expect(
        Expected::PLAIN_NUMBER,
        take_while1(|c: char| c.is_ascii_digit()),
    )
    .parse(i)?;
    if digits.len() > 2 || digits.starts_with('0') {
        return fail_at(i, Expected::PLAIN_NUMBER);
    }
    map_res(nom::combinator::success(digits), |d: &str| d.parse::<u32>()).parse(rest)
}

/// `YYYY년 M월 D일`, exactly.
fn canonical(i: &str) -> TextResult<'_, Date> {
    let (i, (year, _, _, month, _, _, day, _)) = (
        year,
        expect(Expected::YEAR_MARK, tag("년")),
        expect(Expected::SPACE, char(' ')),
        plain_number,
        expect(Expected::MONTH_MARK, tag("월")),
        expect(Expected::SPACE, char(' ')),
        plain_number,
        expect(Expected::DAY_MARK, tag("일")),
    )
        .parse(i)?;
    Ok((i, Date { year, month, day }))
}

/// Korean units with any spacing and leading zeros: `2025년4월 05일`.
fn korean_loose(i: &str) -> TextResult<'_, Date> {
    let (i, (_, year, _, _, _, month, _, _, _, day, _, _, _)) = (
        space0,
        year,
        space0,
        expect(Expected::YEAR_MARK, tag("년")),
        space0,
        expect(Expected::MONTH, number(1, 2)),
        space0,
        expect(Expected::MONTH_MARK, tag("월")),
        space0,
        expect(Expected::DAY, number(1, 2)),
        space0,
        expect(Expected::DAY_MARK, tag("일")),
        space0,
    )
        .parse(i)?;
    // A weekday in parentheses and a closing period are extra words the
    // canonical header leaves out: `2025년 4월 25일 (금).`
    let (i, _) = (opt(weekday), space0, opt(char('.')), space0).parse(i)?;
    Ok((i, Date { year, month, day }))
}

/// The Korean weekday names, Sunday first.
const WEEKDAYS: [&str; 7] = ["일", "월", "화", "수", "목", "금", "토"];

/// `(금)` or `(금요일)`: the weekday, 0 for Sunday.
fn weekday(i: &str) -> TextResult<'_, u32> {
    alt((parenthesized_weekday, bare_weekday)).parse(i)
}

/// `(금)`, `(금요일)`.
fn parenthesized_weekday(i: &str) -> TextResult<'_, u32> {
    let (i, _) = (char('('), space0).parse(i)?;
    let (i, day) = weekday_name(i)?;
    let (i, _) = (opt(tag("요일")), space0, char(')')).parse(i)?;
    Ok((i, day))
}

/// `금요일`.
fn bare_weekday(i: &str) -> TextResult<'_, u32> {
    let (i, day) = weekday_name(i)?;
    let (i, _) = tag("요일").parse(i)?;
    Ok((i, day))
}

fn weekday_name(i: &str) -> TextResult<'_, u32> {
    expect(
        Expected::WEEKDAY,
        alt((
            value(0, tag(WEEKDAYS[0])),
            value(1, tag(WEEKDAYS[1])),
            value(2, tag(WEEKDAYS[2])),
            value(3, tag(WEEKDAYS[3])),
            value(4, tag(WEEKDAYS[4])),
            value(5, tag(WEEKDAYS[5])),
            value(6, tag(WEEKDAYS[6])),
        )),
    )
    .parse(i)
}

/// The weekday a header states, in parentheses or as a word (0 for
/// Sunday), if any.
pub fn stated_weekday(line: &str) -> Option<u32> {
    let start = match line.find('(') {
        Some(open) => open,
        None => {
            // The day's name is the character before `요일`.
            let at = line.find("요일")?;
            line.get(..at)?.char_indices().next_back()?.0
        }
    };
    weekday(line.get(start..)?).ok().map(|(_, d)| d)
}

/// `2025-04-25`, `2025.4.25`, `2025. 4. 25.`, `2025/04/25`.
fn numeric(i: &str) -> TextResult<'_, Date> {
    let (i, (_, year, _, month, _, day, _, _)) = (
        space0,
        year,
        sep,
        expect(Expected::MONTH, number(1, 2)),
        sep,
        expect(Expected::DAY, number(1, 2)),
        opt(alt((char('.'), char('일')))),
        space0,
    )
        .parse(i)?;
    Ok((i, Date { year, month, day }))
}

/// The separator of a numeric date: `-`, `.` or `/`, maybe with spaces.
fn sep(i: &str) -> TextResult<'_, ()> {
    let (i, _) = (
        space0,
        expect(
            Expected::DATE_SEPARATOR,
            alt((char('-'), char('.'), char('/'))),
        ),
        space0,
    )
        .parse(i)?;
    Ok((i, ()))
}

/// `date_header`: the whole line is a date, in the canonical shape
/// (strict) or another one the parser reads (lenient, D002).
fn date_header(i: &str) -> TextResult<'_, HeaderDate> {
    let end = || expect(Expected::END_OF_LINE, eof);
    alt((
        (canonical, end()).map(|(d, _)| HeaderDate::Canonical(d)),
        (korean_loose, end()).map(|(d, _)| HeaderDate::Malformed(d)),
        (numeric, end()).map(|(d, _)| HeaderDate::Malformed(d)),
    ))
    .parse(i)
}

/// Reads a header line. `None` when the line does not look like a date.
pub fn parse_header(line: &str) -> Option<HeaderDate> {
    date_header(line).ok().map(|(_, d)| d)
}

/// What the canonical header (`YYYY년 M월 D일`) expected where `line` (at
/// `offset` in the source) departs from it; `None` when it is canonical.
pub fn header_expectation(line: &str, offset: usize) -> Option<SyntaxError> {
    match all_consuming((canonical, expect(Expected::END_OF_LINE, eof))).parse(line) {
        Ok(_) => None,
        Err(nom::Err::Error(f) | nom::Err::Failure(f)) => {
            Some(SyntaxError::in_line(line, offset, f))
        }
        Err(nom::Err::Incomplete(_)) => None,
    }
}

/// The date a file name carries: `2025-04-25.txt`, `2025-04-25-notes.txt`,
/// `250425.txt`. `None` when the name carries no date.
pub fn from_file_name(name: &str) -> Option<Date> {
    let stem_end = |rest: &str| rest.is_empty() || rest.starts_with(['.', '-', '_', ' ']);
    let long = (
        number(4, 4),
        char('-'),
        number(2, 2),
        char('-'),
        number(2, 2),
    )
        .parse(name)
        .ok()
        .filter(|(rest, _)| stem_end(rest))
        .map(|(_, (year, _, month, _, day))| Date { year, month, day });
    if long.is_some() {
        return long;
    }
    (number(2, 2), number(2, 2), number(2, 2))
        .parse(name)
        .ok()
        .filter(|(rest, _)| stem_end(rest) && !rest.starts_with(|c: char| c.is_ascii_digit()))
        .map(|(_, (yy, month, day))| Date {
            year: 2000 + yy,
            month,
            day,
        })
}

/// Whether the text has the look of a date line at all: used to tell a
/// header in the wrong shape from a title. Either nothing but digits, white
/// space and date marks (`2025.4`, `2025년 4월`), or a short line that is
/// mostly a year and other numbers, with a few letters: a misspelt mark
/// (`2025년 4윌 25일`) or a month's name (`April 25, 2025`).
pub fn looks_like_date(line: &str) -> bool {
    parse_header(line).is_some() || {
        let t = line.trim();
        let digits = t.chars().filter(char::is_ascii_digit).count();
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        let marks_only = t
            .chars()
            .all(|c| c.is_ascii_digit() || " -./년월일".contains(c));
        let has_year = t
            .split(|c: char| !c.is_ascii_digit())
            .any(|run| run.len() == 4);
        digits >= 4
            && (marks_only && t.chars().count() <= 20
                || has_year && digits >= 5 && letters <= 10 && t.chars().count() <= 30)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: u32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn canonical_header() {
        assert_eq!(
            parse_header("2025년 4월 25일"),
            Some(HeaderDate::Canonical(d(2025, 4, 25)))
        );
        assert_eq!(
            parse_header("2024년 12월 1일"),
            Some(HeaderDate::Canonical(d(2024, 12, 1)))
        );
    }

    #[test]
    fn malformed_headers() {
        for text in [
            "2025-04-25",
            "2025.4.25",
            "2025. 4. 25.",
            "2025/04/25",
            "2025년 04월 25일",
            "2025년4월25일",
            " 2025년 4월 25일",
            "2025년 4월 25일 ",
        ] {
            assert_eq!(
                parse_header(text),
                Some(HeaderDate::Malformed(d(2025, 4, 25))),
                "{text}"
            );
        }
    }

    #[test]
    fn weekdays() {
        assert_eq!(d(2025, 4, 25).weekday(), 5);
        assert_eq!(d(2025, 4, 25).weekday_name(), "금");
        assert_eq!(d(2024, 1, 1).weekday(), 1);
        assert_eq!(d(2000, 2, 29).weekday(), 2);
        assert_eq!(d(2026, 11, 26).weekday_name(), "목");
        for text in [
            "2025년 4월 25일 (금)",
            "2025년 4월 25일(금요일).",
            "2025년 4월 25일.",
        ] {
            assert_eq!(
                parse_header(text),
                Some(HeaderDate::Malformed(d(2025, 4, 25))),
                "{text}"
            );
        }
        assert_eq!(stated_weekday("2025년 4월 25일 (목)"), Some(4));
        assert_eq!(stated_weekday("2025년 4월 25일"), None);
        assert_eq!(stated_weekday("2025년 4월 25일 금요일"), Some(5));
        assert_eq!(stated_weekday("2025년 4월 27일 일요일."), Some(0));
        assert!(looks_like_date("2025년 4윌 25일"));
        assert!(looks_like_date("2025넌 4월 25일"));
        assert!(looks_like_date("April 25, 2025"));
        assert!(!looks_like_date("Top 5 Papers of 2025"));
        assert!(!looks_like_date("GPT-4 Scores 2025 Points"));
    }

    #[test]
    fn not_dates() {
        for text in [
            "",
            "Token-Shuffle: Towards High-Resolution",
            "2025",
            "Year 2025 in review",
            "12-34",
        ] {
            assert_eq!(parse_header(text), None, "{text}");
        }
    }

    #[test]
    fn calendar() {
        assert!(d(2024, 2, 29).is_valid());
        assert!(!d(2025, 2, 29).is_valid());
        assert!(!d(2025, 2, 30).is_valid());
        assert!(!d(2025, 13, 1).is_valid());
        assert!(!d(2025, 4, 0).is_valid());
        assert!(!d(1900, 2, 29).is_valid());
        assert!(d(2000, 2, 29).is_valid());
    }

    #[test]
    fn file_names() {
        assert_eq!(from_file_name("2025-04-25.txt"), Some(d(2025, 4, 25)));
        assert_eq!(from_file_name("2025-04-25-notes.txt"), Some(d(2025, 4, 25)));
        assert_eq!(from_file_name("250425.txt"), Some(d(2025, 4, 25)));
        assert_eq!(from_file_name("example-digest.txt"), None);
        assert_eq!(from_file_name("2504251.txt"), None);
    }

    #[test]
    fn what_the_canonical_header_expected() {
        assert_eq!(header_expectation("2025년 4월 25일", 0), None);
        let cases = [
            ("2025-04-25", 4, "expected `년`, found `-`"),
            (
                "2025년 04월 25일",
                8,
                "expected a number without a leading zero, found `0`",
            ),
            ("2025년4월 25일", 7, "expected one space, found `4`"),
            (
                "2025년 4월 25일 (금)",
                18,
                "expected the end of the line, found ` `",
            ),
            ("25년 4월 25일", 0, "expected a four-digit year, found `2`"),
        ];
        for (line, offset, message) in cases {
            let e = header_expectation(line, 0).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(
                (e.offset, e.message(line).as_str()),
                (offset, message),
                "{line}"
            );
        }
    }

    #[test]
    fn header_text() {
        assert_eq!(d(2025, 4, 5).header(), "2025년 4월 5일");
        assert_eq!(d(25, 3, 6).header(), "0025년 3월 6일");
    }
}
