use super::{Reading, SepKind, Separator, readings};
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::parser::{Expected, SyntaxError, authors_expectations};
use crate::syntax::text::has_hangul;
use crate::syntax::{Authors, Span};

pub struct MalformedAuthors;

static META: RuleMeta = RuleMeta {
    code: "A001",
    name: "malformed-authors",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    summary: "An authors line that is not `(` names separated by `, ` `)`.",
    doc: r#"
## What it does
Checks that the authors line is `(`, the names separated by a comma and
one space, then `)`. It reports:
- a missing `)` at the end, or a `(` or `)` inside that is not matched;
- text after the closing `)` (`(Ann Lee, Bo Kim).`, `(Ann Lee) et al.`);
- an empty list `()`, and an empty name: a leading, doubled or trailing
  comma;
- `;` or `and` used between names (`Ann Lee and Bo Kim`,
  `Ann Lee, and Bo Kim`);
- no space after a comma, or a space before one.

Where the grammar of the well-formed line stops at the defect, the
message says what it expected there and what it found ("expected `, `
or `)`, found `;`"), the finding points at that place, and a label gives
the rule's own account ("`;` between authors").

`and` counts as a separator only where every name around it looks like a
person's name; in `Institute of Science and Technology` it is part of the
name and left alone. Parentheses inside a name that match (`Tsinghua AIR
(AIR)`) are not reported, and neither are fullwidth `（ ） ，`, which are
`fullwidth-punctuation` (W008).

## Why is this bad?
The authors line is what tells a title from a paragraph; tools that split
it at `, ` to list or count authors get wrong names from `;`, `and` or a
missing space, and an unclosed `(` can swallow the line that follows when
the file is read again.

## Example
```text
(Ann Lee;Bo Kim, , Chris Park and Dana Cho,
```
becomes
```text
(Ann Lee, Bo Kim, Chris Park, Dana Cho)
```

## Fix
Safe, where the repair is clear: separators become `, `, empty names and
their commas go, an authors line wrapped in two (the last names and the
`)` on the next line) is joined, a missing final `)` is added when the
parentheses inside are balanced, and punctuation after the closing `)` is removed. An empty list or an unmatched parenthesis inside the
line needs a person.
"#,
    default_enabled: true,
};

impl Rule for MalformedAuthors {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (authors, reading) in readings(cx) {
            if let Some(d) = wrapped(cx, authors) {
                // The rest is judged on the joined line.
                out.push(d);
                continue;
            }
            let g = Grammar {
                src: cx.src,
                line: cx.digest.lines.get(authors.line).map(|l| l.text),
                said: std::cell::OnceCell::new(),
            };
            check_line(&g, authors, &reading, out);
        }
    }
}

/// An authors line wrapped in two: `(Alice Kim, Bob Lee,` with no `)`,
/// and on the next line the last names and the `)` (`Carol Park)`: no
/// `(`, no Hangul). The fix joins the two lines; adding a `)` to the first
/// would leave the last names behind as a stray line.
fn wrapped(cx: &Context<'_>, authors: &Authors) -> Option<Diagnostic> {
    if authors.close.is_some() {
        return None;
    }
    let line = cx.digest.lines.get(authors.line)?;
    let next = cx.digest.lines.get(authors.line + 1)?;
    let first = line.text.text(cx.src).trim_end();
    let rest = next.text.text(cx.src);
    let names = rest.trim();
    if names.is_empty()
        || names.contains(['(', '（'])
        || !names.ends_with([')', '）'])
        || has_hangul(names)
    {
        return None;
    }
    let from = line.text.start + first.len();
    let to = next.text.start + (rest.len() - rest.trim_start().len());
    let glue = if first.ends_with([',', '，']) {
        " "
    } else {
        ", "
    };
    let tail = Span::new(to, to + names.len());
    Some(
        Diagnostic::new(
            &META,
            authors.open,
            "the authors line is wrapped: its last names and `)` are on the next line",
        )
        .label(tail, "the rest of the authors line")
        .help("an authors line is one line")
        .fix(Fix::safe(
            "Join the two lines",
            vec![Edit::replace(Span::new(from, to), glue)],
        )),
    )
}

