use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::Span;
use crate::syntax::parser::{AuthorsLine, authors_line, is_affiliation_group, is_marker_sign};

pub struct AuthorsNote;

static META: RuleMeta = RuleMeta {
    code: "A003",
    name: "authors-note",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    summary: "A note in parentheses or affiliation markers in the authors line.",
    doc: r#"
## What it does
Reports what an authors line holds besides the names, as copied from a
paper's metadata:
- affiliation markers after a name: `Ann Lee (1)`, `Bo Kim (1,2)`,
  `Cy Park*`, `Di Choi†`, `Eun Han¹`;
- the list of affiliations they point to, in parentheses at the end:
  `((1) Example University, (2) Example Labs)`;
- a note in parentheses: `(equal contribution, order random)`,
  `(additional authors not shown)`.

The line is still read as the entry's authors line (no `missing-authors`,
E002, and no `malformed-authors`, A001, for it). One finding per line: it
points at the first note or marker, and labels the others.

A single capitalised word in parentheses is a part of a name, and left
alone, when more of the name follows it (a preferred name, `Jensen
(Jinghao) Zhou`) or when it is an acronym of the words before it
(`Institute for AI Industry Research (AIR)`). At the end of a person's
name it is an affiliation and reported (`Ann Lee (MIT)`). Markers in
square brackets (`Ann Lee [1]`) are not recognised.

## Why is this bad?
The authors line of a digest holds the names and nothing else: tools that
split it at `, ` to list, count or search authors read `Bo Kim (2)
((1) Example University` as a name, and a remark about the list belongs in
the commentary, where a reader looks for remarks.

## Example
```text
(Ann Lee (1), Bo Kim (2) ((1) Example University, (2) Example Labs))
```
becomes
```text
(Ann Lee, Bo Kim)
```

## Fix
- Markers that point to affiliations (`(1)`, `(1,2)`, `¹`, `(a)`) together
  with the list of affiliations at the end of the line: **safe**. The
  names and their order stay as they are; what goes is the affiliation
  key, which the digest format has no place for.
- Markers alone, or any marker that is a sign (`*`, `†`, `‡`, `§`):
  **unsafe**. Such a sign usually says something about the author (equal
  contribution, corresponding author), and without a list of affiliations
  a marker may be the only trace of one: a person should look.
- A note that is a remark (`(equal contribution, order random)`): **no
  fix**. Deleting it loses what it says about the list; the author decides
  whether it moves to the commentary or goes.
"#,
    default_enabled: true,
};

/// Signs that say something about an author rather than point to an
/// affiliation: equal contribution, corresponding author.
fn is_sign(text: &str) -> bool {
    text.contains(['*', '†', '‡', '§'])
}

/// A note that is a part of a name: one word in parentheses, capitalised,
/// with more of the name after it (a preferred name, `Jensen (Jinghao)
/// Zhou`), or an acronym of the words before it (`Institute for AI
/// Industry Research (AIR)`). One word at the end of a person's name
/// (`Ann Lee (MIT)`) is an affiliation, a note.
fn is_name_part(src: &str, line: &AuthorsLine, note: Span) -> bool {
    let inner = note
        .text(src)
        .trim_start_matches(['(', '（'])
        .trim_end_matches([')', '）']);
    if inner.is_empty()
        || inner.contains(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '(' | '（'))
        || !inner.chars().next().is_some_and(char::is_uppercase)
    {
        return false;
    }
    let is_separator = |c: char| matches!(c, ',' | '，');
    let after = src.get(note.end..line.inner.end).unwrap_or("");
    let after = after.split(is_separator).next().unwrap_or("");
    if !after.trim().is_empty() {
        return true;
    }
    let before = src.get(line.inner.start..note.start).unwrap_or("");
    let before = before.rsplit(is_separator).next().unwrap_or("");
    is_acronym_of(inner, before)
}

