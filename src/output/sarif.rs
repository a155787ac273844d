//! `--output-format sarif`: SARIF 2.1.0, as GitHub code scanning reads it.
//!
//! - One run; `tool.driver.rules` lists every rule (id, name, short and
//!   full description, help text and Markdown from `rule CODE`, default
//!   level, a tag for its family), and each result points at its rule by
//!   `ruleId` and `ruleIndex`.
//! - Regions are 1-based with an exclusive `endColumn`, counted in UTF-16
//!   code units, and the run says so (`columnKind: utf16CodeUnits`). For
//!   Hangul, which is in the Basic Multilingual Plane, that is the same as
//!   counting characters.
//! - `artifactLocation.uri` is the path relative to the folder the tool ran
//!   in (`%SRCROOT%`), percent-encoded; the run's `originalUriBaseIds` says
//!   which folder that was.
//! - `partialFingerprints["digestLint/v1"]` is [`super::fingerprint`]'s
//!   hash, which survives lines moving.
//! - A fix becomes a SARIF fix: one artifact change whose replacements are
//!   the fix's edits; an unsafe fix says so in its description and in
//!   `properties.applicability`.

use super::FileFindings;
use super::fingerprint::{self, display_path};
use crate::diagnostic::{Applicability, Diagnostic, RuleMeta, Severity};
use crate::rules;
use crate::syntax::Span;
use crate::syntax::line_index::LineIndex;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<BTreeMap<&'static str, ArtifactLocation>>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    full_name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
    /// Only for a rule that runs only when selected.
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    applicability: Applicability,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

/// Lines and UTF-16 columns of byte offsets in one text.
struct Utf16Lines<'a> {
    src: &'a str,
    index: LineIndex,
}

impl<'a> Utf16Lines<'a> {
    fn new(src: &'a str) -> Self {
        Utf16Lines {
            src,
            index: LineIndex::new(src),
        }
    }

    /// 1-based line and UTF-16 column of `offset` (an offset inside a
    /// character counts as that character).
    fn point(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.src.len());
        while !self.src.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.index.line_of(offset);
        let start = self
            .index
            .line_content(self.src, line)
            .map_or(0, |r| r.start)
            .min(offset);
        let column = self.src[start..offset].encode_utf16().count() + 1;
        (line + 1, column)
    }

    fn region(&self, span: Span) -> Region {
        let (start_line, start_column) = self.point(span.start);
        let (end_line, end_column) = self.point(span.end.max(span.start));
        Region {
            start_line,
            start_column,
            end_line,
            end_column,
        }
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The family a code belongs to, as a rule tag.
fn family(code: &str) -> &'static str {
    match code.as_bytes().first() {
        Some(b'D') => "date",
        Some(b'E') => "structure",
        Some(b'A') => "authors",
        Some(b'C') => "commentary",
        Some(b'T') => "tags",
        Some(b'L') => "links",
        Some(b'W') => "whitespace",
        _ => "other",
    }
}

/// A sentence ends with a period (SARIF's validator asks it of every
/// plain-text message).
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

