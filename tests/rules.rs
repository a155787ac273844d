//! Snapshot tests for every rule.
//!
//! Each rule has a folder `fixtures/rules/CODE/`. A fixture whose name
//! contains `hit` must trigger the rule; one whose name contains `miss` is a
//! near miss that must not. The rule runs alone (`--select CODE`), and the
//! snapshot records what a user sees: the concise lines, the full report
//! with its labels and notes, and the text after `--fix` (and after
//! `--fix --unsafe-fixes` when that differs).

use digest_lint::config::Config;
use digest_lint::fix::FixMode;
use digest_lint::lint;
use digest_lint::output::{self, FileFindings};
use digest_lint::rules;
use digest_lint::rules::selector;
use std::path::Path;

fn render(path: &Path) -> String {
    let code = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string();
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let src = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rule = rules::by_code_or_name(&code)
        .unwrap_or_else(|| panic!("fixtures/rules/{code}: no such rule"));
    // C001 and C002 leave a copied paragraph to C005 while C005 runs: their
    // fixtures run beside it, and only their own findings are kept.
    let beside_rule = match code.as_str() {
        "C001" | "C002" => Some("C005"),
        _ => None,
    };
    let mut config = Config {
        select: std::iter::once(code.as_str())
            .chain(beside_rule)
            .map(|c| selector(c).unwrap_or_else(|e| panic!("{e}")))
            .collect(),
        ..Config::default()
    };
    // A rule that reads the configuration file (T003's vocabulary, C007's
    // `check-abstracts`) finds one beside its fixtures.
    let beside = path.with_file_name("digest-lint.toml");
    if let Ok(text) = std::fs::read_to_string(&beside) {
        let dir = beside.parent().unwrap_or(Path::new("."));
        let read = |p: &Path| std::fs::read_to_string(p).map_err(|e| e.to_string());
        let (settings, _) =
            digest_lint::config::discover::settings_from(&text, "digest-lint.toml", dir, &read)
                .unwrap_or_else(|e| panic!("{e}"));
        config.tags = settings.vocabulary();
        config.check_abstracts = settings.check_abstracts.unwrap_or(false);
    }

    let mut found = lint::check(&src, Some(name), &config);
    found.retain(|d| Some(d.code) != beside_rule);
    assert!(found.iter().all(|d| d.code == rule.meta().code));
    if name.contains("hit") {
        assert!(!found.is_empty(), "{name} should trigger {code}");
    } else if name.contains("miss") {
        assert!(
            found.is_empty(),
            "{name} must not trigger {code}, got {found:#?}"
        );
    } else {
        panic!("{name}: a fixture's name says `hit` or `miss`");
    }

    let shown = format!("fixtures/rules/{code}/{name}");
    let file = FileFindings {
        path: &shown,
        src: &src,
        diagnostics: &found,
    };
    let mut concise = Vec::new();
    output::concise(&mut concise, &file).unwrap_or_else(|e| panic!("{e}"));
    let mut full = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    output::full(&mut full, &file).unwrap_or_else(|e| panic!("{e}"));

    let mut out = String::new();
    out.push_str(&String::from_utf8_lossy(&concise));
    out.push('\n');
    out.push_str(&String::from_utf8_lossy(full.get_ref()));
    let safe = lint::fix(&src, Some(name), &config, FixMode::Safe);
    assert!(safe.converged, "{name}: fixes keep re-firing");
    if safe.text != src {
        out.push_str("----- after --fix -----\n");
        out.push_str(&safe.text);
        out.push_str("----- end -----\n");
    }
    let unsafe_ = lint::fix(&src, Some(name), &config, FixMode::Unsafe);
    assert!(unsafe_.converged, "{name}: unsafe fixes keep re-firing");
    if unsafe_.text != safe.text {
        out.push_str("----- after --fix --unsafe-fixes -----\n");
        out.push_str(&unsafe_.text);
        out.push_str("----- end -----\n");
    }
    out
}

/// Every fixture file, as `(code, path)`, in a stable order.
fn fixtures() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    let mut files = Vec::new();
    for dir in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(dir.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if file.path().extension().is_some_and(|x| x == "txt") {
                files.push(file.path());
            }
        }
    }
    files.sort();
    files
}

#[test]
fn rule_fixtures() {
    let files = fixtures();
    assert!(!files.is_empty());
    for path in files {
        let code = path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let stem = path
            .file_stem()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_suffix(format!("{code}-{stem}"));
        settings.set_input_file(&path);
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| insta::assert_snapshot!(render(&path)));
    }
}

#[test]
fn every_rule_has_a_hit_and_a_miss() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules");
    for rule in rules::all() {
        let code = rule.meta().code;
        let dir = root.join(code);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("{code}: no fixtures/rules/{code}/"))
            .filter_map(|e| e.ok().and_then(|e| e.file_name().into_string().ok()))
            .collect();
        assert!(
            names.iter().any(|n| n.contains("hit")),
            "{code}: no fixture that triggers it"
        );
        assert!(
            names.iter().any(|n| n.contains("miss")),
            "{code}: no near-miss fixture"
        );
    }
}
