//! Stable identities for findings, for tools that track a finding from one
//! run to the next (SARIF `partialFingerprints`, GitLab `fingerprint`).
//!
//! A fingerprint hashes what a finding is about, not where it is: the file,
//! the rule, the title of the entry it sits in and the flagged text with its
//! white space collapsed. Adding or removing lines elsewhere in the file
//! leaves it unchanged. Two findings that would hash alike in one file are
//! told apart by a counter (`:0`, `:1`, ...) in file order, as GitHub does
//! for its own line hashes. The hash is FNV-1a (64 bits), written out here
//! so that it never changes with a compiler or library version.

use super::FileFindings;
use crate::diagnostic::Diagnostic;
use crate::syntax::{Digest, parser};
use std::collections::HashMap;

/// The version tag of the scheme; a change to what is hashed bumps it.
pub const SCHEME: &str = "digestLint/v1";

/// FNV-1a over the parts, each followed by a 0xff byte (which UTF-8 text
/// never holds), so `("ab", "c")` and `("a", "bc")` differ.
pub fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(&[0xff]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// White space collapsed to single spaces and trimmed.
fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The title of the entry holding byte `offset`, normalised and lowercased;
/// empty outside entries.
fn entry_title(digest: &Digest<'_>, offset: usize) -> String {
    let line = digest
        .lines
        .partition_point(|l| l.start <= offset)
        .saturating_sub(1);
    digest
        .entries()
        .find(|e| e.lines.contains(&line))
        .and_then(|e| e.title)
        .map(|t| normalise(digest.line_text(t)).to_lowercase())
        .unwrap_or_default()
}

/// One fingerprint per finding of `file`, in the same order:
/// `<16 hex digits>:<occurrence>`.
pub fn fingerprints(file: &FileFindings<'_>) -> Vec<String> {
    let digest = parser::parse(file.src);
    let path = display_path(file.path);
    let mut seen: HashMap<u64, usize> = HashMap::new();
    file.diagnostics
        .iter()
        .map(|d| {
            let hash = hash_of(&digest, &path, d);
            let n = seen.entry(hash).or_insert(0);
            let fp = format!("{hash:016x}:{n}");
            *n += 1;
            fp
        })
        .collect()
}

fn hash_of(digest: &Digest<'_>, path: &str, d: &Diagnostic) -> u64 {
    let text = digest.src.get(d.span.start..d.span.end).unwrap_or("");
    fnv1a(&[
        path,
        d.code,
        &entry_title(digest, d.span.start),
        &normalise(text),
    ])
}

/// A path as CI tools want it: `/` separators and no leading `./`.
pub fn display_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut rest = path.as_str();
    while let Some(r) = rest.strip_prefix("./") {
        rest = r.trim_start_matches('/');
    }
    rest.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::diagnostic::Diagnostic;

    fn findings(src: &str) -> Vec<Diagnostic> {
        // A unit test may drive the pipeline (see tests/architecture.rs).
        crate::lint::check(src, Some("2025-03-14.txt"), &Config::default())
    }

    const ENTRY: &str =
        "2025년 3월 14일\nA Paper\n(A. Author)\n한국어 설명입니다.  \nEnglish note.\n#tag\n";

    #[test]
    fn survives_lines_added_above() {
        let before = ENTRY.to_string();
        let after = ENTRY.replace(
            "2025년 3월 14일\n",
            "2025년 3월 14일\nOther Paper\n(B. Author)\n다른 설명.\nOther note.\n#x\n",
        );
        let fp = |src: &str| {
            let d = findings(src);
            let w001: Vec<Diagnostic> = d.into_iter().filter(|d| d.code == "W001").collect();
            fingerprints(&FileFindings {
                path: "./d/2025-03-14.txt",
                src,
                diagnostics: &w001,
            })
        };
        let (a, b) = (fp(&before), fp(&after));
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a, b);
        // ...but not a change of file.
        let d: Vec<Diagnostic> = findings(&before)
            .into_iter()
            .filter(|d| d.code == "W001")
            .collect();
        let other = fingerprints(&FileFindings {
            path: "d/2025-03-15.txt",
            src: &before,
            diagnostics: &d,
        });
        assert_ne!(a, other);
    }

    #[test]
    fn equal_findings_are_counted() {
        let src = "x  \ny  \n";
        let d = findings(src);
        let w001: Vec<Diagnostic> = d.into_iter().filter(|d| d.code == "W001").collect();
        let fps = fingerprints(&FileFindings {
            path: "a.txt",
            src,
            diagnostics: &w001,
        });
        assert_eq!(fps.len(), 2);
        assert!(fps[0].ends_with(":0") && fps[1].ends_with(":1"), "{fps:?}");
        assert_eq!(fps[0].split(':').next(), fps[1].split(':').next());
    }

    #[test]
    fn the_text_and_the_entry_title_are_hashed_without_their_spacing() {
        // Two entries whose titles differ only in spacing and case, and a
        // third with another title; each holds the same lines.
        let body = "(A. Author)\n한국어  설명입니다.\n한국어 설명입니다.\nEnglish note.\n#tag\n";
        let src =
            format!("2025년 3월 14일\nA Paper\n{body}\na   paper\n{body}\nAnother Paper\n{body}");
        let Some(template) = findings(&src).into_iter().next() else {
            panic!("no finding to copy");
        };
        // The same code on chosen pieces of text: in each entry, the two
        // spacings of the Korean line, then the English line.
        let mut diagnostics = Vec::new();
        let mut from = 0;
        for _ in 0..3 {
            for piece in ["한국어  설명입니다.", "한국어 설명입니다.", "English note."]
            {
                let Some(at) = src.get(from..).and_then(|rest| rest.find(piece)) else {
                    panic!("{piece} not found");
                };
                let start = from + at;
                let mut d = template.clone();
                d.span = crate::syntax::Span::new(start, start + piece.len());
                diagnostics.push(d);
                from = start + piece.len();
            }
        }
        let fps = fingerprints(&FileFindings {
            path: "a.txt",
            src: &src,
            diagnostics: &diagnostics,
        });
        let hash = |i: usize| fps[i].split(':').next().unwrap_or_default().to_string();
        // One spacing or another: one hash, counted.
        assert_eq!(hash(0), hash(1));
        assert_eq!((&fps[0][17..], &fps[1][17..]), ("0", "1"));
        // Other text: another hash.
        assert_ne!(hash(0), hash(2));
        // The second title is the first in other spacing and case.
        assert_eq!(hash(3), hash(0));
        assert_eq!(&fps[3][17..], "2");
        assert_eq!(hash(5), hash(2));
        // Another title: other hashes for the same text.
        assert_ne!(hash(6), hash(0));
        assert_ne!(hash(8), hash(2));
        assert_eq!(hash(6), hash(7));
    }

    #[test]
    fn paths_and_hash_parts() {
        assert_eq!(display_path("./a/b.txt"), "a/b.txt");
        assert_eq!(display_path(".//./a.txt"), "a.txt");
        assert_eq!(display_path("../c.txt"), "../c.txt");
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
        // The published FNV-1a test vector for "a" (plus our separator byte
        // changes it, so check the bare algorithm through an empty list).
        assert_eq!(fnv1a(&[]), 0xcbf2_9ce4_8422_2325);
    }
}
