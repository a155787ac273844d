//! `digest-lint fmt` from the command line: files are rewritten only when
//! their text changes, `--check` says why, `-` formats standard input.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::time::{Duration, SystemTime};

const CANONICAL: &str = "2025년 4월 25일\nA Study of Invented Things\n(Mina Park, John Smith)\n가상의 논문에 대한 짧은 설명입니다.\nA short note about an invented paper.\n#testing\n";

fn messy() -> String {
    CANONICAL
        .replace("Things\n", "Things  \r\n")
        .replace("#testing\n", "#testing")
}

fn set_old_mtime(path: &std::path::Path) -> SystemTime {
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    old
}

#[test]
fn unchanged_files_keep_their_mtime_and_changed_ones_are_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("2025-04-25.txt");
    let dirty = dir.path().join("2025-04-26.txt");
    fs::write(&clean, CANONICAL).unwrap();
    fs::write(&dirty, messy().replace("25일", "26일")).unwrap();
    let old = set_old_mtime(&clean);
    set_old_mtime(&dirty);

    Command::cargo_bin("digest-lint")
        .unwrap()
        .arg("fmt")
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "1 file reformatted, 1 file already formatted",
        ));

    assert_eq!(fs::metadata(&clean).unwrap().modified().unwrap(), old);
    assert_eq!(fs::read_to_string(&clean).unwrap(), CANONICAL);
    assert_ne!(fs::metadata(&dirty).unwrap().modified().unwrap(), old);
    assert_eq!(
        fs::read_to_string(&dirty).unwrap(),
        CANONICAL.replace("25일", "26일")
    );
}

#[test]
fn check_says_why_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let dirty = dir.path().join("2025-04-25.txt");
    fs::write(&dirty, messy()).unwrap();
    let out = Command::cargo_bin("digest-lint")
        .unwrap()
        .args(["fmt", "--check"])
        .arg(&dirty)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.starts_with("Would reformat: "), "{out}");
    assert!(
        out.contains(
            "(CRLF or CR line endings on 1 line, trailing white space on 1 line, missing final newline)"
        ),
        "{out}"
    );
    assert_eq!(fs::read_to_string(&dirty).unwrap(), messy());

    fs::write(&dirty, CANONICAL).unwrap();
    Command::cargo_bin("digest-lint")
        .unwrap()
        .args(["fmt", "--check"])
        .arg(&dirty)
        .assert()
        .success()
        .stdout("");
}

#[test]
fn standard_input_goes_to_standard_output() {
    Command::cargo_bin("digest-lint")
        .unwrap()
        .args(["fmt", "-"])
        .write_stdin(messy())
        .assert()
        .success()
        .stdout(CANONICAL);
}

#[test]
fn blank_lines_between_entries_option() {
    let two = format!(
        "{CANONICAL}{}",
        CANONICAL
            .lines()
            .skip(1)
            .collect::<Vec<_>>()
            .join("\n")
            .replace("Study", "Second Study")
            + "\n"
    );
    // One blank line after the header, and one between the two entries.
    let want = two
        .replacen("일\n", "일\n\n", 1)
        .replacen("#testing\n", "#testing\n\n", 1);
    Command::cargo_bin("digest-lint")
        .unwrap()
        .args(["fmt", "--blank-lines-between-entries", "1", "-"])
        .write_stdin(two)
        .assert()
        .success()
        .stdout(want);
}

fn fmt_cmd() -> Command {
    let mut cmd = Command::cargo_bin("digest-lint").unwrap();
    cmd.arg("fmt");
    cmd
}

#[test]
fn a_file_named_twice_is_formatted_and_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let dirty = dir.path().join("2025-04-25.txt");
    fs::write(&dirty, messy()).unwrap();
    let dotted = dir.path().join(".").join("2025-04-25.txt");
    let out = fmt_cmd()
        .arg("--check")
        .arg(&dirty)
        .arg(&dotted)
        .arg(dir.path())
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "1 file would be reformatted, 0 files already formatted",
        ))
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out.matches("Would reformat").count(), 1, "{out}");

    // `check` does not take the file for its own duplicate either.
    let out = Command::cargo_bin("digest-lint")
        .unwrap()
        .args(["check", "--output-format", "concise"])
        .arg(&dirty)
        .arg(&dotted)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains("E008"), "{stdout}");
    assert!(stdout.contains("in 1 file"), "{stdout}");
}

