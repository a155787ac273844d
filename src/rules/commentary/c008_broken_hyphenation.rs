use super::IndexAfterSearches;
use crate::diagnostic::{Diagnostic, Edit, Fix, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::text::{ascii_letter_runs, find_ascii_ci};
use crate::syntax::{Line, LineKind, Span};

pub struct BrokenHyphenation;

static META: RuleMeta = RuleMeta {
    code: "C008",
    name: "broken-hyphenation",
    severity: Severity::Warning,
    fix: FixAvailability::Unsafe,
    default_enabled: true,
    summary: "A PDF line-break hyphen inside a word (`transfor- mer`), not a suspended hyphen (`pre- and post-training`).",
    doc: r#"
## What it does
Finds a word broken by a hyphen and a space, the way text copied from a
PDF keeps the hyphen of a line break: `transfor- mer`, `demon- strates`,
`pre- dict`. It looks at titles, abstracts and commentary, and skips links.

A suspended hyphen is not a break: when the word after the space is `and`,
`or`, `nor`, `to`, `vs` or another joining word (`pre- and post-training`,
`open- or closed-source`, `3- to 5-fold`), the line is left alone. So is a
hyphen after a space or a digit (`a - b`, `GPT-4- based`).

## Why is this bad?
The broken word is a misspelling for every reader and every search:
`transfor- mer` does not find `transformer`.

## Example
```text
The model demon- strates strong results with a transfor- mer decoder.
```
should be
```text
The model demonstrates strong results with a transformer decoder.
```

## Fix
Unsafe: the two halves are joined. When the file writes the word elsewhere
with its hyphen (`pre-training`), or the second half starts with a capital
(`Vision- Language`), or the first half is a prefix that keeps its hyphen
(`self-`, `non-`, `cross-`, `semi-`, ...), the hyphen is
kept and only the space is removed; otherwise the hyphen goes too
(`transformer`). The message says which; check it, since only the
author knows whether `pre- training` was `pretraining` or `pre-training`.
"#,
};

/// Words after which a hyphen and a space are a suspended hyphen
/// (`pre- and post-training`), not a break.
const JOINING_WORDS: &[&str] = &[
    "and", "or", "nor", "to", "vs", "versus", "as", "but", "than", "through", "via", "and/or",
    "then", "till", "until", "into", "from",
];

/// First halves that keep their hyphen when joined (`self-supervised`).
const HYPHEN_PREFIXES: &[&str] = &[
    "self", "non", "cross", "semi", "zero", "few", "state", "well",
];

/// One broken word in a line, as byte offsets into the line.
#[derive(Debug, PartialEq, Eq)]
struct Break {
    /// The first half's start.
    start: usize,
    /// The hyphen.
    hyphen: usize,
    /// The second half's start (after the spaces).
    second: usize,
    /// The second half's end.
    end: usize,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphabetic()
}

/// The breaks in `text`; `in_link` says whether a byte offset is in a link.
fn breaks(text: &str, in_link: impl Fn(usize) -> bool) -> Vec<Break> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = b
        .get(i..)
        .and_then(|rest| rest.iter().position(|&c| c == b'-'))
    {
        let hyphen = i + p;
        i = hyphen + 1;
        // `word- word`: letters right before the hyphen, a space after.
        let mut start = hyphen;
        while start > 0 && b.get(start - 1).copied().is_some_and(is_word_byte) {
            start -= 1;
        }
        if start == hyphen || b.get(hyphen + 1) != Some(&b' ') {
            continue;
        }
        // The first half starts a word: not after a digit, a hyphen
        // (`GPT-4- based`, `long-context- aware`) or a non-ASCII letter.
        if let Some(&before) = start.checked_sub(1).and_then(|s| b.get(s))
            && (before.is_ascii_digit() || before == b'-' || before == b'_' || before >= 0x80)
        {
            continue;
        }
        let mut second = hyphen + 1;
        while b.get(second) == Some(&b' ') {
            second += 1;
        }
        let mut end = second;
        while b.get(end).copied().is_some_and(is_word_byte) {
            end += 1;
        }
        if end == second {
            continue;
        }
        // The second half ends the word: not a prefix of a longer token
        // (`de- 2025`, `pre- 학습`).
        if let Some(&after) = b.get(end)
            && (after.is_ascii_digit() || after >= 0x80)
        {
            continue;
        }
        let word = text.get(second..end).unwrap_or("");
        if JOINING_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            continue;
        }
        if in_link(start) || in_link(end.saturating_sub(1)) {
            continue;
        }
        out.push(Break {
            start,
            hyphen,
            second,
            end,
        });
        i = end;
    }
    out
}

