//! The shape of single lines: whether a line can be an authors line, a
//! tags line or a title that opens with a tag mark, and reading the parts
//! of authors and tags lines into spans.

use crate::syntax::text::{self, has_hangul, trim};

/// Whether the line can be an authors line: `(` names `)`. Strict enough
/// that a commentary paragraph opening with a parenthesis is not taken for
/// one, loose enough that a malformed authors line still is.
pub fn is_authors_like(line: &str) -> bool {
    let t = trim(line);
    let Some(inner) = t.strip_prefix('(').or_else(|| t.strip_prefix('（')) else {
        return false;
    };
    static SCHEME: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let scheme = SCHEME.get_or_init(|| memchr::memmem::Finder::new(b"://"));
    if scheme.find(inner.as_bytes()).is_some() || has_hangul(inner) || closes_before_end(inner) {
        return false;
    }
    let closed = inner.ends_with(')') || inner.ends_with('）');
    let inner = inner.trim_end_matches([')', '）']);
    // The names (between separators and ` and `, trimmed, not empty) are
    // counted as they are met rather than collected: this runs for every
    // line that opens with a parenthesis.
    let (mut names, mut short, mut name_like) = (0usize, true, 0usize);
    let mut name = |n: &str| {
        let n = n.trim();
        if n.is_empty() {
            return;
        }
        names += 1;
        // At most six words and sixty characters (a name of sixty bytes
        // or fewer has no more characters than that).
        let fits = few_words(n) && (n.len() <= 60 || n.chars().count() <= 60);
        short &= fits;
        let capital = n
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || (!c.is_ascii() && c.is_alphabetic()));
        name_like += usize::from(fits && capital);
    };
    // Most lists separate every name by a comma: when ` and ` is nowhere
    // in the line, no piece is searched for it.
    let and = AND.get_or_init(|| memchr::memmem::Finder::new(AND_BYTES));
    if and.find(inner.as_bytes()).is_some() {
        split_separators(inner, |part| split_and(part, &mut name));
    } else {
        split_separators(inner, &mut name);
    }
    if names == 0 {
        return closed;
    }
    if !closed && names < 2 {
        return false;
    }
    short && name_like * 2 >= names
}

/// The searcher for ` and ` between names, built once.
static AND: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
const AND_BYTES: &[u8] = b" and ";

/// Whether `name` (trimmed) has at most six words, as
/// `split_whitespace` counts them. A word after the first follows a white
/// space character, and each such character holds a byte that is ASCII
/// white space or not ASCII: with fewer than six such bytes the name
/// cannot have seven words, and nothing is split. Nearly every name is
/// answered so.
fn few_words(name: &str) -> bool {
    let maybe_spaces = name
        .bytes()
        .filter(|&b| b >= 0x80 || b == b' ' || (b'\t'..=b'\r').contains(&b))
        .count();
    maybe_spaces < 6 || name.split_whitespace().nth(6).is_none()
}

/// Calls `f` with each piece of `s` between name separators, as
/// `s.split([',', ';', '，'])` gives them: the separators are found by
/// memchr (the fullwidth comma by its first byte, EF).
fn split_separators<'a>(s: &'a str, mut f: impl FnMut(&'a str)) {
    let b = s.as_bytes();
    let mut from = 0;
    for i in memchr::memchr3_iter(b',', b';', 0xEF, b) {
        let Some((b',' | b';', len)) = text::list_punctuation_at(b, i) else {
            continue;
        };
        f(s.get(from..i).unwrap_or(""));
        from = i + len;
    }
    f(s.get(from..).unwrap_or(""));
}

/// Calls `f` with each piece of `s` between occurrences of ` and `, as
/// `s.split(" and ")` gives them, without building a string searcher for
/// every name.
fn split_and<'a>(s: &'a str, mut f: impl FnMut(&'a str)) {
    let and = AND.get_or_init(|| memchr::memmem::Finder::new(AND_BYTES));
    let mut rest = s;
    while let Some(p) = and.find(rest.as_bytes()) {
        // ` and ` is ASCII: both cuts are character boundaries.
        let (Some(before), Some(after)) = (rest.get(..p), rest.get(p + 5..)) else {
            break;
        };
        f(before);
        rest = after;
    }
    f(rest);
}

