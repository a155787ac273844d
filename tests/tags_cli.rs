//! `digest-lint tags` and `digest-lint init --learn-tags` on an invented
//! archive: counts and dates, clusters of likely duplicates that keep
//! look-alikes apart, and a learned vocabulary T003 then checks against.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn digest(date: &str, tags: &str) -> String {
    format!(
        "{date}\nA Study of Invented Things\n(Mina Park, John Smith)\n가상의 논문에 대한 짧은 설명입니다.\nA short note about an invented paper.\n{tags}\n"
    )
}

fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "2025-04-25.txt",
            "2025년 4월 25일",
            "#pretraining #flow #self-improvement",
        ),
        (
            "2025-04-26.txt",
            "2025년 4월 26일",
            "#pretraining #flow-matching #self-improvment",
        ),
        (
            "2025-04-27.txt",
            "2025년 4월 27일",
            "#pre-training #position #image_generation",
        ),
        (
            "2025-04-28.txt",
            "2025년 4월 28일",
            "#positional-encoding #image-generation #lm #llm",
        ),
    ];
    for (name, date, tags) in files {
        fs::write(dir.path().join(name), digest(date, tags)).unwrap();
    }
    fs::write(dir.path().join("LICENSE.txt"), "#not-a-tag\n").unwrap();
    dir
}

fn bin(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("digest-lint").unwrap();
    c.current_dir(dir);
    c
}

#[test]
fn tags_lists_uses_and_clusters() {
    let dir = archive();
    let out = bin(dir.path()).arg("tags").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        text.contains("    2  2025-04-25  2025-04-26  #pretraining\n"),
        "{text}"
    );
    assert!(
        text.contains("    1  2025-04-27  2025-04-27  #pre-training\n"),
        "{text}"
    );
    assert!(text.contains("12 tags, 13 uses in 4 files."), "{text}");
    assert!(
        !text.contains("not-a-tag"),
        "LICENSE.txt is not a digest: {text}"
    );
    // Each cluster: the tag kept and its count, in a column as wide as
    // the longest tag in use (`#positional-encoding`) allows, then the
    // spellings that stand for it with their counts.
    assert!(
        text.contains(
            "Likely duplicates (3):\n  \
             #image-generation (1)      <- #image_generation (1)   separators, case or plural\n  \
             #pretraining (2)           <- #pre-training (1)   separators, case or plural\n  \
             #self-improvement (1)      <- #self-improvment (1)   a typing slip\n"
        ),
        "{text}"
    );
    assert!(text.contains(
        "[tags.aliases]\nimage_generation = \"image-generation\"    # separators, case or plural\npre-training = \"pretraining\"    # separators, case or plural\nself-improvment = \"self-improvement\"    # a typing slip\n"
    ), "{text}");
    for apart in ["#flow (", "#position (", "#lm ("] {
        assert!(
            !text.contains(&format!("<- {apart}")),
            "{apart} merged: {text}"
        );
    }
}

#[test]
fn tags_as_json() {
    let dir = archive();
    let out = bin(dir.path())
        .args(["tags", "--output-format", "json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["tags"][0]["tag"], "pretraining");
    assert_eq!(v["tags"][0]["count"], 2);
    assert_eq!(v["tags"][0]["first"], "2025-04-25");
    assert_eq!(v["clusters"].as_array().map(Vec::len), Some(3));
    assert_eq!(v["clusters"][1]["canonical"], "pretraining");
    assert_eq!(v["clusters"][1]["aliases"][0], "pre-training");
}

#[test]
fn init_learns_the_vocabulary_and_t003_uses_it() {
    let dir = archive();
    bin(dir.path())
        .args(["init", "--learn-tags", "."])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "learned 11 tags from 4 files; 3 clusters",
        ));
    let config = fs::read_to_string(dir.path().join(".digest-lint.toml")).unwrap();
    assert!(
        config.contains("vocabulary = [\n    \"flow\",\n"),
        "{config}"
    );
    assert!(
        config.contains("\n# pre-training = \"pretraining\""),
        "{config}"
    );
    // Every tag in use is known: no T003.
    bin(dir.path())
        .args(["check", "--select", "T003"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "All checks passed (4 files checked).",
        ));
    // A slip: T003 names the tag meant.
    fs::write(
        dir.path().join("2025-04-29.txt"),
        digest("2025년 4월 29일", "#pretrainig #flow"),
    )
    .unwrap();
    bin(dir.path())
        .args(["check", "--select", "T003", "--output-format", "concise"])
        .assert()
        .stdout(predicate::str::contains(
            "2025-04-29.txt:6:1: T003 [?] unknown tag `#pretrainig`; did you mean `#pretraining`?",
        ));
    // Accepting an alias: T003 reports it and --fix rewrites it.
    let accepted = config.replace("\n# pre-training = ", "\npre-training = ");
    fs::write(dir.path().join(".digest-lint.toml"), accepted).unwrap();
    bin(dir.path())
        .args(["check", "--select", "T003", "--fix", "2025-04-27.txt"])
        .assert()
        .success();
    assert!(
        fs::read_to_string(dir.path().join("2025-04-27.txt"))
            .unwrap()
            .contains("#pretraining #position")
    );
    // init does not overwrite without --force.
    bin(dir.path()).arg("init").assert().code(2);
}

#[test]
fn plain_init_writes_a_starter_that_reads() {
    let dir = tempfile::tempdir().unwrap();
    bin(dir.path()).arg("init").assert().success();
    let text = fs::read_to_string(dir.path().join(".digest-lint.toml")).unwrap();
    assert!(text.contains("# per-file-ignores = "));
    fs::write(
        dir.path().join("2025-04-25.txt"),
        digest("2025년 4월 25일", "#rl"),
    )
    .unwrap();
    bin(dir.path()).arg("check").assert().success();
}

#[test]
fn init_learns_from_the_digests_alone_and_writes_nothing_on_trouble() {
    let dir = archive();
    let config = dir.path().join(".digest-lint.toml");
    // A broken configuration beside the digests: the walk does not read
    // the file it is about to replace.
    fs::write(&config, "[lint\n").unwrap();
    // Without --force an existing file is kept.
    bin(dir.path())
        .args(["init", "--learn-tags", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "exists; pass --force to replace it",
        ));
    assert_eq!(fs::read_to_string(&config).unwrap(), "[lint\n");
    bin(dir.path())
        .args(["init", "--force", "--learn-tags", "."])
        .assert()
        .success()
        .stderr(predicate::str::contains("learned 11 tags from 4 files"));
    assert!(
        fs::read_to_string(&config)
            .unwrap()
            .contains("vocabulary = [\n"),
        "the broken file was not replaced"
    );
    // A digest that is not UTF-8 text: exit 2, and no file is written.
    fs::remove_file(&config).unwrap();
    fs::write(dir.path().join("2025-04-30.txt"), b"\xff\xfe\x00 not text").unwrap();
    bin(dir.path())
        .args(["init", "--learn-tags", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2025-04-30.txt"));
    assert!(!config.exists());
}

#[test]
fn tags_of_a_file_that_is_not_text_is_exit_2() {
    let dir = archive();
    fs::write(dir.path().join("2025-04-30.txt"), b"\xff\xfe\x00 not text").unwrap();
    bin(dir.path())
        .arg("tags")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("2025-04-30.txt"))
        .stdout(predicate::str::contains("12 tags, 13 uses in 4 files."));
}
