//! The formatter against its fixtures: `fixtures/fmt/NAME.in.txt` must
//! format to `fixtures/fmt/NAME.out.txt`, the output must be a fixed point,
//! and it must draw no finding from the white-space rules (nor `D002`).
//! A fixture whose name contains `between-1` is formatted with one blank
//! line between entries.

use digest_lint::config::Config;
use digest_lint::format::{FormatOptions, format, format_with_changes};
use digest_lint::lint;
use digest_lint::rules::selector;
use std::path::{Path, PathBuf};

const SHARED_RULES: &str = "W001,W002,W003,W004,W005,W006,D002";

fn options_for(name: &str) -> FormatOptions {
    FormatOptions {
        blank_lines_between_entries: usize::from(name.contains("between-1")),
    }
}

fn config(options: &FormatOptions) -> Config {
    Config {
        select: SHARED_RULES
            .split(',')
            // D002 lives with the date rules; it is checked when registered.
            .filter_map(|s| selector(s).ok())
            .collect(),
        blank_lines_between_entries: options.blank_lines_between_entries,
        ..Config::default()
    }
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fmt");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".in.txt"))
        .collect();
    files.sort();
    files
}

/// Shows invisible characters so a failing comparison can be read.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\n' => "⏎\n".to_string(),
            '\r' => "␍".to_string(),
            '\t' => "␉".to_string(),
            c if c != ' '
                && (c.is_whitespace()
                    || c.is_control()
                    || c as u32 >= 0x2000 && c as u32 <= 0x206F
                    || c == '\u{FEFF}') =>
            {
                format!("<U+{:04X}>", c as u32)
            }
            c => c.to_string(),
        })
        .collect()
}

/// The reasons `fmt --check` gives for each fixture, in its order: each
/// count read off the fixture by hand (`visible` shows what to count).
/// A fixture with no reasons is already in canonical form.
const REASONS: &[(&str, &[&str])] = &[
    ("all-blank", &["4 blank lines at the end of the file"]),
    (
        "authors-and-tags",
        &[
            "repeated spaces on 1 line",
            "authors spacing on 1 line",
            "fullwidth punctuation on 2 lines",
        ],
    ),
    (
        "blank-lines-between-1",
        &[
            "2 blank lines removed",
            "1 blank line added to set entries apart",
        ],
    ),
    (
        "blank-lines",
        &[
            "8 blank lines removed",
            "2 blank lines at the end of the file",
        ],
    ),
    ("bom", &["byte-order mark"]),
    (
        "bom-all-blank",
        &["byte-order mark", "2 blank lines at the end of the file"],
    ),
    ("canonical", &[]),
    ("control-character", &[]),
    (
        "control-only-lines",
        &[
            "trailing white space on 1 line",
            "leading white space on 1 line",
            "2 blank lines removed",
            "1 blank line at the end of the file",
        ],
    ),
    (
        "date-header-korean",
        &[
            "repeated spaces on 1 line",
            "date header not in canonical form",
        ],
    ),
    (
        "date-header",
        &[
            "leading white space on 1 line",
            "date header not in canonical form",
        ],
    ),
    ("emoji-joiner", &[]),
    ("final-newline", &["missing final newline"]),
    ("fullwidth-in-prose", &[]),
    ("impossible-date", &["trailing white space on 1 line"]),
    (
        "irregular-whitespace",
        &[
            "leading white space on 3 lines",
            "repeated spaces on 3 lines",
            "tabs, Unicode or zero-width spaces on 6 lines",
        ],
    ),
    ("line-endings", &["CRLF or CR line endings on 6 lines"]),
    ("nfc", &["non-NFC text on 3 lines"]),
    (
        "required",
        &[
            "byte-order mark",
            "CRLF or CR line endings on 12 lines",
            "trailing white space on 2 lines",
            "tabs, Unicode or zero-width spaces on 1 line",
            "non-NFC text on 1 line",
            "3 blank lines removed",
        ],
    ),
    (
        "structural-errors",
        &[
            "trailing white space on 1 line",
            "leading white space on 1 line",
            "repeated spaces on 1 line",
            "tabs, Unicode or zero-width spaces on 1 line",
            "4 blank lines removed",
        ],
    ),
    (
        "trailing-whitespace",
        &[
            "trailing white space on 6 lines",
            "tabs, Unicode or zero-width spaces on 3 lines",
        ],
    ),
];

#[test]
fn fixtures_format_to_their_expected_output() {
    let files = fixtures();
    assert!(files.len() >= 10, "fixtures/fmt is missing");
    for input in files {
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let expected_path = PathBuf::from(input.to_string_lossy().replace(".in.txt", ".out.txt"));
        let src = std::fs::read_to_string(&input).unwrap();
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        let options = options_for(&name);
        let (got, changes) = format_with_changes(&src, &options);
        assert_eq!(
            visible(&got),
            visible(&expected),
            "{name}: formatted text differs"
        );
        assert_eq!(
            changes.reasons().is_empty(),
            src == expected,
            "{name}: reasons {:?}",
            changes.reasons()
        );
        let stem = name.trim_end_matches(".in.txt");
        let Some((_, reasons)) = REASONS.iter().find(|(n, _)| *n == stem) else {
            panic!("{name}: list its reasons in REASONS");
        };
        assert_eq!(changes.reasons(), *reasons, "{name}: reasons");
        assert_eq!(format(&got, &options), got, "{name}: not a fixed point");
        let found = lint::check(&got, None, &config(&options));
        assert!(found.is_empty(), "{name}: formatted text draws {found:#?}");
    }
}

#[test]
fn the_required_fixture_covers_every_normalisation_it_names() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fmt");
    let src = std::fs::read_to_string(dir.join("required.in.txt")).unwrap();
    assert!(src.starts_with('\u{FEFF}'));
    assert!(src.contains("\r\n"));
    assert!(src.contains(|c| ('\u{1100}'..='\u{11FF}').contains(&c)));
    assert!(src.contains("  \r\n"));
    let (_, changes) = format_with_changes(&src, &FormatOptions::default());
    let reasons = changes.reasons().join(", ");
    for want in [
        "byte-order mark",
        "CRLF or CR line endings on 12 lines",
        "trailing white space on 2 lines",
        "non-NFC text on 1 line",
        "3 blank lines removed",
    ] {
        assert!(reasons.contains(want), "{want} not in {reasons}");
    }
}

/// The real digests: formatting them is a fixed point and leaves nothing
/// for the shared rules to find. Ignored by default, because the corpus is
/// not part of the repository; `.ci/run` runs it when `../shared/corpus` is
/// there. Run without the corpus it fails rather than pass having checked
/// nothing.
#[test]
#[ignore = "needs ../shared/corpus"]
fn corpus_formats_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the corpus at {}: {e}", dir.display()));
    let options = FormatOptions::default();
    let config = config(&options);
    let mut checked = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        let got = format(&src, &options);
        assert_eq!(format(&got, &options), got, "{}", path.display());
        let name = path.file_name().and_then(|n| n.to_str());
        let found = lint::check(&got, name, &config);
        assert!(found.is_empty(), "{}: {found:#?}", path.display());
        // Lines of text are neither added nor lost.
        let text_lines = |s: &str| s.lines().filter(|l| !l.trim().is_empty()).count();
        assert_eq!(text_lines(&src), text_lines(&got), "{}", path.display());
        checked += 1;
    }
    assert!(checked > 0, "no .txt digest in {}", dir.display());
}
