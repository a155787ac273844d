use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::links::SkipLinks;
use crate::syntax::text::has_hangul;
use crate::syntax::{LineKind, Link, Span};

pub struct LatexEscape;

static META: RuleMeta = RuleMeta {
    code: "C004",
    name: "latex-escape",
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    summary: "LaTeX left in text: `\\%`, `\\&`, `\\_` (fixed), `$...$`, `\\textit{...}` \
              (reported).",
    doc: r#"
## What it does
Finds LaTeX markup in any text line (titles, authors, abstracts and
commentary; links are skipped): escaped characters (`\%`, `\&`, `\_`, `\#`,
`\$`), commands (`\textbf{...}`, `\emph{...}`, `\times`, accents such as
`\'e`), inline or display math (`$O(N^2)$`, `$$...$$`) and TeX quotes
(``` ``word'' ```).

A dollar sign starts math only when it is followed by a non-space
character and closed by another `$` that follows a non-space character, on
the same line and without Korean in between; a `$` that starts a second
price does not close one. So prices (`$0.15, 출력에 $0.6`, `$5-$10`) are not
math. Escapes inside math belong to the math finding. A backslash and one
letter with no group after it (`\n`, `\d+`) is an escape sequence or a
regular expression, not TeX, unless it is one of TeX's letter symbols
(`\o`, `\l`, `\S`, ...).

A line with several pieces of markup gets one finding for the pieces a fix
repairs and one for the pieces that are only reported, with every piece
underlined: a copied abstract can hold a dozen `$\times$`.

## Why is this bad?
Abstracts copied from a paper's LaTeX source keep its markup: readers see
`79.2\%` and `$\times$` instead of `79.2%` and `×`. The markup is noise in a
plain-text digest and breaks search (`79.2%` does not find `79.2\%`).

## Example
```text
We improve accuracy by 4.1\% with \textbf{FastNet}, a $2\times$ faster model.
```
`\%` is fixed to `%`; `\textbf{FastNet}` and `$2\times$` are reported, with
the plain text to write (`FastNet`, `×`) in the help.

## Fix
Safe for escaped characters (the backslash is removed) and TeX quotes
(``` ``word'' ``` becomes `"word"`): the text says the same. Commands and math
are only reported: turning them into plain text needs a person's eye.
"#,
    default_enabled: true,
};

/// Characters that LaTeX escapes with a backslash and text writes as is.
const ESCAPED: &[u8] = b"%&_#$";
/// Control symbols that are LaTeX markup: accents, braces, spacing.
const SYMBOLS: &[u8] = b"{}'\"^~`=.\\,;!";
/// One-letter commands that are TeX without an argument: `\o` (ø), `\l`
/// (ł), `\i` (dotless i), `\S` (§) and the like.
const SINGLE_LETTER_SYMBOLS: &str = "ioOlLjSP";
/// Text-style commands whose argument is the text to keep.
const TEXT_COMMANDS: &[&str] = &[
    "textbf",
    "textit",
    "emph",
    "texttt",
    "textsc",
    "textrm",
    "textsf",
    "underline",
    "text",
    "mathrm",
    "mathbf",
    "mathit",
    "mathtt",
    "mathsf",
];
/// Math commands with a plain-text equivalent, for the help.
const UNICODE: &[(&str, &str)] = &[
    ("times", "×"),
    ("cdot", "·"),
    ("pm", "±"),
    ("approx", "≈"),
    ("sim", "~"),
    ("leq", "≤"),
    ("le", "≤"),
    ("geq", "≥"),
    ("ge", "≥"),
    ("neq", "≠"),
    ("infty", "∞"),
    ("to", "→"),
    ("rightarrow", "→"),
    ("leftarrow", "←"),
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("epsilon", "ε"),
    ("eta", "η"),
    ("theta", "θ"),
    ("lambda", "λ"),
    ("mu", "μ"),
    ("pi", "π"),
    ("sigma", "σ"),
    ("tau", "τ"),
    ("phi", "φ"),
    ("omega", "ω"),
];
/// Longest math span looked at, in bytes: a `$` with no partner this close
/// is not math.
const MAX_MATH: usize = 300;
/// Longest braced argument looked at, in bytes.
const MAX_GROUP: usize = 300;

fn unicode_for(command: &str) -> Option<&'static str> {
    UNICODE.iter().find(|(c, _)| *c == command).map(|(_, u)| *u)
}

/// The end of a `{...}` group starting at `b[i]`, braces balanced.
fn group_end(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'{') {
        return None;
    }
    let mut depth = 0usize;
    for (j, &c) in b.iter().enumerate().skip(i).take(MAX_GROUP) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The end of a math span opened by the `$` at `b[i]`, if it is one.
