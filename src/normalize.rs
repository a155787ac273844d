//! Normalisations shared by the white-space rules (`W`) and the formatter.
//!
//! Each helper looks at one line's text (or the parsed digest, for blank
//! lines) and says what is off and what the canonical text is. The rules
//! turn what a helper finds into findings whose fixes apply exactly that
//! repair, and `fmt` applies the same repairs through the same helpers, so a
//! formatted file draws no finding from the rules that share them.
//!
//! Character classes:
//! - *space*: the ASCII space, the only white space the format wants;
//! - *irregular space*: a tab and every other Unicode white space that is
//!   not a control character (no-break space, ideographic space U+3000,
//!   en/em/thin spaces, ...): each stands for a space;
//! - *zero-width*: zero-width space, non-joiner and joiner, word joiner and
//!   U+FEFF inside the text: each stands for nothing. A zero-width joiner
//!   between two emoji builds one emoji and is left alone;
//! - *control*: C0/C1 control characters other than the line break and the
//!   tab (vertical tab and form feed included); these are not white space
//!   here but [`is_control_char`] text that only an unsafe fix removes.

use crate::date;
use crate::parser;
use crate::syntax::{Digest, Item, LineKind};
use crate::text::{is_blank, is_irregular_space, is_zero_width};
use std::borrow::Cow;
use std::ops::Range;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

// ------------------------------------------------------------ spaces --

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

/// An ASCII line with no tab, no white space at its ends and no double
/// space: the common case, answered without decoding characters.
fn is_plain(line: &str) -> bool {
    let b = line.as_bytes();
    b.is_ascii()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.contains(&b'\t')
        && !b.windows(2).any(|w| w == b"  ")
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

// --------------------------------------------------------------- NFC --

/// Whether the text is certainly in NFC by the quick check: true for
/// almost all text, without allocating. `false` means "look closer".
pub fn is_nfc_quick_yes(s: &str) -> bool {
    s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes
}

/// A run of text that NFC changes, and what NFC makes of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NfcRun {
    pub range: Range<usize>,
    pub nfc: String,
}

/// Whether NFC can neither merge `c` into what comes before nor reorder
/// it: the text splits into independent pieces before such a character.
fn is_nfc_boundary(c: char) -> bool {
    c.is_ascii()
        || (unicode_normalization::char::canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// The runs of `line` that are not in NFC, each trimmed to the characters
/// that change; neighbouring runs are merged. Empty when the line is in
/// NFC (decided by the quick check alone for nearly all text).
pub fn nfc_runs(line: &str) -> Vec<NfcRun> {
    let mut runs: Vec<NfcRun> = Vec::new();
    if is_nfc_quick_yes(line) {
        return runs;
    }
    let mut start = 0;
    let mut segment_chars = 0;
    let check = |runs: &mut Vec<NfcRun>, range: Range<usize>, single: bool| {
        let Some(text) = line.get(range.clone()) else {
            return;
        };
        if single && text.chars().next().is_some_and(is_nfc_boundary) {
            return;
        }
        let nfc: String = text.nfc().collect();
        if nfc == text {
            return;
        }
        let prefix: usize = text
            .chars()
            .zip(nfc.chars())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let suffix: usize = text[prefix..]
            .chars()
            .rev()
            .zip(nfc[prefix..].chars().rev())
            .take_while(|(a, b)| a == b)
            .map(|(a, _)| a.len_utf8())
            .sum();
        let from = range.start + prefix;
        let to = range.end - suffix;
        let replacement = &nfc[prefix..nfc.len() - suffix];
        match runs.last_mut() {
            Some(last) if last.range.end == from => {
                last.range.end = to;
                last.nfc.push_str(replacement);
            }
            _ => runs.push(NfcRun {
                range: from..to,
                nfc: replacement.to_string(),
            }),
        }
    };
    for (i, c) in line.char_indices() {
        if i > start && is_nfc_boundary(c) {
            check(&mut runs, start..i, segment_chars == 1);
            start = i;
            segment_chars = 0;
        }
        segment_chars += 1;
    }
    if start < line.len() {
        check(&mut runs, start..line.len(), segment_chars == 1);
    }
    runs
}

/// `line` in NFC, built from [`nfc_runs`].
pub fn to_nfc(line: &str) -> Cow<'_, str> {
    let runs = nfc_runs(line);
    apply(line, runs.into_iter().map(|r| (r.range, r.nfc)))
}

// ---------------------------------------------------------- controls --

/// A C0 or C1 control character (or DEL) other than the line break, the
/// carriage return and the tab.
pub fn is_control_char(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t')
}

/// Whether `line` holds a control character (see [`is_control_char`]).
pub fn has_control(line: &str) -> bool {
    line.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2) && line.chars().any(is_control_char)
}

