//! The part of a file that `full` shows for one finding: the lines its
//! labels touch, long lines cut to a window around the labels.

use crate::syntax::Span;
use crate::syntax::line_index::{LineIndex, Position};
use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{self, Files};
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

pub(super) const SHORT_LINE: usize = 120;
/// The widest stretch of labelled text one window keeps; labels further
/// apart lose their underline (see [`Excerpt::left_out_note`]) and a longer
/// label is cut.
pub(super) const MAX_COVER: usize = 80;
/// Context shown either side of the labelled stretch: what fills a window of
/// `SHORT_LINE` columns, and never less than this.
pub(super) const MIN_CONTEXT: usize = 20;
/// Columns shown of a long line no label starts or ends on (the middle of a
/// label that spans lines).
pub(super) const HEAD: usize = 80;
/// An ellipsis never hides fewer columns than this: the text is shown instead.
pub(super) const MIN_CUT: usize = 10;
pub(super) const ELLIPSIS: &str = "…";

/// Display columns of a grapheme cluster, counted per character with
/// unicode-width as codespan-reporting does when it draws the carets (tabs as
/// its default tab stop), so Hangul and CJK count two.
pub(super) fn cluster_width(cluster: &str) -> usize {
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

/// Whether `c` is a grapheme cluster of its own wherever it stands in a
/// line of such characters: none of them extends or joins a cluster (no
/// combining mark, joiner, variation selector, Hangul jamo, regional
/// indicator, or line break). Printable ASCII and the tab, Latin-1 but the
/// soft hyphen, general punctuation, arrows and mathematical operators,
/// CJK ideographs, Hangul syllables and full-width forms.
fn stands_alone(c: char) -> bool {
    matches!(c,
        '\t'
        | ' '..='~'
        | '\u{A0}'..='\u{AC}'
        | '\u{AE}'..='\u{FF}'
        | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}'
        | '\u{2190}'..='\u{22FF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{FF01}'..='\u{FF60}')
}

/// [`cluster_width`] of a character that [`stands_alone`], without a
/// look-up for the common ones.
fn alone_width(c: char) -> usize {
    match c {
        ' '..='~' => 1,
        '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}' | '\u{FF01}'..='\u{FF60}' => 2,
        _ => cluster_width(c.encode_utf8(&mut [0; 4])),
    }
}

/// The grapheme-cluster boundaries of one line, for cutting it without
/// splitting a cluster. `bounds` are byte offsets into the line (first 0,
/// last its length); `cols[i]` is the display width of the text before
/// `bounds[i]`.
struct Clusters {
    bounds: Vec<usize>,
    cols: Vec<usize>,
    /// `chars[i]`: the characters (Unicode scalar values) before
    /// `bounds[i]`, for real columns without counting from the line start.
    chars: Vec<usize>,
}

#[cfg(test)]
thread_local! {
    /// How many lines were cut into clusters on this thread, for the test
    /// that rendering many findings on one line reads the line once.
    pub(super) static CLUSTERED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// How many of them were read through the grapheme-cluster rules.
    static SEGMENTED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl Clusters {
    fn new(line: &str) -> Self {
        #[cfg(test)]
        CLUSTERED.with(|c| c.set(c.get() + 1));
        let mut bounds = vec![0];
        let mut cols = vec![0];
        let mut chars = vec![0];
        let (mut col, mut count) = (0, 0);
        // Most lines are of characters that each stand alone (Latin,
        // Hangul syllables, common punctuation): one at a time, with no
        // look at cluster rules and no table for the common widths.
        if line.chars().all(stands_alone) {
            for (at, c) in line.char_indices() {
                col += alone_width(c);
                count += 1;
                bounds.push(at + c.len_utf8());
                cols.push(col);
                chars.push(count);
            }
            return Clusters {
                bounds,
                cols,
                chars,
            };
        }
        #[cfg(test)]
        SEGMENTED.with(|c| c.set(c.get() + 1));
        for (at, g) in line.grapheme_indices(true) {
            col += cluster_width(g);
            count += g.chars().count();
            bounds.push(at + g.len());
            cols.push(col);
            chars.push(count);
        }
        Clusters {
            bounds,
            cols,
            chars,
        }
    }

    /// The characters of the line before byte `at`, a character that
    /// `at` falls inside counted (as [`LineIndex::position`] counts).
    fn chars_before(&self, line: &str, at: usize) -> usize {
        let b = self.floor(at);
        let from = self.bounds.get(b).copied().unwrap_or(0);
        let base = self.chars.get(b).copied().unwrap_or(0);
        base + line
            .get(from..)
            .unwrap_or("")
            .char_indices()
            .take_while(|(i, _)| from + i < at)
            .count()
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

/// The long lines of one file cut into clusters, each once however many
/// findings it holds (a tags line with thousands of findings is read once,
/// not once per finding), and positions on them without counting from the
/// line start.
pub(super) struct LongLines<'a> {
    src: &'a str,
    index: &'a LineIndex,
    cut: std::cell::RefCell<std::collections::HashMap<usize, std::rc::Rc<Clusters>>>,
}

impl<'a> LongLines<'a> {
    pub(super) fn new(src: &'a str, index: &'a LineIndex) -> Self {
        LongLines {
            src,
            index,
            cut: std::cell::RefCell::new(std::collections::HashMap::new()),
        }
    }

    /// The clusters of a line, cut the first time they are asked for.
    fn clusters(&self, line: usize, text: &str) -> std::rc::Rc<Clusters> {
        std::rc::Rc::clone(
            self.cut
                .borrow_mut()
                .entry(line)
                .or_insert_with(|| std::rc::Rc::new(Clusters::new(text))),
        )
    }

    /// [`LineIndex::position`], through the clusters of a long line already
    /// cut.
    fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.src.len());
        let line = self.index.line_of(offset);
        let cut = self.cut.borrow().get(&line).map(std::rc::Rc::clone);
        match (cut, self.index.line_content(self.src, line)) {
            (Some(clusters), Some(content)) if offset <= content.end => {
                let text = self.src.get(content.clone()).unwrap_or("");
                Position {
                    line: line + 1,
                    column: clusters.chars_before(text, offset - content.start) + 1,
                }
            }
            _ => self.index.position(self.src, offset),
        }
    }
}

