//! digest-lint: a linter and formatter for bilingual paper digests.
//!
//! The library is the whole tool; `main.rs` only calls [`cli::run`]. The
//! modules are layers, listed here from the bottom up; a module may use
//! the layers above it in this list and never those below (the test
//! `tests/architecture.rs` enforces it). ARCHITECTURE.md shows how a file
//! flows through them.

pub mod syntax;

pub mod diagnostic;
pub mod format;
pub mod io;

pub mod config;

pub mod fix;
pub mod rules;

pub mod lint;
pub mod output;

pub mod server;

pub mod cli;
