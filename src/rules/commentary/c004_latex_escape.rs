use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
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
    summary: "LaTeX left in text: `\\%`, `\\&`, `\\_` (safe fix), `$\\times$`, `\\textit{...}`, `{...}` \
              (unsafe fix to plain text), other `$...$` (reported).",
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

Markup inside markup is one piece: `\textbf{10\%}` is one finding whose
suggestion is `10%`, and TeX quotes around a command are one finding too,
as are a command's arguments (`\footnote{see \url{...}}`, `\href{address}{text}`)
and braces around markup (`PIXART-{\delta}` is one piece, written
`PIXART-δ`).
A bare group of words in prose (`{two-stage sampling}`, left where the
command before it was lost) is reported; groups of math (`x_{ij}`), sets
(`{i,j}`), numbers and code are not.

A line with several pieces of markup gets one finding for the pieces a
safe fix repairs and one for the rest, with every piece underlined: a
copied abstract can hold a dozen `$\times$`. The message counts the pieces
and lists the distinct ones with how often each occurs.

## Why is this bad?
Abstracts copied from a paper's LaTeX source keep its markup: readers see
`79.2\%` and `$\times$` instead of `79.2%` and `×`. The markup is noise in a
plain-text digest and breaks search (`79.2%` does not find `79.2\%`).

## Example
```text
We improve accuracy by 4.1\% with \textbf{FastNet}, a $2\times$ faster model.
```
`\%` is fixed to `%`; `\textbf{FastNet}` and `$2\times$` are reported, with
the plain text to write (`FastNet`, `×`) in the help and an unsafe fix
that writes it.

## Fix
Safe for escaped characters (the backslash is removed) and TeX quotes
(``` ``word'' ``` becomes `"word"`): the text says the same. Unsafe
wherever the help names the plain text: a text command becomes its
argument (`\textbf{10\%}` becomes `10%`), simple math its Unicode
(`$3\times$` becomes `3×`, `$\mu$` becomes `μ`, `$40\%$` becomes `40%`,
`$\textbf{FLD}$` becomes `FLD`), an accent its letter
(`\"o` becomes `ö`), a bare group its words. Other formulas are only
reported: turning them into plain text needs a person's eye. So is math
whose brackets do not pair up (`$f($x$)$`): its `$` signs were paired
wrongly, and no plain text is safe to offer.
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

