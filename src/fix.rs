//! Applying fixes to text.
//!
//! Layer: uses only [`crate::diagnostic`] (and the spans of
//! [`crate::syntax`]); [`crate::lint`] loops it to a fixed point.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};

/// Which fixes a run may apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FixMode {
    /// Safe fixes only (`--fix`).
    Safe,
    /// Safe and unsafe fixes (`--fix --unsafe-fixes`).
    Unsafe,
}

impl FixMode {
    pub fn allows(self, applicability: Applicability) -> bool {
        match self {
            FixMode::Safe => applicability == Applicability::Safe,
            FixMode::Unsafe => true,
        }
    }
}

/// Applies as many of `fixes` as can go together: fixes are taken in order
/// of position, and one whose edits overlap (or touch) an edit already taken
/// waits for the next pass. Returns the new text and how many were applied.
pub fn apply_fixes<'a>(src: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> (String, usize) {
    let (text, taken) = apply_fixes_taken(src, fixes);
    (text, taken.len())
}

/// [`apply_fixes`], saying which fixes were applied: their positions in
/// `fixes`, in increasing order.
pub fn apply_fixes_taken<'a>(
    src: &str,
    fixes: impl IntoIterator<Item = &'a Fix>,
) -> (String, Vec<usize>) {
    let mut fixes: Vec<(usize, &Fix)> = fixes
        .into_iter()
        .enumerate()
        .filter(|(_, f)| !f.edits.is_empty() && is_valid(src, f))
        .collect();
    fixes.sort_by_key(|(_, f)| f.span().map(|s| (s.start, s.end)));
    // The edits taken so far, by start. They never clash with each other,
    // so only those starting inside an edit's span, and the last one
    // starting before it, can clash with it: a look-up, not a scan of
    // every edit taken (thousands of fixes made that quadratic).
    // Keyed by (start, end, order taken): one fix may insert twice at one place.
    let mut taken: std::collections::BTreeMap<(usize, usize, usize), &Edit> =
        std::collections::BTreeMap::new();
    let mut applied = Vec::new();
    for (i, fix) in fixes {
        let clashes = fix.edits.iter().any(|e| {
            let (start, end) = (e.span.start, e.span.end);
            taken
                .range((start, 0, 0)..=(end, usize::MAX, usize::MAX))
                .map(|(_, t)| *t)
                .chain(taken.range(..(start, 0, 0)).next_back().map(|(_, t)| *t))
                .any(|t| overlaps(t, e))
        });
        if !clashes {
            for e in &fix.edits {
                let order = taken.len();
                taken.insert((e.span.start, e.span.end, order), e);
            }
            applied.push(i);
        }
    }
    applied.sort_unstable();
    let taken: Vec<&Edit> = taken.into_values().collect();
    let mut out = String::with_capacity(src.len());
    let mut at = 0;
    for edit in taken {
        out.push_str(&src[at..edit.span.start]);
        out.push_str(&edit.content);
        at = edit.span.end;
    }
    out.push_str(&src[at..]);
    (out, applied)
}

/// Edits that overlap, or insert at the same place, cannot both be applied.
/// Two edits share bytes, or one of them is an insertion at an end of the
/// other (two insertions at one place included). Two non-empty edits that
/// start at the same place share bytes, so no clause for that is needed.
fn overlaps(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (a.span, b.span);
    a.start < b.end && b.start < a.end
        || (a.is_empty() || b.is_empty()) && (a.start == b.end || b.start == a.end)
}

/// A fix whose edits are in bounds, on character boundaries and disjoint.
fn is_valid(src: &str, fix: &Fix) -> bool {
    fix.edits.iter().all(|e| {
        e.span.start <= e.span.end
            && src.is_char_boundary(e.span.start)
            && src.is_char_boundary(e.span.end)
    }) && fix
        .edits
        .windows(2)
        .all(|w| w[0].span.end <= w[1].span.start)
}