/// Whether the parenthesis that opens the line (already stripped from
/// `inner`) closes before the line ends, with words after it: a title or a
/// paragraph that opens with a parenthetical (`(Mis)Fitting: ...`,
/// `(Follow-up) A study ...`), not an authors line. Sentence punctuation or
/// `et al.` after the `)` still leave an authors line, for A001 to report.
/// Only the parentheses are read: ASCII ones, and the first byte (EF) of
/// the fullwidth ones, found by memchr.
fn closes_before_end(inner: &str) -> bool {
    let b = inner.as_bytes();
    let mut depth = 0usize;
    for i in memchr::memchr3_iter(b'(', b')', 0xEF, b) {
        let (open, len) = match text::list_punctuation_at(b, i) {
            Some((b'(', len)) => (true, len),
            Some((b')', len)) => (false, len),
            _ => continue,
        };
        match (open, depth) {
            (true, _) => depth += 1,
            (false, 1..) => depth -= 1,
            (false, 0) => {
                let after = inner.get(i + len..).unwrap_or("");
                let words = after
                    .trim_matches(|c: char| c.is_whitespace() || text::is_zero_width(c))
                    .trim_matches(['.', ',', ';', ':']);
                return !(words.is_empty() || words.eq_ignore_ascii_case("et al"));
            }
        }
    }
    false
}

/// Whether the line is a list of names in Hangul, `(김민지, 박철수)`: in
/// parentheses, no link, no sentence punctuation, each name at most 4
/// words and 20 characters. Such a line is not an authors line (a Korean
/// paragraph may open with a parenthesis), but right after a title with no
/// authors line it is taken for the authors written in the wrong script.
pub fn is_hangul_authors_like(line: &str) -> bool {
    let t = trim(line);
    let Some(inner) = t
        .strip_prefix(['(', '（'])
        .and_then(|t| t.strip_suffix([')', '）']))
    else {
        return false;
    };
    has_hangul(inner)
        && !inner.contains("://")
        && !inner.contains(['.', '?', '!', '(', ')', '。'])
        && inner
            .split([',', ';', '，', '、'])
            .map(str::trim)
            .all(|n| !n.is_empty() && n.split_whitespace().count() <= 4 && n.chars().count() <= 20)
}

/// Whether a word of a tags line is a tag: it starts with a tag mark.
pub fn is_tag(word: &str) -> bool {
    word.starts_with(['#', '＃'])
}

/// Whether a line that opens with a tag mark reads as a title (`#1 Ranked
/// Models Still Miss`, `#InsTag: Tagging Instructions`): it has more words
/// that are not tags than tags. The parser takes it for a title only when
/// an authors line follows; a tags line with a stray word or two is still
/// a tags line (T004).
pub fn is_hash_title(line: &str) -> bool {
    let (mut tags, mut words) = (0usize, 0usize);
    for word in line.split(is_tag_separator).filter(|w| !w.is_empty()) {
        if is_tag(word) {
            tags += 1;
        } else {
            words += 1;
        }
    }
    words > tags
}

/// What separates the words of a tags line.
pub fn is_tag_separator(c: char) -> bool {
    c.is_whitespace() || text::is_zero_width(c)
}

