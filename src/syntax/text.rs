//! Character classes shared by the parser, the rules and the formatter.

use wide::u8x16;

/// A precomposed Hangul syllable (U+AC00–U+D7A3): what makes a line Korean.
pub fn is_hangul_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// Conjoining Hangul jamo, as decomposed syllables are written.
pub fn is_hangul_jamo(c: char) -> bool {
    ('\u{1100}'..='\u{11FF}').contains(&c) || ('\u{3130}'..='\u{318F}').contains(&c)
}

/// Whether the text holds Hangul (a syllable, or jamo from a decomposed one).
///
/// Asked of nearly every line by the parser and the rules, so it avoids
/// decoding characters: every such character is three bytes long and
/// starts with 0xE1 (U+1100..U+11FF), 0xE3 (U+3130..U+318F) or 0xEA..0xED
/// (U+AC00..U+D7A3), and only a character starting with one of those bytes
/// is decoded. ASCII text is answered by the word-at-a-time `is_ascii`.
pub fn has_hangul(s: &str) -> bool {
    if s.is_ascii() {
        return false;
    }
    s.bytes().enumerate().any(|(i, b)| {
        matches!(b, 0xE1 | 0xE3 | 0xEA..=0xED)
            && s.get(i..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| is_hangul_syllable(c) || is_hangul_jamo(c))
    })
}

/// Zero-width characters that render as nothing: zero-width space, joiners,
/// word joiner and a byte-order mark met inside a line.
pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// White space the format does not want inside a line: a tab, or Unicode
/// white space other than the ASCII space that is not a control character
/// (no-break space, the ideographic space U+3000, ...).
pub fn is_irregular_space(c: char) -> bool {
    c == '\t' || (c != ' ' && c.is_whitespace() && !c.is_control())
}

/// Whether a line holds nothing but white space and zero-width characters.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_zero_width(c))
}

/// Leading and trailing white space (and zero-width characters) removed.
pub fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || is_zero_width(c))
}

/// The byte offset of `inner` inside `outer`, when `inner` is a sub-slice.
pub fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize).saturating_sub(outer.as_ptr() as usize)
}

/// The number of Unicode scalar values: how the format counts length.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// `s` in lower case, without the characters `dropped` names: the keys
/// that compare titles.
pub fn lowercase_without(s: &str, dropped: impl Fn(char) -> bool) -> String {
    let mut key = String::with_capacity(s.len());
    for c in s.chars().filter(|&c| !dropped(c)) {
        push_lowercase(&mut key, c);
    }
    key
}

