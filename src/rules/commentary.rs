//! Commentary (`C`) rules.

use super::Rule;

pub static RULES: &[&dyn Rule] = &[];
