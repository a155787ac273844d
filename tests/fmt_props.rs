//! Properties of the formatter on generated digests with injected noise,
//! and on arbitrary text:
//! - formatting is idempotent;
//! - apart from white space, NFC and the date and separator normalisations,
//!   the sequence of characters is unchanged;
//! - the number of non-blank lines is unchanged;
//! - the output draws no finding from the white-space rules, and those
//!   rules' safe fixes reach the same state.

use digest_lint::config::Config;
use digest_lint::fix::FixMode;
use digest_lint::format::normalize;
use digest_lint::format::{FormatOptions, format};
use digest_lint::lint;
use digest_lint::rules::selector;
use digest_lint::syntax::date;
use digest_lint::syntax::text::{is_blank, is_zero_width};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

const WORDS: &[&str] = &[
    "model",
    "scaling",
    "token",
    "reasoning",
    "invented",
    "method",
    "toy",
    "data",
    "sparse",
    "attention",
    "diffusion",
    "policy",
];
const HANGUL: &[&str] = &[
    "모델",
    "학습",
    "가상의",
    "데이터",
    "결과",
    "방법",
    "흥미롭네요",
    "연구",
    "추론",
    "확장",
];
const NAMES: &[&str] = &[
    "Mina Park",
    "John Smith",
    "Jisoo Kim",
    "Alex Doe",
    "Hana Cho",
];
const TAGS: &[&str] = &["#rl", "#toy", "#scaling-law", "#reasoning", "#vq"];

