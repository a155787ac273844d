use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{Comparable, title_key_chars};
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{AddedFile, Context, CrossFile, FixAvailability, ProjectFile, Rule, RuleMeta};
use crate::syntax::{Digest, Entry, LineKind, Span};

pub struct CopiedCommentary;

static META: RuleMeta = RuleMeta {
    code: "C005",
    name: "copied-commentary",
    severity: Severity::Error,
    fix: FixAvailability::None,
    default_enabled: true,
    summary: "A commentary paragraph identical to one of another entry, in this file or another file of the run.",
    doc: r#"
## What it does
Compares every Korean and English commentary paragraph with the
paragraphs of the other entries, and reports one that repeats an earlier
one. Paragraphs are compared without their links, white space and case:
`A method that folds tokens (https://arxiv.org/abs/2501.00001).` and
`a method that  folds tokens.` are the same paragraph. The finding points at
the later paragraph (the copy) and labels the original. When several files
are checked together, a paragraph that repeats one of an earlier file is
reported too, naming that file and line.

Short remarks (under 30 characters once spaces are removed, such as
`흥미롭네요.` or `Interesting result.`) are not compared: they recur on
purpose. Two entries for the same paper (the same title) are
`duplicate-entry` (`E008`), not copies.

When a paragraph is a copy, `unpaired-link` (`C001`) and
`unpaired-number` (`C002`) say nothing about its pair: the copy is the
defect, and their help (add the link to the copied text) would be wrong.
With this rule turned off they speak of the pair again, since nothing
else would point at it.

## Why is this bad?
A paragraph copied from the entry before is a paste that was meant to be
replaced: the entry now describes the wrong paper in one language, and the
two languages of the entry no longer say the same thing.

## Example
```text
Token Folding for Faster Decoders
(Mina Park)
토큰을 접어서 디코더를 빠르게 만드는 방법.
A method that folds tokens to speed up decoders.
#efficiency
Sparse Routers Revisited
(Joon Lee)
라우터를 희소하게 만든 방법.
A method that folds tokens to speed up decoders.
#moe
```
The second entry's English repeats the first entry's English; it should
translate its own Korean (`A method that makes the router sparse.`).

## Fix
None: the paragraph has to be written for its own paper.
"#,
};

fn language(digest: &Digest<'_>, line: usize) -> &'static str {
    match digest.lines.get(line).map(|l| l.kind) {
        Some(LineKind::Korean) => "Korean",
        _ => "English",
    }
}

fn text_span(digest: &Digest<'_>, line: usize) -> Span {
    digest.lines.get(line).map(|l| l.text).unwrap_or_default()
}

/// The title of the entry that holds `line`, quoted, for messages.
fn entry_title(digest: &Digest<'_>, line: usize) -> String {
    quoted_title(digest, digest.entries().find(|e| e.lines.contains(&line)))
}

/// The title of `entry`, quoted, for messages.
fn quoted_title(digest: &Digest<'_>, entry: Option<&Entry>) -> String {
    entry
        .and_then(|e| e.title)
        .map(|t| {
            format!(
                "`{}`",
                crate::rules::structure::excerpt(digest.line_text(t))
            )
        })
        .unwrap_or_else(|| "another entry".to_string())
}

impl Rule for CopiedCommentary {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        for copy in cx.copied_paragraphs() {
            let title = entry_title(digest, copy.original);
            out.push(
                Diagnostic::new(
                    &META,
                    text_span(digest, copy.line),
                    format!(
                        "this {} paragraph repeats the one of {title} at line {}",
                        language(digest, copy.line),
                        copy.original + 1
                    ),
                )
                .label(text_span(digest, copy.original), "the original paragraph")
                .help("write this entry's own commentary: the paragraph describes another paper"),
            );
        }
    }

    fn cross_file(&self) -> Option<Box<dyn CrossFile>> {
        Some(Box::new(SeenParagraphs::default()))
    }
}

/// A paragraph as the check across files keeps it: its key and where it
/// is, not its text.
struct ParagraphKey {
    key: u64,
    line: usize,
    span: Span,
    language: &'static str,
    /// [`hash_title`] of the entry (`None` without a title): two entries
    /// for the same paper are E008's, not copies.
    title: Option<u64>,
    /// Index into [`FileParagraphs::titles`].
    entry: usize,
}

/// What the check across files needs of one file: its paragraphs, and the
/// title of each entry as a message quotes it.
struct FileParagraphs {
    paragraphs: Vec<ParagraphKey>,
    titles: Vec<String>,
}

/// Where a paragraph was first seen: 12 bytes, one per distinct
/// paragraph of the run.
#[derive(Clone, Copy)]
struct First {
    file: u32,
    line: u32,
    /// Index into [`SeenParagraphs::entries`].
    entry: u32,
}

