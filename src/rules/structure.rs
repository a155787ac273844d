//! Entry structure (`E`) rules.

use super::Rule;

pub static RULES: &[&dyn Rule] = &[];
