//! Configuration from the command line: which files a folder walk takes,
//! `--force-exclude`, the nearest configuration file, `--config` and
//! `--isolated`, and the errors a broken file gives.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

const DIGEST: &str = "2025년 4월 25일\nA Study of Invented Things\n(Mina Park, John Smith)\n가상의 논문에 대한 짧은 설명입니다.\nA short note about an invented paper.\n#testing\n";

/// A licence with blank lines, which `fmt` would remove from a digest.
const LICENCE: &str = "MIT License\n\n\nPermission is hereby granted.  \n";

fn bin(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("digest-lint").unwrap_or_else(|e| panic!("{e}"));
    c.current_dir(dir);
    c
}

#[test]
fn fmt_of_a_folder_leaves_a_licence_alone() {
    let dir = tempfile::tempdir().unwrap();
    let digest = dir.path().join("2025-04-25.txt");
    let licence = dir.path().join("LICENSE.txt");
    fs::write(&digest, DIGEST.replace("Things\n", "Things  \n")).unwrap();
    fs::write(&licence, LICENCE).unwrap();
    bin(dir.path())
        .args(["fmt", "."])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 file reformatted, 0 files already formatted",
        ));
    assert_eq!(fs::read_to_string(&licence).unwrap(), LICENCE);
    assert_eq!(fs::read_to_string(&digest).unwrap(), DIGEST);
}

#[test]
fn a_named_file_is_checked_unless_force_exclude() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("LICENSE.txt"), LICENCE).unwrap();
    // Named: checked (and it is no digest).
    bin(dir.path())
        .args(["check", "--output-format", "concise", "LICENSE.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("LICENSE.txt:1:1: D001"));
    // pre-commit names every staged file: --force-exclude skips it.
    bin(dir.path())
        .args(["check", "--force-exclude", "LICENSE.txt"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 files"));
    bin(dir.path())
        .args(["fmt", "--force-exclude", "LICENSE.txt"])
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(dir.path().join("LICENSE.txt")).unwrap(),
        LICENCE
    );
}

#[test]
fn include_and_exclude_from_the_nearest_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("old")).unwrap();
    fs::write(root.join("2025-04-25.txt"), DIGEST).unwrap();
    fs::write(
        root.join("old/2025-04-25.txt"),
        DIGEST.replace("Things\n", "Things  \n"),
    )
    .unwrap();
    fs::write(root.join("notes.txt"), DIGEST).unwrap();
    fs::write(
        root.join(".digest-lint.toml"),
        "include = [\"*.txt\"]\nexclude = [\"old\"]\n",
    )
    .unwrap();
    bin(root)
        .args(["check", "--output-format", "concise"])
        .assert()
        .stdout(predicate::str::contains("notes.txt:1:1: D004").not())
        .stdout(predicate::str::contains("old/").not())
        .stdout(predicate::str::contains("in 2 files."));
    // --isolated: the default walk again (dated names), old/ included.
    bin(root)
        .args(["check", "--isolated", "--output-format", "concise"])
        .assert()
        .stdout(predicate::str::contains("old/2025-04-25.txt:2:27: W001"))
        .stdout(predicate::str::contains("notes.txt").not());
}

#[test]
fn settings_from_the_file_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let spaced = DIGEST.replace("일\n", "일\n\n").replace(
        "#testing\n",
        "#testing\n\nAnother Invented Paper\n(Ann Lee)\n설명입니다.\nA note.\n#testing\n",
    );
    fs::write(root.join("2025-04-25.txt"), &spaced).unwrap();
    fs::write(
        root.join("digest-lint.toml"),
        "[format]\nblank-lines-between-entries = 1\n[lint]\nseverity = { W = \"error\" }\n",
    )
    .unwrap();
    // One blank line between entries is what the file asks for: no W006.
    bin(root).args(["check"]).assert().success();
    bin(root)
        .args(["fmt", "--check", "2025-04-25.txt"])
        .assert()
        .success();
    // An override wins over the file; the severity from the file applies.
    bin(root)
        .args([
            "check",
            "--output-format",
            "concise",
            "--config",
            "format.blank-lines-between-entries = 0",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("W006"))
        .stdout(predicate::str::contains("Found 2 errors and 0 warnings"));
}

#[test]
fn a_misspelt_key_is_exit_2_with_file_line_column_and_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("2025-04-25.txt"), DIGEST).unwrap();
    fs::write(
        dir.path().join(".digest-lint.toml"),
        "[lint]\nselect = [\"E\"]\nper-file-ignore = {}\n",
    )
    .unwrap();
    bin(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(
            "digest-lint: error: .digest-lint.toml:3:1: unknown key `per-file-ignore` in `[lint]`; did you mean `per-file-ignores`?\n",
        );
    fs::write(
        dir.path().join(".digest-lint.toml"),
        "[lint]\nselect = [\"E99\"]\n",
    )
    .unwrap();
    bin(dir.path())
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            ".digest-lint.toml:2:11: `E99` matches no rule code, name or prefix",
        ));
}

