//! The command line in CI: the formats `github`, `sarif`, `gitlab` and
//! `json-lines`, `--output-file`, `DIGEST_LINT_OUTPUT_FORMAT`, the flags
//! `--statistics`, `--show-fixes`, `--exit-zero`, `--exit-non-zero-on-fix`
//! and `--quiet`, the exit codes of `--diff`, the fix marks, the order of
//! findings across files, and `git apply` on a `--diff`.

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use std::path::{Path, PathBuf};

/// The binary, with nothing from the environment that changes its output
/// (a CI runner sets `GITHUB_STEP_SUMMARY`).
fn bin() -> Command {
    let mut cmd = cargo_bin_cmd!("digest-lint");
    cmd.env_remove("NO_COLOR")
        .env_remove("DIGEST_LINT_OUTPUT_FORMAT")
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("fixtures").join(name)
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

/// The fixture with `%`, `,` and `:` in a message, run from the
/// repository root so that paths are relative.
const CI_FIXTURE: &str = "fixtures/ci/2025-05-02.txt";

fn from_root() -> Command {
    let mut cmd = bin();
    cmd.current_dir(root());
    cmd
}

fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A dated digest with one entry and then `n` lines that belong to no
/// entry (one E009 error each).
fn stray_lines(n: usize) -> String {
    let mut s = std::fs::read_to_string(fixture("cli/clean.txt")).unwrap();
    for i in 0..n {
        s.push_str(&format!("stray line {i}\n"));
    }
    s
}

// ---------------------------------------------------------------- github --

#[test]
fn github_escapes_message_and_properties_as_the_toolkit_does() {
    let (code, out, err) =
        run(from_root().args(["check", CI_FIXTURE, "--output-format", "github"]));
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    // Errors first; `%` → %25 and the help line after %0A in the message;
    // `,` and `:` stay in a message; columns on a one-line span.
    assert_eq!(
        lines,
        [
            "::error file=fixtures/ci/2025-05-02.txt,line=7,endLine=7,col=1,endColumn=38,title=E009 stray-text::`Reviewer note: recheck 50%25, then merge` belongs to no entry%0Ahelp: it follows the tags line that closes the entry above: commentary belongs before the tags line; move the line or delete it",
            "::warning file=fixtures/ci/2025-05-02.txt,line=4,endLine=4,col=23,endColumn=25,title=C002 unpaired-number::`40%25` is in the Korean paragraph but not in the English paragraph%0Ahelp: give the English text the same figure, or drop it from both (`1,600`/`1600`, `16K`/`16k` and `2배`/`2x`/`twice` count as the same)",
        ]
    );
}

#[cfg(unix)]
#[test]
fn github_escapes_a_file_name_with_comma_colon_and_percent() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a,b: 50%.txt"), "x  \n").unwrap();
    let (_, out, _) = run(bin().current_dir(dir.path()).args([
        "check",
        "a,b: 50%.txt",
        "--select",
        "W001",
        "--output-format",
        "github",
    ]));
    assert_eq!(
        out,
        "::warning file=a%2Cb%3A 50%25.txt,line=1,endLine=1,col=2,endColumn=3,title=W001 trailing-whitespace::trailing white space: 2 spaces\n"
    );
}

