use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::arxiv::{bare_links, split_url};
use crate::syntax::{Line, Span};

pub struct MalformedUrl;

static META: RuleMeta = RuleMeta {
    code: "L001",
    name: "malformed-url",
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    summary: "A link that is not an absolute http(s) URL with a host, or whose parentheses do not match.",
    doc: r#"
## What it does
Checks every link on every line:
- after `http://` or `https://` comes a host name (`arxiv.org`,
  `kellerjordan.github.io`), not nothing and not a second scheme;
- an arXiv link written without a scheme (`arxiv.org/abs/2503.01307`) is
  reported, because readers and tools do not take it for a link;
- a Markdown link (`[https://a.org](https://a.org)`) is reported: the
  format is plain text, and the brackets end up inside the URL;
- a `(` right before a link is closed somewhere later on the line, and a
  `)` right after a link closes a `(` opened before it.

## Why is this bad?
A link without a scheme or host does not open when clicked, and a missing
parenthesis makes the link and the sentence around it hard to tell apart
(many viewers take the `)` into the URL).

## Example
```text
(arxiv.org/abs/2503.01307)
https://https://github.com/example/project
This builds on earlier work (https://arxiv.org/abs/2503.01307
```
become
```text
(https://arxiv.org/abs/2503.01307)
https://github.com/example/project
This builds on earlier work (https://arxiv.org/abs/2503.01307)
```

## Fix
Safe, where the repair is clear: `https://` is added to a bare arXiv link,
a doubled scheme loses its first copy, a Markdown link whose text is its
URL becomes the bare URL, and a `(` left open by a link that
ends the line is closed right after the link (unless the link holds an
unclosed `(` of its own, which would take the `)` for itself). A link
without a host and a stray `)` need a person.
"#,
    default_enabled: true,
};

impl Rule for MalformedUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for (index, line) in cx.digest.lines.iter().enumerate() {
            let arxiv = cx.mentions_arxiv(index);
            if line.links.is_empty() && !arxiv {
                continue;
            }
            for link in &line.links {
                if !check_markdown(cx.src, link.span, out)
                    && !check_markdown_target(cx.src, line, link.span, out)
                {
                    check_host(cx.src, link.span, out);
                }
            }
            check_parentheses(cx.src, line, out);
            let text = line.text.text(cx.src);
            // A link without a scheme is an `arxiv.org/` link.
            let bare = if arxiv {
                bare_links(text, line.text.start, &line.links)
            } else {
                Vec::new()
            };
            for span in bare {
                let url = span.text(cx.src);
                out.push(
                    Diagnostic::new(&META, span, format!("link `{url}` has no scheme"))
                        .help("write links in full, starting with `https://`")
                        .fix(Fix::safe(
                            "Add `https://`",
                            vec![Edit::insert(span.start, "https://")],
                        )),
                );
            }
        }
    }
}

/// A Markdown link `[text](target)` left in plain text: the link finder
/// reads it from the text to the closing `)`. Returns whether it was one.
fn check_markdown(src: &str, span: Span, out: &mut Vec<Diagnostic>) -> bool {
    let url = span.text(src);
    let Some((text, rest)) = url.split_once("](") else {
        return false;
    };
    let Some(target) = rest.strip_suffix(')') else {
        return false;
    };
    if span.start == 0 || src.get(span.start - 1..span.start) != Some("[") {
        return false;
    }
    let whole = Span::new(span.start - 1, span.end);
    let d = Diagnostic::new(
        &META,
        whole,
        format!("Markdown link `{}` in plain text", whole.text(src)),
    )
    .help("a digest is plain text: write the URL alone");
    out.push(if text == target {
        d.fix(Fix::safe(
            format!("Replace with `{target}`"),
            vec![Edit::replace(whole, target)],
        ))
    } else {
        d
    });
    true
}