/// Where the argument of a command whose name ends at `b[name_end]`
/// starts: right after the name, or past one space when a group follows
/// it (`\textit {de facto}`).
fn argument_start(b: &[u8], name_end: usize) -> usize {
    if b.get(name_end) == Some(&b' ') && b.get(name_end + 1) == Some(&b'{') {
        name_end + 1
    } else {
        name_end
    }
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
    // Brackets that do not pair up say the `$` signs were paired wrongly
    // (`$f($x$)$`, dollars inside math): no plain text is safe to offer.
    let opens = inner.bytes().filter(|&c| c == b'(' || c == b'[').count();
    let closes = inner.bytes().filter(|&c| c == b')' || c == b']').count();
    if opens != closes {
        return None;
    }
    let mut out = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(c) = rest.chars().next() {
        if let Some(escaped) = rest
            .strip_prefix('\\')
            .and_then(|r| r.chars().next())
            .filter(|&e| u8::try_from(e).is_ok_and(|e| ESCAPED.contains(&e)))
        {
            // `$40\%$` is `40%`.
            out.push(escaped);
            rest = rest.get(2..).unwrap_or("");
        } else if c == '\\' {
            let name_len = rest
                .get(1..)
                .unwrap_or("")
                .bytes()
                .position(|b| !b.is_ascii_alphabetic())
                .unwrap_or(rest.len() - 1);
            let name = rest.get(1..1 + name_len)?;
            if TEXT_COMMANDS.contains(&name) {
                // `$\textbf{FLD}$`, `$\textit {de facto}$`: the argument.
                let start = argument_start(rest.as_bytes(), 1 + name_len);
                let end = group_end(rest.as_bytes(), start)?;
                let (group, after) = (rest.get(start..end)?, rest.get(end..)?);
                out.push_str(&plain(group.strip_prefix('{')?.strip_suffix('}')?)?);
                rest = after;
                continue;
            }
            let spaced = out.ends_with(' ');
            out.push_str(unicode_for(name)?);
            // TeX swallows the spaces after a command name; the symbol is
            // spaced on both sides or on neither (`k\times k` is `k×k`,
            // `5 \times 5` is `5 × 5`).
            rest = rest.get(1 + name_len..)?.trim_start_matches(' ');
            if spaced && !rest.is_empty() {
                out.push(' ');
            }
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

fn scan_line(text: &str, base: usize, links: &[Link], out: &mut impl Pieces) {
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
                    let mut d =
                        Diagnostic::new(&META, at(i, end), format!("LaTeX math `{math}` in text"))
                            .help(math_help(math));
                    if let Some(plain) = plain_math(math.trim_matches('$').trim()) {
                        d = d.fix(Fix::unsafe_(
                            format!("Replace `{math}` with `{plain}`"),
                            vec![Edit::replace(at(i, end), plain)],
                        ));
                    }
                    out.push(d);
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
                        let d = Diagnostic::new(
                            &META,
                            at(i, c + 2),
                            format!("TeX quotes around `{inner}`"),
                        );
                        let d = if !has_markup(inner) {
                            d.help(format!("plain text writes \"{inner}\""))
                                .fix(Fix::safe(
                                    "Use plain double quotes",
                                    vec![
                                        Edit::replace(at(i, i + 2), "\""),
                                        Edit::replace(at(c, c + 2), "\""),
                                    ],
                                ))
                        } else if let Some(plain) = plain(inner) {
                            // Markup inside the quotes is part of this one
                            // finding, with one plain text for all of it.
                            d.help(format!("plain text writes \"{plain}\""))
                                .fix(Fix::unsafe_(
                                    format!("Replace with \"{plain}\""),
                                    vec![Edit::replace(at(i, c + 2), format!("\"{plain}\""))],
                                ))
                        } else {
                            d.help("rewrite it as plain text in plain double quotes")
                        };
                        out.push(d);
                        i = c + 2;
                    }
                    None => i += 2,
                }
            }
            Some(b'{') if b.get(i + 1) == Some(&b'\\') => match braced_markup(text, i) {
                // `PIXART-{\delta}`, `{\textbf{De}}coupled`: the braces
                // belong to the markup they hold, and go with it.
                Some((end, plain)) => {
                    let shown = text.get(i..end).unwrap_or("");
                    let d = Diagnostic::new(
                        &META,
                        at(i, end),
                        format!("LaTeX markup `{shown}` in text"),
                    );
                    out.push(written_as(d, shown, plain));
                    i = end;
                }
                None => i += 1,
            },
            Some(b'{') => match bare_group(text, i) {
                Some(end) => {
                    let inner = text.get(i + 1..end - 1).unwrap_or("");
                    out.push(
                        Diagnostic::new(
                            &META,
                            at(i, end),
                            format!("TeX group braces around `{inner}`"),
                        )
                        .help(format!("write `{inner}` without the braces"))
                        .fix(Fix::unsafe_(
                            "Remove the braces",
                            vec![Edit::delete(at(i, i + 1)), Edit::delete(at(end - 1, end))],
                        )),
                    );
                    i = end;
                }
                None => i += 1,
            },
            // On to the next byte that may start markup, sixteen bytes at
            // a time: most of a line is prose.
            _ => {
                i = b
                    .get(i + 1..)
                    .and_then(find_markup_start)
                    .map_or(b.len(), |p| i + 1 + p)
            }
        }
    }
}

/// The first byte of `b` that [`scan_line`] looks at: `$`, `\`, `` ` ``
/// or `{`.
fn find_markup_start(b: &[u8]) -> Option<usize> {
    crate::syntax::text::find_any_of(b, [b'$', b'\\', b'`', b'{'])
}

/// The end of a bare `{...}` group of prose at `text[i]` (`{two-stage
/// sampling}`), which TeX leaves behind: it opens a word (after white
/// space, a parenthesis or a quote) and holds only words. Groups of a
/// command, of math (`x_{ij}`), of code or of a set (`{i,j}`, `{11}`) are
/// not prose groups.
fn bare_group(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let opens_word = i == 0
        || b.get(i - 1)
            .is_some_and(|&c| c == b' ' || c == b'(' || c == b'"' || c == b'\'');
    if !opens_word {
        return None;
    }
    let end = group_end(b, i)?;
    let inner = text.get(i + 1..end - 1)?;
    let prose = inner.starts_with(|c: char| c.is_ascii_alphabetic())
        && inner.bytes().filter(u8::is_ascii_alphabetic).count() >= 2
        && inner.contains(|c: char| c.is_ascii_lowercase())
        && inner
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '\''))
        && !inner.ends_with(' ');
    prose.then_some(end)
}

