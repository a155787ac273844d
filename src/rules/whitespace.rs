//! White space and encoding rules (`W`).

use super::Rule;

mod w002_missing_final_newline;

pub static RULES: &[&dyn Rule] = &[&w002_missing_final_newline::MissingFinalNewline];
