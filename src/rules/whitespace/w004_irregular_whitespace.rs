use super::plural;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::format::normalize::{Place, SpaceRun, may_have_space_runs, space_runs};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::Span;
use crate::syntax::parser::is_tags_like;

pub struct IrregularWhitespace;

static META: RuleMeta = RuleMeta {
    code: "W004",
    name: "irregular-whitespace",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "Tabs, Unicode spaces, zero-width characters, a byte-order mark, runs of spaces or leading white space.",
    doc: r#"
## What it does
Finds white space that is not a single ASCII space between two words:
- a tab, a no-break space (U+00A0), the ideographic space (U+3000) or
  another Unicode space;
- zero-width characters (U+200B, U+200C, U+200D, U+2060, U+FEFF) inside
  the text; a zero-width joiner inside an emoji sequence is left alone;
- a byte-order mark at the start of the file;
- two or more spaces in a row inside a line;
- white space at the start of a line.

Each run of such characters is one finding, pointing at exactly that run;
several runs of tabs, Unicode spaces or zero-width characters inside one
line (a no-break space between every pair of words) are one finding,
with every run underlined.
White space at the end of a line is `trailing-whitespace` (`W001`);
control characters such as a form feed are `control-character` (`W007`).

## Why is this bad?
These characters look like an ordinary space, or like nothing at all, but
they are different text: a search for `Sparse Attention` misses
`Sparse␣␣Attention` or `Sparse\u00A0Attention`, a zero-width space splits
a word in two for every tool, and a tags line separated by a tab no longer
reads as tags to some tools.

## Example
```text
미드트레이닝을␣␣사용해␉Llama의 추론
```
should be
```text
미드트레이닝을 사용해 Llama의 추론
```

## Fix
Safe: a run inside a line becomes one space (zero-width characters alone
are removed; on a tags line, right before a `#`, where they separate two
tags, they become a space); white space at the start of a line and a byte-order mark are
removed. `fmt` applies the same repairs.
"#,
    default_enabled: true,
};

impl Rule for IrregularWhitespace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        if cx.digest.bom {
            let span = Span::new(0, '\u{FEFF}'.len_utf8());
            out.push(
                Diagnostic::new(&META, span, "byte-order mark at the start of the file")
                    .help("UTF-8 needs no byte-order mark; some tools show it as a stray character")
                    .fix(Fix::safe(
                        "Remove the byte-order mark",
                        vec![Edit::delete(span)],
                    )),
            );
        }
        // Most files have no run to report: a look at each line's ends
        // and one search of the file tell.
        if !may_have_space_runs(cx.digest) {
            return;
        }
        for line in &cx.digest.lines {
            let text = line.text.text(cx.src);
            let tags = is_tags_like(text);
            // Runs of Unicode spaces, tabs and zero-width characters inside
            // the line, which a pasted line holds by the dozen, are grouped;
            // leading white space and runs of plain spaces keep their own
            // finding and message.
            let mut found: Vec<(Diagnostic, String)> = Vec::new();
            for run in space_runs(text, tags) {
                if run.place == Place::Trailing && !run.is_zero_width_only() {
                    continue; // trailing-whitespace
                }
                let span = Span::new(
                    line.text.start + run.range.start,
                    line.text.start + run.range.end,
                );
                let (message, fix) = describe(&run);
                let mut d = Diagnostic::new(&META, span, message)
                    .fix(Fix::safe(fix, vec![Edit::replace(span, run.replacement)]));
                if run.is_irregular() {
                    d = d.help(
                        "the format separates words with single ASCII spaces; other white space looks the same but is different text",
                    );
                }
                if run.is_irregular() && run.place == Place::Inside {
                    found.push((d, run.describe()));
                } else {
                    out.push(d);
                }
            }
            group_line(found, out);
        }
    }
}

