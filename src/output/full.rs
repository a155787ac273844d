//! `--output-format full` (the default): codespan-reporting's view of each
//! finding with the source lines around it.

use super::FileFindings;
use super::excerpt::{Excerpt, LongLines};
use crate::diagnostic::{Applicability, Severity};
use crate::syntax::line_index::LineIndex;
use codespan_reporting::diagnostic as cs;
use codespan_reporting::term::{self, termcolor::WriteColor};

/// codespan-reporting's rich view, with the source lines (long lines cut to
/// a window around the labels, see [`Excerpt`]).
pub fn full(out: &mut dyn WriteColor, file: &FileFindings<'_>) -> std::io::Result<()> {
    let index = LineIndex::new(file.src);
    // Long lines are cut into clusters once for all the findings on them.
    let long = LongLines::new(file.src, &index);
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
                .map(|l| (l.span, cs::LabelStyle::Secondary, &*l.message)),
        );
        let excerpt = Excerpt::new(file.path, file.src, &long, &wanted);
        let mut notes = Vec::new();
        if let Some(note) = excerpt.left_out_note() {
            notes.push(note);
        }
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        if let Some(fix) = &d.fix {
            let kind = match fix.applicability {
                Applicability::Safe => "[*] fix available (--fix)",
                Applicability::Unsafe => "[?] unsafe fix available (--fix --unsafe-fixes)",
            };
            notes.push(format!("{kind}: {}", fix.message));
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

#[cfg(test)]
mod tests {
    use super::super::excerpt::*;
    use super::super::excerpt::{CLUSTERED, long_position};
    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::diagnostic::Label;
    use crate::syntax::Span;
    use codespan_reporting::files::Files;
    use codespan_reporting::files::SimpleFile;
    use codespan_reporting::term::termcolor::NoColor;
    use std::ops::Range;
    use unicode_segmentation::UnicodeSegmentation;
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
                    message: m.to_string().into(),
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
        let long = LongLines::new(&src, &index);
        let excerpt = Excerpt::new("d.txt", &src, &long, &wanted);
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

    /// Issue 12, finding 5: thousands of findings on one long line made
    /// `full` cut the line into clusters (and count its characters) once
    /// per finding. The line is now read once for all of them: the count
    /// of lines clustered does not grow with the findings.
    #[test]
    fn many_findings_on_one_long_line_cut_it_once() {
        let clustered = |n: usize| {
            let src = format!("{}\n", "# ".repeat(n));
            let found: Vec<Diagnostic> = (0..n).map(|i| finding(2 * i..2 * i + 1, &[])).collect();
            let before = CLUSTERED.with(std::cell::Cell::get);
            let out = render(&src, &found);
            assert_eq!(out.matches("X000/test-rule").count(), n);
            CLUSTERED.with(std::cell::Cell::get) - before
        };
        assert_eq!(clustered(100), 1);
        assert_eq!(clustered(2_000), 1);
    }

    /// Columns through a long line's clusters are those of
    /// `LineIndex::position`, inside a character, a cluster, or at the
    /// line's end.
    #[test]
    fn positions_through_clusters_match_the_line_index() {
        let src = format!(
            "{}e\u{301}가나 \r\n{}x\n",
            "ab가 ".repeat(60),
            "글".repeat(70)
        );
        let index = LineIndex::new(&src);
        let long = LongLines::new(&src, &index);
        let wanted = [(
            Span::new(src.len() - 3, src.len() - 2),
            cs::LabelStyle::Primary,
            "",
        )];
        let _ = Excerpt::new("d.txt", &src, &long, &wanted);
        let wanted = [(Span::new(5, 6), cs::LabelStyle::Primary, "")];
        let excerpt = Excerpt::new("d.txt", &src, &long, &wanted);
        assert!(!excerpt.text.is_empty());
        for offset in 0..=src.len() {
            assert_eq!(
                long_position(&long, offset),
                index.position(&src, offset),
                "offset {offset}"
            );
        }
    }
}
