//! Entry structure (`E`) rules.

use super::Rule;
use crate::syntax::parser::in_papers_voice;
use crate::syntax::text;
use crate::syntax::{Digest, Entry, LineKind, Span};

mod e001_missing_title;
mod e002_missing_authors;
mod e003_missing_korean;
mod e004_missing_english;
mod e005_missing_tags;
mod e006_unpaired_commentary;
mod e007_misordered_commentary;
mod e008_duplicate_entry;
mod e009_stray_text;
mod e010_misplaced_abstract;

pub static RULES: &[&dyn Rule] = &[
    &e001_missing_title::MissingTitle,
    &e002_missing_authors::MissingAuthors,
    &e003_missing_korean::MissingKorean,
    &e004_missing_english::MissingEnglish,
    &e005_missing_tags::MissingTags,
    &e006_unpaired_commentary::UnpairedCommentary,
    &e007_misordered_commentary::MisorderedCommentary,
    &e008_duplicate_entry::DuplicateEntry,
    &e009_stray_text::StrayText,
    &e010_misplaced_abstract::MisplacedAbstract,
];

/// How many characters of a line a message quotes.
const EXCERPT_CHARS: usize = 50;

/// A line's text for quoting in a message: trimmed, and cut after
/// [`EXCERPT_CHARS`] characters with `…`.
pub(crate) fn excerpt(s: &str) -> String {
    let t = text::trim(s);
    match t.char_indices().nth(EXCERPT_CHARS) {
        Some((at, _)) => format!("{}…", t[..at].trim_end()),
        None => t.to_string(),
    }
}

/// The span of a line's text without surrounding white space (an empty
/// span at the line's start for a blank line).
fn trimmed_span(digest: &Digest<'_>, line: usize) -> Span {
    let Some(l) = digest.lines.get(line) else {
        return Span::default();
    };
    let full = l.text.text(digest.src);
    let t = text::trim(full);
    if t.is_empty() {
        return Span::new(l.text.start, l.text.start);
    }
    let start = l.text.start + text::offset_in(full, t);
    Span::new(start, start + t.len())
}

/// The line that names an entry in messages: its title, else its authors
/// line, else its first line.
fn anchor_line(entry: &Entry) -> usize {
    entry
        .title
        .or_else(|| entry.authors.as_ref().map(|a| a.line))
        .unwrap_or(entry.lines.start)
}

/// How an entry is named in messages: its quoted title, or where it starts.
fn entry_name(digest: &Digest<'_>, entry: &Entry) -> String {
    match entry.title {
        Some(t) => format!("`{}`", excerpt(digest.line_text(t))),
        None => format!("at line {}", anchor_line(entry) + 1),
    }
}

/// The body lines of `entry` with role `kind` that are paragraphs: a line
/// that is only a link is not counted.
fn paragraphs<'a>(
    digest: &'a Digest<'a>,
    entry: &'a Entry,
    kind: LineKind,
) -> impl Iterator<Item = usize> + 'a {
    digest.body_lines(entry, kind).filter(|&l| {
        digest
            .lines
            .get(l)
            .is_some_and(|line| !line.is_link_only(digest.src))
    })
}

