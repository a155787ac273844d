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
    let mut fixes: Vec<&Fix> = fixes
        .into_iter()
        .filter(|f| !f.edits.is_empty() && is_valid(src, f))
        .collect();
    fixes.sort_by_key(|f| f.span().map(|s| (s.start, s.end)));
    // The edits taken so far, by start. They never clash with each other,
    // so only those starting inside an edit's span, and the last one
    // starting before it, can clash with it: a look-up, not a scan of
    // every edit taken (thousands of fixes made that quadratic).
    // Keyed by (start, end, order taken): one fix may insert twice at one place.
    let mut taken: std::collections::BTreeMap<(usize, usize, usize), &Edit> =
        std::collections::BTreeMap::new();
    let mut applied = 0;
    for fix in fixes {
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
            applied += 1;
        }
    }
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
fn overlaps(a: &Edit, b: &Edit) -> bool {
    let (a, b) = (a.span, b.span);
    a.start < b.end && b.start < a.end
        || a.start == b.start
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
}