/// An authors line's text and what the grammar expected at each place it
/// departs from the well-formed line (`authors_expectations`), read only
/// when a finding is to be worded: most lines have none.
struct Grammar<'a> {
    src: &'a str,
    line: Option<Span>,
    said: std::cell::OnceCell<Vec<SyntaxError>>,
}

impl Grammar<'_> {
    /// `d` worded from what the grammar expected, where the grammar
    /// stopped at `d`'s place (or in the white space right after it) and
    /// expected `wanted` there: the message becomes the grammar's (`expected
    /// `, ` or `)`, found `;``, then `suffix`), the primary place the
    /// character the grammar found, and the finding's own place a label
    /// with its former message (which says what the rule makes of it).
    /// Otherwise `d` as it is.
    fn word(&self, mut d: Diagnostic, wanted: Expected, suffix: &str) -> Diagnostic {
        let src = self.src;
        let reaches = |e: &&SyntaxError| {
            d.span.start <= e.offset
                && src
                    .get(d.span.end.min(e.offset)..e.offset)
                    .is_some_and(|gap| gap.trim().is_empty())
        };
        let said = self.said.get_or_init(|| {
            self.line
                .map(|l| authors_expectations(l.text(src), l.start))
                .unwrap_or_default()
        });
        let Some(e) = said
            .iter()
            .filter(|e| e.expected.contains(wanted))
            .find(reaches)
        else {
            return d;
        };
        let stop = e.span(src);
        let former = std::mem::replace(&mut d.message, format!("{}{suffix}", e.message(src)));
        d.first_label(d.span, former);
        d.span = stop;
        d
    }
}

fn check_line(g: &Grammar<'_>, authors: &Authors, r: &Reading, out: &mut Vec<Diagnostic>) {
    let src = g.src;
    if r.segments.is_empty() {
        out.push(g.word(
            Diagnostic::new(
                &META,
                authors.open.cover(authors.close.unwrap_or(authors.open)),
                "empty authors list",
            ),
            Expected::NAME,
            "",
        ));
        return;
    }
    check_parentheses(g, authors, r, out);
    let punct: Vec<Separator> = r
        .separators
        .iter()
        .copied()
        .filter(|s| matches!(s.kind, SepKind::Comma | SepKind::Semicolon))
        .collect();
    check_empty_names(g, r, &punct, out);
    check_semicolons(g, r, out);
    check_and(src, r, out);
    check_comma_spacing(g, r, &punct, out);
}