/// Whether `acronym`'s letters are, in order, initials of words of
/// `words` (`AIR` of `Institute for AI Industry Research`).
fn is_acronym_of(acronym: &str, words: &str) -> bool {
    if acronym.chars().count() < 2
        || !acronym
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    let mut initials = words
        .split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_uppercase().next().unwrap_or(c));
    acronym.chars().all(|a| initials.any(|i| i == a))
}

/// What an authors line holds besides its names, as the rule sees it.
struct Annotations {
    markers: Vec<Span>,
    /// The affiliation list at the end of the line, if any.
    group: Option<Span>,
    /// Notes that are remarks.
    remarks: Vec<Span>,
}

fn annotations(src: &str, line: &AuthorsLine) -> Annotations {
    let notes: Vec<Span> = line
        .notes
        .iter()
        .copied()
        .filter(|&n| !is_name_part(src, line, n))
        .collect();
    let at_end = |n: &Span| {
        src.get(n.end..line.inner.end)
            .is_some_and(|rest| rest.trim().is_empty())
    };
    let group = notes
        .last()
        .copied()
        .filter(|n| at_end(n) && is_affiliation_group(n.text(src)));
    Annotations {
        markers: line.markers.clone(),
        group,
        remarks: notes.into_iter().filter(|n| Some(*n) != group).collect(),
    }
}

/// `span` widened over the white space before it, inside `inner`: what
/// deleting a marker or a note takes away.
fn with_space_before(src: &str, inner: Span, span: Span) -> Span {
    let before = src.get(inner.start..span.start).unwrap_or("");
    Span::new(inner.start + before.trim_end().len(), span.end)
}

/// The edits that strip `spans`, neighbours merged so that no two touch.
fn strip(src: &str, inner: Span, spans: &[Span]) -> Vec<Span> {
    let mut merged: Vec<Span> = Vec::new();
    for span in spans.iter().map(|&s| with_space_before(src, inner, s)) {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => *last = last.cover(span),
            _ => merged.push(span),
        }
    }
    merged
}

/// The text of `line` (from `from` to `to`) with `cuts` taken out.
fn without(src: &str, from: usize, to: usize, cuts: &[Span]) -> String {
    let mut out = String::new();
    let mut at = from;
    for c in cuts {
        out.push_str(src.get(at..c.start).unwrap_or(""));
        at = c.end;
    }
    out.push_str(src.get(at..to).unwrap_or(""));
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

fn finding(src: &str, line: &AuthorsLine, a: &Annotations) -> Option<Diagnostic> {
    let mut places: Vec<(Span, &str)> = a
        .markers
        .iter()
        .map(|&m| (m, "affiliation marker"))
        .chain(a.group.map(|g| (g, "affiliation list")))
        .chain(a.remarks.iter().map(|&n| (n, "note")))
        .collect();
    places.sort_by_key(|(s, _)| s.start);
    let (&(first, _), rest) = places.split_first()?;

    let mut parts = Vec::new();
    if !a.markers.is_empty() {
        parts.push(plural(
            a.markers.len(),
            "affiliation marker",
            "affiliation markers",
        ));
    }
    if a.group.is_some() {
        parts.push("a list of affiliations".to_string());
    }
    match a.remarks.as_slice() {
        [] => {}
        [one] => parts.push(format!("the note `{}`", one.text(src))),
        many => parts.push(plural(many.len(), "note", "notes")),
    }
    let what = match parts.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => return None,
    };
    let mut d = Diagnostic::new(
        &META,
        first,
        format!("the authors line holds {what} besides the names"),
    );
    for &(span, what) in rest {
        d = d.label(span, what);
    }

    if !a.remarks.is_empty() {
        return Some(d.help(
            "an authors line holds only the names: move the note into the commentary if it matters, or delete it",
        ));
    }
    let mut spans: Vec<Span> = a.markers.iter().copied().chain(a.group).collect();
    spans.sort_by_key(|s| s.start);
    let cuts = strip(src, line.inner, &spans);
    let end = line.close.map_or(line.inner.end, |c| c.end);
    let stripped = without(src, line.open.start, end, &cuts);
    let edits: Vec<Edit> = cuts.iter().map(|&c| Edit::delete(c)).collect();
    let safe = a.group.is_some()
        && !a.markers.iter().any(|m| is_sign(m.text(src)))
        && a.group.is_some_and(|g| {
            !g.text(src)
                .trim_start_matches(['(', '（'])
                .trim_start()
                .starts_with(['*', '†', '‡', '§'])
        });
    let d = d.help(format!(
        "an authors line holds only the names: `{stripped}`"
    ));
    Some(if safe {
        d.fix(Fix::safe(
            "Remove the affiliation markers and the list of affiliations",
            edits,
        ))
    } else {
        d.fix(Fix::unsafe_("Remove the markers", edits))
    })
}