#[test]
fn a_read_only_file_is_left_intact_and_the_others_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("2025-04-25.txt");
    let open = dir.path().join("2025-04-26.txt");
    fs::write(&locked, messy()).unwrap();
    fs::write(&open, messy().replace("25일", "26일")).unwrap();
    let mut perms = fs::metadata(&locked).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(&locked, perms).unwrap();

    for args in [&["fmt"][..], &["check", "--fix"][..]] {
        fs::write(&open, messy().replace("25일", "26일")).unwrap();
        Command::cargo_bin("digest-lint")
            .unwrap()
            .args(args)
            .arg(&locked)
            .arg(&open)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "2025-04-25.txt: cannot write: the file is read-only",
            ));
        assert_eq!(fs::read_to_string(&locked).unwrap(), messy(), "{args:?}");
        assert!(fs::metadata(&locked).unwrap().permissions().readonly());
        assert_eq!(
            fs::read_to_string(&open).unwrap(),
            CANONICAL.replace("25일", "26일"),
            "{args:?}: the writable file is still formatted"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_named_and_left_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("locked");
    fs::create_dir(&folder).unwrap();
    let file = folder.join("2025-04-25.txt");
    fs::write(&file, messy()).unwrap();
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    let root = fs::write(folder.join("probe"), "").is_ok();
    if !root {
        fmt_cmd()
            .arg(&file)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("is not writable"))
            .stderr(predicates::str::contains(".tmp").not());
        assert_eq!(fs::read_to_string(&file).unwrap(), messy());
    }
    // The super-user writes anywhere: nothing to test then.
    fs::set_permissions(&folder, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn stdin_filename_alone_reads_standard_input() {
    fmt_cmd()
        .args(["--stdin-filename", "2025-04-25.txt"])
        .write_stdin(messy())
        .assert()
        .success()
        .stdout(CANONICAL);
    // With paths but no `-`, the name would be silently ignored and the
    // paths formatted instead: refused.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("2025-04-25.txt");
    fs::write(&file, messy()).unwrap();
    fmt_cmd()
        .args(["--stdin-filename", "2025-04-25.txt"])
        .arg(&file)
        .write_stdin(messy())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no `-` is among the paths"));
    assert_eq!(fs::read_to_string(&file).unwrap(), messy());
}

/// Runs the binary with its standard output a pipe whose reading end is
/// closed before the binary starts, so that its every write fails with a
/// broken pipe.
fn closed_stdout(args: &[&str]) -> std::process::Output {
    closed_stdout_with(args, std::process::Stdio::null())
}

fn closed_stdout_with(args: &[&str], stdin: std::process::Stdio) -> std::process::Output {
    use std::process::{Command, Stdio};
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Command::new(assert_cmd::cargo::cargo_bin("digest-lint"))
        .args(args)
        .stdin(stdin)
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_pipe_is_no_panic() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        fs::write(dir.path().join(format!("x{i}.txt")), messy()).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    for args in [
        &["rule", "--all"][..],
        &["rule", "W004"],
        &["check", d],
        &["check", "--diff", d],
        &["check", "--output-format", "concise", d],
        &["fmt", "--diff", d],
        &["fmt", "--check", d],
    ] {
        let out = closed_stdout(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{args:?}");
        assert_ne!(out.status.code(), Some(2), "{args:?}: {stderr}");
    }
    // Standard input formatted to a closed pipe: no error either.
    let file = dir.path().join("x0.txt");
    for args in [&["fmt", "-"][..], &["check", "--fix", "-"]] {
        let stdin = std::process::Stdio::from(fs::File::open(&file).unwrap());
        let out = closed_stdout_with(args, stdin);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("cannot write"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}

#[test]
fn a_file_that_is_not_text_does_not_stop_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("2025-04-24.txt");
    let good = dir.path().join("2025-04-25.txt");
    let mut bytes = messy().into_bytes();
    bytes.push(0xFF);
    fs::write(&bad, &bytes).unwrap();
    fs::write(&good, messy()).unwrap();
    fmt_cmd()
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("2025-04-24.txt: not valid UTF-8"));
    assert_eq!(fs::read(&bad).unwrap(), bytes);
    assert_eq!(fs::read_to_string(&good).unwrap(), CANONICAL);
}

/// A file named without a folder lives in the working folder: it is
/// written there (the temporary file beside it), and a temporary file that
/// a killed run left there is removed first.
#[test]
fn a_bare_file_name_is_written_in_the_working_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("2025-04-25.txt");
    fs::write(&file, messy()).unwrap();
    // No process has this id (above the kernel's pid_max).
    let leftover = dir.path().join(".digest-lint-4294967295-abcdef.tmp");
    fs::write(&leftover, "half").unwrap();

    Command::cargo_bin("digest-lint")
        .unwrap()
        .current_dir(dir.path())
        .args(["fmt", "2025-04-25.txt"])
        .assert()
        .success()
        .stderr(
            predicates::str::contains("removed").and(predicates::str::contains(
                ".digest-lint-4294967295-abcdef.tmp",
            )),
        )
        .stderr(predicates::str::contains("1 file reformatted"));

    assert_eq!(fs::read_to_string(&file).unwrap(), CANONICAL);
    assert!(!leftover.exists());
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["2025-04-25.txt"]);
}