/// The end of a group at `text[i]` that holds only markup with a plain
/// form (`{\delta}`, `{\textbf{De}}`), and that plain form. Not after `_`
/// or `^`, where the group is a subscript or superscript.
fn braced_markup(text: &str, i: usize) -> Option<(usize, String)> {
    let b = text.as_bytes();
    if matches!(i.checked_sub(1).and_then(|p| b.get(p)), Some(b'_' | b'^')) {
        return None;
    }
    let end = group_end(b, i)?;
    let group = text.get(i..end)?;
    let plain = plain(group.strip_prefix('{')?.strip_suffix('}')?)?;
    (!plain.trim().is_empty()).then_some((end, plain))
}

/// Whether a piece of text holds TeX markup that [`plain`] would change.
fn has_markup(s: &str) -> bool {
    s.contains(['\\', '$', '{', '}'])
}

/// The plain text of a short piece of TeX: escapes, text commands, symbol
/// commands, accents, simple math and braces. `None` when some of it has
/// no plain form (a formula, an unknown command).
fn plain(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        match b.get(i) {
            Some(b'\\') => {
                let next = *b.get(i + 1)?;
                if ESCAPED.contains(&next) {
                    out.push(char::from(next));
                    i += 2;
                } else if next.is_ascii_alphabetic() {
                    let name_end = b
                        .iter()
                        .skip(i + 1)
                        .position(|c| !c.is_ascii_alphabetic())
                        .map_or(b.len(), |p| i + 1 + p);
                    let name = s.get(i + 1..name_end)?;
                    let arg_start = argument_start(b, name_end);
                    if TEXT_COMMANDS.contains(&name) {
                        let end = group_end(b, arg_start)?;
                        // The group whole: its braces are dropped below.
                        out.push_str(&plain(s.get(arg_start..end)?)?);
                        i = end;
                    } else {
                        out.push_str(unicode_for(name)?);
                        i = name_end;
                    }
                } else if matches!(next, b'\'' | b'"' | b'^' | b'~' | b'`' | b'=' | b'.') {
                    let (letter, end) = match b.get(i + 2) {
                        Some(b'{') => (*b.get(i + 3)?, group_end(b, i + 2)?),
                        Some(&l) => (l, i + 3),
                        None => return None,
                    };
                    if end > i + 5 {
                        return None;
                    }
                    out.push_str(&accented(next, letter)?);
                    i = end;
                } else {
                    return None;
                }
            }
            Some(b'$') => {
                let end = math_end(s, i)?;
                // The `$`s are trimmed with any doubled ones.
                out.push_str(&plain_math(s.get(i..end)?.trim_matches('$').trim())?);
                i = end;
            }
            Some(b'{' | b'}') => i += 1,
            _ => {
                let c = s.get(i..)?.chars().next()?;
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    Some(out)
}

/// `d`, about the markup `shown` at its span, with the help to write
/// `plain` instead and the unsafe fix that does.
fn written_as(d: Diagnostic, shown: &str, plain: String) -> Diagnostic {
    let span = d.span;
    d.help(format!("write `{plain}` instead")).fix(Fix::unsafe_(
        format!("Replace `{shown}` with `{plain}`"),
        vec![Edit::replace(span, plain)],
    ))
}

/// Reports the backslash markup at `text[i]` and returns where to go on.
fn backslash(text: &str, i: usize, base: usize, out: &mut impl Pieces) -> usize {
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
        let arg_start = argument_start(b, name_end);
        let mut end = group_end(b, arg_start).unwrap_or(name_end);
        if name == "href" {
            // `\href{address}{text}`: both arguments are the one piece.
            // (Without a first argument, `end` is at no group.)
            end = group_end(b, end).unwrap_or(end);
        }
        if name.len() == 1 && end == name_end && !SINGLE_LETTER_SYMBOLS.contains(name) {
            // `\n`, `\d`, `\t` without a group are escape sequences and
            // regular expressions far more often than TeX.
            return name_end;
        }
        let shown = text.get(i..end).unwrap_or("");
        let d = Diagnostic::new(
            &META,
            at(i, end),
            format!("LaTeX command `{shown}` in text"),
        );
        let replacement = if end == name_end {
            unicode_for(name).map(str::to_string)
        } else if TEXT_COMMANDS.contains(&name) {
            // The argument's own markup (`\textbf{10\%}`) is part of
            // this finding: one suggestion for the whole piece. (`plain`
            // drops the group's braces.)
            text.get(arg_start..end).and_then(plain)
        } else {
            None
        };
        let d = match replacement {
            Some(plain) if TEXT_COMMANDS.contains(&name) => d
                .help(format!("write `{plain}` as plain text"))
                .fix(Fix::unsafe_(
                    format!("Replace with `{plain}`"),
                    vec![Edit::replace(at(i, end), plain)],
                )),
            Some(plain) => written_as(d, shown, plain),
            None if matches!(name, "url" | "href") => d.help("write the address as a plain link"),
            None => d.help("rewrite it as plain text"),
        };
        out.push(d);
        // The arguments belong to this finding: markup inside them
        // (`\footnote{see \url{...}}`) is not another piece.
        return end;
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
        let d = Diagnostic::new(&META, at(i, end), format!("LaTeX markup `{shown}` in text"));
        out.push(match letter.and_then(|l| accented(next, l)) {
            Some(a) if end - i <= 5 => written_as(d, shown, a),
            _ => d.help("rewrite it as plain text"),
        });
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
            // memchr's vectorised searches: a byte-at-a-time `any` here
            // cost about five instructions a byte of every line.
            let b = text.as_bytes();
            if memchr::memchr3(b'\\', b'$', b'`', b).is_some() || memchr::memchr(b'{', b).is_some()
            {
                let mut groups = LineGroups::new(cx.src);
                scan_line(text, line.text.start, &line.links, &mut groups);
                groups.finish(out);
            }
        }
    }
}