/// Whether the joined word keeps its hyphen, and why.
fn keeps_hyphen(written: &mut Written<'_>, first: &str, second: &str) -> (bool, &'static str) {
    if written.hyphenated(first, second) {
        return (true, "the file writes it so elsewhere");
    }
    if written.word(&format!("{first}{second}")) {
        return (false, "the file writes it so elsewhere");
    }
    if second.starts_with(|c: char| c.is_ascii_uppercase()) {
        return (true, "the second half starts with a capital");
    }
    let lower = first.to_ascii_lowercase();
    if HYPHEN_PREFIXES.contains(&lower.as_str()) {
        return (true, "the first half is a prefix that keeps its hyphen");
    }
    (false, "a line-break hyphen splits one word")
}

/// What [`keeps_hyphen`] asks of the whole file: whether it writes a word,
/// or two words joined by a hyphen, as whole words (ASCII case ignored).
/// The first questions are answered by searching the file, later ones
/// from its words read once into sets (see [`IndexAfterSearches`]).
struct Written<'s> {
    src: &'s str,
    index: IndexAfterSearches<WordIndex>,
}

/// The file's words (runs of ASCII letters), and its pairs of words
/// joined by one hyphen, in lower case.
#[derive(Default)]
struct WordIndex {
    words: rustc_hash::FxHashSet<String>,
    pairs: rustc_hash::FxHashSet<(String, String)>,
}

impl<'s> Written<'s> {
    fn new(src: &'s str) -> Self {
        Written {
            src,
            index: IndexAfterSearches::new(),
        }
    }

    /// Whether the file writes `word` (letters) as a whole word.
    fn word(&mut self, word: &str) -> bool {
        let src = self.src;
        match self.index.get(|| WordIndex::of(src)) {
            Some(index) => index.words.contains(&word.to_ascii_lowercase()),
            None => self.search(word),
        }
    }

    /// Whether the file writes `first-second` (each letters) as one word.
    fn hyphenated(&mut self, first: &str, second: &str) -> bool {
        let src = self.src;
        match self.index.get(|| WordIndex::of(src)) {
            Some(index) => index
                .pairs
                .contains(&(first.to_ascii_lowercase(), second.to_ascii_lowercase())),
            None => self.search(&format!("{first}-{second}")),
        }
    }

    /// Whether `w` stands in the file between bytes that are not ASCII
    /// letters.
    fn search(&self, w: &str) -> bool {
        let needle = w.as_bytes();
        let hay = self.src.as_bytes();
        let mut from = 0;
        while let Some(at) = find_ascii_ci(hay, needle, from) {
            let before_ok = at == 0 || hay.get(at - 1).is_none_or(|c| !c.is_ascii_alphabetic());
            let after_ok = hay
                .get(at + needle.len())
                .is_none_or(|c| !c.is_ascii_alphabetic());
            if before_ok && after_ok {
                return true;
            }
            from = at + 1;
        }
        false
    }
}

impl WordIndex {
    /// A word bounded by bytes that are not letters is a whole run of
    /// letters, and `a-b` so bounded is a run, a hyphen, and a run: the
    /// runs and the hyphen-joined pairs of runs answer every search.
    fn of(src: &str) -> Self {
        let b = src.as_bytes();
        let mut index = WordIndex::default();
        let mut before: Option<std::ops::Range<usize>> = None;
        for run in ascii_letter_runs(src) {
            let word = src.get(run.clone()).unwrap_or("").to_ascii_lowercase();
            if let Some(first) = before
                && first.end + 1 == run.start
                && b.get(first.end) == Some(&b'-')
            {
                let first = src.get(first).unwrap_or("").to_ascii_lowercase();
                index.pairs.insert((first, word.clone()));
            }
            index.words.insert(word);
            before = Some(run);
        }
        index
    }
}

