//! Characters with a canonical form: NFC, control characters and
//! fullwidth punctuation.

use super::apply;
use crate::syntax::LineKind;
use crate::syntax::text::{self, is_blank, is_hangul_syllable};
use std::borrow::Cow;
use std::ops::Range;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

// --------------------------------------------------------------- NFC --

/// Whether the text is certainly in NFC by the quick check: true for
/// almost all text, without allocating. `false` means "look closer".
///
/// The same answer as `is_nfc_quick(s.chars()) == IsNormalized::Yes`,
/// cheaper: that check looks up the combining class and the NFC_QC
/// property of every character that is not ASCII, but a precomposed
/// Hangul syllable, like an ASCII character, is a starter (class 0) with
/// NFC_QC=Yes, so both only reset the check's state, without a look-up.
/// A digest is nearly all ASCII and Hangul syllables.
pub fn is_nfc_quick_yes(s: &str) -> bool {
    if s.is_ascii() {
        return true;
    }
    let bytes = s.as_bytes();
    let mut last_class = 0u8;
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        if lead < 0x80 {
            last_class = 0;
            // On to the next byte outside ASCII, sixteen bytes at a time.
            i = bytes
                .get(i..)
                .and_then(text::find_non_ascii)
                .map_or(bytes.len(), |p| i + p);
            continue;
        }
        // A Hangul syllable (U+AC00 to U+D7A3) read from its three bytes,
        // without decoding it: the most common character after ASCII.
        if let Some(&[b1, b2]) = bytes.get(i + 1..i + 3)
            && is_hangul_syllable_bytes(lead, b1, b2)
        {
            last_class = 0;
            i += 3;
            continue;
        }
        // `i` is at the start of a character: every step is a whole one.
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            return false;
        };
        i += c.len_utf8();
        if is_hangul_syllable(c) {
            last_class = 0;
            continue;
        }
        // As unicode-normalization's quick check does for this character:
        // a combining mark out of canonical order is "no"; a character
        // whose NFC_QC is not Yes makes the answer "no" or "maybe".
        let class = unicode_normalization::char::canonical_combining_class(c);
        if last_class > class && class != 0 {
            return false;
        }
        if is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes {
            return false;
        }
        last_class = class;
    }
    true
}