/// [`LongLines::position`], for tests.
#[cfg(test)]
pub(super) fn long_position(long: &LongLines<'_>, offset: usize) -> Position {
    long.position(offset)
}

/// A long line on its way to a window: its clusters and the stretch of
/// them (boundary indices) the window must show, if any label is on it.
struct Cut {
    clusters: std::rc::Rc<Clusters>,
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
pub(super) struct Excerpt<'a> {
    name: &'a str,
    pub(super) text: String,
    lines: Vec<ShownLine>,
    /// The labels, with ranges into `text`.
    pub(super) labels: Vec<cs::Label<()>>,
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
    pub(super) fn new(
        name: &'a str,
        src: &'a str,
        long: &LongLines<'_>,
        wanted: &[(Span, cs::LabelStyle, &'a str)],
    ) -> Self {
        let index = long.index;
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
            let clusters = long.clusters(line, text);
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
                column: long.position(real.start).column,
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
                excerpt.left_out.push((long.position(span.start), *message));
                continue;
            }
            let (first, last) = label_lines.get(label).copied().unwrap_or_default();
            let start = excerpt.map(first, span.start);
            if label == 0 {
                excerpt.primary = (start, long.position(span.start));
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
    pub(super) fn left_out_note(&self) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// On a line of ASCII letters, boundary `k` is column `k`.
    #[test]
    fn back_takes_the_earliest_boundary_in_reach() {
        let c = Clusters::new(&"x".repeat(100));
        // Exactly `cols` columns back is in reach.
        assert_eq!(c.back(50, 20), 30);
        // A cut that hides `MIN_CUT` columns is made; one that hides
        // fewer is not: the excerpt starts at the line start.
        assert_eq!(c.back(30, 20), MIN_CUT);
        assert_eq!(c.back(25, 20), 0);
        // Never past `from`.
        assert_eq!(c.back(40, 0), 40);
    }

    #[test]
    fn forward_takes_the_latest_boundary_in_reach() {
        let c = Clusters::new(&"x".repeat(100));
        assert_eq!(c.forward(50, 20), 70);
        // Hiding `MIN_CUT` columns at the end is a cut; fewer is not: the
        // excerpt goes to the line end.
        assert_eq!(c.forward(70, 20), 100 - MIN_CUT);
        assert_eq!(c.forward(75, 20), 100);
        assert_eq!(c.forward(40, 0), 40);
    }

    /// The excerpt of `src` for one primary label over `span`.
    fn primary_at(src: &str, span: Span) -> Excerpt<'_> {
        let index = LineIndex::new(src);
        let long = LongLines::new(src, &index);
        Excerpt::new(
            "a.txt",
            src,
            &long,
            &[(span, cs::LabelStyle::Primary, "here")],
        )
    }

    #[test]
    fn a_label_at_a_cut_is_underlined_inside_the_ellipses() {
        // Forty emoji joined into one cluster of 80 columns, more than the
        // context kept before a short label (57): the window cannot step
        // back over it, so it starts at the label itself, behind a `…`.
        let joined = vec!["\u{1f469}"; 40].join("\u{200d}");
        let src = format!("{}{joined}TARGET{}\n", "x".repeat(200), "y".repeat(200));
        let Some(start) = src.find("TARGET") else {
            panic!("no target");
        };
        let excerpt = primary_at(&src, Span::new(start, start + "TARGET".len()));
        assert!(excerpt.text.starts_with("…TARGETy"), "{:?}", excerpt.text);
        let range = excerpt.labels.first().map(|l| l.range.clone());
        assert_eq!(range, Some(ELLIPSIS.len()..ELLIPSIS.len() + "TARGET".len()));
        // The same cluster after the label: the window ends with the label,
        // and the underline stops before the `…`.
        let src = format!("{}TARGET{joined}{}\n", "x".repeat(200), "y".repeat(200));
        let excerpt = primary_at(&src, Span::new(200, 200 + "TARGET".len()));
        assert!(excerpt.text.ends_with("xTARGET…"), "{:?}", excerpt.text);
        let range = excerpt.labels.first().map(|l| l.range.clone());
        let end = excerpt.text.len() - ELLIPSIS.len();
        assert_eq!(range, Some(end - "TARGET".len()..end));
    }

    #[test]
    fn columns_are_real_columns_and_the_primary_start_is_exact() {
        // The primary label starts inside the line break `\r\n`: the
        // window shows `ab` only, and its header column is the real one.
        let src = "ab\r\ncd\n";
        let excerpt = primary_at(src, Span::new(3, 3));
        let real = LineIndex::new(src).position(src, 3);
        let column = |byte| excerpt.column_number((), 0, byte).ok();
        assert_eq!(column(excerpt.primary.0), Some(real.column));
        assert_eq!(real.column, 4);
        // Other bytes of that line: their own columns, up to the line end.
        assert_eq!(column(0), Some(1));
        assert_eq!(column(1), Some(2));
        // A cut line: the window's first column plus the characters shown.
        let src = format!("{}TARGET{}\n", "가".repeat(100), "y".repeat(200));
        let excerpt = primary_at(&src, Span::new(300, 306));
        let Some(shown) = excerpt.lines.first() else {
            panic!("no line shown");
        };
        assert!(shown.prefix > 0 && shown.column > 1, "{:?}", excerpt.text);
        let at = excerpt.primary.0;
        assert_eq!(excerpt.column_number((), 0, at).ok(), Some(101));
        assert_eq!(excerpt.column_number((), 0, at + 2).ok(), Some(103));
        let first = shown.range.start + shown.prefix;
        assert_eq!(excerpt.column_number((), 0, first).ok(), Some(shown.column));
    }

    #[test]
    fn characters_that_stand_alone_are_clusters_of_their_own() {
        // Every such character, beside itself and beside others, against
        // the grapheme reading and unicode-width.
        let alone: Vec<char> = (0..=0xFFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| stands_alone(c))
            .collect();
        assert!(alone.len() > 32_000, "{}", alone.len());
        for &c in &alone {
            let s = c.encode_utf8(&mut [0; 4]).to_string();
            assert_eq!(alone_width(c), cluster_width(&s), "{c:?}");
        }
        let mut line = String::new();
        for (i, &c) in alone.iter().enumerate() {
            line.push(c);
            line.push(alone[(i * 7919) % alone.len()]);
            if i % 512 == 511 {
                let graphemes: Vec<&str> = line.graphemes(true).collect();
                assert_eq!(graphemes.len(), line.chars().count(), "{line:?}");
                line.clear();
            }
        }
        // A line with a character that joins others takes the grapheme
        // reading: an accent after `e`, Hangul jamo, an emoji sequence.
        for line in [
            "cafe\u{301} au lait",
            "\u{1112}\u{1161}\u{11AB} text",
            "a \u{1F469}\u{200D}\u{1F4BB} b",
        ] {
            assert!(!line.chars().all(stands_alone));
            let c = Clusters::new(line);
            assert_eq!(c.last(), line.graphemes(true).count(), "{line:?}");
        }
        // The fast reading gives what the grapheme reading would, and
        // such a line is not read through the cluster rules.
        let line = "Korean 한국어 and “quotes” — 中文 ＡＢ\t·";
        let segmented = SEGMENTED.with(std::cell::Cell::get);
        let c = Clusters::new(line);
        assert_eq!(SEGMENTED.with(std::cell::Cell::get), segmented);
        let widths: Vec<usize> = line.graphemes(true).map(cluster_width).collect();
        assert_eq!(c.last(), widths.len());
        assert_eq!(c.width(), widths.iter().sum::<usize>());
        assert_eq!(c.chars.last(), Some(&line.chars().count()));
    }

    #[test]
    fn wide_clusters_count_two_columns() {
        // `가` is two columns: boundary `k` is column `2k`.
        let c = Clusters::new(&"가".repeat(50));
        assert_eq!(c.back(40, 20), 30);
        assert_eq!(c.back(10, 10), 5);
        assert_eq!(c.back(6, 10), 0);
    }
}
