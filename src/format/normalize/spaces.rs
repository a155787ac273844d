//! White-space runs inside a line: which to keep, collapse, replace or
//! delete, and the line's canonical spacing.

use crate::syntax::Digest;
use crate::syntax::text::{is_irregular_space, is_zero_width};
use std::borrow::Cow;
use std::ops::Range;

/// How a character counts for white space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpaceClass {
    /// The ASCII space.
    Space,
    /// A tab or another Unicode space: stands for one space.
    Irregular,
    /// A zero-width character: stands for nothing.
    ZeroWidth,
    /// Anything else.
    Other,
}

/// Characters an emoji sequence is built of: a zero-width joiner between
/// two of these is part of one emoji.
fn is_emoji_part(c: char) -> bool {
    c >= '\u{1F000}' || ('\u{2190}'..='\u{2BFF}').contains(&c) || c == '\u{FE0F}'
}

/// The class of `c`, given its neighbours (a zero-width joiner inside an
/// emoji sequence is text).
pub fn space_class(prev: Option<char>, c: char, next: Option<char>) -> SpaceClass {
    if c == ' ' {
        SpaceClass::Space
    } else if is_irregular_space(c) {
        SpaceClass::Irregular
    } else if is_zero_width(c) {
        if c == '\u{200D}' && prev.is_some_and(is_emoji_part) && next.is_some_and(is_emoji_part) {
            SpaceClass::Other
        } else {
            SpaceClass::ZeroWidth
        }
    } else {
        SpaceClass::Other
    }
}

/// Where in its line a white-space run sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// At the start of the line (before any text).
    Leading,
    /// Between two pieces of text.
    Inside,
    /// At the end of the line, or the whole of a blank line.
    Trailing,
}

/// A maximal run of space, irregular-space and zero-width characters that
/// is not in canonical form. Ranges are byte offsets into the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpaceRun {
    pub range: Range<usize>,
    pub place: Place,
    /// The canonical text: nothing at either end of the line, one space
    /// inside it, nothing for zero-width characters alone (a space on a
    /// tags line when a tag follows: there they separate two tags).
    pub replacement: &'static str,
    pub spaces: usize,
    pub tabs: usize,
    /// Irregular spaces other than tabs, with the first one met.
    pub unicode_spaces: usize,
    pub first_unicode_space: Option<char>,
    pub zero_width: usize,
    pub first_zero_width: Option<char>,
}

impl SpaceRun {
    fn new(start: usize) -> Self {
        SpaceRun {
            range: start..start,
            place: Place::Inside,
            replacement: "",
            spaces: 0,
            tabs: 0,
            unicode_spaces: 0,
            first_unicode_space: None,
            zero_width: 0,
            first_zero_width: None,
        }
    }

    fn add(&mut self, c: char, class: SpaceClass) {
        match class {
            SpaceClass::Space => self.spaces += 1,
            SpaceClass::Irregular if c == '\t' => self.tabs += 1,
            SpaceClass::Irregular => {
                self.unicode_spaces += 1;
                self.first_unicode_space.get_or_insert(c);
            }
            SpaceClass::ZeroWidth => {
                self.zero_width += 1;
                self.first_zero_width.get_or_insert(c);
            }
            SpaceClass::Other => {}
        }
    }

    /// Whether the run holds white space that is not the ASCII space (a tab,
    /// a Unicode space or a zero-width character).
    pub fn is_irregular(&self) -> bool {
        self.tabs + self.unicode_spaces + self.zero_width > 0
    }

    /// Whether the run is zero-width characters only.
    pub fn is_zero_width_only(&self) -> bool {
        self.spaces + self.tabs + self.unicode_spaces == 0
    }

    /// What the run holds, in words: `2 spaces`, `a tab`, `a no-break
    /// space (U+00A0)`, `a space and a zero-width space (U+200B)`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        let count = |n: usize, one: &str, many: &str| {
            if n == 1 {
                one.to_string()
            } else {
                format!("{n} {many}")
            }
        };
        if self.spaces > 0 {
            parts.push(count(self.spaces, "a space", "spaces"));
        }
        if self.tabs > 0 {
            parts.push(count(self.tabs, "a tab", "tabs"));
        }
        if let Some(c) = self.first_unicode_space {
            parts.push(named(self.unicode_spaces, c));
        }
        if let Some(c) = self.first_zero_width {
            parts.push(named(self.zero_width, c));
        }
        join_words(&parts)
    }
}