#[test]
fn github_annotates_ten_per_severity_then_lists_the_rest_and_notices() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2025-05-02.txt");
    std::fs::write(&path, stray_lines(12)).unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let (code, out, _) = run(bin()
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "2025-05-02.txt", "--output-format", "github"]));
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("::error ")).count(),
        10
    );
    assert!(lines[..10].iter().all(|l| l.starts_with("::error ")));
    assert_eq!(
        lines[10],
        "2025-05-02.txt:23:1: E009 `stray line 10` belongs to no entry"
    );
    assert_eq!(
        lines[11],
        "2025-05-02.txt:24:1: E009 `stray line 11` belongs to no entry"
    );
    assert_eq!(
        lines[12],
        "::notice title=digest-lint::2 more findings not shown as annotations (2 errors and 0 warnings): GitHub shows 10 per severity in a step. They are listed in the log above and in the step summary."
    );
    assert_eq!(lines.len(), 13);
    // The summary is appended to, and lists all twelve.
    let table = std::fs::read_to_string(&summary).unwrap();
    assert!(table.starts_with("earlier step\n## digest-lint\n\nFound 12 errors and 0 warnings in 1 file.\n\n| severity | where | rule | message |\n"), "{table}");
    assert_eq!(
        table.matches("| error | `2025-05-02.txt:").count(),
        12,
        "{table}"
    );
    assert!(table.contains("| error | `2025-05-02.txt:24:1` | E009 `stray-text` | `stray line 11` belongs to no entry |"));
}

#[test]
fn github_without_step_summary_writes_no_summary_and_clean_prints_nothing() {
    let (code, out, err) = run(bin()
        .arg("check")
        .arg(fixture("cli/clean.txt"))
        .args(["--output-format", "github"]));
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
}

// ------------------------------------------------- gitlab and json-lines --

#[test]
fn gitlab_is_a_code_quality_report() {
    let (code, out, _) = run(from_root().args(["check", CI_FIXTURE, "--output-format", "gitlab"]));
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let issues = v.as_array().unwrap();
    assert_eq!(issues.len(), 2);
    let e009 = issues.iter().find(|i| i["check_name"] == "E009").unwrap();
    assert_eq!(e009["severity"], "major");
    assert_eq!(e009["location"]["path"], CI_FIXTURE);
    assert_eq!(e009["location"]["lines"]["begin"], 7);
    assert!(
        e009["description"]
            .as_str()
            .unwrap()
            .contains("50%, then merge")
    );
    let c002 = issues.iter().find(|i| i["check_name"] == "C002").unwrap();
    assert_eq!(c002["severity"], "minor");
    assert_ne!(e009["fingerprint"], c002["fingerprint"]);
}

#[test]
fn json_lines_is_the_json_array_one_finding_a_line() {
    let (_, lines, _) =
        run(from_root().args(["check", CI_FIXTURE, "--output-format", "json-lines"]));
    let (_, array, _) = run(from_root().args(["check", CI_FIXTURE, "--output-format", "json"]));
    let array: Vec<serde_json::Value> = serde_json::from_str(&array).unwrap();
    let lines: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines, array);
}

// ------------------------------------------ output file and environment --

#[test]
fn output_file_holds_what_stdout_would_and_keeps_the_exit_code() {
    for format in [
        "sarif",
        "github",
        "concise",
        "json",
        "gitlab",
        "json-lines",
        "full",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let report = dir.path().join("report.out");
        let (code, out, err) = run(from_root()
            .args([
                "check",
                CI_FIXTURE,
                "--color",
                "always",
                "--output-format",
                format,
            ])
            .arg("--output-file")
            .arg(&report));
        assert_eq!(code, 1, "{format}: {err}");
        assert_eq!(out, "", "{format}");
        let written = std::fs::read_to_string(&report).unwrap();
        let (_, expected, _) = run(from_root().args([
            "check",
            CI_FIXTURE,
            "--color",
            "never",
            "--output-format",
            format,
        ]));
        // A file never gets colour codes.
        assert_eq!(written, expected, "{format}");
        assert_eq!(leftovers(dir.path()), ["report.out"], "{format}");
    }
}

/// A new report file gets the permissions any new file gets (the umask's),
/// not those of the private temporary file it is written through.
#[cfg(unix)]
#[test]
fn a_new_report_file_gets_the_usual_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("reference");
    std::fs::File::create(&reference).unwrap();
    let report = dir.path().join("report.json");
    let (code, _, err) = run(from_root()
        .args([
            "check",
            CI_FIXTURE,
            "--output-format",
            "json",
            "--output-file",
        ])
        .arg(&report));
    assert_eq!(code, 1, "{err}");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&report), mode(&reference));
}