fn math_end(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    if b.get(i + 1) == Some(&b'$') {
        let rest = text.get(i + 2..)?;
        let close = rest.find("$$")?;
        let content = rest.get(..close)?;
        return (close > 0 && close <= MAX_MATH && !has_hangul(content))
            .then_some(i + 2 + close + 2);
    }
    let first = text.get(i + 1..)?.chars().next()?;
    if first.is_whitespace() {
        return None;
    }
    let mut j = i + 1;
    while j < b.len() && j - i <= MAX_MATH {
        match b.get(j) {
            Some(b'\\') => j += 2,
            Some(b'$') => {
                let content = text.get(i + 1..j)?;
                // `$5-$10`: two prices, not math around `5-`.
                let prices = content.starts_with(|c: char| c.is_ascii_digit())
                    && b.get(j + 1).is_some_and(u8::is_ascii_digit);
                let ok = !content.ends_with(char::is_whitespace) && !has_hangul(content) && !prices;
                return ok.then_some(j + 1);
            }
            _ => j += 1,
        }
    }
    None
}

/// The plain text for simple math: letters, digits and punctuation with
/// known symbol commands (`$3\times$` is `3×`).
fn plain_math(inner: &str) -> Option<String> {
    let mut out = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(c) = rest.chars().next() {
        if c == '\\' {
            let name_len = rest
                .get(1..)
                .unwrap_or("")
                .bytes()
                .position(|b| !b.is_ascii_alphabetic())
                .unwrap_or(rest.len() - 1);
            out.push_str(unicode_for(rest.get(1..1 + name_len)?)?);
            rest = rest.get(1 + name_len..)?;
        } else if matches!(c, '{' | '}' | '^' | '_' | '$') {
            return None;
        } else {
            out.push(c);
            rest = rest.get(c.len_utf8()..).unwrap_or("");
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The help for a math span: the plain text when it is simple enough.
fn math_help(math: &str) -> String {
    match plain_math(math.trim_matches('$').trim()) {
        Some(plain) => format!("write `{plain}` instead"),
        None => "rewrite the formula as plain text or Unicode".to_string(),
    }
}

/// The accented letter an accent command stands for (`\"o` is `ö`).
fn accented(accent: u8, letter: u8) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let mark = match accent {
        b'\'' => '\u{301}',
        b'"' => '\u{308}',
        b'`' => '\u{300}',
        b'^' => '\u{302}',
        b'~' => '\u{303}',
        b'=' => '\u{304}',
        b'.' => '\u{307}',
        _ => return None,
    };
    letter
        .is_ascii_alphabetic()
        .then(|| [char::from(letter), mark].into_iter().nfc().collect())
}

fn scan_line(text: &str, base: usize, links: &[Link], out: &mut Vec<Diagnostic>) {
    let b = text.as_bytes();
    let at = |s: usize, e: usize| Span::new(base + s, base + e);
    let mut skip = SkipLinks::new(links, base);
    let mut i = 0;
    while i < b.len() {
        if let Some(after) = skip.past_link(i) {
            i = after;
            continue;
        }
        match b.get(i) {
            Some(b'$') => match math_end(text, i) {
                Some(end) => {
                    let math = text.get(i..end).unwrap_or("");
                    out.push(
                        Diagnostic::new(&META, at(i, end), format!("LaTeX math `{math}` in text"))
                            .help(math_help(math)),
                    );
                    i = end;
                }
                None => i += 1,
            },
            Some(b'\\') => i = backslash(text, i, base, out),
            Some(b'`') if b.get(i + 1) == Some(&b'`') => {
                let close = text
                    .get(i + 2..)
                    .and_then(|r| r.find("''"))
                    .map(|p| i + 2 + p)
                    .filter(|&c| c - i <= MAX_MATH);
                match close {
                    Some(c) => {
                        let inner = text.get(i + 2..c).unwrap_or("");
                        out.push(
                            Diagnostic::new(
                                &META,
                                at(i, c + 2),
                                format!("TeX quotes around `{inner}`"),
                            )
                            .help(format!("plain text writes \"{inner}\""))
                            .fix(Fix::safe(
                                "Use plain double quotes",
                                vec![
                                    Edit::replace(at(i, i + 2), "\""),
                                    Edit::replace(at(c, c + 2), "\""),
                                ],
                            )),
                        );
                        i = c + 2;
                    }
                    None => i += 2,
                }
            }
            _ => i += 1,
        }
    }
}

/// Reports the backslash markup at `text[i]` and returns where to go on.
fn backslash(text: &str, i: usize, base: usize, out: &mut Vec<Diagnostic>) -> usize {
    let b = text.as_bytes();
    let at = |s: usize, e: usize| Span::new(base + s, base + e);
    let Some(&next) = b.get(i + 1) else {
        return i + 1;
    };
    if ESCAPED.contains(&next) {
        let ch = char::from(next);
        out.push(
            Diagnostic::new(
                &META,
                at(i, i + 2),
                format!("LaTeX escape `\\{ch}` in text"),
            )
            .help(format!("plain text writes `{ch}` without a backslash"))
            .fix(Fix::safe(
                format!("Replace `\\{ch}` with `{ch}`"),
                vec![Edit::delete(at(i, i + 1))],
            )),
        );
        return i + 2;
    }
    if next.is_ascii_alphabetic() {
        let name_end = b
            .iter()
            .skip(i + 1)
            .position(|c| !c.is_ascii_alphabetic())
            .map_or(b.len(), |p| i + 1 + p);
        let name = text.get(i + 1..name_end).unwrap_or("");
        let arg_start = if b.get(name_end) == Some(&b' ') && b.get(name_end + 1) == Some(&b'{') {
            name_end + 1
        } else {
            name_end
        };
        let end = group_end(b, arg_start).unwrap_or(name_end);
        if name.len() == 1 && end == name_end && !SINGLE_LETTER_SYMBOLS.contains(name) {
            // `\n`, `\d`, `\t` without a group are escape sequences and
            // regular expressions far more often than TeX.
            return name_end;
        }
        let shown = text.get(i..end).unwrap_or("");
        let help = if TEXT_COMMANDS.contains(&name) && end > name_end {
            let arg = text.get(arg_start + 1..end - 1).unwrap_or("");
            format!("write `{arg}` as plain text")
        } else if let Some(u) = unicode_for(name) {
            format!("write `{u}` instead")
        } else if matches!(name, "url" | "href") {
            "write the address as a plain link".to_string()
        } else {
            "rewrite it as plain text".to_string()
        };
        out.push(
            Diagnostic::new(
                &META,
                at(i, end),
                format!("LaTeX command `{shown}` in text"),
            )
            .help(help),
        );
        // Go on inside the argument: it may hold escapes of its own.
        return name_end;
    }
    if SYMBOLS.contains(&next) {
        // An accent takes the letter or group after it: `\'e`, `\"{o}`.
        let mut end = i + 2;
        if matches!(next, b'\'' | b'"' | b'^' | b'~' | b'`' | b'=' | b'.') {
            end = group_end(b, end).unwrap_or(if b.get(end).is_some_and(u8::is_ascii_alphabetic) {
                end + 1
            } else {
                end
            });
        }
        let shown = text.get(i..end).unwrap_or("");
        let letter = shown.bytes().rfind(u8::is_ascii_alphabetic);
        let help = match letter.and_then(|l| accented(next, l)) {
            Some(a) if end - i <= 5 => format!("write `{a}` instead"),
            _ => "rewrite it as plain text".to_string(),
        };
        out.push(
            Diagnostic::new(&META, at(i, end), format!("LaTeX markup `{shown}` in text"))
                .help(help),
        );
        return end;
    }
    i + 1
}

impl Rule for LatexEscape {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        for line in &cx.digest.lines {
            if matches!(
                line.kind,
                LineKind::Header | LineKind::Tags | LineKind::Blank
            ) {
                continue;
            }
            let text = line.text.text(cx.src);
            if text.bytes().any(|c| matches!(c, b'\\' | b'$' | b'`')) {
                let mut found = Vec::new();
                scan_line(text, line.text.start, &line.links, &mut found);
                group_line(cx.src, found, out);
            }
        }
    }
}

/// How many pieces of markup a grouped message quotes.
const QUOTED: usize = 3;

/// One finding per line for the markup that a fix repairs, and one for the
/// markup that is only reported: a copied abstract often carries a dozen
/// `$\times$`, and a dozen findings for one line would bury the rest. The
/// first piece is the primary span, the others are labels; the fixes'
/// edits are merged into one fix.
fn group_line(src: &str, found: Vec<Diagnostic>, out: &mut Vec<Diagnostic>) {
    let (fixable, reported): (Vec<Diagnostic>, Vec<Diagnostic>) =
        found.into_iter().partition(|d| d.fix.is_some());
    for group in [fixable, reported] {
        if group.len() < 2 {
            out.extend(group);
            continue;
        }
        let mut distinct: Vec<&str> = Vec::new();
        for d in &group {
            let t = d.span.text(src);
            if !distinct.contains(&t) {
                distinct.push(t);
            }
        }
        let mut list = distinct
            .iter()
            .take(QUOTED)
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", ");
        if distinct.len() > QUOTED {
            list.push_str(", …");
        }
        let edits: Vec<Edit> = group
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| f.edits.iter().cloned())
            .collect();
        let Some(first) = group.first() else { continue };
        let mut merged = Diagnostic::new(
            &META,
            first.span,
            format!("{} pieces of LaTeX markup in one line: {list}", group.len()),
        );
        for d in &group[1..] {
            merged = merged.label(d.span, "");
        }
        let mut helps: Vec<&str> = Vec::new();
        for help in group.iter().filter_map(|d| d.help.as_deref()) {
            if !helps.contains(&help) {
                helps.push(help);
            }
        }
        if !helps.is_empty() {
            merged = merged.help(helps.join("; "));
        }
        if !edits.is_empty() {
            merged = merged.fix(Fix::safe(
                format!("Replace the {} escapes with plain text", group.len()),
                edits,
            ));
        }
        out.push(merged);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        let links = crate::syntax::links::find_links(text, 0);
        let mut out = Vec::new();
        scan_line(text, 0, &links, &mut out);
        out.iter().map(|d| d.span.text(text).to_string()).collect()
    }

    #[test]
    fn markup_is_found() {
        assert_eq!(
            found(r"up 4.1\% with \textbf{Fast} at $2\times$ and R\&D"),
            [r"\%", r"\textbf{Fast}", r"$2\times$", r"\&"]
        );
        assert_eq!(found(r#"G\"odel and $$x^2$$"#), [r#"\"o"#, "$$x^2$$"]);
        assert_eq!(found("an ``open'' recipe"), ["``open''"]);
        assert_eq!(found(r"\textbf{10\%}"), [r"\textbf{10\%}", r"\%"]);
    }

    #[test]
    fn escape_sequences_are_not_latex() {
        assert!(found(r"a regex like \d+ or a \n in code").is_empty());
        assert_eq!(
            found(r"Ov\v{a}il and \o{} and \S 3"),
            [r"\v{a}", r"\o{}", r"\S"]
        );
    }

    #[test]
    fn prices_and_links_are_not_latex() {
        for text in [
            "(1M 입력에 $0.15, 출력에 $0.6)",
            "costs $5 to $10 a month",
            "from $5-$10",
            "$ 5 and 6 $",
            r"see https://example.org/a\_b and C:",
            "a lone ` and '' here",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn helps_name_the_plain_text() {
        assert_eq!(math_help(r"$3\times$"), "write `3×` instead");
        assert_eq!(math_help(r"$\mu$"), "write `μ` instead");
        assert_eq!(math_help(r"$T \to \infty$"), "write `T → ∞` instead");
        assert!(math_help(r"$x^2$").starts_with("rewrite"));
        assert_eq!(accented(b'"', b'o').as_deref(), Some("ö"));
        assert_eq!(accented(b'\'', b'E').as_deref(), Some("É"));
    }

    #[test]
    fn odd_text_does_not_panic() {
        let mut checked = 0;
        for t in [
            "\\",
            "$",
            "$$",
            "$$$",
            "\\{",
            "``",
            "\\textbf{",
            "\\'",
            "$\\$",
            "가\\가",
            "$1$",
            "\\%가",
            "``가''",
            "\\textbf{가}",
        ] {
            for base in [0, 5] {
                let mut out = Vec::new();
                scan_line(t, base, &[], &mut out);
                for d in &out {
                    // Every finding is a piece of the line that starts the way
                    // LaTeX does, and its fix edits only that piece.
                    let piece =
                        t.get(d.span.start.wrapping_sub(base)..d.span.end.wrapping_sub(base));
                    assert!(
                        piece.is_some_and(|p| p.starts_with(['\\', '$', '`'])),
                        "{t:?}: {:?} at {:?}",
                        piece,
                        d.span
                    );
                    for edit in d.fix.iter().flat_map(|f| &f.edits) {
                        assert!(
                            d.span.start <= edit.span.start && edit.span.end <= d.span.end,
                            "{t:?}: edit {:?} outside {:?}",
                            edit.span,
                            d.span
                        );
                    }
                    assert_eq!(d.code, "C004");
                }
                checked += out.len();
            }
        }
        assert!(checked >= 8, "only {checked} findings checked");
    }
}
