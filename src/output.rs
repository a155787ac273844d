//! Printing findings: `full` (codespan-reporting with source snippets),
//! `concise` (`path:line:col: CODE message`) and `json` (RULES.md's shape).

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::line_index::{LineIndex, Position};
use crate::syntax::Span;
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{self, Files};
use codespan_reporting::term::{self, termcolor::WriteColor};
use serde::Serialize;
use std::io::Write;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Full,
    Concise,
    Json,
}

/// One checked file and what was found in it.
pub struct FileFindings<'a> {
    pub path: &'a str,
    pub src: &'a str,
    pub diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct JsonRange {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    range: JsonRange,
    content: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: Applicability,
    message: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    range: JsonRange,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    code: &'a str,
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    path: &'a str,
    range: JsonRange,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
}

fn range(index: &LineIndex, src: &str, span: Span) -> JsonRange {
    JsonRange {
        start: index.position(src, span.start),
        end: index.position(src, span.end),
    }
}

/// All findings of all files as one JSON array.
pub fn json(files: &[FileFindings<'_>]) -> String {
    let mut all = Vec::new();
    for file in files {
        let index = LineIndex::new(file.src);
        for d in file.diagnostics {
            all.push(JsonFinding {
                code: d.code,
                rule: d.rule,
                severity: d.severity,
                message: &d.message,
                path: file.path,
                range: range(&index, file.src, d.span),
                labels: d
                    .labels
                    .iter()
                    .map(|l| JsonLabel {
                        range: range(&index, file.src, l.span),
                        message: &l.message,
                    })
                    .collect(),
                help: d.help.as_deref(),
                fix: d.fix.as_ref().map(|f| JsonFix {
                    applicability: f.applicability,
                    message: &f.message,
                    edits: f
                        .edits
                        .iter()
                        .map(|e| JsonEdit {
                            range: range(&index, file.src, e.span),
                            content: &e.content,
                        })
                        .collect(),
                }),
            });
        }
    }
    serde_json::to_string_pretty(&all).unwrap_or_else(|_| "[]".to_string())
}

/// `path:line:col: CODE [*] message`, one finding a line; `[*]` marks a fix.
pub fn concise(out: &mut dyn Write, file: &FileFindings<'_>) -> std::io::Result<()> {
    let index = LineIndex::new(file.src);
    for d in file.diagnostics {
        let p = index.position(file.src, d.span.start);
        let mark = if d.fix.is_some() { " [*]" } else { "" };
        writeln!(
            out,
            "{}:{}:{}: {}{} {}",
            file.path, p.line, p.column, d.code, mark, d.message
        )?;
    }
    Ok(())
}

/// codespan-reporting's rich view, with the source lines (long lines cut to
/// a window around the labels, see [`Excerpt`]).
pub fn full(out: &mut dyn WriteColor, file: &FileFindings<'_>) -> std::io::Result<()> {
    let index = LineIndex::new(file.src);
    let config = term::Config::default();
    for d in file.diagnostics {
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
        };
        let mut wanted = vec![(d.span, cs::LabelStyle::Primary, "")];
        wanted.extend(
            d.labels
                .iter()
                .map(|l| (l.span, cs::LabelStyle::Secondary, l.message.as_str())),
        );
        let excerpt = Excerpt::new(file.path, file.src, &index, &wanted);
        let mut notes = Vec::new();
        if let Some(note) = excerpt.left_out_note() {
            notes.push(note);
        }
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        if let Some(fix) = &d.fix {
            let kind = match fix.applicability {
                Applicability::Safe => "fix available (--fix)",
                Applicability::Unsafe => "unsafe fix available (--fix --unsafe-fixes)",
            };
            notes.push(format!("[*] {kind}: {}", fix.message));
        }
        let diag = cs::Diagnostic::new(severity)
            .with_code(format!("{}/{}", d.code, d.rule))
            .with_message(&d.message)
            .with_labels(excerpt.labels.clone())
            .with_notes(notes);
        // An I/O error keeps its kind, so the caller can tell a closed pipe.
        term::emit(out, &config, &excerpt, &diag).map_err(|e| match e {
            codespan_reporting::files::Error::Io(e) => e,
            e => std::io::Error::other(e),
        })?;
    }
    Ok(())
}