/// Whether the formatter and the white-space rules may delete `line` as a
/// blank line. The vertical tab, the form feed and U+0085 are white space
/// to the parser, which reads a line of them as blank, but they are control
/// characters that only the unsafe fix of `W007` removes: a line holding
/// one stays.
pub fn is_deletable_blank(line: &str) -> bool {
    is_blank(line) && !has_control(line)
}

/// The runs of control characters in `line`.
pub fn control_runs(line: &str) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    if !line.bytes().any(|b| b < 0x20 || b == 0x7F || b == 0xC2) {
        return runs;
    }
    for (i, c) in line.char_indices() {
        if !is_control_char(c) {
            continue;
        }
        let end = i + c.len_utf8();
        match runs.last_mut() {
            Some(last) if last.end == i => last.end = end,
            _ => runs.push(i..end),
        }
    }
    runs
}

// ---------------------------------------------- fullwidth punctuation --

/// The ASCII form of fullwidth `（ ） ， ＃`.
pub fn ascii_punctuation(c: char) -> Option<char> {
    match c {
        '（' => Some('('),
        '）' => Some(')'),
        '，' => Some(','),
        '＃' => Some('#'),
        _ => None,
    }
}

/// Whether W008 and the formatter turn fullwidth punctuation to ASCII on a
/// line of this kind: authors and tags lines, where the punctuation is
/// syntax rather than prose.
pub fn has_punctuation_syntax(kind: LineKind) -> bool {
    matches!(kind, LineKind::Authors | LineKind::Tags)
}

/// Runs of fullwidth punctuation in `line`, with their ASCII text. A
/// fullwidth comma carries its own spacing, so it becomes `, ` unless
/// white space or a closing parenthesis already follows.
pub fn fullwidth_runs(line: &str) -> Vec<(Range<usize>, String)> {
    let mut runs: Vec<(Range<usize>, String)> = Vec::new();
    if line.is_ascii() {
        return runs;
    }
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let Some(ascii) = ascii_punctuation(c) else {
            continue;
        };
        let next = chars.peek().map(|&(_, n)| n);
        let mut text = String::new();
        text.push(ascii);
        if ascii == ','
            && next.is_some_and(|n| {
                !n.is_whitespace() && ascii_punctuation(n).is_none() && !matches!(n, ')' | ',')
            })
        {
            text.push(' ');
        }
        let end = i + c.len_utf8();
        match runs.last_mut() {
            Some((range, t)) if range.end == i => {
                range.end = end;
                t.push_str(&text);
            }
            _ => runs.push((i..end, text)),
        }
    }
    runs
}

/// `line` with its fullwidth punctuation in ASCII.
pub fn to_ascii_punctuation(line: &str) -> Cow<'_, str> {
    apply(line, fullwidth_runs(line))
}

// ------------------------------------------------------ authors, date --

/// An authors line in canonical form: `(` names joined by `, ` `)`, no
/// space inside the parentheses. Only white space changes (and fullwidth
/// parentheses and commas become ASCII); an empty name keeps its comma so
/// the line still shows the mistake. A line holding a control character is
/// left as it is: the parser trims a vertical tab or form feed like white
/// space, and rebuilding the line would drop it.
pub fn canonical_authors(line: &str) -> Cow<'_, str> {
    if has_control(line) {
        return Cow::Borrowed(line);
    }
    let authors = parser::parse_authors(line, 0, 0);
    if authors.open.is_empty() {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    out.push('(');
    for (i, name) in authors.names.iter().enumerate() {
        let name = name.text(line);
        if i > 0 {
            out.push(',');
            if !name.is_empty() {
                out.push(' ');
            }
        }
        out.push_str(name);
    }
    if authors.close.is_some() {
        out.push(')');
    }
    if out == line {
        Cow::Borrowed(line)
    } else {
        Cow::Owned(out)
    }
}

/// The canonical header for a line that reads as a valid date in any shape
/// the parser accepts (`2025-04-25` → `2025년 4월 25일`); `None` when the
/// line is not a date or not a real one.
pub fn canonical_header(line: &str) -> Option<String> {
    let d = date::parse_header(line)?.date();
    // A weekday that contradicts the date is kept for a person to resolve.
    let weekday_fits = date::stated_weekday(line).is_none_or(|w| w == d.weekday());
    (d.is_valid() && weekday_fits)
        .then(|| d.header())
        .filter(|h| h != line)
}

