//! `--output-format concise`: one finding a line.

use super::FileFindings;
use crate::syntax::line_index::LineIndex;
use std::io::Write;

/// `path:line:col: CODE [*] message`, one finding a line; `[*]` marks a
/// fix that `--fix` applies, `[?]` one that takes `--unsafe-fixes` too.
pub fn concise(out: &mut dyn Write, file: &FileFindings<'_>) -> std::io::Result<()> {
    let index = LineIndex::new(file.src);
    for d in file.diagnostics {
        let p = index.position(file.src, d.span.start);
        let mark = super::fix_mark(d).map_or(String::new(), |m| format!(" {m}"));
        writeln!(
            out,
            "{}:{}:{}: {}{} {}",
            file.path, p.line, p.column, d.code, mark, d.message
        )?;
    }
    Ok(())
}