/// At most `max` characters, cut at a word when it must be cut.
fn at_most(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// The first paragraph of the doc's `## What it does` section, on one line.
fn what_it_does(meta: &RuleMeta) -> String {
    let body = meta
        .doc
        .split("## What it does")
        .nth(1)
        .unwrap_or("")
        .split("\n## ")
        .next()
        .unwrap_or("");
    let paragraph = body
        .trim()
        .split("\n\n")
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if paragraph.is_empty() {
        meta.summary.to_string()
    } else {
        paragraph
    }
}

fn rule(meta: &'static RuleMeta) -> Rule {
    let doc = rules::render_doc(meta);
    Rule {
        id: meta.code,
        name: meta.name,
        short_description: Text {
            text: sentence(&at_most(meta.summary, 1000)),
        },
        full_description: Text {
            text: sentence(&at_most(&what_it_does(meta), 1000)),
        },
        help: Help {
            text: doc.clone(),
            markdown: doc,
        },
        default_configuration: Configuration {
            level: level(meta.severity),
            enabled: (!meta.default_enabled).then_some(false),
        },
        properties: RuleProperties {
            tags: vec![family(meta.code)],
        },
    }
}

/// Percent-encodes a path for a URI: everything but unreserved characters
/// and `/`.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A file URI for an absolute folder, ending in `/`.
fn folder_uri(dir: &Path) -> String {
    let mut s = encode_path(&dir.to_string_lossy().replace('\\', "/"));
    if !s.starts_with('/') {
        s.insert(0, '/');
    }
    if !s.ends_with('/') {
        s.push('/');
    }
    format!("file://{s}")
}

/// Where a finding's file is: relative to `%SRCROOT%` (the folder the tool
/// ran in) when it can be, else an absolute file URI.
fn artifact(path: &str, cwd: Option<&Path>) -> ArtifactLocation {
    let p = Path::new(path);
    if p.is_absolute() {
        if let Some(rel) = cwd.and_then(|c| p.strip_prefix(c).ok()) {
            return artifact(&rel.to_string_lossy(), None);
        }
        let abs = encode_path(&path.replace('\\', "/"));
        let abs = if abs.starts_with('/') {
            abs
        } else {
            format!("/{abs}")
        };
        return ArtifactLocation {
            uri: format!("file://{abs}"),
            uri_base_id: None,
        };
    }
    ArtifactLocation {
        uri: encode_path(&display_path(path)),
        uri_base_id: Some(SRCROOT),
    }
}

fn result(
    lines: &Utf16Lines<'_>,
    location: &ArtifactLocation,
    d: &Diagnostic,
    fingerprint: String,
    rule_index: usize,
) -> SarifResult {
    let physical = |span: Span| PhysicalLocation {
        artifact_location: location.clone(),
        region: lines.region(span),
    };
    let mut message = sentence(&d.message);
    if let Some(help) = &d.help {
        message.push(' ');
        message.push_str(&sentence(&format!("Help: {help}")));
    }
    SarifResult {
        rule_id: d.code,
        rule_index,
        level: level(d.severity),
        message: Text { text: message },
        locations: vec![Location {
            physical_location: physical(d.span),
        }],
        related_locations: d
            .labels
            .iter()
            .enumerate()
            .map(|(id, l)| RelatedLocation {
                id,
                physical_location: physical(l.span),
                message: Text {
                    text: sentence(&l.message),
                },
            })
            .collect(),
        partial_fingerprints: BTreeMap::from([(fingerprint::SCHEME, fingerprint)]),
        fixes: d
            .fix
            .iter()
            .map(|f| SarifFix {
                description: Text {
                    text: sentence(&match f.applicability {
                        Applicability::Safe => f.message.to_string(),
                        Applicability::Unsafe => format!("Unsafe fix: {}", f.message),
                    }),
                },
                artifact_changes: vec![ArtifactChange {
                    artifact_location: location.clone(),
                    replacements: f
                        .edits
                        .iter()
                        .map(|e| Replacement {
                            deleted_region: lines.region(e.span),
                            inserted_content: Text {
                                text: e.content.clone(),
                            },
                        })
                        .collect(),
                }],
                properties: FixProperties {
                    applicability: f.applicability,
                },
            })
            .collect(),
    }
}

/// The SARIF log of a run. `cwd` is the folder relative paths start from.
pub fn sarif(files: &[FileFindings<'_>], cwd: Option<&Path>) -> String {
    let (head, tail) = sarif_frame(cwd);
    let results = files.iter().flat_map(|file| sarif_results(file, cwd));
    head + &super::json::JsonArray::whole(RESULTS_DEPTH, results) + &tail
}

/// How deep the results sit in the log: `{ "runs": [ { "results": [ ... ] } ] }`.
const RESULTS_DEPTH: usize = 4;

/// The log without its results, cut where the results array goes: what
/// comes before it (up to `"results": `) and after it. A run prints the
/// head, the array file by file ([`sarif_results`] with a
/// [`super::json::JsonArray`] of depth 4), then the tail.
pub fn sarif_frame(cwd: Option<&Path>) -> (String, String) {
    let metas: Vec<&'static RuleMeta> = rules::all().map(|r| r.meta()).collect();
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "digest-lint",
                    full_name: concat!("digest-lint ", env!("CARGO_PKG_VERSION")),
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: option_env!("CARGO_PKG_REPOSITORY").filter(|s| !s.is_empty()),
                    rules: metas.into_iter().map(rule).collect(),
                },
            },
            original_uri_base_ids: cwd.map(|c| {
                BTreeMap::from([(
                    SRCROOT,
                    ArtifactLocation {
                        uri: folder_uri(c),
                        uri_base_id: None,
                    },
                )])
            }),
            column_kind: "utf16CodeUnits",
            results: Vec::new(),
        }],
    };
    // Plain structs of strings and numbers: serialising cannot fail.
    let text = serde_json::to_string_pretty(&log).unwrap_or_default();
    // `results` is the last field of the run; a quote inside a string is
    // escaped, so the key with its empty array appears only once.
    const EMPTY: &str = "\"results\": []";
    match text.rfind(EMPTY) {
        Some(at) => (
            text[..at + EMPTY.len() - 2].to_string(),
            text[at + EMPTY.len()..].to_string(),
        ),
        None => (text, String::new()),
    }
}

