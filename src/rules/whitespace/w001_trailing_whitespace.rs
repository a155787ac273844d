use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::format::normalize::{Place, space_runs};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::Span;
use crate::syntax::parser::is_tags_like;

pub struct TrailingWhitespace;

static META: RuleMeta = RuleMeta {
    code: "W001",
    name: "trailing-whitespace",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "Spaces or tabs at the end of a line.",
    doc: r#"
## What it does
Finds white space at the end of a line: spaces, tabs and other Unicode
spaces (a no-break space, the ideographic space U+3000), and white space on
an otherwise blank line. Each run is one finding, pointing at exactly the
characters to remove.

## Why is this bad?
Trailing white space is invisible, so it differs from file to file without
anyone meaning it to: it makes noisy diffs and trips up searches for a line
that ends in a given word.

## Example
```text
#reasoning #rl␠␠
```
should be
```text
#reasoning #rl
```

## Fix
Safe: removes the run. `fmt` does the same.
"#,
    default_enabled: true,
};

impl Rule for TrailingWhitespace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for line in &cx.digest.lines {
            let text = line.text.text(cx.src);
            if !text.ends_with(|c: char| c.is_whitespace() || crate::syntax::text::is_zero_width(c))
            {
                continue;
            }
            for run in space_runs(text, is_tags_like(text)) {
                if run.place != Place::Trailing || run.is_zero_width_only() {
                    continue;
                }
                let span = Span::new(
                    line.text.start + run.range.start,
                    line.text.start + run.range.end,
                );
                let message = if run.range.start == 0 {
                    format!("blank line holds {}", run.describe())
                } else {
                    format!("trailing white space: {}", run.describe())
                };
                out.push(Diagnostic::new(&META, span, message).fix(Fix::safe(
                    "Remove the trailing white space",
                    vec![Edit::delete(span)],
                )));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint;
    use crate::rules::only;

    /// Where each W001 finding of `src` starts and ends.
    fn found(src: &str) -> Vec<(usize, usize)> {
        let config = only(&["W001"]);
        lint::check(src, None, &config)
            .iter()
            .map(|d| (d.span.start, d.span.end))
            .collect()
    }

    #[test]
    fn only_the_run_at_the_end_of_a_line_is_reported() {
        // Two spaces inside a line, and a zero-width space alone at the
        // end of one, are not trailing white space.
        let src = "2025년 4월 25일\nT\n(Ann Lee)\n한  줄. \nOne\u{200b}\n#x\n";
        let at = src.find(". \n").unwrap() + 1;
        assert_eq!(found(src), [(at, at + 1)]);
    }
}
