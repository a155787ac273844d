//! Replays the fuzz seeds (`fuzz/seeds/`) and every input the fuzzer found
//! (`fuzz/regressions/TARGET/`) through the invariants the fuzz targets
//! assert, so that `cargo test` on stable Rust keeps them fixed. The
//! invariants live in `fuzz/src/invariants.rs`, shared with the targets.

#[path = "../fuzz/src/invariants.rs"]
#[allow(dead_code)]
mod invariants;

use std::path::{Path, PathBuf};

const TARGETS: [&str; 4] = ["parse", "check", "format", "fix"];

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// Runs `target` on `path`, turning a panic into a message naming both.
fn replay(target: &str, path: &Path) -> Option<String> {
    let run = invariants::by_name(target)?;
    let bytes = std::fs::read(path).ok()?;
    // The targets skip what is not UTF-8, as the tool refuses it.
    let text = String::from_utf8(bytes).ok()?;
    std::panic::catch_unwind(|| run(&text)).err().map(|e| {
        let why = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        format!("{target} {}: {why}", path.display())
    })
}

#[test]
fn seeds_and_found_inputs_keep_every_invariant() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let seeds = files_in(&root.join("seeds"));
    assert!(
        seeds.len() >= 3,
        "the seeds are missing: {}",
        root.display()
    );
    let mut failures = Vec::new();
    let mut runs = 0;
    for target in TARGETS {
        let found = files_in(&root.join("regressions").join(target));
        for path in seeds.iter().chain(&found) {
            runs += 1;
            failures.extend(replay(target, path));
        }
    }
    assert!(runs >= 4 * seeds.len());
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_invariants_can_fail() {
    // A text whose second --fix would change nothing but whose tree is
    // checked against another text: the helpers must notice a difference.
    assert_ne!(
        invariants::skeleton("2025년 4월 25일\nTitle\n"),
        invariants::skeleton("2025년 4월 25일\nTitel\n")
    );
    assert_eq!(invariants::distinct_lines("A\nA\n\nB\n"), 2);
    assert_eq!(invariants::distinct_lines("(A B,\nC D)\nE\n"), 2);
    assert_eq!(invariants::distinct_lines("(A,  B)\n(A, B)\nC\n"), 2);
    assert_eq!(
        invariants::distinct_lines("Title\nTi\u{FEFF}tle\nTitles\n"),
        2
    );
    assert_eq!(invariants::distinct_lines("(A,  B)\n(A, B\n(A, C)\n"), 2);
    assert_eq!(invariants::non_blank_lines("\u{FEFF}A\r\n \r\nB"), 2);
}