/// Lines up to this many display columns are shown whole.
const SHORT_LINE: usize = 120;
/// The widest stretch of labelled text one window keeps; labels further
/// apart lose their underline (see [`Excerpt::left_out_note`]) and a longer
/// label is cut.
const MAX_COVER: usize = 80;
/// Context shown either side of the labelled stretch: what fills a window of
/// `SHORT_LINE` columns, and never less than this.
const MIN_CONTEXT: usize = 20;
/// Columns shown of a long line no label starts or ends on (the middle of a
/// label that spans lines).
const HEAD: usize = 80;
/// An ellipsis never hides fewer columns than this: the text is shown instead.
const MIN_CUT: usize = 10;
const ELLIPSIS: &str = "…";

/// Display columns of a grapheme cluster, counted per character with
/// unicode-width as codespan-reporting does when it draws the carets (tabs as
/// its default tab stop), so Hangul and CJK count two.
fn cluster_width(cluster: &str) -> usize {
    cluster
        .chars()
        .map(|c| {
            if c == '\t' {
                4
            } else {
                unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
            }
        })
        .sum()
}

/// The grapheme-cluster boundaries of one line, for cutting it without
/// splitting a cluster. `bounds` are byte offsets into the line (first 0,
/// last its length); `cols[i]` is the display width of the text before
/// `bounds[i]`.
struct Clusters {
    bounds: Vec<usize>,
    cols: Vec<usize>,
}

impl Clusters {
    fn new(line: &str) -> Self {
        let mut bounds = vec![0];
        let mut cols = vec![0];
        let mut col = 0;
        for (at, g) in line.grapheme_indices(true) {
            col += cluster_width(g);
            bounds.push(at + g.len());
            cols.push(col);
        }
        Clusters { bounds, cols }
    }

    fn width(&self) -> usize {
        self.cols.last().copied().unwrap_or(0)
    }

    fn last(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    /// The last boundary at or before byte `at`.
    fn floor(&self, at: usize) -> usize {
        self.bounds.partition_point(|&b| b <= at).saturating_sub(1)
    }

    /// The first boundary at or after byte `at`.
    fn ceil(&self, at: usize) -> usize {
        self.bounds.partition_point(|&b| b < at).min(self.last())
    }

    /// The columns between boundaries `from <= to`.
    fn cols_between(&self, from: usize, to: usize) -> usize {
        self.cols[to].saturating_sub(self.cols[from])
    }

    /// `to`, or the last boundary at most `MAX_COVER` columns after `from`
    /// if `to` is further.
    fn clip(&self, from: usize, to: usize) -> usize {
        if self.cols_between(from, to) <= MAX_COVER {
            return to;
        }
        let limit = self.cols[from] + MAX_COVER;
        self.cols
            .partition_point(|&c| c <= limit)
            .saturating_sub(1)
            .max(from)
    }

    /// The earliest boundary at most `cols` columns before boundary `from`;
    /// the line start when less than `MIN_CUT` would be hidden.
    fn back(&self, from: usize, cols: usize) -> usize {
        let target = self.cols[from].saturating_sub(cols);
        let b = self.cols.partition_point(|&c| c < target).min(from);
        if self.cols[b] < MIN_CUT { 0 } else { b }
    }

    /// The latest boundary at most `cols` columns after boundary `from`; the
    /// line end when less than `MIN_CUT` would be hidden.
    fn forward(&self, from: usize, cols: usize) -> usize {
        let target = self.cols[from] + cols;
        let b = self
            .cols
            .partition_point(|&c| c <= target)
            .saturating_sub(1)
            .max(from);
        if self.width() - self.cols[b] < MIN_CUT {
            self.last()
        } else {
            b
        }
    }
}

/// A long line on its way to a window: its clusters and the stretch of
/// them (boundary indices) the window must show, if any label is on it.
struct Cut {
    clusters: Clusters,
    cover: Option<(usize, usize)>,
}

/// One source line as the excerpt shows it.
#[derive(Debug)]
struct ShownLine {
    /// 0-based line in the real source.
    line: usize,
    /// Where the line sits in `Excerpt::text` (ellipses included).
    range: Range<usize>,
    /// Bytes of the leading ellipsis (0 or 3).
    prefix: usize,
    /// The real bytes shown.
    real: Range<usize>,
    /// The real 1-based column of `real.start`.
    column: usize,
}

/// The text codespan-reporting renders for one diagnostic: the lines it
/// touches, each long one cut to a window around its labels with `…` for
/// what is left out. It implements [`Files`] so line numbers and columns in
/// the output are those of the real file: line indices given to the renderer
/// are real 0-based lines and columns count Unicode scalar values, as
/// [`LineIndex`] does.
struct Excerpt<'a> {
    name: &'a str,
    text: String,
    lines: Vec<ShownLine>,
    /// The labels, with ranges into `text`.
    labels: Vec<cs::Label<()>>,
    /// Secondary labels that did not fit a window: real position, message.
    left_out: Vec<(Position, &'a str)>,
    /// Where the primary label starts, in `text` and in the real file: the
    /// header's position, exact even when the start is in a line break.
    primary: (usize, Position),
}

/// Where a label starts or ends on a line: the real bytes to keep in view.
struct Mark {
    line: usize,
    label: usize,
    lo: usize,
    hi: usize,
}

/// The smallest char boundary of `s` at or after `at`.
fn ceil_char(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at += 1;
    }
    at
}

