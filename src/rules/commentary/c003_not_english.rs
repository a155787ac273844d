use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Context, FixAvailability, Rule, RuleMeta};
use crate::syntax::{Line, LineKind, text};
use std::borrow::Cow;
use whatlang::{Lang, Script};

pub struct NotEnglish;

static META: RuleMeta = RuleMeta {
    code: "C003",
    name: "not-english",
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "An English-position paragraph that language detection reliably places in another \
              language.",
    doc: r#"
## What it does
Runs language detection on each English commentary paragraph and reports one
that reads, with a reliable margin, as another language: Japanese or Chinese
left untranslated, or a paragraph in German, French, Spanish, Italian,
Portuguese, Dutch, Polish, Czech, Turkish, Vietnamese or any language
written in a non-Latin script. (A paragraph with Hangul is Korean to the
parser, so Korean in the English place is an E006 or E007 matter.)

To stay quiet on real English, which is full of model names and jargon:
links are left out; a paragraph with at least two common English words
(`the`, `and`, `with`, ...) is taken as English without detection; Latin
text shorter than 24 letters is not judged; Latin text written in ASCII
alone is judged only when it holds at least two small words of the
reported languages (`der`, `und`, `les`, `que`, `het`, ...), since a
sentence in any of them has such words; and Latin-script languages that
detection confuses with technical English (Danish, Latin, Catalan, ...) are
never reported.

## Why is this bad?
The English commentary is there for readers without Korean. A paragraph in
a third language helps neither reader and usually means a translation step
was skipped or text was pasted from elsewhere.

## Example
```text
トークン列を短くして生成を速くする手法です。
```
in the English position is reported as Japanese.

## Fix
None: the paragraph has to be translated.
"#,
    default_enabled: true,
};

/// Latin-script text shorter than this (in letters) is not judged: below
/// it, detection cannot tell English jargon from other languages.
const MIN_LATIN_LETTERS: usize = 24;
/// Text in another script is judged from this many letters on: the script
/// alone already rules English out.
const MIN_OTHER_LETTERS: usize = 4;
/// A paragraph with this many common English words is English.
const ENGLISH_WORDS_ENOUGH: usize = 2;

/// Common English words that are not words of the reported Latin-script
/// languages: function words, and the words of a paper's commentary
/// (`method`, `models`, `results`) whose spelling is English only (not
/// `model`, Dutch and Polish too, nor `training`, German too). At most
/// eight letters, as the test below reads.
const ENGLISH_WORDS: &[&str] = &[
    "the", "and", "with", "that", "this", "which", "from", "are", "was", "were", "using", "its",
    "their", "they", "of", "by", "we", "it", "has", "have", "be", "can", "not", "when", "how",
    "what", "for", "than", "into", "these", "both", "between", "each", "only", "our", "show",
    "shows", "small", "language", "method", "methods", "models", "results", "trained",
];

/// A paragraph of ASCII letters with fewer than this many of
/// `FOREIGN_WORDS` is not in a reported language.
const FOREIGN_WORDS_NEEDED: usize = 2;

/// Small words of the reported Latin-script languages, as written in ASCII
/// (a word with a diacritic needs no list: any letter outside ASCII sends
/// the paragraph to detection). Left out: English words (`do`, `to`, `in`,
/// `die`, `per`, `non`) and the abbreviations of machine learning text
/// (`em`, `ce`, `op`, `os`, `en`, `al` of `et al.`). A word here only sends
/// a paragraph on to detection, which decides, so a stray match costs time,
/// never a finding.
#[rustfmt::skip]
const FOREIGN_WORDS: &[&str] = &[
    // German
    "der", "das", "und", "ist", "nicht", "ein", "eine", "einen", "einem", "dem", "den", "des",
    "mit", "auf", "sich", "auch", "wird", "werden", "von", "bei", "wie", "oder", "sind", "dass",
    "zu", "im", "zur", "zum", "nur", "noch", "aus", "wir", "durch", "diese", "dieser",
    // French
    "le", "la", "les", "du", "une", "et", "est", "dans", "pour", "sur", "pas", "qui", "que",
    "avec", "cette", "sont", "au", "aux", "ces", "leur", "nous", "il", "elle",
    // Spanish and Portuguese
    "el", "los", "las", "del", "una", "es", "por", "para", "con", "su", "se", "como", "este",
    "esta", "sus", "pero", "muy", "da", "dos", "um", "uma", "mais", "seu", "sua", "ao", "nos",
    "nao",
    // Italian
    "di", "che", "della", "delle", "dei", "gli", "nel", "alla", "sono", "anche", "questo",
    "questa", "si",
    // Dutch
    "de", "het", "een", "van", "niet", "te", "dat", "voor", "zijn", "wordt", "ook", "naar", "om",
    "aan", "worden", "deze", "heeft", "dit", "dan", "maar", "bij", "geen", "meer",
    // Polish and Czech
    "nie", "jest", "na", "sie", "ze", "przez", "dla", "jak", "je", "ve", "pro", "jsou", "jako",
    "nebo",
    // Turkish
    "bir", "ve", "bu", "icin", "ile", "olarak", "daha", "gibi", "olan",
];