// ------------------------------------------------------- blank lines --

/// Where a run of blank lines sits, and how many the format wants there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlankPlace {
    /// Inside an entry: none wanted.
    InsideEntry,
    /// Before the first line of text: none wanted.
    StartOfFile,
    /// Between the date header and what follows it: none wanted, or the
    /// separator when an entry follows.
    AfterHeader,
    /// Between two entries: exactly the configured number.
    BetweenEntries,
    /// Next to a line outside any entry: at most the configured number.
    NextToStray,
}

/// A run of blank lines (or a missing one) that is not as wanted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlankGap {
    pub place: BlankPlace,
    /// The blank lines of the run (empty when lines are missing), as line
    /// indices.
    pub lines: Range<usize>,
    /// How many blank lines the format wants here.
    pub wanted: usize,
    /// The lines to delete: the run's first lines, beyond `wanted`.
    pub delete: Range<usize>,
    /// How many blank lines to add before line `lines.end` (the next text
    /// line) when the run is short.
    pub insert: usize,
    /// The entry a blank line sits inside (its first line), for
    /// [`BlankPlace::InsideEntry`].
    pub entry_start: Option<usize>,
}

/// Every run of blank lines that is not as the format wants, in order.
/// Blank lines at the end of the file are left out: they are the business
/// of the final-newline rule. `between_entries` is the configured
/// separator (0 or 1).
pub fn blank_gaps(digest: &Digest<'_>, between_entries: usize) -> Vec<BlankGap> {
    #[derive(Clone, Copy, PartialEq)]
    enum Prev {
        Nothing,
        Header,
        Entry,
        Stray,
    }
    let mut gaps = Vec::new();
    let mut prev = Prev::Nothing;
    let mut run: Option<Range<usize>> = None;
    for item in &digest.items {
        let (this, first) = match item {
            // A "blank" line that holds a control character stays, like a
            // line of text outside any entry.
            Item::Blank(l) if !is_deletable_blank(digest.line_text(*l)) => (Prev::Stray, *l),
            Item::Blank(l) => {
                match &mut run {
                    Some(r) => r.end = l + 1,
                    None => run = Some(*l..l + 1),
                }
                continue;
            }
            Item::Header(l) => (Prev::Header, *l),
            Item::Stray(l) => (Prev::Stray, *l),
            Item::Entry(e) => (Prev::Entry, e.lines.start),
        };
        let found = run.take().unwrap_or(first..first);
        let (place, wanted, exact) = match (prev, this) {
            (Prev::Nothing, _) => (BlankPlace::StartOfFile, 0, true),
            // The header is set apart from the first entry like entries are
            // from each other.
            (Prev::Header, Prev::Entry) => (BlankPlace::AfterHeader, between_entries, true),
            (Prev::Header, _) => (BlankPlace::AfterHeader, 0, true),
            (Prev::Entry, Prev::Entry) => (BlankPlace::BetweenEntries, between_entries, true),
            _ => (BlankPlace::NextToStray, between_entries, false),
        };
        let n = found.len();
        if n > wanted || (exact && n < wanted) {
            let extra = n.saturating_sub(wanted);
            gaps.push(BlankGap {
                place,
                lines: found.clone(),
                wanted,
                delete: found.start..found.start + extra,
                insert: wanted.saturating_sub(n),
                entry_start: None,
            });
        }
        if let Item::Entry(e) = item {
            inside_entry(digest, e.lines.clone(), &mut gaps);
        }
        prev = this;
    }
    gaps
}

/// Runs of blank lines inside one entry.
fn inside_entry(digest: &Digest<'_>, lines: Range<usize>, gaps: &mut Vec<BlankGap>) {
    let entry_start = lines.start;
    let mut run: Option<Range<usize>> = None;
    for l in lines {
        let blank = digest.lines.get(l).is_some_and(|line| {
            (line.kind == LineKind::Blank || is_blank(digest.line_text(l)))
                && is_deletable_blank(digest.line_text(l))
        });
        if blank {
            match &mut run {
                Some(r) => r.end = l + 1,
                None => run = Some(l..l + 1),
            }
        } else if let Some(r) = run.take() {
            gaps.push(inside(r, entry_start));
        }
    }
    if let Some(r) = run {
        gaps.push(inside(r, entry_start));
    }
}

