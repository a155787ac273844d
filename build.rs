//! Tells `digest-lint version` which commit it was built from: when the
//! crate is built from its own git checkout, sets
//! `DIGEST_LINT_COMMIT_HASH`, `DIGEST_LINT_COMMIT_SHORT_HASH` and
//! `DIGEST_LINT_COMMIT_DATE`, and asks to run again when HEAD or the branch
//! it names moves. Outside git (a published crate, a tarball, no `git`
//! program, or a crate folder inside some other repository) it does nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let Some(manifest) = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) else {
        return;
    };
    let Some(top) = git(&["rev-parse", "--show-toplevel"]) else {
        return;
    };
    if !same_folder(Path::new(&top), &manifest) {
        return;
    }
    // HEAD lives in the worktree's git folder; the branch it names in the
    // common one (the same folder outside a linked worktree).
    if let Some(git_dir) = git(&["rev-parse", "--absolute-git-dir"]) {
        println!("cargo:rerun-if-changed={git_dir}/HEAD");
    }
    if let (Some(common), Some(branch)) = (
        git(&["rev-parse", "--path-format=absolute", "--git-common-dir"]),
        git(&["symbolic-ref", "-q", "HEAD"]),
    ) {
        let ref_file = Path::new(&common).join(&branch);
        if ref_file.exists() {
            println!("cargo:rerun-if-changed={}", ref_file.display());
        }
        let packed = Path::new(&common).join("packed-refs");
        if packed.exists() {
            println!("cargo:rerun-if-changed={}", packed.display());
        }
    }
    let Some(line) = git(&[
        "log",
        "-1",
        "--date=short",
        "--abbrev=9",
        "--format=%H %h %cd",
    ]) else {
        return;
    };
    let mut parts = line.split_whitespace();
    if let (Some(hash), Some(short), Some(date)) = (parts.next(), parts.next(), parts.next()) {
        println!("cargo:rustc-env=DIGEST_LINT_COMMIT_HASH={hash}");
        println!("cargo:rustc-env=DIGEST_LINT_COMMIT_SHORT_HASH={short}");
        println!("cargo:rustc-env=DIGEST_LINT_COMMIT_DATE={date}");
    }
}