fn pick<'a>(list: &'a [&'a str], seed: usize) -> &'a str {
    list[seed % list.len()]
}

fn words(list: &[&str], seeds: &[usize]) -> String {
    seeds
        .iter()
        .map(|&s| pick(list, s))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One generated entry, as clean lines.
fn entry(seeds: &[usize]) -> Vec<String> {
    let s = |i: usize| seeds[i % seeds.len()];
    let mut lines = vec![{
        let mut t = words(WORDS, &seeds[..3]);
        t.replace_range(..1, &t[..1].to_uppercase());
        t
    }];
    let authors: Vec<&str> = (0..1 + s(3) % 3).map(|i| pick(NAMES, s(4) + i)).collect();
    lines.push(format!("({})", authors.join(", ")));
    for i in 0..s(5) % 2 {
        lines.push(format!("Abstract {}.", words(WORDS, &seeds[i..i + 4])));
    }
    let pairs = 1 + s(6) % 2;
    for i in 0..pairs {
        lines.push(format!(
            "{} {}.",
            words(HANGUL, &seeds[i..i + 3]),
            pick(WORDS, s(7))
        ));
    }
    for i in 0..pairs {
        lines.push(format!("English {}.", words(WORDS, &seeds[i + 2..i + 5])));
    }
    let tags: Vec<&str> = (0..1 + s(8) % 3).map(|i| pick(TAGS, s(9) + i)).collect();
    lines.push(tags.join(" "));
    lines
}

fn header(seed: usize) -> String {
    let (y, m, d) = (2020 + seed % 6, 1 + seed % 12, 1 + seed % 28);
    match seed % 5 {
        0 | 1 => format!("{y}년 {m}월 {d}일"),
        2 => format!("{y}-{m:02}-{d:02}"),
        3 => format!("{y}년 {m:02}월 {d:02}일"),
        _ => format!("{y}.{m}.{d}"),
    }
}

/// Noise for one line, chosen by `kind`, placed by `at`.
fn noisy(line: &str, kind: u8, at: usize) -> Vec<String> {
    let boundary = |at: usize| {
        let mut i = at % (line.len() + 1);
        while !line.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let insert = |what: &str| {
        let i = boundary(at);
        format!("{}{what}{}", &line[..i], &line[i..])
    };
    match kind % 12 {
        0..=2 => vec![line.to_string()],
        3 => vec![format!("{line}{}", [" ", "  ", "\t", " \u{A0}"][at % 4])],
        4 => vec![format!("{}{line}", [" ", "\t", "\u{3000}"][at % 3])],
        5 => vec![line.replacen(
            ' ',
            ["  ", "\t", "\u{A0}", "\u{3000}", " \u{200B}"][at % 5],
            1,
        )],
        6 => vec![insert(["\u{200B}", "\u{FEFF}", "\u{2060}"][at % 3])],
        7 => vec![line.nfd().collect()],
        8 => vec![line.to_string(), ["", " ", "\t"][at % 3].to_string()],
        9 => vec![line.to_string(), String::new(), String::new()],
        10 => vec![line.replace(", ", [",", " , ", "，"][at % 3])],
        _ => vec![line.replace('#', "＃")],
    }
}

#[derive(Debug, Clone)]
struct Doc {
    entries: Vec<Vec<usize>>,
    header: usize,
    noise: Vec<(u8, usize)>,
    bom: bool,
    newline: usize,
    final_newline: bool,
    separator: usize,
}

fn doc() -> impl Strategy<Value = Doc> {
    (
        prop::collection::vec(prop::collection::vec(0usize..1000, 12), 1..4),
        0usize..1000,
        prop::collection::vec((any::<u8>(), 0usize..1000), 64),
        any::<bool>(),
        0usize..4,
        any::<bool>(),
        0usize..2,
    )
        .prop_map(
            |(entries, header, noise, bom, newline, final_newline, separator)| Doc {
                entries,
                header,
                noise,
                bom,
                newline,
                final_newline,
                separator,
            },
        )
}

fn render(doc: &Doc) -> String {
    let mut clean = vec![header(doc.header)];
    for (i, e) in doc.entries.iter().enumerate() {
        if i > 0 && doc.separator == 1 {
            clean.push(String::new());
        }
        clean.extend(entry(e));
    }
    let mut lines = Vec::new();
    for (i, line) in clean.iter().enumerate() {
        let (kind, at) = doc.noise[i % doc.noise.len()];
        lines.extend(noisy(line, kind, at));
    }
    let newline = ["\n", "\n", "\r\n", "\r"][doc.newline];
    let mut text = lines.join(newline);
    if doc.final_newline {
        text.push_str(newline);
    }
    if doc.bom {
        text.insert(0, '\u{FEFF}');
    }
    text
}

/// What must survive formatting: every line of text, without white space
/// and zero-width characters, in NFD, with fullwidth punctuation in ASCII;
/// a line that reads as a real date stands for that date.
fn skeleton(text: &str) -> Vec<String> {
    text.split(['\n', '\r'])
        .filter(|l| !is_blank(l))
        .map(|l| {
            let bare: String = l
                .chars()
                .filter(|&c| !c.is_whitespace() && !is_zero_width(c))
                .map(|c| normalize::ascii_punctuation(c).unwrap_or(c))
                .collect::<String>()
                .nfc()
                .collect();
            match date::parse_header(&bare).map(|h| h.date()) {
                Some(d) if d.is_valid() => d.to_string(),
                _ => bare.nfd().collect(),
            }
        })
        .collect()
}

fn non_blank_lines(text: &str) -> usize {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut n = 0;
    let mut rest = text;
    // Split the way the parser does: `\r\n`, `\n` or a lone `\r`.
    while !rest.is_empty() {
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        n += usize::from(!is_blank(&rest[..end]));
        rest = &rest[end..];
        rest = rest
            .strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix('\n'))
            .or_else(|| rest.strip_prefix('\r'))
            .unwrap_or(rest);
    }
    n
}

fn shared_rules(separator: usize) -> Config {
    Config {
        select: ["W001", "W002", "W003", "W004", "W005", "W006", "D002"]
            .iter()
            .filter_map(|s| selector(s).ok())
            .collect(),
        blank_lines_between_entries: separator,
        ..Config::default()
    }
}

fn check_properties(src: &str, separator: usize) -> Result<(), TestCaseError> {
    let options = FormatOptions {
        blank_lines_between_entries: separator,
    };
    let once = format(src, &options);
    let twice = format(&once, &options);
    prop_assert_eq!(&twice, &once, "not idempotent");
    prop_assert_eq!(skeleton(src), skeleton(&once), "text changed");
    prop_assert_eq!(non_blank_lines(src), non_blank_lines(&once));
    let found = lint::check(&once, None, &shared_rules(separator));
    prop_assert!(
        found.is_empty(),
        "formatted text draws {:#?}\n{:?}",
        found,
        once
    );
    // The rules' own fixes settle too, and leave nothing behind.
    let config = shared_rules(separator);
    let fixed = lint::fix(src, None, &config, FixMode::Safe);
    prop_assert!(fixed.converged, "fixes keep re-firing on {:?}", src);
    prop_assert!(fixed.remaining.is_empty(), "{:#?}", fixed.remaining);
    prop_assert_eq!(non_blank_lines(src), non_blank_lines(&fixed.text));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn noisy_digests(doc in doc()) {
        let src = render(&doc);
        check_properties(&src, doc.separator)?;
    }

    #[test]
    fn arbitrary_text(
        chars in prop::collection::vec(prop::sample::select(vec![
            'a', 'B', '1', '(', ')', ',', '#', '-', '.', ' ', ' ', '\t', '\n', '\n', '\r',
            '\u{A0}', '\u{3000}', '\u{200B}', '\u{200D}', '\u{FEFF}', '\u{1}', '\u{B}',
            '\u{85}', '한', '\u{1112}', '\u{1161}', '\u{11AB}', '\u{301}', '\u{316}', 'é',
            '（', '，', '）', '＃', '년', '월', '일', '2', '0', '5', '👩', '🔬',
        ]), 0..120),
        separator in 0usize..2,
    ) {
        let src: String = chars.into_iter().collect();
        check_properties(&src, separator)?;
    }

    #[test]
    fn nfc_by_runs_is_nfc(
        chars in prop::collection::vec(prop::sample::select(vec![
            'a', 'e', ' ', '\u{1100}', '\u{1112}', '\u{1161}', '\u{1175}', '\u{11A8}',
            '\u{11AB}', '\u{301}', '\u{316}', '\u{340}', '\u{344}', 'é', '한', '\u{2126}',
            'A', '\u{30A}', '\u{F73}', '\u{F71}', '\u{F72}',
        ]), 0..40),
    ) {
        let s: String = chars.into_iter().collect();
        let want: String = s.nfc().collect();
        prop_assert_eq!(normalize::to_nfc(&s).into_owned(), want);
    }
}
