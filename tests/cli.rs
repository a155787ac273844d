//! The command line as a user meets it: exit codes, output formats, rule
//! selection, colour, fixing and the `rule` command.
//!
//! Assertions stay on W002 (missing-final-newline) or on behaviour that does
//! not depend on which rules exist, so that adding rules does not break them.

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use digest_lint::rules;
use std::path::{Path, PathBuf};

fn bin() -> Command {
    let mut cmd = cargo_bin_cmd!("digest-lint");
    cmd.env_remove("NO_COLOR")
        .env_remove("DIGEST_LINT_OUTPUT_FORMAT")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/cli")
        .join(name)
}

/// Runs the binary and returns (exit code, stdout, stderr).
fn run(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A temporary folder holding a copy of a fixture.
fn copy_to_temp(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::copy(fixture(name), &path).unwrap();
    (dir, path)
}

fn json_findings(stdout: &str) -> Vec<serde_json::Value> {
    let v: serde_json::Value = serde_json::from_str(stdout).unwrap();
    v.as_array().unwrap().clone()
}

// ------------------------------------------------------------ exit codes --

#[test]
fn clean_file_exits_0_with_no_findings() {
    let (code, out, _) = run(bin()
        .arg("check")
        .arg(fixture("clean.txt"))
        .args(["--output-format", "json"]));
    assert_eq!(json_findings(&out), Vec::<serde_json::Value>::new());
    assert_eq!(code, 0);
    let (code, out, _) = run(bin().arg("check").arg(fixture("clean.txt")));
    assert_eq!(code, 0);
    assert!(out.contains("All checks passed"), "{out}");
}

#[test]
fn warnings_alone_exit_0() {
    let (code, out, _) = run(bin()
        .arg("check")
        .arg(fixture("no-final-newline.txt"))
        .args(["--select", "W002", "--output-format", "concise"]));
    assert_eq!(code, 0);
    assert!(out.contains("W002"), "{out}");
}

#[test]
fn error_findings_exit_1() {
    let (code, out, _) = run(bin()
        .arg("check")
        .arg(fixture("broken.txt"))
        .args(["--output-format", "json"]));
    let findings = json_findings(&out);
    let any_error = findings.iter().any(|f| f["severity"] == "error");
    assert_eq!(code, if any_error { 1 } else { 0 }, "{out}");
    // The file has no date header and an entry without English: once the
    // structure rules are registered, it must fail.
    if rules::by_code_or_name("D001").is_some() || rules::by_code_or_name("E004").is_some() {
        assert!(any_error, "broken.txt should have error findings: {out}");
        assert_eq!(code, 1);
    }
}

#[test]
fn unknown_rule_selector_exits_2() {
    for flag in ["--select", "--ignore"] {
        let (code, out, err) = run(bin()
            .arg("check")
            .arg(fixture("clean.txt"))
            .args([flag, "Z999"]));
        assert_eq!(code, 2, "{flag}");
        assert!(out.is_empty());
        assert!(err.contains("Z999"), "{err}");
    }
}

#[test]
fn missing_path_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.txt");
    let (code, _, err) = run(bin().arg("check").arg(&missing));
    assert_eq!(code, 2);
    assert!(err.contains("nowhere.txt"), "{err}");
    let (code, _, _) = run(bin().arg("fmt").arg("--check").arg(&missing));
    assert_eq!(code, 2);
}

#[test]
fn invalid_utf8_exits_2_names_file_and_offset_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.txt");
    let bytes = b"2025\xb3\xe2 5\n".to_vec();
    std::fs::write(&path, &bytes).unwrap();
    let (code, _, err) = run(bin().arg("check").arg(&path));
    assert_eq!(code, 2);
    assert!(err.contains("latin1.txt"), "{err}");
    assert!(err.contains("offset 4"), "{err}");
    for args in [&["check", "--fix"][..], &["fmt"][..]] {
        let (code, _, _) = run(bin().args(args).arg(&path));
        assert_eq!(code, 2, "{args:?}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{args:?} wrote");
    }
}

