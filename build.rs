//! Writes C007's list of misspellings into the build's output folder
//! (`src/rules/commentary/c007_misspelling/list_format.rs` says how), and
//! tells `digest-lint version` which commit it was built from: when the
//! crate is built from its own git checkout, sets
//! `DIGEST_LINT_COMMIT_HASH`, `DIGEST_LINT_COMMIT_SHORT_HASH` and
//! `DIGEST_LINT_COMMIT_DATE`, and asks to run again when HEAD or the branch
//! it names moves. Outside git (a published crate, a tarball, no `git`
//! program, or a crate folder inside some other repository) it does nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "src/rules/commentary/c007_misspelling/list_format.rs"]
mod list_format;

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
    misspellings();
    commit();
}

/// Writes the list of misspellings of the `typos-dict` crate as C007 reads
/// it: its records, where each starts, its Bloom filter and its index.
/// Only words of ASCII letters are kept: C007 looks up nothing else, and
/// none of the list's few other words (with Cyrillic or accented letters)
/// is equal to one of them when case is ignored.
fn misspellings() {
    use list_format::{
        EMPTY, FILTER_BITS, INDEX_BITS, SEPARATOR, filter_bits, index_slot, word_hash,
    };
    println!("cargo:rerun-if-changed=src/rules/commentary/c007_misspelling/list_format.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut entries: Vec<(String, Vec<&str>)> = typos_dict::WORD
        .map
        .entries()
        .map(|(key, corrections)| (key.into_inner(), *corrections))
        .filter(|(key, _)| key.is_ascii())
        .map(|(key, corrections)| (key.to_ascii_lowercase(), corrections.to_vec()))
        .collect();
    entries.sort();
    let mut records = String::new();
    let mut offsets = Vec::new();
    let mut filter = vec![0u64; 1 << (FILTER_BITS - 6)];
    let mut index = vec![EMPTY; 1 << INDEX_BITS];
    let mut previous: Option<&str> = None;
    for (number, (key, corrections)) in entries.iter().enumerate() {
        assert!(
            previous != Some(key.as_str()),
            "the list holds `{key}` twice"
        );
        previous = Some(key);
        assert!(
            !corrections.is_empty()
                && !key.contains(SEPARATOR)
                && !corrections
                    .iter()
                    .any(|c| c.is_empty() || c.contains(SEPARATOR)),
            "the list's entry for `{key}` cannot be written as a record"
        );
        let at = u32::try_from(records.len()).expect("the records fit in 4 GiB");
        offsets.extend_from_slice(&at.to_le_bytes());
        records.push_str(key);
        for correction in corrections {
            records.push(SEPARATOR);
            records.push_str(correction);
        }
        let hash = word_hash(key.as_bytes());
        let (cell, bits) = filter_bits(hash);
        if let Some(cell) = filter.get_mut(cell) {
            *cell |= bits;
        }
        let mut slot = index_slot(hash);
        while index[slot] != EMPTY {
            slot = (slot + 1) % index.len();
        }
        index[slot] = u32::try_from(number).expect("fewer than 2^32 records");
    }
    let end = u32::try_from(records.len()).expect("the records fit in 4 GiB");
    offsets.extend_from_slice(&end.to_le_bytes());
    let filter: Vec<u8> = filter.iter().flat_map(|w| w.to_le_bytes()).collect();
    let index: Vec<u8> = index.iter().flat_map(|n| n.to_le_bytes()).collect();
    // The tables, and the Rust that takes them into the binary: each a
    // static of the file's bytes (`&str` for the records).
    let mut rust = String::from("// Written by build.rs: C007's list of misspellings.\n");
    for (name, bytes, ty, include) in [
        ("RECORDS", records.as_bytes(), "&str", "include_str"),
        ("OFFSETS", offsets.as_slice(), "&[u8]", "include_bytes"),
        ("FILTER", filter.as_slice(), "&[u8]", "include_bytes"),
        ("INDEX", index.as_slice(), "&[u8]", "include_bytes"),
    ] {
        let file = format!("misspelling-{}.bin", name.to_ascii_lowercase());
        let path = out.join(&file);
        std::fs::write(&path, bytes)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        rust.push_str(&format!(
            "pub(super) static {name}: {ty} = {include}!(concat!(env!(\"OUT_DIR\"), \"/{file}\"));\n"
        ));
    }
    let path = out.join("misspelling-tables.rs");
    std::fs::write(&path, rust).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// Sets the commit the crate is built from, when it is built from its own
/// git checkout.
fn commit() {
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
