//! Properties of `lint::fix` on generated digests: fixing is idempotent,
//! never loses a line of text, each fix's edits are well formed, and a fix
//! changes nothing outside its own edits.

mod common;

use digest_lint::config::Config;
use digest_lint::fix::{FixMode, apply_fixes};
use digest_lint::lint;
use digest_lint::syntax::parser::parse;
use digest_lint::syntax::text::is_blank;
use proptest::prelude::*;

/// The lines of text, a run of copies counted once. E009's safe fix
/// deletes an authors line written twice word for word, and another fix
/// (W008's fullwidth parentheses, W004's spaces) may first make two
/// neighbouring lines the same: the copy going is not a lost line.
fn text_lines(src: &str) -> usize {
    let d = parse(src);
    let key = |t: &str| -> String {
        let t = t.replace('（', "(").replace('）', ")").replace('，', ",");
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut previous: Option<String> = None;
    let mut count = 0;
    for l in &d.lines {
        let t = l.text.text(src);
        if is_blank(t) {
            continue;
        }
        let k = key(t);
        if previous.as_deref() != Some(k.as_str()) {
            count += 1;
        }
        previous = Some(k);
    }
    count
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn fixing_is_idempotent_and_keeps_every_line(src in common::digest_text()) {
        let config = Config::default();
        for mode in [FixMode::Safe, FixMode::Unsafe] {
            let once = lint::fix(&src, Some("2025-04-25.txt"), &config, mode);
            prop_assert!(once.converged, "{:?}: fixes did not settle", mode);
            let twice = lint::fix(&once.text, Some("2025-04-25.txt"), &config, mode);
            prop_assert_eq!(&twice.text, &once.text, "{:?}: a second fix changed the text", mode);
            prop_assert_eq!(twice.applied, 0);
            prop_assert_eq!(
                text_lines(&once.text),
                text_lines(&src),
                "{:?}: a line of text was lost or split", mode
            );
        }
    }

    #[test]
    fn each_fix_has_sorted_disjoint_edits_on_char_boundaries(src in common::digest_text()) {
        for d in lint::check(&src, Some("2025-04-25.txt"), &Config::default()) {
            let Some(fix) = &d.fix else { continue };
            prop_assert!(!fix.edits.is_empty(), "{}: a fix without edits", d.code);
            for e in &fix.edits {
                prop_assert!(e.span.start <= e.span.end && e.span.end <= src.len(), "{}", d.code);
                prop_assert!(
                    src.is_char_boundary(e.span.start) && src.is_char_boundary(e.span.end),
                    "{}: edit off a character boundary", d.code
                );
            }
            prop_assert!(
                fix.edits.windows(2).all(|w| w[0].span.end <= w[1].span.start),
                "{}: edits of one fix overlap", d.code
            );
            prop_assert!(d.span.end <= src.len() && src.is_char_boundary(d.span.start));
        }
    }

    #[test]
    fn a_fix_changes_nothing_outside_its_edits(src in common::digest_text()) {
        for d in lint::check(&src, Some("2025-04-25.txt"), &Config::default()) {
            let Some(fix) = &d.fix else { continue };
            let (out, applied) = apply_fixes(&src, [fix]);
            prop_assert_eq!(applied, 1, "{}: a well-formed fix was refused", d.code);
            // Walk the edits: every byte between them must come through as it was.
            let mut at_src = 0;
            let mut at_out = 0;
            for e in &fix.edits {
                let kept = &src[at_src..e.span.start];
                prop_assert_eq!(out.get(at_out..at_out + kept.len()), Some(kept), "{}", d.code);
                at_out += kept.len();
                prop_assert_eq!(out.get(at_out..at_out + e.content.len()), Some(e.content.as_str()));
                at_out += e.content.len();
                at_src = e.span.end;
            }
            prop_assert_eq!(out.get(at_out..), Some(&src[at_src..]), "{}: text after the last edit changed", d.code);
        }
    }
}
