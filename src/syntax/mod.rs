//! Reading text into the lossless tree.
//!
//! This layer turns a digest's text into a [`Digest`]: physical lines,
//! their roles, entries, authors and tags, links, arXiv identifiers and
//! dates, every node with its byte span. It knows nothing of rules,
//! findings, configuration or output, and imports nothing else from the
//! crate: every other layer may use it.

pub mod arxiv;
pub mod date;
pub mod line_index;
pub mod links;
pub mod parser;
pub mod text;
mod tree;

pub use parser::parse;
pub use tree::*;
