//! Baselines, for adopting the linter on an old archive:
//! `--generate-baseline FILE` records today's findings, `--baseline FILE`
//! reports only findings beyond it, `--prune-baseline` lowers it to what is
//! left.
//!
//! Matching is by file, rule and entry title, with a count (ESLint's bulk
//! suppressions, one level finer), never by line, so editing one entry
//! does not resurface the findings of the others. When an entry has at
//! most as many findings of a rule as recorded, they are all suppressed;
//! when it has more, they are all reported (the new one cannot be told
//! from the old by position). Findings outside any entry (the date header,
//! stray lines) count under the title `""`. A recorded count higher than
//! what is found is stale: it is reported, the run exits 1, and
//! `--prune-baseline` rewrites it.
//!
//! The file is JSON sorted by path, code and title, one key per line, so
//! that a diff shows what changed:
//! `{"version": 1, "files": {"2025-04-25.txt": {"C002": {"A Paper": 2}}}}`.
//! Paths are relative to the baseline file's folder, with `/`.

use super::input::Source;
use crate::config::discover::canonical;
use crate::diagnostic::Diagnostic;
use clap::Args;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Args, Debug, Clone, Default)]
pub struct BaselineArgs {
    /// Report only findings beyond those recorded in this baseline file
    /// (matched by file, rule and count, never by line).
    #[arg(long, value_name = "FILE", conflicts_with = "generate_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record today's findings in this file, and report none.
    #[arg(long, value_name = "FILE")]
    pub generate_baseline: Option<PathBuf>,
    /// With --baseline: lower the recorded counts to what is found, dropping
    /// entries that match nothing any more.
    #[arg(long, requires = "baseline")]
    pub prune_baseline: bool,
}

const VERSION: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    /// Path → rule code → entry title → count.
    pub files: BTreeMap<String, BTreeMap<String, Counts>>,
}

/// Entry title → how many findings.
pub type Counts = BTreeMap<String, usize>;

/// A baseline count higher than what is found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stale {
    pub path: String,
    pub code: String,
    pub title: String,
    pub recorded: usize,
    pub found: usize,
}

/// One checked file as the baseline sees it: its key, and the entry
/// title of each finding.
pub struct Checked {
    pub key: String,
    pub titles: Vec<String>,
}

/// The title of the entry each finding is in (`""` outside entries), as
/// compared: white-space runs made one space.
pub fn titles(src: &str, findings: &[Diagnostic]) -> Vec<String> {
    let digest = crate::syntax::parser::parse(src);
    let spans: Vec<(usize, usize, String)> = digest
        .entries()
        .filter_map(|e| {
            let first = digest.lines.get(e.lines.start)?;
            let last = digest.lines.get(e.lines.end.checked_sub(1)?)?;
            let title = e
                .title
                .map(|t| {
                    digest
                        .line_text(t)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            Some((first.start, last.full().end, title))
        })
        .collect();
    findings
        .iter()
        .map(|d| {
            spans
                .iter()
                .find(|(a, b, _)| (*a..*b).contains(&d.span.start))
                .map(|(_, _, t)| t.clone())
                .unwrap_or_default()
        })
        .collect()
}

/// What applying the baseline options did, for the report and the exit
/// status.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    /// Stale entries left in the file (not pruned).
    pub stale: Vec<Stale>,
    /// A message for standard error.
    pub note: Option<String>,
}

/// The key of a source in a baseline kept in `dir`.
fn key(source: &Source, dir: &Path) -> String {
    let path = match &source.file {
        Some(file) => {
            let c = canonical(file);
            match c.strip_prefix(dir) {
                Ok(rel) => rel.to_path_buf(),
                Err(_) => PathBuf::from(&source.path),
            }
        }
        None => PathBuf::from(&source.path),
    };
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn counts(findings: &[Diagnostic], titles: &[String]) -> BTreeMap<String, Counts> {
    let mut map: BTreeMap<String, Counts> = BTreeMap::new();
    for (d, t) in findings.iter().zip(titles) {
        *map.entry(d.code.to_string())
            .or_default()
            .entry(t.clone())
            .or_insert(0) += 1;
    }
    map
}

/// The baseline of these findings.
#[cfg(test)]
pub fn record(checked: &[Checked], findings: &[Vec<Diagnostic>]) -> Baseline {
    let mut files = BTreeMap::new();
    for (c, list) in checked.iter().zip(findings) {
        if !list.is_empty() {
            files.insert(c.key.clone(), counts(list, &c.titles));
        }
    }
    Baseline {
        version: VERSION,
        files,
    }
}

/// Drops the findings the baseline covers; returns how many, and the stale
/// counts of the files checked (a file not in this run is not judged).
pub fn suppress(
    baseline: &Baseline,
    checked: &[Checked],
    findings: &mut [Vec<Diagnostic>],
) -> (usize, Vec<Stale>) {
    let mut suppressed = 0;
    let mut stale = Vec::new();
    for (c, list) in checked.iter().zip(findings.iter_mut()) {
        let Some(recorded) = baseline.files.get(&c.key) else {
            continue;
        };
        let found = counts(list, &c.titles);
        let mut i = 0;
        list.retain(|d| {
            let title = c.titles.get(i).map(String::as_str).unwrap_or("");
            i += 1;
            let n = found
                .get(d.code)
                .and_then(|t| t.get(title))
                .copied()
                .unwrap_or(0);
            let covered = recorded
                .get(d.code)
                .and_then(|t| t.get(title))
                .is_some_and(|&r| n <= r);
            suppressed += usize::from(covered);
            !covered
        });
        for (code, by_title) in recorded {
            for (title, &r) in by_title {
                let n = found
                    .get(code)
                    .and_then(|t| t.get(title))
                    .copied()
                    .unwrap_or(0);
                if n < r {
                    stale.push(Stale {
                        path: c.key.clone(),
                        code: code.clone(),
                        title: title.clone(),
                        recorded: r,
                        found: n,
                    });
                }
            }
        }
    }
    (suppressed, stale)
}

/// The baseline lowered to what is found in the files checked.
pub fn prune(baseline: &Baseline, stale: &[Stale]) -> Baseline {
    let mut out = baseline.clone();
    for s in stale {
        let Some(codes) = out.files.get_mut(&s.path) else {
            continue;
        };
        if let Some(titles) = codes.get_mut(&s.code) {
            if s.found == 0 {
                titles.remove(&s.title);
            } else if let Some(n) = titles.get_mut(&s.title) {
                *n = s.found;
            }
            if titles.is_empty() {
                codes.remove(&s.code);
            }
        }
        if codes.is_empty() {
            out.files.remove(&s.path);
        }
    }
    out
}

/// The file's text: sorted, pretty, ending in a newline.
pub fn to_text(baseline: &Baseline) -> String {
    let mut text = serde_json::to_string_pretty(baseline).unwrap_or_default();
    text.push('\n');
    text
}

fn read(path: &Path) -> Result<Baseline, String> {
    let text = crate::io::read_file(path).map_err(|e| format!("baseline {e}"))?;
    let b: Baseline = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a digest-lint baseline: {e}", path.display()))?;
    if b.version != VERSION {
        return Err(format!(
            "{}: baseline version {} (this digest-lint reads {VERSION})",
            path.display(),
            b.version
        ));
    }
    Ok(b)
}

/// The folder of the baseline file, canonical (the file itself may not
/// exist yet: `--generate-baseline ../b.json` must key files as
/// `--baseline ../b.json` will).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => canonical(p),
        _ => canonical(Path::new(".")),
    }
}

