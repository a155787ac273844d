use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::Span;
use crate::syntax::arxiv::{IdProblem, bare_links, is_old_style, paper_link, parse_new};

pub struct InvalidArxivId;

static META: RuleMeta = RuleMeta {
    code: "L003",
    name: "invalid-arxiv-id",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "An arXiv link whose identifier cannot exist, or is newer than the digest.",
    doc: r#"
## What it does
Reads the identifier of every arXiv paper link (`/abs/`, `/pdf/` and
`/html/` pages, with or without a scheme) and reports one that cannot be
real:
- the month (the second pair of digits) is not 01–12;
- a new-style identifier from before April 2007, when the scheme began;
- four digits after the dot from January 2015 on, or five before it;
- version `v0` (versions start at `v1`);
- a paper from a later month than the digest's date header: a digest
  cannot cite a paper that did not exist yet.

## Why is this bad?
The link leads to the wrong paper or to nothing. A mistyped identifier is
easy to make and hard to see: `2503.01307` and `2305.01307` both look fine.

## Example
In a digest dated `2025년 4월 25일`:
```text
(https://arxiv.org/abs/2513.01307)   month 13
(https://arxiv.org/abs/2503.0130)    four digits in 2025
(https://arxiv.org/abs/2505.01307)   May 2025, after the digest
```

## Fix
None: only the author knows which paper was meant.
"#,
    default_enabled: true,
};

fn describe(id: &str, problem: IdProblem) -> (String, &'static str) {
    match problem {
        IdProblem::Month(m) => (
            format!("arXiv ID `{id}` has month {m:02}"),
            "an arXiv ID starts with the year and month of submission: YYMM",
        ),
        IdProblem::BeforeScheme => (
            format!("arXiv ID `{id}` is dated before April 2007, when IDs of this form began"),
            "older papers have IDs like `hep-th/9901001`",
        ),
        IdProblem::Digits { found, expected } => (
            format!(
                "arXiv ID `{id}` has {found} digits after the dot; IDs {} have {expected}",
                if expected == 5 {
                    "from 2015 on"
                } else {
                    "before 2015"
                }
            ),
            "YYMM.NNNN from 2007-04 to 2014-12, YYMM.NNNNN from 2015-01",
        ),
        IdProblem::VersionZero => (
            format!("arXiv ID `{id}` has version 0"),
            "versions count from v1",
        ),
        IdProblem::Newer(d) => (
            format!("arXiv ID `{id}` is newer than this digest, dated {d}"),
            "check the ID, or the date header",
        ),
    }
}

impl Rule for InvalidArxivId {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let date = cx.header_date().filter(|d| (1..=12).contains(&d.month));
        for (index, line) in cx.digest.lines.iter().enumerate() {
            // A link without a scheme is an `arxiv.org/` link.
            let bare = if cx.mentions_arxiv(index) {
                bare_links(line.text.text(cx.src), line.text.start, &line.links)
            } else {
                Vec::new()
            };
            let spans = line.links.iter().map(|l| l.span).chain(bare);
            for span in spans {
                let Some(link) = paper_link(span.text(cx.src)) else {
                    continue;
                };
                let at = span.start + link.id_start;
                let id_span = Span::new(at, at + link.id.len());
                if let Some(id) = parse_new(link.id) {
                    if let Some(problem) = id.problem(date) {
                        let (message, help) = describe(link.id, problem);
                        out.push(Diagnostic::new(&META, id_span, message).help(help));
                    }
                } else if link.id.starts_with(|c: char| c.is_ascii_digit())
                    && !is_old_style(link.id)
                    && !link.extra
                {
                    out.push(
                        Diagnostic::new(
                            &META,
                            id_span,
                            format!("`{}` is not an arXiv ID", link.id),
                        )
                        .help("arXiv IDs look like `2503.01307`: YYMM, a dot, then the number"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lint;
    use crate::rules::only;

    fn l003(line: &str) -> Vec<String> {
        let src = format!("2025년 4월 25일\nT\n(Ann Lee)\n가 {line}\nOne {line}\n#x\n");
        lint::check(&src, None, &only(&["L003"]))
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn only_an_identifier_that_starts_with_a_digit_can_be_a_bad_new_one() {
        // Neither is a new-style ID, nor an old one: a page of the site
        // that is not a paper, not a mistyped ID.
        assert!(l003("(https://arxiv.org/abs/abcd)").is_empty());
        assert!(l003("(https://arxiv.org/abs/hep-th)").is_empty());
        assert_eq!(
            l003("(https://arxiv.org/abs/25x4)"),
            ["`25x4` is not an arXiv ID"; 2]
        );
    }
}