/// Where `src` holds a hyphen followed by a space, in order: the only
/// places a break can be. Most lines have none, so the file is searched
/// once (`memmem`) rather than each line for its hyphens.
fn break_marks(src: &str) -> impl Iterator<Item = usize> + '_ {
    static MARK: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    MARK.get_or_init(|| memchr::memmem::Finder::new(b"- "))
        .find_iter(src.as_bytes())
}

fn check_line(src: &str, line: &Line, written: &mut Written<'_>, out: &mut Vec<Diagnostic>) {
    let text = line.text.text(src);
    let base = line.text.start;
    let in_link = |i: usize| crate::syntax::links::in_links(&line.links, base + i);
    for br in breaks(text, in_link) {
        let first = text.get(br.start..br.hyphen).unwrap_or("");
        let second = text.get(br.second..br.end).unwrap_or("");
        let shown = text.get(br.start..br.end).unwrap_or("");
        let (keep, why) = keeps_hyphen(written, first, second);
        let (word, edit) = if keep {
            (
                format!("{first}-{second}"),
                Edit::delete(Span::new(base + br.hyphen + 1, base + br.second)),
            )
        } else {
            (
                format!("{first}{second}"),
                Edit::delete(Span::new(base + br.hyphen, base + br.second)),
            )
        };
        out.push(
            Diagnostic::new(
                &META,
                Span::new(base + br.start, base + br.end),
                format!("`{shown}` looks like a word broken at a line end"),
            )
            .help(format!(
                "a hyphen and a space inside a word are left from a PDF line break; write `{word}` ({why})"
            ))
            .fix(Fix::unsafe_(format!("Join as `{word}`"), vec![edit])),
        );
    }
}

