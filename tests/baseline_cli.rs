//! `--generate-baseline`, `--baseline` and `--prune-baseline` on an
//! invented archive: findings are matched by file, rule and entry title,
//! never by line.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

const ENTRY_A: &str = "A Study of Invented Things\n(Mina Park, John Smith)\n가상의 논문에 대한 짧은 설명입니다.\nA short note about an invented paper.\n#testing\n";
const ENTRY_B: &str = "Another Invented Paper\n(Ann Lee)\n두 번째 가상의 설명입니다.\nA second invented note.\n#testing\n";

fn bin(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("digest-lint").unwrap();
    c.current_dir(dir);
    c
}

#[test]
fn baseline_reports_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let file = root.join("2025-04-25.txt");
    // Old defects: a title with trailing spaces, an entry without tags.
    let old = format!(
        "2025년 4월 25일\n{}{}",
        ENTRY_A.replace("Things\n", "Things  \n"),
        ENTRY_B.replace("#testing\n", "")
    );
    fs::write(&file, &old).unwrap();
    fs::write(
        root.join("2025-04-26.txt"),
        format!("2025년 4월 26일\n{}", ENTRY_B.replace("Another", "Fourth")),
    )
    .unwrap();
    bin(root)
        .args(["check", "--generate-baseline", "baseline.json"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "wrote baseline.json: 2 findings in 1 files",
        ));
    let text = fs::read_to_string(root.join("baseline.json")).unwrap();
    assert_eq!(
        text,
        "{\n  \"version\": 1,\n  \"files\": {\n    \"2025-04-25.txt\": {\n      \"E005\": {\n        \"Another Invented Paper\": 1\n      },\n      \"W001\": {\n        \"A Study of Invented Things\": 1\n      }\n    }\n  }\n}\n"
    );
    bin(root)
        .args(["check", "--baseline", "baseline.json"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "All checks passed (2 files checked).",
        ));

    // Lines move (a new entry on top) and one entry gains a defect: only
    // that finding is reported.
    let edited = old.replace(
        "2025년 4월 25일\n",
        &format!(
            "2025년 4월 25일\n{}",
            ENTRY_B
                .replace("Another", "Third")
                .replace("(Ann Lee)", "(Ann Lee,Bo Kim)")
        ),
    );
    fs::write(&file, &edited).unwrap();
    bin(root)
        .args([
            "check",
            "--baseline",
            "baseline.json",
            "--output-format",
            "concise",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("2025-04-25.txt:3:"))
        .stdout(predicate::str::contains(
            "Found 1 error and 0 warnings in 2 files.",
        ));

    // A defect fixed: the baseline count is stale (exit 1) until pruned.
    fs::write(&file, old.replace("Things  \n", "Things\n")).unwrap();
    bin(root)
        .args(["check", "--baseline", "baseline.json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "baseline count no longer matches: 2025-04-25.txt W001 in `A Study of Invented Things`: 1 recorded, 0 found",
        ));
    bin(root)
        .args(["check", "--baseline", "baseline.json", "--prune-baseline"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "pruned 1 stale count from baseline.json",
        ));
    assert!(
        !fs::read_to_string(root.join("baseline.json"))
            .unwrap()
            .contains("W001")
    );
    bin(root)
        .args(["check", "--baseline", "baseline.json"])
        .assert()
        .success();
}

#[test]
fn a_baseline_outside_the_checked_folder_matches() {
    let dir = tempfile::tempdir().unwrap();
    let digests = dir.path().join("digests");
    fs::create_dir(&digests).unwrap();
    fs::write(
        digests.join("2025-04-25.txt"),
        format!(
            "2025년 4월 25일\n{}",
            ENTRY_A.replace("Things\n", "Things  \n")
        ),
    )
    .unwrap();
    bin(&digests)
        .args(["check", ".", "--generate-baseline", "../b.json"])
        .assert()
        .success();
    assert!(
        fs::read_to_string(dir.path().join("b.json"))
            .unwrap()
            .contains("\"digests/2025-04-25.txt\"")
    );
    bin(&digests)
        .args(["check", ".", "--baseline", "../b.json"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 finding matched the baseline ../b.json and is not shown",
        ));
    // The same baseline from the folder above.
    bin(dir.path())
        .args(["check", "digests", "--baseline", "b.json"])
        .assert()
        .success()
        .stderr(predicate::str::contains("1 finding matched"));
}

#[test]
fn a_broken_baseline_is_trouble() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("b.json"), "{\"files\": 1}").unwrap();
    bin(dir.path())
        .args(["check", "--baseline", "b.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "b.json: not a digest-lint baseline",
        ));
}
