//! Unified diffs for `check --diff` and `fmt --diff`.

/// `a/path` for a relative path, as git writes it; an absolute path as is.
fn diff_name(side: &str, path: &str) -> String {
    if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{side}/{path}")
    }
}

pub(super) fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&diff_name("a", path), &diff_name("b", path))
        .to_string()
}
