//! `--output-format json-lines`: one JSON object per finding, one per line,
//! in the shape of one element of `json`'s array. Nothing at all for a
//! clean run.

use super::FileFindings;
use super::json::findings;
use std::io::Write;

pub fn json_lines(out: &mut dyn Write, files: &[FileFindings<'_>]) -> std::io::Result<()> {
    for finding in findings(files) {
        serde_json::to_writer(&mut *out, &finding)?;
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn one_object_a_line_and_nothing_when_clean() {
        let src = "x  \ny\t \n";
        let ds = crate::lint::check(src, None, &Config::default());
        let w001 = ds.iter().filter(|d| d.code == "W001").count();
        assert_eq!(w001, 2);
        let files = [FileFindings {
            path: "a.txt",
            src,
            diagnostics: &ds,
        }];
        let mut out = Vec::new();
        json_lines(&mut out, &files).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), ds.len());
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(v["path"], "a.txt");
            assert!(v["code"].is_string() && v["range"]["start"]["line"].is_u64());
        }
        let mut out = Vec::new();
        let none = [FileFindings {
            path: "a.txt",
            src,
            diagnostics: &[],
        }];
        json_lines(&mut out, &none).unwrap();
        assert!(out.is_empty());
    }
}
