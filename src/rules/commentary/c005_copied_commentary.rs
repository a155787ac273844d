use std::collections::HashMap;

use super::keyed_paragraphs;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, ProjectFile, Rule, RuleMeta};
use crate::syntax::{Digest, LineKind, Span};

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
    digest
        .entries()
        .find(|e| e.lines.contains(&line))
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

    fn check_project(
        &self,
        files: &[ProjectFile<'_>],
        _config: &Config,
        out: &mut Vec<(usize, Diagnostic)>,
    ) {
        // Key -> (file, line, title key) of the paragraph's first appearance.
        let mut seen: HashMap<u64, (usize, usize, String)> = HashMap::new();
        for (index, file) in files.iter().enumerate() {
            let digest = file.digest;
            let mut here: HashMap<u64, ()> = HashMap::new();
            let paragraphs = keyed_paragraphs(digest);
            for p in &paragraphs {
                if here.insert(p.key, ()).is_some() {
                    // Repeated inside the file: `check` reports it.
                    continue;
                }
                match seen.get(&p.key) {
                    Some((other, other_line, title)) => {
                        let Some(earlier) = files.get(*other) else {
                            continue;
                        };
                        if *other == index
                            || earlier.path == file.path
                            || (!title.is_empty() && *title == p.title)
                        {
                            continue;
                        }
                        let d = Diagnostic::new(
                            &META,
                            text_span(digest, p.line),
                            format!(
                                "this {} paragraph repeats one of {} in {}, at line {}",
                                language(digest, p.line),
                                entry_title(earlier.digest, *other_line),
                                earlier.path,
                                other_line + 1
                            ),
                        )
                        .help(
                            "write this entry's own commentary: the paragraph describes another paper",
                        );
                        out.push((index, d));
                    }
                    None => {
                        seen.insert(p.key, (index, p.line, p.title.clone()));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parser::parse;

    const FIRST: &str = "2025년 4월 25일\nToken Folding\n(Mina Park)\n토큰을 접어서 디코더를 빠르게 만드는 방법.\nA method that folds tokens to speed up decoders (https://example.org/a).\n#x\n";

    #[test]
    fn a_copy_in_another_file_is_found() {
        let second = "2025년 4월 26일\nSparse Routers\n(Joon Lee)\n라우터를 희소하게 만든 방법.\na method that folds  tokens to speed up decoders.\n#x\n";
        let (a, b) = (parse(FIRST), parse(second));
        let files = [
            ProjectFile {
                path: "a.txt",
                digest: &a,
            },
            ProjectFile {
                path: "b.txt",
                digest: &b,
            },
        ];
        let mut out = Vec::new();
        CopiedCommentary.check_project(&files, &Config::default(), &mut out);
        assert_eq!(out.len(), 1);
        let (file, d) = &out[0];
        assert_eq!(*file, 1);
        assert_eq!(
            d.message,
            "this English paragraph repeats one of `Token Folding` in a.txt, at line 5"
        );
    }

    #[test]
    fn the_same_paper_in_two_files_is_not_a_copy() {
        let (a, b) = (parse(FIRST), parse(FIRST));
        let files = [
            ProjectFile {
                path: "a.txt",
                digest: &a,
            },
            ProjectFile {
                path: "b.txt",
                digest: &b,
            },
        ];
        let mut out = Vec::new();
        CopiedCommentary.check_project(&files, &Config::default(), &mut out);
        assert!(out.is_empty());
    }
}