/// Only a run that writes clears what killed runs left: `check --fix`
/// and `fmt` remove a dead run's temporary file, while `check`, `check
/// --fix --diff`, `fmt --check` and `fmt --diff` (which write nothing)
/// leave it.
#[test]
fn only_a_run_that_writes_removes_temporary_files_of_killed_runs() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("2025-04-25.txt");
    let leftover = dir.path().join(".digest-lint-4294967295-abcdef.tmp");
    for (args, removed) in [
        (&["check"][..], false),
        (&["check", "--fix", "--diff"][..], false),
        (&["check", "--fix"][..], true),
        (&["fmt", "--check"][..], false),
        (&["fmt", "--diff"][..], false),
        (&["fmt"][..], true),
    ] {
        fs::write(&file, messy()).unwrap();
        fs::write(&leftover, "half").unwrap();
        Command::cargo_bin("digest-lint")
            .unwrap()
            .args(args)
            .arg(&file)
            .assert()
            .stderr(predicates::str::contains("4294967295").count(usize::from(removed)));
        assert_eq!(leftover.exists(), !removed, "{args:?}");
    }
}

/// Rewriting a file gives it a new inode: a file with a second name (a
/// hard link) is warned about, since that name keeps the old text; a file
/// with one name is not.
#[cfg(unix)]
#[test]
fn a_file_with_hard_links_is_warned_about_when_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let single = dir.path().join("2025-04-25.txt");
    let linked = dir.path().join("2025-04-26.txt");
    fs::write(&single, messy()).unwrap();
    fs::write(&linked, messy().replace("25일", "26일")).unwrap();
    fs::hard_link(&linked, dir.path().join("other-name.txt")).unwrap();
    let run = |file: &std::path::Path| {
        let out = Command::cargo_bin("digest-lint")
            .unwrap()
            .arg("fmt")
            .arg(file)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    let err = run(&single);
    assert!(!err.contains("hard link"), "{err}");
    let err = run(&linked);
    assert!(err.contains("had 2 hard links"), "{err}");
}

/// `fmt -` prints the formatted text and nothing else; with `--check` it
/// prints nothing and says whether the text would change.
#[test]
fn standard_input_has_a_summary_only_when_checked() {
    fmt_cmd()
        .arg("-")
        .write_stdin(messy())
        .assert()
        .success()
        .stdout(CANONICAL)
        .stderr("");
    for flag in ["--check", "--diff"] {
        fmt_cmd()
            .args([flag, "-"])
            .write_stdin(messy())
            .assert()
            .code(1)
            .stderr(predicates::str::contains(
                "1 file would be reformatted, 0 files already formatted",
            ));
    }
}
