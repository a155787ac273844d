//! What must hold for every text, checked by panicking. Shared by the fuzz
//! targets (`fuzz/fuzz_targets/*.rs`) and by `tests/fuzz_regressions.rs`,
//! which replays the seeds and every input the fuzzer found.
//!
//! The statements follow the property tests (`tests/parse_props.rs`,
//! `tests/fmt_props.rs`, `tests/fix_props.rs`), on any text instead of
//! generated digests.

use digest_lint::config::Config;
use digest_lint::diagnostic::Diagnostic;
use digest_lint::fix::{FixMode, apply_fixes};
use digest_lint::format::normalize;
use digest_lint::format::{FormatOptions, format};
use digest_lint::lint;
use digest_lint::output::{self, FileFindings};
use digest_lint::syntax::date;
use digest_lint::syntax::parse;
use digest_lint::syntax::text::{is_blank, is_zero_width};
use digest_lint::syntax::{Item, LineEnd, Span};
use unicode_normalization::UnicodeNormalization;

/// The file name the rules see: a real date, so the D rules compare it.
pub const FILE_NAME: &str = "2025-04-25.txt";

/// Parsing: the lines' full spans tile the input, printing the tree gives
/// the input back, every line has exactly one owning item, and every span
/// in the tree lies inside its line on character boundaries.
pub fn parse_tree(src: &str) {
    let d = parse(src);
    assert_eq!(d.to_source(), src, "the tree does not print back");
    assert_eq!(d.bom, src.starts_with('\u{FEFF}'));
    assert!(!d.lines.is_empty(), "no line at all");
    let mut at = 0;
    for (i, line) in d.lines.iter().enumerate() {
        assert_eq!(
            line.start, at,
            "line {i} does not start where the last ended"
        );
        let full = line.full();
        assert!(line.start <= line.text.start && line.text.end <= full.end);
        assert!(src.is_char_boundary(line.text.start) && src.is_char_boundary(line.text.end));
        assert!(
            !line.text.text(src).contains(['\n', '\r']),
            "line {i} holds a break"
        );
        let end = match line.end {
            LineEnd::None => "",
            LineEnd::Lf => "\n",
            LineEnd::CrLf => "\r\n",
            LineEnd::Cr => "\r",
        };
        assert_eq!(
            src.get(line.text.end..full.end),
            Some(end),
            "line {i}'s end"
        );
        if i > 0 {
            assert_eq!(line.start, line.text.start, "only line 0 carries a mark");
        }
        for link in &line.links {
            in_line(src, line.text, link.span);
        }
        at = full.end;
    }
    assert_eq!(at, src.len(), "the lines do not reach the end");
    let mut next = 0;
    for item in &d.items {
        let range = item.line_range();
        assert_eq!(range.start, next, "items leave a gap or overlap");
        assert!(range.end > range.start, "an item owns no line");
        next = range.end;
        if let Item::Entry(e) = item {
            if let Some(a) = &e.authors {
                let text = d.lines[a.line].text;
                for &n in a.names.iter().chain([&a.open]).chain(&a.close) {
                    in_line(src, text, n);
                }
            }
            if let Some(t) = &e.tags {
                let text = d.lines[t.line].text;
                for &s in t.tags.iter().chain(&t.words) {
                    in_line(src, text, s);
                    assert!(!s.is_empty(), "an empty tag");
                }
            }
        }
    }
    assert_eq!(next, d.lines.len(), "lines left without an item");
}

fn in_line(src: &str, line: Span, span: Span) {
    assert!(span.start <= span.end, "{span:?} is reversed");
    assert!(
        line.start <= span.start && span.end <= line.end,
        "{span:?} leaves its line {line:?}"
    );
    assert!(src.is_char_boundary(span.start) && src.is_char_boundary(span.end));
}

/// Checking: no panic; every finding and every edit of its fix points into
/// the text on character boundaries, a fix's edits are sorted and disjoint;
/// every output format renders the findings.
pub fn check(src: &str) {
    let found = lint::check(src, Some(FILE_NAME), &Config::default());
    sound_findings(src, &found);
    let file = FileFindings {
        path: FILE_NAME,
        src,
        diagnostics: &found,
    };
    let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    assert!(output::full(&mut out, &file).is_ok(), "full output failed");
    let mut concise = Vec::new();
    assert!(
        output::concise(&mut concise, &file).is_ok(),
        "concise output failed"
    );
    let lines = concise.iter().filter(|&&b| b == b'\n').count();
    assert_eq!(lines, found.len(), "one concise line per finding");
    let json = output::json(&[file]);
    assert!(json.starts_with('['), "json output is an array");
}