/// Whether an authors line may hold notes or markers: they start at a
/// parenthesis inside the list or at a marker sign, so a line with one
/// parenthesis (the list's own) and no sign, as most are, is not read
/// again.
fn may_hold_annotations(text: &str) -> bool {
    let b = text.as_bytes();
    if b.is_ascii() {
        // Byte by byte: the only ASCII marker sign is `*`.
        b.iter().filter(|&&c| c == b'(').count() >= 2 || b.contains(&b'*')
    } else {
        text.matches(['(', '（']).nth(1).is_some() || text.contains(is_marker_sign)
    }
}

impl Rule for AuthorsNote {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for authors in cx.digest.entries().filter_map(|e| e.authors.as_ref()) {
            let Some(line) = cx.digest.lines.get(authors.line) else {
                continue;
            };
            let text = line.text.text(cx.src);
            if !may_hold_annotations(text) {
                continue;
            }
            let Ok(read) = authors_line(text, line.text.start) else {
                continue;
            };
            let found = annotations(cx.src, &read);
            if let Some(d) = finding(cx.src, &read, &found) {
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(line: &str) -> Option<Diagnostic> {
        let read = authors_line(line, 0).ok()?;
        finding(line, &read, &annotations(line, &read))
    }

    fn fixed(line: &str) -> Option<(String, bool)> {
        let d = check(line)?;
        let fix = d.fix?;
        let cuts: Vec<Span> = fix.edits.iter().map(|e| e.span).collect();
        Some((
            without(line, 0, line.len(), &cuts),
            fix.applicability == crate::diagnostic::Applicability::Safe,
        ))
    }

    #[test]
    fn markers_and_their_list_go_safely() {
        assert_eq!(
            fixed("(Ann Lee (1), Bo Kim (2) ((1) Example University, (2) Example Labs))"),
            Some(("(Ann Lee, Bo Kim)".to_string(), true))
        );
        assert_eq!(
            fixed("(Ann Lee¹, Bo Kim (1,2)² (¹Example University))"),
            Some(("(Ann Lee, Bo Kim)".to_string(), true))
        );
    }

    #[test]
    fn signs_or_markers_alone_are_unsafe() {
        assert_eq!(
            fixed("(Ann Lee*, Bo Kim†)"),
            Some(("(Ann Lee, Bo Kim)".to_string(), false))
        );
        assert_eq!(
            fixed("(Ann Lee (1), Bo Kim (2))"),
            Some(("(Ann Lee, Bo Kim)".to_string(), false))
        );
        // Letters and signs in parentheses are markers too.
        assert_eq!(
            fixed("(Ann Lee (a), Bo Kim (*))"),
            Some(("(Ann Lee, Bo Kim)".to_string(), false))
        );
        assert_eq!(
            fixed("(Ann Lee*, Bo Kim* (*Equal contribution))"),
            Some(("(Ann Lee, Bo Kim)".to_string(), false))
        );
    }

    #[test]
    fn a_sign_beside_a_list_of_affiliations_is_unsafe() {
        // The list would go safely; the sign may be the only trace of what
        // it marks.
        assert_eq!(
            fixed("(Ann Lee*¹, Bo Kim² (¹Example University, ²Example Labs))"),
            Some(("(Ann Lee, Bo Kim)".to_string(), false))
        );
    }

    #[test]
    fn plain_lines_are_not_read_again() {
        for plain in ["(Ann Lee, Bo Kim)", "(이수민, Bo Kim)", "(Ann Lee, Bo Kim"] {
            assert!(!may_hold_annotations(plain), "{plain}");
        }
        for line in [
            "(Ann Lee (MIT), Bo Kim)",
            "(Ann Lee*, Bo Kim)",
            "(이수민 (1), Bo Kim)",
            "（이수민（1）, Bo Kim）",
            "(이수민†, Bo Kim)",
        ] {
            assert!(may_hold_annotations(line), "{line}");
        }
    }

    #[test]
    fn neighbouring_markers_go_in_one_edit() {
        let line = "(Ann Lee (1)(2), Bo Kim (2))";
        let edits: Vec<&str> = check(line)
            .and_then(|d| d.fix)
            .map(|f| f.edits.iter().map(|e| e.span.text(line)).collect())
            .unwrap_or_default();
        assert_eq!(edits, [" (1)(2)", " (2)"]);
    }

    #[test]
    fn remarks_have_no_fix() {
        let d = check("(Ann Lee, Bo Kim (equal contribution, order random))").unwrap();
        assert_eq!(
            d.message,
            "the authors line holds the note `(equal contribution, order random)` besides the names"
        );
        assert!(d.fix.is_none());
        assert!(d.help.is_some());
    }

    #[test]
    fn one_finding_labels_the_rest() {
        let line = "(Ann Lee (1), Bo Kim (2) ((1) Example University, (2) Example Labs))";
        let d = check(line).unwrap();
        assert_eq!(d.span.text(line), "(1)");
        assert_eq!(
            d.message,
            "the authors line holds 2 affiliation markers and a list of affiliations besides the names"
        );
        let labels: Vec<(&str, &str)> = d
            .labels
            .iter()
            .map(|l| (l.span.text(line), &*l.message))
            .collect();
        assert_eq!(
            labels,
            [
                ("(2)", "affiliation marker"),
                (
                    "((1) Example University, (2) Example Labs)",
                    "affiliation list"
                )
            ]
        );
    }

    #[test]
    fn parts_of_names_are_left_alone() {
        for line in [
            "(Ann Lee, Bo Kim)",
            "(Jensen (Jinghao) Zhou, Bo Kim)",
            "(Jensen (Jinghao)Zhou, Bo Kim)",
            "(Institute for AI Industry Research (AIR), Bo Kim)",
            "(Ann Lee, Example Lab of Folding (ELF))",
            "(Ann Lee, Example Lab (EL))",
        ] {
            assert!(check(line).is_none(), "{line}");
        }
        for line in [
            "(Ann Lee, Bo Kim (additional authors not shown))",
            "(Ann Lee (MIT), Bo Kim)",
            "(Ann Lee (Stanford), Bo Kim)",
            "(Ann Lee（Stanford）, Bo Kim)",
            "(Tsinghua Lab (AIR), Bo Kim)",
            // Not one capitalised word: a remark, even with more name after.
            "(Jensen (Jing Hao) Zhou, Bo Kim)",
            "(Jensen (jinghao) Zhou, Bo Kim)",
        ] {
            assert!(check(line).is_some(), "{line}");
        }
        assert!(is_acronym_of("AIR", "Institute for AI Industry Research"));
        assert!(!is_acronym_of("MIT", "Ann Lee"));
        assert!(!is_acronym_of("A", "Ann Lee"));
    }
}