impl Rule for BrokenHyphenation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let lines = &cx.digest.lines;
        let mut written = Written::new(cx.src);
        let mut next = 0;
        for hit in break_marks(cx.src) {
            // The line that holds the hyphen and its space (lines are in
            // file order, and so are the hits): read once, however many
            // hits it holds.
            let Some(k) = lines
                .get(next..)
                .and_then(|rest| rest.iter().position(|l| hit + 1 < l.text.end))
            else {
                break;
            };
            let at = next + k;
            let Some(line) = lines.get(at) else { break };
            if line.text.start > hit {
                // A later hit in a line already read: the search went on
                // to the next line, which is not read yet.
                next = at;
                continue;
            }
            next = at + 1;
            if matches!(
                line.kind,
                LineKind::Title | LineKind::Abstract | LineKind::Korean | LineKind::English
            ) {
                check_line(cx.src, line, &mut written, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`keeps_hyphen`] on the file `src`, asked both ways: by searching
    /// the file, and from its index (the searches spent first). Both must
    /// answer alike.
    fn keeps(src: &str, first: &str, second: &str) -> bool {
        let searched = keeps_hyphen(&mut Written::new(src), first, second);
        let mut indexed = Written::new(src);
        indexed.index.searches = IndexAfterSearches::<WordIndex>::SEARCHES;
        assert_eq!(
            keeps_hyphen(&mut indexed, first, second),
            searched,
            "{src:?}: {first}- {second}"
        );
        assert!(indexed.index.built.is_some());
        searched.0
    }

    #[test]
    fn the_index_is_read_after_the_searches_allowed() {
        let mut written = Written::new("a pre-trained model");
        for _ in 0..IndexAfterSearches::<WordIndex>::SEARCHES {
            assert!(written.hyphenated("pre", "trained"));
            assert!(written.index.built.is_none());
        }
        assert!(written.hyphenated("PRE", "Trained"));
        assert!(written.index.built.is_some());
        assert!(written.word("model") && !written.word("mode"));
    }

    proptest::proptest! {
        #[test]
        fn the_index_answers_as_the_search_does(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "pre", "PRE", "train", "trained", "-", " ", "--", "가", "1", "a", "é", ".",
                ]),
                0..24,
            ),
            ask in proptest::collection::vec(
                proptest::sample::select(vec!["pre", "Pre", "train", "trained", "a", "pretrain"]),
                2,
            ),
        ) {
            let src: String = pieces.concat();
            let searched = Written::new(&src);
            let index = WordIndex::of(&src);
            let (first, second) = (ask[0], ask[1]);
            let lower = |w: &str| w.to_ascii_lowercase();
            proptest::prop_assert_eq!(
                index.words.contains(&lower(first)),
                searched.search(first),
                "{:?} {}", src, first
            );
            proptest::prop_assert_eq!(
                index.pairs.contains(&(lower(first), lower(second))),
                searched.search(&format!("{first}-{second}")),
                "{:?} {}-{}", src, first, second
            );
        }
    }

    fn found(text: &str) -> Vec<&str> {
        let links = crate::syntax::links::find_links(text, 0);
        breaks(text, |i| crate::syntax::links::in_links(&links, i))
            .into_iter()
            .map(|b| text.get(b.start..b.end).unwrap_or(""))
            .collect()
    }

    #[test]
    fn line_breaks_are_found() {
        assert_eq!(
            found("a transfor- mer that demon- strates, and pre- dict."),
            ["transfor- mer", "demon- strates", "pre- dict"]
        );
        assert_eq!(found("large Vision- Language Models"), ["Vision- Language"]);
    }

    #[test]
    fn suspended_hyphens_are_not() {
        for t in [
            "pre- and post-training",
            "open- or closed-source models",
            "3- to 5-fold",
            "a - b",
            "GPT-4- based",
            "snake_case- based",
            "trans- former2",
            "pre- train학습",
            "long-context- aware",
            "pre- 학습",
            "small- and large-scale",
            "model- vs data-parallel",
            "ends with a hyphen-",
            "x- 2025",
            "see https://example.org/a- b",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
    }

    /// The findings of the rule over a whole digest, as `(line, text)`.
    fn in_digest(src: &str) -> Vec<(usize, String)> {
        let digest = crate::syntax::parse(src);
        let config = crate::config::Config::default();
        let cx = Context::new(&digest, None, &config);
        let mut out = Vec::new();
        BrokenHyphenation.check(&cx, &mut out);
        out.iter()
            .map(|d| {
                let line = src
                    .get(..d.span.start)
                    .map_or(0, |s| s.matches('\n').count() + 1);
                (line, d.span.text(src).to_string())
            })
            .collect()
    }

    #[test]
    fn the_file_is_searched_once_for_every_line() {
        // Three breaks in one line, one in the title, none read in the
        // authors line or the header, a suspended hyphen between two
        // breaks, one in a link, and a break on the last line with no line
        // end after it.
        let src = "2025년 4월 25일 -  \n\
                   Sparse Trans- formers\n\
                   (Ann Lee- Park, Bo Kim)\n\
                   We re- port a sparse trans- former, pre- and post-trained, that demon- strates reuse.\n\
                   희소한 트랜스포머.\n\
                   See https://example.org/trans- former for a com- parison.\n\
                   A sparse model that gen- eralises.";
        assert_eq!(
            in_digest(src),
            [
                (2, "Trans- formers".to_string()),
                (4, "re- port".to_string()),
                (4, "trans- former".to_string()),
                (4, "demon- strates".to_string()),
                (6, "com- parison".to_string()),
                (7, "gen- eralises".to_string()),
            ]
        );
        // A mark at the very first byte.
        assert!(in_digest("- 2025년 4월 25일\n").is_empty());
    }

    #[test]
    fn the_fix_follows_the_file() {
        assert!(keeps("pre-training", "pre", "training"));
        assert!(!keeps("Pretraining.", "pre", "training"));
        assert!(!keeps("", "transfor", "mer"));
        assert!(keeps("", "self", "supervised"));
        assert!(keeps("", "Vision", "Language"));
        assert!(!keeps("a pre-trained model", "pre", "dict"));
        // Only whole words count: `transfor-mers` does not write
        // `transfor-mer`.
        assert!(!keeps("two transfor-mers", "transfor", "mer"));
    }
}