/// `a no-break space (U+00A0)`, or `3 white-space characters such as ...`.
fn named(n: usize, c: char) -> String {
    let name = char_name(c);
    if n == 1 {
        let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} {name} (U+{:04X})", u32::from(c))
    } else {
        format!("{n} characters such as the {name} (U+{:04X})", u32::from(c))
    }
}

/// A readable name for the characters these rules talk about.
pub fn char_name(c: char) -> &'static str {
    match c {
        '\t' => "tab",
        '\u{A0}' => "no-break space",
        '\u{202F}' => "narrow no-break space",
        '\u{3000}' => "ideographic space",
        '\u{2002}' => "en space",
        '\u{2003}' => "em space",
        '\u{2009}' => "thin space",
        '\u{200A}' => "hair space",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{2060}' => "word joiner",
        '\u{FEFF}' => "zero-width no-break space",
        c if c.is_whitespace() => "Unicode space",
        _ => "character",
    }
}

/// `a`, `a and b`, `a, b and c`.
pub fn join_words(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The white-space runs of `line` that are not canonical, in order. A line
/// is canonical when it has no white space at either end, single ASCII
/// spaces inside, and no zero-width character. `tags` says the line is a
/// tags line: there zero-width characters right before a `#` separate two
/// tags (as the parser reads them) and so become a space; inside a tag they
/// are removed like anywhere else.
pub fn space_runs(line: &str, tags: bool) -> Vec<SpaceRun> {
    let mut runs = Vec::new();
    if is_plain(line) {
        return runs;
    }
    let mut chars = line.char_indices().peekable();
    let mut prev = None;
    let mut current: Option<SpaceRun> = None;
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let class = space_class(prev, c, next);
        if class == SpaceClass::Other {
            if let Some(run) = current.take() {
                finish(&mut runs, run, line, i, false, tags);
            }
        } else {
            current
                .get_or_insert_with(|| SpaceRun::new(i))
                .add(c, class);
        }
        prev = Some(c);
    }
    if let Some(run) = current.take() {
        finish(&mut runs, run, line, line.len(), true, tags);
    }
    runs
}

/// A line with no tab, no space at its ends, no double space and no
/// Unicode space or zero-width character: the common case, where every
/// white-space run is one ASCII space inside the line and so canonical.
/// The byte tests are memchr's vectorised searches; only a line that is
/// not ASCII (Korean) has its characters decoded, once, for the last test.
fn is_plain(line: &str) -> bool {
    let b = line.as_bytes();
    b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && memchr::memchr(b'\t', b).is_none()
        && two_spaces().find(b).is_none()
        && (!may_hold_unicode_space(b)
            || !line
                .contains(|c: char| !c.is_ascii() && (is_irregular_space(c) || is_zero_width(c))))
}

/// Whether some line of `digest` may have a white-space run that
/// [`space_runs`] reports: false means every line is plain (see
/// [`is_plain`]). A space at a line's start or end is seen from the
/// lines; the rest (a tab, two spaces, a Unicode space or zero-width
/// character) is looked for in the whole file at once, so that a file
/// with none of them, as most are, is not read line by line. Only the
/// characters that start with a byte a Unicode space can start with are
/// decoded.
pub fn may_have_space_runs(digest: &Digest<'_>) -> bool {
    let src = digest.src;
    let b = src.as_bytes();
    let unusual = |i: usize| {
        src.get(i..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| !c.is_ascii() && (is_irregular_space(c) || is_zero_width(c)))
    };
    digest.lines.iter().any(|l| {
        let t = l.text.text(src).as_bytes();
        t.first() == Some(&b' ') || t.last() == Some(&b' ')
    }) || memchr::memchr(b'\t', b).is_some()
        || two_spaces().find(b).is_some()
        || memchr::memchr3_iter(0xC2, 0xE1, 0xE2, b).any(unusual)
        || memchr::memchr2_iter(0xE3, 0xEF, b).any(unusual)
}