#[test]
fn binary_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("image.txt");
    std::fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let (code, _, err) = run(bin().arg("check").arg(&path));
    assert_eq!(code, 2);
    assert!(err.contains("image.txt") && err.contains("NUL"), "{err}");
}

// -------------------------------------------------------- output formats --

#[test]
fn json_has_the_documented_fields() {
    let path = fixture("no-final-newline.txt");
    let (code, out, _) =
        run(bin()
            .arg("check")
            .arg(&path)
            .args(["--select", "W002", "--output-format", "json"]));
    assert_eq!(code, 0);
    let findings = json_findings(&out);
    assert_eq!(findings.len(), 1, "{out}");
    let f = &findings[0];
    assert_eq!(f["code"], "W002");
    assert_eq!(f["rule"], "missing-final-newline");
    assert_eq!(f["severity"], "warning");
    assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(f["path"], path.display().to_string());
    let last_line = std::fs::read_to_string(&path).unwrap().lines().count();
    for end in ["start", "end"] {
        assert_eq!(f["range"][end]["line"], last_line);
        assert!(f["range"][end]["column"].as_u64().is_some_and(|c| c >= 1));
    }
    let fix = &f["fix"];
    assert_eq!(fix["applicability"], "safe");
    assert!(fix["message"].is_string());
    assert_eq!(fix["edits"][0]["content"], "\n");
    assert!(fix["edits"][0]["range"]["start"]["line"].is_u64());
}

#[test]
fn json_fix_is_null_without_a_fix_and_array_is_empty_when_clean() {
    let (_, out, _) = run(bin()
        .arg("check")
        .arg(fixture("clean.txt"))
        .args(["--output-format", "json"]));
    assert_eq!(out.trim(), "[]");
}

#[test]
fn concise_is_path_line_col_code_message() {
    let path = fixture("no-final-newline.txt");
    let shown = path.display().to_string();
    let (_, out, _) =
        run(bin()
            .arg("check")
            .arg(&path)
            .args(["--select", "W002", "--output-format", "concise"]));
    let line = out.lines().next().unwrap();
    let rest = line.strip_prefix(&format!("{shown}:")).unwrap();
    let mut parts = rest.splitn(3, ':');
    let row: usize = parts.next().unwrap().parse().unwrap();
    let col: usize = parts.next().unwrap().parse().unwrap();
    assert!(row >= 1 && col >= 1);
    let tail = parts.next().unwrap();
    assert!(tail.starts_with(" W002 "), "{line}");
    assert!(tail.contains("no newline at end of file"), "{line}");
    // The summary closes the output.
    assert!(out.lines().last().unwrap().starts_with("Found "), "{out}");
}

#[test]
fn full_shows_code_name_and_source_line() {
    let (_, out, _) = run(bin()
        .arg("check")
        .arg(fixture("no-final-newline.txt"))
        .args(["--select", "W002", "--color", "never"]));
    assert!(out.contains("warning[W002/missing-final-newline]"), "{out}");
    assert!(out.contains("#question-answering #tables"), "{out}");
    assert!(out.contains("--fix"), "{out}");
}

#[test]
fn stdin_with_a_file_name() {
    let text = std::fs::read_to_string(fixture("no-final-newline.txt")).unwrap();
    let (code, out, _) = run(bin()
        .args(["check", "-", "--stdin-filename", "2025-05-02.txt"])
        .args(["--select", "W002", "--output-format", "concise"])
        .write_stdin(text.clone()));
    assert_eq!(code, 0);
    assert!(out.starts_with("2025-05-02.txt:"), "{out}");
    // `--fix` on standard input is a filter: exactly the fixed text on
    // standard output, the report on standard error.
    let (code, out, err) = run(bin()
        .args(["check", "-", "--fix", "--select", "W002"])
        .args(["--output-format", "concise"])
        .write_stdin(text.clone()));
    assert_eq!(code, 0);
    assert_eq!(out, format!("{text}\n"));
    assert!(err.contains("Fixed 1 finding"), "{err}");
    // Text with nothing to fix comes through unchanged.
    let fixed = format!("{text}\n");
    let (code, out, _) = run(bin()
        .args(["check", "-", "--fix", "--select", "W002"])
        .write_stdin(fixed.clone()));
    assert_eq!(code, 0);
    assert_eq!(out, fixed);
}