#[test]
fn diff_takes_no_report_flags() {
    for (flag, name) in [
        (&["--statistics"][..], "--statistics"),
        (&["--output-file", "report.txt"], "--output-file"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (code, out, err) = run(bin()
            .current_dir(dir.path())
            .arg("check")
            .arg(root().join(CI_FIXTURE))
            .arg("--diff")
            .args(flag));
        assert_eq!(code, 2, "{name}: {err}");
        assert_eq!(out, "", "{name}");
        assert!(
            err.contains(&format!(
                "--diff prints a diff, not a report; it does not take {name}"
            )),
            "{err}"
        );
        assert_eq!(leftovers(dir.path()), Vec::<String>::new(), "{name}");
    }
}

/// The summary line is coloured in the `full` report only: the concise one
/// is read by tools as well as people.
#[test]
fn only_the_full_report_colours_its_summary() {
    let summary = |format: &str| {
        let (_, out, _) = run(from_root().args([
            "check",
            CI_FIXTURE,
            "--color",
            "always",
            "--output-format",
            format,
        ]));
        out.lines()
            .find(|l| l.contains("Found "))
            .unwrap_or_default()
            .to_string()
    };
    assert!(summary("full").contains('\u{1b}'), "{:?}", summary("full"));
    // Red with errors, yellow with warnings only, green when clean.
    let full = |args: &[&str]| {
        let (_, out, _) = run(from_root()
            .args(["check", "--color", "always", "--output-format", "full"])
            .args(args));
        out.lines().last().unwrap_or_default().to_string()
    };
    assert!(
        full(&[CI_FIXTURE]).contains("\u{1b}[31m"),
        "{:?}",
        full(&[CI_FIXTURE])
    );
    let warned = full(&["fixtures/cli/no-final-newline.txt", "--select", "W002"]);
    assert!(warned.contains("\u{1b}[33m"), "{warned:?}");
    let clean = full(&["fixtures/cli/clean.txt"]);
    assert!(clean.contains("\u{1b}[32m"), "{clean:?}");
    let concise = summary("concise");
    assert!(concise.starts_with("Found "), "{concise:?}");
    assert!(!concise.contains('\u{1b}'), "{concise:?}");
}

#[test]
fn output_file_that_cannot_be_written_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("no-such-folder").join("r.sarif");
    let (code, _, err) = run(from_root()
        .args([
            "check",
            CI_FIXTURE,
            "--output-format",
            "sarif",
            "--output-file",
        ])
        .arg(&report));
    assert_eq!(code, 2);
    assert!(err.contains("r.sarif"), "{err}");
}

#[test]
fn environment_sets_the_default_format_and_the_flag_wins() {
    let (_, out, _) = run(from_root()
        .env("DIGEST_LINT_OUTPUT_FORMAT", "concise")
        .args(["check", CI_FIXTURE]));
    assert!(
        out.starts_with("fixtures/ci/2025-05-02.txt:4:23: C002 "),
        "{out}"
    );
    let (_, out, _) = run(from_root()
        .env("DIGEST_LINT_OUTPUT_FORMAT", "concise")
        .args(["check", CI_FIXTURE, "--output-format", "json-lines"]));
    assert!(out.starts_with("{\"code\":\"C002\""), "{out}");
    let (code, _, err) = run(from_root()
        .env("DIGEST_LINT_OUTPUT_FORMAT", "yaml")
        .args(["check", CI_FIXTURE]));
    assert_eq!(code, 2);
    assert!(err.contains("yaml"), "{err}");
}

// ------------------------------------------------------------ CI flags --