/// The searcher for two spaces in a row, built once: building one for
/// every line cost more than the search.
fn two_spaces() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    FINDER.get_or_init(|| memchr::memmem::Finder::new(b"  "))
}

/// Whether `b` has a byte that starts a Unicode space or zero-width
/// character: every one of them (U+00A0, U+1680, U+180E, U+2000 to U+206F,
/// U+3000, U+FEFF) is encoded from 0xC2, 0xE1, 0xE2, 0xE3 or 0xEF, and
/// Hangul syllables from none of these, so a Korean line is cleared by two
/// vectorised searches instead of decoding each character.
fn may_hold_unicode_space(b: &[u8]) -> bool {
    memchr::memchr3(0xC2, 0xE1, 0xE2, b).is_some() || memchr::memchr2(0xE3, 0xEF, b).is_some()
}

fn finish(
    runs: &mut Vec<SpaceRun>,
    mut run: SpaceRun,
    line: &str,
    end: usize,
    at_end: bool,
    tags: bool,
) {
    run.range.end = end;
    run.place = if at_end {
        Place::Trailing
    } else if run.range.start == 0 {
        Place::Leading
    } else {
        Place::Inside
    };
    let tag_follows = || line.get(end..).is_some_and(|r| r.starts_with(['#', '＃']));
    run.replacement = match run.place {
        Place::Leading | Place::Trailing => "",
        Place::Inside if !run.is_zero_width_only() => " ",
        Place::Inside if tags && tag_follows() => " ",
        Place::Inside => "",
    };
    if line.get(run.range.clone()) != Some(run.replacement) {
        runs.push(run);
    }
}

/// `line` with its white space in canonical form (see [`space_runs`]).
pub fn canonical_spaces(line: &str, tags: bool) -> Cow<'_, str> {
    let runs = space_runs(line, tags);
    apply(line, runs.iter().map(|r| (r.range.clone(), r.replacement)))
}

