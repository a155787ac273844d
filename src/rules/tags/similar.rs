//! When two tags are spellings of one: the judgement T003 (`unknown-tag`)
//! uses to suggest a known tag, and `digest-lint tags` to find clusters of
//! likely duplicates.
//!
//! Two tags are *variants* when they differ only in separators (`-`, `_`,
//! none), case or a plural (`#pre-training` / `#pretraining`,
//! `#image_generation` / `#image-generation`, `#world-models` /
//! `#world-model`), or, when both are long enough that one slip cannot make
//! another word, by one typing slip after the first letter
//! (`#self-improvment` / `#self-improvement`).
//!
//! What is *not* a variant: one tag that merely starts with the other
//! (`#flow` / `#flow-matching`, `#position` / `#positional-encoding`,
//! `#video` / `#video-generation`: a prefix names a broader or another
//! topic), short tags one letter apart (`#lm` / `#llm`, `#rl` / `#ml`) and
//! words that differ in their stem (`#optimizer` / `#optimization`,
//! `#encoder` / `#decoder`).

use std::collections::BTreeMap;

/// The shortest folded length at which one slip counts as a variant.
const MIN_SLIP_LEN: usize = 7;

/// A tag (without `#`) reduced to what variants share: ASCII lowercase,
/// words (split at `-`, `_` and spaces) made singular and joined with no
/// separator.
pub fn fold(tag: &str) -> String {
    tag.trim_start_matches(['#', '＃'])
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| singular(&w.to_lowercase()))
        .collect()
}

/// `models` → `model`, `studies` → `study`; `loss`, `corpus`, `analysis`
/// stay.
pub fn singular(word: &str) -> String {
    let n = word.len();
    if n > 4
        && let Some(stem) = word.strip_suffix("ies")
    {
        return format!("{stem}y");
    }
    if n > 3 && word.ends_with('s') && !["ss", "us", "is", "ics"].iter().any(|e| word.ends_with(e))
    {
        return word[..n - 1].to_string();
    }
    word.to_string()
}

/// Whether `a` and `b` (two different tags) are spellings of one.
pub fn is_variant(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let (fa, fb) = (fold(a), fold(b));
    if fa.is_empty() || fb.is_empty() {
        return false;
    }
    fa == fb || one_slip(&fa, &fb)
}

/// One insertion, deletion, substitution or swap, on words long enough,
/// not in the first letter.
fn one_slip(fa: &str, fb: &str) -> bool {
    fa.len().min(fb.len()) >= MIN_SLIP_LEN
        && fa.chars().next() == fb.chars().next()
        && strsim::damerau_levenshtein(fa, fb) == 1
}

/// The known tag an unknown one most likely means: a variant first, then
/// the nearest by edit distance when it is near for the tag's length
/// (one edit per five letters, at least four letters). Ties go to the
/// alphabetically first.
pub fn closest<'a>(tag: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let folded = fold(tag);
    let mut best: Option<(usize, usize, &'a str)> = None;
    for k in known {
        if k == tag {
            return Some(k);
        }
        let d = if is_variant(tag, k) {
            0
        } else {
            let fk = fold(k);
            if folded.len().min(fk.len()) < 4 {
                continue;
            }
            let d = strsim::damerau_levenshtein(&folded, &fk);
            if d > (folded.len() / 5).max(1) {
                continue;
            }
            d
        };
        // Among equally near ones, the nearest as written.
        let raw = strsim::damerau_levenshtein(tag, k);
        if best.is_none_or(|(bd, braw, bk)| (d, raw, k) < (bd, braw, bk)) {
            best = Some((d, raw, k));
        }
    }
    best.map(|(_, _, k)| k)
}

/// A group of tags that are likely one, with the spelling to keep.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cluster {
    pub canonical: String,
    /// The other spellings, each an alias of `canonical`.
    pub aliases: Vec<String>,
    /// Why they were grouped, in a few words.
    pub reason: String,
    /// Whether `canonical` is itself in use (a plural's singular may not
    /// be).
    pub in_use: bool,
}