// ------------------------------------------------------ rule selection --

#[test]
fn select_and_ignore_by_code_name_and_prefix() {
    let path = fixture("no-final-newline.txt");
    let shows_w002 = |flag: &str, value: &str| {
        let (code, out, err) =
            run(bin()
                .arg("check")
                .arg(&path)
                .args([flag, value, "--output-format", "concise"]));
        assert_ne!(code, 2, "{flag} {value}: {err}");
        out.contains(": W002 ")
    };
    for selector in ["W002", "w002", "missing-final-newline", "W", "W0", "ALL"] {
        assert!(shows_w002("--select", selector), "--select {selector}");
        assert!(!shows_w002("--ignore", selector), "--ignore {selector}");
    }
    // A comma-separated list, and ignore winning over select.
    assert!(shows_w002("--select", "W002,missing-final-newline"));
    let (_, out, _) = run(bin().arg("check").arg(&path).args([
        "--select",
        "W",
        "--ignore",
        "W002",
        "--output-format",
        "concise",
    ]));
    assert!(!out.contains(": W002 "), "{out}");
}

// ---------------------------------------------------------------- colour --

#[test]
fn color_always_vs_no_color() {
    let path = fixture("no-final-newline.txt");
    let (_, colored, _) = run(bin()
        .arg("check")
        .arg(&path)
        .args(["--select", "W002", "--color", "always"]));
    assert!(colored.contains('\u{1b}'), "expected escape codes");
    let (_, plain, _) = run(bin()
        .arg("check")
        .arg(&path)
        .args(["--select", "W002"])
        .env("NO_COLOR", "1"));
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
    let (_, never, _) = run(bin()
        .arg("check")
        .arg(&path)
        .args(["--select", "W002", "--color", "never"]));
    assert!(!never.contains('\u{1b}'));
    assert_eq!(never, plain);
}

// ------------------------------------------------------------------ rule --

#[test]
fn rule_by_code_and_by_name() {
    let (code, by_code, _) = run(bin().args(["rule", "W002"]));
    assert_eq!(code, 0);
    assert!(
        by_code.contains("missing-final-newline (W002)"),
        "{by_code}"
    );
    for section in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Fix",
    ] {
        assert!(by_code.contains(section), "{section}");
    }
    let (code, by_name, _) = run(bin().args(["rule", "missing-final-newline"]));
    assert_eq!(code, 0);
    assert_eq!(by_code, by_name);
}

#[test]
fn rule_all_lists_every_rule() {
    let (code, out, _) = run(bin().args(["rule", "--all"]));
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), rules::all().count());
    for rule in rules::all() {
        let m = rule.meta();
        assert!(
            out.lines()
                .any(|l| l.starts_with(m.code) && l.contains(m.name)),
            "{} missing from:\n{out}",
            m.code
        );
    }
}

#[test]
fn rule_without_argument_or_unknown_exits_2() {
    let (code, _, err) = run(bin().arg("rule"));
    assert_eq!(code, 2);
    assert!(err.contains("--all"), "{err}");
    let (code, _, err) = run(bin().args(["rule", "Z999"]));
    assert_eq!(code, 2);
    assert!(err.contains("Z999"), "{err}");
}