/// Several runs in one line are one finding: a line pasted from a web page
/// can hold a no-break space between every pair of words. The first run is
/// the primary span, the others are labels, and one safe fix repairs all.
fn group_line(found: Vec<(Diagnostic, String)>, out: &mut Vec<Diagnostic>) {
    if found.len() < 2 {
        out.extend(found.into_iter().map(|(d, _)| d));
        return;
    }
    let mut distinct: Vec<(&str, usize)> = Vec::new();
    for (_, what) in &found {
        match distinct.iter_mut().find(|(w, _)| *w == what.as_str()) {
            Some((_, n)) => *n += 1,
            None => distinct.push((what.as_str(), 1)),
        }
    }
    let list = distinct
        .iter()
        .map(|(w, n)| match n {
            1 => (*w).to_string(),
            n => format!("{w} ({n} times)"),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let Some((first, _)) = found.first() else {
        return;
    };
    let mut merged = Diagnostic::new(
        &META,
        first.span,
        format!(
            "irregular white space in {} places in one line: {list}",
            found.len()
        ),
    );
    for (d, _) in found.iter().skip(1) {
        merged = merged.label(d.span, "");
    }
    if let Some(help) = found.iter().find_map(|(d, _)| d.help.clone()) {
        merged = merged.help(help);
    }
    let edits: Vec<Edit> = found
        .iter()
        .filter_map(|(d, _)| d.fix.as_ref())
        .flat_map(|f| f.edits.iter().cloned())
        .collect();
    merged = merged.fix(Fix::safe(
        format!("Repair the white space in the {} places", found.len()),
        edits,
    ));
    out.push(merged);
}

fn describe(run: &SpaceRun) -> (String, &'static str) {
    let what = run.describe();
    match run.place {
        Place::Leading => (
            format!("line starts with {what}"),
            "Remove the leading white space",
        ),
        Place::Trailing => (
            format!("{what} at the end of the line"),
            "Remove the zero-width characters",
        ),
        Place::Inside if run.is_zero_width_only() && run.replacement == " " => {
            (format!("{what} between tags"), "Replace with a space")
        }
        Place::Inside if run.is_zero_width_only() => (
            format!("{what} inside the text"),
            "Remove the zero-width characters",
        ),
        Place::Inside if !run.is_irregular() => (
            format!("{} in a row", plural(run.spaces, "space")),
            "Replace with one space",
        ),
        Place::Inside => (
            format!("{what} where one space belongs"),
            "Replace with one space",
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::lint;
    use crate::rules::only;

    #[test]
    fn trailing_spaces_are_w001s_and_a_trailing_zero_width_space_is_w004s() {
        let config = only(&["W004"]);
        let src = "2025년 4월 25일\nT\n(Ann Lee)\n한 줄.  \nOne.\u{200b}\n#x\n";
        let found: Vec<&str> = lint::check(src, None, &config)
            .iter()
            .map(|d| &src[d.span.start..d.span.end])
            .collect();
        assert_eq!(found, ["\u{200b}"]);
    }

    /// A file whose one odd space is a single space opening a line (no
    /// tab, no two spaces, nothing at the line's end) is still read line
    /// by line: the search of the whole file does not see line starts.
    #[test]
    fn a_lone_leading_space_is_found() {
        let config = only(&["W004"]);
        let src = "2025년 4월 25일\nT\n(Ann Lee)\n 한 줄.\nOne.\n#x\n";
        let found: Vec<usize> = lint::check(src, None, &config)
            .iter()
            .map(|d| d.span.start)
            .collect();
        assert_eq!(found, [src.find(" 한").unwrap_or(usize::MAX)]);
    }

    #[test]
    fn a_zero_width_space_inside_a_word_is_removed_not_made_a_space() {
        let config = only(&["W004"]);
        let src = "2025년 4월 25일\nT\n(Ann Lee)\n한 줄.\nOne\u{200b}word.\n#x\n";
        let found = lint::check(src, None, &config);
        let [d] = found.as_slice() else {
            panic!("{found:?}");
        };
        assert_eq!(d.message, "a zero-width space (U+200B) inside the text");
        let fix = d.fix.as_ref().map(|f| &*f.message);
        assert_eq!(fix, Some("Remove the zero-width characters"));
    }
}