/// Clusters of likely duplicates among tags in use (`counts`: tag → how
/// often). The canonical spelling is a kebab-case one, the most used, then
/// the longest, then the alphabetically first. Also reports a plural tag
/// (`#world-models`) where at least two other tags end in the singular of
/// its last word (`#reward-model`, `#state-space-model`): the singular is
/// the archive's convention, even if no tag spells it yet.
pub fn clusters(counts: &BTreeMap<String, usize>) -> Vec<Cluster> {
    let tags: Vec<&String> = counts.keys().collect();
    // Union-find over the variant relation.
    let mut parent: Vec<usize> = (0..tags.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..tags.len() {
        for j in i + 1..tags.len() {
            if is_variant(tags[i], tags[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[b] = a;
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<&String>> = BTreeMap::new();
    for (i, tag) in tags.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(tag);
    }
    let mut out = Vec::new();
    for members in groups.values().filter(|m| m.len() > 1) {
        let Some(canonical) = members.iter().copied().min_by_key(|t| {
            (
                !super::is_kebab(t),
                std::cmp::Reverse(counts.get(*t).copied().unwrap_or(0)),
                // A slip drops a letter more often than it adds one.
                std::cmp::Reverse(t.len()),
                (*t).clone(),
            )
        }) else {
            continue;
        };
        let aliases: Vec<String> = members
            .iter()
            .filter(|t| **t != canonical)
            .map(|t| (*t).clone())
            .collect();
        let reason = if aliases.iter().all(|a| fold(a) == fold(canonical)) {
            "separators, case or plural".to_string()
        } else {
            "a typing slip".to_string()
        };
        out.push(Cluster {
            canonical: canonical.clone(),
            aliases,
            reason,
            in_use: true,
        });
    }
    // Plural where the archive's convention is singular.
    for tag in &tags {
        let words: Vec<&str> = tag.split('-').collect();
        let Some((last, head)) = words.split_last() else {
            continue;
        };
        let one = singular(last);
        if head.is_empty() || one == *last || out.iter().any(|c| c.aliases.contains(tag)) {
            continue;
        }
        let singular_tag = format!("{}-{one}", head.join("-"));
        let others = tags
            .iter()
            .filter(|t| t.rsplit('-').next() == Some(one.as_str()) && ***t != singular_tag)
            .count();
        if others >= 2 && !counts.contains_key(&singular_tag) {
            out.push(Cluster {
                canonical: singular_tag,
                aliases: vec![(*tag).clone()],
                reason: format!("plural, where {others} other tags end in `-{one}`"),
                in_use: false,
            });
        }
    }
    out.sort_by(|a, b| a.canonical.cmp(&b.canonical));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants() {
        for (a, b) in [
            ("pre-training", "pretraining"),
            ("image_generation", "image-generation"),
            ("world-models", "world-model"),
            ("self-improvment", "self-improvement"),
            ("Scaling-Law", "scaling-law"),
        ] {
            assert!(is_variant(a, b), "{a} ~ {b}");
        }
        for (a, b) in [
            ("flow", "flow-matching"),
            ("position", "positional-encoding"),
            ("video", "video-generation"),
            ("lm", "llm"),
            ("rl", "ml"),
            ("optimizer", "optimization"),
            ("encoder", "decoder"),
            ("scaling", "sampling"),
            ("pre-training", "post-training"),
            ("corpus", "corpu"),
        ] {
            assert!(!is_variant(a, b), "{a} !~ {b}");
        }
    }

    #[test]
    fn singulars() {
        assert_eq!(singular("models"), "model");
        assert_eq!(singular("studies"), "study");
        for same in ["loss", "corpus", "analysis", "rl", "physics", "gas"] {
            assert_eq!(singular(same), same);
        }
        // Four letters ending in `ies` lose only the `s`.
        assert_eq!(singular("ties"), "tie");
        assert_eq!(singular("lies"), "lie");
    }

    #[test]
    fn closest_known_tag() {
        let known = [
            "self-improvement",
            "pretraining",
            "rl",
            "flow-matching",
            "reasoning",
        ];
        let c = |t: &str| closest(t, known.iter().copied());
        assert_eq!(c("self-improvment"), Some("self-improvement"));
        assert_eq!(c("pre-training"), Some("pretraining"));
        assert_eq!(c("reasonig"), Some("reasoning"));
        assert_eq!(c("flow"), None);
        assert_eq!(c("ml"), None);
    }

    #[test]
    fn closest_allows_one_edit_per_five_letters_from_four() {
        // Four letters: one edit is near, four are not.
        assert_eq!(closest("bert", ["bart"]), Some("bart"));
        assert_eq!(closest("bert", ["gpt4"]), None);
        // Ten letters: two edits are near, three are not.
        assert_eq!(closest("generation", ["genaretion"]), Some("genaretion"));
        assert_eq!(closest("generation", ["genaretoin"]), None);
        // Three letters: never by distance.
        assert_eq!(closest("gnn", ["gan"]), None);
    }

    #[test]
    fn closest_takes_the_nearest_not_the_first() {
        // `robotix` is one edit away; `robotics` is a variant.
        assert_eq!(
            closest("robotic", ["robotix", "robotics"]),
            Some("robotics")
        );
        assert_eq!(
            closest("robotic", ["robotics", "robotix"]),
            Some("robotics")
        );
    }

    #[test]
    fn clusters_keep_lookalikes_apart() {
        let counts: BTreeMap<String, usize> = [
            ("pretraining", 38),
            ("pre-training", 2),
            ("image-generation", 39),
            ("image_generation", 1),
            ("flow", 3),
            ("flow-matching", 4),
            ("position", 1),
            ("positional-encoding", 13),
            ("world-models", 4),
            ("reward-model", 48),
            ("state-space-model", 19),
            ("lm", 8),
            ("llm", 47),
            // A plural that no other tag's last word makes singular stays,
            // and so does a plural of one word.
            ("neural-networks", 3),
            ("models", 2),
        ]
        .into_iter()
        .map(|(t, n)| (t.to_string(), n))
        .collect();
        let found = clusters(&counts);
        let pairs: Vec<(String, Vec<String>)> = found
            .iter()
            .map(|c| (c.canonical.clone(), c.aliases.clone()))
            .collect();
        assert_eq!(
            pairs,
            [
                (
                    "image-generation".to_string(),
                    vec!["image_generation".to_string()]
                ),
                ("pretraining".to_string(), vec!["pre-training".to_string()]),
                ("world-model".to_string(), vec!["world-models".to_string()]),
            ]
        );
    }
}