/// One finding for every separator of a kind: the first is the primary
/// place, the others are labels, and one fix carries every edit. Worded
/// from the grammar where it expected `worded`'s expectation there.
fn grouped(
    spans: &[Span],
    what: &str,
    worded: Option<(&Grammar<'_>, Expected)>,
    fix_message: &'static str,
    edits: Vec<Edit>,
    out: &mut Vec<Diagnostic>,
) {
    let Some((&first, rest)) = spans.split_first() else {
        return;
    };
    // Worded only here: most lines have nothing to group.
    let times = times(spans.len());
    let mut d = Diagnostic::new(&META, first, format!("{what}{times}"));
    if let Some((g, wanted)) = worded {
        d = g.word(d, wanted, &times);
    }
    for &s in rest {
        d = d.label(s, "here too");
    }
    out.push(d.fix(Fix::safe(fix_message, edits)));
}

fn times(n: usize) -> String {
    if n == 1 {
        String::new()
    } else {
        format!(" ({n} times)")
    }
}

fn check_parentheses(g: &Grammar<'_>, authors: &Authors, r: &Reading, out: &mut Vec<Diagnostic>) {
    let src = g.src;
    let mut open = Vec::new();
    let mut stray = None;
    for (i, c) in r.inner.text(src).char_indices() {
        let at = r.inner.start + i;
        match c {
            '(' | '（' => open.push(Span::new(at, at + c.len_utf8())),
            ')' | '）' if open.pop().is_none() && stray.is_none() => {
                stray = Some(Span::new(at, at + c.len_utf8()));
            }
            _ => {}
        }
    }
    if let Some(paren) = stray
        && open.is_empty()
        && authors.close.is_none()
        && let Some(tail) = tail_after(src, paren, r.inner.end)
    {
        // `(Ann Lee, Bo Kim).`: the list is closed, then the line goes on.
        let text = tail.text(src);
        let d = Diagnostic::new(
            &META,
            tail,
            format!("`{text}` after the `)` that closes the authors line"),
        )
        .label(paren, "the authors line ends here");
        let d = g.word(d, Expected::END_OF_LINE, "");
        out.push(if text.contains(|c: char| c.is_alphanumeric()) {
            d.help("the authors line holds only the names: list every author, or delete the text")
        } else {
            d.fix(Fix::safe(
                format!("Remove `{text}`"),
                vec![Edit::delete(Span::new(paren.end, tail.end))],
            ))
        });
        return;
    }
    if let Some(span) = stray.or(open.first().copied()) {
        let c = span.text(src);
        out.push(
            Diagnostic::new(
                &META,
                span,
                format!("unmatched `{c}` inside the authors line"),
            )
            .help("a name holds no parenthesis; the authors line is `(` names `)`"),
        );
    } else if authors.close.is_none() {
        let end = Span::new(r.inner.end, r.inner.end);
        let d = Diagnostic::new(&META, end, "authors line has no closing `)`");
        let worded = g.word(d.clone(), Expected::CLOSE_PARENTHESIS, "");
        let d = if worded.message == d.message {
            Diagnostic::new(&META, authors.open, d.message).label(end, "`)` expected here")
        } else {
            // The grammar's place is the line's end; the `(` it opened with
            // is the other end of the story.
            worded.label(authors.open, "the authors line opens here")
        };
        out.push(d.fix(Fix::safe(
            "Add `)` at the end",
            vec![Edit::insert(r.inner.end, ")")],
        )));
    }
}

/// The text after the `)` at `paren` up to `end`, trimmed, when it is only
/// sentence punctuation or `et al.`: what a line that closes its list too
/// early carries.
fn tail_after(src: &str, paren: Span, end: usize) -> Option<Span> {
    let after = src.get(paren.end..end)?;
    let text = after.trim();
    let words = text.trim_matches(['.', ',', ';', ':']);
    if text.is_empty() || !(words.is_empty() || words.eq_ignore_ascii_case("et al")) {
        return None;
    }
    let start = paren.end + (after.len() - after.trim_start().len());
    Some(Span::new(start, start + text.len()))
}

fn check_empty_names(g: &Grammar<'_>, r: &Reading, punct: &[Separator], out: &mut Vec<Diagnostic>) {
    let src = g.src;
    let n = r.segments.len();
    if n != punct.len() + 1 {
        return;
    }
    for (i, seg) in r.segments.iter().enumerate() {
        if !seg.is_empty() {
            continue;
        }
        let (span, message, delete) = if i == 0 {
            let Some(sep) = punct.first() else { continue };
            let to = r
                .segments
                .get(1)
                .filter(|s| !s.is_empty())
                .map_or(sep.span.end, |s| s.start);
            (
                sep.span,
                format!("`{}` before the first name", sep.span.text(src)),
                Span::new(r.inner.start, to),
            )
        } else if i + 1 == n {
            let Some(sep) = punct.get(i - 1) else {
                continue;
            };
            let from = r
                .segments
                .get(i - 1)
                .filter(|s| !s.is_empty())
                .map_or(sep.span.start, |s| s.end);
            (
                sep.span,
                format!("trailing `{}` after the last name", sep.span.text(src)),
                Span::new(from, r.inner.end),
            )
        } else {
            let (Some(before), Some(after)) = (punct.get(i - 1), punct.get(i)) else {
                continue;
            };
            (
                before.span.cover(after.span),
                format!(
                    "empty name between `{}` and `{}`",
                    before.span.text(src),
                    after.span.text(src)
                ),
                Span::new(before.span.end, after.span.end),
            )
        };
        let d = g.word(Diagnostic::new(&META, span, message), Expected::NAME, "");
        out.push(d.fix(Fix::safe(
            "Remove the empty name",
            vec![Edit::delete(delete)],
        )));
    }
}

/// The span from the end of the text before `sep` to the start of the text
/// after it, inside `inner`: the separator with its white space.
fn with_space(src: &str, inner: Span, sep: Span) -> Span {
    let before = src.get(inner.start..sep.start).unwrap_or("");
    let after = src.get(sep.end..inner.end).unwrap_or("");
    Span::new(
        inner.start + before.trim_end().len(),
        sep.end + (after.len() - after.trim_start().len()),
    )
}

fn check_semicolons(g: &Grammar<'_>, r: &Reading, out: &mut Vec<Diagnostic>) {
    let src = g.src;
    let spans: Vec<Span> = r
        .separators
        .iter()
        .filter(|s| s.kind == SepKind::Semicolon)
        .map(|s| s.span)
        .collect();
    // Neighbouring semicolons (`a; ; b`) share the white space between
    // them: their edits merge into one, so the fix's edits never overlap.
    let mut merged: Vec<Span> = Vec::new();
    for span in spans.iter().map(|&s| with_space(src, r.inner, s)) {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => *last = last.cover(span),
            _ => merged.push(span),
        }
    }
    let edits = merged.into_iter().map(|s| Edit::replace(s, ", ")).collect();
    grouped(
        &spans,
        "`;` between authors",
        Some((g, Expected::NAME_SEPARATOR)),
        "Separate the names with `, `",
        edits,
        out,
    );
}