// ------------------------------------------------------------ fix & diff --

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn fix_writes_atomically_and_a_second_fix_changes_nothing() {
    let (dir, path) = copy_to_temp("no-final-newline.txt");
    let before = std::fs::read_to_string(&path).unwrap();
    let (code, out, _) = run(bin()
        .args(["check", "--fix", "--select", "W002"])
        .arg(&path));
    assert_eq!(code, 0);
    assert!(out.contains("Fixed 1 finding"), "{out}");
    let after = std::fs::read_to_string(&path).unwrap();
    assert_eq!(after, format!("{before}\n"));
    assert_eq!(leftovers(dir.path()), ["no-final-newline.txt"]);

    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap());
    let (code, out, _) = run(bin()
        .args(["check", "--fix", "--select", "W002"])
        .arg(&path));
    assert_eq!(code, 0);
    assert!(out.contains("All checks passed"), "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
    // Nothing to change: the file is not even rewritten.
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
    #[cfg(unix)]
    assert_eq!(
        std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap()),
        inode
    );
    assert_eq!(leftovers(dir.path()), ["no-final-newline.txt"]);
}

#[test]
fn diff_writes_nothing_and_exits_1_when_there_is_a_change() {
    let (dir, path) = copy_to_temp("no-final-newline.txt");
    let before = std::fs::read(&path).unwrap();
    let (code, out, _) = run(bin()
        .args(["check", "--diff", "--select", "W002"])
        .arg(&path));
    assert_eq!(code, 1);
    let shown = path.display().to_string();
    assert!(
        out.contains(&format!("--- {shown}")) && out.contains(&format!("+++ {shown}")),
        "{out}"
    );
    assert!(out.contains("\\ No newline at end of file"), "{out}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(leftovers(dir.path()), ["no-final-newline.txt"]);

    let (dir, path) = copy_to_temp("clean.txt");
    let (code, out, _) = run(bin().args(["check", "--diff"]).arg(&path));
    assert_eq!(code, 0);
    assert!(out.is_empty(), "{out}");
    assert_eq!(leftovers(dir.path()), ["clean.txt"]);
}

#[test]
fn fmt_check_on_a_clean_file_exits_0() {
    let (code, out, err) = run(bin().args(["fmt", "--check"]).arg(fixture("clean.txt")));
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("already formatted"), "{err}");
}

// ------------------------------------------------------ README in step --

/// The README shows real output; these keep it from going stale.
#[test]
fn readme_shows_current_output() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    // An empty output is contained in any text: each output must be there
    // and look like what it is before the README is asked to hold it.
    let (code, rules, err) = run(bin().args(["rule", "--all"]));
    assert_eq!((code, err.as_str()), (0, ""), "rule --all");
    for rule in rules::all() {
        let code = rule.meta().code;
        assert!(
            rules.lines().any(|l| l.starts_with(code)),
            "rule --all does not list {code}:\n{rules}"
        );
    }
    assert!(
        readme.contains(&rules),
        "README's `rule --all` listing is stale:\n{rules}"
    );
    // The sample draws warnings only (C002 and W002): exit code 0.
    let summary = "Found 0 errors and 2 warnings in 1 file. 1 fixable with --fix.\n";
    let (code, concise, err) = run(bin().current_dir(env!("CARGO_MANIFEST_DIR")).args([
        "check",
        "fixtures/sample-digest.txt",
        "--output-format",
        "concise",
    ]));
    assert_eq!(
        (code, err.as_str()),
        (0, ""),
        "check --output-format concise"
    );
    assert!(
        concise.starts_with("fixtures/sample-digest.txt:") && concise.ends_with(summary),
        "{concise}"
    );
    assert!(
        readme.contains(&concise),
        "README's concise sample is stale:\n{concise}"
    );
    let (code, full, err) = run(bin().current_dir(env!("CARGO_MANIFEST_DIR")).args([
        "check",
        "fixtures/sample-digest.txt",
        "--color",
        "never",
    ]));
    assert_eq!((code, err.as_str()), (0, ""), "check --color never");
    assert!(
        full.contains("C002") && full.contains("W002") && full.ends_with(summary),
        "{full}"
    );
    assert!(
        readme.contains(&full),
        "README's full sample is stale:\n{full}"
    );
}