impl<'a> Excerpt<'a> {
    /// `wanted` lists the labels as (real span, style, message); the first
    /// is the primary one and always stays.
    fn new(
        name: &'a str,
        src: &'a str,
        index: &LineIndex,
        wanted: &[(Span, cs::LabelStyle, &'a str)],
    ) -> Self {
        let spans: Vec<Range<usize>> = wanted
            .iter()
            .map(|(span, _, _)| {
                // Rounded up, as `LineIndex::position` counts an offset
                // inside a character.
                let start = ceil_char(src, span.start);
                start..ceil_char(src, span.end).max(start)
            })
            .collect();

        // Where each label starts and ends; a label on one line is kept in
        // view whole, one over several lines at its two ends.
        let mut marks = Vec::new();
        let mut wanted_lines = Vec::new();
        let mut label_lines = Vec::with_capacity(spans.len());
        for (label, span) in spans.iter().enumerate() {
            let first = index.line_of(span.start);
            let mut last = index.line_of(span.end);
            // A label on a lone `\r` line break is shown at the end of its
            // line, not as a label over two lines.
            if last == first + 1 && src.get(span.clone()) == Some("\r") {
                last = first;
            }
            label_lines.push((first, last));
            if first == last {
                marks.push(Mark {
                    line: first,
                    label,
                    lo: span.start,
                    hi: span.end,
                });
                wanted_lines.push(first);
            } else {
                for (line, at) in [(first, span.start), (last, span.end)] {
                    marks.push(Mark {
                        line,
                        label,
                        lo: at,
                        hi: at,
                    });
                }
                // The renderer shows a few lines after the start and one
                // before the end; the rest become a break.
                if last - first <= 8 {
                    wanted_lines.extend(first..=last);
                } else {
                    wanted_lines.extend(first..=first + 4);
                    wanted_lines.extend(last - 2..=last);
                }
            }
        }
        wanted_lines.sort_unstable();
        wanted_lines.dedup();
        // The renderer fills a gap of one line with that line.
        let gaps: Vec<usize> = wanted_lines
            .windows(2)
            .filter(|w| w[1] == w[0] + 2)
            .map(|w| w[0] + 1)
            .collect();
        wanted_lines.extend(gaps);
        wanted_lines.sort_unstable();
        marks.sort_by_key(|m| (m.line, m.lo, m.hi, m.label));

        // Decide, line by line, which labels fit one window and the stretch
        // (in clusters) the window must show; a label left out of one line
        // is left out everywhere. A label too long for the window keeps its
        // start in view and its underline runs to the `…`.
        let mut dropped = vec![false; spans.len()];
        let mut windows: Vec<(usize, Range<usize>, Option<Cut>)> = Vec::new();
        for &line in &wanted_lines {
            let Some(content) = index.line_content(src, line) else {
                continue;
            };
            let text = src.get(content.clone()).unwrap_or("");
            if text.len() <= SHORT_LINE && !text.contains('\t') {
                windows.push((line, content, None));
                continue;
            }
            let clusters = Clusters::new(text);
            if clusters.width() <= SHORT_LINE {
                windows.push((line, content, None));
                continue;
            }
            let at = |b: usize| b.saturating_sub(content.start);
            let here: Vec<&Mark> = marks
                .iter()
                .filter(|m| m.line == line && !dropped[m.label])
                .collect();
            let anchor = here
                .iter()
                .find(|m| m.label == 0)
                .or_else(|| here.first())
                .copied();
            let cover = anchor.map(|anchor| {
                let mut lo = clusters.floor(at(anchor.lo));
                let mut hi = clusters.clip(lo, clusters.ceil(at(anchor.hi)));
                let mut others: Vec<&&Mark> =
                    here.iter().filter(|m| m.label != anchor.label).collect();
                others.sort_by_key(|m| m.lo.abs_diff(anchor.lo));
                for m in others {
                    let start = clusters.floor(at(m.lo));
                    let end = clusters.clip(start, clusters.ceil(at(m.hi)));
                    if clusters.cols_between(lo.min(start), hi.max(end)) <= MAX_COVER {
                        (lo, hi) = (lo.min(start), hi.max(end));
                    } else if clusters.cols_between(lo.min(start), hi.max(start)) <= MAX_COVER {
                        (lo, hi) = (lo.min(start), hi.max(start));
                    } else {
                        dropped[m.label] = true;
                    }
                }
                (lo, hi)
            });
            windows.push((line, content, Some(Cut { clusters, cover })));
        }

        let mut text = String::new();
        let mut lines = Vec::with_capacity(windows.len());
        for (line, content, cut) in windows {
            let real = match &cut {
                None => content.clone(),
                Some(Cut { clusters, cover }) => {
                    let at = |b: usize| b.saturating_sub(content.start);
                    let (from, to) = match *cover {
                        None => (0, clusters.forward(0, HEAD)),
                        Some((lo, hi)) => {
                            let cover = clusters.cols_between(lo, hi);
                            let context = (SHORT_LINE.saturating_sub(cover) / 2).max(MIN_CONTEXT);
                            // Context a line edge leaves unused goes to the
                            // other side.
                            let before = clusters.cols_between(0, lo);
                            let after = clusters.cols_between(hi, clusters.last());
                            let mut left = context.min(before);
                            let right = 2 * context - left;
                            if right > after {
                                left = (2 * context - after).min(before);
                            }
                            (clusters.back(lo, left), clusters.forward(hi, right))
                        }
                    };
                    // A label on this line alone that starts inside the
                    // window after all keeps its underline.
                    let (shown_lo, shown_hi) = (clusters.bounds[from], clusters.bounds[to]);
                    for m in marks.iter().filter(|m| m.line == line) {
                        let single = label_lines.get(m.label).is_some_and(|(f, l)| f == l);
                        if single && at(m.lo) >= shown_lo && at(m.lo) < shown_hi {
                            dropped[m.label] = false;
                        }
                    }
                    content.start + clusters.bounds[from]..content.start + clusters.bounds[to]
                }
            };
            if !lines.is_empty() {
                text.push('\n');
            }
            let start = text.len();
            let prefix = if real.start > content.start {
                text.push_str(ELLIPSIS);
                ELLIPSIS.len()
            } else {
                0
            };
            text.push_str(src.get(real.clone()).unwrap_or(""));
            if real.end < content.end {
                text.push_str(ELLIPSIS);
            }
            lines.push(ShownLine {
                line,
                range: start..text.len(),
                prefix,
                column: index.position(src, real.start).column,
                real,
            });
        }

        let mut excerpt = Excerpt {
            name,
            text,
            lines,
            labels: Vec::new(),
            left_out: Vec::new(),
            primary: (0, Position { line: 1, column: 1 }),
        };
        for (label, ((_, style, message), span)) in wanted.iter().zip(&spans).enumerate() {
            if dropped[label] {
                excerpt
                    .left_out
                    .push((index.position(src, span.start), *message));
                continue;
            }
            let (first, last) = label_lines.get(label).copied().unwrap_or_default();
            let start = excerpt.map(first, span.start);
            if label == 0 {
                excerpt.primary = (start, index.position(src, span.start));
            }
            let end = excerpt.map(last, span.end).max(start);
            excerpt
                .labels
                .push(cs::Label::new(*style, (), start..end).with_message(*message));
        }
        excerpt
    }

    /// The offset in `text` that shows real offset `at` of `line`: text cut away
    /// before the window maps to the window start, after it to the line end
    /// (so an underline runs on under the `…`).
    fn map(&self, line: usize, at: usize) -> usize {
        let Some(shown) = self.shown(line) else {
            return self.text.len();
        };
        if at < shown.real.start {
            shown.range.start
        } else if at > shown.real.end {
            shown.range.end
        } else {
            shown.range.start + shown.prefix + (at - shown.real.start)
        }
    }

    fn shown(&self, line: usize) -> Option<&ShownLine> {
        self.lines
            .binary_search_by_key(&line, |l| l.line)
            .ok()
            .and_then(|i| self.lines.get(i))
    }

    /// Says where the secondary labels that did not fit are, so nothing is
    /// lost: `also at 4:220, 4:900 (first copy here)`.
    fn left_out_note(&self) -> Option<String> {
        if self.left_out.is_empty() {
            return None;
        }
        let places: Vec<String> = self
            .left_out
            .iter()
            .map(|(p, message)| {
                if message.is_empty() {
                    format!("{}:{}", p.line, p.column)
                } else {
                    format!("{}:{} ({message})", p.line, p.column)
                }
            })
            .collect();
        Some(format!("also at {}", places.join(", ")))
    }
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.text)
    }