/// Appends `c` in lower case: an ASCII character directly, any other
/// through Unicode's lower-case mapping (what `char::to_lowercase` gives,
/// without its iterator for the common case).
fn push_lowercase(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// ASCII letters from the rarest in English text to the most common.
const LETTERS_RARE_FIRST: &[u8] = b"zqxjkvbpygfwmucldrhsnioate";

/// For each byte, its place in [`LETTERS_RARE_FIRST`] (either case); 26
/// for any other byte: `.` and `/` are commoner in prose than `x`.
const RARITY: [u8; 256] = {
    let mut rank = [26u8; 256];
    let mut i = 0;
    while i < LETTERS_RARE_FIRST.len() {
        let l = LETTERS_RARE_FIRST[i];
        rank[l as usize] = i as u8;
        rank[l.to_ascii_uppercase() as usize] = i as u8;
        i += 1;
    }
    rank
};

/// The first position at or after `from` where `needle` (ASCII) occurs in
/// `hay`, ignoring ASCII case. Scans for the needle's rarest letter, then
/// compares the whole needle around it.
pub fn find_ascii_ci(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let rank = |b: &u8| RARITY.get(usize::from(*b)).copied().unwrap_or(26);
    let (k, &anchor) = needle.iter().enumerate().min_by_key(|(_, b)| rank(b))?;
    let (lower, upper) = (anchor.to_ascii_lowercase(), anchor.to_ascii_uppercase());
    let mut at = from + k;
    loop {
        let tail = hay.get(at..)?;
        // The anchor in either case (the same byte twice when it is not a
        // letter), by memchr's vectorised search.
        let p = memchr::memchr2(lower, upper, tail)?;
        let start = at + p - k;
        if hay
            .get(start..start + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        {
            return Some(start);
        }
        at += p + 1;
    }
}

/// The first byte of `b` that `wanted` marks, sixteen bytes at a time:
/// `wanted` turns sixteen bytes into a mask of the ones looked for, and
/// `one` says the same of a single byte (for the last few).
pub(crate) fn find_class(
    b: &[u8],
    wanted: impl Fn(u8x16) -> u8x16,
    one: impl Fn(&u8) -> bool,
) -> Option<usize> {
    let mut chunks = b.chunks_exact(16);
    let mut at = 0;
    for chunk in &mut chunks {
        let Ok(bytes) = <[u8; 16]>::try_from(chunk) else {
            break;
        };
        let mask = wanted(u8x16::new(bytes)).to_bitmask();
        if mask != 0 {
            return Some(at + mask.trailing_zeros() as usize);
        }
        at += 16;
    }
    b.get(at..)?.iter().position(one).map(|p| at + p)
}

/// The first byte of `b` that is one of `bytes` (different values),
/// sixteen bytes at a time.
pub(crate) fn find_any_of<const N: usize>(b: &[u8], bytes: [u8; N]) -> Option<usize> {
    find_class(
        b,
        |x| {
            bytes
                .iter()
                .fold(u8x16::splat(0), |any, &v| any | x.simd_eq(u8x16::splat(v)))
        },
        |c| bytes.contains(c),
    )
}

/// The parenthesis, comma or semicolon that starts at `i` in `b`, in its
/// ASCII form, with its length in bytes: `(` `)` `,` `;` themselves, and
/// the fullwidth `（` `）` `，` (EF BC 88, 89 and 8C). `None` for any other
/// byte. Authors lines are read this way: their punctuation is found by
/// searching for these bytes and EF, the fullwidth forms' first byte.
pub fn list_punctuation_at(b: &[u8], i: usize) -> Option<(u8, usize)> {
    match (b.get(i)?, b.get(i + 1..i + 3)) {
        (&c @ (b'(' | b')' | b',' | b';'), _) => Some((c, 1)),
        (0xEF, Some([0xBC, 0x88])) => Some((b'(', 3)),
        (0xEF, Some([0xBC, 0x89])) => Some((b')', 3)),
        (0xEF, Some([0xBC, 0x8C])) => Some((b',', 3)),
        _ => None,
    }
}

/// The first ASCII digit of `b`.
pub fn find_ascii_digit(b: &[u8]) -> Option<usize> {
    find_class(
        b,
        |x| (x - u8x16::splat(b'0')).simd_lt(u8x16::splat(10)),
        u8::is_ascii_digit,
    )
}

/// The first byte of `b` outside ASCII (a byte with its high bit set).
pub fn find_non_ascii(b: &[u8]) -> Option<usize> {
    find_class(b, |x| x, |c| !c.is_ascii())
}

/// The runs of ASCII letters of `s`, in order, each whole (`start..end`).
pub fn ascii_letter_runs(s: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let b = s.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + find_ascii_letter(b.get(at..)?)?;
        at = ascii_letters_end(b, start);
        Some(start..at)
    })
}

/// Where the run of ASCII letters (either case) that starts at `at` in `b`
/// ends: eight bytes at a time, so a word of up to seven letters is one
/// step and one guess of where it ends, then one at a time for the last
/// few bytes of `b`.
pub fn ascii_letters_end(b: &[u8], at: usize) -> usize {
    ascii_run_end(b, at, true)
}

/// The first ASCII letter of `b` at or after `at` (`b.len()` when there is
/// none), eight bytes at a time: between two words of prose there are
/// usually a few bytes only, too few for a vector search to pay.
pub fn next_ascii_letter(b: &[u8], at: usize) -> usize {
    ascii_run_end(b, at, false)
}

