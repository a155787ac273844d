use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::{Digest, LineKind};

use super::{entry_name, misplaced_abstract, plural, trimmed_span};

pub struct MisplacedAbstract;

static META: RuleMeta = RuleMeta {
    code: "E010",
    name: "misplaced-abstract",
    severity: Severity::Error,
    fix: FixAvailability::Unsafe,
    default_enabled: true,
    summary: "An abstract pasted after the commentary instead of before it.",
    doc: r#"
## What it does
Finds an abstract that was pasted after the English commentary instead of
between the authors line and the Korean commentary. The entry has no
abstract before its Korean, and its English block ends with more
paragraphs than the Korean block has, each of them long like an abstract:
at least 200 characters, and three times as long as the longest Korean
paragraph or written in the paper's voice (`We propose ...`).

Such an entry is reported once, here: `unpaired-commentary` (`E006`) does
not count the abstract as an English paragraph, and `unpaired-link`
(`C001`), `unpaired-number` (`C002`) and `misspelling` (`C007`) do not
compare it with the Korean.

## Why is this bad?
The abstract is the paper's text, not the author's: after the commentary
it reads as an untranslated English paragraph, and the entry no longer
has the shape title, authors, abstract, Korean, English, tags.

## Example
```text
Token Folding for Faster Decoders
(Mina Park)
토큰을 접어서 디코더를 빠르게 만드는 방법.
A method that folds tokens to speed up decoders.
We propose token folding, a simple way to ... (the paper's abstract)
#efficiency
```
The last English line is the abstract; it belongs right after the authors
line.

## Fix
Unsafe: the abstract's lines are moved, in their order, to just before the
first Korean line. Check that the lines moved are the abstract and not a
long paragraph of your own.
"#,
};

fn fix(digest: &Digest<'_>, lines: &[usize], before: usize) -> Option<Fix> {
    let src = digest.src;
    let target = digest.lines.get(before)?;
    let mut moved = String::new();
    let mut edits = Vec::new();
    for &l in lines {
        let line = digest.lines.get(l)?;
        let terminator = line.terminator().text(src);
        // The file's last line has no terminator: it cannot be moved up
        // without joining it to the line after its new place.
        if terminator.is_empty() {
            return None;
        }
        moved.push_str(line.full().text(src));
        edits.push(Edit::delete(line.full()));
    }
    edits.push(Edit::insert(target.start, moved));
    Some(Fix::unsafe_(
        "Move the abstract before the Korean commentary",
        edits,
    ))
}

impl Rule for MisplacedAbstract {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        for entry in digest.entries() {
            let lines = misplaced_abstract(digest, entry);
            let (Some(&first), Some(&last)) = (lines.first(), lines.last()) else {
                continue;
            };
            let Some(first_korean) = digest.body_lines(entry, LineKind::Korean).next() else {
                continue;
            };
            let span = trimmed_span(digest, first).cover(trimmed_span(digest, last));
            let mut d = Diagnostic::new(
                &META,
                span,
                format!(
                    "entry {}: {} of abstract after the commentary",
                    entry_name(digest, entry),
                    plural(lines.len(), "line")
                ),
            )
            .label(
                trimmed_span(digest, first_korean),
                "the abstract belongs before the Korean commentary",
            )
            .help("move the paper's abstract between the authors line and the Korean commentary");
            if let Some(f) = fix(digest, &lines, first_korean) {
                d = d.fix(f);
            }
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::syntax::parser::parse;

    #[test]
    fn a_long_english_translation_is_not_an_abstract() {
        let long = "A long English paragraph. ".repeat(12);
        let src = format!(
            "2025년 5월 1일\nT\n(A B)\n{}\n{}\n{}\n#x\n",
            "한국어 문단입니다. ".repeat(12),
            long,
            long
        );
        let d = parse(&src);
        let entry = d.entries().next().cloned();
        assert!(entry.is_some_and(|e| super::misplaced_abstract(&d, &e).is_empty()));
    }
}