/// Latin-script languages worth reporting: ones a digest could plausibly
/// hold, and which detection does not confuse with technical English.
const LATIN_REPORTED: &[Lang] = &[
    Lang::Deu,
    Lang::Fra,
    Lang::Spa,
    Lang::Ita,
    Lang::Por,
    Lang::Nld,
    Lang::Pol,
    Lang::Ces,
    Lang::Tur,
    Lang::Vie,
];

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{C0}'..='\u{24F}').contains(&c) && c.is_alphabetic())
}

/// The line's text without its links.
fn text_without_links<'s>(line: &Line, src: &'s str) -> Cow<'s, str> {
    let text = line.text.text(src);
    if line.links.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = line.text.start;
    for link in &line.links {
        out.push_str(src.get(at..link.span.start).unwrap_or(""));
        out.push(' ');
        at = link.span.end;
    }
    out.push_str(src.get(at..line.text.end).unwrap_or(""));
    Cow::Owned(out)
}

/// Which list a word of two to eight ASCII letters is in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Word {
    English,
    Foreign,
}

/// A word of at most eight ASCII letters, lowercased, as one number.
fn word_key(word: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    for (b, w) in bytes.iter_mut().zip(word) {
        *b = w.to_ascii_lowercase();
    }
    u64::from_le_bytes(bytes)
}

/// Slots of [`word_table`]: a power of two, several times the number of
/// words, so that a look-up nearly always ends at its first slot.
const WORD_SLOTS: usize = 1024;

/// The slot where a search for `key` starts.
fn word_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - WORD_SLOTS.trailing_zeros())) as usize
}

/// Both word lists as keys in a table of [`WORD_SLOTS`] slots (open
/// addressing; key 0, which no word of two letters or more has, marks an
/// empty slot), built once. A look-up reads one slot or a few, where a
/// binary search of the 150 words took eight guesses that the processor
/// could not make, a word of every English paragraph.
fn word_table() -> &'static [(u64, Option<Word>)] {
    static TABLE: std::sync::OnceLock<Vec<(u64, Option<Word>)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![(0u64, None); WORD_SLOTS];
        let english = ENGLISH_WORDS.iter().map(|w| (w, Word::English));
        let foreign = FOREIGN_WORDS.iter().map(|w| (w, Word::Foreign));
        for (w, class) in english.chain(foreign) {
            let key = word_key(w.as_bytes());
            let mut slot = word_slot(key);
            // A word in both lists counts as English: the first wins.
            while let Some(&(k, _)) = table.get(slot)
                && k != 0
                && k != key
            {
                slot = (slot + 1) % WORD_SLOTS;
            }
            if let Some(entry) = table.get_mut(slot)
                && entry.0 == 0
            {
                *entry = (key, Some(class));
            }
        }
        table
    })
}

/// The list `word` is in, if any (two to eight ASCII letters).
fn word_class(word: &[u8]) -> Option<Word> {
    if !(2..=8).contains(&word.len()) {
        return None;
    }
    let table = word_table();
    let key = word_key(word);
    let mut slot = word_slot(key);
    for _ in 0..WORD_SLOTS {
        let &(k, class) = table.get(slot)?;
        if k == key {
            return class;
        }
        if k == 0 {
            return None;
        }
        slot = (slot + 1) % WORD_SLOTS;
    }
    None
}

