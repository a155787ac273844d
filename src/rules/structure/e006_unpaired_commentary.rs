use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::LineKind;

use super::{excerpt, lines_span, misplaced_abstract, paragraphs, plural};

pub struct UnpairedCommentary;

static META: RuleMeta = RuleMeta {
    code: "E006",
    name: "unpaired-commentary",
    severity: Severity::Error,
    fix: FixAvailability::None,
    summary: "Korean and English commentary have different numbers of paragraphs.",
    doc: r#"
## What it does
Counts the paragraphs (lines) of an entry's Korean commentary and of its
English commentary, and reports the entry when the counts differ. A line
that holds only a link is not counted in either language: it is a
reference, not a paragraph. Entries with no Korean or no English at all
are left to `missing-korean` (`E003`) and `missing-english` (`E004`).

## Why is this bad?
One line is one paragraph, and English line *i* translates Korean line
*i*. A different count means a paragraph was left untranslated, two were
merged into one line, or a stray line (left-over markup, a note to self)
sits in the commentary.

## Example
```text
토큰을 접어서 디코더를 빠르게 만드는 방법.
큰 모델에서의 결과가 궁금하네요.
A method that folds tokens to speed up decoders.
#efficiency
```
The second Korean paragraph has no English counterpart:
`I'm curious about the results on larger models.` is missing.

## Fix
None: the missing translation has to be written (or the two lines that
say one thing joined by hand).
"#,
    default_enabled: true,
};

impl Rule for UnpairedCommentary {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        for entry in digest.entries() {
            // An abstract pasted after the commentary is E010's one finding.
            let pasted = misplaced_abstract(digest, entry);
            let (ko, ko_first, ko_last) = extent(paragraphs(digest, entry, LineKind::Korean));
            let (en, en_first, en_last) = extent(
                paragraphs(digest, entry, LineKind::English).filter(|l| !pasted.contains(l)),
            );
            if ko == en || ko == 0 || en == 0 {
                continue;
            }
            let first = ko_first.min(en_first);
            let last = ko_last.max(en_last);
            let korean = plural(ko, "Korean paragraph");
            let english = plural(en, "English paragraph");
            let markup = paragraphs(digest, entry, LineKind::Korean)
                .chain(paragraphs(digest, entry, LineKind::English).filter(|l| !pasted.contains(l)))
                .find(|&l| looks_like_markup(digest.line_text(l)));
            let help = match markup {
                Some(l) => format!(
                    "line {} `{}` looks like left-over markup, not a paragraph: delete the markup",
                    l + 1,
                    excerpt(digest.line_text(l))
                ),
                None => "each Korean line needs one English line that says the same thing, in the same order".to_string(),
            };
            out.push(
                Diagnostic::new(
                    &META,
                    lines_span(digest, first, last),
                    format!("{korean} but {english}"),
                )
                .label(lines_span(digest, ko_first, ko_last), korean)
                .label(lines_span(digest, en_first, en_last), english)
                .help(help),
            );
        }
    }
}

/// Whether a line starts with a markup tag such as `<english>` or
/// `</english>`: a marker left from another format, not prose.
fn looks_like_markup(line: &str) -> bool {
    let t = crate::syntax::text::trim(line);
    let Some(rest) = t.strip_prefix('<') else {
        return false;
    };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let name_len = rest
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(rest.len());
    name_len > 0 && rest.get(name_len..).is_some_and(|r| r.starts_with('>'))
}

/// How many lines, the first and the last.
fn extent(lines: impl Iterator<Item = usize>) -> (usize, usize, usize) {
    lines.fold((0, usize::MAX, 0), |(n, first, last), l| {
        (n + 1, first.min(l), last.max(l))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_lines() {
        assert!(looks_like_markup("<english>"));
        assert!(looks_like_markup("</english>(https://x.org/a)"));
        assert!(!looks_like_markup("<3 this paper"));
        assert!(!looks_like_markup("a <b> c"));
        assert!(!looks_like_markup("<>"));
    }

    fn codes(src: &str) -> Vec<&'static str> {
        let config = crate::rules::only(&["E003", "E004", "E006"]);
        crate::lint::check(src, None, &config)
            .iter()
            .map(|d| d.code)
            .collect()
    }

    #[test]
    fn a_language_with_no_paragraph_is_the_missing_rules_finding() {
        // No Korean at all, two English paragraphs: E003 only.
        let src = "2025년 4월 25일\nT\n(Ann Lee)\nOne.\n\nTwo.\n#x\n";
        assert_eq!(codes(src), ["E003"]);
        // No English at all, two Korean paragraphs: E004 only.
        let src = "2025년 4월 25일\nT\n(Ann Lee)\n한 줄.\n\n두 줄.\n#x\n";
        assert_eq!(codes(src), ["E004"]);
        // Two Korean paragraphs and one English: E006.
        let src = "2025년 4월 25일\nT\n(Ann Lee)\n한 줄.\n\n두 줄.\nOne.\n#x\n";
        assert_eq!(codes(src), ["E006"]);
    }
}
