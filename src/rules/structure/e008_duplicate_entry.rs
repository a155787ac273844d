use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::hash_map::Entry as Slot;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{AddedFile, Context, CrossFile, FixAvailability, ProjectFile, Rule, RuleMeta};
use crate::syntax::text;
use crate::syntax::{Digest, Span};

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
    text::lowercase_without(title, |c| c.is_whitespace() || text::is_zero_width(c))
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
        let mut seen: HashMap<String, usize> = HashMap::default();
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

    fn cross_file(&self) -> Option<Box<dyn CrossFile>> {
        Some(Box::new(SeenTitles::default()))
    }
}

impl CrossFile for SeenTitles {
    fn keys(&self, file: &ProjectFile<'_>, _cx: &Context<'_>) -> Box<dyn std::any::Any + Send> {
        Box::new(SeenTitles::keys(file.digest))
    }

    fn add(
        &mut self,
        file: &AddedFile<'_>,
        keys: Box<dyn std::any::Any + Send>,
    ) -> Vec<Diagnostic> {
        match keys.downcast::<Vec<TitleKey>>() {
            Ok(keys) => SeenTitles::add(self, file.path, file.src, *keys),
            Err(_) => Vec::new(),
        }
    }
}

/// One entry's title as the check across files keeps it: its key and where
/// it is, not its text.
pub struct TitleKey {
    key: String,
    line: usize,
    /// The line's text, and the title trimmed, in the file's source.
    text: Span,
    span: Span,
}

/// The titles met so far across files, for checking an archive one file at
/// a time, in order, without keeping the texts of the files already done.
#[derive(Default)]
pub struct SeenTitles {
    /// Hash of the key -> (file, title line) of the paper's first
    /// appearance: 16 bytes a paper, whatever its title.
    first: HashMap<u64, (u32, u32)>,
    paths: Vec<String>,
}

/// A title key as the check across files keeps it (64 bits: two titles of
/// a run collide with a chance of about one in 10^9 for a million titles).
fn key_hash(key: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

impl SeenTitles {
    /// What the check across files needs of one file.
    pub fn keys(digest: &Digest<'_>) -> Vec<TitleKey> {
        titles(digest)
            .filter_map(|(line, key)| {
                Some(TitleKey {
                    key,
                    line,
                    text: digest.lines.get(line)?.text,
                    span: trimmed_span(digest, line),
                })
            })
            .collect()
    }

    /// The next file, in the run's order (`src` is its text, `keys` its
    /// [`SeenTitles::keys`]): its titles already seen in an earlier file,
    /// as warnings. Its own titles are remembered.
    pub fn add(&mut self, path: &str, src: &str, keys: Vec<TitleKey>) -> Vec<Diagnostic> {
        let index = self.paths.len();
        self.paths.push(path.to_string());
        let mut out = Vec::new();
        let mut here: HashSet<u64> = HashSet::default();
        for title in keys {
            let key = key_hash(&title.key);
            if !here.insert(key) {
                // A repeat inside the file: `check` reports it.
                continue;
            }
            match self.first.entry(key) {
                Slot::Vacant(v) => {
                    v.insert((
                        u32::try_from(index).unwrap_or(u32::MAX),
                        u32::try_from(title.line).unwrap_or(u32::MAX),
                    ));
                }
                Slot::Occupied(o) => {
                    let (other, other_line) = *o.get();
                    let (other, other_line) = (other as usize, other_line as usize);
                    let Some(earlier) = self.paths.get(other) else {
                        continue;
                    };
                    if other == index || earlier == path {
                        continue;
                    }
                    let d = Diagnostic::new(
                        &META,
                        title.span,
                        format!(
                            "`{}` is also in {}, at line {}",
                            excerpt(title.text.text(src)),
                            earlier,
                            other_line + 1
                        ),
                    )
                    .severity(Severity::Warning)
                    .help("if this is the same paper, keep one entry or say in the note why it is back");
                    out.push(d);
                }
            }
        }
        out
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

    use crate::config::Config;

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

    #[test]
    fn a_file_named_twice_is_not_its_own_duplicate() {
        let a = "2025년 4월 25일\nToken Folding\n(Mina Park)\n설명.\nNote.\n#x\n";
        let digest = crate::syntax::parser::parse(a);
        let mut seen = SeenTitles::default();
        assert!(seen.add("a.txt", a, SeenTitles::keys(&digest)).is_empty());
        // The same path again (named twice on the command line): no finding.
        assert!(seen.add("a.txt", a, SeenTitles::keys(&digest)).is_empty());
        // Another path with the same title: one.
        let found = seen.add("b.txt", a, SeenTitles::keys(&digest));
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message,
            "`Token Folding` is also in a.txt, at line 2"
        );
    }
}
