//! `digest-lint version`: the version, and the commit it was built from
//! when it was built from a git checkout (build.rs sets
//! `DIGEST_LINT_COMMIT_SHORT_HASH` and `DIGEST_LINT_COMMIT_DATE` then, and
//! nothing outside git).

use super::exit::EXIT_OK;
use std::io::Write;

/// `digest-lint 0.1.0 (1a2b3c4d5 2026-11-26)`, or without the commit.
pub fn version_line() -> String {
    let version = env!("CARGO_PKG_VERSION");
    match (
        option_env!("DIGEST_LINT_COMMIT_SHORT_HASH"),
        option_env!("DIGEST_LINT_COMMIT_DATE"),
    ) {
        (Some(hash), Some(date)) => format!("digest-lint {version} ({hash} {date})"),
        (Some(hash), None) => format!("digest-lint {version} ({hash})"),
        _ => format!("digest-lint {version}"),
    }
}

pub(super) fn run() -> u8 {
    let _ = writeln!(std::io::stdout().lock(), "{}", version_line());
    EXIT_OK
}
