//! `--output-format sarif`: the shape GitHub code scanning needs, checked
//! here field by field, and Microsoft's validator (`sarif-multitool
//! validate`) on the SARIF of every fixture when it is installed (`.ci/run`
//! installs it; `cargo test` alone skips that part and says so).

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use digest_lint::rules;
use serde_json::Value;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bin() -> Command {
    let mut cmd = cargo_bin_cmd!("digest-lint");
    cmd.current_dir(root())
        .env_remove("DIGEST_LINT_OUTPUT_FORMAT")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

fn sarif_of(args: &[&str]) -> (i32, Value) {
    let out = bin()
        .arg("check")
        .args(args)
        .args(["--output-format", "sarif"])
        .output()
        .unwrap();
    let code = out.status.code().unwrap_or(-1);
    (code, serde_json::from_slice(&out.stdout).unwrap())
}

#[test]
fn every_rule_is_described() {
    let (_, log) = sarif_of(&["fixtures/cli/clean.txt"]);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");
    assert_eq!(run["results"].as_array().unwrap().len(), 0);
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "digest-lint");
    assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));
    let listed = driver["rules"].as_array().unwrap();
    assert_eq!(listed.len(), rules::all().count());
    // Every family is among the rules (so each tag below is asked).
    let families: std::collections::BTreeSet<&str> = listed
        .iter()
        .filter_map(|r| r["properties"]["tags"][0].as_str())
        .collect();
    assert_eq!(
        families.into_iter().collect::<Vec<_>>(),
        [
            "authors",
            "commentary",
            "date",
            "links",
            "structure",
            "tags",
            "whitespace"
        ]
    );
    for (rule, meta) in listed.iter().zip(rules::all().map(|r| r.meta())) {
        assert_eq!(rule["id"], meta.code);
        assert_eq!(rule["name"], meta.name);
        assert_eq!(
            rule["defaultConfiguration"]["level"],
            meta.severity.as_str()
        );
        let short = rule["shortDescription"]["text"].as_str().unwrap();
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        assert!(
            short.starts_with(meta.summary.trim_end_matches('.')),
            "{short}"
        );
        assert!(!full.is_empty() && full.chars().count() <= 1024, "{full}");
        // The full description opens the doc's `## What it does` (its words,
        // on one line, up to the cut).
        let what: Vec<&str> = meta
            .doc
            .split("## What it does")
            .nth(1)
            .unwrap()
            .split_whitespace()
            .take(3)
            .collect();
        assert!(full.starts_with(&what.join(" ")), "{full}");
        // Rules off by default say so; the others leave `enabled` out.
        let enabled = &rule["defaultConfiguration"]["enabled"];
        if meta.default_enabled {
            assert!(enabled.is_null(), "{}", meta.code);
        } else {
            assert_eq!(enabled, false, "{}", meta.code);
        }
        assert_eq!(rule["help"]["markdown"], rules::render_doc(meta));
        // Each rule is tagged with its family, named by its code's letter.
        let family = match meta.code.as_bytes()[0] {
            b'D' => "date",
            b'E' => "structure",
            b'A' => "authors",
            b'C' => "commentary",
            b'T' => "tags",
            b'L' => "links",
            b'W' => "whitespace",
            _ => "other",
        };
        assert_eq!(rule["properties"]["tags"], serde_json::json!([family]));
        assert!(
            rule["help"]["text"]
                .as_str()
                .unwrap()
                .contains("## What it does")
        );
    }
}