/// Where the run of bytes that are ASCII letters (`letters`) or are not
/// (`!letters`) that starts at `at` in `b` ends, eight bytes at a time.
fn ascii_run_end(b: &[u8], mut at: usize, letters: bool) -> usize {
    while let Some(x) = eight_at(b, at) {
        let found = ascii_letter_bits(x);
        let other = if letters { !found & HIGH_BITS } else { found };
        if other != 0 {
            return at + (other.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + b.get(at..).map_or(0, |rest| {
        rest.iter()
            .take_while(|c| c.is_ascii_alphabetic() == letters)
            .count()
    })
}

/// The high bit of every byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The eight bytes of `b` from `at`, the first lowest, when there are eight.
pub fn eight_at(b: &[u8], at: usize) -> Option<u64> {
    let mut eight = [0u8; 8];
    eight.copy_from_slice(b.get(at..at.checked_add(8)?)?);
    Some(u64::from_le_bytes(eight))
}

/// The high bit of each byte of `x` that is an ASCII letter of either
/// case, for all eight bytes at once: a byte is folded to lower case
/// (`| 0x20`, which makes no other byte a letter), and the sums below
/// never carry from one byte into the next (at most 0x7f + 0x1f).
fn ascii_letter_bits(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let folded = x | (0x20 * ONES);
    let low = folded & (0x7f * ONES);
    let from_a = low + (0x80 - u64::from(b'a')) * ONES;
    let past_z = low + (0x80 - u64::from(b'z') - 1) * ONES;
    !folded & from_a & !past_z & HIGH_BITS
}

/// The first ASCII letter of `b`.
pub fn find_ascii_letter(b: &[u8]) -> Option<usize> {
    find_class(
        b,
        |x| ((x | u8x16::splat(0x20)) - u8x16::splat(b'a')).simd_lt(u8x16::splat(26)),
        u8::is_ascii_alphabetic,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Sixteen at a time finds what one at a time finds, at every
        /// length and with the byte looked for anywhere.
        #[test]
        fn class_search_agrees_with_a_byte_at_a_time(
            b in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::sample::select(vec![b'0', b'9', b'a', b'z', b'A', b'Z', b'/', b':', b'@', b'[', b'`', b'{', 0x80, 0xC1, 0xE1, 0xFA, 0xDA]),
                    proptest::num::u8::ANY,
                ],
                0..70,
            ),
        ) {
            proptest::prop_assert_eq!(find_ascii_digit(&b), b.iter().position(u8::is_ascii_digit));
            proptest::prop_assert_eq!(find_ascii_letter(&b), b.iter().position(u8::is_ascii_alphabetic));
            proptest::prop_assert_eq!(find_non_ascii(&b), b.iter().position(|c| !c.is_ascii()));
            let some = [b'/', b'0', 0xE1];
            proptest::prop_assert_eq!(find_any_of(&b, some), b.iter().position(|c| some.contains(c)));
            for at in 0..=b.len() {
                let letters = b[at..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
                proptest::prop_assert_eq!(ascii_letters_end(&b, at), at + letters);
                let others = b[at..].iter().take_while(|c| !c.is_ascii_alphabetic()).count();
                proptest::prop_assert_eq!(next_ascii_letter(&b, at), at + others);
            }
        }
    }

    #[test]
    fn hangul_detection() {
        assert!(has_hangul("Sparse Attention에 대한"));
        assert!(!has_hangul("Plain English (with parentheses)."));
        // Decomposed syllable: choseong + jungseong.
        assert!(has_hangul("\u{1112}\u{1161}"));
        // Compatibility jamo, and the ends of the ranges.
        assert!(has_hangul("ㅋㅋ"));
        assert!(has_hangul("x\u{AC00}"));
        assert!(has_hangul("\u{D7A3}"));
        assert!(has_hangul("\u{11FF}"));
        assert!(has_hangul("\u{318F}"));
        // Characters that start with the same bytes but are not Hangul:
        // U+1000 (Myanmar), U+3000 (ideographic space), U+3190, U+A000
        // (Yi), U+D7B0 (jamo extended-B, not a syllable), U+2014.
        for s in [
            "\u{1000}", "\u{3000}", "\u{3190}", "\u{A000}", "\u{D7B0}", "a — b",
        ] {
            assert!(!has_hangul(s), "{s:?}");
        }
    }

    #[test]
    fn rarity_ranks_letters_in_either_case_and_nothing_else() {
        // The anchor of a search is its rarest byte: which one changes the
        // speed of `find_ascii_ci`, never its answer, so it is pinned here.
        assert_eq!(
            (RARITY[usize::from(b'z')], RARITY[usize::from(b'Z')]),
            (0, 0)
        );
        assert_eq!(
            (RARITY[usize::from(b'x')], RARITY[usize::from(b'X')]),
            (2, 2)
        );
        assert_eq!(
            (RARITY[usize::from(b'e')], RARITY[usize::from(b'E')]),
            (25, 25)
        );
        for b in [b'.', b'/', b':', b' ', b'0', 0x80, 0xFF] {
            assert_eq!(RARITY[usize::from(b)], 26, "{b}");
        }
    }

    #[test]
    fn lowercase_as_unicode_maps_it() {
        for c in ['A', 'z', '7', ' ', 'İ', 'Σ', 'É', '가', 'Ａ', 'ß'] {
            let mut s = String::from("x");
            push_lowercase(&mut s, c);
            let expected: String = std::iter::once('x').chain(c.to_lowercase()).collect();
            assert_eq!(s, expected, "{c}");
        }
    }

    #[test]
    fn blank_lines() {
        assert!(is_blank(""));
        assert!(is_blank(" \t\u{3000}\u{200B}"));
        assert!(!is_blank(" a "));
    }

    #[test]
    fn case_insensitive_search() {
        assert_eq!(
            find_ascii_ci(b"see ArXiv.org/abs", b"arxiv.org/", 0),
            Some(4)
        );
        assert_eq!(find_ascii_ci(b"arxiv arxiv", b"arxiv", 1), Some(6));
        let runs: Vec<_> = ascii_letter_runs("Ab-c 가d1ef").collect();
        assert_eq!(runs, [0..2, 3..4, 8..9, 10..12]);
        assert_eq!(find_ascii_ci(b"arx", b"arxiv", 0), None);
        assert_eq!(find_ascii_ci(b"abc", b"", 0), None);
        assert_eq!(find_ascii_ci(b"xx arxiv", b"arxiv", 0), Some(3));
        assert_eq!(find_ascii_ci(b"http://a", b"://", 0), Some(4));
    }

    #[test]
    fn list_punctuation_in_both_widths() {
        let s = "(a，b）c;d,e）".as_bytes();
        let found: Vec<_> = (0..s.len())
            .filter_map(|i| list_punctuation_at(s, i).map(|p| (i, p)))
            .collect();
        assert_eq!(
            found,
            [
                (0, (b'(', 1)),
                (2, (b',', 3)),
                (6, (b')', 3)),
                (10, (b';', 1)),
                (12, (b',', 1)),
                (14, (b')', 3))
            ]
        );
        // Another character that starts with EF: `＃` (EF BC 83).
        assert_eq!(list_punctuation_at("＃".as_bytes(), 0), None);
    }

    #[test]
    fn letters_found_eight_at_a_time() {
        for x in [
            *b"ab{`z\xea\xb0\x80",
            *b"AZaz09 \xff",
            *b"@[\x5a\x41^_`{",
            *b"\x81\xe1\xfa\x7a\x61\x60\x7b\x00",
            *b"\xc1\xda\xe1\xfa\x40\x5b\x60\x7b",
        ] {
            let expected = x.iter().enumerate().fold(0u64, |m, (k, &c)| {
                m | u64::from(c.is_ascii_alphabetic()) << (8 * k + 7)
            });
            assert_eq!(ascii_letter_bits(u64::from_le_bytes(x)), expected, "{x:?}");
        }
        assert_eq!(eight_at(b"1234567", 0), None);
        assert_eq!(
            eight_at(b"12345678", 0),
            Some(u64::from_le_bytes(*b"12345678"))
        );
        assert_eq!(eight_at(b"12345678", usize::MAX), None);
        for (s, at, end) in [
            ("", 0, 0),
            ("abc", 0, 3),
            ("abcdefgh", 0, 8),
            ("abcdefghIJ k", 1, 10),
            ("Qwen2", 0, 4),
            ("a가", 0, 1),
            ("x", 5, 5),
        ] {
            assert_eq!(ascii_letters_end(s.as_bytes(), at), end, "{s:?} {at}");
        }
    }

    #[test]
    fn offsets() {
        let s = "  word ";
        assert_eq!(offset_in(s, trim(s)), 2);
    }
}
