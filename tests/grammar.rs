//! Keeps grammar/digest.ebnf and the parser in step, both ways.
//!
//! Every production is a nom parser of the same name (a function that
//! returns `TextResult`, `LineResult` or a `Parser` over `Lines`), and every
//! such function is a production, except for the few kinds the grammar
//! file names: entry points, character classes and plain code, each listed
//! here with its function. Every `LineKind` variant must be a production.
//! The grammar must also hold together: every name it uses is defined,
//! and every production is reachable from a start symbol.

use digest_lint::syntax::LineKind;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Productions nothing else refers to: where reading starts.
const START_SYMBOLS: &[&str] = &[
    "parse",
    "classify",
    "group",
    "classify_body",
    "find_links",
    "from_file_name",
    "annotations",
    "canonical_authors",
    "canonical_tags",
    "new_id",
    "old_id",
];

/// The files whose functions productions are named after.
const PARSER_FILES: &[&str] = &[
    "src/syntax/parser/mod.rs",
    "src/syntax/parser/group.rs",
    "src/syntax/parser/roles.rs",
    "src/syntax/parser/shapes.rs",
    "src/syntax/parser/authors.rs",
    "src/syntax/parser/tags.rs",
    "src/syntax/date.rs",
    "src/syntax/links.rs",
    "src/syntax/arxiv.rs",
    "src/syntax/text.rs",
    "src/syntax/tree.rs",
];

/// Productions that are public functions running nom parsers, which never
/// fail: (production, its comment says).
const ENTRY_POINTS: &[&str] = &["parse", "find_links", "from_file_name"];

/// Productions kept as plain code, and the function that decides each. The
/// grammar file says why in the production's comment ("Plain code").
const PLAIN_CODE: &[(&str, &str)] = &[
    ("classify", "classify"),
    ("classify_body", "classify_body"),
    ("english_before_korean", "english_before_korean"),
    ("abstract", "classify_body"),
    ("korean", "classify_body"),
    ("english", "classify_body"),
    ("link_only", "is_link_only"),
    ("hash_title", "is_hash_title"),
    ("authors_like", "is_authors_like"),
    ("looks_like_date", "looks_like_date"),
];

