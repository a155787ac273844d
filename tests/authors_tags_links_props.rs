//! The authors, tags and link rules never panic, and their fixes settle,
//! on text built from the pieces those rules care about.

use digest_lint::config::Config;
use digest_lint::fix::FixMode;
use digest_lint::lint;
use digest_lint::rules::selector;
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn no_panic_and_fixes_settle(parts in prop::collection::vec(piece(), 0..60)) {
        let src: String = parts.concat();
        let config = Config {
            select: ["A", "T", "L"].iter().map(|s| selector(s).unwrap()).collect(),
            ..Config::default()
        };
        lint::check(&src, Some("2025-04-25.txt"), &config);
        let fixed = lint::fix(&src, Some("2025-04-25.txt"), &config, FixMode::Unsafe);
        prop_assert!(fixed.converged, "fixes keep firing: {:?} -> {:?}", src, fixed.text);
    }
}