fn sound_findings(src: &str, found: &[Diagnostic]) {
    for d in found {
        assert!(
            d.span.start <= d.span.end && d.span.end <= src.len(),
            "{}",
            d.code
        );
        assert!(src.is_char_boundary(d.span.start) && src.is_char_boundary(d.span.end));
        let Some(fix) = &d.fix else { continue };
        assert!(!fix.edits.is_empty(), "{}: a fix without edits", d.code);
        for e in &fix.edits {
            assert!(
                e.span.start <= e.span.end && e.span.end <= src.len(),
                "{}",
                d.code
            );
            assert!(
                src.is_char_boundary(e.span.start) && src.is_char_boundary(e.span.end),
                "{}: an edit off a character boundary",
                d.code
            );
        }
        assert!(
            fix.edits
                .windows(2)
                .all(|w| w[0].span.end <= w[1].span.start),
            "{}: the edits of one fix overlap",
            d.code
        );
    }
}

/// Formatting, with both blank-line styles: idempotent; every line of text
/// keeps its characters but for the documented normalisations (white
/// space, zero-width characters, NFC, fullwidth punctuation, the shape of
/// the date header); no line of text is added or lost; the white-space
/// rules find nothing in the result.
pub fn format_text(src: &str) {
    for separator in [0, 1] {
        let options = FormatOptions {
            blank_lines_between_entries: separator,
        };
        let once = format(src, &options);
        let twice = format(&once, &options);
        assert_eq!(twice, once, "fmt is not idempotent");
        assert_eq!(skeleton(src), skeleton(&once), "fmt changed the text");
        assert_eq!(
            non_blank_lines(src),
            non_blank_lines(&once),
            "fmt lost a line"
        );
    }
}

/// What must survive formatting: every line of text, without white space
/// and zero-width characters, with fullwidth punctuation in ASCII, compared
/// in NFD; a line that reads as a real date stands for that date.
pub fn skeleton(text: &str) -> Vec<String> {
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

/// Lines that are not blank, split the way the parser splits.
pub fn non_blank_lines(text: &str) -> usize {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut n = 0;
    let mut rest = text;
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

/// Lines of text that are neither a copy of the line of text before them
/// (E009 deletes those) nor the end of a wrapped authors line, `Carol
/// Park)` after `(Alice Kim, Bob Lee,` (A001 joins those). A copy is
/// judged by its letters and digits alone, in lower case and NFC: after
/// the safe fixes have collapsed white space, dropped zero-width and
/// control characters or closed an authors line, E009 rightly sees `(A,
/// B` below `(A,  B)`, or `Ti\u{FEFF}tle` below `Title`, as a copy.
pub fn distinct_lines(text: &str) -> usize {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut previous: Option<(&str, String)> = None;
    let mut n = 0;
    for line in text.split(['\n', '\r']).filter(|l| !is_blank(l)) {
        let line = line.trim();
        let key = letters_and_digits(line);
        let wrapped = previous
            .as_ref()
            .is_some_and(|(p, _)| p.starts_with(['(', '（']) && !p.ends_with([')', '）']))
            && line.ends_with([')', '）'])
            && !line.contains(['(', '（']);
        let copy = previous.as_ref().is_some_and(|(_, k)| *k == key);
        n += usize::from(!copy && !wrapped);
        previous = Some((line, key));
    }
    n
}

/// The letters and digits of a line, lower-cased, in NFC.
fn letters_and_digits(line: &str) -> String {
    line.nfc()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Fixing: safe fixes settle within the pass bound, a second `--fix`
/// changes nothing, no line of text is lost (but a repeated copy, or the end of a wrapped
/// authors line joined to it) or split; each safe fix alone
/// is applied and changes nothing outside its own edits.
pub fn fix(src: &str) {
    let config = Config::default();
    let once = lint::fix(src, Some(FILE_NAME), &config, FixMode::Safe);
    assert!(once.converged, "safe fixes did not settle");
    let twice = lint::fix(&once.text, Some(FILE_NAME), &config, FixMode::Safe);
    assert_eq!(twice.text, once.text, "a second --fix changed the text");
    assert_eq!(twice.applied, 0);
    // E009 deletes a title or authors line written twice in a row; no
    // other line of text is lost, and none is added.
    let lines = non_blank_lines(&once.text);
    assert!(lines <= non_blank_lines(src), "a line of text was split");
    assert!(lines >= distinct_lines(src), "a line of text was lost");
    let found = lint::check(src, Some(FILE_NAME), &config);
    for d in &found {
        let Some(fix) = d
            .fix
            .as_ref()
            .filter(|f| FixMode::Safe.allows(f.applicability))
        else {
            continue;
        };
        let (out, applied) = apply_fixes(src, [fix]);
        assert_eq!(applied, 1, "{}: a well-formed fix was refused", d.code);
        let mut at_src = 0;
        let mut at_out = 0;
        for e in &fix.edits {
            let kept = &src[at_src..e.span.start];
            assert_eq!(
                out.get(at_out..at_out + kept.len()),
                Some(kept),
                "{}",
                d.code
            );
            at_out += kept.len() + e.content.len();
            at_src = e.span.end;
        }
        assert_eq!(out.get(at_out..), src.get(at_src..), "{}", d.code);
    }
}

/// The target of each name, for replaying saved inputs.
pub fn by_name(name: &str) -> Option<fn(&str)> {
    match name {
        "parse" => Some(parse_tree),
        "check" => Some(check),
        "format" => Some(format_text),
        "fix" => Some(fix),
        _ => None,
    }
}
