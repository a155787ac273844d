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

/// Standard output for what the user asked to see (formatted text, a
/// diff, a list of files). A write error other than a closed pipe is
/// reported once, naming its cause, and makes the run exit 2: in
/// `fmt - < a > b && mv b a` a full disk must not pass for success. A
/// closed pipe (`| head`) only means the reader has seen enough.
#[derive(Default)]
pub(super) struct Stdout {
    failed: bool,
    closed: bool,
}

impl Stdout {
    /// Writes `bytes`, unless a write has failed or the reader has gone.
    pub(super) fn write(&mut self, bytes: &[u8]) {
        if self.failed || self.closed {
            return;
        }
        let result = {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes).and_then(|()| out.flush())
        };
        match result {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => self.closed = true,
            Err(e) => {
                say(format_args!(
                    "digest-lint: error: cannot write to standard output: {e}"
                ));
                self.failed = true;
            }
        }
    }

    pub(super) fn failed(&self) -> bool {
        self.failed
    }
}
