//! "Did you mean": the closest rule code or name to one that matches no
//! rule (strsim; clap already does it for subcommands and options).

use crate::rules;

/// How alike two names must be (Jaro-Winkler, 0 to 1) to be suggested.
const ALIKE: f64 = 0.8;

/// The rule code or name closest to `key`, when one is close enough.
pub(super) fn rule(key: &str) -> Option<&'static str> {
    let key = key.trim().to_ascii_lowercase();
    rules::all()
        .flat_map(|r| [r.meta().code, r.meta().name])
        .map(|candidate| {
            let score = strsim::jaro_winkler(&key, &candidate.to_ascii_lowercase());
            (score, candidate)
        })
        .filter(|(score, _)| *score >= ALIKE)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// `message`, with a hint when a rule is close to `key`.
pub(super) fn with_hint(message: String, key: &str) -> String {
    match rule(key) {
        Some(close) => format!("{message}\n  tip: a similar rule exists: `{close}`"),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_and_codes_are_suggested_and_far_ones_not() {
        assert_eq!(rule("unpaired-comentary"), Some("unpaired-commentary"));
        assert_eq!(rule("Missing-Final-Newlin"), Some("missing-final-newline"));
        assert_eq!(rule("zzzzzzzz"), None);
    }
}