    /// The real line shown at `byte_index` of the excerpt.
    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        let i = self
            .lines
            .partition_point(|l| l.range.start <= byte_index)
            .saturating_sub(1);
        Ok(self.lines.get(i).map_or(0, |l| l.line))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, files::Error> {
        Ok(line_index + 1)
    }

    /// The real column: the window's first column plus the characters shown
    /// before `byte_index`.
    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let (at, real) = self.primary;
        if byte_index == at && line_index + 1 == real.line {
            return Ok(real.column);
        }
        let Some(shown) = self.shown(line_index) else {
            return Ok(1);
        };
        let from = shown.range.start + shown.prefix;
        let to = byte_index.clamp(from, from + shown.real.len());
        let before = self.text.get(from..to).map_or(0, |s| s.chars().count());
        Ok(shown.column + before)
    }

    /// The excerpt range of a real line; a line the excerpt does not hold
    /// (one the renderer passes over inside a long multi-line label) is empty.
    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        Ok(self
            .shown(line_index)
            .map_or(self.text.len()..self.text.len(), |l| l.range.clone()))
    }
}

/// Counts for the closing summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    /// Findings with a safe fix.
    pub fixable: usize,
    /// Findings with only an unsafe fix.
    pub unsafe_fixable: usize,
    /// Fixes applied by `--fix` (the findings counted above are what remain).
    pub fixed: usize,
    pub files: usize,
    /// Inputs that could not be read (each already reported on stderr).
    pub unreadable: usize,
}

