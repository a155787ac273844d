//! The layer rule of ARCHITECTURE.md, checked on the source: a module may
//! use the modules of lower layers and never those of its own layer or a
//! higher one, so the crate has no import cycle and the lowest layers
//! (the syntax tree above all) stay usable on their own.
//!
//! Every `crate::name` path written in a file's code counts, in `use`
//! lines and inline. A file's test module (from its `#[cfg(test)]` line on)
//! is left out: a unit test may drive the whole pipeline.

use std::fs;
use std::path::{Path, PathBuf};

/// Top-level modules of `src/`, lowest layer first. A module may use only
/// modules whose layer number is smaller than its own.
const LAYERS: &[(&str, u8)] = &[
    ("syntax", 0),
    ("diagnostic", 1),
    ("format", 1),
    ("io", 1),
    ("config", 2),
    ("fix", 3),
    ("rules", 3),
    ("lint", 4),
    ("output", 4),
    ("server", 5),
    ("cli", 6),
];

fn layer(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|&(_, l)| l)
}

/// The top-level modules a piece of code names through `crate::`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        // `$crate::`, `my_crate::` and the like are not this crate's root.
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::X, b}`: the first name of each item at depth one.
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_alphabetic() || c == '_') => {
                        found.push(ident_at(&group[i..]));
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.push(ident_at(rest));
        }
    }
    found
}

fn ident_at(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The code of a file without comments and without its test module.
fn code_of(text: &str) -> Vec<(usize, &str)> {
    text.lines()
        .enumerate()
        .take_while(|(_, l)| l.trim() != "#[cfg(test)]")
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap_or("")))
        .collect()
}

/// Violations of the layer rule in one file of module `module`.
fn check_file(file: &str, module: &str, text: &str) -> Vec<String> {
    let Some(own) = layer(module) else {
        return vec![format!(
            "{file}: module `{module}` has no layer: add it to LAYERS in tests/architecture.rs \
             and to ARCHITECTURE.md"
        )];
    };
    let mut problems = Vec::new();
    for (line, code) in code_of(text) {
        for used in crate_paths(code) {
            if used == module {
                continue;
            }
            match layer(&used) {
                Some(l) if l < own => {}
                Some(l) => problems.push(format!(
                    "{file}:{line}: `{}` imports `crate::{used}`: {module} (layer {own}) may use \
                     only lower layers, and {used} is layer {l}",
                    code.trim()
                )),
                None => problems.push(format!(
                    "{file}:{line}: `{}` names `crate::{used}`, which is not a module with a layer",
                    code.trim()
                )),
            }
        }
    }
    problems
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        panic!("cannot read {}", dir.display())
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn lower_layers_never_import_higher_ones() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    let mut checked = 0;
    for path in &files {
        let Ok(rel) = path.strip_prefix(&src) else {
            continue;
        };
        let module = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or("")
            .trim_end_matches(".rs")
            .to_string();
        // The crate root and the binary sit above every layer.
        if module == "lib" || module == "main" {
            continue;
        }
        let text = fs::read_to_string(path).unwrap_or_default();
        problems.extend(check_file(
            &format!("src/{}", rel.display()),
            &module,
            &text,
        ));
        checked += 1;
    }
    assert!(checked > 50, "only {checked} source files found under src/");
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn every_module_of_the_crate_root_has_a_layer() {
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .unwrap_or_default();
    let modules: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';'))
        .collect();
    assert!(modules.len() >= 10, "{modules:?}");
    for m in modules {
        assert!(
            layer(m).is_some(),
            "src/lib.rs declares `{m}` with no layer"
        );
    }
}

#[test]
fn the_checker_reports_an_upward_import() {
    let text = "use crate::syntax::Span;\nuse crate::{diagnostic::Fix, rules::Rule};\n";
    let problems = check_file("src/config/x.rs", "config", text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].starts_with("src/config/x.rs:2: ")
            && problems[0].contains("imports `crate::rules`")
            && problems[0].contains("config (layer 2) may use only lower layers")
            && problems[0].contains("rules is layer 3"),
        "{}",
        problems[0]
    );
    // Inline paths count; comments, `$crate` and the test module do not.
    let text = "fn f() { crate::cli::run(x) } // crate::output\nmacro! { $crate::lint }\n\
                #[cfg(test)]\nuse crate::lint;\n";
    let problems = check_file("src/syntax/y.rs", "syntax", text);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("crate::cli"), "{}", problems[0]);
    // Its own module and a same-named module elsewhere are fine.
    assert!(check_file("src/rules/z.rs", "rules", "use crate::rules::Rule;").is_empty());
    assert_eq!(
        check_file("src/nowhere.rs", "nowhere", "").len(),
        1,
        "a module without a layer is reported"
    );
}
