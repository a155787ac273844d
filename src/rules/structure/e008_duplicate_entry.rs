use std::collections::HashMap;
use std::collections::hash_map::Entry as Slot;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, ProjectFile, Rule, RuleMeta};
use crate::syntax::Digest;
use crate::syntax::text;

use super::{excerpt, trimmed_span};

pub struct DuplicateEntry;

static META: RuleMeta = RuleMeta {
    code: "E008",
    name: "duplicate-entry",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "The same paper twice in a file (an error), or in two files checked together (a warning).",
    doc: r#"
## What it does
Reports an entry whose title was already used by an earlier entry. Titles
are compared without regard to case or white space, so
`Token Folding  for decoders` and `Token folding for Decoders` are the same
paper.

Within one file this is an error, reported on the second entry with a
pointer to the first. When several files are checked together, a paper
that already appears in an earlier file (in path order, which for dated
file names is the order of the days, whatever order the files are named
in) is reported as a warning on the later file's entry, naming the
earlier file and line: revisiting a paper on another day may be on
purpose.

## Why is this bad?
Two entries for one paper in a day's digest are a copy-and-paste slip:
the reader sees the same paper twice, often with two different notes.

## Example
```text
Token Folding for Faster Decoders
(Mina Park, John Smith)
...
#efficiency
token folding for faster decoders
(Mina Park, John Smith)
...
#efficiency
```

## Fix
None: decide which of the two notes to keep, merge them, and delete the
other entry.
"#,
    default_enabled: true,
};

/// A title as compared: lowercase, with no white space at all.
fn key(title: &str) -> String {
    title
        .chars()
        .filter(|&c| !c.is_whitespace() && !text::is_zero_width(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Each entry's title line with its key, in file order.
fn titles<'a>(digest: &'a Digest<'a>) -> impl Iterator<Item = (usize, String)> + 'a {
    digest
        .entries()
        .filter_map(|e| e.title)
        .map(|t| (t, key(digest.line_text(t))))
        .filter(|(_, k)| !k.is_empty())
}

impl Rule for DuplicateEntry {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (line, k) in titles(digest) {
            match seen.entry(k) {
                Slot::Vacant(v) => {
                    v.insert(line);
                }
                Slot::Occupied(o) => {
                    let first = *o.get();
                    out.push(
                        Diagnostic::new(
                            &META,
                            trimmed_span(digest, line),
                            format!(
                                "`{}` is already in this file, at line {}",
                                excerpt(digest.line_text(line)),
                                first + 1
                            ),
                        )
                        .label(trimmed_span(digest, first), "first entry for this paper")
                        .help("keep one entry for the paper: merge the two notes and delete the other"),
                    );
                }
            }
        }
    }

    fn check_project(
        &self,
        files: &[ProjectFile<'_>],
        _config: &Config,
        out: &mut Vec<(usize, Diagnostic)>,
    ) {
        // Key -> (file, title line) of the paper's first appearance.
        let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
        for (index, file) in files.iter().enumerate() {
            let digest = file.digest;
            let mut here: HashMap<String, usize> = HashMap::new();
            for (line, k) in titles(digest) {
                if here.contains_key(&k) {
                    // A repeat inside the file: `check` reports it.
                    continue;
                }
                here.insert(k.clone(), line);
                match seen.entry(k) {
                    Slot::Vacant(v) => {
                        v.insert((index, line));
                    }
                    Slot::Occupied(o) => {
                        let (other, other_line) = *o.get();
                        let Some(earlier) = files.get(other) else {
                            continue;
                        };
                        if other == index || earlier.path == file.path {
                            continue;
                        }
                        let d = Diagnostic::new(
                            &META,
                            trimmed_span(digest, line),
                            format!(
                                "`{}` is also in {}, at line {}",
                                excerpt(digest.line_text(line)),
                                earlier.path,
                                other_line + 1
                            ),
                        )
                        .severity(Severity::Warning)
                        .help("if this is the same paper, keep one entry or say in the note why it is back");
                        out.push((index, d));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_and_space() {
        assert_eq!(key("Token  Folding\tFOR x"), key("token folding for X"));
        assert_ne!(key("Token Folding"), key("Token Folding 2"));
    }

    #[test]
    fn across_files_is_a_warning() {
        let a = "2025년 4월 25일\nToken Folding\n(Mina Park)\n설명.\nNote.\n#x\n";
        let b = "2025년 4월 26일\nOther Paper\n(Ana Silva)\n설명.\nNote.\n#x\ntoken folding\n(Mina Park)\n설명.\nNote.\n#x\n";
        let (da, db) = (
            crate::syntax::parser::parse(a),
            crate::syntax::parser::parse(b),
        );
        let files = [
            ProjectFile {
                path: "a.txt",
                digest: &da,
            },
            ProjectFile {
                path: "b.txt",
                digest: &db,
            },
        ];
        let mut out = Vec::new();
        DuplicateEntry.check_project(&files, &Config::default(), &mut out);
        assert_eq!(out.len(), 1);
        let (file, d) = &out[0];
        assert_eq!(*file, 1);
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(d.span.text(b), "token folding");
        assert_eq!(d.message, "`token folding` is also in a.txt, at line 2");
    }
}