#[test]
fn a_rule_off_by_default_runs_only_when_named() {
    let dir = tempfile::tempdir().unwrap();
    let doubled = DIGEST.replace(
        "(Mina Park, John Smith)",
        "(Mina Park, John Smith, Mina Park)",
    );
    fs::write(dir.path().join("2025-04-25.txt"), doubled).unwrap();
    let concise = ["check", "--output-format", "concise"];
    bin(dir.path())
        .args(concise)
        .assert()
        .success()
        .stdout(predicate::str::contains("A002").not());
    bin(dir.path())
        .args(concise)
        .args(["--select", "ALL"])
        .assert()
        .stdout(predicate::str::contains("A002").not());
    bin(dir.path())
        .args(concise)
        .args(["--select", "duplicate-author"])
        .assert()
        .stdout(predicate::str::contains("3:25: A002"));
    bin(dir.path())
        .args(concise)
        .args(["--config", "lint.extend-select = ['A002']"])
        .assert()
        .stdout(predicate::str::contains("3:25: A002"));
    bin(dir.path())
        .args(["rule", "--all"])
        .assert()
        .stdout(predicate::str::contains(
            "no fix           (off by default) The same name",
        ));
    bin(dir.path())
        .args(["rule", "A002"])
        .assert()
        .stdout(predicate::str::contains(
            "Default severity: warning, off by default (select it by its code or name).",
        ));
}

#[test]
fn per_file_ignores_and_date_patterns() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("old")).unwrap();
    let trailing = DIGEST.replace("Things\n", "Things  \n");
    fs::write(root.join("old/2025-04-25.txt"), &trailing).unwrap();
    fs::write(root.join("2025-04-25.txt"), &trailing).unwrap();
    // An archive named otherwise: its date read by a pattern.
    fs::write(root.join("notes_24.04.2025.txt"), &trailing).unwrap();
    fs::write(
        root.join(".digest-lint.toml"),
        "date-patterns = [\"notes_{dd}.{mm}.{yyyy}.txt\"]\n[lint.per-file-ignores]\n\"old/*.txt\" = [\"W001\"]\n\"!notes_*\" = [\"D004\"]\n",
    )
    .unwrap();
    let out = bin(root)
        .args(["check", "--output-format", "concise"])
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("./2025-04-25.txt:2:27: W001"), "{text}");
    assert!(!text.contains("old/2025-04-25.txt:2:27: W001"), "{text}");
    // Taken by the walk through the pattern, and D004 compares its date.
    assert!(
        text.contains("./notes_24.04.2025.txt:1:1: D004 the header says 2025-04-25 but the file name `notes_24.04.2025.txt` says 2025-04-24"),
        "{text}"
    );
    assert!(text.contains("in 3 files."), "{text}");
}

#[test]
fn check_abstracts_from_the_file_an_extended_file_and_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("days");
    fs::create_dir(&sub).unwrap();
    // A slip in the abstract of a title's word (`recurent`).
    let digest = "2025년 4월 25일\nPruning Recurrent Decoders\n(Mina Park)\n\
                  We prune recurent decoders.\n가상의 가지치기 방법.\n\
                  A made-up way to prune decoders.\n#pruning\n";
    fs::write(sub.join("2025-04-25.txt"), digest).unwrap();
    let found = |args: &[&str]| {
        let out = bin(&sub)
            .args(["check", "--select", "C007", "--output-format", "concise"])
            .args(args)
            .arg("2025-04-25.txt")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).contains("`recurent` may be misspelt")
    };
    // Off by default.
    assert!(!found(&[]));
    assert!(found(&["--config", "spelling.check-abstracts = true"]));
    // From the file above, and through `extend` from a file that sets it.
    fs::write(
        dir.path().join(".digest-lint.toml"),
        "[spelling]\ncheck-abstracts = true\n",
    )
    .unwrap();
    assert!(found(&[]));
    fs::write(
        sub.join(".digest-lint.toml"),
        "extend = \"../.digest-lint.toml\"\n",
    )
    .unwrap();
    assert!(found(&[]));
    fs::write(
        sub.join(".digest-lint.toml"),
        "extend = \"../.digest-lint.toml\"\n[spelling]\ncheck-abstracts = false\n",
    )
    .unwrap();
    assert!(!found(&[]));
}

#[test]
fn a_missing_file_is_reported_even_with_force_exclude() {
    // pre-commit passes --force-exclude; a named file that does not exist
    // is an error whether or not the walk would take its name.
    let dir = tempfile::tempdir().unwrap();
    for name in ["notes.txt", "2025-04-25.txt"] {
        bin(dir.path())
            .args(["check", "--force-exclude", name])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(format!(
                "{name}: no such file or directory"
            )));
    }
}

#[test]
fn standard_input_takes_the_settings_of_the_name_it_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let quiet = "[lint]\nignore = [\"W001\"]\n";
    // A trailing space: W001, unless the settings that apply ignore it.
    let text = DIGEST.replace("Things\n", "Things \n");
    fs::create_dir(root.join("sub")).unwrap();
    fs::write(root.join("sub/digest-lint.toml"), quiet).unwrap();
    // A folder named `-` is no name for standard input.
    fs::create_dir(root.join("-")).unwrap();
    fs::write(root.join("-/digest-lint.toml"), quiet).unwrap();
    bin(root)
        .args(["check", "-", "--stdin-filename", "sub/2025-04-25.txt"])
        .write_stdin(text.clone())
        .assert()
        .success()
        .stdout(predicate::str::contains("All checks passed"));
    // Without a name: the working folder's settings (none here).
    bin(root)
        .args(["check", "-", "--output-format", "concise"])
        .write_stdin(text.clone())
        .assert()
        .success()
        .stdout(predicate::str::contains("-:2:27: W001"));
    bin(root.join("sub").as_path())
        .args(["check", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(predicate::str::contains("All checks passed"));
}