/// A Markdown link `[text](https://...)` whose text is not a URL: the link
/// finder sees only the target. Returns whether it was one.
fn check_markdown_target(src: &str, line: &Line, span: Span, out: &mut Vec<Diagnostic>) -> bool {
    let before = src.get(line.text.start..span.start).unwrap_or("");
    let Some(head) = before.strip_suffix("](") else {
        return false;
    };
    let Some(open) = head.rfind('[') else {
        return false;
    };
    let start = line.text.start + open;
    let end = if src.get(span.end..span.end + 1) == Some(")") {
        span.end + 1
    } else {
        span.end
    };
    let whole = Span::new(start, end);
    out.push(
        Diagnostic::new(
            &META,
            whole,
            format!("Markdown link `{}` in plain text", whole.text(src)),
        )
        .help("a digest is plain text: write the text, then the URL in parentheses"),
    );
    true
}

fn check_host(src: &str, span: Span, out: &mut Vec<Diagnostic>) {
    let url = span.text(src);
    let (scheme, host, path) = split_url(url);
    let Some(scheme) = scheme else { return };
    // `https://https://host/...`: the scheme written twice.
    if (host.eq_ignore_ascii_case("https:") || host.eq_ignore_ascii_case("http:"))
        && path.starts_with("//")
    {
        let first = Span::new(span.start, span.start + scheme.len());
        out.push(
            Diagnostic::new(
                &META,
                first.cover(Span::new(first.end, first.end + host.len() + 2)),
                format!("link `{url}` repeats its scheme"),
            )
            .fix(Fix::safe(
                "Remove the first scheme",
                vec![Edit::delete(first)],
            )),
        );
        return;
    }
    if host.is_empty() {
        out.push(
            Diagnostic::new(&META, span, format!("link `{url}` has no host"))
                .help("a link needs a host name after the scheme, like `https://arxiv.org/...`"),
        );
    } else if !is_host(host) {
        let at = span.start + scheme.len();
        out.push(
            Diagnostic::new(
                &META,
                Span::new(at, at + host.len()),
                format!("`{host}` in `{url}` is not a host name"),
            )
            .help("a host is a domain name such as `github.com`, or an IP address"),
        );
    }
}

/// Whether `authority` (host with an optional user and port) names a host.
fn is_host(authority: &str) -> bool {
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.starts_with('[') {
        return host.contains(']');
    }
    let host = match host.rsplit_once(':') {
        Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
        Some(_) => return false,
        None => host,
    };
    let host = host.strip_suffix('.').unwrap_or(host);
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    };
    labels.len() >= 2 && labels.iter().all(label_ok)
}

/// Parentheses of `line`, links being opaque: the positions of `(` that are
/// never closed and of `)` that close nothing. Only the parentheses are
/// read (a byte of either is never part of another character), found by
/// memchr; the links are in order and apart, so one pass over them tells
/// which parentheses fall inside one.
fn unmatched_parentheses(src: &str, line: &Line) -> (Vec<usize>, Vec<usize>) {
    let mut open = Vec::new();
    let mut stray = Vec::new();
    let mut links = line.links.iter().peekable();
    let text = line.text.text(src);
    for i in memchr::memchr2_iter(b'(', b')', text.as_bytes()) {
        let at = line.text.start + i;
        while links.next_if(|link| link.span.end <= at).is_some() {}
        if links.peek().is_some_and(|link| link.span.start <= at) {
            continue;
        }
        if text.as_bytes().get(i) == Some(&b'(') {
            open.push(at);
        } else if open.pop().is_none() {
            stray.push(at);
        }
    }
    (open, stray)
}

