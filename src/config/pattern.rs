//! Glob patterns of a configuration (`include`, `exclude`,
//! `per-file-ignores`), relative to the folder of the file that wrote them,
//! and the patterns that read a date from a file name (`date-patterns`).

use crate::syntax::date::Date;
use std::path::{Component, Path, PathBuf};

/// A glob as written in a configuration, anchored at a folder.
///
/// A pattern without `/` (`LICENSE.txt`, `*.txt`, `drafts`) matches a file
/// name or the name of any folder the file is in, below the anchor; one
/// with `/` (`archive/2019/*.txt`, `old/`) matches the path from the anchor,
/// or a folder on that path (so `archive/2019` covers every file below it).
/// A leading `!` negates the pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    text: String,
    root: PathBuf,
    negated: bool,
    by_name: bool,
    matcher: globset::GlobMatcher,
}

impl Pattern {
    /// `root` should be absolute (the folder of the configuration file, or
    /// the current folder for the command line).
    pub fn new(text: &str, root: &Path) -> Result<Self, String> {
        let (negated, body) = match text.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let body = body.trim_start_matches("./").trim_end_matches('/');
        if body.is_empty() {
            return Err(format!("`{text}` is an empty pattern"));
        }
        let by_name = !body.contains('/');
        let body = body.trim_start_matches('/');
        let matcher = globset::GlobBuilder::new(body)
            .literal_separator(true)
            .backslash_escape(true)
            .build()
            .map_err(|e| format!("`{text}` is not a valid glob: {}", e.kind()))?
            .compile_matcher();
        Ok(Pattern {
            text: text.to_string(),
            root: root.to_path_buf(),
            negated,
            by_name,
            matcher,
        })
    }

    /// The pattern as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the pattern (with its `!` applied) covers `path`, which
    /// should be absolute and free of `.` and `..` (a canonical path). A
    /// path outside the anchor folder matches no positive pattern.
    pub fn matches(&self, path: &Path) -> bool {
        self.matches_plain(path) != self.negated
    }

    fn matches_plain(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        if self.by_name {
            rel.components().any(|c| match c {
                Component::Normal(name) => self.matcher.is_match(Path::new(name)),
                _ => false,
            })
        } else {
            rel.ancestors()
                .filter(|a| !a.as_os_str().is_empty())
                .any(|a| self.matcher.is_match(a))
        }
    }
}