/// What separates the names of an authors line (ASCII or fullwidth comma).
pub fn is_name_separator(c: char) -> bool {
    c == ',' || c == '，'
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`closes_before_end`] as first written: every character read.
    fn closes_before_end_by_chars(inner: &str) -> bool {
        let mut depth = 0usize;
        for (i, c) in inner.char_indices() {
            match c {
                '(' | '（' => depth += 1,
                ')' | '）' if depth > 0 => depth -= 1,
                ')' | '）' => {
                    let after = inner.get(i + c.len_utf8()..).unwrap_or("");
                    let words = after
                        .trim_matches(|c: char| c.is_whitespace() || text::is_zero_width(c))
                        .trim_matches(['.', ',', ';', ':']);
                    return !(words.is_empty() || words.eq_ignore_ascii_case("et al"));
                }
                _ => {}
            }
        }
        false
    }

    proptest::proptest! {
        #[test]
        fn separators_found_by_search_split_as_str_split_does(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![",", ";", "，", "Ann Lee", " ", "（", "\u{FF0A}", "가"]),
                0..16,
            ),
        ) {
            let s = pieces.concat();
            let mut found = Vec::new();
            split_separators(&s, |p| found.push(p));
            proptest::prop_assert_eq!(found, s.split([',', ';', '，']).collect::<Vec<_>>());
        }

        #[test]
        fn few_words_counts_as_split_whitespace_does(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Ann", "Lee", " ", "  ", "\t", "\u{a0}", "\u{3000}", "\u{2009}", "\u{200b}",
                    "가", "é", "-",
                ]),
                0..20,
            ),
        ) {
            let name = pieces.concat();
            proptest::prop_assert_eq!(
                few_words(&name),
                name.split_whitespace().nth(6).is_none(),
                "{:?}", name
            );
        }

        #[test]
        fn parentheses_found_by_search_close_where_characters_say(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "(", ")", "（", "）", "Ann Lee", " ", ".", "et al", "가", "＃", "\u{FF0A}",
                ]),
                0..16,
            ),
        ) {
            let inner = pieces.concat();
            proptest::prop_assert_eq!(closes_before_end(&inner), closes_before_end_by_chars(&inner));
        }
    }

    #[test]
    fn names_in_hangul_are_short() {
        assert!(is_hangul_authors_like("(김민지, 박서준)"));
        // Four words and twenty characters a name at most, each.
        assert!(is_hangul_authors_like("(가 나 다 라, 박서준)"));
        assert!(!is_hangul_authors_like("(가 나 다 라 마, 박서준)"));
        assert!(is_hangul_authors_like(&format!(
            "({}, 박서준)",
            "가".repeat(20)
        )));
        assert!(!is_hangul_authors_like(&format!(
            "({}, 박서준)",
            "가".repeat(21)
        )));
    }

    #[test]
    fn a_hash_title_has_more_words_than_tags() {
        assert!(is_hash_title("#1 Ranked Models"));
        assert!(!is_hash_title("#1 Ranked"));
        assert!(!is_hash_title("#rl #agents stray"));
    }

    #[test]
    fn names_of_an_authors_line() {
        // Names joined by ` and `, empty pieces between separators.
        assert!(is_authors_like("(Ann Lee and Bo Kim)"));
        assert!(is_authors_like("(Ann Lee and and Bo Kim, , Cy Oh)"));
        assert!(!is_authors_like("(see the results and the appendix)"));
        assert!(!is_authors_like("(Ann Lee and the rest and more, of them)"));
        // A name of more than six words or sixty characters.
        assert!(!is_authors_like("(Ann Lee, A B C D E F G)"));
        assert!(!is_authors_like(&format!("(Ann Lee, B{})", "o".repeat(60))));
        assert!(is_authors_like(&format!("(Ann Lee, B{})", "o".repeat(58))));
        // Seven words apart by no-break spaces; six words apart by
        // several spaces each.
        assert!(!is_authors_like(
            "(Ann Lee, A\u{a0}B\u{a0}C\u{a0}D\u{a0}E\u{a0}F\u{a0}G)"
        ));
        assert!(is_authors_like("(Ann Lee, A  B  C  D  E  F)"));
    }

    #[test]
    fn few_words_counts_words_apart_by_unicode_spaces() {
        // Seven words of Hangul apart by no-break spaces: no ASCII byte.
        assert!(!few_words(
            "가\u{a0}나\u{a0}다\u{a0}라\u{a0}마\u{a0}바\u{a0}사"
        ));
        assert!(few_words("가\u{a0}나\u{a0}다\u{a0}라\u{a0}마\u{a0}바"));
        assert!(few_words("Ann Lee"));
    }

    #[test]
    fn split_and_splits_as_str_split_does() {
        for s in [
            "",
            " and ",
            "a and b",
            "a and  and b",
            "a andand b",
            " and and x",
        ] {
            let mut got = Vec::new();
            split_and(s, |p| got.push(p));
            assert_eq!(got, s.split(" and ").collect::<Vec<_>>(), "{s:?}");
        }
    }
}