#[test]
fn results_have_rule_level_region_uri_and_fingerprint() {
    let (code, log) = sarif_of(&["./fixtures/ci/2025-05-02.txt"]);
    assert_eq!(code, 1);
    let run = &log["runs"][0];
    let base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for r in results {
        let index = usize::try_from(r["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "fixtures/ci/2025-05-02.txt");
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let fp = r["partialFingerprints"]["digestLint/v1"].as_str().unwrap();
        assert!(fp.len() == 18 && fp.ends_with(":0"), "{fp}");
    }
    let e009 = results.iter().find(|r| r["ruleId"] == "E009").unwrap();
    assert_eq!(e009["level"], "error");
    assert_eq!(
        e009["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 7, "startColumn": 1, "endLine": 7, "endColumn": 39})
    );
    // `40%` after 22 Hangul and spaces: exclusive end column 26.
    let c002 = results.iter().find(|r| r["ruleId"] == "C002").unwrap();
    assert_eq!(c002["level"], "warning");
    assert_eq!(
        c002["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 4, "startColumn": 23, "endLine": 4, "endColumn": 26})
    );
    assert_eq!(
        c002["relatedLocations"][0]["message"]["text"],
        "no matching figure in the English paragraph."
    );
}

#[test]
fn columns_count_utf16_units_and_fixes_are_replacements() {
    let dir = tempfile::tempdir().unwrap();
    // An emoji is two UTF-16 units: the trailing spaces start at unit 4.
    std::fs::write(dir.path().join("e.txt"), "a😀  \n").unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args([
            "check",
            "e.txt",
            "--select",
            "W001",
            "--output-format",
            "sarif",
        ])
        .output()
        .unwrap();
    let log: Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &log["runs"][0]["results"][0];
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 1, "startColumn": 4, "endLine": 1, "endColumn": 6})
    );
    let change = &r["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "e.txt");
    assert_eq!(
        change["replacements"][0],
        serde_json::json!({
            "deletedRegion": {"startLine": 1, "startColumn": 4, "endLine": 1, "endColumn": 6},
            "insertedContent": {"text": ""}
        })
    );
    assert_eq!(r["fixes"][0]["properties"]["applicability"], "safe");
}

#[test]
fn fingerprints_survive_lines_moving() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("fixtures/ci/2025-05-02.txt")).unwrap();
    let path = dir.path().join("2025-05-02.txt");
    let fingerprints = |text: &str| {
        std::fs::write(&path, text).unwrap();
        let out = bin()
            .current_dir(dir.path())
            .args([
                "check",
                "2025-05-02.txt",
                "--select",
                "C002",
                "--output-format",
                "sarif",
            ])
            .output()
            .unwrap();
        let log: Value = serde_json::from_slice(&out.stdout).unwrap();
        let r = &log["runs"][0]["results"][0];
        (
            r["partialFingerprints"]["digestLint/v1"].clone(),
            r["locations"][0]["physicalLocation"]["region"]["startLine"].clone(),
        )
    };
    let (before, line_before) = fingerprints(&text);
    let clean = std::fs::read_to_string(root().join("fixtures/cli/clean.txt")).unwrap();
    let entries = clean.split_once('\n').unwrap().1;
    let moved = text.replacen('\n', &format!("\n{entries}"), 1);
    let (after, line_after) = fingerprints(&moved);
    assert_ne!(line_before, line_after);
    assert_eq!(before, after);
}

/// Microsoft's validator on the SARIF of every fixture, when installed.
#[test]
fn sarif_multitool_finds_no_error_or_warning() {
    let installed = std::process::Command::new("sarif-multitool")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !installed {
        eprintln!(
            "skipped: sarif-multitool not installed (.ci/sarif.sh installs it and runs this)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("fixtures.sarif");
    // Every fixture, named one by one: a folder walk takes dated names only.
    let mut fixtures = Vec::new();
    let mut folders = vec![root().join("fixtures")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|x| x == "txt") {
                fixtures.push(path);
            }
        }
    }
    assert!(fixtures.len() > 100, "{}", fixtures.len());
    let status = bin()
        .arg("check")
        .args(&fixtures)
        .args(["--output-format", "sarif", "--output-file"])
        .arg(&log)
        .output()
        .unwrap()
        .status
        .code();
    // 1: findings; 2: one fixture is binary on purpose (W007's NUL byte)
    // and is skipped with a message. The log is written either way.
    assert!(matches!(status, Some(1 | 2)), "{status:?}");
    assert!(std::fs::metadata(&log).unwrap().len() > 0);
    let out = std::process::Command::new("sarif-multitool")
        .arg("validate")
        .arg(&log)
        .arg("-o")
        .arg(dir.path().join("validation.sarif"))
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    let problems: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": error ") || l.contains(": warning "))
        .collect();
    assert!(problems.is_empty(), "{text}");
    assert!(text.contains("Analysis completed successfully"), "{text}");
}
