use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::Span;
use crate::syntax::arxiv::{canonical_url, split_url};

pub struct InsecureUrl;

static META: RuleMeta = RuleMeta {
    code: "L002",
    name: "insecure-url",
    severity: Severity::Warning,
    fix: FixAvailability::Safe,
    summary: "An `http://` link to a host that serves the same page over https.",
    doc: r#"
## What it does
Finds `http://` links to hosts known to serve every page over https:
arxiv.org, github.com and GitHub Pages (`*.github.io`), huggingface.co,
openreview.net, the ACL Anthology, doi.org, Wikipedia, YouTube, X
(Twitter) and a few more.

Links to arXiv papers are left to `noncanonical-arxiv-url` (L004), which
rewrites them whole to `https://arxiv.org/abs/ID`, and Markdown links
(`[http://a.io](http://a.io)`) to `malformed-url` (L001): the URL left by
its fix is checked on the next pass.

## Why is this bad?
A plain-http link is redirected at best and can be tampered with on the
way at worst; the https link opens the same page directly.

## Example
```text
Code: http://github.com/example/project
```
becomes
```text
Code: https://github.com/example/project
```

## Fix
Safe: `http://` becomes `https://`. These hosts serve the same path over
https, so the link still opens the same page.
"#,
    default_enabled: true,
};

/// Hosts (and, with a leading dot, every subdomain of a domain) that serve
/// all their pages over https at the same path.
const HTTPS_HOSTS: &[&str] = &[
    "arxiv.org",
    ".arxiv.org",
    "github.com",
    ".github.com",
    ".github.io",
    ".githubusercontent.com",
    "huggingface.co",
    ".huggingface.co",
    "hf.co",
    "openreview.net",
    ".openreview.net",
    "aclanthology.org",
    "doi.org",
    "dx.doi.org",
    ".wikipedia.org",
    "youtube.com",
    ".youtube.com",
    "youtu.be",
    "x.com",
    "twitter.com",
    ".twitter.com",
    "openai.com",
    ".openai.com",
    "paperswithcode.com",
    ".paperswithcode.com",
    "proceedings.neurips.cc",
    "proceedings.mlr.press",
    "colab.research.google.com",
    "sites.google.com",
    "deepmind.google",
];

fn serves_https(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    HTTPS_HOSTS.iter().any(|h| match h.strip_prefix('.') {
        Some(domain) => host
            .strip_suffix(domain)
            .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.')),
        None => host == *h,
    })
}

impl Rule for InsecureUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for link in cx.digest.lines.iter().flat_map(|l| &l.links) {
            let url = link.span.text(cx.src);
            let (Some(scheme), host, _) = split_url(url) else {
                continue;
            };
            if !scheme.eq_ignore_ascii_case("http://")
                || !serves_https(host)
                || canonical_url(url).is_some()
                // A Markdown link `[url](url)` read as one: L001 rewrites it
                // first, and the URL left is checked then.
                || url.contains("](")
            {
                continue;
            }
            let scheme_span = Span::new(link.span.start, link.span.start + scheme.len());
            out.push(
                Diagnostic::new(
                    &META,
                    scheme_span,
                    format!("`{url}` uses http, but `{host}` serves https"),
                )
                .fix(Fix::safe(
                    "Use `https://`",
                    vec![Edit::replace(scheme_span, "https://")],
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        for h in [
            "github.com",
            "GitHub.com",
            "kylesargent.github.io",
            "en.wikipedia.org",
            "arxiv.org",
        ] {
            assert!(serves_https(h), "{h}");
        }
        for h in [
            "github.io",
            "notgithub.com",
            "example.org",
            "wikipedia.org.evil.net",
            // Nothing before the dot: not a subdomain.
            ".github.io",
        ] {
            assert!(!serves_https(h), "{h}");
        }
    }
}