/// How many pieces of markup a grouped message quotes.
const QUOTED: usize = 3;

/// Where [`scan_line`] puts each piece of markup it finds: a list (the
/// tests read the pieces one by one) or a line's [`LineGroups`].
trait Pieces {
    fn push(&mut self, d: Diagnostic);
}

impl Pieces for Vec<Diagnostic> {
    fn push(&mut self, d: Diagnostic) {
        Vec::push(self, d);
    }
}

/// One finding per line for the markup that a safe fix repairs, and one
/// for the rest (an unsafe fix replaces what has a plain form): a copied
/// abstract often carries a dozen `$\times$`, and a dozen findings for one
/// line would bury the rest. The first piece is the primary span, the
/// others are labels; the fixes' edits are merged into one fix. The
/// message counts every piece and lists the distinct ones with how often
/// each occurs, so the count and the list agree.
///
/// The pieces are folded in as they are found, so a line of a million
/// pieces holds one span and one edit for each, not a whole finding, and
/// each piece costs the same however many came before it.
struct LineGroups<'s> {
    src: &'s str,
    /// Safe fixes first, then the rest.
    groups: [Group<'s>; 2],
}

#[derive(Default)]
struct Group<'s> {
    /// The first piece, whole: it is the finding when it is alone.
    first: Option<Diagnostic>,
    /// The other pieces' spans, as labels of the merged finding.
    labels: Vec<crate::diagnostic::Label>,
    /// The distinct texts of the pieces in the order met, each with how
    /// often it occurs, and where each is in that list.
    distinct: Vec<(&'s str, usize)>,
    index: rustc_hash::FxHashMap<&'s str, usize>,
    /// The distinct helps, in the order met.
    helps: Vec<crate::diagnostic::Text>,
    seen_helps: rustc_hash::FxHashSet<crate::diagnostic::Text>,
    /// Every piece's edits, in order, and how many pieces have a fix.
    edits: Vec<Edit>,
    fixed: usize,
}

impl<'s> LineGroups<'s> {
    fn new(src: &'s str) -> Self {
        LineGroups {
            src,
            groups: Default::default(),
        }
    }

    /// The line's findings, in `out`.
    fn finish(self, out: &mut Vec<Diagnostic>) {
        for (slot, group) in self.groups.into_iter().enumerate() {
            out.extend(group.finding(slot == 0));
        }
    }
}