fn check_parentheses(src: &str, line: &Line, out: &mut Vec<Diagnostic>) {
    if line.links.is_empty() {
        return;
    }
    let (open, stray) = unmatched_parentheses(src, line);
    for link in &line.links {
        let url = link.span.text(src);
        if let Some(&paren) = open.iter().find(|&&p| p + 1 == link.span.start) {
            let rest = src.get(link.span.end..line.text.end).unwrap_or("");
            let ends_line = rest
                .trim_end()
                .trim_end_matches(['.', ',', ';', ':'])
                .is_empty();
            // A `)` written after a link that holds an unclosed `(` of its
            // own would be read as part of the link, closing that one: the
            // fix would then never settle.
            let url_balanced = url.matches('(').count() == url.matches(')').count();
            let d = Diagnostic::new(
                &META,
                Span::new(paren, paren + 1),
                format!("`(` before `{url}` is never closed"),
            )
            .label(link.span, "this link");
            out.push(if ends_line && url_balanced {
                d.fix(Fix::safe(
                    "Close the parenthesis after the link",
                    vec![Edit::insert(link.span.end, ")")],
                ))
            } else {
                d.help("add `)` where the parenthesised text ends")
            });
        }
        if let Some(&paren) = stray.iter().find(|&&p| p == link.span.end) {
            out.push(
                Diagnostic::new(
                    &META,
                    Span::new(paren, paren + 1),
                    format!("`)` after `{url}` closes no parenthesis"),
                )
                .label(link.span, "this link")
                .help("add the missing `(` before the link, or remove the `)`"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`unmatched_parentheses`] as it was first written: every character
    /// of the line read in turn.
    fn unmatched_parentheses_by_chars(src: &str, line: &Line) -> (Vec<usize>, Vec<usize>) {
        let mut open = Vec::new();
        let mut stray = Vec::new();
        let mut links = line.links.iter().peekable();
        let text = line.text.text(src);
        let mut skip_to = 0;
        for (i, c) in text.char_indices() {
            let at = line.text.start + i;
            if at < skip_to {
                continue;
            }
            if let Some(link) = links.peek()
                && at >= link.span.start
            {
                skip_to = link.span.end;
                links.next();
                continue;
            }
            match c {
                '(' => open.push(at),
                ')' if open.pop().is_none() => stray.push(at),
                _ => {}
            }
        }
        (open, stray)
    }

    proptest::proptest! {
        #[test]
        fn parentheses_found_by_search_are_those_read_one_by_one(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "(", ")", "https://a.org/x", "(https://b.io/y)", "https://c.org/(z)",
                    " ", "가", "x", "www.d.org", ")(", "é",
                ]),
                0..24,
            ),
        ) {
            let text = format!("2025년 4월 25일\nT\n(A B)\n{}\nE\n#t\n", pieces.concat());
            let digest = crate::syntax::parser::parse(&text);
            for line in &digest.lines {
                proptest::prop_assert_eq!(
                    unmatched_parentheses(&text, line),
                    unmatched_parentheses_by_chars(&text, line)
                );
            }
        }
    }

    #[test]
    fn hosts() {
        for h in [
            "arxiv.org",
            "a-b.github.io",
            "localhost:8080",
            "user@x.org",
            "[::1]",
            "例え.jp",
            "x.org.",
        ] {
            assert!(is_host(h), "{h}");
        }
        for h in ["github", "-a.org", "a..org", "a.org:x", "a b.org"] {
            assert!(!is_host(h), "{h}");
        }
    }

    fn open_paren_fixes(english: &str) -> Vec<bool> {
        let src = format!(
            "2025년 4월 25일\nFolding Lanterns\n(Mina Park)\n종이 접기 연구입니다.\n{english}\n#origami\n"
        );
        crate::lint::check(&src, None, &crate::config::Config::default())
            .iter()
            .filter(|d| d.code == "L001" && d.message.contains("is never closed"))
            .map(|d| d.fix.is_some())
            .collect()
    }

    #[test]
    fn an_open_parenthesis_is_closed_only_when_the_link_cannot_take_the_close() {
        assert_eq!(
            open_paren_fixes("A study (https://example.org/fold"),
            [true]
        );
        // The link holds `(` of its own: a `)` after it would be the
        // link's, and the outer `(` would stay open, pass after pass.
        assert_eq!(
            open_paren_fixes("A study (https://example.org/fold_(a"),
            [false]
        );
        assert_eq!(
            open_paren_fixes("A study (https://example.org/fold_(a)"),
            [true]
        );
    }
}
