//! `check` goes through its files in chunks, in path order, holding one
//! chunk's texts at a time: what it reports must not depend on the chunks,
//! the order files are named in, or the number of threads.
//!
//! The digests are invented here: 150 files of 5 entries each, more than
//! two chunks (a chunk holds at most 64 files).

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use std::path::{Path, PathBuf};

fn bin() -> Command {
    let mut cmd = cargo_bin_cmd!("digest-lint");
    cmd.env_remove("NO_COLOR")
        .env_remove("DIGEST_LINT_OUTPUT_FORMAT")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env_remove("RAYON_NUM_THREADS");
    cmd
}

const FILES: usize = 150;

/// File `i` is the day `i` of 2024, in a calendar of 28-day months (the
/// default `include` takes dated names only).
fn name(i: usize) -> String {
    format!("2024-{:02}-{:02}.txt", i / 28 + 1, i % 28 + 1)
}

/// Entry `k` of file `i`: title, authors, Korean, English, tags (lines
/// 2 + 5k to 6 + 5k of its file).
fn entry(i: usize, k: usize) -> [String; 5] {
    [
        format!("Paper {i}-{k} on Routing"),
        "(Mina Park)".to_string(),
        format!("라우팅 방식 {i}-{k}번을 작은 언어 모델에서 비교한 연구입니다."),
        format!("A comparison of routing method {i}-{k} in small language models."),
        "#routing".to_string(),
    ]
}

/// The archive: file 140's first English paragraph copies file 3's second
/// (C005), and file 120's third title is file 5's first, in lower case
/// (E008 across files).
fn archive() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for i in 0..FILES {
        let mut lines = vec![format!("2024년 {}월 {}일", i / 28 + 1, i % 28 + 1)];
        for k in 0..5 {
            let mut e = entry(i, k);
            if i == 140 && k == 0 {
                e[3] = entry(3, 1)[3].clone();
            }
            if i == 120 && k == 2 {
                e[0] = entry(5, 0)[0].to_lowercase();
            }
            lines.extend(e);
        }
        let path = dir.path().join(name(i));
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        paths.push(path);
    }
    (dir, paths)
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn copies_across_files_are_found_across_chunks_on_the_later_file() {
    let (_dir, paths) = archive();
    // Named in reverse order: the run still goes in path order, so the
    // earlier file is the original and the later one is reported.
    let mut reversed = paths.clone();
    reversed.reverse();
    let out = stdout(
        bin()
            .args([
                "check",
                "--select",
                "C005,E008",
                "--output-format",
                "concise",
                "-q",
            ])
            .args(&reversed),
    );
    let expected = format!(
        "{}:12:1: E008 `paper 5-0 on routing` is also in {}, at line 2\n\
         {}:5:1: C005 this English paragraph repeats one of `Paper 3-1 on Routing` in {}, at line 10\n",
        shown(&paths[120]),
        shown(&paths[5]),
        shown(&paths[140]),
        shown(&paths[3]),
    );
    assert_eq!(out, expected);
}

#[test]
fn output_is_the_same_on_one_thread_and_on_several() {
    let (dir, _paths) = archive();
    for format in ["full", "concise", "json", "sarif", "github"] {
        let run = |threads: &str| {
            stdout(
                bin()
                    .env("RAYON_NUM_THREADS", threads)
                    .current_dir(dir.path())
                    .args(["check", ".", "--output-format", format]),
            )
        };
        let one = run("1");
        assert!(one.contains("C005"), "{format}: {one}");
        assert_eq!(one, run("2"), "{format}");
        assert_eq!(one, run("4"), "{format}");
    }
}

#[test]
fn fmt_writes_in_the_order_of_its_inputs_on_any_number_of_threads() {
    let (dir, _paths) = archive();
    // Trailing spaces on each file's first authors line: every file differs
    // from its formatted text.
    for i in 0..FILES {
        let path = dir.path().join(name(i));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen("(Mina Park)\n", "(Mina Park)  \n", 1)).unwrap();
    }
    let run = |threads: &str| {
        stdout(
            bin()
                .env("RAYON_NUM_THREADS", threads)
                .current_dir(dir.path())
                .args(["fmt", "--diff", "."]),
        )
    };
    let one = run("1");
    let files: Vec<&str> = one.lines().filter_map(|l| l.strip_prefix("--- ")).collect();
    assert_eq!(files.len(), FILES, "{one}");
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert_eq!(one, run("2"));
}

#[test]
fn unreadable_files_and_fixes_across_chunks_keep_their_order() {
    // While one chunk is reported, the next is read and checked: what the
    // later chunks say (a file that cannot be read, the fixes --show-fixes
    // lists) must still come in path order, on any number of threads.
    let (dir, _paths) = archive();
    // Files 70 and 130 (the second and third chunks) cannot be read, and
    // every file from 100 on has a tag `--fix` would write again.
    for i in [70, 130] {
        std::fs::write(dir.path().join(name(i)), b"\xff\xfe\x00bad").unwrap();
    }
    for i in (100..FILES).filter(|&i| i != 130) {
        let path = dir.path().join(name(i));
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replacen("#routing", "#Routing", 1)).unwrap();
    }
    let run = |threads: &str| {
        let out = bin()
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(dir.path())
            .args(["check", ".", "--output-format", "concise", "--show-fixes"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (stdout, stderr) = run("2");
    let unreadable: Vec<&str> = stderr.lines().filter(|l| l.contains("error:")).collect();
    assert_eq!(unreadable.len(), 2, "{stderr}");
    assert!(unreadable[0].contains(&name(70)), "{stderr}");
    assert!(unreadable[1].contains(&name(130)), "{stderr}");
    // One finding per file from 100 on (the tag), in path order, then the
    // list of fixes, one file each, in the same order.
    let findings: Vec<String> = stdout
        .lines()
        .filter(|l| l.contains(": T001 "))
        .map(|l| l.split(':').next().unwrap().to_string())
        .collect();
    let expected: Vec<String> = (100..FILES)
        .filter(|&i| i != 130)
        .map(|i| format!("./{}", name(i)))
        .collect();
    assert_eq!(findings, expected, "{stdout}");
    let fixed: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("- ")?.strip_suffix(':'))
        .collect();
    assert_eq!(fixed, expected, "{stdout}");
    let rules = stdout
        .lines()
        .filter(|l| l.trim() == "1 × T001 (malformed-tag)");
    assert_eq!(rules.count(), expected.len(), "{stdout}");
    assert_eq!((stdout.clone(), stderr.clone()), run("1"));
    assert_eq!((stdout, stderr), run("4"));
}
