use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::arxiv::{Page, canonical_url, paper_link, split_url};

pub struct NoncanonicalArxivUrl;

static META: RuleMeta = RuleMeta {
    code: "L004",
    name: "noncanonical-arxiv-url",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "An arXiv paper link in another form than `https://arxiv.org/abs/ID`.",
    doc: r#"
## What it does
Finds links to an arXiv paper's abstract or PDF that are not written
`https://arxiv.org/abs/ID`: a `/pdf/ID` link, an `ID.pdf` file name, the
`www.arxiv.org` or `export.arxiv.org` host, or `http://`. Links with a
query or a fragment (`#page=3`) and links to the HTML page are left alone.

## Why is this bad?
The digest cites papers the same way everywhere: one form is easy to
search for, to compare between the Korean and the English commentary, and
to find twice. The abstract page links on to the PDF and every version.

## Example
```text
(http://www.arxiv.org/pdf/2503.01307v2.pdf)
```
becomes
```text
(https://arxiv.org/abs/2503.01307v2)
```

## Fix
Safe: the link is rewritten to `https://arxiv.org/abs/ID`, keeping a `vN`
version suffix. It names the same paper.
"#,
    default_enabled: true,
};

impl Rule for NoncanonicalArxivUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for link in cx.digest.lines.iter().flat_map(|l| &l.links) {
            let url = link.span.text(cx.src);
            let Some(canonical) = canonical_url(url) else {
                continue;
            };
            let mut why = Vec::new();
            let (scheme, host, _) = split_url(url);
            if scheme.is_some_and(|s| s != "https://") {
                why.push(format!("`{}`", scheme.unwrap_or_default()));
            }
            if host != "arxiv.org" {
                why.push(format!("host `{host}`"));
            }
            if let Some(p) = paper_link(url) {
                if p.page == Page::Pdf {
                    why.push("the PDF page".to_string());
                }
                if url.ends_with(".pdf") && p.page != Page::Pdf {
                    why.push("`.pdf`".to_string());
                }
                if url.ends_with('/') {
                    why.push("a trailing `/`".to_string());
                }
            }
            let message = if why.is_empty() {
                format!("arXiv link `{url}` is not in canonical form")
            } else {
                format!("arXiv link `{url}` uses {}", why.join(", "))
            };
            out.push(
                Diagnostic::new(&META, link.span, message)
                    .help(format!("link the abstract page: `{canonical}`"))
                    .fix(Fix::safe(
                        format!("Replace with `{canonical}`"),
                        vec![Edit::replace(link.span, canonical)],
                    )),
            );
        }
    }
}