/// An entry that holds a first appearance: its title key's hash and where
/// its title, as messages quote it, is in [`SeenParagraphs::titles`].
struct EntryRecord {
    title: Option<u64>,
    shown: std::ops::Range<usize>,
}

/// The paragraphs met so far across files, for checking an archive one
/// file at a time, in order, without keeping the texts of the files done:
/// a hash of each normalised paragraph with the file, line and entry of
/// its first appearance, and each such entry's title.
#[derive(Default)]
pub struct SeenParagraphs {
    first: HashMap<u64, First>,
    paths: Vec<String>,
    entries: Vec<EntryRecord>,
    /// The quoted titles of `entries`, one after the other.
    titles: String,
}

/// A hash of the entry's title key (see [`super::title_key`]: without
/// white space, in lower case), read as it goes rather than built as a
/// string; `None` without a title.
fn hash_title(digest: &Digest<'_>, entry: &Entry) -> Option<u64> {
    let mut chars = title_key_chars(digest, entry).peekable();
    chars.peek()?;
    Some(chars.fold(0xcbf2_9ce4_8422_2325, |hash, c| {
        (hash ^ u64::from(u32::from(c))).wrapping_mul(0x0100_0000_01b3)
    }))
}

fn file_paragraphs(digest: &Digest<'_>, comparable: &[Comparable]) -> FileParagraphs {
    let entries: Vec<&Entry> = digest.entries().collect();
    let mut titles: Vec<String> = Vec::new();
    // The entry of the paragraph before (its paragraphs come one after the
    // other): its index in the digest, in `titles`, and its title's hash.
    let mut current: Option<(usize, usize, Option<u64>)> = None;
    let paragraphs = comparable
        .iter()
        .map(|p| {
            let (_, entry, title) = match current {
                Some(c) if c.0 == p.entry => c,
                _ => {
                    let entry = entries.get(p.entry).copied();
                    titles.push(quoted_title(digest, entry));
                    let title = entry.and_then(|e| hash_title(digest, e));
                    let c = (p.entry, titles.len() - 1, title);
                    current = Some(c);
                    c
                }
            };
            ParagraphKey {
                key: p.key,
                line: p.line,
                span: text_span(digest, p.line),
                language: language(digest, p.line),
                title,
                entry,
            }
        })
        .collect();
    FileParagraphs { paragraphs, titles }
}

impl SeenParagraphs {
    fn add_file(&mut self, path: &str, file: FileParagraphs) -> Vec<Diagnostic> {
        let index = self.paths.len();
        self.paths.push(path.to_string());
        let mut out = Vec::new();
        let mut here: HashSet<u64> = HashSet::default();
        // This file's entries already recorded: index in `file.titles` ->
        // index in `self.entries`.
        let mut kept: HashMap<usize, u32> = HashMap::default();
        for p in file.paragraphs {
            if !here.insert(p.key) {
                // Repeated inside the file: `check` reports it.
                continue;
            }
            match self.first.get(&p.key) {
                Some(first) => {
                    let other = first.file as usize;
                    let Some(earlier) = self.paths.get(other) else {
                        continue;
                    };
                    let Some(entry) = self.entries.get(first.entry as usize) else {
                        continue;
                    };
                    if other == index
                        || earlier == path
                        || (entry.title.is_some() && entry.title == p.title)
                    {
                        continue;
                    }
                    let title = self
                        .titles
                        .get(entry.shown.clone())
                        .unwrap_or("another entry");
                    out.push(
                        Diagnostic::new(
                            &META,
                            p.span,
                            format!(
                                "this {} paragraph repeats one of {title} in {earlier}, at line {}",
                                p.language,
                                first.line as usize + 1
                            ),
                        )
                        .help(
                            "write this entry's own commentary: the paragraph describes another paper",
                        ),
                    );
                }
                None => {
                    let entry = match kept.get(&p.entry) {
                        Some(&e) => e,
                        None => {
                            let e = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
                            let start = self.titles.len();
                            self.titles
                                .push_str(file.titles.get(p.entry).map_or("", String::as_str));
                            self.entries.push(EntryRecord {
                                title: p.title,
                                shown: start..self.titles.len(),
                            });
                            kept.insert(p.entry, e);
                            e
                        }
                    };
                    self.first.insert(
                        p.key,
                        First {
                            file: u32::try_from(index).unwrap_or(u32::MAX),
                            line: u32::try_from(p.line).unwrap_or(u32::MAX),
                            entry,
                        },
                    );
                }
            }
        }
        out
    }
}

impl CrossFile for SeenParagraphs {
    fn keys(&self, file: &ProjectFile<'_>, cx: &Context<'_>) -> Box<dyn std::any::Any + Send> {
        Box::new(file_paragraphs(file.digest, cx.comparable_paragraphs()))
    }

