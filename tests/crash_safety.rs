//! Crash safety: `fmt` and `check --fix` killed at random moments while
//! they rewrite hundreds of files. Every file must be wholly old or wholly
//! new; SIGTERM and Ctrl-C (SIGINT) leave no temporary file; a SIGKILL may
//! leave one, named `.digest-lint-PID-*.tmp`, which the next run that
//! writes removes and says so.
#![cfg(unix)]

use digest_lint::config::Config;
use digest_lint::fix::FixMode;
use digest_lint::format::{FormatOptions, format};
use digest_lint::lint;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const FILES: usize = 300;

/// An invented digest with something for both `fmt` and `--fix` to change.
fn messy(i: usize) -> String {
    format!(
        "2025년 4월 25일\nToy Study Number {i}  \n(Mina Park,John Smith)\n가상의 연구 {i}번입니다.\t\nAn invented study, number {i}. (http://github.com/toy/repo{i})\n#toy #study{i}  \nSecond Toy Study {i}\n(Lena Fischer)\n두 번째 가상의 연구입니다.\nA second invented study.\n#toy\n"
    )
}

fn name(i: usize) -> String {
    format!("2025-04-25-{i:03}.txt")
}

fn bin() -> PathBuf {
    assert_cmd::cargo::cargo_bin!("digest-lint").to_path_buf()
}

/// A tiny deterministic generator: the test must be repeatable.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

fn temp_files(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".txt") || n.starts_with('.'))
        .collect()
}

fn reset(dir: &Path) {
    for f in temp_files(dir) {
        let _ = fs::remove_file(dir.join(f));
    }
    for i in 0..FILES {
        let path = dir.join(name(i));
        if fs::read_to_string(&path).ok().as_deref() != Some(messy(i).as_str()) {
            fs::write(&path, messy(i)).unwrap();
        }
    }
}