/// nom functions that are combinators building productions, not
/// productions: (function, what it builds).
const HELPERS: &[(&str, &str)] = &[
    (
        "line",
        "one line of a class: the line-class productions of level 2",
    ),
    (
        "authors_rest",
        "`authors` after its opening parenthesis, shared with `parse_authors`'s fallback",
    ),
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

/// `fn name` declarations in a Rust source file, with their signatures
/// (the text up to the body).
fn signatures(src: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (at, _) in src.match_indices("fn ") {
        if at > 0 && src[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &src[at + 3..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() {
            continue;
        }
        let end = rest.find(['{', ';']).unwrap_or(rest.len());
        out.entry(name).or_default().push(rest[..end].to_string());
    }
    out
}

fn functions(src: &str) -> BTreeSet<String> {
    signatures(src).into_keys().collect()
}

/// The nom parsers of a source file: functions that return a parser's
/// result (`TextResult`, `LineResult`) or a parser over `Lines`.
fn nom_functions(src: &str) -> BTreeSet<String> {
    signatures(src)
        .into_iter()
        .filter(|(_, sigs)| {
            sigs.iter().any(|s| {
                s.contains("TextResult<")
                    || s.contains("LineResult<")
                    || s.contains("Parser<Lines<")
            })
        })
        .map(|(name, _)| name)
        .collect()
}

/// Character-class predicates: `fn name(c: char) -> bool`.
fn char_classes(src: &str) -> BTreeSet<String> {
    signatures(src)
        .into_iter()
        .filter(|(_, sigs)| sigs.iter().any(|s| s.contains("(c: char) -> bool")))
        .map(|(name, _)| name)
        .collect()
}

/// The comment that follows production `name` in the grammar file.
fn comment_of<'a>(ebnf: &'a str, name: &str) -> &'a str {
    let head = format!("\n{name} =");
    let Some(at) = ebnf.find(&head) else {
        return "";
    };
    let rest = &ebnf[at + head.len()..];
    let Some(semi) = rest.find(" ;") else {
        return "";
    };
    let rest = rest[semi + 2..].trim_start();
    match (rest.strip_prefix("(*"), rest.find("*)")) {
        (Some(_), Some(end)) => &rest[2..end],
        _ => "",
    }
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

#[test]
fn snake_case_conversion() {
    assert_eq!(snake_case("CrLf"), "cr_lf");
    assert_eq!(snake_case("Header"), "header");
}

struct Code {
    fns: BTreeSet<String>,
    nom: BTreeSet<String>,
    classes: BTreeSet<String>,
}

fn code() -> Code {
    let mut code = Code {
        fns: BTreeSet::new(),
        nom: BTreeSet::new(),
        classes: BTreeSet::new(),
    };
    for file in PARSER_FILES {
        let src = read(file);
        code.fns.extend(functions(&src));
        code.nom.extend(nom_functions(&src));
        code.classes.extend(char_classes(&src));
    }
    code
}

#[test]
fn every_production_has_its_nom_function() {
    let ebnf = read("grammar/digest.ebnf");
    let grammar = productions(&ebnf);
    let code = code();
    let mut missing = Vec::new();
    for p in grammar.keys() {
        let comment = comment_of(&ebnf, p);
        if code.nom.contains(p) {
            continue;
        }
        if ENTRY_POINTS.contains(&p.as_str()) {
            assert!(code.fns.contains(p), "entry point `{p}` has no function");
            assert!(
                comment.contains("Entry point"),
                "`{p}`: its comment should say it is an entry point"
            );
        } else if let Some((_, f)) = PLAIN_CODE.iter().find(|(name, _)| name == p) {
            assert!(code.fns.contains(*f), "plain code `{p}`: no `fn {f}`");
            assert!(
                comment.contains("Plain code"),
                "`{p}`: its comment should say it is plain code, and why"
            );
        } else if code.classes.contains(p) || code.classes.contains(&format!("is_{p}")) {
            assert!(
                comment.contains("Character class"),
                "`{p}`: its comment should name its character class"
            );
        } else {
            missing.push(p.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "productions without a nom function of their name: {missing:?}"
    );
}

#[test]
fn every_nom_function_is_a_production() {
    let grammar = productions(&read("grammar/digest.ebnf"));
    let code = code();
    let stray: Vec<&String> = code
        .nom
        .iter()
        .filter(|f| !grammar.contains_key(*f) && !HELPERS.iter().any(|(h, _)| h == f))
        .collect();
    assert!(
        stray.is_empty(),
        "nom functions that are no production of grammar/digest.ebnf: {stray:?}"
    );
    for (helper, _) in HELPERS {
        assert!(
            code.nom.contains(*helper),
            "HELPERS lists `{helper}`, which is no nom function"
        );
    }
    for (p, _) in PLAIN_CODE {
        assert!(
            grammar.contains_key(*p),
            "PLAIN_CODE lists `{p}`, which is no production"
        );
        assert!(
            !code.nom.contains(*p),
            "`{p}` is a nom function now: drop it from PLAIN_CODE"
        );
    }
}

#[test]
fn the_checks_see_what_they_look_for() {
    let src = "fn a(i: &str) -> TextResult<'_, u8> {}\nfn is_b(c: char) -> bool {}\nfn c<'a>() -> impl Parser<Lines<'a>, Output = u8> {}\nfn d() {}";
    assert_eq!(
        nom_functions(src),
        BTreeSet::from(["a".to_string(), "c".to_string()])
    );
    assert_eq!(char_classes(src), BTreeSet::from(["is_b".to_string()]));
    let ebnf = "\nx = y ;\n  (* Plain code: z. *)\n\ny = \"a\" ;\n";
    assert_eq!(comment_of(ebnf, "x").trim(), "Plain code: z.");
    assert_eq!(comment_of(ebnf, "y"), "");
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