/// A run of blank lines inside an entry: all of them go.
fn inside(lines: Range<usize>, entry_start: usize) -> BlankGap {
    BlankGap {
        place: BlankPlace::InsideEntry,
        lines: lines.clone(),
        wanted: 0,
        delete: lines,
        insert: 0,
        entry_start: Some(entry_start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        canonical_spaces(s, false).into_owned()
    }

    #[test]
    fn spaces() {
        assert_eq!(canon("a  b\t c "), "a b c");
        assert_eq!(canon("\u{3000}한국\u{A0}어"), "한국 어");
        assert_eq!(canon("zero\u{200B}width"), "zerowidth");
        assert_eq!(canon("a \u{200B} b"), "a b");
        assert_eq!(canon("   "), "");
        assert_eq!(canon("plain text"), "plain text");
        assert_eq!(canonical_spaces("#a\u{200B}#b", true), "#a #b");
        assert_eq!(canonical_spaces("#sca\u{200B}ling", true), "#scaling");
        // A joiner inside an emoji sequence stays.
        assert_eq!(canon("👩\u{200D}🔬"), "👩\u{200D}🔬");
        // Controls are not white space here.
        assert_eq!(canon("a\u{0C}b"), "a\u{0C}b");
    }

    #[test]
    fn run_places_and_words() {
        let runs = space_runs(" a\t\tb  ", false);
        let places: Vec<Place> = runs.iter().map(|r| r.place).collect();
        assert_eq!(places, [Place::Leading, Place::Inside, Place::Trailing]);
        assert_eq!(runs[1].describe(), "2 tabs");
        assert_eq!(runs[2].describe(), "2 spaces");
        let runs = space_runs("a \u{A0}\u{200B}b", false);
        assert_eq!(
            runs[0].describe(),
            "a space, a no-break space (U+00A0) and a zero-width space (U+200B)"
        );
    }

    #[test]
    fn nfc() {
        // 한 decomposed: ᄒ ᅡ ᆫ.
        let line = "x \u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8} y e\u{301}";
        let runs = nfc_runs(line);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].nfc, "한국");
        assert_eq!(runs[1].nfc, "é");
        assert_eq!(to_nfc(line), "x 한국 y é");
        assert!(nfc_runs("이미 NFC인 줄").is_empty());
        // Reordering of combining marks.
        assert_eq!(
            to_nfc("a\u{301}\u{316}"),
            "a\u{316}\u{301}".nfc().collect::<String>()
        );
    }

    #[test]
    fn controls() {
        assert_eq!(control_runs("a\u{1}\u{2}b\u{85}c\td"), [1..3, 4..6]);
        assert!(control_runs("tab\tis white space").is_empty());
        // The parser reads these lines as blank; they are not deleted.
        assert!(is_deletable_blank(" \t\u{A0}\u{200B}"));
        assert!(!is_deletable_blank("\u{C}"));
        assert!(!is_deletable_blank(" \u{B} "));
        assert!(!is_deletable_blank("\u{85}"));
        // Nor is a control character next to an author's name dropped.
        assert_eq!(canonical_authors("(A ,\u{B}B)"), "(A ,\u{B}B)");
        assert_eq!(canonical_authors("(A ,B)\u{C}"), "(A ,B)\u{C}");
    }

    #[test]
    fn fullwidth() {
        assert_eq!(
            to_ascii_punctuation("（Ann Lee，Bo Kim）"),
            "(Ann Lee, Bo Kim)"
        );
        assert_eq!(to_ascii_punctuation("(A， B)"), "(A, B)");
        assert_eq!(to_ascii_punctuation("＃tag"), "#tag");
    }

    #[test]
    fn authors() {
        assert_eq!(
            canonical_authors("( Ann Lee ,Bo Kim )"),
            "(Ann Lee, Bo Kim)"
        );
        assert_eq!(canonical_authors("(A, , B)"), "(A,, B)");
        assert_eq!(canonical_authors("(A,)"), "(A,)");
        assert_eq!(canonical_authors("(A, B"), "(A, B");
        assert!(matches!(canonical_authors("(A, B)"), Cow::Borrowed(_)));
    }

    #[test]
    fn headers() {
        assert_eq!(
            canonical_header("2025-04-05").as_deref(),
            Some("2025년 4월 5일")
        );
        assert_eq!(canonical_header("2025년 4월 5일"), None);
        assert_eq!(canonical_header("2025-02-30"), None);
    }
}
