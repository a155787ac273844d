//! Printing findings. One module per format: [`full`] (codespan-reporting
//! with source snippets), [`concise`] (`path:line:col: CODE message`) and
//! [`json`] (RULES.md's shape); [`summary`] is the closing line they
//! share, and `excerpt` cuts long lines for `full`.
//!
//! This layer reads findings and line positions; it uses
//! [`crate::diagnostic`] and [`crate::syntax`] and never runs a rule.

pub mod concise;
mod excerpt;
pub mod full;
pub mod json;
pub mod summary;

pub use concise::concise;
pub use full::full;
pub use json::json;
pub use summary::Summary;

use crate::diagnostic::Diagnostic;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Full,
    Concise,
    Json,
}

/// One checked file and what was found in it.
pub struct FileFindings<'a> {
    pub path: &'a str,
    pub src: &'a str,
    pub diagnostics: &'a [Diagnostic],
}
