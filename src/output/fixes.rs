//! `check --show-fixes`: which fixes `--fix` applied (or, with `--diff` or
//! without `--fix`, would apply), file by file and rule by rule:
//!
//! ```text
//! Fixed 3 findings:
//! - d/2025-03-14.txt:
//!     2 × W001 (trailing-whitespace)
//!     1 × W002 (missing-final-newline)
//! ```

use std::collections::BTreeMap;
use std::io::Write;

/// The fixes applied to one file: `(code, rule name)` per fix.
pub struct FixedFile<'a> {
    pub path: &'a str,
    pub fixes: &'a [(&'static str, &'static str)],
}

/// `applied`: the fixes were written (`--fix`); else they would be.
pub fn show_fixes(
    out: &mut dyn Write,
    files: &[FixedFile<'_>],
    applied: bool,
) -> std::io::Result<()> {
    let total: usize = files.iter().map(|f| f.fixes.len()).sum();
    if total == 0 {
        return writeln!(
            out,
            "{}",
            if applied {
                "No fixes applied."
            } else {
                "No fixes to apply."
            }
        );
    }
    writeln!(
        out,
        "{} {total} finding{}:",
        if applied { "Fixed" } else { "Would fix" },
        if total == 1 { "" } else { "s" }
    )?;
    for file in files.iter().filter(|f| !f.fixes.is_empty()) {
        writeln!(out, "- {}:", file.path)?;
        let mut by_code: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for &key in file.fixes {
            *by_code.entry(key).or_default() += 1;
        }
        for ((code, rule), n) in by_code {
            writeln!(out, "    {n} × {code} ({rule})")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_per_file_and_rule() {
        let a = [
            ("W002", "missing-final-newline"),
            ("W001", "trailing-whitespace"),
            ("W001", "trailing-whitespace"),
        ];
        let files = [
            FixedFile {
                path: "a.txt",
                fixes: &a,
            },
            FixedFile {
                path: "b.txt",
                fixes: &[],
            },
        ];
        let mut out = Vec::new();
        show_fixes(&mut out, &files, true).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Fixed 3 findings:\n- a.txt:\n    2 × W001 (trailing-whitespace)\n    1 × W002 (missing-final-newline)\n"
        );
        let mut out = Vec::new();
        show_fixes(&mut out, &files[1..], false).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "No fixes to apply.\n");
    }
}