/// One file's results, each as an element of the log's results array.
pub fn sarif_results(file: &FileFindings<'_>, cwd: Option<&Path>) -> Vec<String> {
    let lines = Utf16Lines::new(file.src);
    let location = artifact(file.path, cwd);
    let fingerprints = fingerprint::fingerprints(file);
    file.diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(d, fp)| {
            let rule_index = rules::all()
                .position(|r| r.meta().code == d.code)
                .unwrap_or(0);
            super::json::pretty_at(&result(&lines, &location, d, fp, rule_index), RESULTS_DEPTH)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_log_holds_every_finding_once() {
        let src = "x  \ny  \n";
        let ds = crate::lint::check(src, None, &crate::config::Config::default());
        let files = [FileFindings {
            path: "a.txt",
            src,
            diagnostics: &ds,
        }];
        let v: serde_json::Value = serde_json::from_str(&sarif(&files, None)).unwrap();
        let results = v["runs"][0]["results"].as_array().unwrap();
        assert!(!ds.is_empty());
        assert_eq!(results.len(), ds.len());
        let w001 = results.iter().filter(|r| r["ruleId"] == "W001").count();
        assert_eq!(w001, 2);
    }

    #[test]
    fn utf16_columns_and_exclusive_ends() {
        // `a😀b\n가c`: the emoji is two UTF-16 units, Hangul one.
        let src = "a😀b\n가c";
        let lines = Utf16Lines::new(src);
        assert_eq!(lines.point(0), (1, 1));
        assert_eq!(lines.point(1), (1, 2));
        assert_eq!(lines.point(5), (1, 4));
        // Inside the emoji counts as the emoji.
        assert_eq!(lines.point(3), (1, 2));
        assert_eq!(lines.point(7), (2, 1));
        assert_eq!(lines.point(10), (2, 2));
        assert_eq!(lines.point(99), (2, 3));
        // `b` and the line break: ends at the start of the next line.
        assert_eq!(
            lines.region(Span::new(5, 7)),
            Region {
                start_line: 1,
                start_column: 4,
                end_line: 2,
                end_column: 1
            }
        );
    }

    #[test]
    fn uris_are_relative_and_encoded() {
        let a = artifact("./d/2025-05-02 notes,v1.txt", None);
        assert_eq!(a.uri, "d/2025-05-02%20notes%2Cv1.txt");
        assert_eq!(a.uri_base_id, Some(SRCROOT));
        assert_eq!(artifact("한.txt", None).uri, "%ED%95%9C.txt");
        let cwd = Path::new("/work/x");
        assert_eq!(artifact("/work/x/d/a.txt", Some(cwd)).uri, "d/a.txt");
        let outside = artifact("/tmp/a b.txt", Some(cwd));
        assert_eq!(outside.uri, "file:///tmp/a%20b.txt");
        assert_eq!(outside.uri_base_id, None);
        assert_eq!(folder_uri(cwd), "file:///work/x/");
    }

    #[test]
    fn descriptions_are_sentences_within_limits() {
        assert_eq!(sentence("no newline"), "no newline.");
        assert_eq!(sentence("done."), "done.");
        let long = "word ".repeat(400);
        let cut = at_most(&long, 1000);
        assert!(
            cut.chars().count() <= 1000 && cut.ends_with("word…"),
            "{cut}"
        );
        for rule in rules::all() {
            let text = what_it_does(rule.meta());
            assert!(!text.is_empty() && !text.contains('\n'), "{text}");
            assert!(!text.contains("## "), "{}: {text}", rule.meta().code);
        }
    }
}