// ------------------------------------------------------- authors notes --

/// Issue 11's two shapes of an authors line with notes are the entry's
/// authors line: A003 reports each, and nothing else fires (no E002 for a
/// missing authors line, no A001 for a malformed one), with the default
/// rules and with every rule selected.
#[test]
fn authors_lines_with_notes_draw_a003_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2025-04-25.txt");
    std::fs::write(
        &path,
        "2025년 4월 25일\n\
         Folding Lanterns: A Toy Study\n\
         (Ann Lee (1), Bo Kim (2) ((1) Example University, (2) Example Labs))\n\
         종이 접기 모델에 대한 가상의 연구입니다.\n\
         An invented study on paper folding models.\n\
         #origami\n\
         Creased Sheets Revisited\n\
         (Ann Lee, Bo Kim (equal contribution, order random))\n\
         종이 주름에 대한 두 번째 가상 연구입니다.\n\
         A second invented study on paper creases.\n\
         #origami\n",
    )
    .unwrap();
    for select in [None, Some("ALL,A002,C006")] {
        let mut cmd = bin();
        cmd.arg("check")
            .arg(&path)
            .args(["--output-format", "json"]);
        if let Some(s) = select {
            cmd.args(["--select", s]);
        }
        let (code, out, _) = run(&mut cmd);
        let found: Vec<(String, u64)> = json_findings(&out)
            .iter()
            .map(|d| {
                (
                    d["code"].as_str().unwrap().to_string(),
                    d["range"]["start"]["line"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [("A003".to_string(), 3), ("A003".to_string(), 8)],
            "{select:?}"
        );
        // Warnings only.
        assert_eq!(code, 0, "{select:?}");
    }
}

/// A folder of two digests: a clean one (`2025-04-25.txt`) and one that is
/// not text (`2025-04-26.txt`).
fn clean_and_binary() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2025-04-25.txt"),
        "2025년 4월 25일\nT\n(A B)\n가나\nE.\n#t\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("2025-04-26.txt"), b"\xff\xfe\x00bin").unwrap();
    dir
}

/// A file that cannot be read as a digest is counted in the summary line,
/// beside the files checked, and the run exits 2.
#[test]
fn an_unreadable_file_in_a_walked_folder_is_counted() {
    let dir = clean_and_binary();
    assert_cmd::Command::cargo_bin("digest-lint")
        .unwrap()
        .arg("check")
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("2025-04-26.txt"))
        .stdout(predicates::str::contains(
            "No findings in 1 file checked. 1 input could not be read.",
        ));
}

/// A folder the walk cannot open (here: its path is longer than the system
/// takes, which no permission setting gets around, not even for root) is
/// named on stderr and counted beside a file that cannot be read: the two
/// kinds of failure add up in the summary.
#[cfg(unix)]
#[test]
fn a_folder_the_walk_cannot_open_counts_with_unreadable_files() {
    let dir = clean_and_binary();
    // Two halves of 2,412 bytes each, made apart and then one moved into
    // the other: no single call names a path over the 4,096-byte limit,
    // but the deepest folder's path is over it.
    let part = "d".repeat(200);
    let half = PathBuf::from_iter(std::iter::repeat_n(&part, 12));
    let top = dir.path().join("walked");
    std::fs::create_dir_all(top.join(&half)).unwrap();
    let aside = dir.path().join("aside");
    std::fs::create_dir_all(aside.join(&half)).unwrap();
    std::fs::rename(aside.join(&part), top.join(&half).join("x")).unwrap();
    let (code, stdout, stderr) = run(bin().arg("check").arg(dir.path()));
    assert_eq!(code, 2, "{stdout}{stderr}");
    assert!(stderr.contains("2025-04-26.txt"), "{stderr}");
    assert!(stderr.contains("File name too long"), "{stderr}");
    assert!(
        stdout.contains("No findings in 1 file checked. 2 inputs could not be read."),
        "{stdout}"
    );
}
