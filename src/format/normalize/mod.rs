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

mod chars;
mod lines;
mod spaces;

pub use chars::*;
pub use lines::*;
pub use spaces::*;

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;
    use unicode_normalization::UnicodeNormalization;

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
        // Lines that are not ASCII take the same tests.
        assert_eq!(canon("한국어  문장"), "한국어 문장");
        assert_eq!(canon("한국어 문장 "), "한국어 문장");
        assert_eq!(canon("한국어\u{200B} 문장"), "한국어 문장");
        assert_eq!(canon("한국어\u{2009}문장"), "한국어 문장");
        assert!(space_runs("한국어 문장 — “plain”", false).is_empty());
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

    /// The blank gaps of `src` (one blank line between entries) as
    /// (place, lines, lines wanted).
    fn gaps(src: &str) -> Vec<(BlankPlace, std::ops::Range<usize>, usize)> {
        blank_gaps(&crate::syntax::parse(src), 1)
            .into_iter()
            .map(|g| (g.place, g.lines, g.wanted))
            .collect()
    }

    #[test]
    fn no_blank_line_is_wanted_between_the_header_and_a_stray_line() {
        assert_eq!(
            gaps("2025년 4월 25일\n\nA stray remark.\n"),
            [(BlankPlace::AfterHeader, 1..2, 0)]
        );
    }

    #[test]
    fn a_run_of_blank_lines_inside_an_entry_is_one_gap() {
        assert_eq!(
            gaps("2025년 4월 25일\n\nA Title\n(Ann Lee)\n\n\n한국어 설명.\nEnglish text.\n#x\n"),
            [(BlankPlace::InsideEntry, 4..6, 0)]
        );
    }

    #[test]
    fn headers() {
        assert_eq!(
            canonical_header("2025-04-05").as_deref(),
            Some("2025년 4월 5일")
        );
        assert_eq!(canonical_header("2025년 4월 5일"), None);
        assert_eq!(canonical_header("2025-02-30"), None);
        // 25 April 2025 is a Friday (금): a weekday that fits is dropped,
        // one that does not is left for a person.
        assert_eq!(
            canonical_header("2025년 4월 25일 (금)").as_deref(),
            Some("2025년 4월 25일")
        );
        assert_eq!(canonical_header("2025년 4월 25일 (목)"), None);
    }
}
