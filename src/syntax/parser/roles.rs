//! The role of each body line of an entry: abstract, Korean, English or
//! blank, including English written before its Korean.

use super::group::Source;
use crate::syntax::LineKind;
use crate::syntax::text::{self, has_hangul};

/// English lines placed before the Korean are recognised only when their
/// lengths fit a translation of the Korean lines: an English paragraph is
/// this many times as long (in characters) as its Korean, at least ...
const MIN_TRANSLATION_RATIO: f64 = 0.6;
/// ... and at most. Copied abstracts are far longer than that. (In the
/// corpus the English of a paragraph is at most 2.9 times its Korean; an
/// abstract taken for English would hide a missing translation, so the
/// bound errs towards reading a line as abstract.)
const MAX_TRANSLATION_RATIO: f64 = 3.0;

/// Gives each body line its role: the abstract is every line before the
/// first Korean one; after it, Korean lines are Korean and other lines
/// English. A line that is only a link takes the role of the block it sits
/// in. Blank lines stay blank. The roles are parallel to `body`.
pub(super) fn classify_body(g: &Source<'_>, body: &[usize]) -> Vec<LineKind> {
    let korean: Vec<bool> = body.iter().map(|&l| has_hangul(g.text(l))).collect();
    let Some(first_korean) = korean.iter().position(|&k| k) else {
        return body
            .iter()
            .map(|&l| {
                if g.is_blank(l) {
                    LineKind::Blank
                } else {
                    LineKind::Abstract
                }
            })
            .collect();
    };
    let mut roles = Vec::with_capacity(body.len());
    let mut role = LineKind::Abstract;
    for (idx, &l) in body.iter().enumerate() {
        let kind = if g.is_blank(l) {
            LineKind::Blank
        } else if korean[idx] {
            role = LineKind::Korean;
            role
        } else if idx < first_korean {
            LineKind::Abstract
        } else if g.is_link_only(l) {
            role
        } else {
            role = LineKind::English;
            role
        };
        roles.push(kind);
    }
    english_before_korean(g, body, &mut roles, first_korean);
    roles
}

/// When no English follows the Korean block, the English may have been put
/// before it. The lines right before the Korean block are taken for that
/// English when there are as many as Korean lines, none is a bare link or
/// speaks as the paper does (`we propose`: the abstract's last lines), and
/// each is about as long as a translation of its Korean partner.
fn english_before_korean(
    g: &Source<'_>,
    body: &[usize],
    roles: &mut [LineKind],
    first_korean: usize,
) {
    if roles.contains(&LineKind::English) {
        return;
    }
    // Positions in `body`.
    let koreans: Vec<usize> = (0..body.len())
        .filter(|&p| roles[p] == LineKind::Korean)
        .collect();
    let before: Vec<usize> = (0..first_korean)
        .filter(|&p| !g.is_blank(body[p]))
        .collect();
    if koreans.is_empty() || before.len() < koreans.len() {
        return;
    }
    let candidates = &before[before.len() - koreans.len()..];
    let fits = candidates.iter().zip(&koreans).all(|(&e, &k)| {
        let (e, k) = (body[e], body[k]);
        let (el, kl) = (
            text::char_len(g.text(e)) as f64,
            text::char_len(g.text(k)) as f64,
        );
        !g.is_link_only(e)
            && !in_papers_voice(g.text(e))
            && kl > 0.0
            && (MIN_TRANSLATION_RATIO..=MAX_TRANSLATION_RATIO).contains(&(el / kl))
    });
    if fits {
        for &e in candidates {
            roles[e] = LineKind::English;
        }
    }
}

/// Verbs with which a paper presents itself: `we propose`, `we show`.
const PAPER_VERBS: &[&str] = &[
    "propose",
    "present",
    "introduce",
    "show",
    "demonstrate",
    "develop",
    "release",
    "find",
];

/// Whether an English line speaks as the paper does (`We propose ...`,
/// `we show that ...`): a line of the copied abstract, not the digest
/// author's note about the paper.
pub fn in_papers_voice(line: &str) -> bool {
    let mut words = line
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty());
    let mut previous_is_we = false;
    for word in words.by_ref() {
        if previous_is_we && PAPER_VERBS.iter().any(|v| v.eq_ignore_ascii_case(word)) {
            return true;
        }
        previous_is_we = word.eq_ignore_ascii_case("we");
    }
    false
}
