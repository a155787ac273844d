//! Tag (`T`) rules.

use super::Rule;

pub static RULES: &[&dyn Rule] = &[];