impl Pieces for LineGroups<'_> {
    fn push(&mut self, mut d: Diagnostic) {
        // Safe fixes stay apart; markup with an unsafe fix and markup that
        // is only reported share one finding, whose unsafe fix replaces
        // the pieces that have a plain form.
        let slot = match d.fix.as_ref().map(|f| f.applicability) {
            Some(Applicability::Safe) => 0,
            _ => 1,
        };
        let Some(g) = self.groups.get_mut(slot) else {
            return;
        };
        let text = d.span.text(self.src);
        // A few distinct pieces are searched in turn; past `SEARCHED` the
        // map of where each stands is built and asked instead.
        const SEARCHED: usize = 8;
        if g.distinct.len() == SEARCHED && g.index.is_empty() {
            g.index = g
                .distinct
                .iter()
                .enumerate()
                .map(|(k, &(t, _))| (t, k))
                .collect();
        }
        let known = if g.index.is_empty() {
            g.distinct.iter().position(|&(t, _)| t == text)
        } else {
            g.index.get(text).copied()
        };
        match known {
            Some(k) => {
                if let Some((_, n)) = g.distinct.get_mut(k) {
                    *n += 1;
                }
            }
            None => {
                if !g.index.is_empty() {
                    g.index.insert(text, g.distinct.len());
                }
                g.distinct.push((text, 1));
            }
        }
        let first = g.first.is_none();
        // The first piece stays whole (copies of its help and edits are
        // taken); the others give theirs up.
        let help = if first { d.help.clone() } else { d.help.take() };
        if let Some(help) = help {
            // As for the pieces: a few helps are searched, more looked up.
            if g.helps.len() == SEARCHED && g.seen_helps.is_empty() {
                g.seen_helps = g.helps.iter().cloned().collect();
            }
            let seen = if g.seen_helps.is_empty() {
                g.helps.contains(&help)
            } else {
                !g.seen_helps.insert(help.clone())
            };
            if !seen {
                g.helps.push(help);
            }
        }
        if let Some(fix) = &mut d.fix {
            g.fixed += 1;
            if first {
                g.edits.extend(fix.edits.iter().cloned());
            } else {
                g.edits.append(&mut fix.edits);
            }
        }
        if first {
            g.first = Some(d);
        } else {
            g.labels.push(crate::diagnostic::Label {
                span: d.span,
                message: "".into(),
            });
        }
    }
}

