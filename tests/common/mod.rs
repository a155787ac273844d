//! Generators of digest-like text for the property tests.
// Each test crate uses only some of the generators.
#![allow(dead_code)]

use proptest::prelude::*;

fn hangul_word() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::char::range('\u{AC00}', '\u{D7A3}'), 1..5)
        .prop_map(|v| v.into_iter().collect())
}

fn english_word() -> impl Strategy<Value = String> {
    "[A-Za-z]{1,9}|[0-9]{1,4}(\\.[0-9])?%?|[0-9]B|top-[0-9]"
}

fn join(words: Vec<String>, sep: &str) -> String {
    words.join(sep)
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{4}\\.[0-9]{4,5}".prop_map(|id| format!("https://arxiv.org/abs/{id}")),
        "[a-z]{1,8}".prop_map(|p| format!("https://example.org/{p}_(x)")),
        "[a-z]{1,8}".prop_map(|p| format!("http://github.com/{p}")),
        Just("https://".to_string()),
    ]
}

fn korean_line() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => hangul_word(),
            2 => english_word(),
            1 => url().prop_map(|u| format!("({u})")),
        ],
        1..12,
    )
    .prop_map(|w| join(w, " ") + ".")
}

fn english_line() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![6 => english_word(), 1 => url(), 1 => url().prop_map(|u| format!("({u})"))],
        1..16,
    )
    .prop_map(|w| join(w, " ") + ".")
}

fn authors_line() -> impl Strategy<Value = String> {
    (
        prop::collection::vec("[A-Z][a-z]{1,6} [A-Z][a-z]{1,8}|", 0..6),
        prop::sample::select(vec![", ", ",", "; ", " and ", "，", ",  "]),
        prop::sample::select(vec![("(", ")"), ("(", ""), ("（", "）"), (" (", ") ")]),
    )
        .prop_map(|(names, sep, (open, close))| format!("{open}{}{close}", names.join(sep)))
}

fn tags_line() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => "#[a-z0-9]{1,8}(-[a-z0-9]{1,6})?",
            1 => "#[A-Za-z_]{1,10}",
            1 => "＃[a-z]{1,5}",
            1 => "[a-z]{1,5}",
        ],
        1..5,
    )
    .prop_map(|t| join(t, " "))
}

fn blank_line() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "",
        "",
        " ",
        "\t",
        "\u{200B}",
        "\u{3000}",
        "  \u{FEFF}",
    ])
    .prop_map(str::to_string)
}

fn header_line() -> impl Strategy<Value = String> {
    prop_oneof![
        (2000u32..2030, 1u32..13, 1u32..32).prop_map(|(y, m, d)| format!("{y}년 {m}월 {d}일")),
        (2000u32..2030, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        (2000u32..2030, 1u32..13, 1u32..32).prop_map(|(y, m, d)| format!("{y}년{m:02}월 {d}일")),
    ]
}

/// One line of text, without its terminator.
pub fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => english_line(),
        3 => korean_line(),
        2 => authors_line(),
        2 => tags_line(),
        2 => blank_line(),
        1 => header_line(),
        1 => url(),
        1 => "[ -~]{0,20}",
        1 => "[^\n\r\u{0}-\u{8}\u{b}-\u{1f}\u{7f}-\u{9f}]{0,20}",
    ]
}

/// A digest-like text: a header, then lines of every kind in a shuffled
/// but entry-ish order, joined by mixed terminators, maybe with a
/// byte-order mark and maybe without a final newline.
pub fn digest_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        header_line(),
        prop::collection::vec(
            (
                prop_oneof![
                    // Mostly whole entries, so the grouping is exercised.
                    3 => (english_line(), authors_line(), prop::collection::vec(
                        prop_oneof![korean_line(), english_line(), blank_line()], 0..5),
                        tags_line())
                        .prop_map(|(t, a, body, tags)| {
                            let mut v = vec![t, a];
                            v.extend(body);
                            v.push(tags);
                            v
                        }),
                    1 => line().prop_map(|l| vec![l]),
                ],
                prop::sample::select(vec!["\n", "\n", "\n", "\r\n", "\r"]),
            ),
            0..8,
        ),
        prop::sample::select(vec!["", "\n", "\r\n", "\n\n"]),
    )
        .prop_map(|(bom, header, chunks, last)| {
            let mut out = String::new();
            if bom {
                out.push('\u{FEFF}');
            }
            out.push_str(&header);
            for (lines, end) in chunks {
                for l in lines {
                    out.push_str(end);
                    out.push_str(&l);
                }
            }
            out.push_str(last);
            out
        })
}

/// Text made of the pieces the parser cares about most, in any order.
pub fn char_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => any::<char>().prop_map(String::from),
            3 => prop::sample::select(vec![
                "\n", "\r", "\r\n", "(", ")", "#", "＃", "（", "）", ",", "，", " ", "\u{FEFF}",
                "\u{200B}", "가", "힣", "\u{1112}\u{1161}", "년", "월", "일", "0", "5", ":",
                ".", "https://", "http://", "2025년 4월 25일",
            ])
            .prop_map(str::to_string),
        ],
        0..120,
    )
    .prop_map(|v| v.concat())
}
