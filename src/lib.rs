//! digest-lint: a linter and formatter for bilingual paper digests.
//!
//! The library is the whole tool; `main.rs` only calls [`cli::run`]. See
//! ARCHITECTURE.md for how a file flows through it.

pub mod arxiv;
pub mod cli;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod fix;
pub mod format;
pub mod io;
pub mod line_index;
pub mod links;
pub mod lint;
pub mod normalize;
pub mod output;
pub mod parser;
pub mod rules;
pub mod syntax;
pub mod text;
