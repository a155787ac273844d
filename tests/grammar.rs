//! Keeps grammar/digest.ebnf and the parser in step.
//!
//! Every production must be named after the code that reads it: a function
//! of the parser's modules (`fn name`, or the predicate `fn is_name` for a
//! class), a variant of `LineKind`, `Item` or `LineEnd`, or a type of
//! src/syntax/tree.rs. Every `LineKind` variant must be a production. The grammar
//! must also hold together: every name it uses is defined, and every
//! production is reachable from a start symbol.

use digest_lint::syntax::LineKind;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Productions nothing else refers to: where reading starts.
const START_SYMBOLS: &[&str] = &["parse", "group", "find_links", "from_file_name"];

/// The files whose functions productions may be named after.
const PARSER_FILES: &[&str] = &[
    "src/syntax/parser/mod.rs",
    "src/syntax/parser/group.rs",
    "src/syntax/parser/roles.rs",
    "src/syntax/parser/shapes.rs",
    "src/syntax/date.rs",
    "src/syntax/links.rs",
    "src/syntax/text.rs",
    "src/syntax/tree.rs",
];

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The snake_case name of each `LineKind` variant. The match is exhaustive,
/// so a new variant does not compile until it is listed here.
fn line_kind_name(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Blank => "blank",
        LineKind::Header => "header",
        LineKind::Title => "title",
        LineKind::Authors => "authors",
        LineKind::Abstract => "abstract",
        LineKind::Korean => "korean",
        LineKind::English => "english",
        LineKind::Tags => "tags",
        LineKind::Stray => "stray",
    }
}

const LINE_KINDS: [LineKind; 9] = [
    LineKind::Blank,
    LineKind::Header,
    LineKind::Title,
    LineKind::Authors,
    LineKind::Abstract,
    LineKind::Korean,
    LineKind::English,
    LineKind::Tags,
    LineKind::Stray,
];

/// The grammar as `name -> names used on its right-hand side`. Comments,
/// terminal strings and special sequences (`? ... ?`) are skipped.
fn productions(src: &str) -> BTreeMap<String, BTreeSet<String>> {
    let chars: Vec<char> = src.chars().collect();
    let mut tokens: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '(' && next == Some('*') {
            let mut j = i + 2;
            while j + 1 < chars.len() && !(chars[j] == '*' && chars[j + 1] == ')') {
                j += 1;
            }
            assert!(j + 1 < chars.len(), "unclosed comment");
            i = j + 2;
        } else if c == '"' || c == '\'' || c == '?' {
            let close = chars[i + 1..]
                .iter()
                .position(|&d| d == c)
                .unwrap_or_else(|| panic!("unclosed {c} at char {i}"));
            tokens.push("<terminal>".into());
            i += close + 2;
        } else if c.is_ascii_alphabetic() {
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_alphanumeric() || chars[j] == '_') {
                j += 1;
            }
            tokens.push(chars[i..j].iter().collect());
            i = j;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            tokens.push(c.to_string());
            i += 1;
        }
    }
    let mut grammar = BTreeMap::new();
    for rule in tokens.split(|t| t == ";") {
        if rule.is_empty() {
            continue;
        }
        let [name, eq, rhs @ ..] = rule else {
            panic!("malformed production: {rule:?}")
        };
        assert_eq!(eq, "=", "production {name} lacks `=`");
        assert!(!rhs.is_empty(), "production {name} is empty");
        let used = rhs
            .iter()
            .filter(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()))
            .cloned()
            .collect();
        assert!(
            grammar.insert(name.clone(), used).is_none(),
            "production {name} defined twice"
        );
    }
    grammar
}

/// `fn name` declarations in a Rust source file.
fn functions(src: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in src.match_indices("fn ") {
        if at > 0 && src[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let name: String = src[at + 3..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.insert(name);
        }
    }
    out
}

fn snake_case(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The variants of `pub enum NAME` in src/syntax/tree.rs, in snake_case.
fn variants(syntax: &str, name: &str) -> BTreeSet<String> {
    let head = format!("pub enum {name} {{");
    let start = syntax
        .find(&head)
        .unwrap_or_else(|| panic!("src/syntax/tree.rs has no `{head}`"))
        + head.len();
    let body = &syntax[start..];
    let body = &body[..body.find("\n}").unwrap_or(body.len())];
    body.lines()
        .map(str::trim)
        .filter(|l| l.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|l| {
            let ident: String = l
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            snake_case(&ident)
        })
        .collect()
}

/// `pub struct NAME` in src/syntax/tree.rs, in snake_case.
fn types(syntax: &str) -> BTreeSet<String> {
    syntax
        .match_indices("pub struct ")
        .map(|(at, m)| {
            let ident: String = syntax[at + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            snake_case(&ident)
        })
        .collect()
}

#[test]
fn snake_case_conversion() {
    assert_eq!(snake_case("CrLf"), "cr_lf");
    assert_eq!(snake_case("Header"), "header");
}

#[test]
fn every_production_names_parser_code() {
    let grammar = productions(&read("grammar/digest.ebnf"));
    let syntax = read("src/syntax/tree.rs");
    let mut fns = BTreeSet::new();
    for file in PARSER_FILES {
        fns.extend(functions(&read(file)));
    }
    let mut known: BTreeSet<String> = BTreeSet::new();
    for enum_name in ["LineKind", "Item", "LineEnd"] {
        let v = variants(&syntax, enum_name);
        assert!(!v.is_empty(), "no variants found for {enum_name}");
        known.extend(v);
    }
    known.extend(types(&syntax));
    let untied: Vec<&String> = grammar
        .keys()
        .filter(|p| {
            !fns.contains(p.as_str()) && !fns.contains(&format!("is_{p}")) && !known.contains(*p)
        })
        .collect();
    assert!(
        untied.is_empty(),
        "productions not named after parser code: {untied:?}"
    );
}

#[test]
fn every_line_kind_is_a_production() {
    let grammar = productions(&read("grammar/digest.ebnf"));
    let syntax = read("src/syntax/tree.rs");
    let listed: BTreeSet<String> = LINE_KINDS
        .iter()
        .map(|&k| line_kind_name(k).to_string())
        .collect();
    assert_eq!(
        listed,
        variants(&syntax, "LineKind"),
        "LINE_KINDS is out of date"
    );
    for kind in LINE_KINDS {
        let name = line_kind_name(kind);
        assert!(
            grammar.contains_key(name),
            "LineKind::{kind:?} has no production `{name}`"
        );
    }
}

#[test]
fn grammar_is_closed_and_connected() {
    let grammar = productions(&read("grammar/digest.ebnf"));
    for (name, used) in &grammar {
        for u in used {
            assert!(
                grammar.contains_key(u),
                "`{name}` uses `{u}`, which is not defined"
            );
        }
    }
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut todo: Vec<&str> = START_SYMBOLS.to_vec();
    while let Some(name) = todo.pop() {
        if !seen.insert(name) {
            continue;
        }
        let used = grammar
            .get(name)
            .unwrap_or_else(|| panic!("start symbol `{name}` is not defined"));
        todo.extend(used.iter().map(String::as_str));
    }
    let unreachable: Vec<&String> = grammar
        .keys()
        .filter(|p| !seen.contains(p.as_str()))
        .collect();
    assert!(
        unreachable.is_empty(),
        "productions no start symbol reaches: {unreachable:?}"
    );
}
