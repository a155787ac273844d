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

/// The real digests, when present: formatting them is a fixed point and
/// leaves nothing for the shared rules to find.
#[test]
fn corpus_formats_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let options = FormatOptions::default();
    let config = config(&options);
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
    }
}
