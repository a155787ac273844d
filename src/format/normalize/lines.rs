//! Whole lines and the gaps between them: the authors line, the date
//! header and blank lines between and inside entries.

use super::{has_control, is_deletable_blank};
use crate::syntax::date;
use crate::syntax::parser;
use crate::syntax::text::is_blank;
use crate::syntax::{Digest, Item, LineKind};
use std::borrow::Cow;
use std::ops::Range;

// ------------------------------------------------------ authors, date --

/// An authors line in canonical form: `(` names joined by `, ` `)`, no
/// space inside the parentheses. Only white space changes (and fullwidth
/// parentheses and commas become ASCII); an empty name keeps its comma so
/// the line still shows the mistake. A line holding a control character is
/// left as it is: the parser trims a vertical tab or form feed like white
/// space, and rebuilding the line would drop it.
pub fn canonical_authors(line: &str) -> Cow<'_, str> {
    if has_control(line) {
        return Cow::Borrowed(line);
    }
    let authors = parser::parse_authors(line, 0, 0);
    if authors.open.is_empty() {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 8);
    out.push('(');
    for (i, name) in authors.names.iter().enumerate() {
        let name = name.text(line);
        if i > 0 {
            out.push(',');
            if !name.is_empty() {
                out.push(' ');
            }
        }
        out.push_str(name);
    }
    if authors.close.is_some() {
        out.push(')');
    }
    if out == line {
        Cow::Borrowed(line)
    } else {
        Cow::Owned(out)
    }
}

/// The canonical header for a line that reads as a valid date in any shape
/// the parser accepts (`2025-04-25` → `2025년 4월 25일`); `None` when the
/// line is not a date or not a real one.
pub fn canonical_header(line: &str) -> Option<String> {
    let d = date::parse_header(line)?.date();
    // A weekday that contradicts the date is kept for a person to resolve.
    let weekday_fits = date::stated_weekday(line).is_none_or(|w| w == d.weekday());
    (d.is_valid() && weekday_fits)
        .then(|| d.header())
        .filter(|h| h != line)
}

// ------------------------------------------------------- blank lines --

/// Where a run of blank lines sits, and how many the format wants there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlankPlace {
    /// Inside an entry: none wanted.
    InsideEntry,
    /// Before the first line of text: none wanted.
    StartOfFile,
    /// Between the date header and what follows it: none wanted, or the
    /// separator when an entry follows.
    AfterHeader,
    /// Between two entries: exactly the configured number.
    BetweenEntries,
    /// Next to a line outside any entry: at most the configured number.
    NextToStray,
}

/// A run of blank lines (or a missing one) that is not as wanted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlankGap {
    pub place: BlankPlace,
    /// The blank lines of the run (empty when lines are missing), as line
    /// indices.
    pub lines: Range<usize>,
    /// How many blank lines the format wants here.
    pub wanted: usize,
    /// The lines to delete: the run's first lines, beyond `wanted`.
    pub delete: Range<usize>,
    /// How many blank lines to add before line `lines.end` (the next text
    /// line) when the run is short.
    pub insert: usize,
    /// The entry a blank line sits inside (its first line), for
    /// [`BlankPlace::InsideEntry`].
    pub entry_start: Option<usize>,
}

/// Every run of blank lines that is not as the format wants, in order.
/// Blank lines at the end of the file are left out: they are the business
/// of the final-newline rule. `between_entries` is the configured
/// separator (0 or 1).
pub fn blank_gaps(digest: &Digest<'_>, between_entries: usize) -> Vec<BlankGap> {
    #[derive(Clone, Copy, PartialEq)]
    enum Prev {
        Nothing,
        Header,
        Entry,
        Stray,
    }
    let mut gaps = Vec::new();
    let mut prev = Prev::Nothing;
    let mut run: Option<Range<usize>> = None;
    for item in &digest.items {
        let (this, first) = match item {
            // A "blank" line that holds a control character stays, like a
            // line of text outside any entry.
            Item::Blank(l) if !is_deletable_blank(digest.line_text(*l)) => (Prev::Stray, *l),
            Item::Blank(l) => {
                match &mut run {
                    Some(r) => r.end = l + 1,
                    None => run = Some(*l..l + 1),
                }
                continue;
            }
            Item::Header(l) => (Prev::Header, *l),
            Item::Stray(l) => (Prev::Stray, *l),
            Item::Entry(e) => (Prev::Entry, e.lines.start),
        };
        let found = run.take().unwrap_or(first..first);
        let (place, wanted, exact) = match (prev, this) {
            (Prev::Nothing, _) => (BlankPlace::StartOfFile, 0, true),
            // The header is set apart from the first entry like entries are
            // from each other.
            (Prev::Header, Prev::Entry) => (BlankPlace::AfterHeader, between_entries, true),
            (Prev::Header, _) => (BlankPlace::AfterHeader, 0, true),
            (Prev::Entry, Prev::Entry) => (BlankPlace::BetweenEntries, between_entries, true),
            _ => (BlankPlace::NextToStray, between_entries, false),
        };
        let n = found.len();
        if n > wanted || (exact && n < wanted) {
            let extra = n.saturating_sub(wanted);
            gaps.push(BlankGap {
                place,
                lines: found.clone(),
                wanted,
                delete: found.start..found.start + extra,
                insert: wanted.saturating_sub(n),
                entry_start: None,
            });
        }
        if let Item::Entry(e) = item {
            inside_entry(digest, e.lines.clone(), &mut gaps);
        }
        prev = this;
    }
    gaps
}

/// Runs of blank lines inside one entry.
fn inside_entry(digest: &Digest<'_>, lines: Range<usize>, gaps: &mut Vec<BlankGap>) {
    let entry_start = lines.start;
    let mut run: Option<Range<usize>> = None;
    for l in lines {
        let blank = digest.lines.get(l).is_some_and(|line| {
            (line.kind == LineKind::Blank || is_blank(digest.line_text(l)))
                && is_deletable_blank(digest.line_text(l))
        });
        if blank {
            match &mut run {
                Some(r) => r.end = l + 1,
                None => run = Some(l..l + 1),
            }
        } else if let Some(r) = run.take() {
            gaps.push(inside(r, entry_start));
        }
    }
    if let Some(r) = run {
        gaps.push(inside(r, entry_start));
    }
}

/// A run of blank lines inside an entry: all of them go.
fn inside(lines: Range<usize>, entry_start: usize) -> BlankGap {
    BlankGap {
        place: BlankPlace::InsideEntry,
        lines: lines.clone(),
        wanted: 0,
        delete: lines,
        insert: 0,
        entry_start: Some(entry_start),
    }
}