/// The baseline options over a run that goes file by file, in order:
/// [`Run::titles`] (any thread) and [`Run::take`] for each file, then
/// [`Run::finish`]. What it keeps is counts, never texts.
pub(super) enum Run {
    Off,
    Generate {
        path: PathBuf,
        dir: PathBuf,
        files: BTreeMap<String, BTreeMap<String, Counts>>,
        total: usize,
    },
    Apply {
        path: PathBuf,
        dir: PathBuf,
        baseline: Baseline,
        prune: bool,
        suppressed: usize,
        stale: Vec<Stale>,
    },
}

impl Run {
    /// Reads the baseline file when there is one to apply. `Err` is
    /// trouble (exit 2).
    pub(super) fn start(args: &BaselineArgs) -> Result<Run, String> {
        if let Some(path) = &args.generate_baseline {
            return Ok(Run::Generate {
                dir: folder_of(path),
                path: path.clone(),
                files: BTreeMap::new(),
                total: 0,
            });
        }
        let Some(path) = &args.baseline else {
            return Ok(Run::Off);
        };
        Ok(Run::Apply {
            baseline: read(path)?,
            dir: folder_of(path),
            path: path.clone(),
            prune: args.prune_baseline,
            suppressed: 0,
            stale: Vec::new(),
        })
    }

    /// The entry title of each finding of one file, when the baseline
    /// needs them.
    pub(super) fn titles(&self, source: &Source, findings: &[Diagnostic]) -> Vec<String> {
        match self {
            Run::Off => Vec::new(),
            _ if findings.is_empty() => Vec::new(),
            _ => titles(&source.text, findings),
        }
    }

    /// One file's findings, in the run's order: recorded and cleared
    /// (`--generate-baseline`), or those the baseline covers dropped.
    pub(super) fn take(
        &mut self,
        source: &Source,
        findings: &mut Vec<Diagnostic>,
        titles: Vec<String>,
    ) {
        match self {
            Run::Off => {}
            Run::Generate {
                dir, files, total, ..
            } => {
                if !findings.is_empty() {
                    files.insert(key(source, dir), counts(findings, &titles));
                }
                *total += findings.len();
                findings.clear();
            }
            Run::Apply {
                dir,
                baseline,
                suppressed,
                stale,
                ..
            } => {
                let checked = [Checked {
                    key: key(source, dir),
                    titles,
                }];
                let (n, s) = suppress(baseline, &checked, std::slice::from_mut(findings));
                *suppressed += n;
                stale.extend(s);
            }
        }
    }