/// Whether the three bytes starting a character encode a Hangul syllable,
/// U+AC00 (EA B0 80) to U+D7A3 (ED 9E A3). The bytes come from a `str`, so
/// they are a character's own when the lead byte is EA to ED.
fn is_hangul_syllable_bytes(lead: u8, b1: u8, b2: u8) -> bool {
    match lead {
        0xEA => b1 >= 0xB0,
        0xEB | 0xEC => true,
        0xED => b1 < 0x9E || (b1 == 0x9E && b2 <= 0xA3),
        _ => false,
    }
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

/// Whether `bytes` may hold a control character (see [`is_control_char`]):
/// a C0 byte other than the tab and the line breaks, DEL, or 0xC2, the
/// first byte of U+0080..U+00BF (C1 controls among them). Every byte is
/// looked at, without stopping at the first hit, so that the compiler
/// can vectorise the test: a byte-at-a-time `any` cost about ten
/// instructions a byte of every line.
fn may_hold_control(bytes: &[u8]) -> bool {
    bytes.chunks(64).any(|chunk| {
        chunk.iter().fold(false, |found, &b| {
            found | (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') | (b == 0x7F) | (b == 0xC2)
        })
    })
}

/// Whether some line of `src` (a whole file) may hold a control
/// character: false means [`control_runs`] finds none in any line. One
/// test of the whole file, where most files have none.
pub fn may_have_control(src: &str) -> bool {
    may_hold_control(src.as_bytes())
}

/// Whether `line` holds a control character (see [`is_control_char`]).
pub fn has_control(line: &str) -> bool {
    may_hold_control(line.as_bytes()) && line.chars().any(is_control_char)
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
    if !may_hold_control(line.as_bytes()) {
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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A file the test of the whole file clears has no control
        /// character in any line.
        #[test]
        fn a_file_cleared_at_once_has_no_control_in_any_line(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", " ", "\t", "\n", "\r\n", "\r", "가", "·", "\u{85}", "\u{1f}",
                    "\u{7f}", "\u{b}", "\u{c}", "\u{0}", "\u{9f}", "é",
                ]),
                0..24,
            ),
        ) {
            let src = pieces.concat();
            if !may_have_control(&src) {
                for line in src.split(['\n', '\r']) {
                    proptest::prop_assert!(control_runs(line).is_empty(), "{:?}", line);
                }
            }
        }
    }

    /// A file of Korean and English prose is cleared at once; a control
    /// byte anywhere is not.
    #[test]
    fn a_plain_file_has_no_control_at_once() {
        let plain = "2025년 4월 25일\r\nA Title\n\t(Ann Lee)\n토큰을 접는 방법.\n#tag\n";
        assert!(!may_have_control(plain));
        for odd in ["\u{0}", "\u{1b}", "\u{7f}", "\u{85}"] {
            assert!(may_have_control(&format!("{plain}{odd}")), "{odd:?}");
        }
    }

    #[test]
    fn hangul_syllables_are_told_from_their_bytes() {
        for c in ('\u{9F00}'..='\u{D7FF}').chain('\u{E000}'..='\u{E0FF}') {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            if let [lead, b1, b2] = *b {
                assert_eq!(
                    is_hangul_syllable_bytes(lead, b1, b2),
                    is_hangul_syllable(c),
                    "{:04X}",
                    u32::from(c)
                );
            }
        }
    }

    #[test]
    fn control_characters_anywhere_in_a_long_line() {
        let long = "word ".repeat(40);
        for c in ['\u{1}', '\u{B}', '\u{7F}', '\u{85}', '\u{9F}'] {
            for at in [0, 63, 64, 65, 199] {
                let mut line = long.clone();
                line.insert(at, c);
                assert!(has_control(&line), "{c:?} at {at}");
                let runs = control_runs(&line);
                assert_eq!(runs.len(), 1, "{c:?} at {at}");
                assert_eq!(runs.first(), Some(&(at..at + c.len_utf8())));
            }
        }
        // The tab is white space, and U+00A0 (also led by 0xC2) is text.
        for line in [format!("{long}\t{long}"), format!("{long}\u{A0}")] {
            assert!(!has_control(&line));
            assert!(control_runs(&line).is_empty());
        }
    }

    #[test]
    fn two_controls_in_one_block_and_a_lone_del() {
        // Every control byte of a block counts, not every other one.
        assert!(has_control("a\u{1}b\u{1}c"));
        assert!(has_control("\u{7F}"));
        assert!(!has_control("a b\tc"));
    }

    /// Changes apart are apart runs, even with only Hangul between them:
    /// a precomposed syllable starts a new piece of NFC.
    #[test]
    fn nfc_runs_end_at_every_starter() {
        // `가` written as two jamo, then `한`, then `가` as two jamo again.
        let line = "\u{1100}\u{1161}한\u{1100}\u{1161}";
        assert_eq!(
            nfc_runs(line),
            [
                NfcRun {
                    range: 0..6,
                    nfc: "가".to_string()
                },
                NfcRun {
                    range: 9..15,
                    nfc: "가".to_string()
                },
            ]
        );
        // One change is one run, trimmed to what changes.
        assert_eq!(
            nfc_runs("ab\u{1100}\u{1161}c"),
            [NfcRun {
                range: 2..8,
                nfc: "가".to_string()
            }]
        );
        assert_eq!(to_nfc(line), "가한가");
    }

    /// Neighbouring fullwidth punctuation is one run (one finding).
    #[test]
    fn fullwidth_neighbours_are_one_run() {
        assert_eq!(fullwidth_runs("가，）"), [(3..9, ",)".to_string())]);
        assert_eq!(
            fullwidth_runs("가，나，"),
            [(3..6, ", ".to_string()), (9..12, ",".to_string())]
        );
    }

    /// Every string of up to three of these characters gets the answer
    /// of unicode-normalization's own quick check: ASCII, Hangul
    /// syllables (precomposed, and one that a trailing jamo would join),
    /// conjoining jamo, combining marks of different classes, a
    /// precomposed Latin letter and a character that NFC replaces.
    #[test]
    fn quick_check_agrees_with_unicode_normalization() {
        let chars = [
            'a', ' ', '가', '각', '\u{D7A3}', '\u{1100}', '\u{1161}', '\u{11A8}', '\u{301}',
            '\u{316}', 'é', '\u{212B}', '\u{3131}', '’',
        ];
        let mut strings = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| {
                    chars.iter().map(move |c| {
                        let mut t = s.clone();
                        t.push(*c);
                        t
                    })
                })
                .collect();
            strings.extend(longer);
        }
        // The same strings inside and after long runs of ASCII, which the
        // check passes over a block at a time.
        let padded: Vec<String> = strings
            .iter()
            .step_by(7)
            .flat_map(|s| {
                [
                    format!("{}{s}", "a".repeat(40)),
                    format!("{}{s}{}", "a".repeat(31), "b".repeat(33)),
                    format!("{s}{}{s}", " ".repeat(64)),
                ]
            })
            .collect();
        strings.extend(padded);
        let mut differ = 0;
        for s in &strings {
            let want = is_nfc_quick(s.chars()) == IsNormalized::Yes;
            assert_eq!(is_nfc_quick_yes(s), want, "{s:?}");
            differ += usize::from(!want);
        }
        // The set holds strings that are not certainly NFC.
        assert!(differ > 100);
    }
}
