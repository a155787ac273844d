//! Printing findings. One module per format: [`full`] (codespan-reporting
//! with source snippets), [`concise`] (`path:line:col: CODE message`),
//! [`json`] (RULES.md's shape) and [`json_lines`], and for CI [`github`]
//! (workflow commands), [`sarif`] (SARIF 2.1.0) and [`gitlab`] (Code
//! Quality). [`summary`] is the closing line of the text formats,
//! [`statistics`] and [`fixes`] are what `--statistics` and `--show-fixes`
//! print, [`fingerprint`] gives findings a stable identity, and `excerpt`
//! cuts long lines for `full`.
//!
//! Every format takes the findings of the whole run at once (cross-file
//! rules included), in the order it is given: the caller sorts the files.
//!
//! This layer reads findings and line positions; it uses
//! [`crate::diagnostic`] and [`crate::syntax`] and never runs a rule.

pub mod concise;
mod excerpt;
pub mod fingerprint;
pub mod fixes;
pub mod full;
pub mod github;
pub mod gitlab;
pub mod json;
pub mod json_lines;
pub mod sarif;
pub mod statistics;
pub mod summary;

pub use concise::concise;
pub use full::full;
pub use github::github;
pub use gitlab::gitlab;
pub use json::json;
pub use json_lines::json_lines;
pub use sarif::sarif;
pub use summary::Summary;

use crate::diagnostic::{Applicability, Diagnostic};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Full,
    Concise,
    Json,
    JsonLines,
    Github,
    Sarif,
    Gitlab,
}

impl OutputFormat {
    /// Formats for people, which end with the summary line.
    pub fn is_text(self) -> bool {
        matches!(self, OutputFormat::Full | OutputFormat::Concise)
    }
}

/// The mark of a finding's fix: `[*]` when plain `--fix` applies it, `[?]`
/// when it takes `--fix --unsafe-fixes`, nothing without a fix.
pub fn fix_mark(d: &Diagnostic) -> Option<&'static str> {
    d.fix.as_ref().map(|f| match f.applicability {
        Applicability::Safe => "[*]",
        Applicability::Unsafe => "[?]",
    })
}

/// One checked file and what was found in it.
pub struct FileFindings<'a> {
    pub path: &'a str,
    pub src: &'a str,
    pub diagnostics: &'a [Diagnostic],
}