    /// Writes the generated or pruned baseline; what to say and the stale
    /// counts left. `Err` is trouble (exit 2).
    pub(super) fn finish(self) -> Result<Outcome, String> {
        match self {
            Run::Off => Ok(Outcome::default()),
            Run::Generate {
                path, files, total, ..
            } => {
                let baseline = Baseline {
                    version: VERSION,
                    files,
                };
                crate::io::write_atomic(&path, &to_text(&baseline))
                    .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
                Ok(Outcome {
                    stale: Vec::new(),
                    note: Some(format!(
                        "digest-lint: wrote {}: {total} findings in {} files",
                        path.display(),
                        baseline.files.len()
                    )),
                })
            }
            Run::Apply {
                path,
                baseline,
                prune,
                suppressed,
                stale,
                ..
            } => Ok(applied(&path, &baseline, prune, suppressed, stale)?),
        }
    }
}

fn applied(
    path: &Path,
    baseline: &Baseline,
    prune_baseline: bool,
    suppressed: usize,
    stale: Vec<Stale>,
) -> Result<Outcome, String> {
    if prune_baseline {
        if !stale.is_empty() {
            let pruned = prune(baseline, &stale);
            crate::io::write_atomic(path, &to_text(&pruned))
                .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        }
        return Ok(Outcome {
            note: Some(format!(
                "digest-lint: pruned {} stale count{} from {}",
                stale.len(),
                if stale.len() == 1 { "" } else { "s" },
                path.display()
            )),
            stale: Vec::new(),
        });
    }
    let mut lines = vec![format!(
        "digest-lint: {suppressed} finding{} matched the baseline {} and {} not shown",
        if suppressed == 1 { "" } else { "s" },
        path.display(),
        if suppressed == 1 { "is" } else { "are" }
    )];
    if !stale.is_empty() {
        lines.extend(stale.iter().map(|s| {
            format!(
                "digest-lint: baseline count no longer matches: {} {} in `{}`: {} recorded, {} found",
                s.path, s.code, s.title, s.recorded, s.found
            )
        }));
        lines.push(format!(
            "digest-lint: {} stale baseline count{}; lower with --prune-baseline",
            stale.len(),
            if stale.len() == 1 { "" } else { "s" }
        ));
    }
    Ok(Outcome {
        stale,
        note: Some(lines.join("\n")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{RuleMeta, Severity};
    use crate::syntax::Span;

    static C002: RuleMeta = RuleMeta {
        code: "C002",
        name: "unpaired-number",
        severity: Severity::Warning,
        fix: crate::diagnostic::FixAvailability::None,
        summary: "",
        doc: "",
        default_enabled: true,
    };

    fn found(n: usize, at: usize) -> Vec<Diagnostic> {
        (0..n)
            .map(|i| Diagnostic::new(&C002, Span::new(at + i, at + i + 1), "x"))
            .collect()
    }

    fn checked(key: &str, titles: &[&str]) -> Checked {
        Checked {
            key: key.to_string(),
            titles: titles.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn matching_is_by_file_rule_and_title_never_position() {
        let run = |a: &[&str], b: &[&str]| vec![checked("a.txt", a), checked("b.txt", b)];
        let then = run(&["T", "T"], &["U"]);
        let baseline = record(&then, &[found(2, 0), found(1, 0)]);
        assert_eq!(
            to_text(&baseline),
            "{\n  \"version\": 1,\n  \"files\": {\n    \"a.txt\": {\n      \"C002\": {\n        \"T\": 2\n      }\n    },\n    \"b.txt\": {\n      \"C002\": {\n        \"U\": 1\n      }\n    }\n  }\n}\n"
        );
        // Moved findings, same count: all suppressed.
        let mut now = vec![found(2, 50), found(1, 9)];
        let (n, stale) = suppress(&baseline, &then, &mut now);
        assert_eq!((n, stale.len()), (3, 0));
        assert!(now.iter().all(Vec::is_empty));
        // A new finding in another entry of a.txt: only it is reported.
        let mut now = vec![found(3, 0), found(1, 0)];
        let (n, stale) = suppress(&baseline, &run(&["T", "T", "V"], &["U"]), &mut now);
        assert_eq!((n, now[0].len(), now[1].len()), (3, 1, 0));
        assert!(stale.is_empty());
        // One more in the same entry: that entry's are all reported.
        let mut now = vec![found(3, 0), found(1, 0)];
        let (n, _) = suppress(&baseline, &run(&["T", "T", "T"], &["U"]), &mut now);
        assert_eq!((n, now[0].len()), (1, 3));
        // Fewer: stale, and pruning lowers the count.
        let mut now = vec![found(1, 0), found(0, 0)];
        let (_, stale) = suppress(&baseline, &run(&["T"], &[]), &mut now);
        assert_eq!(stale.len(), 2);
        let pruned = prune(&baseline, &stale);
        assert_eq!(
            pruned
                .files
                .get("a.txt")
                .and_then(|e| e.get("C002"))
                .and_then(|t| t.get("T")),
            Some(&1)
        );
        assert!(!pruned.files.contains_key("b.txt"));
    }
}
