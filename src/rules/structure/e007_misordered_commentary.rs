use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::{Digest, Entry, LineEnd, LineKind};

use super::{entry_name, trimmed_span};

pub struct MisorderedCommentary;

static META: RuleMeta = RuleMeta {
    code: "E007",
    name: "misordered-commentary",
    severity: Severity::Error,
    fix: FixAvailability::Unsafe,
    summary: "English commentary before the Korean, or the two interleaved.",
    doc: r#"
## What it does
Reports an entry in which an English commentary line comes before a Korean
one: the English block was written first, or the two languages alternate
paragraph by paragraph.

English placed before the Korean is recognised only when its lines fit a
translation of the Korean lines (as many lines, of comparable length, not
speaking as the paper does with `we propose` or `we show`); otherwise they
are read as abstract, and a missing translation is reported by E004
rather than taken for English in the wrong place.

## Why is this bad?
The format puts the Korean block first and the English block after it, so
that Korean line *i* and English line *i* pair up. In any other order the
pairing is lost, for readers and for the rules that compare links and
numbers across the two languages.

## Example
```text
A method that folds tokens to speed up decoders.
토큰을 접어서 디코더를 빠르게 만드는 방법.
#efficiency
```
should be
```text
토큰을 접어서 디코더를 빠르게 만드는 방법.
A method that folds tokens to speed up decoders.
#efficiency
```

## Fix
Unsafe: rewrites the commentary with every Korean line first, in their
order, then every English line, in their order. Each line keeps its text
and line ending; abstract and blank lines stay where they are. The fix is
unsafe because a line's language is inferred: an English line that was
really part of the abstract would be moved too. Review the result.
"#,
    default_enabled: true,
};

impl Rule for MisorderedCommentary {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        for entry in digest.entries() {
            let Some(last_korean) = digest.body_lines(entry, LineKind::Korean).last() else {
                continue;
            };
            let Some(first_english) = digest.body_lines(entry, LineKind::English).next() else {
                continue;
            };
            if first_english > last_korean {
                continue;
            }
            let first_korean = digest
                .body_lines(entry, LineKind::Korean)
                .next()
                .unwrap_or(last_korean);
            let english_first = digest
                .body_lines(entry, LineKind::English)
                .all(|l| l < first_korean);
            let (message, label) = if english_first {
                (
                    format!(
                        "entry {}: the English commentary comes before the Korean",
                        entry_name(digest, entry)
                    ),
                    "the Korean commentary starts here",
                )
            } else {
                (
                    format!(
                        "entry {}: the Korean and English commentary are interleaved",
                        entry_name(digest, entry)
                    ),
                    "a Korean line after English",
                )
            };
            let label_line = if english_first {
                first_korean
            } else {
                digest
                    .body_lines(entry, LineKind::Korean)
                    .find(|&l| l > first_english)
                    .unwrap_or(last_korean)
            };
            let mut d = Diagnostic::new(&META, trimmed_span(digest, first_english), message)
                .label(trimmed_span(digest, label_line), label)
                .help("write every Korean paragraph first, then every English paragraph in the same order");
            if let Some(fix) = reorder(digest, entry) {
                d = d.fix(fix);
            }
            out.push(d);
        }
    }
}

/// The commentary rewritten Korean first, then English: each commentary
/// line's place gets the next line of the new order.
fn reorder(digest: &Digest<'_>, entry: &Entry) -> Option<Fix> {
    let src = digest.src;
    let slots: Vec<usize> = entry
        .body
        .iter()
        .copied()
        .filter(|&l| {
            digest
                .lines
                .get(l)
                .is_some_and(|line| matches!(line.kind, LineKind::Korean | LineKind::English))
        })
        .collect();
    let order: Vec<usize> = digest
        .body_lines(entry, LineKind::Korean)
        .chain(digest.body_lines(entry, LineKind::English))
        .collect();
    // Each moved line as (text, terminator).
    let mut moved: Vec<(&str, &str)> = Vec::with_capacity(order.len());
    for &l in &order {
        let line = digest.lines.get(l)?;
        moved.push((line.text.text(src), line.terminator().text(src)));
    }
    // A line with no terminator ends the file: it must stay last, or it
    // would be joined to the line after it.
    let last_slot_unterminated = digest
        .lines
        .get(*slots.last()?)
        .is_some_and(|l| l.end == LineEnd::None);
    if last_slot_unterminated {
        let n = moved.len();
        if let Some(i) = moved.iter().position(|(_, t)| t.is_empty())
            && i + 1 != n
        {
            let term = moved.get(n - 1).map_or("\n", |m| m.1);
            if let Some(m) = moved.get_mut(i) {
                m.1 = term;
            }
            if let Some(m) = moved.get_mut(n - 1) {
                m.1 = "";
            }
        }
    }
    let mut edits = Vec::new();
    for (&slot, &(text, term)) in slots.iter().zip(&moved) {
        let line = digest.lines.get(slot)?;
        if line.text.text(src) == text && line.terminator().text(src) == term {
            continue;
        }
        edits.push(Edit::replace(line.full(), format!("{text}{term}")));
    }
    if edits.is_empty() || slots.len() != moved.len() {
        return None;
    }
    Some(Fix::unsafe_(
        "Move the Korean commentary before the English",
        edits,
    ))
}

