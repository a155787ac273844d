//! Authors line (`A`) rules.

use super::Rule;

pub static RULES: &[&dyn Rule] = &[];
