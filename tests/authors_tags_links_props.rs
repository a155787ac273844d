//! The authors, tags and link rules never panic, and their fixes settle,
//! on text built from the pieces those rules care about.

use digest_lint::config::Config;
use digest_lint::diagnostic::Diagnostic;
use digest_lint::fix::FixMode;
use digest_lint::lint;
use digest_lint::rules::{self, selector};
use digest_lint::syntax::Span;
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "2025년 4월 25일\n",
        "T\n",
        "(",
        ")",
        "（",
        "）",
        "，",
        ",",
        ";",
        " and ",
        "and ",
        " ",
        "  ",
        "\n",
        "\r\n",
        "#",
        "＃",
        "##",
        "_",
        "-",
        "A",
        "Bo Kim",
        "가",
        "https://",
        "http://",
        "arxiv.org/",
        "www.",
        "abs/",
        "pdf/",
        "2513.0123",
        "2505.01234v0",
        ".pdf",
        "/",
        "]",
        "[",
        "](",
        "é",
        "\u{200B}",
        "\u{FEFF}",
        "x.org",
        "github.com",
        "https:",
        "?",
        "#x",
        ".",
    ])
}

/// What must hold of every finding on any text: it points at a piece of
/// the text (inside it, on character boundaries), it names a registered
/// rule of the selected families by its code and name, and its labels and
/// fix edits are pieces of the text too, the edits sorted and disjoint.
fn check_finding(src: &str, d: &Diagnostic) -> Result<(), TestCaseError> {
    let piece = |span: Span| {
        span.start <= span.end
            && span.end <= src.len()
            && src.is_char_boundary(span.start)
            && src.is_char_boundary(span.end)
    };
    prop_assert!(piece(d.span), "{d:?} is not a piece of {src:?}");
    let well_formed = d.code.len() == 4
        && d.code.starts_with(['A', 'T', 'L'])
        && d.code.bytes().skip(1).all(|b| b.is_ascii_digit());
    prop_assert!(well_formed, "code {:?} is not of A, T or L", d.code);
    let rule = rules::by_code_or_name(d.code);
    prop_assert!(
        rule.is_some_and(|r| r.meta().code == d.code && r.meta().name == d.rule),
        "{} {} is not a registered rule",
        d.code,
        d.rule
    );
    prop_assert!(!d.message.trim().is_empty(), "{d:?} has no message");
    for label in &d.labels {
        prop_assert!(piece(label.span), "label {label:?} of {d:?}");
    }
    if let Some(fix) = &d.fix {
        prop_assert!(!fix.edits.is_empty(), "fix without edits in {d:?}");
        for edit in &fix.edits {
            prop_assert!(piece(edit.span), "edit {edit:?} of {d:?}");
        }
        for pair in fix.edits.windows(2) {
            prop_assert!(pair[0].span.end <= pair[1].span.start, "{d:?}");
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn no_panic_and_fixes_settle(parts in prop::collection::vec(piece(), 0..60)) {
        let src: String = parts.concat();
        let config = Config {
            select: ["A", "A002", "T", "L"].iter().map(|s| selector(s).unwrap()).collect(),
            ..Config::default()
        };
        let found = lint::check(&src, Some("2025-04-25.txt"), &config);
        for d in &found {
            check_finding(&src, d)?;
        }
        // Sorted by position, then code.
        for pair in found.windows(2) {
            let key = |d: &Diagnostic| (d.span.start, d.span.end, d.code);
            prop_assert!(key(&pair[0]) <= key(&pair[1]), "unsorted: {found:#?}");
        }
        let fixed = lint::fix(&src, Some("2025-04-25.txt"), &config, FixMode::Unsafe);
        prop_assert!(fixed.converged, "fixes keep firing: {:?} -> {:?}", src, fixed.text);
        for d in &fixed.remaining {
            check_finding(&fixed.text, d)?;
        }
    }

}

#[test]
fn a_known_text_draws_findings_that_pass_the_checks() {
    let src = "2025년 4월 25일\n\nT\n(Bo Kim,Bo Kim)\n#x ##\nhttp://arxiv.org/pdf/2513.0123\n";
    let config = Config {
        select: ["A", "A002", "T", "L"]
            .iter()
            .map(|s| selector(s).unwrap())
            .collect(),
        // A002 is off by default: only its code turns it on.
        extend_select: vec![selector("A002").unwrap()],
        ..Config::default()
    };
    let found = lint::check(src, Some("2025-04-25.txt"), &config);
    for d in &found {
        check_finding(src, d).unwrap();
    }
    let got: Vec<(&str, &str)> = found.iter().map(|d| (d.code, d.span.text(src))).collect();
    // A001 and T001 point where the grammar stopped: at the name that
    // follows `,` with no space, and at the second `#`.
    assert_eq!(
        got,
        [
            ("A001", "B"),
            ("A002", "Bo Kim"),
            ("T001", "#"),
            ("L004", "http://arxiv.org/pdf/2513.0123"),
            ("L003", "2513.0123"),
        ]
    );
}