impl Group<'_> {
    /// The group's finding: its one piece as it is, or the merged finding
    /// of several.
    fn finding(self, safe: bool) -> Option<Diagnostic> {
        let first = self.first?;
        if self.labels.is_empty() {
            return Some(first);
        }
        let pieces = self.labels.len() + 1;
        let mut list = self
            .distinct
            .iter()
            .take(QUOTED)
            .map(|(t, n)| match n {
                1 => format!("`{t}`"),
                n => format!("`{t}` ({n} times)"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        if self.distinct.len() > QUOTED {
            let rest: usize = self.distinct.iter().skip(QUOTED).map(|(_, n)| n).sum();
            list.push_str(&format!(" and {rest} more"));
        }
        let mut merged = Diagnostic::new(
            &META,
            first.span,
            format!("{pieces} pieces of LaTeX markup in one line: {list}"),
        );
        merged.labels = self.labels;
        if !self.helps.is_empty() {
            merged = merged.help(self.helps.join("; "));
        }
        if !self.edits.is_empty() {
            let message = if self.fixed == pieces {
                format!("Replace the {pieces} pieces with plain text")
            } else {
                format!(
                    "Replace {} of the {pieces} pieces with plain text (the others need rewriting by hand)",
                    self.fixed
                )
            };
            merged = merged.fix(if safe {
                Fix::safe(message, self.edits)
            } else {
                Fix::unsafe_(message, self.edits)
            });
        }
        Some(merged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Sixteen bytes at a time finds the byte a byte-at-a-time
        /// search finds.
        #[test]
        fn markup_starts_are_found_where_a_byte_at_a_time_finds_them(
            b in proptest::collection::vec(
                proptest::sample::select(vec![b'$', b'\\', b'`', b'{', b'}', b'a', b' ', 0xEA, 0x24 ^ 0x80]),
                0..50,
            ),
        ) {
            let one = b.iter().position(|c| matches!(c, b'$' | b'\\' | b'`' | b'{'));
            proptest::prop_assert_eq!(find_markup_start(&b), one);
        }
    }

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
        // Nested markup is one piece.
        assert_eq!(found(r"\textbf{10\%}"), [r"\textbf{10\%}"]);
        assert_eq!(
            found("a {two-stage sampling} step"),
            ["{two-stage sampling}"]
        );
        // A group opens a word after a parenthesis or a quote too.
        for opening in ["(", "\"", "'"] {
            let text = format!("a {opening}{{two-stage sampling}} step");
            assert_eq!(found(&text), ["{two-stage sampling}"], "{text}");
        }
    }

    #[test]
    fn math_spans_and_what_is_not_one() {
        let long = "x".repeat(MAX_MATH + 100);
        for not_math in [
            // Empty display math, display math with Hangul, or too long.
            "a $$$$ b".to_string(),
            "a $$가$$ b".to_string(),
            format!("a $${long}$$ b"),
            // A space after the opening `$`, or inline math too long.
            "a $ x$ b".to_string(),
            format!("a ${long}$ b"),
        ] {
            assert_eq!(found(&not_math), Vec::<String>::new(), "{not_math}");
        }
        // An escaped `$` does not close the span.
        assert_eq!(found(r"a $x\$y$ b"), [r"$x\$y$"]);
        // Quotes far into a line are measured from their opening.
        let far = format!("{} ``quoted''", "w ".repeat(MAX_MATH));
        assert_eq!(found(&far), ["``quoted''"]);
        // The quotes' content is read once, with the quotes.
        assert_eq!(found(r"``a\%''"), [r"``a\%''"]);
    }

    #[test]
    fn every_accent_command_has_its_letter() {
        for (accent, letter, want) in [
            (b'\'', b'e', "é"),
            (b'"', b'o', "ö"),
            (b'`', b'e', "è"),
            (b'^', b'o', "ô"),
            (b'~', b'n', "ñ"),
            (b'=', b'a', "ā"),
            (b'.', b'z', "ż"),
        ] {
            assert_eq!(accented(accent, letter).as_deref(), Some(want));
        }
        assert_eq!(accented(b'v', b'c'), None);
        assert_eq!(accented(b'`', b'1'), None);
    }

    #[test]
    fn markup_in_arguments_and_braces_is_one_piece() {
        assert_eq!(
            found(r"PIXART-{\delta} and {\textbf{De}}coupled"),
            [r"{\delta}", r"{\textbf{De}}"]
        );
        assert_eq!(found(r"{\delta} at the start"), [r"{\delta}"]);
        // A subscript's braces stay: `_{\theta}` is not a group of prose.
        assert_eq!(found(r"W_{\theta} here"), [r"\theta"]);
        // Only `\href` takes a second group.
        assert_eq!(found(r"\textbf{bold}{b c}"), [r"\textbf{bold}"]);
        // Braces around markup with no plain form are left to the markup.
        assert_eq!(found(r"a {\cite{x}} b"), [r"\cite{x}"]);
        assert_eq!(
            found(
                r"code\footnote{see \url{https://example.org/x}} and \href{https://example.org}{the site}"
            ),
            [
                r"\footnote{see \url{https://example.org/x}}",
                r"\href{https://example.org}{the site}"
            ]
        );
        let mut out = Vec::new();
        scan_line(r"PIXART-{\delta}", 0, &[], &mut out);
        let edits: Vec<(usize, usize, &str)> = out
            .iter()
            .flat_map(|d| d.fix.iter().flat_map(|f| &f.edits))
            .map(|e| (e.span.start, e.span.end, e.content.as_str()))
            .collect();
        assert_eq!(edits, [(7, 15, "δ")]);
    }

    #[test]
    fn an_argument_starts_past_one_space_before_its_group_only() {
        assert_eq!(argument_start(b"\\textit {x}", 7), 8);
        assert_eq!(argument_start(b"\\textit{x}", 7), 7);
        // `{{`: the argument is the outer group.
        assert_eq!(argument_start(b"\\textbf{{x}}", 7), 7);
        assert_eq!(argument_start(b"\\alpha x", 6), 6);
    }

    #[test]
    fn an_accent_over_one_letter_only_has_a_plain_form() {
        let mut out = Vec::new();
        scan_line(r#"G\"{o}del and \"{oo}"#, 0, &[], &mut out);
        let helps: Vec<(&str, bool)> = out
            .iter()
            .map(|d| (d.help.as_deref().unwrap_or(""), d.fix.is_some()))
            .collect();
        assert_eq!(
            helps,
            [
                ("write `ö` instead", true),
                ("rewrite it as plain text", false)
            ]
        );
    }

    #[test]
    fn math_with_unpaired_brackets_has_no_plain_form() {
        assert_eq!(plain_math("DyT("), None);
        assert_eq!(plain_math(r"f(x) \times 2"), Some("f(x) × 2".to_string()));
        assert_eq!(plain_math("[0, 1)"), Some("[0, 1)".to_string()));
        assert!(math_help("$DyT($").starts_with("rewrite"));
        assert_eq!(math_help(r"$>8\%$"), "write `>8%` instead");
        assert_eq!(math_help(r"$10-40\%$"), "write `10-40%` instead");
        assert_eq!(
            math_help(r"$\textit {de facto}$"),
            "write `de facto` instead"
        );
        assert_eq!(
            math_help(r"$\mathtt{Grad} \approx 2$"),
            "write `Grad ≈ 2` instead"
        );
        assert!(math_help(r"$\textbf{x}^2$").starts_with("rewrite"));
    }

    #[test]
    fn bare_groups_of_prose_only() {
        for t in [
            "x_{ij}",
            "{i,j}",
            "{11}",
            "{T}",
            r"\href{a}{b}",
            "a{b c}",
            "{\"k\": 1}",
        ] {
            assert!(
                found(t).iter().all(|f| !f.starts_with('{')),
                "{t}: {:?}",
                found(t)
            );
        }
    }

    #[test]
    fn plain_text_of_nested_markup() {
        assert_eq!(plain(r"10\%").as_deref(), Some("10%"));
        assert_eq!(
            plain(r"\textit{capacity density}").as_deref(),
            Some("capacity density")
        );
        assert_eq!(plain(r"$3\times$ faster").as_deref(), Some("3× faster"));
        assert_eq!(plain(r#"G\"odel"#).as_deref(), Some("Gödel"));
        // Escapes and accents anywhere in the text, braces dropped.
        assert_eq!(plain(r"R\&D and 4\%").as_deref(), Some("R&D and 4%"));
        assert_eq!(
            plain(r"caf\'{e} au {lait}").as_deref(),
            Some("café au lait")
        );
        assert_eq!(plain(r"\'{e}t\'{e}").as_deref(), Some("été"));
        // An accent's group holds one letter.
        assert_eq!(plain(r#"\"{oo}"#), None);
        assert_eq!(plain(r"\cite{x}"), None);
        assert_eq!(plain(r"$x^2$"), None);
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

    /// Each kind of command gets its own help, and a fix only where the
    /// plain text is known.
    #[test]
    fn commands_are_helped_by_kind() {
        let cases = [
            (r"\times", "write `×` instead", Some("×")),
            (r"\textbf{Fast}", "write `Fast` as plain text", Some("Fast")),
            (r"\textbf{10\%}", "write `10%` as plain text", Some("10%")),
            (
                r"\textit {de facto}",
                "write `de facto` as plain text",
                Some("de facto"),
            ),
            (r"\textbf x", "rewrite it as plain text", None),
            (r"\timesx{2}", "rewrite it as plain text", None),
            (
                r"\url{https://example.org}",
                "write the address as a plain link",
                None,
            ),
        ];
        for (text, help, fixed) in cases {
            let mut out = Vec::new();
            scan_line(text, 0, &[], &mut out);
            let [d] = out.as_slice() else {
                panic!("{text}: {out:?}")
            };
            assert_eq!(d.help.as_deref(), Some(help), "{text}");
            let edits = d.fix.as_ref().map(|f| f.edits.as_slice());
            match (edits, fixed) {
                (Some([e]), Some(plain)) => {
                    assert_eq!(e.content, plain, "{text}");
                    assert_eq!(e.span.text(text), text.trim_end_matches(" x"), "{text}");
                }
                (None, None) => {}
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn helps_name_the_plain_text() {
        assert_eq!(math_help(r"$3\times$"), "write `3×` instead");
        assert_eq!(math_help(r"$\mu$"), "write `μ` instead");
        assert_eq!(math_help(r"$T \to \infty$"), "write `T → ∞` instead");
        assert_eq!(math_help(r"$k\times k$"), "write `k×k` instead");
        assert_eq!(math_help(r"$5 \times 5$"), "write `5 × 5` instead");
        assert!(math_help(r"$x^2$").starts_with("rewrite"));
        assert_eq!(accented(b'"', b'o').as_deref(), Some("ö"));
        assert_eq!(accented(b'\'', b'E').as_deref(), Some("É"));
    }

    /// The findings `LineGroups` makes of `text` (a line at the start of
    /// the file).
    fn grouped(text: &str) -> Vec<Diagnostic> {
        let mut groups = LineGroups::new(text);
        scan_line(text, 0, &[], &mut groups);
        let mut out = Vec::new();
        groups.finish(&mut out);
        out
    }

    #[test]
    fn a_line_of_many_pieces_is_two_findings_that_count_them_all() {
        // 300 distinct commands, each twice, and `\%` 50 times.
        let commands: Vec<String> = (0..300)
            .map(|k| {
                let name: String = [k / 26 % 26, k % 26]
                    .iter()
                    .map(|&n| char::from(b'a' + n as u8))
                    .collect();
                format!(r"\cmd{name}{{x}}")
            })
            .collect();
        let mut text = String::from(r"\cmdaa{x} ");
        for c in &commands {
            text.push_str(c);
            text.push(' ');
        }
        text.push_str(&r"\% ".repeat(50));
        text.push_str(&commands.join(" "));
        let out = grouped(&text);
        let messages: Vec<&str> = out.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                r"50 pieces of LaTeX markup in one line: `\%` (50 times)",
                r"601 pieces of LaTeX markup in one line: `\cmdaa{x}` (3 times), `\cmdab{x}` (2 times), `\cmdac{x}` (2 times) and 594 more",
            ]
        );
        let [safe, rest] = out.as_slice() else {
            panic!("{out:?}");
        };
        assert_eq!((safe.labels.len(), rest.labels.len()), (49, 600));
        // The primary span is the first piece; the labels follow in order.
        assert_eq!(
            (safe.span.start, rest.span.start),
            (text.find(r"\%").unwrap_or(0), 0)
        );
        assert!(
            rest.labels
                .windows(2)
                .all(|w| w[0].span.end <= w[1].span.start)
        );
        // One help, said once; one edit per escape, and no fix for
        // commands without a plain form.
        assert_eq!(
            safe.help.as_deref(),
            Some("plain text writes `%` without a backslash")
        );
        assert_eq!(rest.help.as_deref(), Some("rewrite it as plain text"));
        assert_eq!(safe.fix.as_ref().map(|f| f.edits.len()), Some(50));
        assert!(rest.fix.is_none());
        // A piece alone is its own finding, as found.
        let one = grouped(r"a \textbf{b} c");
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].message, r"LaTeX command `\textbf{b}` in text");
        assert_eq!(one[0].help.as_deref(), Some("write `b` as plain text"));
    }

    /// Three distinct pieces are all quoted, with nothing "more".
    #[test]
    fn three_pieces_are_quoted_whole() {
        let out = grouped(r"\textbf{a} \emph{b} \textit{c} \emph{b}");
        let messages: Vec<&str> = out.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                r"4 pieces of LaTeX markup in one line: `\textbf{a}`, `\emph{b}` (2 times), `\textit{c}`"
            ]
        );
    }

    /// The pieces and helps of a line are searched in a list while there
    /// are few (`SEARCHED`); past that a map is built once and kept up.
    #[test]
    fn the_maps_are_built_only_past_a_few_pieces() {
        let sizes = |n: usize| {
            let text: String = (0..n)
                .map(|k| format!(r"\textbf{{{}}} ", "q".repeat(k + 1)))
                .collect();
            let mut groups = LineGroups::new(&text);
            scan_line(&text, 0, &[], &mut groups);
            let [_, g] = &groups.groups;
            (
                g.distinct.len(),
                g.index.len(),
                g.helps.len(),
                g.seen_helps.len(),
            )
        };
        // Each piece has its own help (`write `qq` as plain text`).
        assert_eq!(sizes(8), (8, 0, 8, 0));
        assert_eq!(sizes(9), (9, 9, 9, 9));
        assert_eq!(sizes(20), (20, 20, 20, 20));
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
