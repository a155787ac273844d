//! `digest-lint version`: the version, and the commit it was built from
//! when it was built from a git checkout (build.rs sets
//! `DIGEST_LINT_COMMIT_SHORT_HASH` and `DIGEST_LINT_COMMIT_DATE` then, and
//! nothing outside git).

use super::exit::EXIT_OK;
use std::io::Write;

/// `digest-lint 0.1.0 (1a2b3c4d5 2026-11-26)`, or without the commit.
pub fn version_line() -> String {
    line(
        env!("CARGO_PKG_VERSION"),
        option_env!("DIGEST_LINT_COMMIT_SHORT_HASH"),
        option_env!("DIGEST_LINT_COMMIT_DATE"),
    )
}

/// [`version_line`] of a build of `version` from commit `hash` of `date`
/// (either may be unknown).
fn line(version: &str, hash: Option<&str>, date: Option<&str>) -> String {
    match (hash, date) {
        (Some(hash), Some(date)) => format!("digest-lint {version} ({hash} {date})"),
        (Some(hash), None) => format!("digest-lint {version} ({hash})"),
        _ => format!("digest-lint {version}"),
    }
}

pub(super) fn run() -> u8 {
    let _ = writeln!(std::io::stdout().lock(), "{}", version_line());
    EXIT_OK
}

#[cfg(test)]
mod tests {
    use super::line;

    #[test]
    fn the_commit_is_named_as_far_as_it_is_known() {
        let at = |h, d| line("1.2.3", h, d);
        assert_eq!(
            at(Some("1a2b3c4d5"), Some("2026-11-26")),
            "digest-lint 1.2.3 (1a2b3c4d5 2026-11-26)"
        );
        assert_eq!(at(Some("1a2b3c4d5"), None), "digest-lint 1.2.3 (1a2b3c4d5)");
        assert_eq!(at(None, Some("2026-11-26")), "digest-lint 1.2.3");
        assert_eq!(at(None, None), "digest-lint 1.2.3");
    }
}
