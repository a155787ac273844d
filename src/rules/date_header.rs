//! Date header (`D`) rules.

use super::Rule;

pub static RULES: &[&dyn Rule] = &[];