impl Summary {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => self.fixable += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixable += 1,
                None => {}
            }
        }
    }

    pub fn line(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let remaining = self.errors + self.warnings;
        let mut s = if self.fixed > 0 {
            format!(
                "Fixed {} ({} remaining). ",
                plural(self.fixed, "finding"),
                remaining
            )
        } else {
            String::new()
        };
        s += &if remaining == 0 && self.unreadable > 0 {
            format!("No findings in {} checked.", plural(self.files, "file"))
        } else if remaining == 0 {
            format!(
                "All checks passed ({} checked).",
                plural(self.files, "file")
            )
        } else {
            format!(
                "Found {} and {} in {}.",
                plural(self.errors, "error"),
                plural(self.warnings, "warning"),
                plural(self.files, "file")
            )
        };
        if self.fixable > 0 {
            s.push_str(&format!(" {} fixable with --fix.", self.fixable));
        }
        if self.unreadable > 0 {
            s.push_str(&format!(
                " {} could not be read.",
                plural(self.unreadable, "input")
            ));
        }
        if self.unsafe_fixable > 0 {
            s.push_str(&format!(
                " {} more with --fix --unsafe-fixes.",
                self.unsafe_fixable
            ));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Label;
    use codespan_reporting::files::SimpleFile;
    use codespan_reporting::term::termcolor::NoColor;
    use unicode_width::UnicodeWidthStr;

    fn finding(span: Range<usize>, labels: &[(Range<usize>, &str)]) -> Diagnostic {
        Diagnostic {
            code: "X000",
            rule: "test-rule",
            severity: Severity::Warning,
            message: "something is off".to_string(),
            span: Span::new(span.start, span.end),
            labels: labels
                .iter()
                .map(|(r, m)| Label {
                    span: Span::new(r.start, r.end),
                    message: m.to_string(),
                })
                .collect(),
            help: None,
            fix: None,
        }
    }

    fn render(src: &str, diagnostics: &[Diagnostic]) -> String {
        let mut out = NoColor::new(Vec::new());
        let file = FileFindings {
            path: "d.txt",
            src,
            diagnostics,
        };
        full(&mut out, &file).unwrap();
        String::from_utf8(out.into_inner()).unwrap()
    }

    /// What codespan-reporting prints for the whole file, as `full` did
    /// before it cut long lines.
    fn render_whole(src: &str, d: &Diagnostic) -> String {
        let files = SimpleFile::new("d.txt", src);
        let mut labels = vec![cs::Label::primary((), d.span.start..d.span.end)];
        labels.extend(
            d.labels.iter().map(|l| {
                cs::Label::secondary((), l.span.start..l.span.end).with_message(&l.message)
            }),
        );
        let diag = cs::Diagnostic::warning()
            .with_code("X000/test-rule")
            .with_message(&d.message)
            .with_labels(labels);
        let mut out = NoColor::new(Vec::new());
        term::emit(&mut out, &term::Config::default(), &files, &diag).unwrap();
        String::from_utf8(out.into_inner()).unwrap()
    }

    /// The source lines shown (text after `│ `), by line number.
    fn shown_lines(out: &str) -> Vec<(usize, String)> {
        out.lines()
            .filter_map(|l| {
                let (gutter, rest) = l.split_once(" │ ")?;
                let n = gutter.trim().parse().ok()?;
                Some((n, rest.to_string()))
            })
            .collect()
    }

    /// For each source line followed by a line of markers, the runs of
    /// source text above `marker`, found by display column.
    fn underlined(out: &str, marker: char) -> Vec<String> {
        let lines: Vec<&str> = out.lines().collect();
        let mut found = Vec::new();
        for pair in lines.windows(2) {
            let (Some((gutter, text)), Some((_, marks))) =
                (pair[0].split_once(" │ "), pair[1].split_once(" │ "))
            else {
                continue;
            };
            if gutter.trim().parse::<usize>().is_err() || !marks.contains(marker) {
                continue;
            }
            let marked: Vec<bool> = marks.chars().map(|c| c == marker).collect();
            let mut col = 0;
            let mut run = String::new();
            for c in text.chars() {
                let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if marked.get(col).copied().unwrap_or(false) {
                    run.push(c);
                } else if !run.is_empty() {
                    found.push(std::mem::take(&mut run));
                }
                col += w;
            }
            if !run.is_empty() {
                found.push(run);
            }
        }
        found
    }

    fn locus(out: &str) -> String {
        out.lines()
            .find_map(|l| l.trim_start().strip_prefix("┌─ "))
            .unwrap_or_default()
            .to_string()
    }

    /// An invented abstract-like line of `words` words.
    fn long_english(words: usize) -> String {
        let pool = [
            "lantern",
            "maps",
            "are",
            "traced",
            "by",
            "volunteers",
            "who",
            "mark",
            "corners",
            "of",
            "each",
            "symbol",
            "and",
            "street",
            "name",
            "on",
            "folded",
            "paper",
        ];
        (0..words)
            .map(|i| pool[(i * 5 + i / 18) % pool.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn short_lines_render_as_before() {
        let src =
            "2025년 4월 25일\nA Title\n(Ann Lee)\n가나다 라마 바사.\nShort text \\% here.\n#tag\n";
        let at = src.find("\\%").unwrap();
        let tag = src.find("#tag").unwrap();
        let cases = [
            finding(at..at + 2, &[]),
            finding(at..at + 2, &[(tag..tag + 4, "this tag")]),
            finding(src.find("가나").unwrap()..at + 2, &[]),
            finding(src.len()..src.len(), &[]),
        ];
        for d in &cases {
            assert_eq!(render(src, std::slice::from_ref(d)), render_whole(src, d));
        }
    }

    #[test]
    fn long_line_is_cut_around_the_span() {
        let line = long_english(300);
        let at = line.char_indices().nth(1000).unwrap().0;
        let at = at + line[at..].find(' ').unwrap() + 1;
        let word_end = at + line[at..].find(' ').unwrap();
        let src = format!("2025년 4월 25일\nA Title\n{line}\n#tag\n");
        let start = src.find(&line).unwrap() + at;
        let end = start + (word_end - at);
        let out = render(&src, &[finding(start..end, &[])]);
        let column = line[..at].chars().count() + 1;
        assert_eq!(locus(&out), format!("d.txt:3:{column}"));
        let shown = shown_lines(&out);
        assert_eq!(shown.len(), 1);
        let (number, text) = &shown[0];
        assert_eq!(*number, 3);
        assert!(
            text.starts_with(ELLIPSIS) && text.ends_with(ELLIPSIS),
            "{text}"
        );
        let width = text.width();
        assert!(
            (SHORT_LINE..=SHORT_LINE + 2).contains(&width),
            "{width}: {text}"
        );
        // What is shown is the real text, cut at clusters.
        let inner = &text[ELLIPSIS.len()..text.len() - ELLIPSIS.len()];
        assert!(line.contains(inner));
        assert_eq!(underlined(&out, '^'), vec![src[start..end].to_string()]);
    }

    #[test]
    fn no_ellipsis_at_a_line_edge() {
        let line = long_english(200);
        let src = format!("{line}\n");
        let first = 0..line.find(' ').unwrap();
        let last = line.rfind(' ').unwrap() + 1..line.len();
        let out = render(&src, &[finding(first.clone(), &[])]);
        let (_, text) = &shown_lines(&out)[0];
        assert!(
            !text.starts_with(ELLIPSIS) && text.ends_with(ELLIPSIS),
            "{text}"
        );
        assert_eq!(underlined(&out, '^'), vec![line[first].to_string()]);
        assert_eq!(locus(&out), "d.txt:1:1");
        let out = render(&src, &[finding(last.clone(), &[])]);
        let (_, text) = &shown_lines(&out)[0];
        assert!(
            text.starts_with(ELLIPSIS) && !text.ends_with(ELLIPSIS),
            "{text}"
        );
        assert_eq!(underlined(&out, '^'), vec![line[last.clone()].to_string()]);
        assert_eq!(
            locus(&out),
            format!("d.txt:1:{}", line[..last.start].chars().count() + 1)
        );
    }

    #[test]
    fn korean_counts_double_width_and_real_columns() {
        let line = "가상의 지도를 손으로 따라 그리는 일은 오래 걸립니다. ".repeat(20);
        let target = "지도를";
        let nth = line.match_indices(target).nth(12).unwrap().0;
        let src = format!("2025년 4월 25일\n{line}\n");
        let start = src.find(&line).unwrap() + nth;
        let out = render(&src, &[finding(start..start + target.len(), &[])]);
        assert_eq!(
            locus(&out),
            format!("d.txt:2:{}", line[..nth].chars().count() + 1)
        );
        let (_, text) = &shown_lines(&out)[0];
        // About SHORT_LINE columns, so about half as many Hangul.
        let width = text.width();
        assert!(
            (SHORT_LINE - 2..=SHORT_LINE + 2).contains(&width),
            "{width}"
        );
        assert!(text.chars().count() < 80, "{text}");
        assert_eq!(underlined(&out, '^'), vec![target.to_string()]);
    }

    #[test]
    fn never_splits_a_grapheme_cluster() {
        // `e` + combining acute and a family emoji, each one cluster of
        // several chars, in a long line.
        let unit = "cafe\u{301} 👨\u{200d}👩\u{200d}👧 ";
        let line = unit.repeat(60);
        let src = format!("{line}\n");
        let clusters: Vec<usize> = line.grapheme_indices(true).map(|(i, _)| i).collect();
        for nth in [5usize, 17, 100, 211, 290] {
            let at = line.match_indices("cafe").nth(nth % 60).unwrap().0;
            let out = render(&src, &[finding(at..at + 4, &[])]);
            let (_, text) = &shown_lines(&out)[0];
            let inner = text.trim_start_matches(ELLIPSIS).trim_end_matches(ELLIPSIS);
            let from = line.find(inner).unwrap();
            assert!(clusters.contains(&from));
            assert!(clusters.contains(&(from + inner.len())) || from + inner.len() == line.len());
            // The span (`cafe`, without its combining accent) is still
            // marked where it is.
            assert_eq!(
                locus(&out),
                format!("d.txt:1:{}", line[..at].chars().count() + 1)
            );
        }
    }

    #[test]
    fn far_labels_become_a_note_and_near_ones_stay() {
        let line = long_english(400);
        let src = format!("{line}\n");
        let words: Vec<usize> = line.match_indices("volunteers").map(|(i, _)| i).collect();
        // The word two after the primary one.
        let near = words[10] + "volunteers ".len();
        let near = near + line[near..].find(' ').unwrap() + 1;
        let near = near..near + line[near..].find(' ').unwrap();
        let far = *words.iter().find(|&&w| w > words[10] + 1000).unwrap();
        let span = |w: usize| w..w + "volunteers".len();
        let d = finding(
            span(words[10]),
            &[(near.clone(), "near here"), (span(far), "far away")],
        );
        let out = render(&src, &[d]);
        assert_eq!(underlined(&out, '^'), vec!["volunteers".to_string()]);
        assert_eq!(underlined(&out, '-'), vec![line[near].to_string()]);
        assert!(out.contains("near here"));
        let far_column = line[..far].chars().count() + 1;
        assert!(
            out.contains(&format!("= also at 1:{far_column} (far away)")),
            "{out}"
        );
    }

    #[test]
    fn whole_line_span_is_cut_and_underlined_to_the_ellipsis() {
        let line = long_english(300);
        let src = format!("{line}\n");
        let out = render(&src, &[finding(0..line.len(), &[])]);
        let (_, text) = &shown_lines(&out)[0];
        assert!(text.ends_with(ELLIPSIS));
        assert!(text.width() <= SHORT_LINE + 1);
        assert_eq!(underlined(&out, '^'), vec![text.clone()]);
    }

    #[test]
    fn multi_line_span_over_long_lines() {
        let long = long_english(250);
        let src = format!("title\n{long}\n짧은 줄\n{long}\n#tag\n");
        let line2 = src.find(&long).unwrap();
        let line4 = src.rfind(&long).unwrap();
        let start = line2 + long.char_indices().nth(700).unwrap().0;
        let end = line4 + long.char_indices().nth(900).unwrap().0;
        let out = render(&src, &[finding(start..end, &[])]);
        assert_eq!(locus(&out), "d.txt:2:701");
        let shown = shown_lines(&out);
        let numbers: Vec<usize> = shown.iter().map(|(n, _)| *n).collect();
        assert_eq!(numbers, vec![2, 3, 4]);
        for (n, text) in &shown {
            assert!(text.width() < SHORT_LINE + 10, "line {n}: {text}");
        }
        assert!(shown[0].1.contains(ELLIPSIS));
        assert!(shown[1].1.contains("짧은 줄"));
        assert!(out.contains('╭') && out.contains('╰'), "{out}");
    }

    #[test]
    fn excerpt_maps_spans_to_the_same_text() {
        let line = "긴 한국어 문장과 English words 섞인 줄입니다. ".repeat(40);
        let src = format!("head\n{line}\n{line}\n");
        let index = LineIndex::new(&src);
        let second = src.find(&line).unwrap();
        let third = src.rfind(&line).unwrap();
        let a = second + line.match_indices("English").nth(20).unwrap().0;
        let b = third + line.match_indices("섞인").nth(3).unwrap().0;
        let wanted = [
            (Span::new(a, a + 7), cs::LabelStyle::Primary, ""),
            (
                Span::new(b, b + "섞인".len()),
                cs::LabelStyle::Secondary,
                "here",
            ),
        ];
        let excerpt = Excerpt::new("d.txt", &src, &index, &wanted);
        assert_eq!(excerpt.labels.len(), 2);
        assert_eq!(&excerpt.text[excerpt.labels[0].range.clone()], "English");
        assert_eq!(&excerpt.text[excerpt.labels[1].range.clone()], "섞인");
        let loc = excerpt.location((), excerpt.labels[1].range.start).unwrap();
        let real = index.position(&src, b);
        assert_eq!(
            (loc.line_number, loc.column_number),
            (real.line, real.column)
        );
    }

    proptest::proptest! {
        /// Any text and any spans (even inside characters): no panic, and
        /// the header names the real line and column.
        #[test]
        fn any_span_renders_at_its_real_position(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    30 => proptest::sample::select(vec![
                        "a", "word ", "가나다 ", "e\u{301}", "👩\u{200d}👧", "\t", "\\%",
                    ]),
                    1 => proptest::sample::select(vec!["\n", "\r\n", "\r"]),
                ],
                0..800,
            ),
            spans in proptest::collection::vec((0usize..3000, 0usize..3000), 1..4),
        ) {
            let src: String = pieces.concat();
            let index = LineIndex::new(&src);
            let clamp = |x: usize| x.min(src.len());
            let ranges: Vec<Range<usize>> = spans
                .iter()
                .map(|&(a, b)| clamp(a.min(b))..clamp(a.max(b)))
                .collect();
            let labels: Vec<(Range<usize>, &str)> =
                ranges[1..].iter().map(|r| (r.clone(), "note")).collect();
            let out = render(&src, &[finding(ranges[0].clone(), &labels)]);
            let p = index.position(&src, ranges[0].start);
            proptest::prop_assert_eq!(locus(&out), format!("d.txt:{}:{}", p.line, p.column));
            // Bounded lines (the slack is the gutter of multi-line labels).
            for (n, text) in shown_lines(&out) {
                proptest::prop_assert!(
                    text.width() <= SHORT_LINE + 2 * MIN_CUT + 2 + 8,
                    "line {} is {} wide", n, text.width()
                );
            }
        }
    }

    #[test]
    fn lone_carriage_return_is_marked_at_its_line_end() {
        let src = "first line\rsecond line\n";
        let out = render(src, &[finding(10..11, &[])]);
        assert_eq!(locus(&out), "d.txt:1:11");
        assert!(!out.contains('\r'));
        assert_eq!(shown_lines(&out), vec![(1, "first line".to_string())]);
    }

    #[test]
    fn summary_lines() {
        let mut s = Summary {
            files: 2,
            ..Summary::default()
        };
        assert_eq!(s.line(), "All checks passed (2 files checked).");
        s.errors = 1;
        s.warnings = 2;
        s.fixable = 2;
        s.fixed = 3;
        assert_eq!(
            s.line(),
            "Fixed 3 findings (3 remaining). Found 1 error and 2 warnings in 2 files. 2 fixable with --fix."
        );
        let broken = Summary {
            unreadable: 1,
            ..Summary::default()
        };
        assert_eq!(
            broken.line(),
            "No findings in 0 files checked. 1 input could not be read."
        );
    }
}