fn check_and(src: &str, r: &Reading, out: &mut Vec<Diagnostic>) {
    let seps: Vec<Separator> = r
        .separators
        .iter()
        .copied()
        .filter(|s| matches!(s.kind, SepKind::And | SepKind::AndAfterComma))
        .collect();
    let spans: Vec<Span> = seps.iter().map(|s| s.span).collect();
    let edits = seps
        .iter()
        .map(|s| {
            let around = with_space(src, r.inner, s.span);
            if s.kind == SepKind::And {
                Edit::replace(around, ", ")
            } else {
                Edit::delete(Span::new(s.span.start, around.end))
            }
        })
        .collect();
    grouped(
        &spans,
        "`and` between authors",
        None,
        "Separate the names with `, `",
        edits,
        out,
    );
}

fn check_comma_spacing(
    g: &Grammar<'_>,
    r: &Reading,
    punct: &[Separator],
    out: &mut Vec<Diagnostic>,
) {
    let src = g.src;
    let mut no_space = Vec::new();
    let mut space_before = Vec::new();
    for (i, sep) in punct.iter().enumerate() {
        if sep.span.text(src) != "," {
            continue;
        }
        let next = src
            .get(sep.span.end..r.inner.end)
            .and_then(|s| s.chars().next());
        if next.is_some_and(|c| !c.is_whitespace() && !matches!(c, ',' | '，' | ';')) {
            no_space.push(sep.span);
        }
        if let Some(seg) = r.segments.get(i).filter(|s| !s.is_empty())
            && seg.end < sep.span.start
        {
            space_before.push(Span::new(seg.end, sep.span.start));
        }
    }
    let edits = no_space.iter().map(|s| Edit::insert(s.end, " ")).collect();
    grouped(
        &no_space,
        "no space after `,` between authors",
        Some((g, Expected::SPACE)),
        "Add a space after the comma",
        edits,
        out,
    );
    let edits = space_before.iter().map(|&s| Edit::delete(s)).collect();
    grouped(
        &space_before,
        "space before `,` between authors",
        Some((g, Expected::NAME_SEPARATOR)),
        "Remove the space before the comma",
        edits,
        out,
    );
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Applicability;
    use crate::lint;
    use crate::rules::only;

    /// A finding as (message, primary text or `""` at the end, labels as
    /// (text, message)).
    type Shown = (String, String, Vec<(String, String)>);

    fn a001(authors: &str) -> Vec<Shown> {
        let src = format!("2025년 4월 25일\nA Title\n{authors}\n가나다.\nAbc.\n#x\n");
        let config = only(&["A001"]);
        lint::check(&src, None, &config)
            .iter()
            .map(|d| {
                (
                    d.message.clone(),
                    d.span.text(&src).to_string(),
                    d.labels
                        .iter()
                        .map(|l| (l.span.text(&src).to_string(), l.message.to_string()))
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_missing_parenthesis_is_worded_from_the_grammar_at_the_end() {
        assert_eq!(
            a001("(Ann Lee, Bo Kim"),
            [(
                "expected `, ` or `)`, found the end of the line".to_string(),
                String::new(),
                vec![
                    (String::new(), "authors line has no closing `)`".to_string()),
                    ("(".to_string(), "the authors line opens here".to_string()),
                ]
            )]
        );
    }

    /// The authors line after A001's safe fixes, when `lines` (an authors
    /// line and what follows it) stand after a title.
    fn joined(lines: &str) -> Option<String> {
        let src = format!("2025년 4월 25일\nA Title\n{lines}\n가나다.\nAbc.\n#x\n");
        let config = only(&["A001"]);
        let fixes: Vec<_> = lint::check(&src, None, &config)
            .into_iter()
            .filter_map(|d| d.fix.filter(|f| f.applicability == Applicability::Safe))
            .collect();
        if fixes.is_empty() {
            return None;
        }
        let (text, _) = crate::fix::apply_fixes(&src, &fixes);
        text.lines().nth(2).map(str::to_string)
    }

    #[test]
    fn a_wrapped_authors_line_is_joined_whole() {
        assert_eq!(
            joined("(Alice Kim, Bob Lee,\nCarol Park)").as_deref(),
            Some("(Alice Kim, Bob Lee, Carol Park)")
        );
        // No comma at the break: one is put in; spaces around it go.
        assert_eq!(
            joined("(Alice Kim, Bob Lee  \n   Carol Park, Dan Cho)").as_deref(),
            Some("(Alice Kim, Bob Lee, Carol Park, Dan Cho)")
        );
        let found = a001("(Alice Kim, Bob Lee,\nCarol Park)");
        assert_eq!(
            found,
            [(
                "the authors line is wrapped: its last names and `)` are on the next line"
                    .to_string(),
                "(".to_string(),
                vec![(
                    "Carol Park)".to_string(),
                    "the rest of the authors line".to_string()
                )]
            )]
        );
    }

    #[test]
    fn separators_out_of_place_are_fixed() {
        for (line, want) in [
            ("(Ann Lee, Bo Kim,)", "(Ann Lee, Bo Kim)"),
            ("(Ann Lee; ; Bo Kim)", "(Ann Lee, Bo Kim)"),
            ("(Ann Lee; Bo Kim; Cy Oh)", "(Ann Lee, Bo Kim, Cy Oh)"),
        ] {
            assert_eq!(joined(line).as_deref(), Some(want), "{line}");
        }
        // The trailing separator's edit takes the space before it too (the
        // first edit is the space's own finding).
        let src = "2025년 4월 25일\nA Title\n(Ann Lee, Bo Kim ,)\n가나다.\nAbc.\n#x\n";
        let edits: Vec<&str> = lint::check(src, None, &only(&["A001"]))
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| f.edits.iter().map(|e| e.span.text(src)))
            .collect();
        assert_eq!(edits, [" ", " ,"]);
    }

    #[test]
    fn a_next_line_that_is_not_the_rest_is_not_joined() {
        for lines in [
            // Another parenthesis, no closing one, Hangul, nothing.
            "(Alice Kim, Bob Lee,\n(Carol Park)",
            "(Alice Kim, Bob Lee,\nCarol Park",
            "(Alice Kim, Bob Lee,\n박가을)",
            "(Alice Kim, Bob Lee,\n  )",
            // A closed line has nothing wrapped.
            "(Alice Kim, Bob Lee)\nCarol Park)",
        ] {
            let fixed = joined(lines);
            assert!(
                fixed
                    .as_deref()
                    .is_none_or(|l| !l.contains("Carol") && !l.contains("박")),
                "{lines:?}: {fixed:?}"
            );
        }
    }

    #[test]
    fn findings_the_grammar_does_not_see_keep_their_words() {
        // `and` between two names reads as one name to the grammar.
        let found = a001("(Ann Lee and Bo Kim)");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "`and` between authors");
        assert_eq!(found[0].1, "and");
        assert!(found[0].2.is_empty());
    }
}