/// The fixes among `diagnostics` that `mode` allows.
pub fn applicable(diagnostics: &[Diagnostic], mode: FixMode) -> impl Iterator<Item = &Fix> {
    diagnostics
        .iter()
        .filter_map(move |d| d.fix.as_ref().filter(|f| mode.allows(f.applicability)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Span;

    /// `--fix` takes the safe fixes, `--unsafe-fixes` every fix, and
    /// neither a finding without one.
    #[test]
    fn the_mode_chooses_the_fixes() {
        // W001 (safe), C004 (`\textbf`: unsafe), C004 (`\foo`: no fix).
        let src = "2025년 4월 25일\nT\n(A B)\n가나 \\textbf{x} \\foo{y}\nE. \n#t\n";
        let found = crate::lint::check(src, None, &crate::rules::only(&["W001", "C004"]));
        let kinds = |mode| {
            applicable(&found, mode)
                .map(|f| f.applicability)
                .collect::<Vec<_>>()
        };
        assert_eq!(kinds(FixMode::Safe), [Applicability::Safe]);
        let mut every = kinds(FixMode::Unsafe);
        every.sort_by_key(|a| *a == Applicability::Unsafe);
        assert_eq!(every, [Applicability::Safe, Applicability::Unsafe]);
    }

    #[test]
    fn applies_disjoint_edits_and_defers_clashes() {
        let a = Fix::safe("a", vec![Edit::replace(Span::new(0, 1), "X")]);
        let b = Fix::safe("b", vec![Edit::replace(Span::new(0, 2), "YY")]);
        let c = Fix::safe("c", vec![Edit::insert(4, "!")]);
        let (out, n) = apply_fixes("abcd", [&a, &b, &c]);
        assert_eq!(out, "Xbcd!");
        assert_eq!(n, 2);
    }

    #[test]
    fn rejects_edits_off_char_boundaries() {
        let bad = Fix::safe("bad", vec![Edit::delete(Span::new(1, 2))]);
        assert_eq!(apply_fixes("가", [&bad]), ("가".to_string(), 0));
    }

    fn fix(edits: Vec<Edit>) -> Fix {
        Fix::safe("test", edits)
    }

    fn span(start: usize, end: usize) -> Edit {
        Edit::replace(Span::new(start, end), "_")
    }

    /// `is_valid` is the only guard before `apply_fixes` slices the text:
    /// each of its conditions alone must reject a fix.
    #[test]
    fn is_valid_rejects_every_kind_of_bad_edit() {
        // "가" is three bytes: 0..3.
        let src = "가ab";
        assert!(is_valid(src, &fix(vec![span(0, 3)])));
        assert!(is_valid(src, &fix(vec![span(3, 5)])));
        assert!(is_valid(src, &fix(vec![Edit::insert(5, "!")])));
        // Start off a character boundary, end on one.
        assert!(!is_valid(src, &fix(vec![span(1, 3)])));
        // Start on a boundary, end off one.
        assert!(!is_valid(src, &fix(vec![span(0, 2)])));
        // End past the text; start past the text.
        assert!(!is_valid(src, &fix(vec![span(3, 6)])));
        assert!(!is_valid(src, &fix(vec![Edit::insert(6, "!")])));
        // Start after end (a `Fix` keeps edits as given).
        let backwards = Fix {
            edits: vec![Edit {
                span: Span { start: 4, end: 3 },
                content: String::new(),
            }],
            ..fix(Vec::new())
        };
        assert!(!is_valid(src, &backwards));
        // One bad edit spoils a fix whose other edits are fine.
        assert!(!is_valid(src, &fix(vec![span(0, 3), span(4, 6)])));
    }

    #[test]
    fn is_valid_wants_the_edits_of_a_fix_disjoint() {
        let src = "abcd";
        // Abutting edits of one fix are fine; overlapping ones are not.
        assert!(is_valid(src, &fix(vec![span(0, 2), span(2, 4)])));
        assert!(!is_valid(src, &fix(vec![span(0, 3), span(2, 4)])));
        // Well-placed edits that overlap are still rejected.
        assert!(!is_valid(src, &fix(vec![span(0, 2), span(1, 2)])));
    }

    #[test]
    fn overlaps_is_symmetric_and_counts_touching_insertions() {
        let cases = [
            // (a, b, clash)
            (span(0, 2), span(2, 4), false), // abutting replacements
            (span(0, 2), span(3, 5), false), // apart
            (span(0, 2), span(1, 3), true),  // overlapping
            (span(1, 2), span(0, 4), true),  // one inside the other
            (span(0, 2), span(0, 2), true),  // the same span
            (span(0, 2), span(0, 4), true),  // same start
            (Edit::insert(2, "!"), span(0, 2), true), // insertion at the end of an edit
            (Edit::insert(2, "!"), span(2, 4), true), // insertion at the start of an edit
            (Edit::insert(1, "!"), span(0, 2), true), // insertion inside an edit
            (Edit::insert(2, "!"), Edit::insert(2, "?"), true), // two insertions at one place
            (Edit::insert(1, "!"), Edit::insert(2, "?"), false), // insertions apart
            (Edit::insert(3, "!"), span(0, 2), false), // insertion after an edit
        ];
        for (a, b, clash) in cases {
            assert_eq!(overlaps(&a, &b), clash, "{:?} vs {:?}", a.span, b.span);
            assert_eq!(overlaps(&b, &a), clash, "{:?} vs {:?}", b.span, a.span);
        }
    }

    /// One pass of `apply_fixes`: what is applied, what waits, and the text.
    #[test]
    fn one_pass_applies_abutting_fixes_and_defers_touching_insertions() {
        let x = fix(vec![Edit::replace(Span::new(0, 1), "X")]);
        let y = fix(vec![Edit::replace(Span::new(1, 2), "Y")]);
        assert_eq!(apply_fixes("abcd", [&y, &x]), ("XYcd".to_string(), 2));

        // The insertion touches the replacement before it: it waits.
        let z = fix(vec![Edit::replace(Span::new(0, 2), "Z")]);
        let bang = fix(vec![Edit::insert(2, "!")]);
        assert_eq!(apply_fixes("abcd", [&bang, &z]), ("Zcd".to_string(), 1));

        // A fix of two edits waits whole when one of them clashes.
        let two = fix(vec![
            Edit::replace(Span::new(1, 2), "B"),
            Edit::replace(Span::new(3, 4), "D"),
        ]);
        let c = fix(vec![Edit::replace(Span::new(1, 2), "2")]);
        assert_eq!(apply_fixes("abcd", [&two, &c]), ("a2cd".to_string(), 1));

        // Fixes without edits and invalid fixes are not counted.
        let empty = fix(Vec::new());
        let past_end = fix(vec![Edit::insert(9, "!")]);
        let off_boundary = fix(vec![Edit::delete(Span::new(1, 3))]);
        assert_eq!(
            apply_fixes("가b", [&empty, &past_end, &off_boundary]),
            ("가b".to_string(), 0)
        );
        let syllable = fix(vec![Edit::replace(Span::new(0, 3), "X")]);
        assert_eq!(
            apply_fixes("가b", [&empty, &past_end, &syllable]),
            ("Xb".to_string(), 1)
        );
    }
}