fn start(dir: &Path, args: &[&str]) -> Child {
    Command::new(bin())
        .args(args)
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Every file is the old text or the new one, nothing in between.
fn wholly_old_or_new(dir: &Path, new: &[String]) -> (usize, usize) {
    let (mut old_n, mut new_n) = (0, 0);
    assert_eq!(new.len(), FILES);
    for (i, new) in new.iter().enumerate() {
        let text = fs::read_to_string(dir.join(name(i))).unwrap();
        if text == messy(i) {
            old_n += 1;
        } else if text == *new {
            new_n += 1;
        } else {
            panic!("{} is neither old nor new:\n{text:?}", name(i));
        }
    }
    (old_n, new_n)
}

fn run_kills(args: &[&str], new: &[String]) {
    let dir = tempfile::tempdir().unwrap();
    reset(dir.path());
    // How long a whole run takes here, to kill within it.
    let t = Instant::now();
    let out = start(dir.path(), args).wait_with_output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    let whole = t.elapsed().as_micros().max(1000) as u64;
    assert_eq!(wholly_old_or_new(dir.path(), new), (0, FILES));
    assert!(temp_files(dir.path()).is_empty());

    let mut rng = Lcg(0x5eed ^ args.len() as u64);
    let mut partial = 0;
    let mut left_behind = 0;
    for trial in 0..24 {
        reset(dir.path());
        let mut child = start(dir.path(), args);
        std::thread::sleep(Duration::from_micros(rng.below(whole)));
        let signal = ["KILL", "TERM", "INT"][trial % 3];
        let _ = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status();
        let status = child.wait().unwrap();
        let (old_n, new_n) = wholly_old_or_new(dir.path(), new);
        partial += usize::from(old_n > 0 && new_n > 0);
        let temps = temp_files(dir.path());
        if signal == "KILL" {
            left_behind += usize::from(!temps.is_empty());
            for t in &temps {
                assert!(
                    t.starts_with(".digest-lint-") && t.ends_with(".tmp"),
                    "an unrecognisable file left behind: {t}"
                );
            }
            if !temps.is_empty() {
                // The next run that writes removes what the killed one left.
                let out = start(dir.path(), args).wait_with_output().unwrap();
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(err.contains("removed"), "{err}");
                assert!(temp_files(dir.path()).is_empty(), "{err}");
            }
        } else {
            assert!(
                temps.is_empty(),
                "SIGTERM/SIGINT left {temps:?} (exit {status:?})"
            );
            let code = status.code();
            assert!(
                code.is_none_or(|c| c <= 1 || c == 130 || c == 143),
                "{signal}: {status:?}"
            );
        }
    }
    eprintln!(
        "{args:?}: 24 kills; {partial} caught the run half way; {left_behind} SIGKILLs left a temporary file (removed by the next run)"
    );
}

#[test]
fn fmt_killed_at_random_moments() {
    let options = FormatOptions::default();
    let new: Vec<String> = (0..FILES).map(|i| format(&messy(i), &options)).collect();
    assert!((0..FILES).all(|i| new[i] != messy(i)));
    run_kills(&["fmt"], &new);
}

#[test]
fn check_fix_killed_at_random_moments() {
    let new: Vec<String> = (0..FILES)
        .map(|i| lint::fix(&messy(i), Some(&name(i)), &Config::default(), FixMode::Safe).text)
        .collect();
    assert!((0..FILES).all(|i| new[i] != messy(i)));
    run_kills(&["check", "--fix", "--output-format", "concise"], &new);
}

#[test]
fn an_edit_saved_during_a_run_is_not_overwritten() {
    // Two writers at once on the same files, each making a change the
    // other does not: `fmt` puts a blank line between entries, `check --fix
    // --select L002` makes `http://` links `https://`. Each reads a file,
    // then replaces it. Where the other changed the file in between,
    // the second must refuse and say so, not write over the other's edit
    // with a text made from the old one (a lost update).
    let options = FormatOptions {
        blank_lines_between_entries: 1,
    };
    let only_l002 = Config {
        select: vec![digest_lint::config::Selector::new("L002")],
        ..Config::default()
    };
    let fix = |t: &str, i: usize| lint::fix(t, Some(&name(i)), &only_l002, FixMode::Safe).text;
    let dir = tempfile::tempdir().unwrap();
    let mut refused = 0;
    for _round in 0..3 {
        reset(dir.path());
        let a = start(dir.path(), &["fmt", "--blank-lines-between-entries", "1"]);
        let b = start(
            dir.path(),
            &[
                "check",
                "--fix",
                "--select",
                "L002",
                "--output-format",
                "concise",
            ],
        );
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let (a_err, b_err) = (
            String::from_utf8_lossy(&a.stderr),
            String::from_utf8_lossy(&b.stderr),
        );
        assert!(!a_err.contains("panicked") && !b_err.contains("panicked"));
        for i in 0..FILES {
            let text = fs::read_to_string(dir.path().join(name(i))).unwrap();
            let fixed = fix(&messy(i), i);
            let formatted = format(&messy(i), &options);
            let both = [format(&fixed, &options), fix(&formatted, i)];
            assert_eq!(both[0], both[1]);
            assert!(![&fixed, &formatted].contains(&&both[0]) && fixed != formatted);
            let said =
                |err: &str| err.contains(&format!("{}: cannot write: the file changed", name(i)));
            if text == fixed {
                // fmt read the old text too: it must have refused.
                assert!(
                    said(&a_err),
                    "{}: fmt's edit lost without a word\n{a_err}",
                    name(i)
                );
                refused += 1;
            } else if text == formatted {
                assert!(
                    said(&b_err),
                    "{}: --fix's edit lost without a word\n{b_err}",
                    name(i)
                );
                refused += 1;
            } else {
                // One ran on the other's result.
                assert_eq!(text, both[0], "{}", name(i));
            }
        }
        assert!(temp_files(dir.path()).is_empty());
    }
    eprintln!("{refused} writes refused over 3 rounds of {FILES} files");
}