/// The span from the start of line `first`'s text to the end of line
/// `last`'s text.
fn lines_span(digest: &Digest<'_>, first: usize, last: usize) -> Span {
    match (digest.lines.get(first), digest.lines.get(last)) {
        (Some(a), Some(b)) => Span::new(a.text.start, b.text.end.max(a.text.start)),
        _ => Span::default(),
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Shortest line, in characters, taken for an abstract pasted after the
/// commentary.
const MIN_ABSTRACT_CHARS: usize = 200;
/// How many times as long as the entry's longest Korean paragraph such a
/// line is at least, unless it speaks as the paper does. (In the corpus an
/// English paragraph is at most 2.9 times its Korean.)
const ABSTRACT_RATIO: usize = 3;

/// The lines of an abstract pasted after the commentary (E010): an entry
/// with no abstract before its Korean whose English block, after the
/// Korean, has more paragraphs than the Korean block, the surplus being
/// the block's last lines and each long like an abstract (three times the
/// longest Korean paragraph, or in the paper's voice, and at least
/// [`MIN_ABSTRACT_CHARS`] long). Empty when there is none. E006 and the
/// pairing rules leave these lines out, so the entry gets one finding.
pub(crate) fn misplaced_abstract(digest: &Digest<'_>, entry: &Entry) -> Vec<usize> {
    if digest
        .body_lines(entry, LineKind::Abstract)
        .next()
        .is_some()
    {
        return Vec::new();
    }
    let korean: Vec<usize> = paragraphs(digest, entry, LineKind::Korean).collect();
    let english: Vec<usize> = paragraphs(digest, entry, LineKind::English).collect();
    let (Some(&last_korean), Some(&first_english)) = (korean.last(), english.first()) else {
        return Vec::new();
    };
    if english.len() <= korean.len() || first_english < last_korean {
        return Vec::new();
    }
    let longest_korean = korean
        .iter()
        .map(|&l| text::char_len(digest.line_text(l)))
        .max()
        .unwrap_or(0);
    let surplus = english.get(korean.len()..).unwrap_or(&[]);
    let abstract_like = |l: usize| {
        let t = digest.line_text(l);
        let n = text::char_len(t);
        n >= MIN_ABSTRACT_CHARS && (n >= ABSTRACT_RATIO * longest_korean || in_papers_voice(t))
    };
    if surplus.iter().all(|&l| abstract_like(l)) {
        surplus.to_vec()
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts() {
        assert_eq!(excerpt("  short  "), "short");
        let long = "a".repeat(80);
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS + 1);
        assert!(excerpt(&long).ends_with('…'));
        assert_eq!(excerpt("가".repeat(60).as_str()).chars().count(), 51);
    }

    #[test]
    fn a_trimmed_span_holds_the_text_without_its_spaces() {
        let src = "2025년 4월 25일\n  stray text  \n\t\n";
        let d = crate::syntax::parser::parse(src);
        let start = src.find("stray").unwrap_or_default();
        assert_eq!(
            trimmed_span(&d, 1),
            Span::new(start, start + "stray text".len())
        );
        // A blank line: an empty span at its start.
        let blank = src.find('\t').unwrap_or_default();
        assert_eq!(trimmed_span(&d, 2), Span::new(blank, blank));
        assert_eq!(trimmed_span(&d, 9), Span::default());
    }

    #[test]
    fn english_before_the_last_korean_paragraph_is_no_misplaced_abstract() {
        let long = "We propose a method that trains small language models with far fewer steps. We show that it matches larger baselines on every benchmark we tried, and that it needs a tenth of the memory they need, which we measure on four tasks and two sizes of model.";
        let entry = |body: &str| format!("2025년 4월 25일\nSome Title\n(Ann Lee)\n{body}#tag\n");
        // Korean, then English with a long surplus: a misplaced abstract.
        let after = entry(&format!("짧은 설명입니다.\nA short note.\n{long}\n"));
        // Paragraphs in pairs, Korean and English in turn, then the same
        // long English: the English block does not follow the Korean one,
        // so no abstract was pasted after it.
        let mixed = entry(&format!(
            "짧은 설명입니다.\nA short note.\n두 번째 설명입니다.\nA second note.\n{long}\n{long}\n"
        ));
        let found = |src: &str| {
            let d = crate::syntax::parser::parse(src);
            let kinds: Vec<_> = d.lines.iter().map(|l| l.kind).collect();
            let found: Vec<usize> = d
                .entries()
                .flat_map(|e| misplaced_abstract(&d, e))
                .collect();
            (found, kinds)
        };
        let (a, kinds) = found(&after);
        assert_eq!(a, [5], "{kinds:?}");
        // Three times the Korean's length is enough without the paper's
        // voice (`we propose`).
        let plain = "The method trains small language models with far fewer steps. It matches larger baselines on every benchmark tried, and it needs a tenth of the memory they need, as measured on four tasks and two sizes of model with one setting.";
        let (a, kinds) = found(&entry(&format!(
            "짧은 설명입니다.\nA short note.\n{plain}\n"
        )));
        assert_eq!(a, [5], "{kinds:?}");
        let (m, kinds) = found(&mixed);
        assert_eq!(m, Vec::<usize>::new(), "{kinds:?}");
        let (k, e) = (LineKind::Korean, LineKind::English);
        assert_eq!(kinds.get(3..9), Some(&[k, e, k, e, e, e][..]));
    }

    #[test]
    fn link_only_lines() {
        let src = "(https://arxiv.org/abs/2501.01956)\nsee https://x.org/a\n";
        let d = crate::syntax::parser::parse(src);
        assert!(d.lines[0].is_link_only(src));
        assert!(!d.lines[1].is_link_only(src));
    }
}
