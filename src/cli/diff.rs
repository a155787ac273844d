//! Unified diffs for `check --diff` and `fmt --diff`.

/// `a/path` for a relative path, as git writes it (`./` left out, so that
/// `git apply` finds the file); an absolute path as is.
fn diff_name(side: &str, path: &str) -> String {
    if path.starts_with('/') {
        return path.to_string();
    }
    let mut rest = path;
    while let Some(r) = rest.strip_prefix("./") {
        rest = r.trim_start_matches('/');
    }
    format!("{side}/{rest}")
}

pub(super) fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&diff_name("a", path), &diff_name("b", path))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_git_writes_them() {
        assert_eq!(diff_name("a", "./d/x.txt"), "a/d/x.txt");
        assert_eq!(diff_name("b", ".//./x.txt"), "b/x.txt");
        assert_eq!(diff_name("a", "d/x.txt"), "a/d/x.txt");
        assert_eq!(diff_name("a", "../x.txt"), "a/../x.txt");
        assert_eq!(diff_name("a", "/tmp/x.txt"), "/tmp/x.txt");
    }
}