/// How a date is read from a file name: a pattern over the whole name
/// with the fields `{yyyy}` (four digits), `{yy}` (two digits, 20yy),
/// `{mm}` and `{dd}` (two digits), `{m}` and `{d}` (one or two digits), and
/// `*` for any run of characters. `notes_{dd}.{mm}.{yyyy}.txt` reads
/// `notes_25.04.2025.txt`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatePattern {
    text: String,
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Part {
    Literal(char),
    Any,
    Field {
        field: Field,
        min: usize,
        max: usize,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Year4,
    Year2,
    Month,
    Day,
}

impl DatePattern {
    pub fn new(text: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut rest = text;
        let (mut year, mut month, mut day) = (false, false, false);
        while let Some(c) = rest.chars().next() {
            if c == '{' {
                let Some(close) = rest.find('}') else {
                    return Err(format!("`{text}`: a `{{` without its `}}`"));
                };
                let name = rest.get(1..close).unwrap_or("");
                let (field, min, max) = match name {
                    "yyyy" => (Field::Year4, 4, 4),
                    "yy" => (Field::Year2, 2, 2),
                    "mm" => (Field::Month, 2, 2),
                    "m" => (Field::Month, 1, 2),
                    "dd" => (Field::Day, 2, 2),
                    "d" => (Field::Day, 1, 2),
                    _ => {
                        return Err(format!(
                            "`{text}`: unknown field `{{{name}}}` (known: {{yyyy}} {{yy}} {{mm}} {{m}} {{dd}} {{d}})"
                        ));
                    }
                };
                let seen = match field {
                    Field::Year4 | Field::Year2 => &mut year,
                    Field::Month => &mut month,
                    Field::Day => &mut day,
                };
                if *seen {
                    return Err(format!("`{text}`: `{{{name}}}` twice"));
                }
                *seen = true;
                parts.push(Part::Field { field, min, max });
                rest = rest.get(close + 1..).unwrap_or("");
            } else {
                parts.push(if c == '*' {
                    Part::Any
                } else {
                    Part::Literal(c)
                });
                rest = rest.get(c.len_utf8()..).unwrap_or("");
            }
        }
        if !(year && month && day) {
            return Err(format!(
                "`{text}` needs a year ({{yyyy}} or {{yy}}), a month ({{mm}} or {{m}}) and a day ({{dd}} or {{d}})"
            ));
        }
        Ok(DatePattern {
            text: text.to_string(),
            parts,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The date `name` carries by this pattern, if it matches the whole
    /// name. The date is not checked against the calendar.
    pub fn date(&self, name: &str) -> Option<Date> {
        let chars: Vec<char> = name.chars().collect();
        let mut found = [0u32; 3];
        if match_parts(&self.parts, &chars, &mut found) {
            Some(Date {
                year: found[0],
                month: found[1],
                day: found[2],
            })
        } else {
            None
        }
    }
}

fn match_parts(parts: &[Part], text: &[char], found: &mut [u32; 3]) -> bool {
    let Some((first, rest)) = parts.split_first() else {
        return text.is_empty();
    };
    match first {
        Part::Literal(c) => text.first() == Some(c) && match_parts(rest, &text[1..], found),
        Part::Any => (0..=text.len()).any(|skip| match_parts(rest, &text[skip..], found)),
        Part::Field { field, min, max } => {
            let digits = text.iter().take_while(|c| c.is_ascii_digit()).count();
            (*min..=(*max).min(digits)).rev().any(|n| {
                let value = text[..n]
                    .iter()
                    .fold(0u32, |v, c| v * 10 + c.to_digit(10).unwrap_or(0));
                let (slot, value) = match field {
                    Field::Year4 => (0, value),
                    Field::Year2 => (0, 2000 + value),
                    Field::Month => (1, value),
                    Field::Day => (2, value),
                };
                found[slot] = value;
                match_parts(rest, &text[n..], found)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        let root = Path::new("/a");
        let p = |t: &str| Pattern::new(t, root).unwrap_or_else(|e| panic!("{e}"));
        assert!(p("LICENSE.txt").matches(Path::new("/a/LICENSE.txt")));
        assert!(p("LICENSE.txt").matches(Path::new("/a/sub/LICENSE.txt")));
        assert!(!p("LICENSE.txt").matches(Path::new("/b/LICENSE.txt")));
        assert!(p("drafts").matches(Path::new("/a/x/drafts/2025-01-01.txt")));
        assert!(p("archive/2019").matches(Path::new("/a/archive/2019/x.txt")));
        assert!(!p("archive/2019").matches(Path::new("/a/x/archive/2019/x.txt")));
        assert!(p("archive/*.txt").matches(Path::new("/a/archive/x.txt")));
        assert!(!p("archive/*.txt").matches(Path::new("/a/archive/deep/x.txt")));
        assert!(p("archive/**/*.txt").matches(Path::new("/a/archive/deep/x.txt")));
        assert!(p("!*.md").matches(Path::new("/a/x.txt")));
        assert!(!p("!*.txt").matches(Path::new("/a/x.txt")));
        assert!(Pattern::new("[", root).is_err());
        assert!(Pattern::new("!", root).is_err());
        // A pattern keeps what was written, `!` included.
        assert_eq!(p("!*.md").as_str(), "!*.md");
    }

    #[test]
    fn date_patterns() {
        let d = |p: &str, n: &str| {
            DatePattern::new(p)
                .unwrap_or_else(|e| panic!("{e}"))
                .date(n)
                .map(|d| (d.year, d.month, d.day))
        };
        assert_eq!(
            d("notes_{dd}.{mm}.{yyyy}.txt", "notes_25.04.2025.txt"),
            Some((2025, 4, 25))
        );
        assert_eq!(d("{yy}{mm}{dd}*", "250425-papers.txt"), Some((2025, 4, 25)));
        assert_eq!(
            d("*{yyyy}-{m}-{d}.txt", "log 2025-4-5.txt"),
            Some((2025, 4, 5))
        );
        assert_eq!(d("{yyyy}-{mm}-{dd}.txt", "2025-04-25.md"), None);
        assert_eq!(d("{yyyy}-{mm}-{dd}.txt", "LICENSE.txt"), None);
        assert!(DatePattern::new("{yyyy}{mm}.txt").is_err());
        assert!(DatePattern::new("{yyyy}{mm}{x}").is_err());
        assert!(DatePattern::new("{yyyy}{mm}{dd}{dd}").is_err());
        assert!(DatePattern::new("{yyyy").is_err());
        assert_eq!(
            DatePattern::new("notes_{dd}.{mm}.{yyyy}.txt")
                .map(|p| p.as_str().to_string())
                .as_deref(),
            Ok("notes_{dd}.{mm}.{yyyy}.txt")
        );
    }
}
