//! Byte offsets to 1-based lines and columns (columns count Unicode scalar
//! values), with the same line breaks as the parser: `\n`, `\r\n`, `\r`.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(src: &str) -> Self {
        let mut starts = vec![0];
        let bytes = src.as_bytes();
        // Only the line breaks are visited (memchr's vectorised search):
        // a byte-at-a-time loop here cost more than reading the file.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    /// The 0-based line holding `offset` (offsets past the end count as the
    /// last line; a line's break belongs to the line it ends).
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The byte range of line `line` (0-based) without its line break;
    /// `None` past the last line.
    pub fn line_content(&self, src: &str, line: usize) -> Option<std::ops::Range<usize>> {
        let start = (*self.starts.get(line)?).min(src.len());
        let mut end = self.starts.get(line + 1).map_or(src.len(), |&next| next);
        let bytes = src.as_bytes();
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        Some(start..end.max(start))
    }

    /// The position of `offset`; offsets past the end clamp to it, offsets
    /// inside a character count as that character.
    pub fn position(&self, src: &str, offset: usize) -> Position {
        let offset = offset.min(src.len());
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts[line];
        let column = src.get(start..offset).map_or_else(
            || {
                src[start..]
                    .char_indices()
                    .take_while(|(i, _)| start + i < offset)
                    .count()
            },
            |s| s.chars().count(),
        ) + 1;
        Position {
            line: line + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        let src = "ab\n가나\r\nc\rd";
        let idx = LineIndex::new(src);
        assert_eq!(idx.position(src, 0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(src, 3), Position { line: 2, column: 1 });
        assert_eq!(idx.position(src, 6), Position { line: 2, column: 2 });
        assert_eq!(idx.position(src, 11), Position { line: 3, column: 1 });
        assert_eq!(idx.position(src, 13), Position { line: 4, column: 1 });
        assert_eq!(idx.position(src, 99), Position { line: 4, column: 2 });
        assert_eq!(idx.line_of(2), 0);
        assert_eq!(idx.line_of(3), 1);
        assert_eq!(idx.line_of(99), 3);
        assert_eq!(idx.line_content(src, 0), Some(0..2));
        assert_eq!(idx.line_content(src, 1), Some(3..9));
        assert_eq!(idx.line_content(src, 2), Some(11..12));
        assert_eq!(idx.line_content(src, 3), Some(13..14));
        assert_eq!(idx.line_content(src, 4), None);
    }
}
