//! Exit codes, and the one way to report trouble on standard error.

use std::io::Write;

/// Exit status: no error-severity finding.
pub const EXIT_OK: u8 = 0;
/// Exit status: an error-severity finding, or a change `--check`/`--diff` found.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: bad usage, an unreadable file, or a file that is not UTF-8 text.
pub const EXIT_TROUBLE: u8 = 2;

pub(super) fn trouble(message: impl std::fmt::Display) -> u8 {
    say(format_args!("digest-lint: error: {message}"));
    EXIT_TROUBLE
}

/// A line on standard error. Unlike `eprintln!` it does not panic when
/// standard error is a closed pipe (`2>&1 | head`).
pub(super) fn say(message: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr().lock(), "{message}");
}