/// Whether `text` is worth asking the detector about. One pass over the
/// bytes: ASCII letters are counted and gathered into words as they come,
/// and only a byte outside ASCII is decoded.
fn needs_detection(text: &str) -> bool {
    let (mut latin, mut other, mut accented) = (0usize, 0usize, false);
    let (mut english, mut foreign) = (0usize, 0usize);
    let bytes = text.as_bytes();
    // Where the current run of ASCII letters started, if one is open.
    let mut word: Option<usize> = None;
    let mut at = 0;
    loop {
        // The end of the text ends a word, like any byte not a letter.
        let b = bytes.get(at).copied();
        if b.is_some_and(|b| b.is_ascii_alphabetic()) {
            latin += 1;
            word.get_or_insert(at);
            at += 1;
            continue;
        }
        if let Some(start) = word.take() {
            match bytes.get(start..at).and_then(word_class) {
                Some(Word::English) => {
                    english += 1;
                    // English so far, and no other script: if the rest is
                    // ASCII too, nothing can change the answer.
                    if english >= ENGLISH_WORDS_ENOUGH
                        && other == 0
                        && bytes.get(at..).and_then(text::find_non_ascii).is_none()
                    {
                        return false;
                    }
                }
                Some(Word::Foreign) => foreign += 1,
                None => {}
            }
        }
        let Some(b) = b else { break };
        if b.is_ascii() {
            at += 1;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if is_latin_letter(c) {
            latin += 1;
            accented = true;
        } else if c.is_alphabetic() {
            other += 1;
        }
        at += c.len_utf8();
    }
    if other >= latin {
        return other >= MIN_OTHER_LETTERS;
    }
    if latin < MIN_LATIN_LETTERS || english >= ENGLISH_WORDS_ENOUGH {
        return false;
    }
    accented || foreign >= FOREIGN_WORDS_NEEDED
}

/// The language `text` reliably is, when that is one to report.
fn foreign_language(text: &str) -> Option<Lang> {
    if !needs_detection(text) {
        return None;
    }
    let info = whatlang::detect(text)?;
    let lang = info.lang();
    let reported =
        lang != Lang::Eng && (info.script() != Script::Latin || LATIN_REPORTED.contains(&lang));
    (info.is_reliable() && reported).then_some(lang)
}

impl Rule for NotEnglish {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let digest = cx.digest;
        for entry in digest.entries() {
            for (i, l) in digest.body_lines(entry, LineKind::English).enumerate() {
                let Some(line) = digest.lines.get(l) else {
                    continue;
                };
                let text = text_without_links(line, cx.src);
                let Some(lang) = foreign_language(&text) else {
                    continue;
                };
                let mut d = Diagnostic::new(
                    &META,
                    line.text,
                    format!(
                        "this English paragraph is written in {}, not English",
                        lang.eng_name()
                    ),
                )
                .help("translate the paragraph into English");
                // Paired by position when the two languages have as many
                // paragraphs (looked up only for a finding).
                let korean = || digest.body_lines(entry, LineKind::Korean);
                let english = digest.body_lines(entry, LineKind::English);
                if korean().count() == english.count()
                    && let Some(k) = korean().nth(i).and_then(|k| digest.lines.get(k))
                {
                    d = d.label(k.text, "the Korean paragraph it should translate");
                }
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_languages_are_found() {
        for (text, lang) in [
            ("トークン列を短くして生成を速くする手法です。", Lang::Jpn),
            ("该方法缩短了序列长度，从而加快了图像生成速度。", Lang::Cmn),
            (
                "Diese Arbeit zeigt, dass Scaling Laws auch für Sparse Attention gelten.",
                Lang::Deu,
            ),
            (
                "Cette méthode réduit la longueur de la séquence et accélère la génération.",
                Lang::Fra,
            ),
        ] {
            assert_eq!(foreign_language(text), Some(lang), "{text}");
        }
    }

    #[test]
    fn two_english_words_spare_detection_but_shared_words_do_not() {
        // Short English commentary without `the` or `and` is taken as
        // English at once: detection is the costly part of a re-check.
        for text in [
            "A comparison of routing method 7 in small language models.",
            "Results between both trained models, only for long inputs.",
        ] {
            assert!(!needs_detection(text), "{text}");
        }
        // Words that German, Dutch or French share with English (`also`,
        // `Training`, `model`, `large`) do not count, so these are still
        // judged, and found.
        let german = "Also wird das Training mit einem großen Modell deutlich schneller als zuvor.";
        assert!(needs_detection(german));
        assert_eq!(foreign_language(german), Some(Lang::Deu));
        let dutch =
            "Dit model is getraind op een large dataset en werkt beter dan eerdere modellen.";
        assert!(needs_detection(dutch));
    }

    #[test]
    fn ascii_text_goes_to_detection_only_with_words_of_a_reported_language() {
        // Written without diacritics: the small words alone send them on.
        for (text, lang) in [
            (
                "Diese Arbeit zeigt, dass Scaling Laws auch bei Sparse Attention gelten.",
                Lang::Deu,
            ),
            (
                "Este articulo propone un metodo para reducir el costo de los modelos grandes.",
                Lang::Spa,
            ),
            (
                "Questo lavoro mostra che gli esperti sono utili anche nei modelli piccoli.",
                Lang::Ita,
            ),
            (
                "Dit werk laat zien dat het model veel sneller wordt met een kleine cache.",
                Lang::Nld,
            ),
        ] {
            assert!(needs_detection(text), "{text}");
            assert_eq!(foreign_language(text), Some(lang), "{text}");
        }
        // English with one common word and jargon: nothing to ask about.
        for text in [
            "In a multilingual setting, ZolevuGPT saves 26MB of memory.",
            "Across 382 tasks, SutuMix beats strong baselines; code released.",
            "Researchers at MIT evaluate routing under heavy load.",
        ] {
            assert!(!needs_detection(text), "{text}");
        }
        // Two English words do not settle a paragraph that is mostly in
        // another script: it is judged by that script.
        assert!(needs_detection("トークン列を短くする the and."));
        // A letter outside ASCII is enough, whatever the words.
        assert!(needs_detection(
            "Schrödinger bridges, revisited: faster sampling at scale."
        ));
    }

    /// The test of `needs_detection` written plainly: letters counted by
    /// character, words split off and looked up in the lists one by one.
    fn needs_detection_plainly(text: &str) -> bool {
        let latin = text.chars().filter(|&c| is_latin_letter(c)).count();
        let other = text
            .chars()
            .filter(|&c| !is_latin_letter(c) && c.is_alphabetic())
            .count();
        if other >= latin {
            return other >= MIN_OTHER_LETTERS;
        }
        let words: Vec<&str> = text
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| (2..=8).contains(&w.len()))
            .collect();
        let count = |list: &[&str]| {
            words
                .iter()
                .filter(|w| list.iter().any(|e| e.eq_ignore_ascii_case(w)))
                .count()
        };
        let english = count(ENGLISH_WORDS);
        let foreign = words
            .iter()
            .filter(|w| {
                !ENGLISH_WORDS.iter().any(|e| e.eq_ignore_ascii_case(w))
                    && FOREIGN_WORDS.iter().any(|e| e.eq_ignore_ascii_case(w))
            })
            .count();
        let accented = text.chars().any(|c| is_latin_letter(c) && !c.is_ascii());
        latin >= MIN_LATIN_LETTERS
            && english < ENGLISH_WORDS_ENOUGH
            && (accented || foreign >= FOREIGN_WORDS_NEEDED)
    }

    proptest::proptest! {
        #[test]
        fn the_one_pass_test_agrees_with_the_plain_one(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "the", "THE", "And", "und", "Der", "les", "que", "het", "een",
                    "language", "languages", "ZolevuGPT", "26MB", "x", "für", "naïve",
                    "トークン", "モデル", "α", "Ωmega", "de-noising", "et", "al.",
                    "dass", "auch", "schneller", "wordt", "alignment", "ß",
                ]),
                0..24,
            ),
            seps in proptest::collection::vec(
                proptest::sample::select(vec![" ", ", ", "-", "", "(", ") ", "—", "\u{3000}"]),
                24,
            ),
        ) {
            let mut text = String::new();
            for (w, s) in words.iter().zip(&seps) {
                text.push_str(w);
                text.push_str(s);
            }
            proptest::prop_assert_eq!(needs_detection(&text), needs_detection_plainly(&text), "{}", text);
        }
    }

    #[test]
    fn every_listed_word_is_found_in_any_case() {
        for w in ENGLISH_WORDS {
            assert_eq!(word_class(w.as_bytes()), Some(Word::English), "{w}");
            let upper = w.to_ascii_uppercase();
            assert_eq!(word_class(upper.as_bytes()), Some(Word::English), "{w}");
        }
        for w in FOREIGN_WORDS {
            let expected = if ENGLISH_WORDS.contains(w) {
                Word::English
            } else {
                Word::Foreign
            };
            assert_eq!(word_class(w.as_bytes()), Some(expected), "{w}");
        }
        for w in ["", "a", "thee", "languages", "derr", "q"] {
            assert_eq!(word_class(w.as_bytes()), None, "{w}");
        }
    }

    #[test]
    fn english_and_short_text_is_left_alone() {
        for text in [
            "Scaling law for QAT.",
            "Framework for LLM RL.",
            "MoE with 32B activated and 671B total weight, trained on 14.8T.",
            "Ein Modell mit RL und Attention.",
            "",
            // An accent sends English on to detection, which is sure it is
            // English: not reported.
            "The café near the station serves coffee that the naïve visitors love every morning before work.",
        ] {
            assert_eq!(foreign_language(text), None, "{text}");
        }
    }
}
