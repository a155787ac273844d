//! The rest of the command line: completions, man pages, help texts,
//! "did you mean" and `version`.

use assert_cmd::cargo::cargo_bin_cmd;
use clap::CommandFactory;
use digest_lint::cli::{self, Cli};
use std::path::Path;

/// Runs the binary and returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = match cargo_bin_cmd!("digest-lint").args(args).output() {
        Ok(o) => o,
        Err(e) => panic!("{e}"),
    };
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn completions_for_every_shell_name_the_commands_and_options() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        // fish writes long options as `-l output-format`.
        for word in ["check", "fmt", "server", "output-format", "stdin-filename"] {
            assert!(out.contains(word), "{shell} completions lack {word}");
        }
    }
    let (code, _, err) = run(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(err.contains("possible values"), "{err}");
}

#[test]
fn bash_loads_the_completions() {
    if std::process::Command::new("bash")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no bash here to load the completions into");
        return;
    }
    let bin = env!("CARGO_BIN_EXE_digest-lint");
    let script = format!("source <('{bin}' completions bash) && complete -p digest-lint");
    let out = match std::process::Command::new("bash")
        .args(["-c", &script])
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("{e}"),
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("complete ")
            && stdout.contains(" -F _digest")
            && stdout.trim_end().ends_with(" digest-lint"),
        "{stdout}"
    );
}

/// The committed man pages are what the clap definition renders now.
/// `DIGEST_LINT_WRITE_MAN=1 cargo test --test cli_commands man` rewrites
/// them after a change to the options.
#[test]
fn man_pages_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    let pages = match cli::man::pages() {
        Ok(p) => p,
        Err(e) => panic!("rendering: {e}"),
    };
    assert!(pages.len() >= 7, "one page, then one per command");
    if std::env::var_os("DIGEST_LINT_WRITE_MAN").is_some() {
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("{e}");
        }
        for (name, page) in &pages {
            if let Err(e) = std::fs::write(dir.join(name), page) {
                panic!("{name}: {e}");
            }
        }
    }
    let mut stale = Vec::new();
    for (name, page) in &pages {
        if std::fs::read(dir.join(name)).ok().as_ref() != Some(page) {
            stale.push(name.clone());
        }
    }
    let committed = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(Result::ok).count())
        .unwrap_or(0);
    assert!(
        stale.is_empty() && committed == pages.len(),
        "man pages out of date: {stale:?} ({committed} files for {} pages); \
         run DIGEST_LINT_WRITE_MAN=1 cargo test --test cli_commands man",
        pages.len()
    );
    let top = String::from_utf8_lossy(&pages[0].1).into_owned();
    assert!(
        top.contains("Exit status") && top.contains("digest\\-lint server"),
        "{top}"
    );
}

#[test]
fn every_option_and_argument_has_a_description() {
    fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for arg in command.get_arguments() {
            let builtin = matches!(arg.get_id().as_str(), "help" | "version");
            if !builtin && !arg.is_hide_set() && arg.get_help().is_none() {
                missing.push(format!("{path} {}", arg.get_id()));
            }
        }
        for sub in command.get_subcommands() {
            if sub.get_about().is_none() && sub.get_name() != "help" {
                missing.push(format!("{path} {} (command)", sub.get_name()));
            }
            walk(sub, &format!("{path} {}", sub.get_name()), missing);
        }
    }
    let mut missing = Vec::new();
    walk(&Cli::command(), "digest-lint", &mut missing);
    assert!(missing.is_empty(), "without a description: {missing:?}");
}

#[test]
fn help_shows_examples_and_exit_codes() {
    for args in [
        &["--help"][..],
        &["check", "--help"],
        &["fmt", "--help"],
        &["rule", "--help"],
        &["server", "--help"],
        &["completions", "--help"],
        &["version", "--help"],
    ] {
        let (code, out, _) = run(args);
        assert_eq!(code, 0);
        assert!(out.contains("Examples:"), "{args:?}: {out}");
        assert!(out.contains("Exit status:\n  0  "), "{args:?}: {out}");
    }
    let (_, out, _) = run(&["check", "--help"]);
    assert!(out.contains("--output-format <OUTPUT_FORMAT>\n          How to print the findings"));
    assert!(out.contains("--color <COLOR>\n          When to colour the report"));
}

#[test]
fn unknown_rules_and_commands_get_a_suggestion() {
    let (code, _, err) = run(&["rule", "unpaired-comentary"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("a similar rule exists: `unpaired-commentary`"),
        "{err}"
    );
    let (code, _, err) = run(&["rule", "qqqqqqqq"]);
    assert_eq!(code, 2);
    assert!(!err.contains("similar"), "{err}");
    let (code, _, err) = run(&["check", "--select", "missing-final-newlin", "-"]);
    assert_eq!(code, 2);
    assert!(err.contains("`missing-final-newline`"), "{err}");
    let (code, _, err) = run(&["chek"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("a similar subcommand exists: 'check'"),
        "{err}"
    );
}

#[test]
fn version_names_the_commit_when_built_from_git() {
    let (code, out, _) = run(&["version"]);
    assert_eq!(code, 0);
    let plain = format!("digest-lint {}", env!("CARGO_PKG_VERSION"));
    assert_eq!(out.trim_end(), cli::version_line());
    assert!(out.starts_with(&plain), "{out}");
    let from_git = std::process::Command::new("git")
        .args(["log", "-1", "--abbrev=9", "--format=%h"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    match from_git {
        // Built from this checkout: the commit it was built at. (A commit
        // made after the build would show as a different hash; cargo
        // rebuilds when HEAD moves.)
        Some(hash) if !hash.is_empty() => {
            assert!(out.contains(&format!("({hash} ")), "{out} lacks {hash}")
        }
        _ => assert_eq!(out.trim_end(), plain),
    }
    let (_, out, _) = run(&["--version"]);
    assert_eq!(out.trim_end(), plain);
}