#[cfg(test)]
mod tests {
    use crate::fix::FixMode;
    use crate::lint;
    use crate::rules::only;

    fn fixed(src: &str) -> String {
        let config = only(&["E007"]);
        let outcome = lint::fix(src, None, &config, FixMode::Unsafe);
        assert!(outcome.converged);
        assert!(outcome.remaining.is_empty());
        outcome.text
    }

    #[test]
    fn blank_lines_stay_and_terminators_move_with_their_lines() {
        let src = "2025년 4월 25일\nT\n(Ann Lee)\n한 줄.\r\nOne.\n\n두 줄.\nTwo.\r\n#x\n";
        assert_eq!(
            fixed(src),
            "2025년 4월 25일\nT\n(Ann Lee)\n한 줄.\r\n두 줄.\n\nOne.\nTwo.\r\n#x\n"
        );
    }

    #[test]
    fn link_only_lines_move_with_their_block() {
        let src = "2025년 4월 25일\nT\n(Ann Lee)\n한 줄.\nOne.\nhttps://example.org/a\n두 줄.\nTwo.\n#x\n";
        assert_eq!(
            fixed(src),
            "2025년 4월 25일\nT\n(Ann Lee)\n한 줄.\n두 줄.\nOne.\nhttps://example.org/a\nTwo.\n#x\n"
        );
    }

    #[test]
    fn interleaved_lines_are_labelled_at_the_first_korean_after_english() {
        let src = "2025년 4월 25일\nT\n(Ann Lee)\n가 줄.\nOne.\n나 줄.\nTwo.\n다 줄.\nThree.\n#x\n";
        let config = only(&["E007"]);
        let found = lint::check(src, None, &config);
        let [d] = found.as_slice() else {
            panic!("{found:?}");
        };
        assert!(d.message.contains("interleaved"), "{}", d.message);
        assert_eq!(&src[d.span.start..d.span.end], "One.");
        let labelled: Vec<&str> = d
            .labels
            .iter()
            .map(|l| &src[l.span.start..l.span.end])
            .collect();
        // The second Korean line, not the last one.
        assert_eq!(labelled, ["나 줄."]);
    }

    #[test]
    fn a_last_line_without_a_newline_stays_last_and_crlf_moves_on() {
        // The Korean line that ends the file moves up: it takes the
        // terminator of the line that now ends the file (`\r\n`), and that
        // line goes without one.
        let src =
            "2025년 4월 25일\r\nT\r\n(Ann Lee)\r\nWe study a method.\r\n가 줄.\r\nTwo.\r\n나 줄.";
        assert_eq!(
            fixed(src),
            "2025년 4월 25일\r\nT\r\n(Ann Lee)\r\nWe study a method.\r\n가 줄.\r\n나 줄.\r\nTwo."
        );
    }

    #[test]
    fn a_line_that_keeps_its_text_but_not_its_terminator_is_rewritten() {
        // Two English lines alike but for their line endings: the second
        // one's place keeps the text `One.` and takes the first one's
        // `\r\n`.
        let src =
            "2025년 4월 25일\nT\n(Ann Lee)\nWe study a method.\n가 줄.\nOne.\r\nOne.\n나 줄.\n#x\n";
        assert_eq!(
            fixed(src),
            "2025년 4월 25일\nT\n(Ann Lee)\nWe study a method.\n가 줄.\n나 줄.\nOne.\r\nOne.\n#x\n"
        );
    }
}