#[test]
fn statistics_count_per_rule_with_fixable_counts() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2025-05-02.txt");
    std::fs::write(
        &path,
        stray_lines(3)
            .replace("stray line 1", "stray line 1  ")
            .trim_end(),
    )
    .unwrap();
    let (code, out, _) =
        run(bin()
            .current_dir(dir.path())
            .args(["check", "2025-05-02.txt", "--statistics"]));
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "3  E009      stray-text\n\
         1  W001  [*] trailing-whitespace    1 fixable with --fix\n\
         1  W002  [*] missing-final-newline  1 fixable with --fix\n\
         Found 3 errors and 2 warnings in 1 file. 2 fixable with --fix.\n"
    );
    let (_, out, _) = run(bin().current_dir(dir.path()).args([
        "check",
        "2025-05-02.txt",
        "--statistics",
        "--output-format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["code"], "E009");
    assert_eq!(v[0]["count"], 3);
    assert_eq!(v[0]["fixable"], false);
    assert_eq!(v[1]["name"], "trailing-whitespace");
    assert_eq!(v[1]["fixable_count"], 1);
    assert_eq!(v[1]["fixable"], true);
    let (code, _, err) = run(bin().current_dir(dir.path()).args([
        "check",
        "2025-05-02.txt",
        "--statistics",
        "--output-format",
        "sarif",
    ]));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn exit_zero_hides_findings_but_not_trouble() {
    let (code, out, _) = run(from_root().args([
        "check",
        CI_FIXTURE,
        "--exit-zero",
        "--output-format",
        "concise",
    ]));
    assert_eq!(code, 0);
    assert!(out.contains("E009"), "{out}");
    let (code, _, _) = run(from_root().args(["check", "fixtures/ci/nowhere.txt", "--exit-zero"]));
    assert_eq!(code, 2);
    let (code, _, err) =
        run(from_root().args(["check", CI_FIXTURE, "--exit-zero", "--exit-non-zero-on-fix"]));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn exit_non_zero_on_fix_fails_a_run_that_changed_files() {
    for (flag, want) in [(None, 0), (Some("--exit-non-zero-on-fix"), 1)] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.txt");
        std::fs::copy(fixture("cli/no-final-newline.txt"), &path).unwrap();
        let mut cmd = bin();
        cmd.args(["check", "--fix", "--select", "W002"]).arg(&path);
        cmd.args(flag);
        let (code, _, err) = run(&mut cmd);
        assert_eq!(code, want, "{flag:?}: {err}");
        assert!(std::fs::read_to_string(&path).unwrap().ends_with('\n'));
        // Nothing left to fix: the flag has nothing to report.
        let mut again = bin();
        again
            .args(["check", "--fix", "--select", "W002"])
            .arg(&path)
            .args(flag);
        assert_eq!(run(&mut again).0, 0, "{flag:?}");
    }
}

#[test]
fn show_fixes_lists_what_fix_did_or_would_do() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2025-05-02.txt");
    std::fs::write(
        &path,
        stray_lines(0)
            .replace("#training", "#training  ")
            .trim_end(),
    )
    .unwrap();
    let listing = "- 2025-05-02.txt:\n    1 × W001 (trailing-whitespace)\n    1 × W002 (missing-final-newline)\n";
    let (code, out, _) = run(bin().current_dir(dir.path()).args([
        "check",
        "2025-05-02.txt",
        "--show-fixes",
        "--output-format",
        "concise",
    ]));
    assert_eq!(code, 0);
    assert!(
        out.contains(&format!("Would fix 2 findings:\n{listing}Found 0 errors")),
        "{out}"
    );
    let (_, out, err) = run(bin().current_dir(dir.path()).args([
        "check",
        "2025-05-02.txt",
        "--show-fixes",
        "--diff",
    ]));
    assert!(out.starts_with("--- a/2025-05-02.txt\n"), "{out}");
    assert_eq!(err, format!("Would fix 2 findings:\n{listing}"));
    let (code, out, _) = run(bin().current_dir(dir.path()).args([
        "check",
        "2025-05-02.txt",
        "--show-fixes",
        "--fix",
        "--output-format",
        "concise",
    ]));
    assert_eq!(code, 0);
    assert!(
        out.starts_with(&format!("Fixed 2 findings:\n{listing}")),
        "{out}"
    );
    let (_, out, _) = run(bin().current_dir(dir.path()).args([
        "check",
        "2025-05-02.txt",
        "--show-fixes",
        "--fix",
    ]));
    assert!(out.starts_with("No fixes applied.\n"), "{out}");
}

#[test]
fn quiet_prints_findings_only() {
    let (code, out, _) =
        run(from_root().args(["check", CI_FIXTURE, "--quiet", "--output-format", "concise"]));
    assert_eq!(code, 1);
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(!out.contains("Found"), "{out}");
    let (code, out, _) = run(bin().arg("check").arg(fixture("cli/clean.txt")).arg("-q"));
    assert_eq!((code, out.as_str()), (0, ""));
}

// ----------------------------------------------------- fixes and --diff --

#[test]
fn concise_marks_safe_fixes_and_unsafe_fixes_apart() {
    let (_, out, _) = run(from_root().args([
        "check",
        "fixtures/rules/E007/english-first-hit.txt",
        "--select",
        "E007",
        "--output-format",
        "concise",
    ]));
    assert!(out.contains(": E007 [?] "), "{out}");
    assert!(out.contains("1 more with --fix --unsafe-fixes."), "{out}");
    let (_, out, _) = run(bin()
        .arg("check")
        .arg(fixture("cli/no-final-newline.txt"))
        .args(["--select", "W002", "--output-format", "concise"]));
    assert!(out.contains(": W002 [*] "), "{out}");
}

#[test]
fn unsafe_fixes_without_fix_or_diff_is_an_error() {
    let (code, out, err) = run(from_root().args(["check", CI_FIXTURE, "--unsafe-fixes"]));
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(
        err.contains("--unsafe-fixes only changes what --fix or --diff applies"),
        "{err}"
    );
    let (code, _, _) = run(from_root().args(["check", CI_FIXTURE, "--unsafe-fixes", "--diff"]));
    assert_eq!(code, 1);
}

#[test]
fn diff_exits_1_while_an_error_remains_that_no_fix_reaches() {
    // Nothing to change, but an error: no diff, and still exit 1.
    let (code, out, err) = run(from_root().args(["check", CI_FIXTURE, "--diff"]));
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert!(
        err.contains(
            "1 error finding would remain after these fixes; `digest-lint check` shows it"
        ),
        "{err}"
    );
    // Only warnings, nothing to change: 0.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2025-05-02.txt");
    let text = std::fs::read_to_string(root().join(CI_FIXTURE)).unwrap();
    let warnings_only = text.replace("Reviewer note: recheck 50%, then merge\n", "");
    std::fs::write(&path, &warnings_only).unwrap();
    let (code, out, err) = run(bin().arg("check").arg("--diff").arg(&path));
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    // A change to show: 1, and --exit-zero makes it 0.
    std::fs::write(&path, warnings_only.trim_end()).unwrap();
    let (code, out, _) = run(bin().arg("check").arg("--diff").arg(&path));
    assert_eq!(code, 1);
    assert!(out.contains("+#optimization #training"), "{out}");
    let (code, _, _) = run(bin()
        .arg("check")
        .arg("--diff")
        .arg("--exit-zero")
        .arg(&path));
    assert_eq!(code, 0);
}

/// `git`, or None (with a note) when it is not installed.
fn git() -> Option<Command> {
    match std::process::Command::new("git").arg("--version").output() {
        Ok(o) if o.status.success() => Some(Command::new("git")),
        _ => {
            eprintln!("skipped: git not installed");
            None
        }
    }
}

#[test]
fn git_apply_accepts_the_diff_of_a_run_with_no_path() {
    let Some(_) = git() else { return };
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .current_dir(repo)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    assert!(git(&["init", "-q"]).0);
    std::fs::create_dir(repo.join("digests")).unwrap();
    let broken = stray_lines(0).replace("#training", "#training  ");
    std::fs::write(repo.join("digests/2025-05-02.txt"), broken.trim_end()).unwrap();
    // A folder walk takes files whose name carries a date.
    std::fs::copy(
        fixture("cli/no-final-newline.txt"),
        repo.join("2025-05-03.txt"),
    )
    .unwrap();
    let (code, diff, err) = run(bin().current_dir(repo).args(["check", "--diff"]));
    assert_eq!(code, 1, "{err}");
    assert!(
        diff.contains("--- a/digests/2025-05-02.txt\n+++ b/digests/2025-05-02.txt\n"),
        "{diff}"
    );
    assert!(diff.contains("--- a/2025-05-03.txt\n"), "{diff}");
    assert!(!diff.contains("a/./"), "{diff}");
    let patch = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(patch.path(), &diff).unwrap();
    let patch_path = patch.path().to_str().unwrap();
    let (ok, err) = git(&["apply", "--check", patch_path]);
    assert!(ok, "git apply --check refused the diff: {err}\n{diff}");
    // Applied, it is exactly what --fix writes.
    let (ok, err) = git(&["apply", patch_path]);
    assert!(ok, "{err}");
    let applied = std::fs::read_to_string(repo.join("digests/2025-05-02.txt")).unwrap();
    std::fs::write(repo.join("digests/2025-05-02.txt"), broken.trim_end()).unwrap();
    run(bin().current_dir(repo).args(["check", "--fix"]));
    assert_eq!(
        applied,
        std::fs::read_to_string(repo.join("digests/2025-05-02.txt")).unwrap()
    );
}

// ------------------------------------------------- order and cross-file --

#[test]
fn findings_come_in_path_order_whatever_order_files_are_named_in() {
    let dir = tempfile::tempdir().unwrap();
    let entry = std::fs::read_to_string(fixture("cli/clean.txt")).unwrap();
    std::fs::write(dir.path().join("2025-05-02.txt"), &entry).unwrap();
    let later = entry.replace("2025년 5월 2일", "2025년 5월 3일");
    std::fs::write(dir.path().join("2025-05-03.txt"), later.trim_end()).unwrap();
    for format in [
        "concise",
        "json",
        "sarif",
        "github",
        "gitlab",
        "json-lines",
        "full",
    ] {
        let out = |names: [&str; 2]| {
            run(bin()
                .current_dir(dir.path())
                .arg("check")
                .args(names)
                .args(["--output-format", format]))
            .1
        };
        let forward = out(["2025-05-02.txt", "2025-05-03.txt"]);
        let backward = out(["2025-05-03.txt", "2025-05-02.txt"]);
        assert_eq!(forward, backward, "{format}");
        // The same two papers on both days: E008 across files, on the
        // later day, in every format.
        assert!(forward.contains("E008"), "{format}: {forward}");
    }
    let (_, out, _) = run(bin().current_dir(dir.path()).args([
        "check",
        "2025-05-03.txt",
        "2025-05-02.txt",
        "--output-format",
        "concise",
    ]));
    let e008: Vec<&str> = out.lines().filter(|l| l.contains("E008")).collect();
    assert_eq!(e008.len(), 2, "{out}");
    assert!(
        e008.iter().all(|l| l.starts_with("2025-05-03.txt:")),
        "{out}"
    );
}

// ------------------------------------------------------ README in step --

/// The README's CI samples are what the binary prints.
#[test]
fn readme_shows_current_ci_output() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let (_, github, _) = run(from_root().args(["check", CI_FIXTURE, "--output-format", "github"]));
    assert!(!github.is_empty());
    // Indented as the README's list item shows it.
    let indented: String = github.lines().map(|l| format!("  {l}\n")).collect();
    assert!(
        readme.contains(&indented),
        "README's github sample is stale:\n{github}"
    );
    let (_, stats, _) = run(from_root().args([
        "check",
        "fixtures/sample-digest.txt",
        CI_FIXTURE,
        "--statistics",
    ]));
    assert!(!stats.is_empty());
    assert!(
        readme.contains(&stats),
        "README's --statistics sample is stale:\n{stats}"
    );
}
