//! `--output-format concise`: one finding a line.

use super::FileFindings;
use std::io::Write;

/// `path:line:col: CODE [*] message`, one finding a line; `[*]` marks a
/// fix that `--fix` applies, `[?]` one that takes `--unsafe-fixes` too.
pub fn concise(out: &mut dyn Write, file: &FileFindings<'_>) -> std::io::Result<()> {
    let positions = super::Positions::new(file.src);
    let path = one_line(file.path);
    for d in file.diagnostics {
        let p = positions.position(d.span.start);
        let mark = super::fix_mark(d).map_or(String::new(), |m| format!(" {m}"));
        writeln!(
            out,
            "{}:{}:{}: {}{} {}",
            path, p.line, p.column, d.code, mark, d.message
        )?;
    }
    Ok(())
}

/// A path on one line: a line break or other control character in a file
/// name is written as its escape (`a\\nb.txt`), so that every finding
/// stays one line.
fn one_line(path: &str) -> std::borrow::Cow<'_, str> {
    if !path.chars().any(char::is_control) {
        return path.into();
    }
    path.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_in_a_path_are_escaped() {
        assert_eq!(super::one_line("a\nb\t.txt"), "a\\nb\\t.txt");
        assert_eq!(super::one_line("초안 a.txt"), "초안 a.txt");
    }
}
