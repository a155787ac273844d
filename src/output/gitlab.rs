//! `--output-format gitlab`: GitLab's Code Quality report, a JSON array of
//! Code Climate issues: `description`, `check_name`, `fingerprint`,
//! `severity` and `location` (`path`, `lines.begin`, `lines.end`).
//!
//! Severities as ruff maps them: an error is `major`, a warning `minor`.
//! GitLab wants every fingerprint unique in a report and stable between
//! runs, so it is [`super::fingerprint`]'s value (which survives lines
//! moving) with the scheme in front.

use super::FileFindings;
use super::fingerprint::{self, display_path};
use crate::diagnostic::Severity;
use serde::Serialize;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

pub fn gitlab(files: &[FileFindings<'_>]) -> String {
    super::json::JsonArray::whole(1, files.iter().flat_map(gitlab_elements))
}

/// One file's issues as elements of [`gitlab`]'s array (see
/// [`super::json::JsonArray`]).
pub fn gitlab_elements(file: &FileFindings<'_>) -> Vec<String> {
    let mut issues = Vec::new();
    {
        let index = super::Positions::new(file.src);
        let path = display_path(file.path);
        let fps = fingerprint::fingerprints(file);
        for (d, fp) in file.diagnostics.iter().zip(fps) {
            let begin = index.position(d.span.start).line;
            let end = index.position(d.span.end.max(d.span.start)).line.max(begin);
            issues.push(Issue {
                description: format!("{} {}: {}", d.code, d.rule, d.message),
                check_name: d.code,
                // Hex digits only, as GitLab's own analysers write them.
                fingerprint: format!("{:016x}", fingerprint::fnv1a(&[fingerprint::SCHEME, &fp])),
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                location: Location {
                    path: path.clone(),
                    lines: Lines { begin, end },
                },
            });
        }
    }
    issues
        .iter()
        .map(|i| super::json::pretty_at(i, 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn code_quality_fields() {
        let src = "x  \ny  \n";
        let ds = crate::lint::check(src, None, &Config::default());
        let files = [FileFindings {
            path: "./d/a.txt",
            src,
            diagnostics: &ds,
        }];
        let v: serde_json::Value = serde_json::from_str(&gitlab(&files)).unwrap();
        let issues = v.as_array().unwrap();
        let w001: Vec<&serde_json::Value> = issues
            .iter()
            .filter(|i| i["check_name"] == "W001")
            .collect();
        assert_eq!(w001.len(), 2);
        assert_eq!(w001[0]["severity"], "minor");
        assert_eq!(w001[0]["location"]["path"], "d/a.txt");
        assert_eq!(w001[0]["location"]["lines"]["begin"], 1);
        assert_eq!(w001[1]["location"]["lines"]["begin"], 2);
        assert!(
            w001[0]["description"]
                .as_str()
                .unwrap()
                .starts_with("W001 trailing-whitespace: ")
        );
        // Unique although the two findings are alike.
        assert_ne!(w001[0]["fingerprint"], w001[1]["fingerprint"]);
        assert_eq!(w001[0]["fingerprint"].as_str().unwrap().len(), 16);
    }
}