    fn add(
        &mut self,
        file: &AddedFile<'_>,
        keys: Box<dyn std::any::Any + Send>,
    ) -> Vec<Diagnostic> {
        match keys.downcast::<FileParagraphs>() {
            Ok(keys) => self.add_file(file.path, *keys),
            Err(_) => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::syntax::parser::parse;

    const FIRST: &str = "2025년 4월 25일\nToken Folding\n(Mina Park)\n토큰을 접어서 디코더를 빠르게 만드는 방법.\nA method that folds tokens to speed up decoders (https://example.org/a).\n#x\n";

    /// The findings across two files, `a.txt` then `b.txt`.
    fn across(a: &Digest<'_>, b: &Digest<'_>) -> Vec<(usize, Diagnostic)> {
        named([("a.txt", a), ("b.txt", b)])
    }

    /// The findings across two files, each under the path given.
    fn named(files: [(&str, &Digest<'_>); 2]) -> Vec<(usize, Diagnostic)> {
        let files = files.map(|(path, digest)| ProjectFile { path, digest });
        let mut out = Vec::new();
        CopiedCommentary.check_project(&files, &Config::default(), &mut out);
        out
    }

    #[test]
    fn a_copy_in_another_file_is_found() {
        let second = "2025년 4월 26일\nSparse Routers\n(Joon Lee)\n라우터를 희소하게 만든 방법.\na method that folds  tokens to speed up decoders.\n#x\n";
        let (a, b) = (parse(FIRST), parse(second));
        let out = across(&a, &b);
        assert_eq!(out.len(), 1);
        let (file, d) = &out[0];
        assert_eq!(*file, 1);
        assert_eq!(
            d.message,
            "this English paragraph repeats one of `Token Folding` in a.txt, at line 5"
        );
    }

    #[test]
    fn titles_hash_as_their_keys_compare() {
        let hash = |src: &str| {
            let d = parse(src);
            let e = d.entries().next().map(|e| hash_title(&d, e));
            e.flatten()
        };
        let a = hash("2025년 4월 25일\nToken Folding\n(Mina Park)\n#x\n");
        assert!(a.is_some());
        assert_eq!(
            a,
            hash("2025년 4월 25일\ntoken  FOLDING\n(Mina Park)\n#x\n")
        );
        assert_ne!(
            a,
            hash("2025년 4월 25일\nToken Foldings\n(Mina Park)\n#x\n")
        );
        assert_eq!(
            hash("2025년 4월 25일\nÉtude Ω\n(Mina Park)\n#x\n"),
            hash("2025년 4월 25일\nétude ω\n(Mina Park)\n#x\n")
        );
    }

    #[test]
    fn a_korean_copy_is_named_so_and_its_entry_title_is_its_own() {
        // The copied paragraph is Korean and sits in the second entry of
        // the first file, after a paragraph of the first entry long enough
        // to compare: the finding names the language and that entry.
        let first = "2025년 4월 25일\nToken Folding\n(Mina Park)\n토큰을 접는 방법.\nA way to fold tokens so that decoders read fewer of them.\n#x\n\nSparse Routers\n(Joon Lee)\n라우터를 희소하게 만들어 긴 문맥에서도 디코더를 빠르게 하는 방법을 제안한다.\nA way to thin routers.\n#x\n";
        let second = "2025년 4월 26일\nDense Experts\n(Bo Kim)\n라우터를 희소하게 만들어 긴 문맥에서도 디코더를 빠르게 하는 방법을 제안한다.\nExperts kept dense.\n#x\n";
        let out = across(&parse(first), &parse(second));
        let messages: Vec<&str> = out.iter().map(|(_, d)| d.message.as_str()).collect();
        assert_eq!(
            messages,
            ["this Korean paragraph repeats one of `Sparse Routers` in a.txt, at line 10"]
        );
    }

    #[test]
    fn titles_that_differ_in_their_first_letter_are_two_papers() {
        // `Alpha` and `Elpha`: the title hash must mix each character in
        // (an `|` in place of `^` would make them one paper). The English
        // paragraph is the copy; the Korean one is too short to compare.
        let first = FIRST.replace("Token Folding", "Alpha Folding");
        let second = FIRST.replace("Token Folding", "Elpha Folding");
        assert_eq!(across(&parse(&first), &parse(&second)).len(), 1);
    }

    #[test]
    fn a_file_named_twice_does_not_copy_itself() {
        // The run reads each path once; were one given twice, its
        // paragraphs would not be copies of its own.
        let bent = FIRST.replace("Token Folding", "Token Bending");
        let (a, b) = (parse(FIRST), parse(&bent));
        assert!(named([("a.txt", &a), ("a.txt", &b)]).is_empty());
        // Under two names, the same text is a copy.
        assert_eq!(across(&a, &b).len(), 1);
    }

    #[test]
    fn the_same_paper_in_two_files_is_not_a_copy() {
        let (a, b) = (parse(FIRST), parse(FIRST));
        let out = across(&a, &b);
        assert!(out.is_empty());
    }
}