/// Replaces each range of `line` (in order, not overlapping) by its text.
pub fn apply<'a, S: AsRef<str>>(
    line: &'a str,
    edits: impl IntoIterator<Item = (Range<usize>, S)>,
) -> Cow<'a, str> {
    let mut edits = edits.into_iter().peekable();
    if edits.peek().is_none() {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for (range, text) in edits {
        if range.start < at || range.end < range.start {
            continue;
        }
        out.push_str(line.get(at..range.start).unwrap_or(""));
        out.push_str(text.as_ref());
        at = range.end;
    }
    out.push_str(line.get(at..).unwrap_or(""));
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A file the search of the whole file clears has no line with a
        /// run to report, unless a space stands at the line's start or
        /// end (which W004 looks at line by line).
        #[test]
        fn a_file_cleared_at_once_has_no_run_in_any_line(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", " ", "  ", "\t", "\n", "\r\n", "\r", "가", "…", "“", "\u{a0}",
                    "\u{3000}", "\u{200b}", "\u{feff}", "\u{2009}", "＃", "·", "#",
                ]),
                0..24,
            ),
        ) {
            let src = pieces.concat();
            let digest = crate::syntax::parser::parse(&src);
            if !may_have_space_runs(&digest) {
                for line in &digest.lines {
                    let text = line.text.text(&src);
                    let at_an_end = text.starts_with(' ') || text.ends_with(' ');
                    proptest::prop_assert!(
                        at_an_end || space_runs(text, false).is_empty(),
                        "{:?}", text
                    );
                }
            }
        }
    }

    /// A file of Korean and English prose with its usual punctuation is
    /// cleared at once; a tab, two spaces or a no-break space anywhere is
    /// not.
    #[test]
    fn a_plain_file_is_cleared_at_once() {
        let plain = "2025년 4월 25일\nA Title\n(Ann Lee)\n토큰을 “접는” 방법…\nA method.\n#tag\n";
        let cleared = |text: &str| !may_have_space_runs(&crate::syntax::parser::parse(text));
        assert!(cleared(plain));
        for odd in ["\t", "  ", "\u{a0}", "\u{3000}", "\u{200b}"] {
            let text = plain.replace("A method", &format!("A{odd}method"));
            assert!(!cleared(&text), "{odd:?}");
        }
    }

    #[test]
    fn every_unicode_space_starts_with_a_byte_looked_for() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if !c.is_ascii() && (is_irregular_space(c) || is_zero_width(c)) {
                let mut buf = [0u8; 4];
                let bytes = c.encode_utf8(&mut buf).as_bytes();
                assert!(may_hold_unicode_space(bytes), "{:04X}", u32::from(c));
            }
        }
        assert!(!may_hold_unicode_space("가나다 라마, 바사.".as_bytes()));
        // So a Korean line with such a space is still looked at closely.
        assert!(!is_plain("가나\u{3000}다"));
        assert!(!is_plain("가나\u{200B}다"));
        assert!(is_plain("가나 다 … 라"));
    }

    #[test]
    fn a_joiner_is_text_only_between_two_emoji_parts() {
        let zwj = '\u{200D}';
        let class = |prev: char, next: char| space_class(Some(prev), zwj, Some(next));
        // 👩‍💻, ⚔️‍🔥 (U+2694, U+FE0F, joiner, U+1F525): one emoji each.
        assert_eq!(class('\u{1F469}', '\u{1F4BB}'), SpaceClass::Other);
        assert_eq!(class('\u{2694}', '\u{1F525}'), SpaceClass::Other);
        assert_eq!(class('\u{FE0F}', '\u{1F525}'), SpaceClass::Other);
        // Between letters, or with only one side an emoji part, it is a
        // stray zero-width character.
        assert_eq!(class('a', 'b'), SpaceClass::ZeroWidth);
        assert_eq!(class('\u{1F469}', 'b'), SpaceClass::ZeroWidth);
        assert_eq!(class('a', '\u{1F4BB}'), SpaceClass::ZeroWidth);
        assert_eq!(class('\u{FE0E}', '\u{1F525}'), SpaceClass::ZeroWidth);
        assert_eq!(
            space_class(None, zwj, Some('\u{1F4BB}')),
            SpaceClass::ZeroWidth
        );
        assert_eq!(
            space_class(Some('\u{1F469}'), zwj, None),
            SpaceClass::ZeroWidth
        );
    }

    #[test]
    fn edits_apply_in_order_and_overlapping_or_inverted_ones_are_skipped() {
        fn edits<'a>(e: &[(Range<usize>, &'a str)]) -> Vec<(Range<usize>, &'a str)> {
            e.to_vec()
        }
        assert_eq!(apply("abcdef", edits(&[(1..3, "X"), (4..5, "")])), "aXdf");
        // An insertion (an empty range) is an edit too.
        assert_eq!(apply("ab", edits(&[(1..1, "X")])), "aXb");
        // One that starts inside the one before, or ends before it
        // starts, is not applied.
        assert_eq!(apply("abcdef", edits(&[(1..3, "X"), (2..4, "Y")])), "aXdef");
        let inverted = Range { start: 3, end: 1 };
        assert_eq!(apply("abcd", edits(&[(inverted, "X")])), "abcd");
        assert!(matches!(apply("abc", edits(&[])), Cow::Borrowed("abc")));
    }

    #[test]
    fn characters_are_named_in_messages() {
        let names = [
            ('\t', "tab"),
            ('\u{A0}', "no-break space"),
            ('\u{202F}', "narrow no-break space"),
            ('\u{3000}', "ideographic space"),
            ('\u{2002}', "en space"),
            ('\u{2003}', "em space"),
            ('\u{2009}', "thin space"),
            ('\u{200A}', "hair space"),
            ('\u{2028}', "line separator"),
            ('\u{2029}', "paragraph separator"),
            ('\u{200B}', "zero-width space"),
            ('\u{200C}', "zero-width non-joiner"),
            ('\u{200D}', "zero-width joiner"),
            ('\u{2060}', "word joiner"),
            ('\u{FEFF}', "zero-width no-break space"),
            ('\u{2005}', "Unicode space"),
            ('x', "character"),
        ];
        for (c, name) in names {
            assert_eq!(char_name(c), name, "U+{:04X}", u32::from(c));
        }
    }
}
