//! `digest-lint fmt` from the command line: files are rewritten only when
//! their text changes, `--check` says why, `-` formats standard input.

use assert_cmd::Command;
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
